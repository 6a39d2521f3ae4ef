//! Web sessions, in the database so every instance sees them.

use crate::entity::sessions;
use crate::{SeaStore, SessionRecords, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

#[async_trait]
impl SessionRecords for SeaStore {
    async fn save_session(
        &self,
        id: &str,
        data: &str,
        expires_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let row = sessions::ActiveModel {
            id: Set(id.to_owned()),
            data: Set(data.to_owned()),
            expires_at: Set(expires_at.trunc_subsecs(6)),
        };
        let upsert = OnConflict::column(sessions::Column::Id)
            .update_columns([sessions::Column::Data, sessions::Column::ExpiresAt])
            .to_owned();
        sessions::Entity::insert(row)
            .on_conflict(upsert)
            .exec_without_returning(&self.db)
            .await?;
        Ok(())
    }

    async fn load_session(&self, id: &str, now: DateTime<Utc>) -> StoreResult<Option<String>> {
        let row = sessions::Entity::find_by_id(id.to_owned())
            .filter(sessions::Column::ExpiresAt.gt(now))
            .one(&self.db)
            .await?;
        Ok(row.map(|m| m.data))
    }

    async fn delete_session(&self, id: &str) -> StoreResult<()> {
        sessions::Entity::delete_by_id(id.to_owned())
            .exec(&self.db)
            .await?;
        Ok(())
    }

    async fn delete_expired_sessions(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let done = sessions::Entity::delete_many()
            .filter(sessions::Column::ExpiresAt.lte(now))
            .exec(&self.db)
            .await?;
        Ok(done.rows_affected)
    }
}
