//! The one typst engine of the process, shared by the annual report and the letters: both
//! templates compiled into the binary, the fonts of [`crate::fonts`] loaded once. Every text
//! reaches a template as data in `sys.inputs`; before typesetting, each character of it is
//! checked against the loaded fonts, so a character no font has is reported, never drawn as a box.

use crate::ExportError;
use crate::fonts::{Families, fonts};
use std::sync::LazyLock;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Dict, Str, Value};
use typst_as_lib::{TypstAsLibError, TypstEngine, TypstTemplateCollection};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

/// The annual report's template.
pub(crate) const REPORT: &str = "report.typ";
/// The letter template.
pub(crate) const LETTER: &str = "letter.typ";

/// typst's memoised results unused for this many compiles are dropped (typst-as-lib's default,
/// 0, drops all after each compile). Measured with different inputs each time
/// (`benches/letters.rs`): a report 52 → 44 ms CPU, a letter about even; memory stays bounded.
const EVICT_AFTER: usize = 10;

/// The key under which the font families are passed (not checked for missing glyphs).
const FONTS_KEY: &str = "fonts";

static ENGINE: LazyLock<TypstEngine<TypstTemplateCollection>> = LazyLock::new(|| {
    TypstEngine::builder()
        .with_static_source_file_resolver([
            (REPORT, include_str!("pdf/report.typ")),
            (LETTER, include_str!("letter/letter.typ")),
        ])
        .fonts(fonts().fonts.iter().cloned())
        .comemo_evict_max_age(Some(EVICT_AFTER))
        .build()
});

/// Typesets `main` with `inputs` (plus the font families under `fonts`) into a PDF.
pub(crate) fn pdf(main: &str, mut inputs: Dict) -> Result<Vec<u8>, ExportError> {
    let missing = fonts().missing(texts(&inputs));
    if !missing.is_empty() {
        return Err(ExportError::MissingGlyphs {
            chars: missing
                .iter()
                .map(|c| format!("“{c}”（U+{:04X}）", u32::from(*c)))
                .collect::<Vec<_>>()
                .join("、"),
        });
    }
    inputs.insert(FONTS_KEY.into(), families(&fonts().families));
    let document: PagedDocument = ENGINE
        .compile_with_input(main, inputs)
        .output
        .map_err(|e| ExportError::Typeset(describe(&e)))?;
    typst_pdf::pdf(&document, &PdfOptions::default())
        .map_err(|diags| ExportError::Pdf(messages(&diags)))
}

/// Every string in `inputs`, at any depth.
fn texts(inputs: &Dict) -> Vec<&str> {
    fn walk<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Str(s) => out.push(s.as_str()),
            Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            Value::Dict(d) => d.iter().for_each(|(_, v)| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (key, value) in inputs.iter() {
        if key.as_str() != FONTS_KEY {
            walk(value, &mut out);
        }
    }
    out
}

fn families(f: &Families) -> Value {
    let list = |l: &[String]| {
        Value::Array(
            l.iter()
                .map(|s| Value::Str(Str::from(s.as_str())))
                .collect(),
        )
    };
    let mut d = Dict::new();
    for (key, value) in [
        ("serif", &f.serif),
        ("sans", &f.sans),
        ("fangsong", &f.fangsong),
        ("title", &f.title),
        ("kai", &f.kai),
    ] {
        d.insert(key.into(), list(value));
    }
    Value::Dict(d)
}

fn describe(error: &TypstAsLibError) -> String {
    match error {
        TypstAsLibError::TypstSource(diags) => messages(diags),
        other => other.to_string(),
    }
}

fn messages(diags: &[SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.message.as_str())
        .collect::<Vec<_>>()
        .join("；")
}
