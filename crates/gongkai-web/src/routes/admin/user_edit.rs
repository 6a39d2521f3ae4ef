//! One account: its page (details, its API tokens), editing (姓名, 角色, 启用/停用) and password
//! reset. Only a role that could grant the account's role may change it, never across agencies,
//! and nobody disables or demotes themselves (that would leave an agency without its admin).

use super::users::{OneTimePage, grantable, manageable};
use crate::auth::{CurrentUser, require, scopes};
use crate::extract::{Form, Path};
use crate::page::{Chrome, FieldErrors, render, reshow};
use crate::{AppState, WebError, password};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::account::parse_display_name;
use gongkai_storage::*;
use serde::Deserialize;

/// The account page.
#[derive(Template)]
#[template(path = "admin/user.html")]
struct ShowPage {
    c: Chrome,
    u: User,
    agency: String,
    can_edit: bool,
    roles: Vec<Role>,
    tokens: Vec<ApiToken>,
    now: chrono::DateTime<chrono::Utc>,
    errors: FieldErrors,
}

/// Fields of the edit form.
#[derive(Deserialize)]
pub struct EditForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i32,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    /// Checkbox: present when checked.
    #[serde(default)]
    active: Option<String>,
}

/// A form carrying only the CSRF token.
#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// The account `id` as `me` may see it.
async fn find(state: &AppState, me: &CurrentUser, id: i64) -> Result<User, WebError> {
    require(me.user.role.can_oversee())?;
    for scope in scopes(state.store.as_ref(), &me.user).await? {
        if let Ok(u) = state.store.user(scope, UserId(id)).await {
            return Ok(u);
        }
    }
    Err(WebError::NotFound("账号"))
}

/// Whether `me` may change `u`.
async fn can_edit(state: &AppState, me: &CurrentUser, u: &User) -> Result<bool, WebError> {
    if !me.user.role.can_manage_accounts() || !me.user.role.can_grant(u.role) {
        return Ok(false);
    }
    Ok(manageable(state, me)
        .await?
        .iter()
        .any(|a| a.id == u.agency_id))
}

async fn show_page(
    state: &AppState,
    me: &CurrentUser,
    u: User,
    errors: FieldErrors,
) -> Result<ShowPage, WebError> {
    let agency = state
        .store
        .agency(Scope::agency(u.agency_id), u.agency_id)
        .await?
        .name;
    let can_edit = can_edit(state, me, &u).await?;
    let mut tokens = state.store.api_tokens(Scope::agency(u.agency_id)).await?;
    tokens.retain(|t| t.user_id == u.id);
    Ok(ShowPage {
        c: Chrome::admin(&u.display_name, me),
        agency,
        can_edit,
        roles: grantable(me),
        tokens,
        now: chrono::Utc::now(),
        errors,
        u,
    })
}

/// GET /admin/users/{id}
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let u = find(&state, &me, id).await?;
    render(&show_page(&state, &me, u, FieldErrors::new()).await?)
}

/// The changes the form asks for, or the field errors.
fn parse(me: &CurrentUser, u: &User, f: &EditForm) -> Result<UserChanges, FieldErrors> {
    let mut e = FieldErrors::new();
    let display_name = e.take("display_name", parse_display_name(&f.display_name));
    let role = Role::parse(&f.role)
        .ok()
        .filter(|r| me.user.role.can_grant(*r));
    if role.is_none() {
        e.add("role", "请选择您有权授予的角色");
    }
    let active = f.active.is_some();
    if u.id == me.user.id && (!active || role != Some(u.role)) {
        e.add("active", "不能停用自己的账号或更改自己的角色");
    }
    match role {
        Some(role) if e.is_empty() => Ok(UserChanges {
            display_name,
            role,
            active,
        }),
        _ => Err(e),
    }
}

/// POST /admin/users/{id}
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<EditForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let u = find(&state, &me, id).await?;
    require(can_edit(&state, &me, &u).await?)?;
    let changes = match parse(&me, &u, &f) {
        Ok(c) => c,
        Err(errors) => return reshow(&show_page(&state, &me, u, errors).await?),
    };
    let actor = Actor::user(&me.user);
    state
        .store
        .update_user(&actor, u.agency_id, u.id, f.version, &changes)
        .await?;
    Ok(Redirect::to(&format!("/admin/users/{id}")).into_response())
}

/// POST /admin/users/{id}/reset: a new one-time password, shown once, to be changed at login.
pub async fn reset(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<CsrfOnly>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let u = find(&state, &me, id).await?;
    require(can_edit(&state, &me, &u).await? && u.id != me.user.id)?;
    let pw = password::one_time_password();
    let hash = password::hash(&pw).ok_or(WebError::Internal("password hashing failed"))?;
    let user = state
        .store
        .set_password(&Actor::user(&me.user), u.agency_id, u.id, &hash, true)
        .await?;
    render(&OneTimePage {
        c: Chrome::admin("密码已重置", &me),
        user,
        password: pw,
        created: false,
    })
}
