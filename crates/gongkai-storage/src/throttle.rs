//! Sign-in throttling counters: one row per key, reserved atomically before a password check.
//!
//! `reserve_attempt` locks every key's row (in a fixed order, so two transactions never wait on
//! each other in a cycle), refuses if any key's `next_allowed_at` lies ahead, and otherwise
//! counts one more failure under each key and moves `next_allowed_at` by the policy's delay.
//! SQLite has a single writer; on PostgreSQL the upsert that reads a row locks it.

use crate::entity::login_attempts as rows;
use crate::{LoginThrottle, SeaStore, StoreResult, ThrottleKey};
use async_trait::async_trait;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, Set,
    TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// A counter as read, or as it is to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Counter {
    failures: i32,
    next_allowed_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// One more attempt under `k` at `now` on counter `c`: the counter after it, or when to come
/// back (a counter idle past the policy's memory starts again from nothing).
fn attempt(c: &Counter, k: &ThrottleKey, now: DateTime<Utc>) -> Result<Counter, DateTime<Utc>> {
    let idle = now - c.updated_at > Duration::seconds(k.policy.forget_secs.into());
    if !idle && c.next_allowed_at > now {
        return Err(c.next_allowed_at);
    }
    let failures = if idle { 0 } else { c.failures.max(0) as u32 };
    let failures = failures.saturating_add(1);
    let delay = Duration::seconds(k.policy.delay_secs(failures).into());
    Ok(Counter {
        failures: failures.min(1 << 30) as i32,
        next_allowed_at: now + delay,
        updated_at: now,
    })
}

/// The counters of `keys` (distinct, sorted: the lock order), created empty at `now` if
/// missing, locked for the rest of `txn`: one upsert that inserts the empty rows or sets an
/// existing row's key to itself, and returns them (on PostgreSQL a conflicting row is locked
/// like `SELECT … FOR UPDATE`).
async fn locked(
    txn: &DatabaseTransaction,
    keys: &[&str],
    now: DateTime<Utc>,
) -> StoreResult<HashMap<String, Counter>> {
    let fresh = keys.iter().map(|key| rows::ActiveModel {
        key: Set((*key).to_owned()),
        failures: Set(0),
        next_allowed_at: Set(now),
        updated_at: Set(now),
    });
    let touch = OnConflict::column(rows::Column::Key)
        .update_column(rows::Column::Key)
        .to_owned();
    let rows = rows::Entity::insert_many(fresh)
        .on_conflict(touch)
        .exec_with_returning(txn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let c = Counter {
                failures: r.failures,
                next_allowed_at: r.next_allowed_at,
                updated_at: r.updated_at,
            };
            (r.key, c)
        })
        .collect())
}

/// Writes `changed` counters (locked by [`locked`]) in one statement.
async fn write(txn: &DatabaseTransaction, changed: Vec<(String, Counter)>) -> StoreResult<()> {
    let rows = changed.into_iter().map(|(key, c)| rows::ActiveModel {
        key: Set(key),
        failures: Set(c.failures),
        next_allowed_at: Set(c.next_allowed_at),
        updated_at: Set(c.updated_at),
    });
    let set = OnConflict::column(rows::Column::Key)
        .update_columns([
            rows::Column::Failures,
            rows::Column::NextAllowedAt,
            rows::Column::UpdatedAt,
        ])
        .to_owned();
    rows::Entity::insert_many(rows)
        .on_conflict(set)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}

/// `keys` distinct and sorted (the order rows are locked in).
fn lock_order<'k>(keys: impl Iterator<Item = &'k ThrottleKey>) -> Vec<&'k str> {
    let mut keys: Vec<&str> = keys.map(|k| k.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Reserves an attempt under every key inside `txn`, or returns when to come back. A refusal
/// changes nothing: a row that can refuse exists already, so its upsert only touched it.
pub(crate) async fn reserve(
    txn: &DatabaseTransaction,
    keys: &[ThrottleKey],
    now: DateTime<Utc>,
) -> StoreResult<Option<DateTime<Utc>>> {
    let now = now.trunc_subsecs(6);
    let counters = locked(txn, &lock_order(keys.iter()), now).await?;
    let mut next = Vec::new();
    let mut retry_at: Option<DateTime<Utc>> = None;
    for k in keys {
        let Some(c) = counters.get(&k.key) else {
            continue;
        };
        match attempt(c, k, now) {
            Ok(c) => next.push((k.key.clone(), c)),
            Err(at) => retry_at = retry_at.max(Some(at)),
        }
    }
    if retry_at.is_none() {
        write(txn, next).await?;
    }
    Ok(retry_at)
}

/// Reserves one attempt per ask (a key and when), each decided on its own in the order given
/// as if each were its own [`reserve`]: `None` for an attempt let through, or when to come
/// back. Every counter is read and written once, however many asks share it (a batch of
/// submissions from one address).
pub(crate) async fn reserve_each(
    txn: &DatabaseTransaction,
    asks: &[(&ThrottleKey, DateTime<Utc>)],
) -> StoreResult<Vec<Option<DateTime<Utc>>>> {
    let asks: Vec<(&ThrottleKey, DateTime<Utc>)> = asks
        .iter()
        .map(|(k, now)| (*k, now.trunc_subsecs(6)))
        .collect();
    // A new counter starts at the earliest ask, so that none of them finds it in the future.
    let Some(first) = asks.iter().map(|(_, now)| *now).min() else {
        return Ok(Vec::new());
    };
    let mut counters = locked(txn, &lock_order(asks.iter().map(|(k, _)| *k)), first).await?;
    let mut changed = HashSet::new();
    let mut answers = Vec::with_capacity(asks.len());
    for (k, now) in asks {
        let Some(c) = counters.get_mut(&k.key) else {
            answers.push(None);
            continue;
        };
        match attempt(c, k, now) {
            Ok(next) => {
                *c = next;
                changed.insert(k.key.clone());
                answers.push(None);
            }
            Err(at) => answers.push(Some(at)),
        }
    }
    let changed = counters
        .into_iter()
        .filter(|(key, _)| changed.contains(key))
        .collect();
    write(txn, changed).await?;
    Ok(answers)
}

#[async_trait]
impl LoginThrottle for SeaStore {
    async fn reserve_attempt(
        &self,
        keys: &[ThrottleKey],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<DateTime<Utc>>> {
        let txn = self.db.begin().await?;
        let retry_at = reserve(&txn, keys, now).await?;
        match retry_at {
            Some(_) => txn.rollback().await?,
            None => txn.commit().await?,
        }
        Ok(retry_at)
    }

    async fn clear_attempts(&self, keys: &[String]) -> StoreResult<()> {
        rows::Entity::delete_many()
            .filter(rows::Column::Key.is_in(keys.iter().cloned()))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    async fn prune_attempts(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        let done = rows::Entity::delete_many()
            .filter(rows::Column::UpdatedAt.lt(before))
            .filter(rows::Column::NextAllowedAt.lt(before))
            .exec(&self.db)
            .await?;
        Ok(done.rows_affected)
    }

    async fn attempt_counters(&self) -> StoreResult<u64> {
        Ok(rows::Entity::find().count(&self.db).await?)
    }
}
