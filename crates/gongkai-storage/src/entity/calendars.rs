//! `calendars`: holiday arrangements loaded at run time (国务院办公厅 notices), in the TOML format
//! of the shipped calendar; later rows of the same year replace earlier ones.

use sea_orm::entity::prelude::*;

/// One loaded file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendars")]
pub struct Model {
    /// Primary key (load order).
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The file as loaded.
    pub toml: String,
    /// What it contained, in Chinese.
    pub summary: String,
    /// Who loaded it.
    pub loaded_by: String,
    /// When.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
