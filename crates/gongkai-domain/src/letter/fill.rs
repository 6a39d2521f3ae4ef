//! Filling a template: every placeholder gets its value, or the fill fails naming the one that has
//! none. The frame of the letter — addressee, signer, date, 文号, contact — comes from the same
//! values, so one [`Fields`] describes the whole letter.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::template::Segment;
use super::{Letter, LetterError, Template, chinese_date, yuan, yuan_upper};

/// The placeholder that carries the letter's date (set it with [`Fields::set_date`]).
pub const DATE: &str = "成文日期";
/// The placeholder that carries the signing agency's name.
pub const SIGNER: &str = "机关名称";
/// The placeholder that carries the letter's number (optional).
pub const DOC_NO: &str = "文号";

/// Punctuation that ends a clause: a value ending in one is not doubled by the template's own.
const CLAUSE_END: &[char] = &['。', '；', '，', '、', '！', '？', '：', ';', ',', '.'];

/// Placeholder name → value, plus the letter's date and attachments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    values: BTreeMap<String, String>,
    date: Option<NaiveDate>,
    attachments: Vec<String>,
}

impl Fields {
    /// No values yet.
    pub fn new() -> Fields {
        Fields::default()
    }

    /// Sets a placeholder's value (a value with line breaks becomes several paragraphs).
    pub fn set(&mut self, name: &str, value: impl Into<String>) -> &mut Fields {
        self.values.insert(name.to_owned(), value.into());
        self
    }

    /// [`Fields::set`], by value.
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Fields {
        self.set(name, value);
        self
    }

    /// Sets a date, written “2026年12月1日”; for [`DATE`] it is also the letter's date.
    pub fn set_date(&mut self, name: &str, date: NaiveDate) -> &mut Fields {
        if name == DATE {
            self.date = Some(date);
        }
        self.set(name, chinese_date(date))
    }

    /// [`Fields::set_date`], by value.
    pub fn with_date(mut self, name: &str, date: NaiveDate) -> Fields {
        self.set_date(name, date);
        self
    }

    /// Sets an amount of money given in 分, written in 元; for `收费金额` also sets
    /// `收费金额大写` (the amount in capital numerals, as on a payment notice).
    pub fn set_money(&mut self, name: &str, fen: u64) -> &mut Fields {
        if name == "收费金额" {
            self.set("收费金额大写", yuan_upper(fen));
        }
        self.set(name, yuan(fen))
    }

    /// Adds an attachment by name (附件).
    pub fn attach(&mut self, name: impl Into<String>) -> &mut Fields {
        self.attachments.push(name.into());
        self
    }

    /// Takes every value, the date and the attachments of `other` (its values win).
    pub fn merge(&mut self, other: &Fields) -> &mut Fields {
        for (name, value) in &other.values {
            self.values.insert(name.clone(), value.clone());
        }
        if other.date.is_some() {
            self.date = other.date;
        }
        self.attachments.extend(other.attachments.iter().cloned());
        self
    }

    /// A value, trimmed; `None` when unset or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The letter's date.
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
    }
}

/// Fills `template` with `fields` into a letter. Fails, naming the placeholder, when one that the
/// template uses — or the addressee or [`SIGNER`] — has no value, or when [`DATE`] is not set
/// as a date.
pub fn fill(template: &Template, fields: &Fields) -> Result<Letter, LetterError> {
    let kind = template.kind();
    let need = |name: &str| {
        fields
            .get(name)
            .map(str::to_owned)
            .ok_or_else(|| LetterError::MissingValue {
                kind: kind.name(),
                name: name.to_owned(),
            })
    };
    let title = substitute(&template.pieces(template.title()), &need)?;
    let body = substitute(&template.pieces(template.body()), &need)?;
    let paragraphs = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let contact = [("联系人", "联系人"), ("联系电话", "联系电话")]
        .iter()
        .filter_map(|(name, label)| fields.get(name).map(|v| format!("{label}：{v}")))
        .collect::<Vec<_>>();
    Ok(Letter {
        kind,
        title: title.split_whitespace().collect::<Vec<_>>().join(" "),
        doc_no: fields.get(DOC_NO).map(str::to_owned),
        addressee: need(kind.addressee_placeholder())?,
        paragraphs,
        signer: need(SIGNER)?,
        date: fields
            .date
            .ok_or(LetterError::MissingDate { kind: kind.name() })?,
        attachments: fields
            .attachments
            .iter()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect(),
        contact: (!contact.is_empty()).then(|| contact.join("，")),
    })
}

/// The segments with every placeholder replaced by its value. A value's final punctuation is
/// dropped when the template's own punctuation follows it (no “。。”).
fn substitute(
    segments: &[Segment],
    value: &dyn Fn(&str) -> Result<String, LetterError>,
) -> Result<String, LetterError> {
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Text(t) => out.push_str(t),
            Segment::Field(name) => {
                let v = value(name)?;
                let next_is_punct = matches!(segments.get(i + 1),
                    Some(Segment::Text(t)) if t.starts_with(CLAUSE_END));
                let v = if next_is_punct {
                    v.trim_end_matches(CLAUSE_END)
                } else {
                    &v
                };
                out.push_str(v);
            }
        }
    }
    Ok(out)
}
