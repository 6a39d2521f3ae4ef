//! `audit_events`: the append-only audit log, hash-chained per agency.

use sea_orm::entity::prelude::*;

/// One audit event row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_events")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The agency whose chain this event belongs to.
    pub agency_id: i64,
    /// Position in the agency's chain, from 1, without gaps.
    pub seq: i64,
    /// Who (login name, or `system`).
    pub actor: String,
    /// What: a stable `snake_case` action.
    pub action: String,
    /// The kind of record changed, e.g. `user`.
    pub subject: String,
    /// The id of the record changed.
    pub subject_id: String,
    /// The record before the change, JSON; `None` on creation.
    pub before: Option<String>,
    /// The record after the change, JSON; `None` on deletion.
    pub after: Option<String>,
    /// What happened, in Chinese.
    pub summary: String,
    /// The day it happened (Beijing time), as the domain dates it.
    pub on_date: Date,
    /// When (microsecond precision, so both backends store it exactly).
    pub at: DateTimeUtc,
    /// Hash of the previous event in the chain (64 zeros for the first).
    pub prev_hash: String,
    /// HMAC-SHA256 (with the audit key) over `prev_hash` and every field above.
    pub hash: String,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
