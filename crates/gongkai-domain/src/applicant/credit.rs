//! 统一社会信用代码 (GB 32100-2015): the identity of a legal person or other organisation
//! (《条例》第二十九条第一项 身份证明).
//!
//! 18 characters from a 31-character set (digits and capitals without I, O, Z, S, V): 登记管理部门
//! 代码 (1), 机构类别代码 (1), 登记管理机关行政区划码 (6), 主体标识码 (组织机构代码, 9) and a check
//! character: 31 − (Σ value × weight mod 31), weights 3^i mod 31.

use serde::{Deserialize, Serialize};

use super::id::is_province;

/// The 31 characters of the code, in value order (GB 32100-2015 表1).
const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weights of positions 1–17 (3^(i−1) mod 31).
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The value of the check character for the values of positions 1–17.
fn check_value(values: &[u32]) -> u32 {
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(v, w)| v * w).sum();
    (31 - sum % 31) % 31
}

/// A 登记管理部门 and its 机构类别 codes.
struct Authority {
    code: u8,
    name: &'static str,
    /// `None`: we do not hold the department's type table, so any type digit 1–9 is accepted.
    types: Option<&'static [(u8, &'static str)]>,
}

const fn dept(
    code: u8,
    name: &'static str,
    types: Option<&'static [(u8, &'static str)]>,
) -> Authority {
    Authority { code, name, types }
}

/// The 登记管理部门 (GB 32100-2015 表2 for 1, 5, 9 and Y with their types; the others as
/// assigned since, types not checked).
const AUTHORITIES: [Authority; 12] = [
    dept(
        b'1',
        "机构编制",
        Some(&[
            (b'1', "机关"),
            (b'2', "事业单位"),
            (b'3', "中央编办直接管理机构编制的群众团体"),
            (b'9', "其他"),
        ]),
    ),
    dept(b'2', "外交", None),
    dept(b'3', "司法行政", None),
    dept(b'4', "文化", None),
    dept(
        b'5',
        "民政",
        Some(&[
            (b'1', "社会团体"),
            (b'2', "民办非企业单位"),
            (b'3', "基金会"),
            (b'9', "其他"),
        ]),
    ),
    dept(b'6', "旅游", None),
    dept(b'7', "宗教", None),
    dept(b'8', "工会", None),
    dept(
        b'9',
        "工商（市场监管）",
        Some(&[
            (b'1', "企业"),
            (b'2', "个体工商户"),
            (b'3', "农民专业合作社"),
        ]),
    ),
    dept(b'A', "中央军委改革和编制办公室", None),
    dept(b'N', "农业", None),
    dept(b'Y', "其他", None),
];

/// Why a 统一社会信用代码 was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    /// Not 18 characters.
    #[error("统一社会信用代码应为18位，输入了{len}位")]
    Length {
        /// Characters given.
        len: usize,
    },
    /// A character outside the code's set.
    #[error(
        "统一社会信用代码第{position}位“{found}”不是可用字符（只用数字和除I、O、Z、S、V以外的大写字母）"
    )]
    Character {
        /// 1-based position.
        position: usize,
        /// The character.
        found: char,
    },
    /// An unknown 登记管理部门代码.
    #[error("统一社会信用代码第1位“{found}”不是有效的登记管理部门代码")]
    Authority {
        /// The character.
        found: char,
    },
    /// A 机构类别代码 the department does not use.
    #[error("统一社会信用代码第2位“{found}”不是{authority}登记的机构类别代码")]
    InstitutionType {
        /// The department.
        authority: &'static str,
        /// The character.
        found: char,
    },
    /// Positions 3–8 are not a region code.
    #[error("统一社会信用代码第3至8位“{found}”不是有效的登记管理机关行政区划码")]
    Region {
        /// The six characters.
        found: String,
    },
    /// The check character does not match.
    #[error("统一社会信用代码校验位不符，请核对是否有字符输错")]
    Checksum,
}

/// A checked 统一社会信用代码. Parse, don't validate: the only way to get one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;
    fn try_from(s: String) -> Result<Self, CreditCodeError> {
        CreditCode::parse(&s)
    }
}

impl From<CreditCode> for String {
    fn from(c: CreditCode) -> String {
        c.0
    }
}

impl CreditCode {
    /// Checks a code; spaces are dropped, full-width characters folded, letters upper-cased.
    pub fn parse(s: &str) -> Result<CreditCode, CreditCodeError> {
        let v: Vec<char> = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                c => c.to_ascii_uppercase(),
            })
            .collect();
        if v.len() != 18 {
            return Err(CreditCodeError::Length { len: v.len() });
        }
        let mut values = [0u32; 18];
        for (i, c) in v.iter().enumerate() {
            values[i] = CHARSET.find(*c).ok_or(CreditCodeError::Character {
                position: i + 1,
                found: *c,
            })? as u32;
        }
        let code: String = v.into_iter().collect();
        check_parts(&code)?;
        if check_value(&values[..17]) != values[17] {
            return Err(CreditCodeError::Checksum);
        }
        Ok(CreditCode(code))
    }

    /// The check character (GB 32100-2015 §5.2) of the first 17 characters of a code, `None`
    /// if one of them is not in the code's character set. For making codes (test data, the demo).
    pub fn check_character(first17: &str) -> Option<char> {
        let values: Vec<u32> = first17
            .chars()
            .map(|c| CHARSET.find(c).map(|v| v as u32))
            .collect::<Option<_>>()?;
        (values.len() == 17).then(|| CHARSET.as_bytes()[check_value(&values) as usize] as char)
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 登记管理部门 (e.g. “工商（市场监管）”).
    pub fn authority(&self) -> &'static str {
        authority(self.0.as_bytes()[0]).map_or("", |a| a.name)
    }

    /// The 机构类别 (e.g. “企业”), when its department's types are known.
    pub fn institution_type(&self) -> Option<&'static str> {
        let b = self.0.as_bytes();
        let types = authority(b[0])?.types?;
        types.iter().find(|t| t.0 == b[1]).map(|t| t.1)
    }
}

fn authority(code: u8) -> Option<&'static Authority> {
    AUTHORITIES.iter().find(|a| a.code == code)
}

/// The department, institution type and region of an 18-character code from the set.
fn check_parts(code: &str) -> Result<(), CreditCodeError> {
    let b = code.as_bytes();
    let a = authority(b[0]).ok_or(CreditCodeError::Authority {
        found: char::from(b[0]),
    })?;
    let type_ok = match a.types {
        Some(types) => types.iter().any(|t| t.0 == b[1]),
        None => b[1].is_ascii_digit() && b[1] != b'0',
    };
    if !type_ok {
        return Err(CreditCodeError::InstitutionType {
            authority: a.name,
            found: char::from(b[1]),
        });
    }
    let region = &code[2..8];
    let national = region == "100000";
    if !region.bytes().all(|c| c.is_ascii_digit()) || !(national || is_province(&region[..2])) {
        return Err(CreditCodeError::Region {
            found: region.to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_character_is_the_one_parse_accepts() {
        assert_eq!(CreditCode::check_character("91350100M000100Y4"), Some('3'));
        assert!(CreditCode::parse("91350100M000100Y43").is_ok());
        assert_eq!(CreditCode::check_character("91350100M000100YI"), None);
        assert_eq!(CreditCode::check_character("91350100M000100Y"), None);
    }
}
