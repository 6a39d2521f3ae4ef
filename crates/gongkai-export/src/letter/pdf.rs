//! A letter's PDF: the letter as `sys.inputs` of `letter.typ`, typeset by the shared engine.

use super::Style;
use crate::{ExportError, typeset};
use gongkai_domain::letter::{Letter, chinese_date};
use typst::foundations::{Dict, Str, Value};

/// The letter as a PDF.
pub(super) fn render(letter: &Letter) -> Result<Vec<u8>, ExportError> {
    typeset::pdf(typeset::LETTER, inputs(letter))
}

fn inputs(letter: &Letter) -> Dict {
    let paragraphs = letter.paragraphs.iter().map(|p| {
        let mut d = Dict::new();
        d.insert("text".into(), text(p));
        d.insert("style".into(), text(Style::of(p).name()));
        Value::Dict(d)
    });
    let mut out = Dict::new();
    for (key, value) in [
        ("title", text(&letter.title)),
        ("doc_no", optional(letter.doc_no.as_deref())),
        ("addressee", text(&letter.addressee)),
        ("paragraphs", Value::Array(paragraphs.collect())),
        (
            "attachments",
            Value::Array(letter.attachments.iter().map(|a| text(a)).collect()),
        ),
        ("signer", text(&letter.signer)),
        ("date", text(&chinese_date(letter.date))),
        ("note", optional(letter.contact.as_deref())),
    ] {
        out.insert(key.into(), value);
    }
    out
}

fn text(s: &str) -> Value {
    Value::Str(Str::from(s))
}

fn optional(s: Option<&str>) -> Value {
    s.map_or(Value::None, text)
}
