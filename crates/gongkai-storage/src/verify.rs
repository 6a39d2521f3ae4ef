//! Verifying the audit log (`gongkai audit verify`), reading the chain heads for checkpoints,
//! and sealing an old unkeyed chain once when the key is first created.
//!
//! What is detected, and how:
//! - an edited, inserted or reordered row: its keyed hash or its link to the previous row fails;
//! - a deleted row in the middle: a gap in the sequence numbers;
//! - deleted last rows: the agency's stored head no longer matches — and if the head was rolled
//!   back too, the checkpoint file still names the later head;
//! - a deleted agency with all its events: its parent's chain recorded its creation
//!   (`agency_child_created`), and the checkpoint file names its head;
//! - a forged checkpoint line: its own HMAC fails.

use crate::audit::{GENESIS, event_hash, legacy_hash};
use crate::entity::{agencies, audit_events, settings};
use crate::seal::{AuditKey, Checkpoint, Checkpoints, Head};
use crate::{AgencyId, ChainBreak, ChainReport, StoreError, StoreResult};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// What the walk of one chain found besides its first break.
#[derive(Default)]
struct Walk {
    /// The hash of the event at each checkpointed sequence number.
    at_checkpoint: Option<String>,
    /// Agencies whose creation this chain recorded.
    children: Vec<i64>,
}

/// What is wrong with event `m` given the previous hash and sequence number, if anything.
fn check_link(
    key: &AuditKey,
    prev: &str,
    seq: i64,
    m: &audit_events::Model,
) -> Option<(i64, String)> {
    if m.seq != seq + 1 {
        return Some((seq + 1, format!("第 {} 条记录缺失（被删除）", seq + 1)));
    }
    if m.prev_hash != prev {
        return Some((
            m.seq,
            "与上一条记录的链接不符（记录被插入、删除或调换）".to_owned(),
        ));
    }
    if event_hash(key, prev, m) != m.hash {
        return Some((m.seq, "记录内容与密钥签名不符（被修改或插入）".to_owned()));
    }
    None
}

/// Every event of `agency`, page by page, in sequence order.
async fn for_each_event<C: ConnectionTrait>(
    db: &C,
    agency: i64,
    mut f: impl FnMut(audit_events::Model) -> bool,
) -> StoreResult<()> {
    let mut after = 0i64;
    loop {
        let page = audit_events::Entity::find()
            .filter(audit_events::Column::AgencyId.eq(agency))
            .filter(audit_events::Column::Seq.gt(after))
            .order_by_asc(audit_events::Column::Seq)
            .limit(1000)
            .all(db)
            .await?;
        let Some(last) = page.last().map(|m| m.seq) else {
            return Ok(());
        };
        for m in page {
            if !f(m) {
                return Ok(());
            }
        }
        after = last;
    }
}

/// Walks one agency's chain; returns the first break, if any.
async fn walk_chain<C: ConnectionTrait>(
    db: &C,
    key: &AuditKey,
    agency: &agencies::Model,
    checkpoint_seq: Option<i64>,
    report: &mut ChainReport,
    walk: &mut Walk,
) -> StoreResult<Option<(i64, String)>> {
    let (mut prev, mut seq, mut broken) = (GENESIS.to_owned(), 0i64, None);
    for_each_event(db, agency.id, |m| {
        report.events += 1;
        if let Some(b) = check_link(key, &prev, seq, &m) {
            broken = Some(b);
            return false;
        }
        if Some(m.seq) == checkpoint_seq {
            walk.at_checkpoint = Some(m.hash.clone());
        }
        if m.action == "agency_child_created" {
            walk.children.extend(m.subject_id.parse::<i64>());
        }
        (prev, seq) = (m.hash, m.seq);
        true
    })
    .await?;
    if broken.is_some() {
        return Ok(broken);
    }
    if seq != agency.audit_seq || prev != agency.audit_head {
        let msg = format!(
            "链尾不符：机关记录的链尾为第 {} 条，实有 {} 条（末尾记录被删除或修改）",
            agency.audit_seq, seq
        );
        return Ok(Some((seq + 1, msg)));
    }
    Ok(None)
}

