//! Holiday arrangements loaded at run time (国务院办公厅关于XXXX年部分节假日安排的通知), kept in
//! the database in load order so that every instance rebuilds the same calendar, each load
//! logged in the audit chain of the agency of whoever loaded it.

use crate::audit::{self, Change};
use crate::entity::calendars;
use crate::{Actor, AgencyId, SeaStore, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, NotSet, PaginatorTrait, QueryOrder, Set};

/// A loaded arrangement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFile {
    /// Load order.
    pub id: i64,
    /// The file as loaded (the TOML format of the shipped calendar).
    pub toml: String,
    /// What it contained, in Chinese.
    pub summary: String,
    /// Who loaded it.
    pub loaded_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// The calendar versions of the platform.
#[async_trait]
pub trait CalendarStore {
    /// Every loaded arrangement, in load order.
    async fn calendar_files(&self) -> StoreResult<Vec<CalendarFile>>;
    /// How many arrangements are loaded (instances compare it to know when to reload).
    async fn calendar_count(&self) -> StoreResult<u64>;
    /// Stores an arrangement, logged in `agency`'s chain with `lines` (what changes).
    async fn add_calendar(
        &self,
        actor: &Actor,
        agency: AgencyId,
        toml: &str,
        summary: &str,
        lines: &[String],
    ) -> StoreResult<CalendarFile>;
}

fn to_file(m: calendars::Model) -> CalendarFile {
    CalendarFile {
        id: m.id,
        toml: m.toml,
        summary: m.summary,
        loaded_by: m.loaded_by,
        created_at: m.created_at,
    }
}

#[async_trait]
impl CalendarStore for SeaStore {
    async fn calendar_files(&self) -> StoreResult<Vec<CalendarFile>> {
        let rows = calendars::Entity::find()
            .order_by_asc(calendars::Column::Id)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(to_file).collect())
    }

    async fn calendar_count(&self) -> StoreResult<u64> {
        Ok(calendars::Entity::find().count(&self.db).await?)
    }

    async fn add_calendar(
        &self,
        actor: &Actor,
        agency: AgencyId,
        toml: &str,
        summary: &str,
        lines: &[String],
    ) -> StoreResult<CalendarFile> {
        let mut tx = self.begin().await?;
        tx.lock_agency(agency.0).await?;
        let row = calendars::ActiveModel {
            id: NotSet,
            toml: Set(toml.to_owned()),
            summary: Set(summary.to_owned()),
            loaded_by: Set(actor.name.clone()),
            created_at: Set(audit::now()),
        };
        let row = row.insert(&tx.txn).await?;
        let change = Change {
            action: "calendar_loaded",
            subject: "calendar",
            subject_id: row.id.to_string(),
            before: None,
            after: Some(lines.join("\n")),
            summary: format!("载入工作日日历：{summary}"),
        };
        tx.append(agency.0, actor, change).await?;
        tx.commit().await?;
        Ok(to_file(row))
    }
}
