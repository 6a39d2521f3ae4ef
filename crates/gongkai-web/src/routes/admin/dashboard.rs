//! 工作台: the landing page after login.

use crate::AppState;
use crate::WebError;
use crate::auth::CurrentUser;
use crate::page::{Chrome, render};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

/// The dashboard.
#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct DashboardPage {
    c: Chrome,
    agency: String,
    role: &'static str,
}

/// GET /admin
pub async fn show(State(state): State<AppState>, me: CurrentUser) -> Result<Response, WebError> {
    let scope = gongkai_storage::Scope::agency(me.user.agency_id);
    let agency = state.store.agency(scope, me.user.agency_id).await?;
    let page = DashboardPage {
        c: Chrome::admin("工作台", &me),
        agency: agency.name,
        role: me.user.role.label(),
    };
    render(&page)
}
