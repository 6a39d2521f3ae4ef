//! `login_failures`: failed login attempts, counted per key to throttle guessing.

use sea_orm::entity::prelude::*;

/// One failed attempt.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_failures")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What is throttled, e.g. `user:alice` or `ip:10.0.0.1`.
    pub key: String,
    /// When the attempt failed.
    pub at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
