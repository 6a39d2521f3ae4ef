//! Table 三 live: the agency's year as the annual report will count it, computed from the stored
//! cases by the report's own rules (`application::tally`), every cell linking to the cases
//! behind it. Cases open on 31 December are 结转下年度, and next year's 上年结转. Table 四 follows,
//! from the stored proceedings (`crate::proceedings::table4`), and table 二's 规章 / 行政规范性文件
//! counts from the registry (`crate::documents::table2`).

use crate::auth::CurrentUser;
use crate::extract::Query;
use crate::page::{Chrome, render};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::Datelike;
use gongkai_domain::report::Format;
use gongkai_domain::report::table3::{COLUMNS, ROWS, Row};
use serde::Deserialize;

/// `?year=2026&agency=3`.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct StatsQuery {
    year: Option<i32>,
    agency: Option<i64>,
}

/// One row as shown.
pub struct RowView {
    /// Group label (（三）不予公开 …) or empty.
    pub group: String,
    /// The row's own label.
    pub label: String,
    /// Its key (for drill-down links).
    pub key: &'static str,
    /// The seven counts.
    pub cells: Vec<u64>,
}

/// The page.
#[derive(Template)]
#[template(path = "admin/stats.html")]
struct StatsPage {
    c: Chrome,
    agency: String,
    agencies: Vec<(i64, String)>,
    agency_id: i64,
    year: i32,
    format: &'static str,
    columns: Vec<(&'static str, &'static str)>,
    rows: Vec<RowView>,
    holds: bool,
    t4: crate::proceedings::table4::Table4View,
    t2: Option<crate::documents::table2::Table2View>,
}

/// GET /admin/stats
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<StatsQuery>,
) -> Result<Response, WebError> {
    let mut visible = Vec::new();
    for scope in crate::auth::scopes(state.store.as_ref(), &me.user).await? {
        visible.extend(state.store.agencies(scope).await?);
    }
    let want = q.agency.unwrap_or(me.user.agency_id.0);
    let agency = visible
        .iter()
        .find(|a| a.id.0 == want)
        .cloned()
        .ok_or(WebError::NotFound("机关"))?;
    let year = q
        .year
        .unwrap_or_else(|| state.today().year())
        .clamp(2008, 2100);
    let format = Format::for_year(year);
    let table = crate::reports::compile::table3_counts(&state, agency.id, year).await?;
    let rows = ROWS
        .iter()
        .filter(|d| d.formats.contains(format))
        .map(|d| RowView {
            group: d.group.unwrap_or_default().to_owned(),
            label: d.label.to_owned(),
            key: d.key,
            cells: COLUMNS.iter().map(|c| table.get(d.row, c.column)).collect(),
        })
        .collect();
    // T3-01 per column: 一 + 二 = （七）总计 + 四 (true by construction; shown, not assumed).
    let holds = COLUMNS.iter().all(|c| {
        let g = |r| table.get(r, c.column);
        g(Row::NewReceived) + g(Row::CarriedOver) == g(Row::Total) + g(Row::CarriedForward)
    });
    render(&StatsPage {
        c: Chrome::admin("表三：收到和处理政府信息公开申请情况", &me),
        agency: agency.name.clone(),
        agencies: visible.iter().map(|a| (a.id.0, a.name.clone())).collect(),
        agency_id: agency.id.0,
        year,
        format: format.notice(),
        columns: COLUMNS.iter().map(|c| (c.key, c.label)).collect(),
        rows,
        holds,
        t4: crate::proceedings::table4::compute(&state, agency.id, year).await?,
        t2: crate::documents::table2::compute(&state, agency.id, year).await?,
    })
}
