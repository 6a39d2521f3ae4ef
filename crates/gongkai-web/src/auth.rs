//! Who is asking: the signed-in account of a page request ([`CurrentUser`]) or the token owner of
//! an API request ([`ApiUser`]), and what they may see ([`scopes`]).
//!
//! A session names the account and the account's session epoch at sign-in; a password change
//! or a disable raises the epoch, which ends every other session at its next request. An
//! account whose password was handed over (first run, reset) is sent to the password form
//! until it has chosen its own.

use crate::csrf::CsrfToken;
use crate::{AppState, WebError, password};
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts};
use axum::response::{IntoResponse, Response};
use gongkai_storage::{AgencyId, Role, Scope, Store, User, UserId};
use tower_sessions::Session;

/// Session key of the signed-in account id.
pub const USER_KEY: &str = "user_id";
/// Session key of the signed-in account's agency.
pub const AGENCY_KEY: &str = "agency_id";
/// Session key of the account's session epoch at sign-in.
pub const EPOCH_KEY: &str = "epoch";

/// Pages an account that must change its password may still open.
const ALLOWED_BEFORE_CHANGE: [&str; 2] = ["/admin/password", "/logout"];

/// The signed-in account, reloaded on every request (a disabled account is out at once).
pub struct CurrentUser {
    /// The account.
    pub user: User,
    /// The request's CSRF token, for the forms of the page and to check submissions.
    pub csrf: CsrfToken,
    /// The session.
    pub session: Session,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|_| WebError::Internal("the session layer is missing"))?;
        let csrf = CsrfToken::from_request_parts(parts, state).await?;
        let ids = (
            session.get::<i64>(USER_KEY).await?,
            session.get::<i64>(AGENCY_KEY).await?,
            session.get::<i32>(EPOCH_KEY).await?,
        );
        let (Some(user_id), Some(agency_id), Some(epoch)) = ids else {
            return Err(WebError::LoginRequired);
        };
        let scope = Scope::agency(AgencyId(agency_id));
        let user = match state.store.user(scope, UserId(user_id)).await {
            Ok(u) if u.active && u.session_epoch == epoch => u,
            Ok(_) | Err(gongkai_storage::StoreError::NotFound { .. }) => {
                session.flush().await?;
                return Err(WebError::LoginRequired);
            }
            Err(e) => return Err(e.into()),
        };
        if user.must_change_password && !ALLOWED_BEFORE_CHANGE.contains(&parts.uri.path()) {
            return Err(WebError::PasswordChangeRequired);
        }
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
        let now = chrono::Utc::now();
        match state
            .store
            .user_for_token(&password::token_hash(token.trim()), now)
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
