//! The audit log: append inside the caller's transaction, and read.
//!
//! Each agency has its own chain. Event `n` stores `prev_hash` (the hash of event `n-1`, or 64
//! zeros) and `hash = HMAC-SHA256(key; prev_hash, agency, seq, actor, action, subject,
//! subject_id, before, after, at)`, each field length-prefixed so no two field lists hash alike.
//! The key is kept outside the database (`seal.rs`), so rows edited by hand cannot be re-hashed.
//! The agency row keeps the chain's end (`audit_seq`, `audit_head`), written once by the same
//! transaction as it commits (its appends carry the head on in memory), and every committed
//! head is also written to the checkpoint file, so a deleted tail, a rolled-back head and a
//! deleted agency are caught as well (`verify.rs`). Appends lock the agency row (`SELECT … FOR
//! UPDATE` on PostgreSQL; SQLite has a single writer), so two instances never fork a chain.
//!
//! Every write goes through a [`Tx`]: the transaction plus the heads it moved, which
//! [`Tx::commit`] checkpoints once the database has committed. A transaction's events are
//! chained in memory as they are appended and inserted as it commits, a few hundred to a
//! statement (a batch of submissions appends dozens; nothing reads them back before).

use crate::entity::{agencies, audit_events};
use crate::seal::{AuditKey, Head, Seal};
use crate::{Actor, AuditEntry, AuditStore, Scope, SeaStore, StoreResult};
use crate::{AgencyId, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use gongkai_domain::audit::AuditEvent;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first event of every chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A change to record: what, on which record, before and after (JSON), and a sentence.
pub(crate) struct Change<'a> {
    pub action: &'a str,
    pub subject: &'a str,
    pub subject_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub summary: String,
}

impl Change<'_> {
    /// The platform's one audit record for this change by `actor`, dated today in Beijing.
    fn into_event(self, actor: &Actor) -> AuditEvent {
        AuditEvent {
            actor: actor.name.clone(),
            action: self.action.to_owned(),
            subject: self.subject.to_owned(),
            subject_id: self.subject_id,
            before: self.before,
            after: self.after,
            summary: self.summary,
            on: today(),
        }
    }
}

/// Today in Beijing time (UTC+8, no daylight saving), the date every event is filed under.
pub(crate) fn today() -> NaiveDate {
    (Utc::now() + chrono::Duration::hours(8)).date_naive()
}

/// The fields of an event that its hash covers, in order.
fn hashed_fields(prev: &str, m: &audit_events::Model) -> [String; 12] {
    [
        prev.to_owned(),
        m.agency_id.to_string(),
        m.seq.to_string(),
        m.actor.clone(),
        m.action.clone(),
        m.subject.clone(),
        m.subject_id.clone(),
        m.before.clone().unwrap_or_else(|| "\u{0}null".to_owned()),
        m.after.clone().unwrap_or_else(|| "\u{0}null".to_owned()),
        m.summary.clone(),
        m.on_date.to_string(),
        m.at.timestamp_micros().to_string(),
    ]
}

/// The keyed hash of one event given the previous hash.
pub(crate) fn event_hash(key: &AuditKey, prev: &str, m: &audit_events::Model) -> String {
    let fields = hashed_fields(prev, m);
    let parts: Vec<&str> = fields.iter().map(String::as_str).collect();
    key.mac(&parts)
}

/// The unkeyed SHA-256 of earlier versions, only to seal an old chain once (`verify.rs`).
pub(crate) fn legacy_hash(prev: &str, m: &audit_events::Model) -> String {
    let mut h = Sha256::new();
    for f in hashed_fields(prev, m) {
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    crate::seal::hex(&h.finalize())
}

/// An agency's chain as a transaction holds it: the head, read under the agency's lock and
/// carried on by each append, and whether an append moved it (only a moved head is written
/// back and checkpointed).
struct Chain {
    head: Head,
    moved: bool,
}

/// A write transaction and the chains it holds.
pub(crate) struct Tx<'s> {
    /// The database transaction.
    pub txn: DatabaseTransaction,
    seal: &'s Seal,
    /// The chains of the agencies this transaction has locked.
    chains: Vec<Chain>,
    /// Events appended, chained, not yet inserted ([`Tx::commit`] inserts them).
    pending: Vec<audit_events::ActiveModel>,
    /// Locked report years read so far, by agency ([`Tx::locked_years`]).
    locked: Vec<(i64, Vec<i32>)>,
}

