//! `blobs`: file contents, stored once per SHA-256.

use sea_orm::entity::prelude::*;

/// One file content.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "blobs")]
pub struct Model {
    /// Hex SHA-256 of the bytes.
    #[sea_orm(primary_key, auto_increment = false)]
    pub sha256: String,
    /// Length in bytes.
    pub size: i64,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
