//! `/feed.atom` (newest published documents, of the platform or `?agency=code`) and
//! `/sitemap.xml` (every public page). URLs are absolute: from the `base_url` setting, or the
//! request's host when none is set.

use crate::extract::Query;
use crate::portal::view::href;
use crate::portal::xml::{self, Entry};
use crate::{AppState, WebError};
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use gongkai_storage::documents::PublicFilter;
use gongkai_storage::{Agency, AgencyId};
use serde::Deserialize;
use std::collections::HashMap;

/// Entries in the feed.
const FEED_ENTRIES: u64 = 50;
/// The sitemap protocol's limit of URLs in one file.
const SITEMAP_URLS: usize = 50_000;
/// Documents read from the store at a time for the sitemap.
const BATCH: u64 = 1_000;

/// The absolute root of the site, without a trailing slash.
fn base(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(b) = &state.config.base_url {
        return b.trim_end_matches('/').to_owned();
    }
    // Only a well-formed host name makes it into the URLs; anything else is not trusted.
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

fn codes(agencies: &[Agency]) -> HashMap<AgencyId, String> {
    agencies
        .iter()
        .map(|a| (a.id, a.code.as_str().to_owned()))
        .collect()
}

/// `?agency=code`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FeedQuery {
    agency: String,
}

/// GET /feed.atom
pub async fn feed(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<FeedQuery>,
) -> Result<Response, WebError> {
    let root = base(&state, &headers);
    let (agency, title, home, self_url) = if q.agency.is_empty() {
        let title = "政府信息公开平台：最新公开".to_owned();
        (None, title, format!("{root}/"), format!("{root}/feed.atom"))
    } else {
        let a = state.store.agency_by_code(&q.agency).await?;
        let code = a.code.as_str();
        let home = format!("{root}/xxgk/{code}/");
        let self_url = format!("{root}/feed.atom?agency={code}");
        (Some(a.id), format!("{}：最新公开", a.name), home, self_url)
    };
    let filter = PublicFilter {
        agency,
        ..PublicFilter::default()
    };
    let (docs, _) = state
        .store
        .public_documents(&filter, 0, FEED_ENTRIES)
        .await?;
    let codes = codes(&state.store.all_agencies().await?);
    let entries: Vec<Entry> = docs
        .iter()
        .filter_map(|d| {
            let v = d.document.public_view()?;
            let code = codes.get(&d.agency_id)?;
            Some(Entry {
                url: format!("{root}{}", href(code, d.id)),
                title: v.content.title.clone(),
                publisher: v.content.publisher.clone(),
                summary: v.content.summary.clone(),
                published: v.first_published_on,
                updated: v.updated_on,
            })
        })
        .collect();
    let body = xml::atom(&title, &self_url, &home, &entries);
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        body,
    )
        .into_response())
}

/// `?part=N` of a sitemap split in parts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SitemapQuery {
    part: Option<u64>,
}

/// How many parts `total` URLs make at `limit` a file (at least one).
fn parts(total: u64, limit: u64) -> u64 {
    total.div_ceil(limit).max(1)
}

/// The URLs of part `part` (from 1): its range of the fixed pages, then the offset and count of
/// the documents that follow them in the whole list.
fn window(part: u64, fixed: u64, limit: u64) -> (std::ops::Range<u64>, u64, u64) {
    let start = (part - 1) * limit;
    let end = start + limit;
    let pages = start.min(fixed)..end.min(fixed);
    let doc_offset = start.saturating_sub(fixed);
    (pages.clone(), doc_offset, limit - (pages.end - pages.start))
}

/// GET /sitemap.xml: every public page in one file while they fit the protocol's 50,000 URLs;
/// past that, a sitemap index of `/sitemap.xml?part=N`.
pub async fn sitemap(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<SitemapQuery>,
) -> Result<Response, WebError> {
    let root = base(&state, &headers);
    let agencies = state.store.all_agencies().await?;
    let mut fixed: Vec<(String, Option<NaiveDate>)> = ["/", "/apply", "/apply/status", "/search"]
        .iter()
        .map(|p| (format!("{root}{p}"), None))
        .collect();
    for a in &agencies {
        for page in ["", "guide", "rules", "docs", "reports", "apply"] {
            fixed.push((format!("{root}/xxgk/{}/{page}", a.code.as_str()), None));
        }
    }
    let all = PublicFilter::default();
    let (_, documents) = state.store.public_documents(&all, 0, 0).await?;
    let limit = SITEMAP_URLS as u64;
    let count = parts(fixed.len() as u64 + documents, limit);
    let xml = match q.part {
        None if count > 1 => {
            let parts: Vec<String> = (1..=count)
                .map(|n| format!("{root}/sitemap.xml?part={n}"))
                .collect();
            xml::sitemap_index(&parts)
        }
        Some(n) if n == 0 || n > count => return Err(WebError::NotFound("站点地图分卷")),
        part => {
            let (pages, mut offset, wanted) = window(part.unwrap_or(1), fixed.len() as u64, limit);
            let mut urls = fixed[pages.start as usize..pages.end as usize].to_vec();
            let codes = codes(&agencies);
            let end = offset + wanted;
            while offset < end {
                let batch = BATCH.min(end - offset);
                let (docs, _) = state.store.public_documents(&all, offset, batch).await?;
                for d in &docs {
                    if let (Some(v), Some(code)) =
                        (d.document.public_view(), codes.get(&d.agency_id))
                    {
                        urls.push((format!("{root}{}", href(code, d.id)), Some(v.updated_on)));
                    }
                }
                if (docs.len() as u64) < batch {
                    break;
                }
                offset += batch;
            }
            xml::sitemap(&urls)
        }
    };
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::{parts, window};

    #[test]
    fn a_long_list_is_cut_in_parts_that_cover_it_once() {
        assert_eq!(parts(0, 10), 1);
        assert_eq!(parts(10, 10), 1);
        assert_eq!(parts(11, 10), 2);
        // 4 fixed pages and 23 documents at 10 a file: 10 + 10 + 7.
        assert_eq!(window(1, 4, 10), (0..4, 0, 6));
        assert_eq!(window(2, 4, 10), (4..4, 6, 10));
        assert_eq!(window(3, 4, 10), (4..4, 16, 10));
        // More fixed pages than fit one file.
        assert_eq!(window(1, 14, 10), (0..10, 0, 0));
        assert_eq!(window(2, 14, 10), (10..14, 0, 6));
    }
}
