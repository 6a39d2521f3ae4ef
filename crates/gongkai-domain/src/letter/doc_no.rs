//! 文号: an agency's numbering pattern for its letters, such as `{机关简称}依申公开〔{年}〕第{序号}号`
//! → “袁政依申公开〔2026〕第5号”. The year sits in 六角括号 (GB/T 9704—2012 7.2.4); the serial
//! may be zero-padded (`{序号:3}` → 005). Keeping the serial unique per year is the store's job.

use super::LetterError;
use super::template::{Segment, segments};

/// The pattern used when an agency has not set its own.
pub const DEFAULT_DOC_NO: &str = "〔{年}〕第{序号}号";

/// Brackets that GB/T 9704 does not allow around the year.
const WRONG_BRACKETS: [(char, char); 6] = [
    ('[', ']'),
    ('［', '］'),
    ('【', '】'),
    ('(', ')'),
    ('（', '）'),
    ('﹝', '﹞'),
];

/// A checked 文号 pattern with the agency's short name already in place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocNoPattern {
    source: String,
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Year,
    Serial { width: usize },
}

impl DocNoPattern {
    /// Checks `pattern`: `{年}` and `{序号}` exactly once each, no other placeholder than
    /// `{机关简称}` (replaced by `short_name`, which must then be set), the year not in square or
    /// round brackets.
    pub fn parse(pattern: &str, short_name: &str) -> Result<DocNoPattern, LetterError> {
        let source = pattern.trim();
        if source.is_empty() {
            return Err(LetterError::EmptyDocNo);
        }
        let mut parts = Vec::new();
        for segment in segments("文号格式", source)? {
            parts.push(match segment {
                Segment::Text(t) => Part::Text(t),
                Segment::Field(name) => field(&name, short_name)?,
            });
        }
        for (part, name) in [(Part::Year, "年"), (Part::Serial { width: 0 }, "序号")] {
            let count = parts
                .iter()
                .filter(|p| std::mem::discriminant(*p) == std::mem::discriminant(&part))
                .count();
            if count != 1 {
                return Err(LetterError::DocNoPart(name));
            }
        }
        check_brackets(&parts)?;
        Ok(DocNoPattern {
            source: source.to_owned(),
            parts,
        })
    }

    /// The number of the `serial`-th letter of `year`.
    pub fn format(&self, year: i32, serial: u32) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Year => year.to_string(),
                Part::Serial { width } => format!("{serial:0width$}"),
            })
            .collect()
    }

    /// The pattern as the agency wrote it.
    pub fn as_str(&self) -> &str {
        &self.source
    }
}

fn field(name: &str, short_name: &str) -> Result<Part, LetterError> {
    match name {
        "年" => Ok(Part::Year),
        "序号" => Ok(Part::Serial { width: 0 }),
        "机关简称" if short_name.trim().is_empty() => Err(LetterError::DocNoShortName),
        "机关简称" => Ok(Part::Text(short_name.trim().to_owned())),
        _ => {
            let Some(width) = name
                .strip_prefix("序号:")
                .or_else(|| name.strip_prefix("序号："))
            else {
                return Err(LetterError::DocNoUnknown(name.to_owned()));
            };
            match width.trim().parse::<usize>() {
                Ok(w @ 1..=6) => Ok(Part::Serial { width: w }),
                _ => Err(LetterError::DocNoWidth(name.to_owned())),
            }
        }
    }
}

/// Refuses `[{年}]`, `（{年}）` and the like.
fn check_brackets(parts: &[Part]) -> Result<(), LetterError> {
    let Some(i) = parts.iter().position(|p| *p == Part::Year) else {
        return Ok(());
    };
    let before = match i.checked_sub(1).map(|j| &parts[j]) {
        Some(Part::Text(t)) => t.chars().last(),
        _ => None,
    };
    let after = match parts.get(i + 1) {
        Some(Part::Text(t)) => t.chars().next(),
        _ => None,
    };
    for (open, close) in WRONG_BRACKETS {
        if before == Some(open) || after == Some(close) {
            return Err(LetterError::DocNoBrackets(format!("{open}{close}")));
        }
    }
    Ok(())
}
