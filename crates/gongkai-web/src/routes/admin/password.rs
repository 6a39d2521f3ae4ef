//! 修改密码: every account changes its own password. The current-password check is throttled
//! like a sign-in; a change ends the account's other sessions and keeps this one.

use crate::auth::{CurrentUser, EPOCH_KEY};
use crate::extract::Form;
use crate::page::{Chrome, FieldErrors, render, reshow};
use crate::{AppState, WebError, password, throttle};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::account::check_new_password;
use gongkai_storage::{Actor, ThrottleKey};
use serde::Deserialize;

/// The change-password form.
#[derive(Template)]
#[template(path = "admin/password.html")]
struct PasswordPage {
    c: Chrome,
    forced: bool,
    errors: FieldErrors,
}

/// Fields of the form.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    current: String,
    new: String,
    repeat: String,
}

fn page(me: &CurrentUser, errors: FieldErrors) -> PasswordPage {
    PasswordPage {
        c: Chrome::admin("修改密码", me),
        forced: me.user.must_change_password,
        errors,
    }
}

/// GET /admin/password
pub async fn form(me: CurrentUser) -> Result<Response, WebError> {
    render(&page(&me, FieldErrors::new()))
}

/// Whether the current password is right, behind the throttle.
async fn current_ok(state: &AppState, me: &CurrentUser, current: &str) -> Result<bool, WebError> {
    let key = ThrottleKey {
        key: format!("pwchange:{}", me.user.id),
        policy: state.config.throttle.password_change,
    };
    throttle::reserve(state, std::slice::from_ref(&key)).await?;
    let found = state
        .store
        .user_for_login(me.user.username.as_str())
        .await?;
    let hash = found.map(|(_, h)| h).unwrap_or_default();
    let ok = password::verify_blocking(state, current, hash).await?;
    if ok {
        state.store.clear_attempts(&[key.key]).await?;
    }
    Ok(ok)
}

/// What is wrong with the submitted form, field by field.
async fn check(
    state: &AppState,
    me: &CurrentUser,
    f: &PasswordForm,
) -> Result<FieldErrors, WebError> {
    let mut errors = FieldErrors::new();
    match current_ok(state, me, &f.current).await {
        Ok(true) => {}
        Ok(false) => errors.add("current", "当前密码不正确"),
        Err(e @ WebError::Throttled { .. }) => errors.add("current", e),
        Err(e) => return Err(e),
    }
    if let Err(e) = check_new_password(&f.new, me.user.username.as_str()) {
        errors.add("new", e);
    } else if f.new == f.current {
        errors.add("new", "新密码不能与当前密码相同");
    } else if f.new != f.repeat {
        errors.add("repeat", "两次输入的新密码不一致");
    }
    Ok(errors)
}

/// POST /admin/password
pub async fn change(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<PasswordForm>,
) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    let errors = check(&state, &me, &f).await?;
    if !errors.is_empty() {
        return reshow(&page(&me, errors));
    }
    let hash = password::hash(&f.new).ok_or(WebError::Internal("password hashing failed"))?;
    let (u, actor) = (&me.user, Actor::user(&me.user));
    let changed = state
        .store
        .set_password(&actor, u.agency_id, u.id, &hash, false)
        .await?;
    me.session.cycle_id().await?;
    me.session.insert(EPOCH_KEY, changed.session_epoch).await?;
    Ok(Redirect::to("/admin").into_response())
}
