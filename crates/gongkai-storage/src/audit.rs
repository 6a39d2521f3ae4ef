//! The audit log: append inside the caller's transaction, read, and verify the hash chains.
//!
//! Each agency has its own chain. Event `n` stores `prev_hash` (the hash of event `n-1`, or 64
//! zeros) and `hash = SHA-256(prev_hash, agency, seq, actor, action, subject, subject_id, before,
//! after, at)`, each field length-prefixed so no two field lists hash alike. The agency row keeps
//! the chain's end (`audit_seq`, `audit_head`), updated in the same transaction, so deleting the
//! last event is caught too. Appends lock the agency row (`SELECT … FOR UPDATE` on PostgreSQL;
//! SQLite has a single writer), so two instances never fork a chain.

use crate::entity::{agencies, audit_events};
use crate::{Actor, AuditEntry, AuditStore, ChainBreak, ChainReport, Scope, SeaStore, StoreResult};
use crate::{AgencyId, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first event of every chain.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A change to record: what, on which record, before and after (JSON).
pub(crate) struct Change<'a> {
    pub action: &'a str,
    pub subject: &'a str,
    pub subject_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The hash of one event given the previous hash.
fn event_hash(prev: &str, m: &audit_events::Model) -> String {
    let mut h = Sha256::new();
    let fields: [&str; 3] = [prev, &m.agency_id.to_string(), &m.seq.to_string()];
    let rest = [
        m.actor.as_str(),
        &m.action,
        &m.subject,
        &m.subject_id,
        m.before.as_deref().unwrap_or("\u{0}null"),
        m.after.as_deref().unwrap_or("\u{0}null"),
        &m.at.timestamp_micros().to_string(),
    ];
    for f in fields.iter().chain(rest.iter()) {
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Locks `agency`'s row for the rest of `txn` (the chain's mutex). Take it before any insert
/// that references the agency: a foreign-key check holds a share lock that would otherwise
/// deadlock against a later `FOR UPDATE` in a concurrent transaction.
pub(crate) async fn lock_agency(txn: &DatabaseTransaction, agency: i64) -> StoreResult<()> {
    agencies::Entity::find_by_id(agency)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(StoreError::NotFound { what: "机关" })?;
    Ok(())
}

/// Appends one event to `agency`'s chain inside `txn`.
pub(crate) async fn append(
    txn: &DatabaseTransaction,
    agency: i64,
    actor: &Actor,
    change: Change<'_>,
) -> StoreResult<()> {
    let head = agencies::Entity::find_by_id(agency)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(StoreError::NotFound { what: "机关" })?;
    let mut row = audit_events::Model {
        id: 0,
        agency_id: agency,
        seq: head.audit_seq + 1,
        actor: actor.name.clone(),
        action: change.action.to_owned(),
        subject: change.subject.to_owned(),
        subject_id: change.subject_id,
        before: change.before,
        after: change.after,
        at: Utc::now().trunc_subsecs(6),
        prev_hash: head.audit_head.clone(),
        hash: String::new(),
    };
    row.hash = event_hash(&head.audit_head, &row);
    agencies::Entity::update_many()
        .col_expr(agencies::Column::AuditSeq, Expr::value(row.seq))
        .col_expr(agencies::Column::AuditHead, Expr::value(row.hash.clone()))
        .filter(agencies::Column::Id.eq(agency))
        .exec(txn)
        .await?;
    let mut active: audit_events::ActiveModel = row.into();
    active.id = sea_orm::NotSet;
    active.insert(txn).await?;
    Ok(())
}

/// JSON of a record for `before` / `after`.
pub(crate) fn json<T: serde::Serialize>(v: &T) -> Option<String> {
    serde_json::to_string(v).ok()
}

fn entry(m: audit_events::Model) -> AuditEntry {
    AuditEntry {
        agency_id: AgencyId(m.agency_id),
        seq: m.seq,
        actor: m.actor,
        action: m.action,
        subject: m.subject,
        subject_id: m.subject_id,
        before: m.before,
        after: m.after,
        at: m.at,
        hash: m.hash,
    }
}

/// What is wrong with event `m` given the previous hash and sequence number, if anything.
fn check_link(prev: &str, seq: i64, m: &audit_events::Model) -> Option<(i64, String)> {
    if m.seq != seq + 1 {
        return Some((seq + 1, format!("第 {} 条记录缺失（被删除）", seq + 1)));
    }
    if m.prev_hash != prev {
        return Some((m.seq, "与上一条记录的链接不符".to_owned()));
    }
    if event_hash(prev, m) != m.hash {
        return Some((m.seq, "记录内容与哈希不符（被修改）".to_owned()));
    }
    None
}

/// Walks one agency's chain, page by page, and returns the first break, if any.
async fn verify_chain<C: ConnectionTrait>(
    db: &C,
    agency: &agencies::Model,
    report: &mut ChainReport,
) -> StoreResult<Option<ChainBreak>> {
    let broken = |(seq, problem): (i64, String)| {
        let agency_id = AgencyId(agency.id);
        Ok(Some(ChainBreak {
            agency_id,
            seq,
            problem,
        }))
    };
    let (mut prev, mut seq) = (GENESIS.to_owned(), 0i64);
    loop {
        let page = audit_events::Entity::find()
            .filter(audit_events::Column::AgencyId.eq(agency.id))
            .filter(audit_events::Column::Seq.gt(seq))
            .order_by_asc(audit_events::Column::Seq)
            .limit(1000)
            .all(db)
            .await?;
        if page.is_empty() {
            break;
        }
        for m in page {
            report.events += 1;
            if let Some(b) = check_link(&prev, seq, &m) {
                return broken(b);
            }
            (prev, seq) = (m.hash, m.seq);
        }
    }
    if seq != agency.audit_seq || prev != agency.audit_head {
        let msg = format!(
            "链尾不符：应有 {} 条，实有 {} 条（末尾记录被删除或修改）",
            agency.audit_seq, seq
        );
        return broken((seq + 1, msg));
    }
    Ok(None)
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

    async fn verify_audit(&self) -> StoreResult<ChainReport> {
        let mut report = ChainReport::default();
        let all = agencies::Entity::find()
            .order_by_asc(agencies::Column::Id)
            .all(&self.db)
            .await?;
        for agency in &all {
            report.agencies += 1;
            if let Some(b) = verify_chain(&self.db, agency, &mut report).await? {
                report.breaks.push(b);
            }
        }
        Ok(report)
    }
}

/// Now, at the precision both backends store.
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}
