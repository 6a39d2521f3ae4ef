//! 登录 / 退出: argon2 check behind the throttle (`throttle.rs`), session id rotation on login,
//! the known-device cookie. The login page itself stores nothing: its CSRF token lives in a
//! signed cookie, and a session row appears only once someone has signed in.

use crate::auth::{AGENCY_KEY, CurrentUser, EPOCH_KEY, USER_KEY};
use crate::client::ClientAddr;
use crate::csrf::CsrfToken;
use crate::extract::Form;
use crate::page::{Chrome, render};
use crate::{AppState, WebError, password, throttle};
use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use gongkai_domain::account::MAX_PASSWORD_CHARS;
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
    pub csrf: String,
}

fn page(
    csrf: &CsrfToken,
    username: &str,
    error: &str,
    status: StatusCode,
) -> Result<Response, WebError> {
    let p = LoginPage {
        c: Chrome::public("登录", &csrf.token),
        username: username.chars().take(64).collect(),
        error: error.to_owned(),
    };
    Ok((status, render(&p)?).into_response())
}

/// GET /login
pub async fn form(csrf: CsrfToken) -> Result<Response, WebError> {
    page(&csrf, "", "", StatusCode::OK)
}

/// POST /login
pub async fn submit(
    State(state): State<AppState>,
    csrf: CsrfToken,
    session: Session,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, WebError> {
    csrf.verify(&f.csrf)?;
    let name = f.username.trim().to_ascii_lowercase();
    let wrong = |state: &AppState| {
        state.metrics.logins_failed.fetch_add(1, Relaxed);
        page(
            &csrf,
            &f.username,
            "用户名或密码错误",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    if name.is_empty() || name.len() > 64 || f.password.chars().count() > MAX_PASSWORD_CHARS {
        return wrong(&state);
    }
    let known = throttle::known_device(&state, &headers, &name);
    let keys = throttle::login_keys(&state, &name, &addr, known);
    if let Err(e) = throttle::reserve(&state, &keys).await {
        state.metrics.logins_failed.fetch_add(1, Relaxed);
        let status = e.status();
        return page(&csrf, &f.username, &e.to_string(), status);
    }
    let Some(user) = authenticate(&state, &name, &f.password).await? else {
        return wrong(&state);
    };
    state
        .store
        .clear_attempts(&throttle::cleared_by_success(&keys))
        .await?;
    state.metrics.logins_ok.fetch_add(1, Relaxed);
    session.cycle_id().await?;
    session.insert(USER_KEY, user.id.0).await?;
    session.insert(AGENCY_KEY, user.agency_id.0).await?;
    session.insert(EPOCH_KEY, user.session_epoch).await?;
    tracing::info!(user = %user.username.as_str(), "login");
    let mut res = Redirect::to("/admin").into_response();
    if let Ok(v) = HeaderValue::from_str(&throttle::device_cookie(&state, &name)) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
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
    let ok = password::verify_blocking(state, pw, hash).await?;
    Ok(user.filter(|u| ok && u.active))
}

/// POST /logout
pub async fn logout(me: CurrentUser, Form(f): Form<CsrfForm>) -> Result<Response, WebError> {
    me.csrf.verify(&f.csrf)?;
    me.session.flush().await?;
    Ok(Redirect::to("/login").into_response())
}
