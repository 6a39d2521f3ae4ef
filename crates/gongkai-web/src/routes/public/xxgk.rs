//! The agency's 政府信息公开专栏 (`/xxgk/{code}/…`, `REPORT_JSON.md` §4): the home with its four
//! columns and the 依申请公开 entry, the 指南, the 制度, the 年报 list, the documents of
//! 法定主动公开内容 with filters and pages, one document, and its attachments.

use crate::extract::{Path, Query};
use crate::page::{Chrome, render};
use crate::portal::columns::{self, Columns};
use crate::portal::guide::{self, Guide};
use crate::portal::listing::{DocsQuery, PER_PAGE, Pager};
use crate::portal::view::{self, Detail, Row};
use crate::routes::public::files::attachment_response;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_domain::disclosure::Scheme;
use gongkai_storage::Agency;
use gongkai_storage::documents::PublicFilter;

#[derive(Template)]
#[template(path = "public/xxgk_home.html")]
struct HomePage {
    c: Chrome,
    tab: &'static str,
    agency: Agency,
    columns: Columns,
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "public/xxgk_guide.html")]
struct GuidePage {
    c: Chrome,
    tab: &'static str,
    agency: Agency,
    guide: Guide,
}

#[derive(Template)]
#[template(path = "public/xxgk_rules.html")]
struct RulesPage {
    c: Chrome,
    tab: &'static str,
    agency: Agency,
}

/// A published report as the list shows it.
pub struct Listed {
    /// The reporting year.
    pub year: i32,
    /// The title.
    pub title: String,
    /// When it was published.
    pub published_on: String,
    /// The 更正说明 of a corrected report.
    pub correction: Option<String>,
}

#[derive(Template)]
#[template(path = "public/xxgk_reports.html")]
struct ReportsPage {
    c: Chrome,
    tab: &'static str,
    agency: Agency,
    reports: Vec<Listed>,
}

#[derive(Template)]
#[template(path = "public/xxgk_report.html")]
struct ReportPage {
    c: Chrome,
    tab: &'static str,
    agency: Agency,
    listed: Listed,
    body: String,
}

#[derive(Template)]
#[template(path = "public/xxgk_docs.html")]
struct DocsPage {
    c: Chrome,
    tab: &'static str,
    agency: Agency,
    columns: Columns,
    q: DocsQuery,
    heading: String,
    rows: Vec<Row>,
    total: u64,
    pager: Pager,
    topics: Vec<(String, String)>,
    genres: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "public/xxgk_doc.html")]
struct DocPage {
    c: Chrome,
    tab: &'static str,
    agency: Agency,
    d: Detail,
    policy: Option<String>,
    /// The public 政策解读 of this document: page, title.
    readings: Vec<(String, String)>,
}

/// The chrome of a 专栏 page. These pages hold no form that posts (search is a GET), so they
/// carry no CSRF token and set no cookie: they are the same bytes for everyone
/// (`portal::cache`).
fn chrome(title: &str, agency: &Agency) -> Chrome {
    Chrome::public(&format!("{title} - {}", agency.name), "")
}

/// GET /xxgk/{code}/
pub async fn home(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let agency = state.store.agency_by_code(&code).await?;
    let filter = PublicFilter {
        agency: Some(agency.id),
        ..PublicFilter::default()
    };
    let (docs, _) = state.store.public_documents(&filter, 0, 8).await?;
    render(&HomePage {
        c: chrome("政府信息公开", &agency),
        tab: "home",
        columns: columns::of(state.store.as_ref(), &agency).await?,
        rows: docs.iter().filter_map(|d| view::row(&code, d)).collect(),
        agency,
    })
}

/// GET /xxgk/{code}/guide
pub async fn guide(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let agency = state.store.agency_by_code(&code).await?;
    let (profile, _) = state.store.profile(agency.id).await?;
    render(&GuidePage {
        c: chrome("政府信息公开指南", &agency),
        tab: "guide",
        guide: guide::of(&agency, &profile),
        agency,
    })
}

/// GET /xxgk/{code}/rules
pub async fn rules(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let agency = state.store.agency_by_code(&code).await?;
    render(&RulesPage {
        c: chrome("政府信息公开制度", &agency),
        tab: "rules",
        agency,
    })
}