impl SeaStore {
    /// Starts a write.
    pub(crate) async fn begin(&self) -> StoreResult<Tx<'_>> {
        Tx::begin(&self.db, &self.seal).await
    }
}

impl<'s> Tx<'s> {
    /// Starts a write on `db`, sealed with `seal`.
    pub async fn begin(db: &DatabaseConnection, seal: &'s Seal) -> StoreResult<Self> {
        Ok(Tx {
            txn: db.begin().await?,
            seal,
            chains: Vec::new(),
            pending: Vec::new(),
            locked: Vec::new(),
        })
    }

    /// `agency`'s locked report years ([`crate::period_lock::locked_years`]), read once per
    /// transaction: for filing cases, which writes no report (a batch of submissions files
    /// dozens).
    pub async fn locked_years(&mut self, agency: i64) -> StoreResult<Vec<i32>> {
        if let Some((_, years)) = self.locked.iter().find(|(a, _)| *a == agency) {
            return Ok(years.clone());
        }
        let years = crate::period_lock::locked_years(&self.txn, agency).await?;
        self.locked.push((agency, years.clone()));
        Ok(years)
    }

    /// Locks `agency`'s row for the rest of the transaction (the chain's mutex), unless this
    /// transaction holds it already. Take it before any insert that references the agency: a
    /// foreign-key check holds a share lock that would otherwise deadlock against a later
    /// `FOR UPDATE` in a concurrent transaction. The chain's head read with it serves the first
    /// append.
    pub async fn lock_agency(&mut self, agency: i64) -> StoreResult<()> {
        self.chain(agency).await.map(|_| ())
    }

    /// `agency`'s chain: held already, or its head read as the agency is locked. Later appends
    /// carry the head on in memory, since the lock keeps everyone else from moving the chain.
    async fn chain(&mut self, agency: i64) -> StoreResult<&mut Chain> {
        let at = match self.chains.iter().position(|c| c.head.agency_id == agency) {
            Some(at) => at,
            None => {
                let row = locked_row(&self.txn, agency).await?;
                let head = Head {
                    agency_id: agency,
                    agency_code: row.code,
                    seq: row.audit_seq,
                    hash: row.audit_head,
                };
                self.chains.push(Chain { head, moved: false });
                self.chains.len() - 1
            }
        };
        Ok(&mut self.chains[at])
    }

    /// Appends a change made by `actor` to `agency`'s chain.
    pub async fn append(
        &mut self,
        agency: i64,
        actor: &Actor,
        change: Change<'_>,
    ) -> StoreResult<()> {
        self.append_event(agency, &change.into_event(actor)).await
    }

    /// Appends a domain event (a case or document transition) to `agency`'s chain.
    pub async fn append_event(&mut self, agency: i64, event: &AuditEvent) -> StoreResult<()> {
        let seal = self.seal;
        let chain = self.chain(agency).await?;
        let (row, head) = chained(&seal.key, &chain.head, event);
        chain.head = head;
        chain.moved = true;
        self.pending.push(row);
        Ok(())
    }

    /// Appends the domain's events of record `id` (a case or a proceeding), filling in the id
    /// the domain could not know before the record was stored.
    pub async fn append_events_of(
        &mut self,
        agency: i64,
        id: i64,
        events: &[AuditEvent],
    ) -> StoreResult<()> {
        for e in events {
            let mut e = e.clone();
            e.subject_id = id.to_string();
            self.append_event(agency, &e).await?;
        }
        Ok(())
    }

    /// Inserts the events, commits, then checkpoints the heads outside the database.
    pub async fn commit(self) -> StoreResult<()> {
        for rows in self.pending.chunks(EVENTS_PER_INSERT) {
            audit_events::Entity::insert_many(rows.iter().cloned())
                .exec_without_returning(&self.txn)
                .await?;
        }
        let moved: Vec<Head> = self
            .chains
            .into_iter()
            .filter(|c| c.moved)
            .map(|c| c.head)
            .collect();
        for head in &moved {
            agencies::Entity::update_many()
                .col_expr(agencies::Column::AuditSeq, Expr::value(head.seq))
                .col_expr(agencies::Column::AuditHead, Expr::value(head.hash.clone()))
                .filter(agencies::Column::Id.eq(head.agency_id))
                .exec(&self.txn)
                .await?;
        }
        self.txn.commit().await?;
        self.seal.record(&moved);
        Ok(())
    }
}

