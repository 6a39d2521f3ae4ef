//! The 行政复议 / 行政诉讼 register in the store: the domain `Proceeding` kept whole as JSON, with
//! copies of what lists, the answer-due marks and table 四 need, and its links to the
//! applications it concerns (all of the same agency, checked in the transaction). Every write
//! is one transaction that also appends the domain's audit events to the agency's signed chain,
//! with optimistic locking on `version`, like `cases`.

mod read;
mod write;

use crate::cases::Due;
use crate::{AgencyId, AuditEntry, Scope, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use gongkai_domain::appeal::{AppealTransition, Proceeding, ProceedingKind};
use gongkai_domain::audit::AuditEvent;
use gongkai_domain::report::table4::{Group, Outcome};

/// A new proceeding (registered in the back office or sent by another system).
#[derive(Debug, Clone)]
pub struct NewProceeding {
    /// The sending system's key: a second call with the same key returns the first record.
    pub idempotency_key: Option<String>,
    /// The registration from `appeal::register`: the record and its events.
    pub registered: AppealTransition,
    /// The answer deadline as computed by the caller (it holds the calendar).
    pub due: Due,
}

/// One step of a proceeding: the new state and its events, saved together.
#[derive(Debug, Clone)]
pub struct ProceedingStep {
    /// The record after the step.
    pub proceeding: Proceeding,
    /// The answer deadline after the step.
    pub due: Due,
    /// The step's audit events (from the domain).
    pub events: Vec<AuditEvent>,
}

/// A stored proceeding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProceeding {
    /// Its id.
    pub id: i64,
    /// The agency it is against.
    pub agency_id: AgencyId,
    /// The domain record.
    pub proceeding: Proceeding,
    /// The answer deadline while the answer is outstanding (as last computed).
    pub due: Due,
    /// Optimistic-locking version.
    pub version: i32,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
}

/// Filters of the register (all optional, combined with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProceedingFilter {
    /// Review, direct suit or suit after review.
    pub kind: Option<ProceedingKind>,
    /// `true`: not decided yet; `false`: decided.
    pub open: Option<bool>,
    /// Answer outstanding and due on or before this day (due soon / overdue).
    pub due_by: Option<NaiveDate>,
    /// Linked to this application.
    pub application: Option<i64>,
    /// A table-四 cell: (year, group or `None` for every group, column; `Total` = all counted).
    pub cell: Option<(i32, Option<Group>, Outcome)>,
}

/// The stable key of a table-四 column (`upheld`, `corrected`, `other`, `pending`, `total`), as
/// stored in `proceedings.column` and used in drill-down links.
pub fn outcome_key(o: Outcome) -> &'static str {
    match o {
        Outcome::Upheld => "upheld",
        Outcome::Corrected => "corrected",
        Outcome::Other => "other",
        Outcome::Pending => "pending",
        Outcome::Total => "total",
    }
}

/// The column with this key.
pub fn outcome_from_key(key: &str) -> Option<Outcome> {
    Outcome::ALL.into_iter().find(|o| outcome_key(*o) == key)
}

/// The 行政复议 / 行政诉讼 register.
#[async_trait]
pub trait ProceedingStore {
    /// Stores a new proceeding with its events and links. A second call with the same
    /// idempotency key returns the first record, unchanged.
    async fn create_proceeding(
        &self,
        agency: AgencyId,
        new: &NewProceeding,
    ) -> StoreResult<StoredProceeding>;
    /// One proceeding inside `scope`.
    async fn proceeding(&self, scope: Scope, id: i64) -> StoreResult<StoredProceeding>;
    /// A page of the register inside `scope` (undecided first, by answer deadline), and the
    /// total number of matches.
    async fn proceedings(
        &self,
        scope: Scope,
        filter: &ProceedingFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<StoredProceeding>, u64)>;
    /// Saves one step if the proceeding is still at `version`.
    async fn commit_proceeding(
        &self,
        agency: AgencyId,
        id: i64,
        version: i32,
        step: &ProceedingStep,
    ) -> StoreResult<StoredProceeding>;
    /// The audit events of one proceeding, oldest first (its timeline).
    async fn proceeding_events(&self, agency: AgencyId, id: i64) -> StoreResult<Vec<AuditEntry>>;
}
