//! The supervisor's view (政务公开办, 《条例》第三条): a year's reports of every agency below, with
//! status and deadline (D-01), findings, year-over-year rules (Y-01…Y-03), 雷同 (SIM-01) and the
//! roll-up of each government against its children (H-01); a chart of the year drawn as SVG by
//! gongkai; the same lines as an XLSX workbook.

use super::default_year;
use super::list::YearQuery;
use crate::auth::CurrentUser;
use crate::extract::Query;
use crate::page::{Chrome, render};
use crate::reports::oversight::{Line, Standing, lines, rollups as rollups_of};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use gongkai_domain::account::Role;
use gongkai_domain::report::Finding;
use gongkai_storage::Scope;
use std::collections::HashMap;

/// One government's roll-up.
pub struct Rollup {
    /// The government.
    pub name: String,
    /// How many children's reports were summed.
    pub children: usize,
    /// H-01 findings (cells where the parent differs from the sum).
    pub findings: Vec<Finding>,
}

#[derive(Template)]
#[template(path = "admin/oversight.html")]
struct OversightPage {
    c: Chrome,
    year: i32,
    lines: Vec<Line>,
    counts: Vec<(&'static str, &'static str, usize)>,
    chart: String,
    rollups: Vec<Rollup>,
}

struct Year {
    lines: Vec<Line>,
}

async fn year_of(state: &AppState, me: &CurrentUser, year: i32) -> Result<Year, WebError> {
    let roots: Vec<Scope> = match me.user.role {
        Role::SystemAdmin => crate::auth::scopes(state.store.as_ref(), &me.user).await?,
        Role::Inspector | Role::AgencyAdmin => vec![Scope::subtree(me.user.agency_id)],
        _ => return Err(WebError::Forbidden),
    };
    let mut agencies = Vec::new();
    let mut this_year = Vec::new();
    let mut last_year = Vec::new();
    for scope in roots {
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
    }
    let lines = lines(
        &agencies,
        year,
        &this_year,
        &last_year,
        &HashMap::new(),
        state.today(),
    );
    Ok(Year { lines })
}

const STANDINGS: [Standing; 5] = [
    Standing::Published,
    Standing::Submitted,
    Standing::Draft,
    Standing::NotStarted,
    Standing::Late,
];

fn bar_colour(s: Standing) -> &'static str {
    match s {
        Standing::Published => "#2e7d32",
        Standing::Submitted => "#1565c0",
        Standing::Draft => "#8d6e63",
        Standing::NotStarted => "#9e9e9e",
        Standing::Late => "#c62828",
    }
}

/// A horizontal bar chart of how many agencies stand where (labels and numbers only; nothing
/// user-typed goes into the SVG).
fn chart(counts: &[(&'static str, &'static str, usize)]) -> String {
    let max = counts.iter().map(|c| c.2).max().unwrap_or(0).max(1);
    let row = 28;
    let height = row * counts.len() + 8;
    let mut svg = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"各状态机关数量\" viewBox=\"0 0 480 {height}\" width=\"480\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (i, (label, colour, n)) in counts.iter().enumerate() {
        let y = i * row + 4;
        let w = 300 * n / max;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"14\">{label}</text><rect x=\"70\" y=\"{y}\" width=\"{w}\" height=\"20\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" font-size=\"14\">{n}</text>",
            y + 15,
            78 + w,
            y + 15
        ));
    }
    svg.push_str("</svg>");
    svg
}

fn rollups(y: &Year) -> Vec<Rollup> {
    rollups_of(&y.lines)
        .into_iter()
        .map(|(i, findings, children)| Rollup {
            name: y.lines[i].agency.name.clone(),
            children,
            findings,
        })
        .collect()
}

/// GET /admin/oversight?year=
pub async fn show(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    let year = q
        .year
        .unwrap_or_else(|| default_year(&state))
        .clamp(2008, 2100);
    let y = year_of(&state, &me, year).await?;
    let counts: Vec<_> = STANDINGS
        .iter()
        .map(|s| {
            (
                s.label(),
                bar_colour(*s),
                y.lines.iter().filter(|l| l.standing == *s).count(),
            )
        })
        .collect();
    render(&OversightPage {
        c: Chrome::admin("年度报告督查", &me),
        year,
        chart: chart(&counts),
        counts,
        rollups: rollups(&y),
        lines: y.lines,
    })
}

/// GET /admin/oversight.xlsx?year=
pub async fn export(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<YearQuery>,
) -> Result<Response, WebError> {
    use rust_xlsxwriter::Workbook;
    let year = q
        .year
        .unwrap_or_else(|| default_year(&state))
        .clamp(2008, 2100);
    let y = year_of(&state, &me, year).await?;
    let fail = |_| WebError::Internal("xlsx export failed");
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    let head = [
        "机关",
        "机关代码",
        "状态",
        "发布期限",
        "发布日期",
        "错误",
        "提示",
        "跨年与雷同检查",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(fail)?;
    }
    for (i, l) in y.lines.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let checks: Vec<String> = l
            .findings
            .iter()
            .map(|f| format!("{} {}", f.rule, f.message))
            .collect();
        sheet.write_string(r, 0, &l.agency.name).map_err(fail)?;
        sheet
            .write_string(r, 1, l.agency.code.as_str())
            .map_err(fail)?;
        sheet.write_string(r, 2, l.standing.label()).map_err(fail)?;
        sheet.write_string(r, 3, l.due.to_string()).map_err(fail)?;
        sheet
            .write_string(
                r,
                4,
                l.published_on.map(|d| d.to_string()).unwrap_or_default(),
            )
            .map_err(fail)?;
        sheet
            .write_number(r, 5, f64::from(l.errors))
            .map_err(fail)?;
        sheet
            .write_number(r, 6, f64::from(l.warnings))
            .map_err(fail)?;
        sheet.write_string(r, 7, checks.join("\n")).map_err(fail)?;
    }
    let bytes = wb.save_to_buffer().map_err(fail)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"oversight-{year}.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
