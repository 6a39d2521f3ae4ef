//! 账号管理: list (系统管理员, 公开办管理员, 督查 within scope) and create (系统管理员 anywhere,
//! 公开办管理员 in its own agency, only roles whose view is within the creator's). A new
//! account gets a one-time password that must be changed at first login.

use crate::auth::{CurrentUser, agency_names, require, scopes};
use crate::extract::Form;
use crate::page::{Chrome, FieldErrors, render, reshow};
use crate::{AppState, WebError, password};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_domain::account::{check_new_password, parse_display_name};
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

/// The new-account form (also shown again with errors).
#[derive(Template)]
#[template(path = "admin/user_new.html")]
struct NewPage {
    c: Chrome,
    agencies: Vec<Agency>,
    roles: Vec<Role>,
    f: UserForm,
    errors: FieldErrors,
}

/// The page that shows a one-time password once.
#[derive(Template)]
#[template(path = "admin/one_time.html")]
pub struct OneTimePage {
    /// The chrome.
    pub c: Chrome,
    /// The account.
    pub user: User,
    /// The password, shown only here.
    pub password: String,
    /// Whether the account was just created (else: reset).
    pub created: bool,
}

/// Fields of the new-account form.
#[derive(Deserialize, Default)]
pub struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    agency_id: i64,
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    /// Optional: empty means “generate a one-time password”.
    #[serde(default)]
    password: String,
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

/// Agencies the account may manage accounts in: every agency for 系统管理员, its own for
/// 公开办管理员.
pub async fn manageable(state: &AppState, me: &CurrentUser) -> Result<Vec<Agency>, WebError> {
    require(me.user.role.can_manage_accounts())?;
    let mut all = Vec::new();
    for scope in scopes(state.store.as_ref(), &me.user).await? {
        all.extend(state.store.agencies(scope).await?);
    }
    Ok(all)
}

/// The roles `me` may grant.
pub fn grantable(me: &CurrentUser) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|r| me.user.role.can_grant(*r))
        .collect()
}

async fn new_page(
    state: &AppState,
    me: &CurrentUser,
    f: UserForm,
    errors: FieldErrors,
) -> Result<NewPage, WebError> {
    Ok(NewPage {
        c: Chrome::admin("新建账号", me),
        agencies: manageable(state, me).await?,
        roles: grantable(me),
        f,
        errors,
    })
}

/// GET /admin/users/new
pub async fn new_form(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Response, WebError> {
    let page = new_page(&state, &me, UserForm::default(), FieldErrors::new()).await?;
    render(&page)
}

/// The account the form describes, or the field errors.
fn parse(
    me: &CurrentUser,
    agencies: &[Agency],
    f: &UserForm,
) -> Result<(AgencyId, NewUser, String), FieldErrors> {
    let mut e = FieldErrors::new();
    let agency = agencies
        .iter()
        .find(|a| a.id.0 == f.agency_id)
        .map(|a| a.id);
    if agency.is_none() {
        e.add("agency_id", "请选择所属机关");
    }
    let role = Role::parse(&f.role)
        .ok()
        .filter(|r| me.user.role.can_grant(*r));
    if role.is_none() {
        e.add("role", "请选择您有权授予的角色");
    }
    let username = e.take("username", Username::parse(&f.username).map(Some));
    let display_name = e.take("display_name", parse_display_name(&f.display_name));
    let given = !f.password.is_empty();
    if given && let Err(err) = check_new_password(&f.password, &f.username) {
        e.add("password", err);
    }
    match (agency, role, username, e.is_empty()) {
        (Some(agency), Some(role), Some(username), true) => {
            let pw = if given {
                f.password.clone()
            } else {
                password::one_time_password()
            };
            let new = NewUser {
                username,
                display_name,
                role,
                password_hash: String::new(),
                must_change_password: true,
            };
            Ok((agency, new, pw))
        }
        _ => Err(e),
    }
}

/// POST /admin/users
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<UserForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let agencies = manageable(&state, &me).await?;
    let (agency, mut new, pw) = match parse(&me, &agencies, &f) {
        Ok(v) => v,
        Err(errors) => return reshow(&new_page(&state, &me, f, errors).await?),
    };
    new.password_hash = password::hash(&pw).ok_or(WebError::Internal("password hashing failed"))?;
    let actor = Actor::user(&me.user);
    let user = match state.store.create_user(&actor, agency, &new).await {
        Ok(u) => u,
        Err(StoreError::Conflict { .. }) => {
            let mut errors = FieldErrors::new();
            errors.add("username", "该用户名已被使用（不区分大小写）");
            return reshow(&new_page(&state, &me, f, errors).await?);
        }
        Err(e) => return Err(e.into()),
    };
    render(&OneTimePage {
        c: Chrome::admin("账号已创建", &me),
        user,
        password: pw,
        created: true,
    })
}
