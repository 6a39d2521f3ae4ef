//! gongkai's storage: the only crate that talks to the database.
//!
//! One [`Store`] trait (joined from [`AgencyStore`], [`AccountStore`], [`TokenStore`],
//! [`SessionRecords`], [`LoginThrottle`], [`AuditStore`], [`CaseStore`], [`ProceedingStore`], [`DocumentStore`] and
//! the others) over SQLite (the default: a WAL file under the data folder) and PostgreSQL
//! (multi-agency deployments behind several app instances). Every query is written once through
//! sea-orm and runs on both; [`open`] picks the backend from the URL and
//! migrates. Rules kept here:
//! - one method is one transaction, and transactions never leave this crate;
//! - every tenant-scoped method takes an [`AgencyId`] (or a [`Scope`]) and never reads outside it;
//! - edits are optimistic: they take the `version` read earlier and fail with
//!   [`StoreError::Stale`] if another instance changed the row first;
//! - every change writes its audit event in the same transaction, in a chain per agency keyed
//!   with a secret kept outside the database, and checkpoints each new chain head outside the
//!   database (`audit.rs`, `seal.rs`), so `gongkai audit verify` detects rows edited, inserted or
//!   deleted by hand, rolled-back heads and deleted agencies (`verify.rs`).
//!
//! Raw SQL is used in named places only: the PostgreSQL advisory lock around migrations, and
//! the statements of migration 0002 that fold existing user names to lower case.

mod accounts;
mod agencies;
mod audit;
pub mod calendars;
pub mod cases;
#[cfg(any(test, feature = "testing"))]
pub mod conformance;
pub mod documents;
mod entity;
mod group_commit;
mod migration;
mod model;
mod notifications;
mod open;
mod period_lock;
pub mod proceedings;
mod profiles;
pub mod reports;
pub mod seal;
mod sessions;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod throttle;
mod tokens;
mod verify;

pub use calendars::{CalendarFile, CalendarStore};
pub use cases::CaseStore;
pub use documents::DocumentStore;
pub use gongkai_domain::account::{Role, UserId, Username};
pub use gongkai_domain::agency::{AgencyCode, AgencyId, AgencyLevel};
pub use gongkai_domain::audit::AuditEvent;
pub use model::*;
pub use notifications::NotificationStore;
pub use open::{SeaStore, open, redact};
pub use proceedings::ProceedingStore;
pub use profiles::ProfileStore;
pub use reports::ReportStore;
pub use seal::{AuditKey, Checkpoints, Head, Seal};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// What can go wrong in storage. Never carries SQL text or constraint names.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record does not exist (or exists in another agency, which is the same to the caller).
    #[error("未找到{what}")]
    NotFound {
        /// What was looked for, in Chinese.
        what: &'static str,
    },
    /// A uniqueness rule was broken.
    #[error("{what}已存在")]
    Conflict {
        /// What already exists, in Chinese.
        what: &'static str,
    },
    /// Someone else changed the record since it was read.
    #[error("记录已被他人修改，请刷新后重试")]
    Stale,
    /// The input breaks a rule checked in storage (e.g. a parent in another tree).
    #[error("{0}")]
    Invalid(String),
    /// The database failed.
    #[error("数据库错误")]
    Backend(#[source] sea_orm::DbErr),
}

impl From<sea_orm::DbErr> for StoreError {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::Backend(e)
    }
}

/// Shorthand for storage results.
pub type StoreResult<T> = Result<T, StoreError>;

/// Agencies and their tree.
#[async_trait]
pub trait AgencyStore {
    /// Creates an agency (and the first event of its audit chain).
    async fn create_agency(&self, actor: &Actor, new: &NewAgency) -> StoreResult<Agency>;
    /// One agency, if it lies inside `scope`.
    async fn agency(&self, scope: Scope, id: AgencyId) -> StoreResult<Agency>;
    /// Every agency inside `scope`, in tree order (parents before children).
    async fn agencies(&self, scope: Scope) -> StoreResult<Vec<Agency>>;
    /// Every root agency with its subtree: the whole platform (for 系统管理员 and the CLI).
    async fn all_agencies(&self) -> StoreResult<Vec<Agency>>;
    /// The agency with this code (public pages address agencies by code).
    async fn agency_by_code(&self, code: &str) -> StoreResult<Agency>;
    /// Changes name and contact details if the row is still at `version`.
    async fn update_agency(
        &self,
        actor: &Actor,
        id: AgencyId,
        version: i32,
        details: &AgencyDetails,
    ) -> StoreResult<Agency>;
}

