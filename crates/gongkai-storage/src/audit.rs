//! The audit log: append inside the caller's transaction, and read.
//!
//! Each agency has its own chain. Event `n` stores `prev_hash` (the hash of event `n-1`, or 64
//! zeros) and `hash = HMAC-SHA256(key; prev_hash, agency, seq, actor, action, subject,
//! subject_id, before, after, at)`, each field length-prefixed so no two field lists hash alike.
//! The key is kept outside the database (`seal.rs`), so rows edited by hand cannot be re-hashed.
//! The agency row keeps the chain's end (`audit_seq`, `audit_head`), updated in the same
//! transaction, and every committed head is also written to the checkpoint file, so a deleted
//! tail, a rolled-back head and a deleted agency are caught as well (`verify.rs`). Appends lock
//! the agency row (`SELECT … FOR UPDATE` on PostgreSQL; SQLite has a single writer), so two
//! instances never fork a chain.
//!
//! Every write goes through a [`Tx`]: the transaction plus the chain ends it holds, which
//! [`Tx::commit`] writes to the agency rows and, once the database has committed, checkpoints.

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

/// A write transaction and the chain ends it holds.
///
/// The first lock of an agency in a transaction reads its chain end under the row lock; later
/// appends in the same transaction continue from the copy kept here instead of reading and
/// rewriting the agency row for every event, and [`Tx::commit`] writes each moved end back once,
/// just before the database commits. Nothing inside a write reads the row's chain end except
/// through this copy.
pub(crate) struct Tx<'s> {
    /// The database transaction.
    pub txn: DatabaseTransaction,
    seal: &'s Seal,
    chains: Vec<Chain>,
}

/// One agency's chain end as this transaction sees it.
struct Chain {
    head: Head,
    /// Events were appended: the agency row must be updated before commit.
    moved: bool,
    /// The agency's locked report years, once read ([`Tx::locked_years`]).
    locked_years: Option<Vec<i32>>,
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
        })
    }

    /// Locks `agency`'s row for the rest of the transaction (the chain's mutex) and reads its
    /// chain end, once per transaction. Take it before any insert that references the agency:
    /// a foreign-key check holds a share lock that would otherwise deadlock against a later
    /// `FOR UPDATE` in a concurrent transaction.
    pub async fn lock_agency(&mut self, agency: i64) -> StoreResult<()> {
        self.chain(agency).await.map(|_| ())
    }

    /// `agency`'s chain end, read under its row lock the first time.
    async fn chain(&mut self, agency: i64) -> StoreResult<&mut Chain> {
        let at = match self.chains.iter().position(|c| c.head.agency_id == agency) {
            Some(at) => at,
            None => {
                let row = agencies::Entity::find_by_id(agency)
                    .lock_exclusive()
                    .one(&self.txn)
                    .await?
                    .ok_or(StoreError::NotFound { what: "机关" })?;
                self.chains.push(Chain {
                    head: Head {
                        agency_id: agency,
                        agency_code: row.code,
                        seq: row.audit_seq,
                        hash: row.audit_head,
                    },
                    moved: false,
                    locked_years: None,
                });
                self.chains.len() - 1
            }
        };
        Ok(&mut self.chains[at])
    }

    /// The years of `agency` whose report is published (`period_lock.rs`), read once per
    /// transaction under the agency's lock, which every report write takes too; no transaction
    /// both writes a report and reads this.
    pub async fn locked_years(&mut self, agency: i64) -> StoreResult<Vec<i32>> {
        let known = self.chain(agency).await?.locked_years.clone();
        if let Some(years) = known {
            return Ok(years);
        }
        let years = crate::period_lock::locked_years(&self.txn, agency).await?;
        self.chain(agency).await?.locked_years = Some(years.clone());
        Ok(years)
    }

    /// Appends a change made by `actor` to `agency`'s chain.
    pub async fn append(
        &mut self,
        agency: i64,
        actor: &Actor,
        change: Change<'_>,
    ) -> StoreResult<()> {
        self.append_events(agency, &[change.into_event(actor)])
            .await
    }

    /// Appends a domain event (a case or document transition) to `agency`'s chain.
    pub async fn append_event(&mut self, agency: i64, event: &AuditEvent) -> StoreResult<()> {
        self.append_events(agency, std::slice::from_ref(event))
            .await
    }

    /// Appends the domain's events of record `id` (a case or a proceeding), filling in the id
    /// the domain could not know before the record was stored.
    pub async fn append_events_of(
        &mut self,
        agency: i64,
        id: i64,
        events: &[AuditEvent],
    ) -> StoreResult<()> {
        let events: Vec<AuditEvent> = events
            .iter()
            .map(|e| AuditEvent {
                subject_id: id.to_string(),
                ..e.clone()
            })
            .collect();
        self.append_events(agency, &events).await
    }

    /// Appends `events` in order to `agency`'s chain, with one insert.
    async fn append_events(&mut self, agency: i64, events: &[AuditEvent]) -> StoreResult<()> {
        if events.is_empty() {
            return Ok(());
        }
        let key = &self.seal.key;
        let chain = self.chain(agency).await?;
        let mut rows = Vec::with_capacity(events.len());
        for e in events {
            let row = linked(key, &chain.head, e);
            chain.head.seq = row.seq;
            chain.head.hash.clone_from(&row.hash);
            let mut active: audit_events::ActiveModel = row.into();
            active.id = sea_orm::NotSet;
            rows.push(active);
        }
        chain.moved = true;
        audit_events::Entity::insert_many(rows)
            .exec_without_returning(&self.txn)
            .await?;
        Ok(())
    }

    /// Writes the moved chain ends back, commits, then checkpoints them outside the database.
    pub async fn commit(self) -> StoreResult<()> {
        let heads: Vec<Head> = self
            .chains
            .into_iter()
            .filter(|c| c.moved)
            .map(|c| c.head)
            .collect();
        for h in &heads {
            agencies::Entity::update_many()
                .col_expr(agencies::Column::AuditSeq, Expr::value(h.seq))
                .col_expr(agencies::Column::AuditHead, Expr::value(h.hash.clone()))
                .filter(agencies::Column::Id.eq(h.agency_id))
                .exec(&self.txn)
                .await?;
        }
        self.txn.commit().await?;
        self.seal.record(&heads);
        Ok(())
    }
}

/// The event after `head` in its chain, hashed.
fn linked(key: &AuditKey, head: &Head, e: &AuditEvent) -> audit_events::Model {
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
    row
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
