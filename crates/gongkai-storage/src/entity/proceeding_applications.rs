//! `proceeding_applications`: which applications (依申请公开 cases) a proceeding concerns, one
//! row per link, so the case page finds its proceedings through an index.

use sea_orm::entity::prelude::*;

/// One link.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proceeding_applications")]
pub struct Model {
    /// The proceeding.
    #[sea_orm(primary_key, auto_increment = false)]
    pub proceeding_id: i64,
    /// The application.
    #[sea_orm(primary_key, auto_increment = false)]
    pub application_id: i64,
    /// The agency both belong to.
    pub agency_id: i64,
}

/// No relations are navigated through sea-orm.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
