//! 索引号 (REGULATION.md §5.3): each agency numbers its 政府信息公开目录 with its own pattern. There
//! is no national format; the default is the gov.cn style `{机构代码}/{年份}-{五位流水号}` →
//! `737407952/2021-00001`. The serial is unique per agency and year and never reused — the store
//! keeps the counter; [`IndexNoPattern::read`] recovers year and serial from an existing number
//! (a document moved in) so that the counter can start above it.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::agency::AgencyCode;

/// The pattern used when an agency has not set its own (gov.cn style).
pub const DEFAULT_INDEX_PATTERN: &str = "{机构代码}/{年份}-{五位流水号}";
/// The longest 索引号 kept (the longest real ones, 21-digit provincial numbers, fit easily).
pub const MAX_INDEX_NO_CHARS: usize = 80;
/// The longest literal text in a pattern.
const MAX_PATTERN_TEXT: usize = 24;

/// Why a 索引号 or a 索引号 pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexNoError {
    /// An empty 索引号.
    #[error("索引号不能为空")]
    Empty,
    /// Too long.
    #[error("索引号不超过{MAX_INDEX_NO_CHARS}个字符")]
    TooLong,
    /// Spaces or control characters inside.
    #[error("索引号“{0}”不能包含空格或控制字符")]
    BadChar(String),
    /// An empty pattern.
    #[error("索引号格式不能为空")]
    EmptyPattern,
    /// `{` without `}` or the other way round.
    #[error("索引号格式“{0}”中的花括号不成对")]
    Braces(String),
    /// A placeholder the pattern language does not have.
    #[error(
        "索引号格式中有未知的占位符“{{{0}}}”：可用{{机构代码}}、{{年份}}、{{月份}}、{{流水号}}（补零写作{{流水号:5}}或{{五位流水号}}）"
    )]
    Unknown(String),
    /// A placeholder missing or repeated.
    #[error("索引号格式须{0}")]
    Count(&'static str),
    /// A serial width outside 1–9.
    #[error("索引号格式“{{{0}}}”中的流水号位数应为1至9")]
    Width(String),
    /// The serial directly followed by the year or the month: the number could not be read back.
    #[error("索引号格式中流水号之后须有分隔符（如“-”），不能紧接年份或月份")]
    SerialAdjacent,
    /// Literal text with spaces, control characters, or too long.
    #[error("索引号格式中的文字“{0}”不能包含空格或控制字符，且不超过24个字符")]
    Text(String),
    /// A serial of zero.
    #[error("索引号流水号从1开始")]
    SerialZero,
    /// A year outside 1000–9999.
    #[error("索引号年份{0}无效")]
    Year(i32),
    /// A month outside 1–12.
    #[error("索引号月份{0}无效")]
    Month(u32),
}

/// An existing 索引号, as printed: 1–80 characters without spaces or control characters;
/// full-width letters, digits and symbols (`／`, `－`, copied from Word) are folded to half width.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IndexNo(String);

impl IndexNo {
    /// Parses an existing 索引号 (e.g. `000014349/2018-00222`, `01527918X-2020-153077`).
    pub fn parse(s: &str) -> Result<IndexNo, IndexNoError> {
        let s: String = s.trim().chars().map(half_width).collect();
        if s.is_empty() {
            return Err(IndexNoError::Empty);
        }
        if s.chars().count() > MAX_INDEX_NO_CHARS {
            return Err(IndexNoError::TooLong);
        }
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(IndexNoError::BadChar(s));
        }
        Ok(IndexNo(s))
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IndexNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for IndexNo {
    type Error = IndexNoError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        IndexNo::parse(&s)
    }
}

impl From<IndexNo> for String {
    fn from(i: IndexNo) -> String {
        i.0
    }
}

impl TryFrom<String> for IndexNoPattern {
    type Error = IndexNoError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        IndexNoPattern::parse(&s)
    }
}

impl From<IndexNoPattern> for String {
    fn from(p: IndexNoPattern) -> String {
        p.source
    }
}

/// A full-width ASCII character (U+FF01–U+FF5E) as its half-width form; others unchanged.
pub(crate) fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Code,
    Year,
    Month,
    Serial { width: usize },
}

