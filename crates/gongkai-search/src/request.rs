//! A search as the caller asks it and the page of results it gets back.

use chrono::NaiveDate;

use crate::document::Validity;

/// Filters; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only this agency's documents (its code).
    pub agency_code: Option<String>,
    /// Only this year.
    pub year: Option<i32>,
    /// Only this 主题分类 or its sub-categories.
    pub topic: Option<String>,
    /// Only this 体裁分类 or its sub-categories.
    pub genre: Option<String>,
    /// Only this 有效性.
    pub validity: Option<Validity>,
}

/// The order of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first (the default). A query without words is always newest first.
    #[default]
    Relevance,
    /// Latest 发布日期 first.
    Newest,
}

/// A search: the words typed, filters, order and page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// What the user typed. Words separated by spaces or 「，、；」 must all occur (as
    /// substrings, like 「包含」); an empty text lists every document that passes the filters.
    pub text: String,
    /// Filters.
    pub filters: Filters,
    /// Order.
    pub sort: Sort,
    /// The page, from 1.
    pub page: usize,
    /// Results per page (clamped to 1..=[`MAX_PER_PAGE`]).
    pub per_page: usize,
}

/// The most results on one page.
pub const MAX_PER_PAGE: usize = 100;

/// How many results can be paged through (100 pages of 10): nobody reads further, and the total
/// is counted only this far ([`crate::COUNT_LIMIT`]).
pub const MAX_DEPTH: usize = 1_000;

impl SearchRequest {
    /// The first page of 10 results for `text`, no filters, best match first.
    pub fn new(text: impl Into<String>) -> SearchRequest {
        SearchRequest {
            text: text.into(),
            filters: Filters::default(),
            sort: Sort::Relevance,
            page: 1,
            per_page: 10,
        }
    }

    /// The same request with these filters.
    pub fn with_filters(mut self, filters: Filters) -> SearchRequest {
        self.filters = filters;
        self
    }

    /// The same request for another page.
    pub fn with_page(mut self, page: usize, per_page: usize) -> SearchRequest {
        self.page = page;
        self.per_page = per_page;
        self
    }

    /// `(offset, limit)` of the page, checked against [`MAX_DEPTH`].
    pub(crate) fn window(&self) -> Option<(usize, usize)> {
        let limit = self.per_page.clamp(1, MAX_PER_PAGE);
        let offset = self.page.max(1).checked_sub(1)?.checked_mul(limit)?;
        (offset + limit <= MAX_DEPTH).then_some((offset, limit))
    }
}

/// One result. The `*_html` fields are HTML-escaped text with `<mark>` around the words found:
/// safe to insert into a page as they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The store's document id.
    pub id: i64,
    /// The relevance score (0 when sorted by date).
    pub score: f32,
    /// The publishing agency's code.
    pub agency_code: String,
    /// 发布日期.
    pub published_on: Option<NaiveDate>,
    /// 标题, highlighted.
    pub title_html: String,
    /// 文号, highlighted; empty when none.
    pub doc_no_html: String,
    /// A passage of the 内容概述, body or attachments around the words found, highlighted.
    pub snippet_html: String,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPage {
    /// How many documents match: the exact number when [`SearchPage::total_exact`], otherwise
    /// [`crate::COUNT_LIMIT`], and more than that many match (shown as “超过 1,000 条”).
    pub total: usize,
    /// Whether [`SearchPage::total`] is exact. Counting by relevance stops once more than
    /// [`crate::COUNT_LIMIT`] matches are found; a search sorted by date (which visits every
    /// match anyway), and one word that is one bigram in an index without deleted documents
    /// (read from its document frequency), are counted exactly at any size.
    pub total_exact: bool,
    /// This page's number, from 1.
    pub page: usize,
    /// Results per page.
    pub per_page: usize,
    /// The results on this page.
    pub hits: Vec<Hit>,
}

/// The ids on a page of results, without stored text ([`crate::SearchIndex::search_ids`]).
#[derive(Debug, Clone, PartialEq)]
pub struct IdPage {
    /// How many documents match, as [`SearchPage::total`].
    pub total: usize,
    /// Whether `total` is exact, as [`SearchPage::total_exact`].
    pub total_exact: bool,
    /// The store's document ids on this page with their scores, best first.
    pub ids: Vec<(i64, f32)>,
}

impl SearchPage {
    /// How many pages the results fill (within [`MAX_DEPTH`]).
    pub fn pages(&self) -> usize {
        self.total.min(MAX_DEPTH).div_ceil(self.per_page.max(1))
    }
}
