//! `counters`: per-agency serial numbers (登记编号, 文号) that are never reused.

use sea_orm::entity::prelude::*;

/// One counter.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "counters")]
pub struct Model {
    /// The agency.
    #[sea_orm(primary_key, auto_increment = false)]
    pub agency_id: i64,
    /// What is counted, e.g. `application:2026`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// The last number given out.
    pub value: i64,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
