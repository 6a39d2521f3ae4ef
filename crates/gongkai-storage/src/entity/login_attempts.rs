//! `login_attempts`: one counter of failed sign-ins per throttling key.

use sea_orm::entity::prelude::*;

/// One counter.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_attempts")]
pub struct Model {
    /// What is counted, e.g. `acct-addr:alice|10.0.0.1`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// Failures since the last success (or since the counter was forgotten).
    pub failures: i32,
    /// No attempt under this key is checked before this time.
    pub next_allowed_at: DateTimeUtc,
    /// The last attempt.
    pub updated_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
