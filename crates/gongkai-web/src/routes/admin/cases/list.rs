//! 收件箱: the cases of the account's scope, open ones first by due date, with 即将到期 (≤ 5
//! working days) and 已逾期 marked; filters by status, channel, outcome, applicant, dates,
//! 查询码 or 登记编号, and a table-三 cell; XLSX export of the same selection.

use crate::auth::{CurrentUser, scopes};
use crate::cases::view;
use crate::extract::Query;
use crate::page::{Chrome, render};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use gongkai_domain::reminder::{DueWindow, Urgency};
use gongkai_storage::cases::{CaseFilter, CaseRow, CellRow};
use serde::Deserialize;

/// Rows per page.
const PAGE: u64 = 50;

/// The filters as they come in the query string.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct Filters {
    /// `open`, `done` or empty.
    pub state: String,
    /// Status key.
    pub status: String,
    /// Channel id.
    pub channel: String,
    /// Outcome row key.
    pub outcome: String,
    /// Part of the applicant's name.
    pub applicant: String,
    /// Received from (YYYY-MM-DD).
    pub from: String,
    /// Received to.
    pub to: String,
    /// 查询码 or 登记编号.
    pub code: String,
    /// `soon` or `overdue`.
    pub due: String,
    /// A table-三 cell: `year:row:column` (column `total` for 总计).
    pub cell: String,
    /// Page, from 1.
    pub page: u64,
}

/// One line as shown.
pub struct Line {
    /// The row.
    pub row: CaseRow,
    /// `overdue`, `soon` or empty.
    pub mark: &'static str,
}

/// The inbox page.
#[derive(Template)]
#[template(path = "admin/cases.html")]
struct ListPage {
    c: Chrome,
    f: Filters,
    lines: Vec<Line>,
    total: u64,
    pages: u64,
    links: Vec<Option<u64>>,
    can_register: bool,
    query: String,
    cell_label: String,
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// A table-三 cell from `year:row:column`.
pub fn cell(s: &str) -> Option<(i32, CellRow, Option<String>)> {
    let mut p = s.splitn(3, ':');
    let year: i32 = p.next()?.parse().ok()?;
    let row = match p.next()? {
        "new_received" => CellRow::Received,
        "carried_over" => CellRow::CarriedOver,
        "total" => CellRow::Concluded,
        "carried_forward" => CellRow::CarriedForward,
        key => CellRow::Outcome(key.to_owned()),
    };
    let col = p.next().filter(|c| *c != "total").map(str::to_owned);
    Some((year, row, col))
}

/// The store filter for `f`, given today and the calendar.
fn filter(state: &AppState, f: &Filters) -> CaseFilter {
    let window = crate::cases::due_window(state);
    let text = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    CaseFilter {
        open: match f.state.as_str() {
            "open" => Some(true),
            "done" => Some(false),
            _ => None,
        },
        status: text(&f.status),
        channel: text(&f.channel),
        outcome: text(&f.outcome),
        applicant: text(&f.applicant),
        received_from: date(&f.from),
        received_to: date(&f.to),
        code: text(&f.code).map(|c| {
            if c.contains('-') && c.len() > 12 {
                crate::cases::code::normalize(&c)
            } else {
                c
            }
        }),
        due_by: match f.due.as_str() {
            "soon" => Some(window.soon_until),
            "overdue" => window.overdue_until(),
            _ => None,
        },
        assignee: None,
        cell: cell(&f.cell),
    }
}

/// The inbox mark of a row (`overdue`, `soon` or empty), also used by the dashboard.
pub fn mark(window: &DueWindow, r: &CaseRow) -> &'static str {
    match r.due.on.filter(|_| r.open).and_then(|d| window.urgency(d)) {
        Some(Urgency::Overdue) => "overdue",
        Some(Urgency::DueSoon) => "soon",
        None => "",
    }
}

/// The rows of `f` in the account's scopes, a page at a time.
pub async fn rows(
    state: &AppState,
    me: &CurrentUser,
    f: &Filters,
    offset: u64,
    limit: u64,
) -> Result<(Vec<CaseRow>, u64), WebError> {
    let store_filter = filter(state, f);
    let mut all = Vec::new();
    let mut total = 0;
    for scope in scopes(state.store.as_ref(), &me.user).await? {
        let (rows, n) = state
            .store
            .applications(scope, &store_filter, offset, limit)
            .await?;
        all.extend(rows);
        total += n;
    }
    Ok((all, total))
}

