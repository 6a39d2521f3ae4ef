//! Reminder e-mails claimed before they are sent, so that several instances on one database
//! never send the same one twice: the `notifications` row with the reminder's key (e.g.
//! `due-soon:12:2026-03-04`) is the claim, and the database's primary key decides between
//! instances. A claim whose sending failed is given back; a claim whose sender died (no
//! `sent_at` after the lease) may be taken over, by exactly one instance.

use crate::audit::Change;
use crate::entity::notifications as claims;
use crate::{Actor, AgencyId, SeaStore, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

/// Claims on reminders, shared by every instance.
#[async_trait]
pub trait NotificationStore {
    /// Claims the reminder `key` of `agency` at `now`. `true` means this caller sends it: the key
    /// was never claimed, or its claim was never marked sent and is older than `lease`.
    async fn claim_notification(
        &self,
        agency: AgencyId,
        key: &str,
        now: DateTime<Utc>,
        lease: Duration,
    ) -> StoreResult<bool>;
    /// Marks claimed reminders of `agency` as sent at `now` and logs the batch in the agency's
    /// audit chain with `summary`, in one transaction.
    async fn notifications_sent(
        &self,
        actor: &Actor,
        agency: AgencyId,
        keys: &[String],
        now: DateTime<Utc>,
        summary: &str,
    ) -> StoreResult<()>;
    /// Gives back unsent claims of `agency` (after a failed send), so a later run tries again.
    async fn release_notifications(&self, agency: AgencyId, keys: &[String]) -> StoreResult<()>;
}

#[async_trait]
impl NotificationStore for SeaStore {
    async fn claim_notification(
        &self,
        agency: AgencyId,
        key: &str,
        now: DateTime<Utc>,
        lease: Duration,
    ) -> StoreResult<bool> {
        let row = claims::ActiveModel {
            key: Set(key.to_owned()),
            agency_id: Set(agency.0),
            created_at: Set(now),
            sent_at: Set(None),
        };
        let inserted = claims::Entity::insert(row)
            .on_conflict_do_nothing_on([claims::Column::Key])
            .exec_without_returning(&self.db)
            .await?;
        if matches!(inserted, sea_orm::TryInsertResult::Inserted(1)) {
            return Ok(true);
        }
        // Take over an abandoned claim. The condition is re-checked under the row lock, so of
        // two instances racing here only the first one's UPDATE matches.
        let taken = claims::Entity::update_many()
            .col_expr(claims::Column::CreatedAt, Expr::value(now))
            .filter(claims::Column::Key.eq(key))
            .filter(claims::Column::AgencyId.eq(agency.0))
            .filter(claims::Column::SentAt.is_null())
            .filter(claims::Column::CreatedAt.lt(now - lease))
            .exec(&self.db)
            .await?;
        Ok(taken.rows_affected == 1)
    }

    async fn notifications_sent(
        &self,
        actor: &Actor,
        agency: AgencyId,
        keys: &[String],
        now: DateTime<Utc>,
        summary: &str,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        // Write first: on SQLite a transaction that reads before its first write cannot upgrade
        // to a writer once another instance has written meanwhile (SQLITE_BUSY, no waiting),
        // whereas a first write waits for the lock.
        claims::Entity::update_many()
            .col_expr(claims::Column::SentAt, Expr::value(Some(now)))
            .filter(claims::Column::AgencyId.eq(agency.0))
            .filter(claims::Column::Key.is_in(keys.iter().map(String::as_str)))
            .exec(&tx.txn)
            .await?;
        tx.lock_agency(agency.0).await?;
        let change = Change {
            action: "reminders_sent",
            subject: "agency",
            subject_id: agency.to_string(),
            before: None,
            after: Some(keys.join("\n")),
            summary: summary.to_owned(),
        };
        tx.append(agency.0, actor, change).await?;
        tx.commit().await
    }

    async fn release_notifications(&self, agency: AgencyId, keys: &[String]) -> StoreResult<()> {
        claims::Entity::delete_many()
            .filter(claims::Column::AgencyId.eq(agency.0))
            .filter(claims::Column::Key.is_in(keys.iter().map(String::as_str)))
            .filter(claims::Column::SentAt.is_null())
            .exec(&self.db)
            .await?;
        Ok(())
    }
}
