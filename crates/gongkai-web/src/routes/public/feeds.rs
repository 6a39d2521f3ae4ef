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

/// GET /sitemap.xml
pub async fn sitemap(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let root = base(&state, &headers);
    let agencies = state.store.all_agencies().await?;
    let mut urls: Vec<(String, Option<NaiveDate>)> = ["/", "/apply", "/apply/status", "/search"]
        .iter()
        .map(|p| (format!("{root}{p}"), None))
        .collect();
    for a in &agencies {
        for page in ["", "guide", "rules", "docs", "reports", "apply"] {
            urls.push((format!("{root}/xxgk/{}/{page}", a.code.as_str()), None));
        }
    }
    let codes = codes(&agencies);
    let mut offset = 0;
    while urls.len() < SITEMAP_URLS {
        let (docs, _) = state
            .store
            .public_documents(&PublicFilter::default(), offset, BATCH)
            .await?;
        for d in &docs {
            if let (Some(v), Some(code)) = (d.document.public_view(), codes.get(&d.agency_id)) {
                urls.push((format!("{root}{}", href(code, d.id)), Some(v.updated_on)));
            }
        }
        if (docs.len() as u64) < BATCH {
            break;
        }
        offset += BATCH;
    }
    urls.truncate(SITEMAP_URLS);
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml::sitemap(&urls),
    )
        .into_response())
}
