//! 工作台: the landing page after login, with the 到期提醒 block: the open applications of the
//! account's scope that are 已逾期 or 即将到期, soonest deadline first, marked exactly as the
//! inbox marks them (one window, `cases::due_window`); and the 主动公开 block: the agency's
//! documents late or nearly late under 第二十六条 and those due for 第十八条 re-assessment.

use crate::AppState;
use crate::WebError;
use crate::auth::{CurrentUser, agency_names, scopes};
use crate::documents::due::{self as doc_due, DueDoc};
use crate::page::{Chrome, render};
use crate::routes::admin::cases::list::{self, Filters, Line};
use askama::Template;
use axum::extract::State;
use axum::response::Response;

/// How many due cases the block lists (the inbox link shows the rest).
const SHOWN: u64 = 20;

/// A due case and the name of its agency.
struct DueLine {
    l: Line,
    agency: String,
}

/// The 到期提醒 block.
struct DueBlock {
    /// Due cases, soonest deadline first (overdue ones come first by nature).
    lines: Vec<DueLine>,
    /// Whether the account sees more than one agency (then each line names its agency).
    many_agencies: bool,
    /// How many are 已逾期.
    overdue: u64,
    /// How many are 即将到期 (not yet overdue).
    soon: u64,
    /// Whether more are due than listed.
    more: bool,
}

/// The dashboard.
#[derive(Template)]
#[template(path = "admin/dashboard.html")]
struct DashboardPage {
    c: Chrome,
    agency: String,
    role: &'static str,
    due: DueBlock,
    /// Documents late or nearly late under 第二十六条.
    docs_late: Vec<DueDoc>,
    /// Documents due for their 第十八条 re-assessment.
    docs_reassess: Vec<DueDoc>,
    /// Last year's annual report: where it stands against its Art.49 deadline.
    report: crate::reports::oversight::Line,
    /// Days to that deadline (negative when past).
    report_days: i64,
    /// Its year.
    report_year: i32,
}

/// The due cases the account can see, and their counts (from the same query as the inbox).
async fn due_block(state: &AppState, me: &CurrentUser) -> Result<DueBlock, WebError> {
    let filters = |due: &str| Filters {
        state: "open".into(),
        due: due.into(),
        ..Filters::default()
    };
    let (rows, both) = list::rows(state, me, &filters("soon"), 0, SHOWN).await?;
    let (_, overdue) = list::rows(state, me, &filters("overdue"), 0, 0).await?;
    let window = crate::cases::due_window(state);
    let store = state.store.as_ref();
    let names = agency_names(store, &scopes(store, &me.user).await?).await?;
    let lines: Vec<DueLine> = rows
        .into_iter()
        .map(|row| DueLine {
            agency: names.get(&row.agency_id).cloned().unwrap_or_default(),
            l: Line {
                mark: list::mark(&window, &row),
                row,
            },
        })
        .collect();
    Ok(DueBlock {
        more: both > lines.len() as u64,
        lines,
        many_agencies: names.len() > 1,
        overdue,
        soon: both - overdue,
    })
}

/// GET /admin
pub async fn show(State(state): State<AppState>, me: CurrentUser) -> Result<Response, WebError> {
    let scope = gongkai_storage::Scope::agency(me.user.agency_id);
    let agency = state.store.agency(scope, me.user.agency_id).await?;
    let (docs_late, docs_reassess) = doc_due::of(&state, agency.id).await?;
    let year = chrono::Datelike::year(&state.today()) - 1;
    let versions = state.store.report_versions(agency.id, year).await?;
    let report = crate::reports::oversight::lines(
        &[(agency.clone(), 0)],
        year,
        &versions,
        &std::collections::HashMap::new(),
        &std::collections::HashMap::new(),
        state.today(),
    )
    .remove(0);
    let page = DashboardPage {
        report_year: year,
        report_days: gongkai_domain::annual::deadline::days_left(report.due, state.today()),
        report,
        docs_late,
        docs_reassess,
        c: Chrome::admin("工作台", &me),
        agency: agency.name,
        role: me.user.role.label(),
        due: due_block(&state, &me).await?,
    };
    render(&page)
}
