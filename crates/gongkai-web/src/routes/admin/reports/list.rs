//! The year's reports of the agencies the account reads, with their deadlines (《条例》第四十九条)
//! and where each stands; the account's own agency first, with the way into its editor.

use super::{default_year, readable};
use crate::auth::CurrentUser;
use crate::extract::Query;
use crate::page::{Chrome, render};
use crate::reports::oversight::{Line, lines};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use std::collections::HashMap;

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
    let year = q
        .year
        .unwrap_or_else(|| default_year(&state))
        .clamp(2008, 2100);
    let mut agencies = Vec::new();
    let mut this_year = Vec::new();
    let mut last_year = Vec::new();
    let mut uploaded = Vec::new();
    for scope in readable(&state, &me.user).await? {
        agencies.extend(
            state
                .store
                .agencies(scope)
                .await?
                .into_iter()
                .map(|a| (a, 0)),
        );
        this_year.extend(state.store.year_reports(scope, year).await?);
        last_year.extend(state.store.year_reports(scope, year - 1).await?);
        uploaded.extend(state.store.external_reports(scope, year - 1).await?);
    }
    let last = crate::reports::oversight::last_year(&last_year, &uploaded);
    let mut lines = lines(
        &agencies,
        year,
        &this_year,
        &last,
        &HashMap::new(),
        state.today(),
    );
    // The account's own agency first.
    lines.sort_by_key(|l| l.agency.id != me.user.agency_id);
    render(&ListPage {
        c: Chrome::admin("政府信息公开工作年度报告", &me),
        year,
        own: me.user.agency_id.0,
        lines,
        today: state.today().to_string(),
        writes: crate::reports::work::writes(me.user.role),
        oversee: agencies.len() > 1,
    })
}
