//! Writing documents: a new one (with its 索引号 serial), a moved-in one, and one step — each
//! one transaction with its audit events and a row in the change log. The listed columns are
//! derived from the domain record here, in one place.

use super::StoredDocument;
use super::read::to_stored;
use crate::agencies::{corrupt, unique};
use crate::audit::{self, Tx};
use crate::cases::files::next_in;
use crate::entity::{document_changes as changes, documents as rows};
use crate::{AgencyId, SeaStore, StoreError, StoreResult};
use gongkai_domain::choice::Choice;
use gongkai_domain::disclosure::{Document, Transition};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, Set,
};

/// How often a new document may find its serial taken by a moved-in one before giving up.
const SERIAL_TRIES: u32 = 1000;

/// The row of `doc` with every derived column set (id, version and times left to the caller).
fn derived(agency: i64, doc: &Document) -> StoreResult<rows::ActiveModel> {
    let public = doc.public_view();
    let c = &doc.content;
    let p = public.as_ref().map(|v| v.content);
    Ok(rows::ActiveModel {
        id: NotSet,
        agency_id: Set(agency),
        index_no: Set(doc.index_no.as_str().to_owned()),
        status: Set(doc.status_key().to_owned()),
        title: Set(c.title.clone()),
        doc_no: Set(c.doc_no.clone()),
        written_on: Set(c.written_on),
        marker: Set(c.marker.map(|m| m.id().to_owned())),
        record_json: Set(serde_json::to_string(doc).map_err(|_| corrupt("文件记录"))?),
        public: Set(public.is_some()),
        pub_title: Set(p.map(|c| c.title.clone())),
        pub_doc_no: Set(p.map(|c| c.doc_no.clone())),
        pub_written_on: Set(p.map(|c| c.written_on)),
        pub_updated_on: Set(public.as_ref().map(|v| v.updated_on)),
        pub_item: Set(p.and_then(|c| c.item).map(|i| i.id().to_owned())),
        pub_topic: Set(p
            .and_then(|c| c.topic.as_ref())
            .map(|t| t.as_str().to_owned())),
        pub_genre: Set(p
            .and_then(|c| c.genre.as_ref())
            .map(|g| g.as_str().to_owned())),
        pub_validity: Set(public.as_ref().map(|v| v.validity.key().to_owned())),
        pub_interprets: Set(p
            .and_then(|c| c.interprets.as_ref())
            .map(|i| i.as_str().to_owned())),
        version: NotSet,
        created_at: NotSet,
        updated_at: NotSet,
    })
}

async fn log_change(txn: &DatabaseTransaction, agency: i64, id: i64) -> StoreResult<()> {
    let row = changes::ActiveModel {
        id: NotSet,
        document_id: Set(id),
        agency_id: Set(agency),
        changed_at: Set(audit::now()),
    };
    changes::Entity::insert(row)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// Inserts a new document with its events and change-log row.
async fn insert(tx: &mut Tx<'_>, agency: i64, t: &Transition) -> StoreResult<rows::Model> {
    let locked = crate::period_lock::locked_years(&tx.txn, agency).await?;
    crate::period_lock::check_document(&locked, None, &t.document)?;
    let now = audit::now();
    let mut row = derived(agency, &t.document)?;
    row.version = Set(1);
    row.created_at = Set(now);
    row.updated_at = Set(now);
    let row = row.insert(&tx.txn).await.map_err(unique("索引号"))?;
    log_change(&tx.txn, agency, row.id).await?;
    tx.append_events_of(agency, row.id, &t.events).await?;
    Ok(row)
}

async fn index_taken(txn: &DatabaseTransaction, agency: i64, t: &Transition) -> StoreResult<bool> {
    let n = rows::Entity::find()
        .filter(rows::Column::AgencyId.eq(agency))
        .filter(rows::Column::IndexNo.eq(t.document.index_no.as_str()))
        .count(txn)
        .await?;
    Ok(n > 0)
}

pub(crate) async fn create(
    store: &SeaStore,
    agency: AgencyId,
    year: i32,
    build: &super::BuildDocument<'_>,
) -> StoreResult<StoredDocument> {
    let mut tx = store.begin().await?;
    // The agency lock serialises writers, so the counter and the 索引号 check cannot race.
    tx.lock_agency(agency.0).await?;
    let counter = format!("index_no:{year}");
    for _ in 0..SERIAL_TRIES {
        let serial = next_in(&tx.txn, agency.0, &counter).await?;
        let serial =
            u32::try_from(serial).map_err(|_| StoreError::Invalid("索引号流水号已用尽".into()))?;
        let t = build(serial).map_err(|e| StoreError::Invalid(e.to_string()))?;
        if index_taken(&tx.txn, agency.0, &t).await? {
            continue;
        }
        let row = insert(&mut tx, agency.0, &t).await?;
        tx.commit().await?;
        return to_stored(row);
    }
    Err(StoreError::Conflict { what: "索引号" })
}

pub(crate) async fn register(
    store: &SeaStore,
    agency: AgencyId,
    created: &Transition,
) -> StoreResult<StoredDocument> {
    let mut tx = store.begin().await?;
    tx.lock_agency(agency.0).await?;
    if index_taken(&tx.txn, agency.0, created).await? {
        return Err(StoreError::Conflict { what: "索引号" });
    }
    let row = insert(&mut tx, agency.0, created).await?;
    tx.commit().await?;
    to_stored(row)
}

pub(crate) async fn commit(
    store: &SeaStore,
    agency: AgencyId,
    id: i64,
    version: i32,
    step: &Transition,
) -> StoreResult<StoredDocument> {
    let mut tx = store.begin().await?;
    tx.lock_agency(agency.0).await?;
    let stored = rows::Entity::find_by_id(id)
        .filter(rows::Column::AgencyId.eq(agency.0))
        .one(&tx.txn)
        .await?
        .ok_or(StoreError::NotFound { what: "文件" })?;
    if stored.version != version {
        return Err(StoreError::Stale);
    }
    let locked = crate::period_lock::locked_years(&tx.txn, agency.0).await?;
    if !locked.is_empty() {
        let before: Document =
            serde_json::from_str(&stored.record_json).map_err(|_| corrupt("文件记录"))?;
        crate::period_lock::check_document(&locked, Some(&before), &step.document)?;
    }
    // The 索引号 is fixed at registration: a step that changes it is a bug, not a user error.
    if stored.index_no != step.document.index_no.as_str() {
        return Err(StoreError::Invalid("索引号登记后不能更改".into()));
    }
    let mut row = derived(agency.0, &step.document)?;
    row.version = Set(version + 1);
    row.updated_at = Set(audit::now());
    let done = rows::Entity::update_many()
        .set(row)
        .filter(rows::Column::Id.eq(id))
        .filter(rows::Column::Version.eq(version))
        .exec(&tx.txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(StoreError::Stale);
    }
    log_change(&tx.txn, agency.0, id).await?;
    tx.append_events_of(agency.0, id, &step.events).await?;
    let row = rows::Entity::find_by_id(id)
        .one(&tx.txn)
        .await?
        .ok_or(StoreError::NotFound { what: "文件" })?;
    tx.commit().await?;
    to_stored(row)
}
