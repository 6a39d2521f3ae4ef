//! Files and letters of applications, and per-agency serial numbers.
//!
//! A file's content is stored once per SHA-256 in `blobs` (the same scan uploaded twice takes
//! its room once) and in the database rather than the data folder, so that every instance of a
//! PostgreSQL deployment sees it and a submission commits together with its files.

use super::{Attachment, AttachmentKind, Letter, NewAttachment, NewLetter};
use crate::agencies::corrupt;
use crate::audit;
use crate::entity::{attachments as att, blobs, counters, letters};
use crate::{AgencyId, SeaStore, StoreError, StoreResult};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, NotSet, QueryFilter,
    QueryOrder, Set,
};
use sha2::{Digest, Sha256};

/// The next value of counter `name` of `agency`, inside `txn` (the agency row is locked by the
/// caller, so two transactions never take the same number).
pub(crate) async fn next_in(
    txn: &DatabaseTransaction,
    agency: i64,
    name: &str,
) -> StoreResult<i64> {
    next_n(txn, agency, name, 1).await
}

/// Takes the next `n` values of counter `name` of `agency` in one statement (an upsert that
/// returns the new value); returns the last of them.
pub(crate) async fn next_n(
    txn: &DatabaseTransaction,
    agency: i64,
    name: &str,
    n: i64,
) -> StoreResult<i64> {
    let first = counters::ActiveModel {
        agency_id: Set(agency),
        name: Set(name.to_owned()),
        value: Set(n),
    };
    let bump = Expr::col((counters::Entity, counters::Column::Value)).add(n);
    let row = counters::Entity::insert(first)
        .on_conflict(
            OnConflict::columns([counters::Column::AgencyId, counters::Column::Name])
                .value(counters::Column::Value, bump)
                .to_owned(),
        )
        .exec_with_returning(txn)
        .await?;
    Ok(row.value)
}

pub(crate) async fn put_blob(txn: &DatabaseTransaction, bytes: &[u8]) -> StoreResult<String> {
    let sha = crate::seal::hex(&Sha256::digest(bytes));
    let row = blobs::ActiveModel {
        sha256: Set(sha.clone()),
        size: Set(bytes.len() as i64),
        bytes: Set(bytes.to_vec()),
    };
    blobs::Entity::insert(row)
        .on_conflict_do_nothing_on([blobs::Column::Sha256])
        .exec(txn)
        .await?;
    Ok(sha)
}

pub(crate) async fn insert_attachments(
    txn: &DatabaseTransaction,
    agency: i64,
    application: i64,
    files: &[NewAttachment],
) -> StoreResult<()> {
    for f in files {
        let sha = put_blob(txn, &f.bytes).await?;
        let row = att::ActiveModel {
            id: NotSet,
            agency_id: Set(agency),
            application_id: Set(Some(application)),
            kind: Set(f.kind.as_str().to_owned()),
            file_name: Set(f.file_name.clone()),
            media_type: Set(f.media_type.clone()),
            size: Set(f.bytes.len() as i64),
            sha256: Set(sha),
            public: Set(f.public),
            uploaded_by: Set(f.uploaded_by.clone()),
            created_at: Set(audit::now()),
        };
        row.insert(txn).await?;
    }
    Ok(())
}

pub(crate) async fn insert_letters(
    txn: &DatabaseTransaction,
    agency: i64,
    application: i64,
    list: &[NewLetter],
) -> StoreResult<()> {
    let of = list.iter().map(|l| (application, l)).collect();
    insert_letters_of(txn, agency, of).await
}

/// The letters of several applications of `agency`, in one statement.
pub(crate) async fn insert_letters_of(
    txn: &DatabaseTransaction,
    agency: i64,
    list: Vec<(i64, &NewLetter)>,
) -> StoreResult<()> {
    let now = audit::now();
    let rows = list
        .into_iter()
        .map(|(application, l)| letters::ActiveModel {
            id: NotSet,
            agency_id: Set(agency),
            application_id: Set(application),
            kind: Set(l.kind.clone()),
            doc_no: Set(l.doc_no.clone()),
            letter_json: Set(l.letter_json.clone()),
            public: Set(l.public),
            issued_on: Set(l.issued_on),
            issued_by: Set(l.issued_by.clone()),
            created_at: Set(now),
        });
    letters::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

fn to_attachment(m: att::Model) -> StoreResult<Attachment> {
    Ok(Attachment {
        id: m.id,
        agency_id: AgencyId(m.agency_id),
        application_id: m.application_id,
        kind: AttachmentKind::parse(&m.kind).ok_or_else(|| corrupt("附件类型"))?,
        file_name: m.file_name,
        media_type: m.media_type,
        size: m.size,
        sha256: m.sha256,
        public: m.public,
        uploaded_by: m.uploaded_by,
        created_at: m.created_at,
    })
}

fn to_letter(m: letters::Model) -> Letter {
    Letter {
        id: m.id,
        agency_id: AgencyId(m.agency_id),
        application_id: m.application_id,
        kind: m.kind,
        doc_no: m.doc_no,
        letter_json: m.letter_json,
        public: m.public,
        issued_on: m.issued_on,
        issued_by: m.issued_by,
    }
}

pub(crate) async fn list_attachments(
    store: &SeaStore,
    agency: AgencyId,
    id: i64,
) -> StoreResult<Vec<Attachment>> {
    let rows = att::Entity::find()
        .filter(att::Column::AgencyId.eq(agency.0))
        .filter(att::Column::ApplicationId.eq(id))
        .order_by_asc(att::Column::Id)
        .all(&store.db)
        .await?;
    rows.into_iter().map(to_attachment).collect()
}

pub(crate) async fn one_attachment(
    store: &SeaStore,
    agency: AgencyId,
    id: i64,
) -> StoreResult<(Attachment, Vec<u8>)> {
    let row = att::Entity::find_by_id(id)
        .filter(att::Column::AgencyId.eq(agency.0))
        .one(&store.db)
        .await?
        .ok_or(StoreError::NotFound { what: "附件" })?;
    let bytes = blob_bytes(store, &row.sha256).await?;
    Ok((to_attachment(row)?, bytes))
}

/// The content of the blob `sha256` (every file row names one that exists).
pub(crate) async fn blob_bytes(store: &SeaStore, sha256: &str) -> StoreResult<Vec<u8>> {
    let blob = blobs::Entity::find_by_id(sha256.to_owned())
        .one(&store.db)
        .await?
        .ok_or_else(|| corrupt("附件内容"))?;
    Ok(blob.bytes)
}

pub(crate) async fn list_letters(
    store: &SeaStore,
    agency: AgencyId,
    id: i64,
) -> StoreResult<Vec<Letter>> {
    let rows = letters::Entity::find()
        .filter(letters::Column::AgencyId.eq(agency.0))
        .filter(letters::Column::ApplicationId.eq(id))
        .order_by_asc(letters::Column::Id)
        .all(&store.db)
        .await?;
    Ok(rows.into_iter().map(to_letter).collect())
}
