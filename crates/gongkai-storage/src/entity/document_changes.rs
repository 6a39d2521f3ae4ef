//! `document_changes`: one row per write to `documents`, in commit order of ids. Each app
//! instance keeps its search index current by reading the rows after the last one it applied
//! (the index is derived data; see `gongkai-search`).

use sea_orm::entity::prelude::*;

/// One change row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "document_changes")]
pub struct Model {
    /// Primary key, increasing.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The document changed.
    pub document_id: i64,
    /// Its agency.
    pub agency_id: i64,
    /// When.
    pub changed_at: DateTimeUtc,
}

/// No relations are navigated through sea-orm.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