/// Accounts and API tokens.
#[async_trait]
pub trait AccountStore {
    /// On an empty platform, creates the root agency and the first 系统管理员 in one transaction.
    /// Returns `None` if any account exists already (also when another instance won the race).
    async fn bootstrap(&self, root: &NewAgency, admin: &NewUser) -> StoreResult<Option<User>>;
    /// Creates an account in `agency`.
    async fn create_user(
        &self,
        actor: &Actor,
        agency: AgencyId,
        new: &NewUser,
    ) -> StoreResult<User>;
    /// One account, if it belongs to an agency inside `scope`.
    async fn user(&self, scope: Scope, id: UserId) -> StoreResult<User>;
    /// Every account inside `scope`.
    async fn users(&self, scope: Scope) -> StoreResult<Vec<User>>;
    /// Changes an account if it belongs to `agency` and is still at `version`.
    async fn update_user(
        &self,
        actor: &Actor,
        agency: AgencyId,
        id: UserId,
        version: i32,
        changes: &UserChanges,
    ) -> StoreResult<User>;
    /// Replaces the password hash of an account of `agency`, ends its other sessions (raises
    /// its session epoch) and sets whether the new password must be changed at next login.
    async fn set_password(
        &self,
        actor: &Actor,
        agency: AgencyId,
        id: UserId,
        hash: &str,
        must_change: bool,
    ) -> StoreResult<User>;
    /// The account and its password hash for a login name. Login comes before any agency is
    /// known, so this is the one account read that is not scoped.
    async fn user_for_login(&self, username: &str) -> StoreResult<Option<(User, String)>>;
}

/// API tokens: issue with an optional expiry, list, revoke, resolve.
#[async_trait]
pub trait TokenStore {
    /// Stores a new API token (hash only) for an account of `agency`.
    async fn create_api_token(
        &self,
        actor: &Actor,
        agency: AgencyId,
        new: &NewApiToken,
    ) -> StoreResult<ApiToken>;
    /// Every token of the accounts inside `scope`, newest first (revoked and expired included).
    async fn api_tokens(&self, scope: Scope) -> StoreResult<Vec<ApiToken>>;
    /// Revokes a token of an account of `agency` (idempotent for an already revoked one).
    async fn revoke_api_token(
        &self,
        actor: &Actor,
        agency: AgencyId,
        id: i64,
    ) -> StoreResult<ApiToken>;
    /// The active account a live (not revoked, not expired at `now`) token hash belongs to.
    async fn user_for_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<User>>;
}

/// Web sessions kept in the database (shared by every app instance).
#[async_trait]
pub trait SessionRecords {
    /// Inserts or replaces a session.
    async fn save_session(
        &self,
        id: &str,
        data: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// A session that has not expired at `now`.
    async fn load_session(&self, id: &str, now: DateTime<Utc>) -> StoreResult<Option<String>>;
    /// Deletes a session.
    async fn delete_session(&self, id: &str) -> StoreResult<()>;
    /// Deletes every session expired at `now`; returns how many.
    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64>;
}

/// Failed sign-in counting, shared by every app instance and atomic under concurrency.
#[async_trait]
pub trait LoginThrottle {
    /// Reserves one password check under every key at `now`, in one transaction: if every key
    /// allows an attempt now, each counts one more failure (cleared again on success) and the
    /// result is `None`; otherwise nothing changes and the result is the time to retry. Because
    /// the failure is counted *before* the password is checked, parallel guesses can never run
    /// more checks than the policy allows.
    async fn reserve_attempt(
        &self,
        keys: &[ThrottleKey],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<DateTime<Utc>>>;
    /// Forgets the failures of `keys` (after a successful check).
    async fn clear_attempts(&self, keys: &[String]) -> StoreResult<()>;
    /// Deletes counters without an attempt since `before`; returns how many.
    async fn prune_attempts(&self, before: DateTime<Utc>) -> StoreResult<u64>;
    /// How many counters exist (for tests and `/metrics`).
    async fn attempt_counters(&self) -> StoreResult<u64>;
}

/// The audit log: read and verify. (Writing happens inside the other methods.)
#[async_trait]
pub trait AuditStore {
    /// The newest `limit` events inside `scope`, newest first.
    async fn audit_events(&self, scope: Scope, limit: u64) -> StoreResult<Vec<AuditEntry>>;
    /// Recomputes every agency's keyed chain, compares it with `checkpoints` (read with
    /// [`seal::read_checkpoints`]) and reports the first break of each agency.
    async fn verify_audit(&self, checkpoints: &Checkpoints) -> StoreResult<ChainReport>;
    /// The current head of every agency's chain.
    async fn chain_heads(&self) -> StoreResult<Vec<Head>>;
    /// Writes every current head to the store's checkpoint file; returns how many.
    async fn checkpoint_all(&self) -> StoreResult<u64>;
    /// The id of the newest audit event (0 with none). Every change writes one, so a process
    /// that sees this number move knows another process (an instance sharing the database, a
    /// command-line import) changed something: the public page cache reads it.
    async fn audit_mark(&self) -> StoreResult<i64>;
}

/// The whole storage, as the web layer and the CLI hold it: `Arc<dyn Store>`.
#[async_trait]
pub trait Store:
    AgencyStore
    + AccountStore
    + TokenStore
    + SessionRecords
    + LoginThrottle
    + AuditStore
    + CaseStore
    + ProceedingStore
    + DocumentStore
    + ReportStore
    + CalendarStore
    + ProfileStore
    + NotificationStore
    + Send
    + Sync
{
    /// `sqlite` or `postgres`.
    fn backend(&self) -> &'static str;
    /// Checks that the database answers (for `/healthz`).
    async fn ping(&self) -> StoreResult<()>;
}
