//! Attachment files of documents: content stored once per SHA-256 in `blobs` (shared with the
//! cases' files), the extracted text beside the row for the search index.

use super::{DocumentFile, NewDocumentFile};
use crate::audit;
use crate::cases::files::{blob_bytes, put_blob};
use crate::entity::document_files as files;
use crate::{AgencyId, SeaStore, StoreError, StoreResult};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Set,
};

fn to_file(m: files::Model) -> DocumentFile {
    DocumentFile {
        id: m.id,
        agency_id: AgencyId(m.agency_id),
        file_name: m.file_name,
        media_type: m.media_type,
        size: m.size,
        uploaded_by: m.uploaded_by,
    }
}

pub(crate) async fn add(
    store: &SeaStore,
    agency: AgencyId,
    new: &NewDocumentFile,
) -> StoreResult<DocumentFile> {
    let tx = store.begin().await?;
    let sha = put_blob(&tx.txn, &new.bytes).await?;
    let row = files::ActiveModel {
        id: NotSet,
        agency_id: Set(agency.0),
        file_name: Set(new.file_name.clone()),
        media_type: Set(new.media_type.clone()),
        size: Set(new.bytes.len() as i64),
        sha256: Set(sha),
        text: Set(new.text.clone()),
        uploaded_by: Set(new.uploaded_by.clone()),
        created_at: Set(audit::now()),
    }
    .insert(&tx.txn)
    .await?;
    tx.commit().await?;
    Ok(to_file(row))
}

pub(crate) async fn list(
    store: &SeaStore,
    agency: AgencyId,
    ids: &[i64],
) -> StoreResult<Vec<DocumentFile>> {
    let found = files::Entity::find()
        .filter(files::Column::AgencyId.eq(agency.0))
        .filter(files::Column::Id.is_in(ids.to_vec()))
        .order_by_asc(files::Column::Id)
        .all(&store.db)
        .await?;
    Ok(found.into_iter().map(to_file).collect())
}

pub(crate) async fn one(
    store: &SeaStore,
    agency: AgencyId,
    id: i64,
) -> StoreResult<(DocumentFile, Vec<u8>)> {
    let row = files::Entity::find_by_id(id)
        .filter(files::Column::AgencyId.eq(agency.0))
        .one(&store.db)
        .await?
        .ok_or(StoreError::NotFound { what: "附件" })?;
    let bytes = blob_bytes(store, &row.sha256).await?;
    Ok((to_file(row), bytes))
}

pub(crate) async fn texts(store: &SeaStore, ids: &[i64]) -> StoreResult<Vec<(i64, String)>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let found: Vec<(i64, Option<String>)> = files::Entity::find()
            .select_only()
            .column(files::Column::Id)
            .column(files::Column::Text)
            .filter(files::Column::Id.is_in(chunk.to_vec()))
            .into_tuple()
            .all(&store.db)
            .await?;
        out.extend(found.into_iter().filter_map(|(id, t)| Some((id, t?))));
    }
    Ok(out)
}
