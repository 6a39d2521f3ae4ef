//! Accounts and API tokens: create, read within a scope, optimistic update, login lookups.

use crate::agencies::{corrupt, insert_agency, scope_ids, unique};
use crate::audit::{self, Change};
use crate::entity::{api_tokens, users};
use crate::{
    AccountStore, Actor, AgencyId, ApiToken, NewAgency, NewUser, Role, Scope, SeaStore, StoreError,
    StoreResult, User, UserChanges, UserId, Username,
};
use async_trait::async_trait;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};

const USER: &str = "账号";

fn to_user(m: users::Model) -> StoreResult<User> {
    Ok(User {
        id: UserId(m.id),
        agency_id: AgencyId(m.agency_id),
        username: Username::parse(&m.username).map_err(|_| corrupt("用户名"))?,
        role: Role::parse(&m.role).map_err(|_| corrupt("角色"))?,
        display_name: m.display_name,
        active: m.active,
        version: m.version,
    })
}

async fn insert_user(
    txn: &DatabaseTransaction,
    actor: &Actor,
    agency: AgencyId,
    new: &NewUser,
) -> StoreResult<User> {
    audit::lock_agency(txn, agency.0).await?;
    let now = audit::now();
    let row = users::ActiveModel {
        id: NotSet,
        agency_id: Set(agency.0),
        username: Set(new.username.as_str().to_owned()),
        display_name: Set(new.display_name.clone()),
        role: Set(new.role.as_str().to_owned()),
        password_hash: Set(new.password_hash.clone()),
        active: Set(true),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let user = to_user(row.insert(txn).await.map_err(unique("用户名"))?)?;
    let change = Change {
        action: "user_created",
        subject: "user",
        subject_id: user.id.to_string(),
        before: None,
        after: audit::json(&user),
    };
    audit::append(txn, agency.0, actor, change).await?;
    Ok(user)
}

/// The account `id` if it belongs to `agency`, read inside `txn`.
async fn user_in(txn: &DatabaseTransaction, agency: AgencyId, id: UserId) -> StoreResult<User> {
    let row = users::Entity::find_by_id(id.0)
        .filter(users::Column::AgencyId.eq(agency.0))
        .one(txn)
        .await?;
    to_user(row.ok_or(StoreError::NotFound { what: USER })?)
}

#[async_trait]
impl AccountStore for SeaStore {
    async fn bootstrap(&self, root: &NewAgency, admin: &NewUser) -> StoreResult<Option<User>> {
        let txn = self.db.begin().await?;
        if users::Entity::find().count(&txn).await? > 0 {
            return Ok(None);
        }
        let system = Actor::system();
        let result = async {
            let agency = insert_agency(&txn, &system, root).await?;
            insert_user(&txn, &system, agency.id, admin).await
        }
        .await;
        match result {
            Ok(user) => {
                txn.commit().await?;
                Ok(Some(user))
            }
            Err(StoreError::Conflict { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn create_user(
        &self,
        actor: &Actor,
        agency: AgencyId,
        new: &NewUser,
    ) -> StoreResult<User> {
        let txn = self.db.begin().await?;
        let user = insert_user(&txn, actor, agency, new).await?;
        txn.commit().await?;
        Ok(user)
    }

    async fn user(&self, scope: Scope, id: UserId) -> StoreResult<User> {
        let ids = scope_ids(&self.db, scope).await?;
        let row = users::Entity::find_by_id(id.0)
            .filter(users::Column::AgencyId.is_in(ids))
            .one(&self.db)
            .await?;
        to_user(row.ok_or(StoreError::NotFound { what: USER })?)
    }

    async fn users(&self, scope: Scope) -> StoreResult<Vec<User>> {
        let ids = scope_ids(&self.db, scope).await?;
        let rows = users::Entity::find()
            .filter(users::Column::AgencyId.is_in(ids))
            .order_by_asc(users::Column::AgencyId)
            .order_by_asc(users::Column::Username)
            .all(&self.db)
            .await?;
        rows.into_iter().map(to_user).collect()
    }

    async fn update_user(
        &self,
        actor: &Actor,
        agency: AgencyId,
        id: UserId,
        version: i32,
        changes: &UserChanges,
    ) -> StoreResult<User> {
        let txn = self.db.begin().await?;
        audit::lock_agency(&txn, agency.0).await?;
        let before = user_in(&txn, agency, id).await?;
        let done = users::Entity::update_many()
            .col_expr(
                users::Column::DisplayName,
                Expr::value(changes.display_name.clone()),
            )
            .col_expr(users::Column::Role, Expr::value(changes.role.as_str()))
            .col_expr(users::Column::Active, Expr::value(changes.active))
            .col_expr(users::Column::Version, Expr::value(version + 1))
            .col_expr(users::Column::UpdatedAt, Expr::value(audit::now()))
            .filter(users::Column::Id.eq(id.0))
            .filter(users::Column::Version.eq(version))
            .exec(&txn)
            .await?;
        if done.rows_affected == 0 {
            return Err(StoreError::Stale);
        }
        let after = user_in(&txn, agency, id).await?;
        let change = Change {
            action: "user_updated",
            subject: "user",
            subject_id: id.to_string(),
            before: audit::json(&before),
            after: audit::json(&after),
        };
        audit::append(&txn, agency.0, actor, change).await?;
        txn.commit().await?;
        Ok(after)
    }

    async fn set_password(
        &self,
        actor: &Actor,
        agency: AgencyId,
        id: UserId,
        hash: &str,
    ) -> StoreResult<()> {
        let txn = self.db.begin().await?;
        audit::lock_agency(&txn, agency.0).await?;
        let user = user_in(&txn, agency, id).await?;
        users::Entity::update_many()
            .col_expr(users::Column::PasswordHash, Expr::value(hash))
            .col_expr(users::Column::Version, Expr::value(user.version + 1))
            .col_expr(users::Column::UpdatedAt, Expr::value(audit::now()))
            .filter(users::Column::Id.eq(id.0))
            .exec(&txn)
            .await?;
        let change = Change {
            action: "password_changed",
            subject: "user",
            subject_id: id.to_string(),
            before: None,
            after: None,
        };
        audit::append(&txn, agency.0, actor, change).await?;
        txn.commit().await?;
        Ok(())
    }

    async fn user_for_login(&self, username: &str) -> StoreResult<Option<(User, String)>> {
        let row = users::Entity::find()
            .filter(users::Column::Username.eq(username))
            .one(&self.db)
            .await?;
        match row {
            Some(m) => {
                let hash = m.password_hash.clone();
                Ok(Some((to_user(m)?, hash)))
            }
            None => Ok(None),
        }
    }

    async fn create_api_token(
        &self,
        actor: &Actor,
        agency: AgencyId,
        user: UserId,
        name: &str,
        token_hash: &str,
    ) -> StoreResult<ApiToken> {
        let txn = self.db.begin().await?;
        audit::lock_agency(&txn, agency.0).await?;
        user_in(&txn, agency, user).await?;
        let row = api_tokens::ActiveModel {
            id: NotSet,
            agency_id: Set(agency.0),
            user_id: Set(user.0),
            name: Set(name.to_owned()),
            token_hash: Set(token_hash.to_owned()),
            created_at: Set(audit::now()),
        };
        let row = row.insert(&txn).await.map_err(unique("令牌"))?;
        let token = ApiToken {
            id: row.id,
            agency_id: agency,
            user_id: user,
            name: row.name,
        };
        let change = Change {
            action: "api_token_created",
            subject: "api_token",
            subject_id: token.id.to_string(),
            before: None,
            after: audit::json(&token),
        };
        audit::append(&txn, agency.0, actor, change).await?;
        txn.commit().await?;
        Ok(token)
    }

    async fn user_for_token(&self, token_hash: &str) -> StoreResult<Option<User>> {
        let token = api_tokens::Entity::find()
            .filter(api_tokens::Column::TokenHash.eq(token_hash))
            .one(&self.db)
            .await?;
        let Some(token) = token else { return Ok(None) };
        let row = users::Entity::find_by_id(token.user_id)
            .filter(users::Column::AgencyId.eq(token.agency_id))
            .filter(users::Column::Active.eq(true))
            .one(&self.db)
            .await?;
        row.map(to_user).transpose()
    }
}
