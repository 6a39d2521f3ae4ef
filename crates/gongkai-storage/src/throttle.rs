//! Sign-in throttling counters: one row per key, reserved atomically before a password check.
//!
//! `reserve_attempt` locks every key's row (in a fixed order, so two transactions never wait on
//! each other in a cycle), refuses if any key's `next_allowed_at` lies ahead, and otherwise
//! counts one more failure under each key and moves `next_allowed_at` by the policy's delay.
//! SQLite has a single writer; PostgreSQL takes `SELECT … FOR UPDATE` on the rows.

use crate::entity::login_attempts as rows;
use crate::{LoginThrottle, SeaStore, StoreResult, ThrottleKey};
use async_trait::async_trait;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};

/// The row of `key`, created empty if missing, locked for the rest of `txn`.
async fn locked_row(
    txn: &DatabaseTransaction,
    key: &str,
    now: DateTime<Utc>,
) -> StoreResult<rows::Model> {
    let fresh = rows::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(0),
        next_allowed_at: Set(now),
        updated_at: Set(now),
    };
    rows::Entity::insert(fresh)
        .on_conflict_do_nothing_on([rows::Column::Key])
        .exec(txn)
        .await?;
    let row = rows::Entity::find_by_id(key.to_owned())
        .lock_exclusive()
        .one(txn)
        .await?;
    Ok(row.unwrap_or(rows::Model {
        key: key.to_owned(),
        failures: 0,
        next_allowed_at: now,
        updated_at: now,
    }))
}

/// Reserves an attempt under every key inside `txn`, or returns when to come back. A refusal
/// writes nothing: a row that can refuse exists already, so its insert did nothing.
pub(crate) async fn reserve(
    txn: &DatabaseTransaction,
    keys: &[ThrottleKey],
    now: DateTime<Utc>,
) -> StoreResult<Option<DateTime<Utc>>> {
    let now = now.trunc_subsecs(6);
    let mut keys: Vec<&ThrottleKey> = keys.iter().collect();
    keys.sort_by(|a, b| a.key.cmp(&b.key));
    let mut next = Vec::new();
    let mut retry_at: Option<DateTime<Utc>> = None;
    for k in keys {
        let row = locked_row(txn, &k.key, now).await?;
        let idle = now - row.updated_at > Duration::seconds(k.policy.forget_secs.into());
        let failures = if idle { 0 } else { row.failures.max(0) as u32 };
        if !idle && row.next_allowed_at > now {
            retry_at = retry_at.max(Some(row.next_allowed_at));
        }
        let failures = failures.saturating_add(1);
        let delay = Duration::seconds(k.policy.delay_secs(failures).into());
        next.push((k.key.clone(), failures, now + delay));
    }
    if retry_at.is_some() {
        return Ok(retry_at);
    }
    for (key, failures, allowed) in next {
        rows::Entity::update_many()
            .col_expr(
                rows::Column::Failures,
                Expr::value(failures.min(1 << 30) as i32),
            )
            .col_expr(rows::Column::NextAllowedAt, Expr::value(allowed))
            .col_expr(rows::Column::UpdatedAt, Expr::value(now))
            .filter(rows::Column::Key.eq(key))
            .exec(txn)
            .await?;
    }
    Ok(None)
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
