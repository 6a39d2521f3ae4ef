//! Agency profiles (the disclosure settings letters and the 指南 print) and one-time claims
//! (a reminder sent once, a CAPTCHA answered once), both shared by every instance.

use crate::audit::{self, Change};
use crate::entity::{agency_profiles as profiles, notifications as claims};
use crate::{Actor, AgencyId, SeaStore, StoreError, StoreResult};
use async_trait::async_trait;
use gongkai_domain::agency::Profile;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Agency profiles and one-time claims.
#[async_trait]
pub trait ProfileStore {
    /// The profile of `agency` and its version (a default profile at version 0 if none was saved).
    async fn profile(&self, agency: AgencyId) -> StoreResult<(Profile, i32)>;
    /// Saves the profile if it is still at `version`.
    async fn set_profile(
        &self,
        actor: &Actor,
        agency: AgencyId,
        version: i32,
        profile: &Profile,
    ) -> StoreResult<i32>;
    /// Claims `key` for `agency`: `true` the first time, `false` ever after (on every instance).
    async fn claim_once(&self, agency: AgencyId, key: &str) -> StoreResult<bool>;
}

fn parse(json: &str) -> StoreResult<Profile> {
    serde_json::from_str(json).map_err(|_| crate::agencies::corrupt("机关公开设置"))
}

#[async_trait]
impl ProfileStore for SeaStore {
    async fn profile(&self, agency: AgencyId) -> StoreResult<(Profile, i32)> {
        let row = profiles::Entity::find_by_id(agency.0).one(&self.db).await?;
        match row {
            Some(r) => Ok((parse(&r.profile_json)?, r.version)),
            None => Ok((Profile::default(), 0)),
        }
    }

    async fn set_profile(
        &self,
        actor: &Actor,
        agency: AgencyId,
        version: i32,
        profile: &Profile,
    ) -> StoreResult<i32> {
        let mut tx = self.begin().await?;
        audit::lock_agency(&tx.txn, agency.0).await?;
        let json =
            serde_json::to_string(profile).map_err(|_| crate::agencies::corrupt("机关公开设置"))?;
        let before = profiles::Entity::find_by_id(agency.0).one(&tx.txn).await?;
        match &before {
            None if version == 0 => {
                let row = profiles::ActiveModel {
                    agency_id: Set(agency.0),
                    profile_json: Set(json.clone()),
                    version: Set(1),
                    updated_at: Set(audit::now()),
                };
                profiles::Entity::insert(row).exec(&tx.txn).await?;
            }
            Some(r) if r.version == version => {
                profiles::Entity::update_many()
                    .col_expr(profiles::Column::ProfileJson, Expr::value(json.clone()))
                    .col_expr(profiles::Column::Version, Expr::value(version + 1))
                    .col_expr(profiles::Column::UpdatedAt, Expr::value(audit::now()))
                    .filter(profiles::Column::AgencyId.eq(agency.0))
                    .exec(&tx.txn)
                    .await?;
            }
            _ => return Err(StoreError::Stale),
        }
        let change = Change {
            action: "profile_updated",
            subject: "agency",
            subject_id: agency.to_string(),
            before: before.map(|r| r.profile_json),
            after: Some(json),
            summary: "修改政府信息公开设置（复议机关、文号格式、联系方式等）".to_owned(),
        };
        tx.append(agency.0, actor, change).await?;
        tx.commit().await?;
        Ok(version + 1)
    }

    async fn claim_once(&self, agency: AgencyId, key: &str) -> StoreResult<bool> {
        claim(&self.db, agency.0, key).await
    }
}

/// [`ProfileStore::claim_once`] on `db` (a connection, or a transaction it is part of).
pub(crate) async fn claim<C: ConnectionTrait>(db: &C, agency: i64, key: &str) -> StoreResult<bool> {
    let row = claims::ActiveModel {
        key: Set(key.to_owned()),
        agency_id: Set(agency),
        created_at: Set(audit::now()),
        sent_at: Set(None),
    };
    let done = claims::Entity::insert(row)
        .on_conflict_do_nothing_on([claims::Column::Key])
        .exec_without_returning(db)
        .await?;
    Ok(matches!(done, sea_orm::TryInsertResult::Inserted(n) if n == 1))
}
