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

    /// Whether the role handles 依申请公开 cases: registers, signs for, steps and answers them.
    pub fn can_handle_cases(self) -> bool {
        matches!(self, Self::AgencyAdmin | Self::Clerk | Self::Head)
    }

    /// Whether the role approves an extension (延期, 《条例》第三十三条第二款: 经政府信息公开工作
    /// 机构负责人同意).
    pub fn can_approve_extension(self) -> bool {
        self == Self::Head
    }

    /// Which agencies the role sees: its own agency, its subtree, or the whole platform.
    pub fn view(self) -> View {
        match self {
            Self::SystemAdmin => View::Platform,
            Self::Inspector => View::Subtree,
            _ => View::Agency,
        }
    }

    /// Whether an account of this role may grant `other`: only roles that manage accounts grant,
    /// and never a role that would see more than the granting role sees (a 公开办管理员 cannot
    /// make a 督查, whose view is the whole subtree).
    pub fn can_grant(self, other: Role) -> bool {
        self.can_manage_accounts() && other.view() <= self.view()
    }
}

/// How far a role sees, ordered from narrow to wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum View {
    /// Its own agency.
    Agency,
    /// Its agency and every agency below.
    Subtree,
    /// Every agency on the platform.
    Platform,
}

/// A login name: 2–64 characters of ASCII letters, digits, `.`, `_` or `-`, kept in lower case
/// so that `yz_clerk` and `YZ_CLERK` are one account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    /// Parses a login name, trimming surrounding spaces and folding to lower case.
    pub fn parse(s: &str) -> Result<Self, AccountError> {
        let s = s.trim();
        let ok = (2..=64).contains(&s.len())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
        if ok {
            Ok(Self(s.to_ascii_lowercase()))
        } else {
            Err(AccountError::BadUsername(clip(s, 64)))
        }
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The shortest password accepted (等保 2.0 practice asks for at least 8; we ask for 10).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// The longest password accepted (hashing cost stays bounded).
pub const MAX_PASSWORD_CHARS: usize = 128;
/// The longest display name (姓名).
pub const MAX_DISPLAY_NAME_CHARS: usize = 32;

/// Checks a new password against 网络安全等级保护 2.0 practice: 10–128 characters, at least three
/// of the four classes (lower case, upper case, digits, symbols), no spaces or control
/// characters, and not containing the login name.
pub fn check_new_password(p: &str, username: &str) -> Result<(), AccountError> {
    let n = p.chars().count();
    if n < MIN_PASSWORD_CHARS {
        return Err(AccountError::WeakPassword);
    }
    if n > MAX_PASSWORD_CHARS {
        return Err(AccountError::LongPassword);
    }
    if p.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(AccountError::PasswordSpaces);
    }
    let classes = [
        p.chars().any(|c| c.is_ascii_lowercase()),
        p.chars().any(|c| c.is_ascii_uppercase()),
        p.chars().any(|c| c.is_ascii_digit()),
        p.chars().any(|c| !c.is_ascii_alphanumeric()),
    ];
    if classes.iter().filter(|&&c| c).count() < 3 {
        return Err(AccountError::FewClasses);
    }
    let name = username.trim().to_ascii_lowercase();
    if name.len() >= 2 && p.to_ascii_lowercase().contains(&name) {
        return Err(AccountError::ContainsUsername);
    }
    Ok(())
}

/// Checks a display name (姓名): 1–32 characters, no control characters.
pub fn parse_display_name(s: &str) -> Result<String, AccountError> {
    let s = s.trim();
    let n = s.chars().count();
    if n == 0 || n > MAX_DISPLAY_NAME_CHARS || s.chars().any(char::is_control) {
        return Err(AccountError::BadDisplayName);
    }
    Ok(s.to_owned())
}

/// How failed sign-ins slow down further attempts: a few free tries, then a delay that doubles
/// with every failure up to a cap. Nobody is ever locked out for good, and a counter forgets
/// its failures after a quiet period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    /// Failures allowed without any delay.
    pub free: u32,
    /// The first delay, in seconds.
    pub base_secs: u32,
    /// The longest delay, in seconds.
    pub max_secs: u32,
    /// After this many seconds without an attempt the failures are forgotten.
    pub forget_secs: u32,
}

