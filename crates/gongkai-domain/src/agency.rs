//! Agencies (行政机关) and their tree: province → city → county → department / township.
//!
//! Every tenant-scoped record belongs to one agency; the tree decides who may look at what
//! (a 督查 sees an agency's whole subtree). The agency code is the prefix of every 索引号 the
//! agency issues, so it is parsed once here and never re-checked elsewhere.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The identifier of an agency (`agencies.id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AgencyId(pub i64);

impl fmt::Display for AgencyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The level of an agency in the administrative tree (机关层级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyLevel {
    /// 省级
    Province,
    /// 市级
    City,
    /// 县级
    County,
    /// 部门
    Department,
    /// 乡镇（街道）
    Township,
}

impl AgencyLevel {
    /// Every level, top to bottom.
    pub const ALL: [AgencyLevel; 5] = [
        Self::Province,
        Self::City,
        Self::County,
        Self::Department,
        Self::Township,
    ];

    /// The stable identifier stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::City => "city",
            Self::County => "county",
            Self::Department => "department",
            Self::Township => "township",
        }
    }

    /// The Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::Province => "省级",
            Self::City => "市级",
            Self::County => "县级",
            Self::Department => "部门",
            Self::Township => "乡镇（街道）",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(s: &str) -> Result<Self, AgencyError> {
        Self::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| AgencyError::UnknownLevel(s.to_owned()))
    }
}

/// The agency code (机关代码), used as the prefix of 索引号: 2–32 ASCII letters, digits or `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AgencyCode(String);

impl AgencyCode {
    /// Parses a code, trimming surrounding spaces.
    pub fn parse(s: &str) -> Result<Self, AgencyError> {
        let s = s.trim();
        let ok =
            (2..=32).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(AgencyError::BadCode(s.to_owned()))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why agency input was refused (shown to users, so in Chinese).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgencyError {
    /// The level is not one of the five.
    #[error("未知的机关层级：{0}")]
    UnknownLevel(String),
    /// The code has the wrong length or characters.
    #[error("机关代码“{0}”无效：应为 2–32 位字母、数字或连字符")]
    BadCode(String),
    /// The name is empty or too long.
    #[error("机关名称不能为空，不超过 100 字，且不能包含控制字符")]
    BadName,
}

/// Checks an agency name (1–100 characters after trimming, no control characters).
pub fn parse_agency_name(s: &str) -> Result<String, AgencyError> {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 100 || s.chars().any(char::is_control) {
        return Err(AgencyError::BadName);
    }
    Ok(s.to_owned())
}
