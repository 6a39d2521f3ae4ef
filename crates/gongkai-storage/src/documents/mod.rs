//! The registry of 主动公开 in the store (政府信息公开目录): the domain `Document` kept whole as
//! JSON with copies of what lists filter on, its attachment files, the public reads the 专栏
//! uses and the change log the search index follows.
//!
//! Every write is one transaction with the domain's audit events in the agency's signed chain
//! and optimistic locking on `version`, like `cases`. A new document's 索引号 serial is taken
//! from the agency's counter for the year inside the same transaction, so it is unique and
//! never reused (a serial a moved-in document already holds is skipped). The public reads go
//! through `Document::public_view` only: nothing unreviewed, filed or withdrawn can leave them.

mod files;
mod public;
mod read;
mod write;

use crate::{AgencyId, AuditEntry, Scope, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use gongkai_domain::disclosure::{DisclosureError, Document, Transition};

pub use public::PublicFilter;

/// Builds the new document's transition from the 索引号 serial the store assigned.
pub type BuildDocument<'a> = dyn Fn(u32) -> Result<Transition, DisclosureError> + Send + Sync + 'a;

/// A stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// Its id.
    pub id: i64,
    /// The agency whose registry holds it.
    pub agency_id: AgencyId,
    /// The domain document.
    pub document: Document,
    /// Optimistic-locking version.
    pub version: i32,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
    /// Its last change.
    pub updated_at: DateTime<Utc>,
}

/// One line of the clerk's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    /// Its id.
    pub id: i64,
    /// Its agency.
    pub agency_id: AgencyId,
    /// 索引号.
    pub index_no: String,
    /// The working copy's 标题.
    pub title: String,
    /// The working copy's 文号.
    pub doc_no: String,
    /// The working copy's 成文日期.
    pub written_on: NaiveDate,
    /// `Document::status_key`.
    pub status: String,
    /// Whether a version is public.
    pub public: bool,
    /// Its last change.
    pub updated_at: DateTime<Utc>,
}

/// Filters of the clerk's list (all optional, combined with AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentFilter {
    /// `Document::status_key` values; empty = any.
    pub statuses: Vec<String>,
    /// Words found in 标题, 文号 or 索引号.
    pub text: Option<String>,
    /// 成文日期 in this year.
    pub year: Option<i32>,
    /// Marked 规章 / 行政规范性文件 (marker key).
    pub marker: Option<String>,
}

/// A file to attach to documents.
#[derive(Debug, Clone)]
pub struct NewDocumentFile {
    /// The name it was uploaded under.
    pub file_name: String,
    /// Its checked media type.
    pub media_type: String,
    /// Its content.
    pub bytes: Vec<u8>,
    /// The text extracted from it for search, if any.
    pub text: Option<String>,
    /// Who uploaded it.
    pub uploaded_by: String,
}

/// A stored attachment file (without its content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFile {
    /// Its id (the domain's `AttachmentId`).
    pub id: i64,
    /// The agency that uploaded it.
    pub agency_id: AgencyId,
    /// The name it was uploaded under.
    pub file_name: String,
    /// Its media type.
    pub media_type: String,
    /// Its size in bytes.
    pub size: i64,
    /// Who uploaded it.
    pub uploaded_by: String,
}

/// A change to the registry, for the search index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentChange {
    /// The change's position in the log.
    pub seq: i64,
    /// The document changed.
    pub document_id: i64,
}

/// The registry.
#[async_trait]
pub trait DocumentStore {
    /// Registers a new document with the next 索引号 serial of `year` (the store calls `build`
    /// with it, again with the next one if a moved-in document holds that 索引号 already).
    async fn create_document(
        &self,
        agency: AgencyId,
        year: i32,
        build: &BuildDocument<'_>,
    ) -> StoreResult<StoredDocument>;
    /// Registers a document that already has its 索引号 (moved in from an old system);
    /// `Conflict` if the agency has that 索引号.
    async fn register_document(
        &self,
        agency: AgencyId,
        created: &Transition,
    ) -> StoreResult<StoredDocument>;
    /// Saves one step if the document is still at `version`.
    async fn commit_document(
        &self,
        agency: AgencyId,
        id: i64,
        version: i32,
        step: &Transition,
    ) -> StoreResult<StoredDocument>;
    /// One document inside `scope`, whatever its status.
    async fn document(&self, scope: Scope, id: i64) -> StoreResult<StoredDocument>;
    /// A page of the clerk's list inside `scope` (latest change first) and the total.
    async fn documents(
        &self,
        scope: Scope,
        filter: &DocumentFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<DocumentRow>, u64)>;
    /// Every document of `agency` (table 二, timeliness, the re-assessment list).
    async fn registry(&self, agency: AgencyId) -> StoreResult<Vec<StoredDocument>>;
    /// The audit events of one document, oldest first (its history).
    async fn document_events(&self, agency: AgencyId, id: i64) -> StoreResult<Vec<AuditEntry>>;
    /// Stores an attachment file of `agency`.
    async fn add_document_file(
        &self,
        agency: AgencyId,
        new: &NewDocumentFile,
    ) -> StoreResult<DocumentFile>;
    /// Attachment files of `agency` by id (any the agency does not hold are left out).
    async fn document_files(&self, agency: AgencyId, ids: &[i64])
    -> StoreResult<Vec<DocumentFile>>;
    /// One attachment file of `agency` and its content (staff).
    async fn document_file(
        &self,
        agency: AgencyId,
        id: i64,
    ) -> StoreResult<(DocumentFile, Vec<u8>)>;
    /// The extracted text of files, by id (for the search index).
    async fn document_file_texts(&self, ids: &[i64]) -> StoreResult<Vec<(i64, String)>>;
    /// A page of public documents — of one agency or the whole platform — newest 发布日期
    /// first, and the total.
    async fn public_documents(
        &self,
        filter: &PublicFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<StoredDocument>, u64)>;
    /// One document of `agency` if the public may see it (`NotFound` otherwise).
    async fn public_document(&self, agency: AgencyId, id: i64) -> StoreResult<StoredDocument>;
    /// The public 政策解读 of `agency` that name the document with `index_no` as theirs.
    async fn public_interpretations(
        &self,
        agency: AgencyId,
        index_no: &str,
    ) -> StoreResult<Vec<StoredDocument>>;
    /// The public document of `agency` with this 索引号 (a 政策解读 names its policy by it).
    async fn public_document_by_index(
        &self,
        agency: AgencyId,
        index_no: &str,
    ) -> StoreResult<StoredDocument>;
    /// A file of a public document, if its public version names it (`NotFound` otherwise).
    async fn public_document_file(
        &self,
        agency: AgencyId,
        document: i64,
        file: i64,
    ) -> StoreResult<(DocumentFile, Vec<u8>)>;
    /// The registry's changes after `after`, oldest first, at most `limit`.
    async fn document_changes(&self, after: i64, limit: u64) -> StoreResult<Vec<DocumentChange>>;
    /// Documents by id, whatever their agency (the search indexer, which keeps only the public).
    async fn documents_by_ids(&self, ids: &[i64]) -> StoreResult<Vec<StoredDocument>>;
}
