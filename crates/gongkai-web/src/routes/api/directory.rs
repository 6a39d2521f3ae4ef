//! `/api/v1/agencies` and `/api/v1/users`: the directory, scoped exactly like the back office.

use super::respond;
use crate::auth::{ApiUser, scopes};
use crate::{AppState, WebError};
use axum::extract::State;
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;

/// An agency as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct AgencyJson {
    id: i64,
    parent_id: Option<i64>,
    name: String,
    code: String,
    level: String,
    address: String,
    postcode: String,
    phone: String,
    email: String,
}

/// An account as the API shows it (never the password hash).
#[derive(Serialize, ToSchema)]
pub struct UserJson {
    id: i64,
    agency_id: i64,
    username: String,
    display_name: String,
    role: String,
    active: bool,
    must_change_password: bool,
}

impl From<gongkai_storage::User> for UserJson {
    fn from(u: gongkai_storage::User) -> Self {
        Self {
            id: u.id.0,
            agency_id: u.agency_id.0,
            username: u.username.as_str().to_owned(),
            display_name: u.display_name,
            role: u.role.as_str().to_owned(),
            active: u.active,
            must_change_password: u.must_change_password,
        }
    }
}

/// The agencies the token's account may see.
#[utoipa::path(get, path = "/api/v1/agencies",
    responses((status = 200, body = [AgencyJson]), (status = 401, description = "缺少或无效的访问令牌")))]
pub async fn agencies(State(state): State<AppState>, ApiUser(me): ApiUser) -> Response {
    let result = async {
        let mut out = Vec::new();
        for scope in scopes(state.store.as_ref(), &me).await? {
            out.extend(
                state
                    .store
                    .agencies(scope)
                    .await?
                    .into_iter()
                    .map(|a| AgencyJson {
                        id: a.id.0,
                        parent_id: a.parent_id.map(|p| p.0),
                        name: a.name,
                        code: a.code.as_str().to_owned(),
                        level: a.level.as_str().to_owned(),
                        address: a.contact.address,
                        postcode: a.contact.postcode,
                        phone: a.contact.phone,
                        email: a.contact.email,
                    }),
            );
        }
        Ok::<_, WebError>(out)
    };
    respond(result.await)
}

/// The accounts the token's account may see (系统管理员, 公开办管理员, 督查 only).
#[utoipa::path(get, path = "/api/v1/users",
    responses((status = 200, body = [UserJson]), (status = 401), (status = 403)))]
pub async fn users(State(state): State<AppState>, ApiUser(me): ApiUser) -> Response {
    let result = async {
        crate::auth::require(me.role.can_oversee())?;
        let mut out = Vec::new();
        for scope in scopes(state.store.as_ref(), &me).await? {
            out.extend(
                state
                    .store
                    .users(scope)
                    .await?
                    .into_iter()
                    .map(UserJson::from),
            );
        }
        Ok::<_, WebError>(out)
    };
    respond(result.await)
}
