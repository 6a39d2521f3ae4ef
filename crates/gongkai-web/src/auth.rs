//! Who is asking: the signed-in account of a page request ([`CurrentUser`]) or the token owner of
//! an API request ([`ApiUser`]), and what they may see ([`scopes`]).

use crate::{AppState, WebError, csrf, password};
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use axum::response::{IntoResponse, Response};
use gongkai_storage::{AgencyId, Role, Scope, Store, User, UserId};
use tower_sessions::Session;

/// Session key of the signed-in account id.
pub const USER_KEY: &str = "user_id";
/// Session key of the signed-in account's agency.
pub const AGENCY_KEY: &str = "agency_id";

/// The signed-in account, reloaded on every request (a disabled account is out at once).
pub struct CurrentUser {
    /// The account.
    pub user: User,
    /// The session's CSRF token, for the forms of the page.
    pub csrf: String,
    /// The session.
    pub session: Session,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|_| WebError::Internal("session layer missing".into()))?;
        let ids = (
            session.get::<i64>(USER_KEY).await?,
            session.get::<i64>(AGENCY_KEY).await?,
        );
        let (Some(user_id), Some(agency_id)) = ids else {
            return Err(WebError::LoginRequired);
        };
        let scope = Scope::agency(AgencyId(agency_id));
        let user = match state.store.user(scope, UserId(user_id)).await {
            Ok(u) if u.active => u,
            _ => return Err(WebError::LoginRequired),
        };
        let csrf = csrf::token(&session).await?;
        Ok(Self {
            user,
            csrf,
            session,
        })
    }
}

/// The account behind an API bearer token.
pub struct ApiUser(pub User);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let Some(token) = bearer else {
            return Err(WebError::TokenRequired.into_response());
        };
        match state
            .store
            .user_for_token(&password::token_hash(token.trim()))
            .await
        {
            Ok(Some(user)) => Ok(Self(user)),
            Ok(None) => Err(WebError::TokenRequired.into_response()),
            Err(e) => Err(WebError::from(e).into_api_response()),
        }
    }
}

/// The parts of the agency tree `user` may read: every tree for 系统管理员, the subtree for
/// 督查, the own agency for everyone else.
pub async fn scopes(store: &dyn Store, user: &User) -> Result<Vec<Scope>, WebError> {
    Ok(match user.role {
        Role::SystemAdmin => store
            .all_agencies()
            .await?
            .into_iter()
            .filter(|a| a.parent_id.is_none())
            .map(|a| Scope::subtree(a.id))
            .collect(),
        Role::Inspector => vec![Scope::subtree(user.agency_id)],
        _ => vec![Scope::agency(user.agency_id)],
    })
}

/// Names of the agencies inside `scopes`, for showing rows that carry only an agency id.
pub async fn agency_names(
    store: &dyn Store,
    scopes: &[Scope],
) -> Result<std::collections::HashMap<AgencyId, String>, WebError> {
    let mut names = std::collections::HashMap::new();
    for scope in scopes {
        names.extend(
            store
                .agencies(*scope)
                .await?
                .into_iter()
                .map(|a| (a.id, a.name)),
        );
    }
    Ok(names)
}

/// Fails with [`WebError::Forbidden`] unless `allowed`.
pub fn require(allowed: bool) -> Result<(), WebError> {
    if allowed {
        Ok(())
    } else {
        Err(WebError::Forbidden)
    }
}
