//! 政府信息公开目录 in the back office: the documents of the account's scope, latest change
//! first, filtered by status, words (标题, 文号, 索引号) and 成文日期's year, a page at a time.

use crate::auth::{CurrentUser, scopes};
use crate::documents::view::{self, STATUSES};
use crate::extract::Query;
use crate::page::{Chrome, render};
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_storage::Role;
use gongkai_storage::documents::{DocumentFilter, DocumentRow};
use serde::Deserialize;

/// Rows per page.
const PAGE: u64 = 30;

/// The filters as they come in the query string.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct Filters {
    /// A status key, or empty.
    pub status: String,
    /// Words in 标题, 文号 or 索引号.
    pub q: String,
    /// 成文日期's year, or empty.
    pub year: String,
    /// 规章 / 行政规范性文件 marker key, or empty (the drill-down of table 二).
    pub marker: String,
    /// Page, from 1.
    pub page: u64,
}

/// The list page.
#[derive(Template)]
#[template(path = "admin/documents.html")]
struct ListPage {
    c: Chrome,
    f: Filters,
    rows: Vec<(DocumentRow, String)>,
    total: u64,
    pages: u64,
    query: String,
    can_draft: bool,
    statuses: &'static [(&'static str, &'static str)],
}

/// GET /admin/documents
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(mut f): Query<Filters>,
) -> Result<Response, WebError> {
    f.page = f.page.max(1);
    let text = (!f.q.trim().is_empty()).then(|| f.q.trim().to_owned());
    let filter = DocumentFilter {
        statuses: STATUSES
            .iter()
            .filter(|(k, _)| *k == f.status)
            .map(|(k, _)| (*k).to_owned())
            .collect(),
        text,
        year: f.year.trim().parse().ok(),
        marker: gongkai_domain::disclosure::Marker::ALL
            .into_iter()
            .find(|m| gongkai_domain::choice::Choice::id(*m) == f.marker)
            .map(|m| gongkai_domain::choice::Choice::id(m).to_owned()),
    };
    let (mut rows, mut total) = (Vec::new(), 0);
    for scope in scopes(state.store.as_ref(), &me.user).await? {
        let (page, n) = state
            .store
            .documents(scope, &filter, (f.page - 1) * PAGE, PAGE)
            .await?;
        rows.extend(page);
        total += n;
    }
    let rows = rows
        .into_iter()
        .map(|r| {
            let label = view::status_label(&r.status).to_owned();
            (r, label)
        })
        .collect();
    let query = crate::cases::code::query_string(&[
        ("status", &f.status),
        ("q", &f.q),
        ("year", &f.year),
        ("marker", &f.marker),
    ]);
    render(&ListPage {
        c: Chrome::admin("主动公开", &me),
        f,
        rows,
        pages: total.div_ceil(PAGE).max(1),
        total,
        query,
        can_draft: me.user.role == Role::Clerk,
        statuses: &STATUSES,
    })
}
