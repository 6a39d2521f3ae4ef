//! 复议诉讼登记册: the proceedings of the account's scope, undecided first by answer deadline,
//! with 已逾期 and 即将到期 answers marked; filters by kind, state, due, application (by 申请编号
//! or from the case page) and a table-四 cell (the stats page's drill-down).

use crate::auth::{CurrentUser, scopes};
use crate::extract::Query;
use crate::page::{Chrome, render};
use crate::proceedings::{links, view};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_domain::appeal::ProceedingKind;
use gongkai_domain::choice::Choice;
use gongkai_domain::report::table4::Group;
use gongkai_storage::proceedings::{ProceedingFilter, StoredProceeding, outcome_from_key};
use gongkai_storage::{AgencyId, Scope};
use serde::Deserialize;

/// Rows per page.
const PAGE: u64 = 50;

/// The filters as they come in the query string.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct Filters {
    /// Kind id or empty.
    pub kind: String,
    /// `open`, `done` or empty.
    pub state: String,
    /// `soon` or `overdue`.
    pub due: String,
    /// A 申请编号 of the own agency.
    pub case: String,
    /// An application id (link from the case page).
    pub application: String,
    /// A table-四 cell: `year:group:outcome`.
    pub cell: String,
    /// Only this agency (drill-down from the stats page).
    pub agency: String,
    /// Page, from 1.
    pub page: u64,
}

/// One line as shown.
pub struct Line {
    /// The record.
    pub p: StoredProceeding,
    /// `overdue`, `soon` or empty.
    pub mark: &'static str,
}

/// The register page.
#[derive(Template)]
#[template(path = "admin/proceedings.html")]
struct ListPage {
    c: Chrome,
    f: Filters,
    kinds: Vec<(&'static str, &'static str)>,
    lines: Vec<Line>,
    total: u64,
    can_register: bool,
    notice: String,
    query: String,
    pages: u64,
    links: Vec<Option<u64>>,
}

/// A table-四 cell from `year:group:outcome`.
fn cell(
    s: &str,
) -> Option<(
    i32,
    Option<gongkai_domain::report::table4::Group>,
    gongkai_domain::report::table4::Outcome,
)> {
    let mut p = s.splitn(3, ':');
    let year = p.next()?.parse().ok()?;
    let group = Group::from_key(p.next()?)?;
    let outcome = outcome_from_key(p.next()?)?;
    Some((year, Some(group), outcome))
}

/// What the drill-down shows, in words.
fn cell_label(s: &str) -> String {
    let Some((year, Some(g), o)) = cell(s) else {
        return String::new();
    };
    let parent = g.def().parent.map_or(String::new(), |p| format!("{p}·"));
    format!("{year}年度表四：{parent}{} / {}", g.def().label, o.label())
}

/// The store filter for `f` (the case number resolved in the own agency).
async fn filter(
    state: &AppState,
    me: &CurrentUser,
    f: &Filters,
) -> Result<Option<ProceedingFilter>, WebError> {
    let today = state.today();
    let mut application = f.application.trim().parse().ok();
    if !f.case.trim().is_empty() {
        application = links::resolve(state, me.user.agency_id, f.case.trim()).await?;
        if application.is_none() {
            return Ok(None);
        }
    }
    Ok(Some(ProceedingFilter {
        kind: ProceedingKind::parse(&f.kind),
        open: match f.state.as_str() {
            "open" => Some(true),
            "done" => Some(false),
            _ => None,
        },
        due_by: match f.due.as_str() {
            "soon" => Some(view::soon_limit(&state.calendar(), today)),
            "overdue" => today.pred_opt(),
            _ => None,
        },
        application,
        cell: cell(&f.cell),
    }))
}

/// The scopes to list: the account's, or the one agency asked for if it lies inside them.
async fn list_scopes(
    state: &AppState,
    me: &CurrentUser,
    f: &Filters,
) -> Result<Vec<Scope>, WebError> {
    let mine = scopes(state.store.as_ref(), &me.user).await?;
    let Ok(want) = f.agency.trim().parse::<i64>() else {
        return Ok(mine);
    };
    for scope in &mine {
        if state.store.agency(*scope, AgencyId(want)).await.is_ok() {
            return Ok(vec![Scope::agency(AgencyId(want))]);
        }
    }
    Err(WebError::NotFound("机关"))
}

/// The filters as a query string (for page links), without the page.
fn query(f: &Filters) -> String {
    let pairs = [
        ("kind", &f.kind),
        ("state", &f.state),
        ("due", &f.due),
        ("case", &f.case),
        ("application", &f.application),
        ("cell", &f.cell),
        ("agency", &f.agency),
    ];
    crate::cases::code::query_string(&pairs)
}

/// GET /admin/proceedings
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(mut f): Query<Filters>,
) -> Result<Response, WebError> {
    f.page = f.page.max(1);
    let (mut lines, mut total) = (Vec::new(), 0);
    if let Some(filter) = filter(&state, &me, &f).await? {
        let (today, cal) = (state.today(), state.calendar());
        let soon = view::soon_limit(&cal, today);
        for scope in list_scopes(&state, &me, &f).await? {
            let (rows, n) = state
                .store
                .proceedings(scope, &filter, (f.page - 1) * PAGE, PAGE)
                .await?;
            total += n;
            lines.extend(rows.into_iter().map(|p| Line {
                mark: view::mark(p.due, today, soon),
                p,
            }));
        }
    }
    render(&ListPage {
        c: Chrome::admin("行政复议和行政诉讼", &me),
        notice: cell_label(&f.cell),
        query: query(&f),
        pages: total.div_ceil(PAGE).max(1),
        links: crate::page::page_links(f.page, total.div_ceil(PAGE).max(1)),
        f,
        kinds: view::kinds(),
        lines,
        total,
        can_register: me.user.role.can_handle_cases(),
    })
}
