//! `external_reports`: a published annual report uploaded to the supervisor's view — of an
//! agency not on the platform, or an earlier year of one that is (then `agency_id` names it and
//! the report feeds Y-01…Y-03). Kept as the importer read it (canonical JSON) with its findings
//! counted; the uploaded file itself is not kept.

use sea_orm::entity::prelude::*;

/// One uploaded report.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "external_reports")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The supervising agency whose view holds it.
    pub owner_id: i64,
    /// The agency on the platform it is the report of, if any.
    pub agency_id: Option<i64>,
    /// The reporting agency's name as read (or as given).
    pub agency_name: String,
    /// The reporting year.
    pub year: i32,
    /// The uploaded file's name.
    pub file_name: String,
    /// The report as read (canonical JSON, findings in `diagnostics`).
    pub report_json: String,
    /// Findings of severity error.
    pub errors: i32,
    /// Findings of severity warning.
    pub warnings: i32,
    /// Who uploaded it (login name).
    pub uploaded_by: String,
    /// When.
    pub created_at: DateTimeUtc,
}

/// No relations are navigated through sea-orm.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
