//! Audit events (审计日志): who did what to which record, the state before and after, and when.
//!
//! Every state change in the domain returns the events it causes (house style, habit 3); the storage
//! layer writes them in the same transaction as the new state. The type is deliberately generic
//! so that applications, documents and reports all log the same way.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One audit event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    /// Who did it (the acting account, or “系统” for a lapse recorded by the system).
    pub actor: String,
    /// What was done: a stable `snake_case` identifier, e.g. `correction_requested`.
    pub action: String,
    /// The kind of record, e.g. `application`.
    pub subject: String,
    /// The record's status before (a stable identifier), `None` when it was created.
    pub before: Option<String>,
    /// The record's status after.
    pub after: String,
    /// The day it was recorded (the domain never reads the clock: this is the caller's today).
    pub on: NaiveDate,
    /// What happened, in Chinese, for the audit log page.
    pub summary: String,
}
