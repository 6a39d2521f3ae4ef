//! 访问令牌 for `/api/v1`: every account issues tokens for itself (with an expiry), sees its own,
//! and revokes them; 系统管理员 and 公开办管理员 also see and revoke the tokens of the accounts
//! they manage. The secret is shown once; only its hash is stored.

use super::users::manageable;
use crate::auth::CurrentUser;
use crate::extract::{Form, Path};
use crate::page::{Chrome, FieldErrors, render, reshow};
use crate::{AppState, WebError, password};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use gongkai_storage::*;
use serde::Deserialize;

/// Expiry choices offered by the form, in days (0 = never).
const EXPIRIES: [(i64, &str); 4] = [(30, "30 天"), (90, "90 天"), (365, "一年"), (0, "不过期")];

/// The token list and the issue form.
#[derive(Template)]
#[template(path = "admin/tokens.html")]
struct ListPage {
    c: Chrome,
    tokens: Vec<(ApiToken, String)>,
    expiries: [(i64, &'static str); 4],
    name: String,
    errors: FieldErrors,
    now: DateTime<Utc>,
}

/// The page showing a new secret once.
#[derive(Template)]
#[template(path = "admin/token_new.html")]
struct IssuedPage {
    c: Chrome,
    token: ApiToken,
    secret: String,
}

/// Fields of the issue form.
#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    days: i64,
}

/// A form carrying only the CSRF token.
#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// The tokens `me` may see and revoke, with their owners' login names.
async fn visible(state: &AppState, me: &CurrentUser) -> Result<Vec<(ApiToken, String)>, WebError> {
    let agencies = if me.user.role.can_manage_accounts() {
        manageable(state, me)
            .await?
            .into_iter()
            .map(|a| a.id)
            .collect()
    } else {
        vec![me.user.agency_id]
    };
    let mut out = Vec::new();
    for agency in agencies {
        let users = state.store.users(Scope::agency(agency)).await?;
        for t in state.store.api_tokens(Scope::agency(agency)).await? {
            let mine = t.user_id == me.user.id;
            if mine || me.user.role.can_manage_accounts() {
                let owner = users.iter().find(|u| u.id == t.user_id);
                out.push((
                    t,
                    owner.map_or(String::new(), |u| u.username.as_str().to_owned()),
                ));
            }
        }
    }
    Ok(out)
}

async fn list_page(
    state: &AppState,
    me: &CurrentUser,
    name: String,
    errors: FieldErrors,
) -> Result<ListPage, WebError> {
    Ok(ListPage {
        c: Chrome::admin("访问令牌", me),
        tokens: visible(state, me).await?,
        expiries: EXPIRIES,
        name,
        errors,
        now: Utc::now(),
    })
}

/// GET /admin/tokens
pub async fn list(State(state): State<AppState>, me: CurrentUser) -> Result<Response, WebError> {
    render(&list_page(&state, &me, String::new(), FieldErrors::new()).await?)
}

/// POST /admin/tokens
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<TokenForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let name = f.name.trim().to_owned();
    let mut errors = FieldErrors::new();
    if name.is_empty() || name.chars().count() > 40 || name.chars().any(char::is_control) {
        errors.add("name", "请填写令牌用途（不超过 40 字）");
    }
    if !EXPIRIES.iter().any(|(d, _)| *d == f.days) {
        errors.add("days", "请选择有效期");
    }
    if !errors.is_empty() {
        return reshow(&list_page(&state, &me, name, errors).await?);
    }
    let secret = password::new_api_token();
    let new = NewApiToken {
        user_id: me.user.id,
        name,
        token_hash: password::token_hash(&secret),
        expires_at: (f.days > 0).then(|| Utc::now() + Duration::days(f.days)),
    };
    let token = state
        .store
        .create_api_token(&Actor::user(&me.user), me.user.agency_id, &new)
        .await?;
    render(&IssuedPage {
        c: Chrome::admin("令牌已签发", &me),
        token,
        secret,
    })
}

/// POST /admin/tokens/{id}/revoke
pub async fn revoke(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let found = visible(&state, &me)
        .await?
        .into_iter()
        .find(|(t, _)| t.id == id);
    let (token, _) = found.ok_or(WebError::NotFound("访问令牌"))?;
    state
        .store
        .revoke_api_token(&Actor::user(&me.user), token.agency_id, token.id)
        .await?;
    Ok(Redirect::to("/admin/tokens").into_response())
}
