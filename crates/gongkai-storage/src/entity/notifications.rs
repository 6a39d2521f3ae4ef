//! `notifications`: reminders claimed for sending, one row per (case, kind, day), so that
//! several instances never send the same reminder twice.

use sea_orm::entity::prelude::*;

/// One reminder.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    /// What it is about, e.g. `due-soon:12:2026-03-04`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// The agency.
    pub agency_id: i64,
    /// When it was claimed.
    pub created_at: DateTimeUtc,
    /// When it was sent; `None` while sending or after a failure.
    pub sent_at: Option<DateTimeUtc>,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