/// GET /xxgk/{code}/reports
pub async fn reports(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, WebError> {
    let agency = state.store.agency_by_code(&code).await?;
    let reports = state
        .store
        .published_reports(agency.id)
        .await?
        .iter()
        .map(|r| listed(&agency, r))
        .collect();
    render(&ReportsPage {
        c: chrome("政府信息公开工作年度报告", &agency),
        tab: "reports",
        agency,
        reports,
    })
}

fn listed(agency: &Agency, r: &gongkai_storage::reports::StoredReport) -> Listed {
    Listed {
        year: r.record.year,
        title: format!("{}{}年政府信息公开工作年度报告", agency.name, r.record.year),
        published_on: r.published_on.map(|d| d.to_string()).unwrap_or_default(),
        correction: r.record.correction_note.clone(),
    }
}

/// GET /xxgk/{code}/reports/{file}: `{year}` (the page in the official layout) or
/// `{year}.pdf`, `{year}.docx`, `{year}.xlsx`. Only the published version is ever served.
pub async fn report(
    State(state): State<AppState>,
    Path((code, file)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (stem, ext) = match file.split_once('.') {
        Some((s, e)) => (s, Some(e)),
        None => (file.as_str(), None),
    };
    let year: i32 = stem.parse().map_err(|_| WebError::NotFound("年度报告"))?;
    let target = crate::routes::admin::reports::preview::target_of(ext)
        .ok_or(WebError::NotFound("年度报告"))?;
    let agency = state.store.agency_by_code(&code).await?;
    let published = state
        .store
        .published_reports(agency.id)
        .await?
        .into_iter()
        .find(|r| r.record.year == year)
        .ok_or(WebError::NotFound("年度报告"))?;
    let report = gongkai_domain::report::AnnualReport::from_json_str(&published.compiled.json)
        .map_err(|_| WebError::Internal("stored report does not read"))?;
    if ext.is_some() {
        return crate::routes::admin::reports::preview::rendered(&report, target, &report.title());
    }
    let page = gongkai_export::render_html(&report, &gongkai_export::HtmlOptions::default());
    let body = match (page.find("<main"), page.rfind("</main>")) {
        // An <article> inside the page's own <main> (one main landmark per page).
        (Some(a), Some(b)) => format!("<article{}</article>", &page[a + "<main".len()..b]),
        _ => return Err(WebError::Internal("report html has no main")),
    };
    let mut c = chrome(&report.title(), &agency);
    c.extra_css = Some(crate::assets::report_css_url());
    render(&ReportPage {
        c,
        tab: "reports",
        listed: listed(&agency, &published),
        agency,
        body,
    })
}

/// GET /xxgk/{code}/docs?item=&topic=&genre=&year=&validity=&page=
pub async fn docs(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<DocsQuery>,
) -> Result<Response, WebError> {
    let agency = state.store.agency_by_code(&code).await?;
    let page = q.page();
    let (docs, total) = state
        .store
        .public_documents(&q.filter(Some(agency.id)), (page - 1) * PER_PAGE, PER_PAGE)
        .await?;
    let heading = q
        .item()
        .map_or_else(|| "法定主动公开内容".to_owned(), |i| i.label().to_owned());
    let base = format!("/xxgk/{code}/docs?{}", q.without_page());
    let trees = view::Trees::of(state.store.as_ref(), agency.id).await?;
    render(&DocsPage {
        c: chrome(&heading, &agency),
        tab: "docs",
        columns: columns::of(state.store.as_ref(), &agency).await?,
        rows: docs.iter().filter_map(|d| view::row(&code, d)).collect(),
        pager: Pager::new(base.trim_end_matches('?'), page, total, PER_PAGE),
        total,
        heading,
        q,
        agency,
        topics: trees.top(Scheme::Topic),
        genres: trees.top(Scheme::Genre),
    })
}

/// GET /xxgk/{code}/docs/{id}
pub async fn doc(
    State(state): State<AppState>,
    Path((code, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let agency = state.store.agency_by_code(&code).await?;
    let stored = state.store.public_document(agency.id, id).await?;
    let trees = view::Trees::of(state.store.as_ref(), agency.id).await?;
    let d = view::detail(&code, &stored, &trees).ok_or(WebError::NotFound("文件"))?;
    // The policy a 政策解读 interprets, if it is public (an interpretation may outlive it).
    let policy = match &d.interprets {
        Some(index) => state
            .store
            .public_document_by_index(agency.id, index)
            .await
            .ok()
            .map(|p| view::href(&code, p.id)),
        None => None,
    };
    let readings = state
        .store
        .public_interpretations(agency.id, stored.document.index_no.as_str())
        .await?
        .iter()
        .filter_map(|r| view::row(&code, r))
        .map(|r| (r.href, r.title))
        .collect();
    render(&DocPage {
        c: chrome(&d.title, &agency),
        tab: "docs",
        agency,
        d,
        policy,
        readings,
    })
}

/// GET /xxgk/{code}/docs/{id}/files/{file}
pub async fn file(
    State(state): State<AppState>,
    Path((code, id, file)): Path<(String, i64, i64)>,
) -> Result<Response, WebError> {
    let agency = state.store.agency_by_code(&code).await?;
    let (meta, bytes) = state
        .store
        .public_document_file(agency.id, id, file)
        .await?;
    Ok(attachment_response(
        &meta.file_name,
        &meta.media_type,
        bytes,
    ))
}

/// GET /xxgk/{code}: the 专栏's address without its slash.
pub async fn bare(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<axum::response::Redirect, WebError> {
    let agency = state.store.agency_by_code(&code).await?;
    Ok(axum::response::Redirect::permanent(&format!(
        "/xxgk/{}/",
        agency.code.as_str()
    )))
}