/// The latest checkpoint of each agency (highest sequence number).
fn latest(checkpoints: &Checkpoints) -> HashMap<i64, &Checkpoint> {
    let mut out: HashMap<i64, &Checkpoint> = HashMap::new();
    for c in &checkpoints.valid {
        let e = out.entry(c.head.agency_id).or_insert(c);
        if c.head.seq > e.head.seq {
            *e = c;
        }
    }
    out
}

/// What a checkpoint says about a chain that is intact on its own.
fn against_checkpoint(
    cp: &Checkpoint,
    agency: &agencies::Model,
    walk: &Walk,
) -> Option<(i64, String)> {
    let at = cp
        .at
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600)?);
    let when = at.format("%Y-%m-%d %H:%M");
    if agency.audit_seq < cp.head.seq {
        let msg = format!(
            "审计日志被截断或回退：{when} 的检查点记录到第 {} 条，数据库中只有 {} 条",
            cp.head.seq, agency.audit_seq
        );
        return Some((agency.audit_seq + 1, msg));
    }
    if walk.at_checkpoint.as_deref() != Some(cp.head.hash.as_str()) {
        let msg = format!(
            "第 {} 条记录与 {when} 的检查点不一致（数据库被回退后又写入了新记录）",
            cp.head.seq
        );
        return Some((cp.head.seq, msg));
    }
    None
}

fn brk(agency_id: i64, code: &str, (seq, problem): (i64, String)) -> ChainBreak {
    ChainBreak {
        agency_id: AgencyId(agency_id),
        agency_code: code.to_owned(),
        seq,
        problem,
    }
}

/// Verifies every chain, the checkpoints and the record of created agencies.
pub(crate) async fn verify(
    db: &DatabaseConnection,
    key: &AuditKey,
    checkpoints: &Checkpoints,
) -> StoreResult<ChainReport> {
    let mut report = ChainReport {
        checkpoints: checkpoints.valid.len() as u64,
        forged_checkpoints: checkpoints.forged.clone(),
        ..ChainReport::default()
    };
    let all = agencies::Entity::find()
        .order_by_asc(agencies::Column::Id)
        .all(db)
        .await?;
    let latest = latest(checkpoints);
    let mut children = Vec::new();
    for agency in &all {
        report.agencies += 1;
        let cp = latest.get(&agency.id);
        let mut walk = Walk::default();
        let seq = cp.map(|c| c.head.seq);
        let mut found = walk_chain(db, key, agency, seq, &mut report, &mut walk).await?;
        if found.is_none() {
            found = cp.and_then(|c| against_checkpoint(c, agency, &walk));
        }
        if let Some(b) = found {
            report.breaks.push(brk(agency.id, &agency.code, b));
        }
        children.append(&mut walk.children);
    }
    missing_agencies(&all, &latest, &children, &mut report);
    Ok(report)
}

/// Agencies that a checkpoint or a parent's chain knows of but the database no longer has.
fn missing_agencies(
    all: &[agencies::Model],
    latest: &HashMap<i64, &Checkpoint>,
    children: &[i64],
    report: &mut ChainReport,
) {
    let present: HashSet<i64> = all.iter().map(|a| a.id).collect();
    let mut gone: Vec<(i64, String, i64)> = latest
        .values()
        .filter(|c| !present.contains(&c.head.agency_id))
        .map(|c| (c.head.agency_id, c.head.agency_code.clone(), c.head.seq))
        .collect();
    for id in children.iter().filter(|id| !present.contains(id)) {
        if !gone.iter().any(|g| g.0 == *id) {
            gone.push((*id, String::new(), 0));
        }
    }
    gone.sort();
    for (id, code, seq) in gone {
        let known = if seq > 0 {
            format!("检查点记录其审计日志到第 {seq} 条")
        } else {
            "上级机关的审计日志记录了它的创建".to_owned()
        };
        let msg = format!("机关（编号 {id}）连同其审计日志已从数据库中删除（{known}）");
        report.breaks.push(brk(id, &code, (1, msg)));
    }
}

/// The head of every agency's chain, for a checkpoint.
pub(crate) async fn heads<C: ConnectionTrait>(db: &C) -> StoreResult<Vec<Head>> {
    let rows = agencies::Entity::find()
        .order_by_asc(agencies::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| Head {
            agency_id: a.id,
            agency_code: a.code,
            seq: a.audit_seq,
            hash: a.audit_head,
        })
        .collect())
}

