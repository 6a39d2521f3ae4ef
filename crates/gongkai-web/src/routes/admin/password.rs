//! 修改密码: every account changes its own password (the first-run password is one-time).

use crate::auth::CurrentUser;
use crate::form::Form;
use crate::page::{Chrome, render};
use crate::{AppState, WebError, csrf, password};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::account::check_new_password;
use gongkai_storage::Actor;
use serde::Deserialize;

/// The change-password form.
#[derive(Template)]
#[template(path = "admin/password.html")]
struct PasswordPage {
    c: Chrome,
    error: String,
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

/// GET /admin/password
pub async fn form(me: CurrentUser) -> Result<Response, WebError> {
    render(&PasswordPage {
        c: Chrome::admin("修改密码", &me),
        error: String::new(),
    })
}

/// What is wrong with the submitted passwords, if anything.
async fn problem(state: &AppState, me: &CurrentUser, f: &PasswordForm) -> Result<String, WebError> {
    let found = state
        .store
        .user_for_login(me.user.username.as_str())
        .await?;
    let hash = found.map(|(_, h)| h).unwrap_or_default();
    let current = f.current.clone();
    let ok = tokio::task::spawn_blocking(move || password::verify(&current, &hash)).await;
    Ok(match (ok.unwrap_or(false), check_new_password(&f.new)) {
        (false, _) => "当前密码不正确".to_owned(),
        (true, Err(e)) => e.to_string(),
        (true, Ok(())) if f.new != f.repeat => "两次输入的新密码不一致".to_owned(),
        _ => String::new(),
    })
}

/// POST /admin/password
pub async fn change(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<PasswordForm>,
) -> Result<Response, WebError> {
    csrf::verify(&me.session, &f.csrf).await?;
    let error = problem(&state, &me, &f).await?;
    if !error.is_empty() {
        let page = render(&PasswordPage {
            c: Chrome::admin("修改密码", &me),
            error,
        })?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let hash = password::hash(&f.new).ok_or(WebError::Internal("hash".into()))?;
    let (u, actor) = (&me.user, Actor::user(&me.user));
    state
        .store
        .set_password(&actor, u.agency_id, u.id, &hash)
        .await?;
    Ok(Redirect::to("/admin").into_response())
}
