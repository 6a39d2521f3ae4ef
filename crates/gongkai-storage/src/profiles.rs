//! Agency profiles (the disclosure settings letters and the 指南 print), each agency's 主题分类
//! and 体裁分类 trees, and one-time claims (a reminder sent once, a CAPTCHA answered once), all
//! shared by every instance.

use crate::audit::{self, Change};
use crate::entity::{
    agency_classifications as trees, agency_profiles as profiles, documents,
    notifications as claims,
};
use crate::{Actor, AgencyId, SeaStore, StoreError, StoreResult};
use async_trait::async_trait;
use gongkai_domain::agency::Profile;
use gongkai_domain::disclosure::{CategoryCode, Classification, Scheme};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

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
    /// The agency's `scheme` tree and its version (the shipped national tree at version 0
    /// until the agency edits it).
    async fn classification(
        &self,
        agency: AgencyId,
        scheme: Scheme,
    ) -> StoreResult<(Classification, i32)>;
    /// Saves the agency's tree if it is still at `version`; `summary` says what changed.
    async fn set_classification(
        &self,
        actor: &Actor,
        agency: AgencyId,
        version: i32,
        tree: &Classification,
        summary: &str,
    ) -> StoreResult<i32>;
    /// How many of the agency's public documents are filed under `code` or a category below it.
    async fn documents_in_category(
        &self,
        agency: AgencyId,
        scheme: Scheme,
        code: &CategoryCode,
    ) -> StoreResult<u64>;
}

fn parse(json: &str) -> StoreResult<Profile> {
    serde_json::from_str(json).map_err(|_| crate::agencies::corrupt("机关公开设置"))
}

#[async_trait]
impl ProfileStore for SeaStore {
    async fn profile(&self, agency: AgencyId) -> StoreResult<(Profile, i32)> {
        // The read pool: every online submission reads the profile for its receipt, and on
        // SQLite the one writer connection is busy committing the submissions before it.
        let row = profiles::Entity::find_by_id(agency.0)
            .one(&self.read)
            .await?;
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
        tx.lock_agency(agency.0).await?;
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

    async fn classification(
        &self,
        agency: AgencyId,
        scheme: Scheme,
    ) -> StoreResult<(Classification, i32)> {
        let row = trees::Entity::find_by_id((agency.0, scheme.key().to_owned()))
            .one(&self.read)
            .await?;
        match row {
            Some(r) => Ok((parse_tree(&r.tree_json, scheme)?, r.version)),
            None => Ok((Classification::shipped(scheme), 0)),
        }
    }

    async fn set_classification(
        &self,
        actor: &Actor,
        agency: AgencyId,
        version: i32,
        tree: &Classification,
        summary: &str,
    ) -> StoreResult<i32> {
        let scheme = tree.scheme().key();
        let json = serde_json::to_string(tree).map_err(|_| corrupt_tree())?;
        let mut tx = self.begin().await?;
        tx.lock_agency(agency.0).await?;
        let before = trees::Entity::find_by_id((agency.0, scheme.to_owned()))
            .one(&tx.txn)
            .await?;
        // Version 0 is the shipped tree: the first save inserts, later ones update the version
        // read; either finds nothing to do when another save came first.
        let saved = if version == 0 {
            let row = trees::ActiveModel {
                agency_id: Set(agency.0),
                scheme: Set(scheme.to_owned()),
                tree_json: Set(json.clone()),
                version: Set(1),
                updated_at: Set(audit::now()),
            };
            let done = trees::Entity::insert(row)
                .on_conflict_do_nothing_on([trees::Column::AgencyId, trees::Column::Scheme])
                .exec_without_returning(&tx.txn)
                .await?;
            matches!(done, sea_orm::TryInsertResult::Inserted(1))
        } else {
            let done = trees::Entity::update_many()
                .col_expr(trees::Column::TreeJson, Expr::value(json.clone()))
                .col_expr(trees::Column::Version, Expr::value(version + 1))
                .col_expr(trees::Column::UpdatedAt, Expr::value(audit::now()))
                .filter(trees::Column::AgencyId.eq(agency.0))
                .filter(trees::Column::Scheme.eq(scheme))
                .filter(trees::Column::Version.eq(version))
                .exec(&tx.txn)
                .await?;
            done.rows_affected == 1
        };
        if !saved {
            return Err(StoreError::Stale);
        }
        let change = Change {
            action: "classification_updated",
            subject: "agency",
            subject_id: agency.to_string(),
            before: before.map(|r| r.tree_json),
            after: Some(json),
            summary: format!("{}：{summary}", tree.scheme().label()),
        };
        tx.append(agency.0, actor, change).await?;
        tx.commit().await?;
        Ok(version + 1)
    }

    async fn documents_in_category(
        &self,
        agency: AgencyId,
        scheme: Scheme,
        code: &CategoryCode,
    ) -> StoreResult<u64> {
        let column = match scheme {
            Scheme::Topic => documents::Column::PubTopic,
            Scheme::Genre => documents::Column::PubGenre,
        };
        let below = format!("{}.%", code.as_str());
        let n = documents::Entity::find()
            .filter(documents::Column::AgencyId.eq(agency.0))
            .filter(documents::Column::Public.eq(true))
            .filter(column.eq(code.as_str()).or(column.like(below)))
            .count(&self.read)
            .await?;
        Ok(n)
    }
}

fn corrupt_tree() -> StoreError {
    crate::agencies::corrupt("机关分类目录")
}

/// A stored tree, checked again, and of the scheme it is filed under.
fn parse_tree(json: &str, scheme: Scheme) -> StoreResult<Classification> {
    let tree: Classification = serde_json::from_str(json).map_err(|_| corrupt_tree())?;
    if tree.scheme() != scheme {
        return Err(corrupt_tree());
    }
    Ok(tree)
}

/// [`ProfileStore::claim_once`] on `db` (a connection, or a transaction it is part of).
pub(crate) async fn claim<C: ConnectionTrait>(db: &C, agency: i64, key: &str) -> StoreResult<bool> {
    Ok(claim_each(db, &[(agency, key)]).await?.first() == Some(&true))
}

/// Claims each `(agency, key)` in one statement: whether each was claimed here, in order. Of
/// two asks for one key, the first gets it.
pub(crate) async fn claim_each<C: ConnectionTrait>(
    db: &C,
    asks: &[(i64, &str)],
) -> StoreResult<Vec<bool>> {
    let now = audit::now();
    let rows = asks.iter().map(|(agency, key)| claims::ActiveModel {
        key: Set((*key).to_owned()),
        agency_id: Set(*agency),
        created_at: Set(now),
        sent_at: Set(None),
    });
    let done = claims::Entity::insert_many(rows)
        .on_conflict_do_nothing_on([claims::Column::Key])
        .exec_with_returning_keys(db)
        .await?;
    let mut claimed: std::collections::HashSet<String> = match done {
        sea_orm::TryInsertResult::Inserted(keys) => keys.into_iter().collect(),
        _ => std::collections::HashSet::new(),
    };
    Ok(asks.iter().map(|(_, key)| claimed.remove(*key)).collect())
}
