//! 账号管理: list (系统管理员, 公开办管理员, 督查 within scope) and create (系统管理员 anywhere,
//! 公开办管理员 in its own agency, never granting 系统管理员).

use crate::auth::{CurrentUser, agency_names, require, scopes};
use crate::form::Form;
use crate::page::{Chrome, render};
use crate::{AppState, WebError, csrf, password};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::account::check_new_password;
use gongkai_storage::*;
use serde::Deserialize;

/// The account list.
#[derive(Template)]
#[template(path = "admin/users.html")]
struct ListPage {
    c: Chrome,
    users: Vec<(User, String)>,
    can_create: bool,
}

/// The new-account form.
#[derive(Template)]
#[template(path = "admin/user_new.html")]
struct NewPage {
    c: Chrome,
    agencies: Vec<Agency>,
    roles: Vec<Role>,
}

/// Fields of the new-account form.
#[derive(Deserialize)]
pub struct UserForm {
    #[serde(default)]
    csrf: String,
    agency_id: i64,
    username: String,
    display_name: String,
    role: String,
    password: String,
}

fn bad<E: std::fmt::Display>(e: E) -> WebError {
    WebError::BadInput(e.to_string())
}

/// GET /admin/users
pub async fn list(State(state): State<AppState>, me: CurrentUser) -> Result<Response, WebError> {
    require(me.user.role.can_oversee())?;
    let scopes = scopes(state.store.as_ref(), &me.user).await?;
    let names = agency_names(state.store.as_ref(), &scopes).await?;
    let mut users = Vec::new();
    for scope in scopes {
        let found = state.store.users(scope).await?.into_iter();
        users.extend(found.map(|u| {
            let name = names.get(&u.agency_id).cloned().unwrap_or_default();
            (u, name)
        }));
    }
    let can_create = me.user.role.can_manage_accounts();
    render(&ListPage {
        c: Chrome::admin("账号", &me),
        users,
        can_create,
    })
}

/// Agencies the account may create accounts in.
async fn manageable(state: &AppState, me: &CurrentUser) -> Result<Vec<Agency>, WebError> {
    require(me.user.role.can_manage_accounts())?;
    let mut all = Vec::new();
    for scope in scopes(state.store.as_ref(), &me.user).await? {
        all.extend(state.store.agencies(scope).await?);
    }
    Ok(all)
}

/// GET /admin/users/new
pub async fn new_form(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, WebError> {
    let agencies = manageable(&state, &me).await?;
    let roles = Role::ALL
        .into_iter()
        .filter(|r| me.user.role.can_grant(*r))
        .collect();
    render(&NewPage {
        c: Chrome::admin("新建账号", &me),
        agencies,
        roles,
    })
}

/// POST /admin/users
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<UserForm>,
) -> Result<Response, WebError> {
    csrf::verify(&me.session, &f.csrf).await?;
    let agencies = manageable(&state, &me).await?;
    let agency = agencies.iter().find(|a| a.id.0 == f.agency_id);
    let agency = agency.ok_or(WebError::Store(StoreError::NotFound { what: "机关" }))?;
    let role = Role::parse(&f.role).map_err(bad)?;
    require(me.user.role.can_grant(role))?;
    check_new_password(&f.password).map_err(bad)?;
    let hash = password::hash(&f.password).ok_or(WebError::Internal("hash".into()))?;
    let new = NewUser {
        username: Username::parse(&f.username).map_err(bad)?,
        display_name: f.display_name.trim().to_owned(),
        role,
        password_hash: hash,
    };
    state
        .store
        .create_user(&Actor::user(&me.user), agency.id, &new)
        .await?;
    Ok(Redirect::to("/admin/users").into_response())
}
