//! gongkai's web layer: every route in one place ([`router`]), server-rendered Chinese pages
//! (askama, compiled in), embedded assets, database-backed sessions, stateless CSRF, sign-in
//! throttling, security headers, and the JSON API under `/api/v1`.
//!
//! Handlers are thin: extract → call storage → render. Errors travel as [`WebError`] into one
//! `IntoResponse`; the `error::finish` middleware logs and renders them with the request id.
//! The web layer holds `Arc<dyn Store>` and is never generic over the database.

mod assets;
mod auth;
pub mod calendar;
pub mod captcha;
mod cases;
mod client;
mod csrf;
pub mod demo;
pub mod documents;
mod error;
mod extract;
mod headers;
mod metrics;
mod page;
pub mod password;
pub mod portal;
mod proceedings;
pub mod reminders;
pub mod reports;
mod routes;
pub mod secret;
mod session_store;
mod state;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod throttle;
pub mod upload;

pub use error::WebError;
pub use metrics::Metrics;
pub use routes::ops::metrics_router;
pub use state::{AppState, ThrottlePolicy, WebConfig};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, patch, post};
use routes::{admin, api, login, ops, public};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// The whole application: pages, API, assets, health and metrics, with request ids, security
/// headers and error pages on every response.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages(&state))
        .merge(column_pages(&state))
        .route("/api/v1/agencies", get(api::directory::agencies))
        .route("/api/v1/users", get(api::directory::users))
        .route("/api/v1/users/{id}", patch(api::accounts::update_user))
        .route("/api/v1/tokens", get(api::accounts::tokens))
        .route(
            "/api/v1/tokens/{id}",
            axum::routing::delete(api::accounts::revoke_token),
        )
        .route(
            "/api/v1/applications",
            get(api::applications::list).post(api::applications::create),
        )
        .route("/api/v1/applications/{id}", get(api::applications::get))
        .route(
            "/api/v1/applications/{id}/steps",
            post(api::applications::step),
        )
        .route(
            "/api/v1/proceedings",
            get(api::proceedings::list).post(api::proceedings::create),
        )
        .route(
            "/api/v1/proceedings/{id}",
            get(api::proceedings::get).patch(api::proceedings::update),
        )
        .route(
            "/api/v1/documents",
            get(api::documents::list).post(api::documents::create),
        )
        .route("/api/v1/documents/{id}", get(api::documents::get))
        .route("/api/v1/documents/{id}/steps", post(api::documents::step))
        .route("/api/v1/reports/{code}/{year}", get(api::reports::get))
        .route(
            "/api/v1/reports/{code}/{year}/compile",
            post(api::reports::compile_now),
        )
        .route(
            "/api/v1/reports/{code}/{year}/findings",
            get(api::reports::findings),
        )
        .route(
            "/api/v1/reports/{code}/{year}/steps",
            post(api::reports::step),
        )
        .route("/api/v1/openapi.json", get(api::openapi))
        .route("/feed.atom", get(public::feeds::feed))
        .route("/sitemap.xml", get(public::feeds::sitemap))
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .route("/assets/{name}", get(assets::serve))
        .fallback(ops::not_found)
        .layer(from_fn(error::finish))
        .layer(from_fn_with_state(state.clone(), portal::cache::invalidate))
        .layer(from_fn_with_state(state.clone(), metrics::count))
        .layer(from_fn(headers::add))
        .layer(ops::request_layers())
        .with_state(state)
}

