//! `attachments`: files belonging to an application (ID scans, 补正 material, the information
//! provided, signed letters), pointing at their content in `blobs`.

use sea_orm::entity::prelude::*;

/// One attachment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachments")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The owning agency.
    pub agency_id: i64,
    /// The application, if any.
    pub application_id: Option<i64>,
    /// What it is (`AttachmentKind`).
    pub kind: String,
    /// The file name as uploaded.
    pub file_name: String,
    /// Its media type, as detected from the content.
    pub media_type: String,
    /// Length in bytes.
    pub size: i64,
    /// The content's SHA-256.
    pub sha256: String,
    /// Whether the applicant may download it with the 查询码.
    pub public: bool,
    /// Who uploaded it (login name, or `申请人`).
    pub uploaded_by: String,
    /// When.
    pub created_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
