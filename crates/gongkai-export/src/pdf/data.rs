//! The template's `sys.inputs`: the report outline and its grids as typst values. Text is passed
//! as strings, never spliced into markup, so no escaping is needed and none can go wrong.

use crate::layout::{self, Content, Grid, Placed};
use gongkai_domain::report::AnnualReport;
use typst::foundations::{Array, Dict, Str, Value};

/// Tables up to this many rows are kept on one page rather than split (a split breaks the
/// row-spanning labels of table 三); longer ones may break, with their header repeated.
const KEEP_ROWS: usize = 40;

/// Everything the template reads.
pub(super) fn inputs(report: &AnnualReport) -> Dict {
    let parts = layout::outline(report).into_iter().map(|part| {
        let paragraphs = part.paragraphs.iter().map(|p| text(p));
        dict([
            ("heading", text(part.heading)),
            ("paragraphs", Value::Array(paragraphs.collect())),
            ("table", part.table.as_ref().map_or(Value::None, grid)),
        ])
    });
    let mut out = Dict::new();
    out.insert("title".into(), strings(&layout::title_lines(report)));
    out.insert("parts".into(), Value::Array(parts.collect()));
    out
}

fn grid(g: &Grid) -> Value {
    let widths: Array = g.widths.iter().map(|w| Value::Int(i64::from(*w))).collect();
    dict([
        ("header", int(g.header_rows)),
        ("keep", Value::Bool(g.height <= KEEP_ROWS)),
        ("widths", Value::Array(widths)),
        ("cells", Value::Array(g.cells.iter().map(cell).collect())),
    ])
}

fn cell(c: &Placed) -> Value {
    let kind = match c.content {
        Content::Header(_) => "header",
        Content::Label(_) => "label",
        Content::Value(_) => "value",
    };
    dict([
        ("x", int(c.col)),
        ("y", int(c.row)),
        ("rows", int(c.rows)),
        ("cols", int(c.cols)),
        ("kind", text(kind)),
        ("text", text(&c.content.text())),
    ])
}

fn dict<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Dict(pairs.into_iter().map(|(k, v)| (Str::from(k), v)).collect())
}

fn text(s: &str) -> Value {
    Value::Str(Str::from(s))
}

fn strings(list: &[String]) -> Value {
    Value::Array(list.iter().map(|s| text(s)).collect())
}

/// Grid coordinates are small; saturate rather than fail on the impossible.
fn int(n: usize) -> Value {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}