impl Throttle {
    /// The wait, in seconds, before the attempt after `failures` failures.
    pub fn delay_secs(&self, failures: u32) -> u32 {
        if failures < self.free {
            return 0;
        }
        let doublings = (failures - self.free).min(31);
        self.base_secs
            .saturating_mul(1u32 << doublings)
            .min(self.max_secs)
    }
}

/// At most `max` characters of `s` without control characters, for quoting input in messages.
pub fn clip(s: &str, max: usize) -> String {
    let mut out: String = s.chars().filter(|c| !c.is_control()).take(max).collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
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
    /// The password is too long.
    #[error("密码不能超过 128 位")]
    LongPassword,
    /// The password contains spaces or control characters.
    #[error("密码不能包含空格或控制字符")]
    PasswordSpaces,
    /// The password mixes fewer than three character classes.
    #[error("密码须至少包含小写字母、大写字母、数字、符号中的三类")]
    FewClasses,
    /// The password contains the login name.
    #[error("密码不能包含用户名")]
    ContainsUsername,
    /// The display name is empty, too long or has control characters.
    #[error("姓名不能为空，不超过 32 字，且不能包含控制字符")]
    BadDisplayName,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_names_are_one_account_whatever_the_case() {
        let a = Username::parse("YZ_Clerk").unwrap();
        assert_eq!(a, Username::parse(" yz_clerk ").unwrap());
        assert_eq!(a.as_str(), "yz_clerk");
        assert!(Username::parse(&"a".repeat(65)).is_err());
        assert!(Username::parse("张三").is_err());
    }

    #[test]
    fn passwords_need_length_three_classes_and_no_login_name() {
        assert_eq!(
            check_new_password("          ", "x"),
            Err(AccountError::PasswordSpaces)
        );
        assert_eq!(
            check_new_password("abcdefghij", "x"),
            Err(AccountError::FewClasses)
        );
        assert_eq!(
            check_new_password("Abcdefghij", "x"),
            Err(AccountError::FewClasses)
        );
        assert_eq!(
            check_new_password("Abc1", "x"),
            Err(AccountError::WeakPassword)
        );
        assert_eq!(
            check_new_password("Yz_Clerk2026", "yz_clerk"),
            Err(AccountError::ContainsUsername)
        );
        assert!(check_new_password("Abcdefghi1", "yz_clerk").is_ok());
        assert!(check_new_password("gongkai-2026!", "yz_clerk").is_ok());
        assert_eq!(
            check_new_password(&"Aa1".repeat(50), "x"),
            Err(AccountError::LongPassword)
        );
    }

    #[test]
    fn a_role_grants_only_roles_that_see_no_more_than_it() {
        assert!(Role::SystemAdmin.can_grant(Role::Inspector));
        assert!(Role::SystemAdmin.can_grant(Role::SystemAdmin));
        assert!(Role::AgencyAdmin.can_grant(Role::Clerk));
        assert!(Role::AgencyAdmin.can_grant(Role::AgencyAdmin));
        assert!(!Role::AgencyAdmin.can_grant(Role::Inspector));
        assert!(!Role::AgencyAdmin.can_grant(Role::SystemAdmin));
        assert!(!Role::Inspector.can_grant(Role::Clerk));
        assert!(!Role::Clerk.can_grant(Role::Clerk));
    }

    #[test]
    fn throttle_delays_double_after_the_free_tries_and_stop_at_the_cap() {
        let t = Throttle {
            free: 5,
            base_secs: 1,
            max_secs: 900,
            forget_secs: 3600,
        };
        let delays: Vec<u32> = (0..8).map(|f| t.delay_secs(f)).collect();
        assert_eq!(delays, [0, 0, 0, 0, 0, 1, 2, 4]);
        assert_eq!(t.delay_secs(40), 900);
        assert_eq!(t.delay_secs(u32::MAX), 900);
    }

    #[test]
    fn display_names_have_no_control_characters() {
        assert_eq!(parse_display_name(" 张三 ").unwrap(), "张三");
        assert!(parse_display_name("").is_err());
        assert!(parse_display_name("张\u{0}三").is_err());
        assert!(parse_display_name(&"张".repeat(33)).is_err());
    }
}
