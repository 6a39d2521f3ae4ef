//! 身份证明 of a natural person (《条例》第二十九条第一项): the kind of identity document and its
//! number, checked as far as each kind's numbering allows.
//!
//! The 居民身份证 number (公民身份号码, GB 11643-1999) is 6 digits of region, 8 of birth date, 3 of
//! sequence and a check character by ISO 7064 MOD 11-2; 港澳台居民居住证 numbers follow the same
//! scheme with the prefixes 810000/820000/830000, and the 18-character 外国人永久居留身份证 begins
//! with 9 and carries the same check character. The other documents get format checks only.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::choice::Choice;

/// The kind of identity document (证件类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    /// 居民身份证.
    ResidentId,
    /// 护照.
    Passport,
    /// 港澳居民来往内地通行证.
    HkMacaoPermit,
    /// 台湾居民来往大陆通行证.
    TaiwanPermit,
    /// 外国人永久居留身份证.
    ForeignPermanentResident,
    /// 港澳台居民居住证.
    HkMacaoTaiwanResidence,
    /// 其他.
    Other,
}

impl Choice for IdType {
    const TABLE: &'static [(IdType, &'static str, &'static str)] = &[
        (IdType::ResidentId, "resident_id", "居民身份证"),
        (IdType::Passport, "passport", "护照"),
        (
            IdType::HkMacaoPermit,
            "hk_macao_permit",
            "港澳居民来往内地通行证",
        ),
        (
            IdType::TaiwanPermit,
            "taiwan_permit",
            "台湾居民来往大陆通行证",
        ),
        (
            IdType::ForeignPermanentResident,
            "foreign_permanent_resident",
            "外国人永久居留身份证",
        ),
        (
            IdType::HkMacaoTaiwanResidence,
            "hk_macao_taiwan_residence",
            "港澳台居民居住证",
        ),
        (IdType::Other, "other", "其他"),
    ];
}

/// Why an identity number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Nothing given.
    #[error("证件号码不能为空")]
    Empty,
    /// Not 17 digits and a digit or X.
    #[error("{kind}号码应为18位：前17位为数字，最后一位为数字或X")]
    EighteenFormat {
        /// The document's name.
        kind: &'static str,
    },
    /// The check character does not match (GB 11643-1999).
    #[error("{kind}号码校验位不符，请核对是否有数字输错")]
    Checksum {
        /// The document's name.
        kind: &'static str,
    },
    /// The birth date in positions 7–14 is not a date from 1900 on.
    #[error("{kind}号码中的出生日期（第7至14位）“{digits}”不是1900年以后的有效日期")]
    BirthDate {
        /// The document's name.
        kind: &'static str,
        /// The eight digits.
        digits: String,
    },
    /// A birth date after today.
    #[error("证件号码中的出生日期{date}晚于今天，请核对")]
    BornInFuture {
        /// The birth date.
        date: NaiveDate,
    },
    /// The first two digits are no province-level region code.
    #[error("居民身份证号码前两位“{code}”不是有效的省级行政区划代码")]
    Region {
        /// The two digits.
        code: String,
    },
    /// A residence permit without its Hong Kong, Macao or Taiwan prefix.
    #[error("港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头")]
    ResidencePrefix,
    /// Another document's number in the wrong format.
    #[error("{kind}号码格式不正确：{hint}")]
    Format {
        /// The document's name.
        kind: &'static str,
        /// What the number looks like.
        hint: &'static str,
    },
}

/// Province-level region codes (GB/T 2260) that begin a 居民身份证 number.
const PROVINCES: [&str; 31] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
];

/// Whether `code` is a mainland province-level code (GB/T 2260).
pub(super) fn is_province(code: &str) -> bool {
    PROVINCES.contains(&code)
}

/// A checked identity number with its kind. Parse, don't validate: the only way to get one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawId", into = "RawId")]
pub struct IdNumber {
    id_type: IdType,
    value: String,
}

/// The stored form of an [`IdNumber`]; reading it back checks it again.
#[derive(Serialize, Deserialize)]
struct RawId {
    id_type: IdType,
    number: String,
}

impl TryFrom<RawId> for IdNumber {
    type Error = IdError;
    fn try_from(raw: RawId) -> Result<Self, IdError> {
        IdNumber::parse(raw.id_type, &raw.number)
    }
}

impl From<IdNumber> for RawId {
    fn from(id: IdNumber) -> RawId {
        RawId {
            id_type: id.id_type,
            number: id.value,
        }
    }
}

impl IdNumber {
    /// Checks `number` as a number of `id_type`. Full-width characters and spaces are folded,
    /// letters upper-cased (a final x becomes X).
    pub fn parse(id_type: IdType, number: &str) -> Result<IdNumber, IdError> {
        let value = normalize(number, id_type != IdType::Other);
        if value.is_empty() {
            return Err(IdError::Empty);
        }
        check(id_type, &value)?;
        Ok(IdNumber { id_type, value })
    }

    /// The check character (GB 11643-1999 §5.2) of the first 17 digits of a 居民身份证号码,
    /// `None` unless they are 17 ASCII digits. For making numbers (test data, the demo).
    pub fn check_character(first17: &str) -> Option<char> {
        let b = first17.as_bytes();
        (b.len() == 17 && b.iter().all(u8::is_ascii_digit)).then(|| char::from(mod11_2(b)))
    }

    /// The kind of document.
    pub fn id_type(&self) -> IdType {
        self.id_type
    }