/// `agency`'s row, locked for the rest of `txn` (see [`Tx::lock_agency`]).
async fn locked_row(txn: &DatabaseTransaction, agency: i64) -> StoreResult<agencies::Model> {
    agencies::Entity::find_by_id(agency)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(StoreError::NotFound { what: "机关" })
}

/// Events inserted by one statement at most (14 values each: far below either backend's limit
/// on a statement's parameters).
const EVENTS_PER_INSERT: usize = 500;

/// Event `e` chained after `head`: the row to insert, and the new head, which [`Tx::commit`]
/// writes to the agency row.
fn chained(key: &AuditKey, head: &Head, e: &AuditEvent) -> (audit_events::ActiveModel, Head) {
    let mut row = audit_events::Model {
        id: 0,
        agency_id: head.agency_id,
        seq: head.seq + 1,
        actor: e.actor.clone(),
        action: e.action.clone(),
        subject: e.subject.clone(),
        subject_id: e.subject_id.clone(),
        before: e.before.clone(),
        after: e.after.clone(),
        summary: e.summary.clone(),
        on_date: e.on,
        at: now(),
        prev_hash: head.hash.clone(),
        hash: String::new(),
    };
    row.hash = event_hash(key, &head.hash, &row);
    let new_head = Head {
        agency_id: head.agency_id,
        agency_code: head.agency_code.clone(),
        seq: row.seq,
        hash: row.hash.clone(),
    };
    let mut active: audit_events::ActiveModel = row.into();
    active.id = sea_orm::NotSet;
    (active, new_head)
}

/// JSON of a record for `before` / `after`.
pub(crate) fn json<T: serde::Serialize>(v: &T) -> Option<String> {
    serde_json::to_string(v).ok()
}

/// The events of one subject (`application`, `appeal`, `document`) of `agency`, oldest first.
pub(crate) async fn events_of(
    db: &sea_orm::DatabaseConnection,
    agency: AgencyId,
    subject: &str,
    id: i64,
) -> StoreResult<Vec<AuditEntry>> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let rows = audit_events::Entity::find()
        .filter(audit_events::Column::AgencyId.eq(agency.0))
        .filter(audit_events::Column::Subject.eq(subject))
        .filter(audit_events::Column::SubjectId.eq(id.to_string()))
        .order_by_asc(audit_events::Column::Seq)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(entry).collect())
}

pub(crate) fn entry(m: audit_events::Model) -> AuditEntry {
    AuditEntry {
        agency_id: AgencyId(m.agency_id),
        seq: m.seq,
        at: m.at,
        hash: m.hash,
        event: AuditEvent {
            actor: m.actor,
            action: m.action,
            subject: m.subject,
            subject_id: m.subject_id,
            before: m.before,
            after: m.after,
            summary: m.summary,
            on: m.on_date,
        },
    }
}

#[async_trait]
impl AuditStore for SeaStore {
    async fn audit_events(&self, scope: Scope, limit: u64) -> StoreResult<Vec<AuditEntry>> {
        let ids = crate::agencies::scope_ids(&self.db, scope).await?;
        let rows = audit_events::Entity::find()
            .filter(audit_events::Column::AgencyId.is_in(ids))
            .order_by_desc(audit_events::Column::At)
            .order_by_desc(audit_events::Column::Id)
            .limit(limit)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(entry).collect())
    }

    async fn verify_audit(
        &self,
        checkpoints: &crate::Checkpoints,
    ) -> StoreResult<crate::ChainReport> {
        crate::verify::verify(&self.db, &self.seal.key, checkpoints).await
    }

    async fn chain_heads(&self) -> StoreResult<Vec<Head>> {
        crate::verify::heads(&self.db).await
    }

    async fn checkpoint_all(&self) -> StoreResult<u64> {
        let heads = crate::verify::heads(&self.db).await?;
        self.seal.record(&heads);
        Ok(heads.len() as u64)
    }

    async fn audit_mark(&self) -> StoreResult<i64> {
        let newest = audit_events::Entity::find()
            .select_only()
            .column_as(audit_events::Column::Id.max(), "mark")
            .into_tuple::<Option<i64>>()
            .one(&self.read)
            .await?;
        Ok(newest.flatten().unwrap_or(0))
    }
}

/// Now, at the precision both backends store.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}
