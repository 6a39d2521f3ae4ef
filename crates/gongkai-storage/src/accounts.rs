//! Accounts: create, read within a scope, optimistic update, password changes, login lookups.

use crate::agencies::{corrupt, insert_agency, scope_ids, unique};
use crate::audit::{self, Change, Tx};
use crate::entity::users;
use crate::{
    AccountStore, Actor, AgencyId, NewAgency, NewUser, Role, Scope, SeaStore, StoreError,
    StoreResult, User, UserChanges, UserId, Username,
};
use async_trait::async_trait;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};

const USER: &str = "账号";

pub(crate) fn to_user(m: users::Model) -> StoreResult<User> {
    Ok(User {
        id: UserId(m.id),
        agency_id: AgencyId(m.agency_id),
        username: Username::parse(&m.username).map_err(|_| corrupt("用户名"))?,
        role: Role::parse(&m.role).map_err(|_| corrupt("角色"))?,
        display_name: m.display_name,
        active: m.active,
        must_change_password: m.must_change_password,
        session_epoch: m.session_epoch,
        version: m.version,
    })
}

async fn insert_user(
    tx: &mut Tx<'_>,
    actor: &Actor,
    agency: AgencyId,
    new: &NewUser,
) -> StoreResult<User> {
    tx.lock_agency(agency.0).await?;
    let now = audit::now();
    let row = users::ActiveModel {
        id: NotSet,
        agency_id: Set(agency.0),
        username: Set(new.username.as_str().to_owned()),
        display_name: Set(new.display_name.clone()),
        role: Set(new.role.as_str().to_owned()),
        password_hash: Set(new.password_hash.clone()),
        active: Set(true),
        must_change_password: Set(new.must_change_password),
        session_epoch: Set(1),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let user = to_user(row.insert(&tx.txn).await.map_err(unique("用户名"))?)?;
    let change = Change {
        action: "user_created",
        subject: "user",
        subject_id: user.id.to_string(),
        before: None,
        after: audit::json(&user),
        summary: format!(
            "新建账号 {}（{}，{}）",
            user.username.as_str(),
            user.display_name,
            user.role.label()
        ),
    };
    tx.append(agency.0, actor, change).await?;
    Ok(user)
}

/// The account `id` if it belongs to `agency`, read inside `txn`.
pub(crate) async fn user_in(
    txn: &DatabaseTransaction,
    agency: AgencyId,
    id: UserId,
) -> StoreResult<User> {
    let row = users::Entity::find_by_id(id.0)
        .filter(users::Column::AgencyId.eq(agency.0))
        .one(txn)
        .await?;
    to_user(row.ok_or(StoreError::NotFound { what: USER })?)
}

#[async_trait]
impl AccountStore for SeaStore {
    async fn bootstrap(&self, root: &NewAgency, admin: &NewUser) -> StoreResult<Option<User>> {
        let mut tx = self.begin().await?;
        if users::Entity::find().count(&tx.txn).await? > 0 {
            return Ok(None);
        }
        let system = Actor::system();
        let result = async {
            let agency = insert_agency(&mut tx, &system, root).await?;
            insert_user(&mut tx, &system, agency.id, admin).await
        }
        .await;
        match result {
            Ok(user) => {
                tx.commit().await?;
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
        let mut tx = self.begin().await?;
        let user = insert_user(&mut tx, actor, agency, new).await?;
        tx.commit().await?;
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
        let mut tx = self.begin().await?;
        tx.lock_agency(agency.0).await?;
        let before = user_in(&tx.txn, agency, id).await?;
        // Disabling an account ends its sessions at once.
        let epoch = before.session_epoch + i32::from(before.active && !changes.active);
        let done = users::Entity::update_many()
            .col_expr(
                users::Column::DisplayName,
                Expr::value(changes.display_name.clone()),
            )
            .col_expr(users::Column::Role, Expr::value(changes.role.as_str()))
            .col_expr(users::Column::Active, Expr::value(changes.active))
            .col_expr(users::Column::SessionEpoch, Expr::value(epoch))
            .col_expr(users::Column::Version, Expr::value(version + 1))
            .col_expr(users::Column::UpdatedAt, Expr::value(audit::now()))
            .filter(users::Column::Id.eq(id.0))
            .filter(users::Column::Version.eq(version))
            .exec(&tx.txn)
            .await?;
        if done.rows_affected == 0 {
            return Err(StoreError::Stale);
        }
        let after = user_in(&tx.txn, agency, id).await?;
        let action = match (before.active, after.active) {
            (true, false) => "user_disabled",
            (false, true) => "user_enabled",
            _ => "user_updated",
        };
        let change = Change {
            action,
            subject: "user",
            subject_id: id.to_string(),
            before: audit::json(&before),
            after: audit::json(&after),
            summary: format!(
                "{}账号 {}（{}，{}）",
                match action {
                    "user_disabled" => "停用",
                    "user_enabled" => "启用",
                    _ => "修改",
                },
                after.username.as_str(),
                after.display_name,
                after.role.label()
            ),
        };
        tx.append(agency.0, actor, change).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn set_password(
        &self,
        actor: &Actor,
        agency: AgencyId,
        id: UserId,
        hash: &str,
        must_change: bool,
    ) -> StoreResult<User> {
        let mut tx = self.begin().await?;
        tx.lock_agency(agency.0).await?;
        let user = user_in(&tx.txn, agency, id).await?;
        users::Entity::update_many()
            .col_expr(users::Column::PasswordHash, Expr::value(hash))
            .col_expr(users::Column::MustChangePassword, Expr::value(must_change))
            .col_expr(
                users::Column::SessionEpoch,
                Expr::value(user.session_epoch + 1),
            )
            .col_expr(users::Column::Version, Expr::value(user.version + 1))
            .col_expr(users::Column::UpdatedAt, Expr::value(audit::now()))
            .filter(users::Column::Id.eq(id.0))
            .exec(&tx.txn)
            .await?;
        let own = actor.user_id == Some(id);
        let action = if own {
            "password_changed"
        } else {
            "password_reset"
        };
        let change = Change {
            action,
            subject: "user",
            subject_id: id.to_string(),
            before: None,
            after: None,
            summary: if own {
                format!("{} 修改了自己的密码", user.username.as_str())
            } else {
                format!(
                    "重置账号 {} 的密码（须在下次登录时修改）",
                    user.username.as_str()
                )
            },
        };
        tx.append(agency.0, actor, change).await?;
        let after = user_in(&tx.txn, agency, id).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn user_for_login(&self, username: &str) -> StoreResult<Option<(User, String)>> {
        let row = users::Entity::find()
            .filter(users::Column::Username.eq(username.trim().to_ascii_lowercase()))
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
}