/// The HTML pages, behind the database-backed session layer and the CSRF cookie.
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
        .route("/apply", get(public::apply::choose))
        .route("/search", get(public::search::page))
        .route(
            "/xxgk/{code}/apply",
            get(public::apply::form)
                .post(public::apply::submit)
                .layer(DefaultBodyLimit::max(upload::MAX_BODY_BYTES)),
        )
        .route("/xxgk/{code}", get(public::xxgk::bare))
        .route(
            "/xxgk/{code}/docs/{id}/files/{file}",
            get(public::xxgk::file),
        )
        .route("/apply/captcha/{token}", get(public::apply::captcha_image))
        .route(
            "/apply/status",
            get(public::status::form).post(public::status::lookup),
        )
        .route("/apply/files/{token}", get(public::files::download))
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
            "/admin/agencies/{id}/profile",
            get(admin::profile::show).post(admin::profile::update),
        )
        .route(
            "/admin/agencies/{id}/classification/{scheme}",
            get(admin::classification::show).post(admin::classification::update),
        )
        .route(
            "/admin/users",
            get(admin::users::list).post(admin::users::create),
        )
        .route("/admin/users/new", get(admin::users::new_form))
        .route(
            "/admin/users/{id}",
            get(admin::user_edit::show).post(admin::user_edit::update),
        )
        .route("/admin/users/{id}/reset", post(admin::user_edit::reset))
        .route(
            "/admin/tokens",
            get(admin::tokens::list).post(admin::tokens::create),
        )
        .route("/admin/tokens/{id}/revoke", post(admin::tokens::revoke))
        .route("/admin/audit", get(admin::audit::list))
        .route(
            "/admin/cases",
            get(admin::cases::list::list)
                .post(admin::cases::register::create)
                .layer(DefaultBodyLimit::max(upload::MAX_BODY_BYTES)),
        )
        .route("/admin/cases.xlsx", get(admin::cases::list::export))
        .route("/admin/cases/new", get(admin::cases::register::form))
        .route("/admin/cases/{id}", get(admin::cases::show::show))
        .route("/admin/cases/{id}/steps", post(admin::cases::step::step))
        .route("/admin/cases/{id}/route", post(admin::cases::step::route))
        .route(
            "/admin/cases/{id}/files",
            post(admin::cases::files::upload).layer(DefaultBodyLimit::max(upload::MAX_BODY_BYTES)),
        )
        .route(
            "/admin/cases/{id}/files/{file}",
            get(admin::cases::files::download),
        )
        .route(
            "/admin/cases/{id}/letters/{letter}",
            get(admin::cases::files::letter),
        )
        .route(
            "/admin/proceedings",
            get(admin::proceedings::list::list).post(admin::proceedings::register::create),
        )
        .route(
            "/admin/proceedings/new",
            get(admin::proceedings::register::form),
        )
        .route(
            "/admin/proceedings/{id}",
            get(admin::proceedings::show::show),
        )
        .route(
            "/admin/proceedings/{id}/steps",
            post(admin::proceedings::show::step),
        )
        .route("/admin/stats", get(admin::cases::stats::show))
        .route("/admin/reports", get(admin::reports::list::list))
        .route(
            "/admin/reports/{agency}/{year}",
            get(admin::reports::edit::show).post(admin::reports::edit::save),
        )
        .route(
            "/admin/reports/{agency}/{year}/steps",
            post(admin::reports::edit::step),
        )
        .route(
            "/admin/reports/{agency}/{year}/{file}",
            get(admin::reports::preview::preview),
        )
        .route("/admin/oversight", get(admin::reports::oversee::show))
        .route(
            "/admin/oversight.xlsx",
            get(admin::reports::oversee::export),
        )
        .route(
            "/admin/oversight/upload",
            post(admin::reports::oversee::upload).layer(DefaultBodyLimit::max(
                admin::reports::oversee::MAX_REPORTS * 8 * 1024 * 1024,
            )),
        )
        .route(
            "/admin/oversight/uploads/{id}",
            get(admin::reports::oversee::uploaded),
        )
        .route(
            "/admin/calendar",
            get(admin::calendar::show).post(admin::calendar::load),
        )
        .route("/admin/calendar/preview", post(admin::calendar::preview))
        .route(
            "/admin/password",
            get(admin::password::form).post(admin::password::change),
        )
        .merge(admin::documents::routes())
        .layer(sessions)
        .layer(from_fn_with_state(state.clone(), csrf::issue))
}

/// The 专栏's pages, the same for every visitor and kept rendered (`portal::cache`): outside
/// the session and CSRF layers, as they neither read a session nor hold a form that posts.
fn column_pages(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/xxgk/{code}/", get(public::xxgk::home))
        .route("/xxgk/{code}/guide", get(public::xxgk::guide))
        .route("/xxgk/{code}/rules", get(public::xxgk::rules))
        .route("/xxgk/{code}/reports", get(public::xxgk::reports))
        .route("/xxgk/{code}/reports/{file}", get(public::xxgk::report))
        .route("/xxgk/{code}/docs", get(public::xxgk::docs))
        .route("/xxgk/{code}/docs/{id}", get(public::xxgk::doc))
        .route_layer(from_fn_with_state(state.clone(), portal::cache::serve))
}

fn time_hours(h: i64) -> tower_sessions::cookie::time::Duration {
    tower_sessions::cookie::time::Duration::hours(h)
}