    /// The number as stored.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The birth date a GB 11643-style number carries (居民身份证, 居住证, 永久居留身份证).
    pub fn birth_date(&self) -> Option<NaiveDate> {
        eighteen(self.id_type).and_then(|_| birth_date(&self.value))
    }

    /// The number with its middle hidden, for pages the public can see: “1101**********002X”.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.value.chars().collect();
        let keep = if chars.len() >= 12 { 4 } else { 2 };
        if chars.len() <= 2 * keep {
            return "*".repeat(chars.len());
        }
        let head: String = chars[..keep].iter().collect();
        let tail: String = chars[chars.len() - keep..].iter().collect();
        format!("{head}{}{tail}", "*".repeat(chars.len() - 2 * keep))
    }
}

/// Trims, folds full-width ASCII, and for structured numbers drops spaces and upper-cases.
fn normalize(s: &str, structured: bool) -> String {
    let folded = s.trim().chars().map(|c| match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    });
    if structured {
        folded
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect()
    } else {
        folded.collect::<String>().trim().to_owned()
    }
}

/// The document name when `t` uses the 18-character GB 11643 scheme.
fn eighteen(t: IdType) -> Option<&'static str> {
    matches!(
        t,
        IdType::ResidentId | IdType::HkMacaoTaiwanResidence | IdType::ForeignPermanentResident
    )
    .then(|| t.label())
}

fn check(t: IdType, v: &str) -> Result<(), IdError> {
    let all = |s: &str, f: fn(char) -> bool| s.chars().all(f);
    let digit = |c: char| c.is_ascii_digit();
    let format = |ok: bool, hint| {
        ok.then_some(()).ok_or(IdError::Format {
            kind: t.label(),
            hint,
        })
    };
    match t {
        IdType::ResidentId | IdType::HkMacaoTaiwanResidence | IdType::ForeignPermanentResident => {
            check_eighteen(t, v)
        }
        IdType::Passport => format(
            (5..=17).contains(&v.len())
                && all(v, |c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && v.chars().any(digit),
            "应为5至17位字母和数字（如 E12345678）",
        ),
        IdType::HkMacaoPermit => format(
            v.len() >= 9
                && matches!(v.as_bytes()[0], b'H' | b'M')
                && matches!(v.len(), 9 | 11)
                && all(&v[1..], digit),
            "应为H或M开头加8位或10位数字（如 H12345678）",
        ),
        IdType::TaiwanPermit => format(taiwan_permit_ok(v), "应为8位数字（或旧版10位数字）"),
        IdType::Other => format(
            v.chars().count() <= 40 && !v.chars().any(char::is_control),
            "不超过40个字符",
        ),
    }
}

/// 8 digits (card, since 2015), or 10 digits with an optional letter in brackets (booklet).
fn taiwan_permit_ok(v: &str) -> bool {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !v.is_ascii() {
        return false;
    }
    match v.len() {
        8 | 10 => digits(v),
        13 => {
            let b = v.as_bytes();
            digits(&v[..10]) && b[10] == b'(' && b[11].is_ascii_uppercase() && b[12] == b')'
        }
        _ => false,
    }
}

/// 18 characters, region or prefix, birth date and the MOD 11-2 check character.
fn check_eighteen(t: IdType, v: &str) -> Result<(), IdError> {
    let kind = t.label();
    let b = v.as_bytes();
    let shape = b.len() == 18
        && b[..17].iter().all(u8::is_ascii_digit)
        && (b[17].is_ascii_digit() || b[17] == b'X');
    if !shape {
        return Err(IdError::EighteenFormat { kind });
    }
    match t {
        IdType::ResidentId if !is_province(&v[..2]) => {
            return Err(IdError::Region {
                code: v[..2].to_owned(),
            });
        }
        IdType::HkMacaoTaiwanResidence if !["810000", "820000", "830000"].contains(&&v[..6]) => {
            return Err(IdError::ResidencePrefix);
        }
        IdType::ForeignPermanentResident if b[0] != b'9' => {
            return Err(IdError::Format {
                kind,
                hint: "2017年以后的新版证件号码以9开头（旧版15位号码请选“其他”）",
            });
        }
        _ => {}
    }
    if birth_date(v).is_none() {
        return Err(IdError::BirthDate {
            kind,
            digits: v[6..14].to_owned(),
        });
    }
    if mod11_2(&b[..17]) != b[17] {
        return Err(IdError::Checksum { kind });
    }
    Ok(())
}

/// The birth date in positions 7–14, if it is a date from 1900 on.
fn birth_date(v: &str) -> Option<NaiveDate> {
    let date = NaiveDate::parse_from_str(v.get(6..14)?, "%Y%m%d").ok()?;
    (date >= NaiveDate::from_ymd_opt(1900, 1, 1)?).then_some(date)
}

/// The ISO 7064 MOD 11-2 check character of 17 digits (GB 11643-1999 §5.2).
fn mod11_2(digits: &[u8]) -> u8 {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = digits
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECK[(sum % 11) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_character_follows_gb_11643() {
        assert_eq!(mod11_2(b"11010519491231002"), b'X');
        assert_eq!(IdNumber::check_character("11010519491231002"), Some('X'));
        assert_eq!(IdNumber::check_character("1101051949123100"), None);
        assert_eq!(mod11_2(b"44052418800101001"), b'4');
    }

    #[test]
    fn full_width_input_and_a_lower_case_x_are_folded() {
        assert_eq!(
            normalize("１１０１０５ 19491231002x", true),
            "11010519491231002X"
        );
    }
}