fn cell_label(f: &Filters) -> String {
    let Some((year, row, col)) = cell(&f.cell) else {
        return String::new();
    };
    let row = match row {
        CellRow::Received => "一、本年新收".to_owned(),
        CellRow::CarriedOver => "二、上年结转".to_owned(),
        CellRow::Concluded => "（七）总计".to_owned(),
        CellRow::CarriedForward => "四、结转下年度继续办理".to_owned(),
        CellRow::Outcome(k) => view::outcome_label(&k),
    };
    let col = col.as_deref().map_or("总计", view::applicant_type_label);
    format!("{year}年度表三：{row} / {col}")
}

/// GET /admin/cases
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(mut f): Query<Filters>,
) -> Result<Response, WebError> {
    f.page = f.page.max(1);
    let (rows, total) = rows(&state, &me, &f, (f.page - 1) * PAGE, PAGE).await?;
    let window = crate::cases::due_window(&state);
    let lines = rows
        .into_iter()
        .map(|row| Line {
            mark: mark(&window, &row),
            row,
        })
        .collect();
    let query = serde_urlencoded_query(&f);
    let pages = total.div_ceil(PAGE).max(1);
    let links = crate::page::page_links(f.page, pages);
    render(&ListPage {
        c: Chrome::admin("依申请公开", &me),
        cell_label: cell_label(&f),
        f,
        lines,
        total,
        pages,
        links,
        can_register: me.user.role.can_handle_cases(),
        query,
    })
}

/// The filters as a query string (for page links and the export link), without the page.
fn serde_urlencoded_query(f: &Filters) -> String {
    let pairs = [
        ("state", &f.state),
        ("status", &f.status),
        ("channel", &f.channel),
        ("outcome", &f.outcome),
        ("applicant", &f.applicant),
        ("from", &f.from),
        ("to", &f.to),
        ("code", &f.code),
        ("due", &f.due),
        ("cell", &f.cell),
    ];
    crate::cases::code::query_string(&pairs)
}

/// GET /admin/cases.xlsx: the same selection as a workbook.
pub async fn export(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(f): Query<Filters>,
) -> Result<Response, WebError> {
    let (rows, _) = rows(&state, &me, &f, 0, 100_000).await?;
    let bytes = tokio::task::spawn_blocking(move || workbook(&rows)).await??;
    let headers = [
        (
            header::CONTENT_TYPE,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            header::CONTENT_DISPOSITION,
            "attachment; filename*=UTF-8''%E4%BE%9D%E7%94%B3%E8%AF%B7%E5%85%AC%E5%BC%80.xlsx",
        ),
    ];
    Ok((headers, bytes).into_response())
}

fn workbook(rows: &[CaseRow]) -> Result<Vec<u8>, WebError> {
    use rust_xlsxwriter::Workbook;
    let fail = |_| WebError::Internal("xlsx export failed");
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet().set_name("依申请公开").map_err(fail)?;
    let head = [
        "登记编号",
        "申请人",
        "申请人类型",
        "申请内容",
        "渠道",
        "收到申请之日",
        "答复期限",
        "暂定",
        "状态",
        "办结日期",
        "办理结果",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(fail)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let cells = [
            r.number.clone(),
            r.applicant_name.clone(),
            view::applicant_type_label(&r.applicant_type).to_owned(),
            r.request_summary.clone(),
            view::channel_label(&r.channel).to_owned(),
            r.received_on.to_string(),
            r.due.on.map_or(String::new(), |d| d.to_string()),
            if r.due.provisional {
                "是".to_owned()
            } else {
                String::new()
            },
            view::status_label(&r.status).to_owned(),
            r.concluded_on.map_or(String::new(), |d| d.to_string()),
            r.outcome
                .as_deref()
                .map_or(String::new(), view::outcome_label),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(row, c as u16, v).map_err(fail)?;
        }
    }
    wb.save_to_buffer().map_err(fail)
}