const FINGERPRINT: &str = "audit_key_fingerprint";

/// Refuses a key that is not the database's. The database keeps the key's fingerprint (not the
/// key): the first start writes it; a later start with another key — a second instance with a
/// key of its own, a lost key file replaced by a new one — is refused before it writes a
/// single event. A database of a version without keys is sealed once, after its chain is
/// checked with the old unkeyed hash.
pub(crate) async fn adopt_key(db: &DatabaseConnection, key: &AuditKey) -> StoreResult<()> {
    let ours = key.fingerprint();
    match read_setting(db, FINGERPRINT).await? {
        Some(fp) if fp == ours => return Ok(()),
        Some(_) => return Err(wrong_key()),
        None => {}
    }
    if !first_event_signed_by(db, key).await? {
        let n = seal_unkeyed(db, key).await?;
        if n > 0 {
            tracing::warn!(
                events = n,
                "audit log of an earlier version sealed with the key"
            );
        }
    }
    write_setting_once(db, FINGERPRINT, &ours).await?;
    match read_setting(db, FINGERPRINT).await? {
        Some(fp) if fp == ours => Ok(()),
        _ => Err(wrong_key()),
    }
}

fn wrong_key() -> StoreError {
    StoreError::Invalid(
        "审计密钥与数据库不符：数据库中的审计日志是用另一把密钥签名的。请恢复原密钥文件 audit.key；\
         多个实例共用一个数据库时，须用 audit_key_file 或 GONGKAI_AUDIT_KEY 为每个实例配置同一把密钥。"
            .to_owned(),
    )
}

async fn read_setting(db: &DatabaseConnection, name: &str) -> StoreResult<Option<String>> {
    let row = settings::Entity::find_by_id(name.to_owned())
        .one(db)
        .await?;
    Ok(row.map(|r| r.value))
}

async fn write_setting_once(db: &DatabaseConnection, name: &str, value: &str) -> StoreResult<()> {
    let row = settings::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(value.to_owned()),
    };
    settings::Entity::insert(row)
        .on_conflict_do_nothing_on([settings::Column::Name])
        .exec(db)
        .await?;
    Ok(())
}

/// Whether the database has no events, or its first event carries `key`'s signature.
async fn first_event_signed_by(db: &DatabaseConnection, key: &AuditKey) -> StoreResult<bool> {
    let first = audit_events::Entity::find()
        .filter(audit_events::Column::Seq.eq(1))
        .one(db)
        .await?;
    Ok(first.is_none_or(|m| event_hash(key, GENESIS, &m) == m.hash))
}

/// Re-signs a chain written by a version without keys, after checking it with the old unkeyed
/// hash. A chain that fails that check was signed with another key, or edited: refused.
async fn seal_unkeyed(db: &DatabaseConnection, key: &AuditKey) -> StoreResult<u64> {
    let txn = db.begin().await?;
    let all = agencies::Entity::find().all(&txn).await?;
    let mut sealed = 0u64;
    for agency in &all {
        let mut events = Vec::new();
        for_each_event(&txn, agency.id, |m| {
            events.push(m);
            true
        })
        .await?;
        let (mut old_prev, mut new_prev) = (GENESIS.to_owned(), GENESIS.to_owned());
        for mut m in events {
            if m.prev_hash != old_prev || legacy_hash(&old_prev, &m) != m.hash {
                return Err(wrong_key());
            }
            old_prev = m.hash.clone();
            m.prev_hash = new_prev.clone();
            m.hash = event_hash(key, &new_prev, &m);
            new_prev = m.hash.clone();
            audit_events::Entity::update_many()
                .col_expr(audit_events::Column::PrevHash, Expr::value(m.prev_hash))
                .col_expr(audit_events::Column::Hash, Expr::value(m.hash))
                .filter(audit_events::Column::Id.eq(m.id))
                .exec(&txn)
                .await?;
            sealed += 1;
        }
        agencies::Entity::update_many()
            .col_expr(agencies::Column::AuditHead, Expr::value(new_prev))
            .filter(agencies::Column::Id.eq(agency.id))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(sealed)
}