/// What [`IndexNoPattern::read`] finds in a number the pattern made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexParts {
    /// 年份.
    pub year: i32,
    /// 月份, when the pattern has one.
    pub month: Option<u32>,
    /// 流水号.
    pub serial: u32,
}

/// An agency's checked 索引号 pattern: `{年份}` and `{流水号}` exactly once, `{机构代码}` and
/// `{月份}` at most once, the serial followed by a separator or the end. Stored as its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IndexNoPattern {
    source: String,
    parts: Vec<Part>,
}

impl Default for IndexNoPattern {
    fn default() -> Self {
        IndexNoPattern::parse(DEFAULT_INDEX_PATTERN).expect("the default pattern is valid")
    }
}

impl IndexNoPattern {
    /// Checks an agency's pattern. Placeholders: `{机构代码}` (or `{机关代码}`), `{年份}`,
    /// `{月份}` (two digits), `{流水号}` — zero-padded as `{流水号:5}` or `{五位流水号}`.
    pub fn parse(pattern: &str) -> Result<IndexNoPattern, IndexNoError> {
        let source = pattern.trim();
        if source.is_empty() {
            return Err(IndexNoError::EmptyPattern);
        }
        let parts = split(source)?;
        let count = |want: fn(&Part) -> bool| parts.iter().filter(|p| want(p)).count();
        if count(|p| *p == Part::Year) != 1 {
            return Err(IndexNoError::Count("包含且只包含一个{年份}"));
        }
        if count(|p| matches!(p, Part::Serial { .. })) != 1 {
            return Err(IndexNoError::Count("包含且只包含一个{流水号}"));
        }
        if count(|p| *p == Part::Code) > 1 || count(|p| *p == Part::Month) > 1 {
            return Err(IndexNoError::Count("至多包含一个{机构代码}和一个{月份}"));
        }
        let serial_at = parts.iter().position(|p| matches!(p, Part::Serial { .. }));
        if let Some(Part::Year | Part::Month) = serial_at.and_then(|i| parts.get(i + 1)) {
            return Err(IndexNoError::SerialAdjacent);
        }
        Ok(IndexNoPattern {
            source: source.to_owned(),
            parts,
        })
    }

    /// The pattern as the agency wrote it.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether the pattern has a `{月份}`.
    pub fn has_month(&self) -> bool {
        self.parts.contains(&Part::Month)
    }

    /// The 索引号 of the `serial`-th document of `year` (`month` is used only by patterns that
    /// have `{月份}`). A serial wider than the padding is printed whole.
    pub fn format(
        &self,
        code: &AgencyCode,
        year: i32,
        month: u32,
        serial: u32,
    ) -> Result<IndexNo, IndexNoError> {
        if !(1000..=9999).contains(&year) {
            return Err(IndexNoError::Year(year));
        }
        if !(1..=12).contains(&month) {
            return Err(IndexNoError::Month(month));
        }
        if serial == 0 {
            return Err(IndexNoError::SerialZero);
        }
        let text: String = self
            .parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Code => code.as_str().to_owned(),
                Part::Year => year.to_string(),
                Part::Month => format!("{month:02}"),
                Part::Serial { width } => format!("{serial:0width$}"),
            })
            .collect();
        IndexNo::parse(&text)
    }

    /// Year, month and serial of `index` if this pattern, with `code`, made it; `None` otherwise
    /// (a number from another system, kept as it is).
    pub fn read(&self, code: &AgencyCode, index: &IndexNo) -> Option<IndexParts> {
        let mut rest = index.as_str();
        let mut found = IndexParts {
            year: 0,
            month: None,
            serial: 0,
        };
        for part in &self.parts {
            rest = match part {
                Part::Text(t) => rest.strip_prefix(t.as_str())?,
                Part::Code => rest.strip_prefix(code.as_str())?,
                Part::Year => take_digits(rest, 4, |n| found.year = n as i32)?,
                Part::Month => take_digits(rest, 2, |n| found.month = Some(n))?,
                Part::Serial { .. } => {
                    let len = rest.bytes().take_while(u8::is_ascii_digit).count();
                    take_digits(rest, len, |n| found.serial = n)?
                }
            };
        }
        let month_ok = found.month.is_none_or(|m| (1..=12).contains(&m));
        (rest.is_empty() && month_ok && found.serial > 0).then_some(found)
    }
}

