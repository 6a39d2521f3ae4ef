//! Reading the registry for staff: one document, the clerk's list, the whole registry of an
//! agency, a document's history — and the `DocumentStore` implementation.

use super::{
    BuildDocument, DocumentChange, DocumentFile, DocumentFilter, DocumentRow, DocumentStore,
    NewDocumentFile, PublicFilter, StoredDocument,
};
use crate::agencies::{corrupt, scope_ids};
use crate::audit;
use crate::entity::{document_changes as changes, documents as rows};
use crate::{AgencyId, AuditEntry, Scope, SeaStore, StoreError, StoreResult};
use async_trait::async_trait;
use chrono::NaiveDate;
use gongkai_domain::disclosure::{Document, DocumentRecord, Transition};
use sea_orm::sea_query::Condition;
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

/// The stored document of a row; the record is checked again on the way out
/// (`Document::restore`), so a row edited by hand into an unreviewed publication is refused.
pub(crate) fn to_stored(m: rows::Model) -> StoreResult<StoredDocument> {
    let record: DocumentRecord =
        serde_json::from_str(&m.record_json).map_err(|_| corrupt("文件记录"))?;
    let document = Document::restore(record).map_err(|_| corrupt("文件记录"))?;
    Ok(StoredDocument {
        id: m.id,
        agency_id: AgencyId(m.agency_id),
        document,
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

fn to_row(m: rows::Model) -> DocumentRow {
    DocumentRow {
        id: m.id,
        agency_id: AgencyId(m.agency_id),
        index_no: m.index_no,
        title: m.title,
        doc_no: m.doc_no,
        written_on: m.written_on,
        status: m.status,
        public: m.public,
        updated_at: m.updated_at,
    }
}

fn filtered(ids: Vec<i64>, f: &DocumentFilter) -> Select<rows::Entity> {
    let mut q = rows::Entity::find().filter(rows::Column::AgencyId.is_in(ids));
    if !f.statuses.is_empty() {
        q = q.filter(rows::Column::Status.is_in(f.statuses.clone()));
    }
    if let Some(words) = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        q = q.filter(
            Condition::any()
                .add(rows::Column::Title.contains(words))
                .add(rows::Column::DocNo.contains(words))
                .add(rows::Column::IndexNo.contains(words)),
        );
    }
    if let Some(year) = f.year {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return q.filter(rows::Column::Id.is_null());
        };
        q = q.filter(rows::Column::WrittenOn.between(first, last));
    }
    if let Some(m) = &f.marker {
        q = q.filter(rows::Column::Marker.eq(m.clone()));
    }
    q
}

#[async_trait]
impl DocumentStore for SeaStore {
    async fn create_document(
        &self,
        agency: AgencyId,
        year: i32,
        build: &BuildDocument<'_>,
    ) -> StoreResult<StoredDocument> {
        super::write::create(self, agency, year, build).await
    }

    async fn register_document(
        &self,
        agency: AgencyId,
        created: &Transition,
    ) -> StoreResult<StoredDocument> {
        super::write::register(self, agency, created).await
    }

    async fn commit_document(
        &self,
        agency: AgencyId,
        id: i64,
        version: i32,
        step: &Transition,
    ) -> StoreResult<StoredDocument> {
        super::write::commit(self, agency, id, version, step).await
    }

    async fn document(&self, scope: Scope, id: i64) -> StoreResult<StoredDocument> {
        let ids = scope_ids(&self.db, scope).await?;
        let row = rows::Entity::find_by_id(id)
            .filter(rows::Column::AgencyId.is_in(ids))
            .one(&self.db)
            .await?;
        to_stored(row.ok_or(StoreError::NotFound { what: "文件" })?)
    }

    async fn documents(
        &self,
        scope: Scope,
        filter: &DocumentFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<DocumentRow>, u64)> {
        let ids = scope_ids(&self.db, scope).await?;
        let total = filtered(ids.clone(), filter).count(&self.db).await?;
        let page = filtered(ids, filter)
            .order_by_desc(rows::Column::UpdatedAt)
            .order_by_desc(rows::Column::Id)
            .offset(offset)
            .limit(limit)
            .all(&self.db)
            .await?;
        Ok((page.into_iter().map(to_row).collect(), total))
    }

    async fn registry(&self, agency: AgencyId) -> StoreResult<Vec<StoredDocument>> {
        let found = rows::Entity::find()
            .filter(rows::Column::AgencyId.eq(agency.0))
            .order_by_asc(rows::Column::Id)
            .all(&self.db)
            .await?;
        found.into_iter().map(to_stored).collect()
    }

    async fn document_events(&self, agency: AgencyId, id: i64) -> StoreResult<Vec<AuditEntry>> {
        audit::events_of(&self.db, agency, "document", id).await
    }

    async fn add_document_file(
        &self,
        agency: AgencyId,
        new: &NewDocumentFile,
    ) -> StoreResult<DocumentFile> {
        super::files::add(self, agency, new).await
    }

    async fn document_files(
        &self,
        agency: AgencyId,
        ids: &[i64],
    ) -> StoreResult<Vec<DocumentFile>> {
        super::files::list(self, agency, ids).await
    }

    async fn document_file(
        &self,
        agency: AgencyId,
        id: i64,
    ) -> StoreResult<(DocumentFile, Vec<u8>)> {
        super::files::one(self, agency, id).await
    }

    async fn document_file_texts(&self, ids: &[i64]) -> StoreResult<Vec<(i64, String)>> {
        super::files::texts(self, ids).await
    }

    async fn public_documents(
        &self,
        filter: &PublicFilter,
        offset: u64,
        limit: u64,
    ) -> StoreResult<(Vec<StoredDocument>, u64)> {
        super::public::list(self, filter, offset, limit).await
    }

    async fn public_document(&self, agency: AgencyId, id: i64) -> StoreResult<StoredDocument> {
        super::public::one(self, agency, id).await
    }

    async fn public_interpretations(
        &self,
        agency: AgencyId,
        index_no: &str,
    ) -> StoreResult<Vec<StoredDocument>> {
        super::public::interpretations(self, agency, index_no).await
    }

    async fn public_document_by_index(
        &self,
        agency: AgencyId,
        index_no: &str,
    ) -> StoreResult<StoredDocument> {
        super::public::by_index(self, agency, index_no).await
    }

    async fn public_document_file(
        &self,
        agency: AgencyId,
        document: i64,
        file: i64,
    ) -> StoreResult<(DocumentFile, Vec<u8>)> {
        let doc = super::public::one(self, agency, document).await?;
        let named = doc
            .document
            .public_view()
            .is_some_and(|v| v.content.attachments.iter().any(|a| a.id.0 == file));
        if !named {
            return Err(StoreError::NotFound { what: "附件" });
        }
        super::files::one(self, agency, file).await
    }

    async fn document_changes(&self, after: i64, limit: u64) -> StoreResult<Vec<DocumentChange>> {
        let found: Vec<(i64, i64)> = changes::Entity::find()
            .select_only()
            .column(changes::Column::Id)
            .column(changes::Column::DocumentId)
            .filter(changes::Column::Id.gt(after))
            .order_by_asc(changes::Column::Id)
            .limit(limit)
            .into_tuple()
            .all(&self.db)
            .await?;
        Ok(found
            .into_iter()
            .map(|(seq, document_id)| DocumentChange { seq, document_id })
            .collect())
    }

    async fn documents_by_ids(&self, ids: &[i64]) -> StoreResult<Vec<StoredDocument>> {
        let mut out = Vec::with_capacity(ids.len());
        // Bounded IN lists: SQLite allows a limited number of parameters per statement.
        for chunk in ids.chunks(500) {
            let found = rows::Entity::find()
                .filter(rows::Column::Id.is_in(chunk.to_vec()))
                .all(&self.db)
                .await?;
            for m in found {
                out.push(to_stored(m)?);
            }
        }
        Ok(out)
    }
}
