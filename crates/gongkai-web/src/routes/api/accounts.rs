//! Account and token lifecycle over the API: change an account (姓名, 角色, 启用/停用), list the
//! tokens one may see, revoke one. The same rules as the back office: only a role that could
//! grant the account's role, within the agencies it manages, never itself.

use super::directory::UserJson;
use super::respond;
use crate::auth::{ApiUser, require, scopes};
use crate::extract::{Json, Path};
use crate::{AppState, WebError};
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use gongkai_domain::account::parse_display_name;
use gongkai_storage::{Actor, AgencyId, ApiToken, Role, Scope, User, UserChanges, UserId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Changes to an account; absent fields stay as they are.
#[derive(Deserialize, ToSchema)]
pub struct UserPatch {
    /// The version read before (optimistic locking).
    version: i32,
    display_name: Option<String>,
    role: Option<String>,
    active: Option<bool>,
}

/// A token as the API shows it (never the secret or its hash).
#[derive(Serialize, ToSchema)]
pub struct TokenJson {
    id: i64,
    agency_id: i64,
    user_id: i64,
    name: String,
    created_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<ApiToken> for TokenJson {
    fn from(t: ApiToken) -> Self {
        Self {
            id: t.id,
            agency_id: t.agency_id.0,
            user_id: t.user_id.0,
            name: t.name,
            created_at: t.created_at,
            expires_at: t.expires_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// The agencies whose accounts and tokens `me` manages.
async fn managed(state: &AppState, me: &User) -> Result<Vec<AgencyId>, WebError> {
    if !me.role.can_manage_accounts() {
        return Ok(vec![]);
    }
    let mut out = Vec::new();
    for scope in scopes(state.store.as_ref(), me).await? {
        out.extend(state.store.agencies(scope).await?.into_iter().map(|a| a.id));
    }
    Ok(out)
}

fn changes(me: &User, u: &User, p: UserPatch) -> Result<UserChanges, WebError> {
    let bad = |m: &str| WebError::BadInput(m.to_owned());
    let role = match p.role {
        Some(r) => Role::parse(&r).map_err(|e| WebError::BadInput(e.to_string()))?,
        None => u.role,
    };
    require(me.role.can_grant(role))?;
    let display_name = match p.display_name {
        Some(n) => parse_display_name(&n).map_err(|e| WebError::BadInput(e.to_string()))?,
        None => u.display_name.clone(),
    };
    let active = p.active.unwrap_or(u.active);
    if u.id == me.id && (!active || role != u.role) {
        return Err(bad("不能停用自己的账号或更改自己的角色"));
    }
    Ok(UserChanges {
        display_name,
        role,
        active,
    })
}

/// Changes an account (系统管理员, 公开办管理员).
#[utoipa::path(patch, path = "/api/v1/users/{id}", request_body = UserPatch,
    responses((status = 200, body = UserJson), (status = 401), (status = 403), (status = 404), (status = 409), (status = 422)))]
pub async fn update_user(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(id): Path<i64>,
    Json(patch): Json<UserPatch>,
) -> Response {
    let result = async {
        let agencies = managed(&state, &me).await?;
        let mut found = None;
        for a in &agencies {
            if let Ok(u) = state.store.user(Scope::agency(*a), UserId(id)).await {
                found = Some(u);
            }
        }
        let u = found.ok_or(WebError::NotFound("账号"))?;
        require(me.role.can_grant(u.role))?;
        let version = patch.version;
        let ch = changes(&me, &u, patch)?;
        let after = state
            .store
            .update_user(&Actor::user(&me), u.agency_id, u.id, version, &ch)
            .await?;
        Ok(UserJson::from(after))
    };
    respond(result.await)
}

/// The tokens the caller may see: its own, and those of the accounts it manages.
#[utoipa::path(get, path = "/api/v1/tokens", responses((status = 200, body = [TokenJson]), (status = 401)))]
pub async fn tokens(State(state): State<AppState>, ApiUser(me): ApiUser) -> Response {
    respond(
        visible(&state, &me)
            .await
            .map(|v| v.into_iter().map(TokenJson::from).collect::<Vec<_>>()),
    )
}

async fn visible(state: &AppState, me: &User) -> Result<Vec<ApiToken>, WebError> {
    let mut agencies = managed(state, me).await?;
    if agencies.is_empty() {
        agencies.push(me.agency_id);
    }
    let mut out = Vec::new();
    for a in agencies {
        let all = state.store.api_tokens(Scope::agency(a)).await?;
        out.extend(
            all.into_iter()
                .filter(|t| me.role.can_manage_accounts() || t.user_id == me.id),
        );
    }
    Ok(out)
}

/// Revokes a token (its owner, or a manager of its account).
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", responses((status = 200, body = TokenJson), (status = 401), (status = 404)))]
pub async fn revoke_token(
    State(state): State<AppState>,
    ApiUser(me): ApiUser,
    Path(id): Path<i64>,
) -> Response {
    let result = async {
        let t = visible(&state, &me).await?.into_iter().find(|t| t.id == id);
        let t = t.ok_or(WebError::NotFound("访问令牌"))?;
        let done = state
            .store
            .revoke_api_token(&Actor::user(&me), t.agency_id, t.id)
            .await?;
        Ok(TokenJson::from(done))
    };
    respond(result.await)
}
