//! 登录 / 退出: argon2 check, throttling per account (counted in the database, so every instance
//! sees the same count), session id rotation on login.

use crate::auth::{AGENCY_KEY, CurrentUser, USER_KEY};
use crate::form::Form;
use crate::page::{Chrome, render};
use crate::{AppState, WebError, csrf, password};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use serde::Deserialize;
use std::sync::atomic::Ordering::Relaxed;
use tower_sessions::Session;

/// The login page.
#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    username: String,
    error: String,
}

/// The login form fields.
#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    csrf: String,
}

/// A form carrying only the CSRF token.
#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn page(session: &Session, username: &str, error: &str) -> Result<Response, WebError> {
    let mut c = Chrome::public("登录");
    c.csrf = csrf::token(session).await?;
    let p = LoginPage {
        c,
        username: username.to_owned(),
        error: error.to_owned(),
    };
    render(&p)
}

/// GET /login
pub async fn form(session: Session) -> Result<Response, WebError> {
    page(&session, "", "").await
}

/// POST /login
pub async fn submit(
    State(state): State<AppState>,
    session: Session,
    Form(f): Form<LoginForm>,
) -> Result<Response, WebError> {
    csrf::verify(&session, &f.csrf).await?;
    let key = format!("user:{}", f.username.trim());
    check_throttle(&state, &key).await?;
    match authenticate(&state, f.username.trim(), &f.password).await? {
        Some(user) => {
            state.store.clear_login_failures(&key).await?;
            state.metrics.logins_ok.fetch_add(1, Relaxed);
            session.cycle_id().await?;
            session.insert(USER_KEY, user.id.0).await?;
            session.insert(AGENCY_KEY, user.agency_id.0).await?;
            tracing::info!(user = %user.username.as_str(), "login");
            Ok(Redirect::to("/admin").into_response())
        }
        None => {
            state.store.record_login_failure(&key, Utc::now()).await?;
            state.metrics.logins_failed.fetch_add(1, Relaxed);
            let res = page(&session, &f.username, "用户名或密码错误").await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, res).into_response())
        }
    }
}

async fn check_throttle(state: &AppState, key: &str) -> Result<(), WebError> {
    let minutes = state.config.throttle_minutes;
    let since = Utc::now() - Duration::minutes(minutes);
    if state.store.login_failures_since(key, since).await? >= state.config.throttle_max_failures {
        state.metrics.logins_failed.fetch_add(1, Relaxed);
        tracing::warn!(key, "login throttled");
        return Err(WebError::Throttled { minutes });
    }
    Ok(())
}

/// The active account if the password matches. Unknown names cost the same hashing time.
async fn authenticate(
    state: &AppState,
    username: &str,
    pw: &str,
) -> Result<Option<gongkai_storage::User>, WebError> {
    let found = state.store.user_for_login(username).await?;
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), h),
        None => (None, password::dummy_hash().to_owned()),
    };
    let pw = pw.to_owned();
    let ok = tokio::task::spawn_blocking(move || password::verify(&pw, &hash))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(user.filter(|u| ok && u.active))
}

/// POST /logout
pub async fn logout(me: CurrentUser, Form(f): Form<CsrfForm>) -> Result<Response, WebError> {
    csrf::verify(&me.session, &f.csrf).await?;
    me.session.flush().await?;
    Ok(Redirect::to("/login").into_response())
}
