//! `letters`: the notices and answers issued for an application, each with its 文号.

use sea_orm::entity::prelude::*;

/// One letter.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letters")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The owning agency.
    pub agency_id: i64,
    /// The application.
    pub application_id: i64,
    /// The letter kind's stable id.
    pub kind: String,
    /// 文号.
    pub doc_no: Option<String>,
    /// The filled letter (JSON), rendered to DOCX/PDF on request.
    pub letter_json: String,
    /// Whether it went to the applicant (downloadable with the 查询码).
    pub public: bool,
    /// The date on the letter.
    pub issued_on: Date,
    /// Who issued it.
    pub issued_by: String,
    /// When it was stored.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
