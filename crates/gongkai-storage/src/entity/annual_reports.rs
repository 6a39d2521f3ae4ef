//! `annual_reports`: one version (`edition`) of an agency's annual report for a year. The domain
//! record (what people wrote and where it is in the workflow) is kept whole in `record_json`;
//! `report_json` is the compiled canonical report (`REPORT_JSON.md` §1) as of the last save or
//! step, with its error and warning counts, so lists and the supervisor's view need no compile.

use sea_orm::entity::prelude::*;

/// One report version row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "annual_reports")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The reporting agency.
    pub agency_id: i64,
    /// The reporting year.
    pub year: i32,
    /// 1 for the report, 2… for corrections; unique per agency and year.
    pub edition: i32,
    /// `annual::Status::key`.
    pub status: String,
    /// The domain record (JSON).
    pub record_json: String,
    /// The compiled canonical report (JSON).
    pub report_json: String,
    /// Findings of severity error in `report_json`.
    pub errors: i32,
    /// Findings of severity warning in `report_json`.
    pub warnings: i32,
    /// The day it was published.
    pub published_on: Option<Date>,
    /// Optimistic-locking version.
    pub revision: i32,
    /// When the row was created.
    pub created_at: DateTimeUtc,
    /// When the row last changed.
    pub updated_at: DateTimeUtc,
}

/// No relations are navigated through sea-orm.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
