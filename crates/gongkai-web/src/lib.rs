//! gongkai's web layer: every route in one place ([`router`]), server-rendered Chinese pages
//! (askama, compiled in), embedded assets, database-backed sessions, CSRF, login throttling, and
//! the JSON API under `/api/v1`.
//!
//! Handlers are thin: extract → call storage → render. Errors travel as [`WebError`] into one
//! `IntoResponse`. The web layer holds `Arc<dyn Store>` and is never generic over the database.

mod assets;
mod auth;
mod csrf;
mod error;
mod form;
mod metrics;
mod page;
pub mod password;
mod routes;
mod session_store;
mod state;

pub use error::WebError;
pub use metrics::Metrics;
pub use state::{AppState, WebConfig};

use axum::Router;
use axum::routing::{get, post};
use routes::{admin, api, login, ops, public};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// The whole application: pages, API, assets, health and metrics, with sessions and request ids.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages(&state))
        .route("/api/v1/agencies", get(api::agencies))
        .route("/api/v1/users", get(api::users))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .route("/assets/{name}", get(assets::serve))
        .fallback(ops::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::count,
        ))
        .layer(ops::request_layers())
        .with_state(state)
}

/// The HTML pages, behind the database-backed session layer.
fn pages(state: &AppState) -> Router<AppState> {
    let sessions =
        SessionManagerLayer::new(session_store::DbSessionStore::new(state.store.clone()))
            .with_name("gongkai_session")
            .with_secure(state.config.secure_cookies)
            .with_same_site(SameSite::Lax)
            .with_http_only(true)
            .with_expiry(Expiry::OnInactivity(time_hours(8)));
    Router::new()
        .route("/", get(public::home))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/admin", get(admin::dashboard::show))
        .route(
            "/admin/agencies",
            get(admin::agencies::list).post(admin::agencies::create),
        )
        .route("/admin/agencies/new", get(admin::agencies::new_form))
        .route(
            "/admin/agencies/{id}",
            get(admin::agencies::show).post(admin::agencies::update),
        )
        .route(
            "/admin/users",
            get(admin::users::list).post(admin::users::create),
        )
        .route("/admin/users/new", get(admin::users::new_form))
        .route("/admin/audit", get(admin::audit::list))
        .route(
            "/admin/password",
            get(admin::password::form).post(admin::password::change),
        )
        .layer(sessions)
}

fn time_hours(h: i64) -> tower_sessions::cookie::time::Duration {
    tower_sessions::cookie::time::Duration::hours(h)
}
