//! `/search?q=…`: full-text search across the platform's published documents, with the agency,
//! year, category and 有效性 filters as query parameters. The query is built by gongkai-search
//! from the words typed (no query syntax reaches tantivy), and every hit is checked against the
//! store before it is shown, so a document withdrawn a moment ago never appears while the index
//! catches up.

use crate::csrf::CsrfToken;
use crate::extract::Query;
use crate::page::{Chrome, render};
use crate::portal::listing::{self, Pager};
use crate::portal::view;
use crate::{AppState, WebError};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use gongkai_domain::disclosure::Scheme;
use gongkai_search::{Filters, SearchError, SearchRequest, Validity};
use gongkai_storage::Agency;
use serde::Deserialize;
use std::collections::HashSet;

/// Results on one page.
const PER_PAGE: usize = 10;

/// The query string, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// The words.
    pub q: String,
    /// An agency code.
    pub agency: String,
    /// A year (成文日期).
    pub year: String,
    /// A 主题分类 code.
    pub topic: String,
    /// A 体裁分类 code.
    pub genre: String,
    /// `valid`, `expired`, `repealed`.
    pub validity: String,
    /// The page, from 1.
    pub page: String,
}

impl SearchQuery {
    fn filters(&self) -> Filters {
        let f = listing::DocsQuery {
            topic: self.topic.clone(),
            genre: self.genre.clone(),
            validity: self.validity.clone(),
            ..listing::DocsQuery::default()
        }
        .filter(None);
        Filters {
            agency_code: Some(self.agency.trim().to_owned()).filter(|a| !a.is_empty()),
            year: listing::year(&self.year),
            topic: f.topic,
            genre: f.genre,
            validity: f.validity.as_deref().map(|v| match v {
                "expired" => Validity::Expired,
                "repealed" => Validity::Repealed,
                _ => Validity::Valid,
            }),
        }
    }

    fn page(&self) -> usize {
        self.page.trim().parse().unwrap_or(1).max(1)
    }

    fn without_page(&self) -> String {
        let pairs = [
            ("q", &self.q),
            ("agency", &self.agency),
            ("year", &self.year),
            ("topic", &self.topic),
            ("genre", &self.genre),
            ("validity", &self.validity),
        ];
        crate::cases::code::query_string(&pairs)
    }
}

/// One result as shown.
struct Line {
    href: String,
    agency: String,
    published_on: String,
    title_html: String,
    doc_no_html: String,
    snippet_html: String,
}

#[derive(Template)]
#[template(path = "public/search.html")]
struct SearchPage {
    c: Chrome,
    q: SearchQuery,
    agencies: Vec<Agency>,
    topics: Vec<(String, String)>,
    genres: Vec<(String, String)>,
    /// A message instead of results (empty query, bad query, no index).
    message: String,
    searched: bool,
    total: usize,
    /// False when more than `total` documents match (counting stops at the pageable depth).
    total_exact: bool,
    lines: Vec<Line>,
    pager: Pager,
}

/// GET /search
pub async fn page(
    State(state): State<AppState>,
    csrf: CsrfToken,
    Query(q): Query<SearchQuery>,
) -> Result<Response, WebError> {
    let agencies = state.store.all_agencies().await?;
    let mut page = SearchPage {
        c: Chrome::public("信息检索", &csrf.token),
        q,
        agencies,
        topics: view::Trees::shipped().top(Scheme::Topic),
        genres: view::Trees::shipped().top(Scheme::Genre),
        message: String::new(),
        searched: false,
        total: 0,
        total_exact: true,
        lines: Vec::new(),
        pager: Pager::default(),
    };
    let Some(index) = state.search.clone() else {
        page.message = "本平台暂未启用全文检索。".into();
        return render(&page);
    };
    if page.q.q.trim().is_empty() {
        page.message = "请输入要检索的词语，例如文件标题、文号或正文中的词语。".into();
        return render(&page);
    }
    let req = SearchRequest::new(page.q.q.clone())
        .with_filters(page.q.filters())
        .with_page(page.q.page(), PER_PAGE);
    let found = match index.search(&req) {
        Ok(found) => found,
        Err(
            e @ (SearchError::TooManyWords { .. }
            | SearchError::WordTooLong { .. }
            | SearchError::PageTooDeep { .. }),
        ) => {
            page.message = e.to_string();
            return render(&page);
        }
        Err(e) => {
            tracing::error!(error = %e, "search failed");
            return Err(WebError::Internal("search failed"));
        }
    };
    // The index may lag the store by a few seconds: show only what is public now.
    let ids: Vec<i64> = found.hits.iter().map(|h| h.id).collect();
    let public: HashSet<i64> = state
        .store
        .documents_by_ids(&ids)
        .await?
        .into_iter()
        .filter(|d| d.document.is_public())
        .map(|d| d.id)
        .collect();
    page.searched = true;
    page.total = found.total;
    page.total_exact = found.total_exact;
    let base = format!("/search?{}", page.q.without_page());
    page.pager = Pager::new(
        &base,
        page.q.page() as u64,
        found.total as u64,
        PER_PAGE as u64,
    );
    page.lines = found
        .hits
        .into_iter()
        .filter(|h| public.contains(&h.id))
        .map(|h| Line {
            href: view::href(&h.agency_code, h.id),
            agency: page
                .agencies
                .iter()
                .find(|a| a.code.as_str() == h.agency_code)
                .map_or_else(|| h.agency_code.clone(), |a| a.name.clone()),
            published_on: h.published_on.map(|d| d.to_string()).unwrap_or_default(),
            title_html: h.title_html,
            doc_no_html: h.doc_no_html,
            snippet_html: h.snippet_html,
        })
        .collect();
    render(&page)
}
