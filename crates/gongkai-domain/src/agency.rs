//! Agencies (行政机关) and their tree: province → city → county → department / township.
//!
//! Every tenant-scoped record belongs to one agency; the tree decides who may look at what
//! (a 督查 sees an agency's whole subtree). The agency code is the prefix of every 索引号 the
//! agency issues, so it is parsed once here and never re-checked elsewhere.

use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg(doc)]
use crate::disclosure::DEFAULT_INDEX_PATTERN;
use crate::disclosure::IndexNoPattern;

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

/// An agency's disclosure settings (政府信息公开指南 and letters): what its letters print and
/// where its answers point applicants. Kept as one record per agency; every field may be empty
/// until the 公开办 fills it in, and letters then use generic wording.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    /// 机关简称 for 文号, e.g. “袁政”.
    pub short_name: String,
    /// 文号 pattern of its letters, e.g. `{机关简称}依申公开〔{年}〕第{序号}号`.
    pub doc_no_pattern: String,
    /// 行政复议机关 named in the 救济途径 (行政复议法 第二十四条).
    pub review_organ: String,
    /// The court named in the 救济途径 (行政诉讼法 第十八条).
    pub court: String,
    /// 政府信息公开工作机构 (《条例》第四条), e.g. “区政府办公室（区政务公开办）”.
    pub office: String,
    /// 办公时间.
    pub office_hours: String,
    /// 联系人 printed on letters.
    pub contact_person: String,
    /// 传真.
    pub fax: String,
    /// E-mail addresses that receive due-soon and overdue reminders (comma-separated).
    pub reminder_emails: String,
    /// 索引号 pattern of its 政府信息公开目录; empty = [`DEFAULT_INDEX_PATTERN`].
    pub index_pattern: String,
    /// What the agency adds to its generated 政府信息公开指南 (第十二条: the agency compiles
    /// and updates its guide) — local arrangements, a reading room, a second office — shown
    /// as its own section, paragraphs apart at blank lines.
    pub guide_notes: String,
}

/// The longest 指南 addition.
pub const MAX_GUIDE_NOTES: usize = 5_000;

impl Profile {
    /// The addresses in [`Profile::reminder_emails`], split at commas, semicolons or spaces.
    pub fn reminder_recipients(&self) -> impl Iterator<Item = &str> {
        self.reminder_emails
            .split([',', '，', ';', '；', ' '])
            .map(str::trim)
            .filter(|e| !e.is_empty())
    }

    /// The 索引号 pattern in force: the agency's own, or the default when empty or unreadable
    /// (it is validated when saved, so unreadable means a record from before the check).
    pub fn index_pattern(&self) -> IndexNoPattern {
        IndexNoPattern::parse(&self.index_pattern).unwrap_or_default()
    }

    /// Checks the fields: lengths, no control characters, the 文号 and 索引号 patterns parse.
    pub fn validate(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let fields: [(&'static str, &str, usize); 9] = [
            ("short_name", &self.short_name, 20),
            ("doc_no_pattern", &self.doc_no_pattern, 60),
            ("review_organ", &self.review_organ, 100),
            ("court", &self.court, 100),
            ("office", &self.office, 100),
            ("office_hours", &self.office_hours, 100),
            ("contact_person", &self.contact_person, 30),
            ("fax", &self.fax, 32),
            ("index_pattern", &self.index_pattern, 60),
        ];
        for (name, v, max) in fields {
            if v.chars().count() > max || v.chars().any(char::is_control) {
                out.push((name, format!("不超过 {max} 字，且不能包含控制字符")));
            }
        }
        let n = self.guide_notes.chars().count();
        if n > MAX_GUIDE_NOTES
            || self
                .guide_notes
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            out.push((
                "guide_notes",
                format!("不超过 {MAX_GUIDE_NOTES} 字（现有 {n} 字），且不能包含控制字符"),
            ));
        }
        if !self.doc_no_pattern.trim().is_empty()
            && let Err(e) =
                crate::letter::DocNoPattern::parse(&self.doc_no_pattern, &self.short_name)
        {
            out.push(("doc_no_pattern", e.to_string()));
        }
        if !self.index_pattern.trim().is_empty()
            && let Err(e) = IndexNoPattern::parse(&self.index_pattern)
        {
            out.push(("index_pattern", e.to_string()));
        }
        for e in self.reminder_recipients() {
            if crate::contact::parse_email(e).is_err() {
                out.push(("reminder_emails", format!("“{e}”不是有效的电子邮箱")));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(text: &str) -> Vec<&'static str> {
        let p = Profile {
            guide_notes: text.to_owned(),
            ..Profile::default()
        };
        p.validate().into_iter().map(|(field, _)| field).collect()
    }

    #[test]
    fn guide_notes_keep_their_lines_but_not_other_control_characters_or_excess() {
        assert!(
            notes("一、查阅场所\n\n本机关在政务服务中心设立查阅点。\r\n\t每周一至周五开放。")
                .is_empty()
        );
        assert_eq!(notes("查阅\u{7}场所"), ["guide_notes"]);
        assert!(notes(&"字".repeat(MAX_GUIDE_NOTES)).is_empty());
        assert_eq!(notes(&"字".repeat(MAX_GUIDE_NOTES + 1)), ["guide_notes"]);
    }
}
