//! `agency_classifications`: an agency's own 主题分类 or 体裁分类 tree, as the domain's checked
//! JSON.

use sea_orm::entity::prelude::*;

/// One tree of one agency.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agency_classifications")]
pub struct Model {
    /// The agency.
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_id: i64,
    /// `topic` or `genre`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub scheme: String,
    /// The tree (JSON of `Classification`).
    pub tree_json: String,
    /// Optimistic-locking version.
    pub version: i32,
    /// Last change.
    pub updated_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
