//! `sessions`: web sessions, stored in the database so several app instances share them.

use sea_orm::entity::prelude::*;

/// One session row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    /// The session id (random, from the cookie).
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The session record, serialized as JSON.
    pub data: String,
    /// When it stops being valid.
    pub expires_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
