//! The year's reports of the agencies the account reads, with their deadlines (《条例》第四十九条)
//! and where each stands; the account's own agency first, with the way into its editor.

use super::{readable, year_of, year_or_default};
use crate::auth::CurrentUser;
use crate::extract::Query;
use crate::page::{Chrome, render};
use crate::reports::oversight::Line;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

/// `?year=2025`.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct YearQuery {
    /// The reporting year.
    pub year: Option<i32>,
}

#[derive(Template)]
#[template(path = "admin/reports.html")]
struct ListPage {
    c: Chrome,
    year: i32,
    own: i64,
    lines: Vec<Line>,
    today: String,
    writes: bool,
    oversee: bool,
}

/// GET /admin/reports?year=
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    let year = year_or_default(&state, q.year);
    let scopes = readable(&state, &me.user).await?;
    let (mut lines, _) = year_of(&state, scopes, year).await?;
    // The account's own agency first.
    lines.sort_by_key(|l| l.agency.id != me.user.agency_id);
    let oversee = lines.len() > 1;
    render(&ListPage {
        c: Chrome::admin("政府信息公开工作年度报告", &me),
        year,
        own: me.user.agency_id.0,
        lines,
        today: state.today().to_string(),
        writes: crate::reports::work::writes(me.user.role),
        oversee,
    })
}
