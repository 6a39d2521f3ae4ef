//! Reading canonical JSON by hand over `serde_json::Value`, collecting every problem with its
//! field path and a Chinese message (see the parent module).

use super::JsonProblem;
use crate::report::table2::{self, ColKind, Item};
use crate::report::table3::Row;
use crate::report::table4::Group;
use crate::report::{
    AnnualReport, Cell, ExtraRow, Finding, Format, SCHEMA, Section, Severity, Table2, Table3,
    Table4, TableId,
};
use rust_decimal::Decimal;
use serde_json::{Map, Value};
use std::str::FromStr;

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "布尔值",
        Value::Number(_) => "数字",
        Value::String(_) => "字符串",
        Value::Array(_) => "数组",
        Value::Object(_) => "对象",
    }
}

const TOP_KEYS: [&str; 10] = [
    "schema",
    "format",
    "year",
    "agency",
    "table2",
    "table3",
    "table4",
    "extra_rows",
    "sections",
    "diagnostics",
];

/// Walks a JSON value into a report, noting every problem on the way.
#[derive(Default)]
pub(super) struct Reader {
    pub(super) problems: Vec<JsonProblem>,
}

impl Reader {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(JsonProblem {
            path: path.into(),
            message: message.into(),
        });
    }

    pub(super) fn report(&mut self, value: &Value) -> AnnualReport {
        let Some(obj) = value.as_object() else {
            self.fail("", format!("顶层应为 JSON 对象，实际是{}", kind_of(value)));
            return AnnualReport::default();
        };
        for key in obj.keys().filter(|k| !TOP_KEYS.contains(&k.as_str())) {
            self.fail(
                key.clone(),
                format!("未知字段；允许的字段：{}", TOP_KEYS.join("、")),
            );
        }
        match obj.get("schema") {
            Some(Value::String(s)) if s == SCHEMA => {}
            Some(v) => self.fail("schema", format!("应为 \"{SCHEMA}\"，实际是 {v}")),
            None => self.fail("schema", format!("缺少该字段，应为 \"{SCHEMA}\"")),
        }
        let format = self.format(obj.get("format"));
        let mut report = AnnualReport::new(format.unwrap_or_default());
        report.year = self.year(obj.get("year"));
        report.agency = self.opt_string("agency", obj.get("agency"));
        if let Some(format) = format {
            report.table2 = self.table2(format, obj.get("table2"));
            report.table3 = self.table3(format, obj.get("table3"));
        }
        report.table4 = self.table4(obj.get("table4"));
        report.extra_rows = self.extra_rows(obj.get("extra_rows"));
        report.sections = self.sections(obj.get("sections"));
        report.diagnostics = self.diagnostics(obj.get("diagnostics"));
        report
    }

    fn format(&mut self, v: Option<&Value>) -> Option<Format> {
        let parsed = v.and_then(Value::as_str).and_then(Format::parse);
        if parsed.is_none() {
            let found = v.map_or("缺少该字段".to_owned(), |v| format!("实际是 {v}"));
            self.fail(
                "format",
                format!("应为 \"2019\" 或 \"2021\"（报告格式版本），{found}"),
            );
        }
        parsed
    }

    fn year(&mut self, v: Option<&Value>) -> Option<i32> {
        match v {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => match n.as_i64() {
                Some(y @ 1990..=2100) => i32::try_from(y).ok(),
                _ => {
                    self.fail("year", format!("应为 1990 至 2100 之间的年份，实际是 {n}"));
                    None
                }
            },
            Some(v) => {
                self.fail("year", format!("应为整数年份或 null，实际是{}", kind_of(v)));
                None
            }
        }
    }

    fn opt_string(&mut self, path: &str, v: Option<&Value>) -> Option<String> {
        match v {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(v) => {
                self.fail(path, format!("应为字符串或 null，实际是{}", kind_of(v)));
                None
            }
        }
    }

    fn object<'a>(&mut self, path: &str, v: Option<&'a Value>) -> Option<&'a Map<String, Value>> {
        match v {
            None | Some(Value::Null) => None,
            Some(Value::Object(m)) => Some(m),
            Some(v) => {
                self.fail(path, format!("应为对象，实际是{}", kind_of(v)));
                None
            }
        }
    }

    fn cell(&mut self, path: &str, v: &Value) -> Cell {
        match v {
            Value::Null => Cell::Blank,
            Value::Number(n) => match parse_number(&n.to_string()) {
                Some(d) => Cell::Number(d),
                None => {
                    self.fail(path, format!("数字 {n} 超出范围"));
                    Cell::Blank
                }
            },
            Value::String(s) if parse_number(s.trim()).is_some() => {
                self.fail(
                    path,
                    format!("数字应写成 JSON 数字 {}，而不是字符串 \"{s}\"", s.trim()),
                );
                Cell::Token(s.clone())
            }
            Value::String(s) => Cell::Token(s.clone()),
            v => {
                self.fail(
                    path,
                    format!(
                        "单元格应为数字、null（空白）或字符串（如 \"/\"），实际是{}",
                        kind_of(v)
                    ),
                );
                Cell::Blank
            }
        }
    }

    fn cells<const N: usize>(&mut self, path: &str, v: &Value) -> Option<[Cell; N]> {
        let Some(arr) = v.as_array() else {
            self.fail(
                path,
                format!("应为 {N} 个单元格的数组，实际是{}", kind_of(v)),
            );
            return None;
        };
        if arr.len() != N {
            self.fail(path, format!("应有 {N} 个单元格，实际有 {} 个", arr.len()));
            return None;
        }
        let mut out: [Cell; N] = std::array::from_fn(|_| Cell::Blank);
        for (i, v) in arr.iter().enumerate() {
            out[i] = self.cell(&format!("{path}[{i}]"), v);
        }
        Some(out)
    }

    fn table2(&mut self, format: Format, v: Option<&Value>) -> Table2 {
        let mut out = Table2::new();
        let Some(obj) = self.object("table2", v) else {
            return out;
        };
        for (key, row) in obj {
            let path = format!("table2.{key}");
            let found = Item::from_key(key).and_then(|item| table2::find_item(format, item));
            let Some((block, def)) = found else {
                let keys: Vec<_> = table2::blocks(format)
                    .iter()
                    .flat_map(|b| b.items)
                    .map(|d| d.key)
                    .collect();
                self.fail(
                    path,
                    format!("{format}表二没有这一行；可用的行：{}", keys.join("、")),
                );
                continue;
            };
            let Some(cols) = self.object(&path, Some(row)) else {
                continue;
            };
            let mut cells = std::collections::BTreeMap::new();
            for (ckey, cv) in cols {
                let cpath = format!("{path}.{ckey}");
                match table2::all_cols(block).find(|c| c.key == ckey) {
                    // `amount_text` is the amount as printed: any string, “4166.18” too.
                    Some(c) if c.kind == ColKind::Text && cv.is_string() => {
                        cells.insert(c.col, Cell::Token(cv.as_str().unwrap_or("").to_owned()));
                    }
                    Some(c) => {
                        cells.insert(c.col, self.cell(&cpath, cv));
                    }
                    None => {
                        let keys: Vec<_> = table2::all_cols(block).map(|c| c.key).collect();
                        self.fail(
                            cpath,
                            format!("“{}”没有这一列；可用的列：{}", def.label, keys.join("、")),
                        );
                    }
                }
            }
            out.insert(def.item, cells);
        }
        out
    }

    fn table3(&mut self, format: Format, v: Option<&Value>) -> Table3 {
        let mut out = Table3::new();
        let Some(obj) = self.object("table3", v) else {
            return out;
        };
        for (key, cells) in obj {
            let path = format!("table3.{key}");
            // A 2021-format report may print （六） as one row (`REPORT_JSON.md` §1).
            let merged_ok = |r: &Row| *r == Row::Other && format == Format::F2021;
            match Row::from_key(key).filter(|r| r.def().formats.contains(format) || merged_ok(r)) {
                Some(row) => {
                    if let Some(cells) = self.cells::<7>(&path, cells) {
                        out.insert(row, cells);
                    }
                }
                None => {
                    let keys: Vec<_> = Row::of(format).map(|r| r.def().key).collect();
                    self.fail(
                        path,
                        format!("{format}表三没有这一行；可用的行：{}", keys.join("、")),
                    );
                }
            }
        }
        if out.contains_key(&Row::Other) && out.keys().any(|r| r.is_other_part()) {
            self.fail(
                "table3.other",
                "（六）其他处理要么印为一行（other），要么分为三行（other_no_correction、other_fee_unpaid、other_misc），不能同时出现",
            );
        }
        out
    }

    fn table4(&mut self, v: Option<&Value>) -> Table4 {
        let mut out = Table4::new();
        let Some(obj) = self.object("table4", v) else {
            return out;
        };
        for (key, cells) in obj {
            let path = format!("table4.{key}");
            match Group::from_key(key) {
                Some(g) => {
                    if let Some(cells) = self.cells::<5>(&path, cells) {
                        out.insert(g, cells);
                    }
                }
                None => self.fail(path, "表四没有这一组；可用的组：admin_review、litigation_direct、litigation_after_review"),
            }
        }
        out
    }

    fn extra_rows(&mut self, v: Option<&Value>) -> Vec<ExtraRow> {
        let Some(arr) = self.array("extra_rows", v) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, e) in arr.iter().enumerate() {
            let path = format!("extra_rows[{i}]");
            let table = e
                .get("table")
                .and_then(Value::as_str)
                .and_then(TableId::from_key);
            let label = e.get("label").and_then(Value::as_str);
            let cells = e.get("cells").and_then(Value::as_array);
            let (Some(table), Some(label), Some(cells)) = (table, label, cells) else {
                self.fail(path, "应为 {\"table\": \"table2|table3|table4\", \"label\": 字符串, \"cells\": 数组}");
                continue;
            };
            let cells = cells
                .iter()
                .enumerate()
                .map(|(j, c)| self.cell(&format!("{path}.cells[{j}]"), c))
                .collect();
            out.push(ExtraRow {
                table,
                label: label.to_owned(),
                cells,
            });
        }
        out
    }

    fn array<'a>(&mut self, path: &str, v: Option<&'a Value>) -> Option<&'a Vec<Value>> {
        match v {
            None | Some(Value::Null) => None,
            Some(Value::Array(a)) => Some(a),
            Some(v) => {
                self.fail(path, format!("应为数组，实际是{}", kind_of(v)));
                None
            }
        }
    }

    fn sections(&mut self, v: Option<&Value>) -> std::collections::BTreeMap<Section, String> {
        let mut out = std::collections::BTreeMap::new();
        let Some(obj) = self.object("sections", v) else {
            return out;
        };
        for (key, text) in obj {
            let path = format!("sections.{key}");
            match (Section::from_key(key), text) {
                (Some(s), Value::String(t)) => {
                    out.insert(s, t.clone());
                }
                (Some(_), Value::Null) => {}
                (Some(_), v) => self.fail(path, format!("应为字符串，实际是{}", kind_of(v))),
                (None, _) => self.fail(
                    path,
                    "没有这一部分；可用的部分：preface、overview、proactive、applications、appeals、problems、other",
                ),
            }
        }
        out
    }

    fn diagnostics(&mut self, v: Option<&Value>) -> Vec<Finding> {
        let Some(arr) = self.array("diagnostics", v) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, d) in arr.iter().enumerate() {
            let get = |k: &str| d.get(k).and_then(Value::as_str);
            let severity = get("severity").and_then(Severity::parse);
            match (get("rule"), severity, get("message")) {
                (Some(rule), Some(severity), Some(message)) => {
                    let cells = d.get("cells").and_then(Value::as_array).map(|a| {
                        a.iter().filter_map(Value::as_str).map(str::to_owned).collect()
                    });
                    let f = Finding::new(rule, severity, get("location").unwrap_or(""), message);
                    out.push(f.with_cells(cells.unwrap_or_default()));
                }
                _ => self.fail(
                    format!("diagnostics[{i}]"),
                    "应为 {\"rule\", \"severity\": error|warning|uncertain|info, \"location\", \"message\"}",
                ),
            }
        }
        out
    }
}

/// Parses a plain decimal number (`12`, `-3`, `4166.18`, `1e3`).
fn parse_number(s: &str) -> Option<Decimal> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        return None;
    }
    Decimal::from_str(s)
        .ok()
        .or_else(|| Decimal::from_scientific(s).ok())
}
