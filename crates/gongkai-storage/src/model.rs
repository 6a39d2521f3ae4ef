//! The records the storage crate hands out and takes in. They are built from rows here
//! (parse, don't validate), so callers never see a raw role or level string.

use chrono::{DateTime, Utc};
use gongkai_domain::account::{Role, UserId, Username};
use gongkai_domain::agency::{AgencyCode, AgencyId, AgencyLevel};
use gongkai_domain::audit::AuditEvent;
use serde::Serialize;

/// Who performs a change: written into every audit event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The acting account, `None` for the platform itself (first run, CLI bootstrap).
    pub user_id: Option<UserId>,
    /// Login name, or `system`.
    pub name: String,
}

impl Actor {
    /// The platform acting on its own (first-run bootstrap, maintenance commands).
    pub fn system() -> Self {
        Self {
            user_id: None,
            name: "system".to_owned(),
        }
    }

    /// An account acting.
    pub fn user(user: &User) -> Self {
        Self {
            user_id: Some(user.id),
            name: user.username.as_str().to_owned(),
        }
    }
}

/// Which agencies a read covers: one agency, or it and every agency below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    /// The agency at the top of the scope.
    pub root: AgencyId,
    /// Whether agencies below `root` are included.
    pub subtree: bool,
}

impl Scope {
    /// Only this agency.
    pub fn agency(root: AgencyId) -> Self {
        Self {
            root,
            subtree: false,
        }
    }

    /// This agency and everything below it.
    pub fn subtree(root: AgencyId) -> Self {
        Self {
            root,
            subtree: true,
        }
    }
}

/// Contact details printed on letters and reports (通讯地址、邮编、电话、邮箱).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Contact {
    /// 通讯地址
    pub address: String,
    /// 邮政编码
    pub postcode: String,
    /// 联系电话
    pub phone: String,
    /// 电子邮箱
    pub email: String,
}

/// An agency (行政机关).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agency {
    /// Its id.
    pub id: AgencyId,
    /// The agency above it, `None` for a root.
    pub parent_id: Option<AgencyId>,
    /// 机关名称
    pub name: String,
    /// 机关代码 (prefix of 索引号)
    pub code: AgencyCode,
    /// 层级
    pub level: AgencyLevel,
    /// Contact details.
    pub contact: Contact,
    /// Optimistic-locking version; pass it back to update.
    pub version: i32,
}

/// A new agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAgency {
    /// The agency above it, `None` for a root.
    pub parent_id: Option<AgencyId>,
    /// 机关名称 (checked with `parse_agency_name`).
    pub name: String,
    /// 机关代码
    pub code: AgencyCode,
    /// 层级
    pub level: AgencyLevel,
    /// Contact details.
    pub contact: Contact,
}

/// The editable details of an agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyDetails {
    /// 机关名称
    pub name: String,
    /// Contact details.
    pub contact: Contact,
}

/// An account (账号). The password hash never leaves storage except through
/// [`crate::AccountStore::user_for_login`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// Its id.
    pub id: UserId,
    /// Its agency.
    pub agency_id: AgencyId,
    /// 用户名
    pub username: Username,
    /// 姓名
    pub display_name: String,
    /// 角色
    pub role: Role,
    /// Whether it may log in.
    pub active: bool,
    /// Whether the password was set by someone else (first run, reset) and must be changed
    /// before anything else.
    pub must_change_password: bool,
    /// Raised by every password change and every disable: sessions signed in under an older
    /// epoch are over.
    pub session_epoch: i32,
    /// Optimistic-locking version; pass it back to update.
    pub version: i32,
}

/// A new account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    /// 用户名
    pub username: Username,
    /// 姓名
    pub display_name: String,
    /// 角色
    pub role: Role,
    /// Argon2id PHC string (hashing happens outside storage).
    pub password_hash: String,
    /// Whether the password must be changed at first login (it was printed or handed over).
    pub must_change_password: bool,
}

/// The editable fields of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserChanges {
    /// 姓名
    pub display_name: String,
    /// 角色
    pub role: Role,
    /// Whether it may log in.
    pub active: bool,
}

/// An API token's public part (the secret is shown once, at creation, by the caller).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    /// Its id.
    pub id: i64,
    /// The owner's agency.
    pub agency_id: AgencyId,
    /// The owner.
    pub user_id: UserId,
    /// Label.
    pub name: String,
    /// When it was issued.
    pub created_at: DateTime<Utc>,
    /// When it stops working, if it expires.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

impl ApiToken {
    /// Whether the token is accepted at `now`.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|e| e > now)
    }
}

/// A token to issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiToken {
    /// The owner.
    pub user_id: UserId,
    /// Label.
    pub name: String,
    /// SHA-256 of the secret (the secret itself is never stored).
    pub token_hash: String,
    /// When it stops working, if it expires.
    pub expires_at: Option<DateTime<Utc>>,
}

/// One counter of failed sign-in attempts and the policy that turns it into a delay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThrottleKey {
    /// What is counted, e.g. `acct-addr:alice|10.0.0.1` or `addr:10.0.0.1`.
    pub key: String,
    /// The delay policy.
    pub policy: gongkai_domain::account::Throttle,
}

/// One entry of the audit log as read back: the platform's one audit record
/// ([`AuditEvent`], as the domain made it) and its place in the agency's signed chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// The agency whose chain holds it.
    pub agency_id: AgencyId,
    /// Position in the chain.
    pub seq: i64,
    /// When it was written.
    pub at: DateTime<Utc>,
    /// Its signature (hex).
    pub hash: String,
    /// The event.
    pub event: AuditEvent,
}

/// The first place an agency's audit chain stops adding up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainBreak {
    /// The agency.
    pub agency_id: AgencyId,
    /// Its code (also for an agency that was deleted, as its checkpoint names it).
    pub agency_code: String,
    /// The sequence number where the chain breaks.
    pub seq: i64,
    /// What is wrong, in Chinese.
    pub problem: String,
}

/// The result of checking every chain.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ChainReport {
    /// Agencies checked.
    pub agencies: u64,
    /// Events checked.
    pub events: u64,
    /// Valid checkpoints compared.
    pub checkpoints: u64,
    /// Checkpoint lines whose signature fails (`file:line`).
    pub forged_checkpoints: Vec<String>,
    /// First break per broken agency; empty when everything adds up.
    pub breaks: Vec<ChainBreak>,
}

impl ChainReport {
    /// Whether nothing was found.
    pub fn is_intact(&self) -> bool {
        self.breaks.is_empty() && self.forged_checkpoints.is_empty()
    }
}