/// Reads exactly `len` ASCII digits at the start of `s` (at most 9), hands the number to `put`,
/// and returns the rest.
fn take_digits(s: &str, len: usize, put: impl FnOnce(u32)) -> Option<&str> {
    if len == 0 || len > 9 || s.len() < len || !s.as_bytes()[..len].iter().all(u8::is_ascii_digit) {
        return None;
    }
    put(s[..len].parse().ok()?);
    Some(&s[len..])
}

/// Splits a pattern into literal text and placeholders.
fn split(source: &str) -> Result<Vec<Part>, IndexNoError> {
    let braces = || IndexNoError::Braces(source.to_owned());
    let mut parts = Vec::new();
    let mut rest = source;
    while !rest.is_empty() {
        let open = rest.find(['{', '｛']);
        let close = rest.find(['}', '｝']);
        match (open, close) {
            (None, None) => {
                parts.push(text(rest)?);
                break;
            }
            (Some(o), Some(c)) if o < c && !rest[o + 1..c].contains(['{', '｛']) => {
                if o > 0 {
                    parts.push(text(&rest[..o])?);
                }
                let name_start = o + rest[o..].chars().next().map_or(1, char::len_utf8);
                parts.push(placeholder(rest[name_start..c].trim())?);
                rest = &rest[c + rest[c..].chars().next().map_or(1, char::len_utf8)..];
            }
            _ => return Err(braces()),
        }
    }
    Ok(parts)
}

fn text(t: &str) -> Result<Part, IndexNoError> {
    let bad = t.chars().count() > MAX_PATTERN_TEXT
        || t.chars()
            .any(|c| c.is_whitespace() || c.is_control() || "{}｛｝".contains(c));
    if bad {
        return Err(IndexNoError::Text(t.to_owned()));
    }
    Ok(Part::Text(t.chars().map(half_width).collect()))
}

fn placeholder(name: &str) -> Result<Part, IndexNoError> {
    match name {
        "机构代码" | "机关代码" => return Ok(Part::Code),
        "年份" | "年" => return Ok(Part::Year),
        "月份" | "月" => return Ok(Part::Month),
        "流水号" => return Ok(Part::Serial { width: 0 }),
        _ => {}
    }
    let width = if let Some(w) = name
        .strip_prefix("流水号:")
        .or_else(|| name.strip_prefix("流水号："))
    {
        w.trim().parse::<usize>().ok()
    } else if let Some(w) = name.strip_suffix("位流水号") {
        digit_value(w)
    } else {
        return Err(IndexNoError::Unknown(name.to_owned()));
    };
    match width {
        Some(w @ 1..=9) => Ok(Part::Serial { width: w }),
        _ => Err(IndexNoError::Width(name.to_owned())),
    }
}

/// `5` or `五` → 5.
fn digit_value(s: &str) -> Option<usize> {
    const NUMERALS: &str = "一二三四五六七八九";
    let mut chars = s.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    c.to_digit(10)
        .map(|d| d as usize)
        .or_else(|| NUMERALS.chars().position(|n| n == c).map(|i| i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_pattern_prints_the_gov_cn_style() {
        let code = AgencyCode::parse("737407952").unwrap();
        let p = IndexNoPattern::default();
        let i = p.format(&code, 2021, 3, 1).unwrap();
        assert_eq!(i.as_str(), "737407952/2021-00001");
        assert_eq!(
            p.read(&code, &i),
            Some(IndexParts {
                year: 2021,
                month: None,
                serial: 1
            })
        );
    }

    #[test]
    fn digit_names_are_arabic_or_chinese() {
        assert_eq!(digit_value("五"), Some(5));
        assert_eq!(digit_value("9"), Some(9));
        assert_eq!(digit_value("十"), None);
        assert_eq!(digit_value("55"), None);
    }
}
