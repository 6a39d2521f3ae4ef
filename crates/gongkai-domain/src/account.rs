//! Accounts (账号) and the roles the disclosure work really has.
//!
//! One role per account. Who may do what is decided here, as pure functions of the role, so the
//! web layer and the CLI ask the same questions and get the same answers.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The identifier of an account (`users.id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UserId(pub i64);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A role (角色).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 系统管理员: manages every agency and account on the platform.
    SystemAdmin,
    /// 公开办管理员: manages the accounts and details of its own agency.
    AgencyAdmin,
    /// 经办人: registers and handles cases.
    Clerk,
    /// 审核人: 保密审查 before anything is released.
    Reviewer,
    /// 负责人: approves extensions and publication.
    Head,
    /// 督查: reads everything in an agency's subtree, changes nothing.
    Inspector,
}

impl Role {
    /// Every role, in the order shown in forms.
    pub const ALL: [Role; 6] = [
        Self::SystemAdmin,
        Self::AgencyAdmin,
        Self::Clerk,
        Self::Reviewer,
        Self::Head,
        Self::Inspector,
    ];

    /// The stable identifier stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SystemAdmin => "system_admin",
            Self::AgencyAdmin => "agency_admin",
            Self::Clerk => "clerk",
            Self::Reviewer => "reviewer",
            Self::Head => "head",
            Self::Inspector => "inspector",
        }
    }

    /// The Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::SystemAdmin => "系统管理员",
            Self::AgencyAdmin => "公开办管理员",
            Self::Clerk => "经办人",
            Self::Reviewer => "审核人",
            Self::Head => "负责人",
            Self::Inspector => "督查",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(s: &str) -> Result<Self, AccountError> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| AccountError::UnknownRole(s.to_owned()))
    }

    /// Whether the role may read the account list and audit log of its scope.
    pub fn can_oversee(self) -> bool {
        matches!(
            self,
            Self::SystemAdmin | Self::AgencyAdmin | Self::Inspector
        )
    }

    /// Whether the role sees the whole subtree of its agency rather than the agency alone.
    pub fn sees_subtree(self) -> bool {
        matches!(self, Self::SystemAdmin | Self::Inspector)
    }

    /// Whether the role may create or change accounts (in its own agency; every agency for 系统管理员).
    pub fn can_manage_accounts(self) -> bool {
        matches!(self, Self::SystemAdmin | Self::AgencyAdmin)
    }

    /// Whether the role may create agencies.
    pub fn can_create_agencies(self) -> bool {
        self == Self::SystemAdmin
    }

    /// Whether an account of this role may grant `other` (only 系统管理员 grants 系统管理员).
    pub fn can_grant(self, other: Role) -> bool {
        match self {
            Self::SystemAdmin => true,
            Self::AgencyAdmin => other != Self::SystemAdmin,
            _ => false,
        }
    }
}

/// A login name: 2–64 characters of ASCII letters, digits, `.`, `_` or `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    /// Parses a login name, trimming surrounding spaces.
    pub fn parse(s: &str) -> Result<Self, AccountError> {
        let s = s.trim();
        let ok = (2..=64).contains(&s.len())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(AccountError::BadUsername(s.to_owned()))
        }
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Checks a new password's length.
pub fn check_new_password(p: &str) -> Result<(), AccountError> {
    if p.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AccountError::WeakPassword);
    }
    Ok(())
}

/// Why account input was refused (shown to users, so in Chinese).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// The role is not one of the six.
    #[error("未知的角色：{0}")]
    UnknownRole(String),
    /// The login name has the wrong length or characters.
    #[error("用户名“{0}”无效：应为 2–64 位字母、数字或 . _ -")]
    BadUsername(String),
    /// The password is too short.
    #[error("密码至少 10 位")]
    WeakPassword,
}
