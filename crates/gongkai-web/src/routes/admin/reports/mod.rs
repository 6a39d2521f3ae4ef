//! The annual report in the back office: the list of years and agencies with their deadlines
//! ([`list`]), one agency-year's editor with its live findings and workflow ([`edit`]), the
//! official-layout preview and downloads ([`preview`]), and the 政务公开办's view of a year
//! across the agencies below ([`oversee`]).

pub mod edit;
pub mod list;
pub mod oversee;
pub mod preview;

use crate::auth::scopes;
use crate::reports::oversight::{Line, Uploaded, last_year as last_year_of, lines, similar};
use crate::{AppState, WebError};
use gongkai_storage::{Agency, AgencyId, Scope, User};
use std::collections::HashMap;

/// The agencies whose reports `user` may read: its scopes (its own agency; the subtree for
/// 督查 and 系统管理员; the subtree also for a 公开办管理员, who supervises the agencies below,
/// 《条例》第三条).
pub async fn readable(state: &AppState, user: &User) -> Result<Vec<Scope>, WebError> {
    if user.role == gongkai_domain::account::Role::AgencyAdmin {
        return Ok(vec![Scope::subtree(user.agency_id)]);
    }
    scopes(state.store.as_ref(), user).await
}

/// Agency `id` if `user` may read its reports.
pub async fn agency(state: &AppState, user: &User, id: i64) -> Result<Agency, WebError> {
    for scope in readable(state, user).await? {
        if let Ok(a) = state.store.agency(scope, AgencyId(id)).await {
            return Ok(a);
        }
    }
    Err(WebError::NotFound("机关"))
}

/// The year asked for, or the one a report is usually being written in (last year), within
/// the years the platform knows.
pub fn year_or_default(state: &AppState, asked: Option<i32>) -> i32 {
    use chrono::Datelike;
    asked
        .unwrap_or_else(|| state.today().year() - 1)
        .clamp(2008, 2100)
}

/// A year of reports across `scopes`: every agency's line (with its depth in the tree, judged
/// against last year's published or uploaded report) and the reports uploaded for the year.
pub async fn year_of(
    state: &AppState,
    scopes: Vec<Scope>,
    year: i32,
) -> Result<(Vec<Line>, Vec<Uploaded>), WebError> {
    let mut agencies = Vec::new();
    let mut this_year = Vec::new();
    let mut last_year = Vec::new();
    let mut uploaded = Vec::new();
    let mut uploaded_last = Vec::new();
    for scope in scopes {
        let tree = state.store.agencies(scope).await?;
        let parents: HashMap<i64, Option<i64>> = tree
            .iter()
            .map(|a| (a.id.0, a.parent_id.map(|p| p.0)))
            .collect();
        for a in tree {
            let mut depth = 0;
            let mut at = a.parent_id.map(|p| p.0);
            while let Some(p) = at.filter(|p| parents.contains_key(p)) {
                depth += 1;
                at = parents.get(&p).copied().flatten();
            }
            agencies.push((a, depth));
        }
        this_year.extend(state.store.year_reports(scope, year).await?);
        last_year.extend(state.store.year_reports(scope, year - 1).await?);
        uploaded.extend(state.store.external_reports(scope, year).await?);
        uploaded_last.extend(state.store.external_reports(scope, year - 1).await?);
    }
    let last = last_year_of(&last_year, &uploaded_last);
    let mut lines = lines(
        &agencies,
        year,
        &this_year,
        &last,
        &HashMap::new(),
        state.today(),
    );
    let similar = similar(&mut lines, &uploaded);
    let uploaded = uploaded
        .into_iter()
        .zip(similar)
        .map(|(report, findings)| Uploaded { report, findings })
        .collect();
    Ok((lines, uploaded))
}
