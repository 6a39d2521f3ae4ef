//! `document_files`: an attachment (附件) uploaded for a document, its content in `blobs` and
//! its extracted text (for search) beside it. A document's content names its files by id; the
//! public may download one only while a public version names it.

use sea_orm::entity::prelude::*;

/// One file row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "document_files")]
pub struct Model {
    /// Primary key (= the domain's `AttachmentId`).
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The agency that uploaded it.
    pub agency_id: i64,
    /// The name it was uploaded under.
    pub file_name: String,
    /// Its checked media type.
    pub media_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// The blob holding its content.
    pub sha256: String,
    /// The text extracted from it, if any could be.
    pub text: Option<String>,
    /// Who uploaded it.
    pub uploaded_by: String,
    /// When.
    pub created_at: DateTimeUtc,
}

/// No relations are navigated through sea-orm.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
