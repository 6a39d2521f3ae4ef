//! Audit events (审计日志): who did what to which record, the state before and after, when, and
//! a sentence saying so in Chinese.
//!
//! This is the one audit record of the platform: every state change in the domain returns the
//! events it causes (house style, habit 3), and the storage layer appends exactly these to the
//! agency's signed chain in the same transaction as the new state, adding only the chain's own
//! fields (sequence number, time, hash). Agencies, accounts, applications, documents and reports
//! all log the same way.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One audit event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    /// Who did it (the acting account's login name, or `system` for the platform itself).
    pub actor: String,
    /// What was done: a stable `snake_case` identifier, e.g. `correction_requested`.
    pub action: String,
    /// The kind of record, e.g. `application`.
    pub subject: String,
    /// The record's id; empty for a record not stored yet (storage fills it in).
    pub subject_id: String,
    /// The record before: a status key, or a JSON snapshot; `None` when it was created.
    pub before: Option<String>,
    /// The record after: a status key, or a JSON snapshot; `None` when nothing is kept.
    pub after: Option<String>,
    /// What happened, in Chinese, for the audit log page and the case timeline.
    pub summary: String,
    /// The day it happened (the domain never reads the clock: this is the caller's today).
    pub on: NaiveDate,
}
