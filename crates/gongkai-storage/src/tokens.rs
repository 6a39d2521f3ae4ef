//! API tokens: issue (hash only, optional expiry), list within a scope, revoke, resolve.

use crate::accounts::{to_user, user_in};
use crate::agencies::{scope_ids, unique};
use crate::audit::{self, Change};
use crate::entity::{api_tokens, users};
use crate::{
    Actor, AgencyId, ApiToken, NewApiToken, Scope, SeaStore, StoreError, StoreResult, TokenStore,
    User, UserId,
};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, Set};

const TOKEN: &str = "访问令牌";

fn to_token(m: api_tokens::Model) -> ApiToken {
    ApiToken {
        id: m.id,
        agency_id: AgencyId(m.agency_id),
        user_id: UserId(m.user_id),
        name: m.name,
        created_at: m.created_at,
        expires_at: m.expires_at,
        revoked_at: m.revoked_at,
    }
}

#[async_trait]
impl TokenStore for SeaStore {
    async fn create_api_token(
        &self,
        actor: &Actor,
        agency: AgencyId,
        new: &NewApiToken,
    ) -> StoreResult<ApiToken> {
        let mut tx = self.begin().await?;
        tx.lock_agency(agency.0).await?;
        user_in(&tx.txn, agency, new.user_id).await?;
        let row = api_tokens::ActiveModel {
            id: NotSet,
            agency_id: Set(agency.0),
            user_id: Set(new.user_id.0),
            name: Set(new.name.clone()),
            token_hash: Set(new.token_hash.clone()),
            created_at: Set(audit::now()),
            expires_at: Set(new.expires_at),
            revoked_at: Set(None),
        };
        let token = to_token(row.insert(&tx.txn).await.map_err(unique("令牌"))?);
        let change = Change {
            action: "api_token_created",
            subject: "api_token",
            subject_id: token.id.to_string(),
            before: None,
            after: audit::json(&token),
            summary: format!("签发访问令牌“{}”（账号编号 {}）", token.name, token.user_id),
        };
        tx.append(agency.0, actor, change).await?;
        tx.commit().await?;
        Ok(token)
    }

    async fn api_tokens(&self, scope: Scope) -> StoreResult<Vec<ApiToken>> {
        let ids = scope_ids(&self.db, scope).await?;
        let rows = api_tokens::Entity::find()
            .filter(api_tokens::Column::AgencyId.is_in(ids))
            .order_by_desc(api_tokens::Column::Id)
            .all(&self.db)
            .await?;
        Ok(rows.into_iter().map(to_token).collect())
    }

    async fn revoke_api_token(
        &self,
        actor: &Actor,
        agency: AgencyId,
        id: i64,
    ) -> StoreResult<ApiToken> {
        let mut tx = self.begin().await?;
        tx.lock_agency(agency.0).await?;
        let row = api_tokens::Entity::find_by_id(id)
            .filter(api_tokens::Column::AgencyId.eq(agency.0))
            .one(&tx.txn)
            .await?
            .ok_or(StoreError::NotFound { what: TOKEN })?;
        if row.revoked_at.is_some() {
            return Ok(to_token(row));
        }
        let before = to_token(row);
        api_tokens::Entity::update_many()
            .col_expr(api_tokens::Column::RevokedAt, Expr::value(audit::now()))
            .filter(api_tokens::Column::Id.eq(id))
            .exec(&tx.txn)
            .await?;
        let after = api_tokens::Entity::find_by_id(id).one(&tx.txn).await?;
        let after = to_token(after.ok_or(StoreError::NotFound { what: TOKEN })?);
        let change = Change {
            action: "api_token_revoked",
            subject: "api_token",
            subject_id: id.to_string(),
            before: audit::json(&before),
            after: audit::json(&after),
            summary: format!("吊销访问令牌“{}”", after.name),
        };
        tx.append(agency.0, actor, change).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn user_for_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<User>> {
        let token = api_tokens::Entity::find()
            .filter(api_tokens::Column::TokenHash.eq(token_hash))
            .one(&self.db)
            .await?;
        let Some(token) = token.map(to_token).filter(|t| t.is_live(now)) else {
            return Ok(None);
        };
        let row = users::Entity::find_by_id(token.user_id.0)
            .filter(users::Column::AgencyId.eq(token.agency_id.0))
            .filter(users::Column::Active.eq(true))
            .one(&self.db)
            .await?;
        row.map(to_user).transpose()
    }
}
