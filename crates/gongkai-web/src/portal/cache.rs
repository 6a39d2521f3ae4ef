//! The 专栏's pages kept rendered in memory. A page of the 专栏 is the same for every visitor
//! (its templates carry no token and no name), read thousands of times for each change, so the
//! bytes of a rendered page are served again until something changes.
//!
//! What counts as a change, without knowing which page a change touches:
//! - a write through this instance: every request that is not GET or HEAD marks the cache stale
//!   once it has been answered (its transaction is committed by then);
//! - a write by another process (another instance on the same PostgreSQL database, a
//!   command-line import): every change writes an audit event, so the newest audit event's id
//!   ([`gongkai_storage::AuditStore::audit_mark`]) is read at most once per [`RECHECK`] and a
//!   new one marks the cache stale. Another instance's change shows here within that second;
//! - a new day (validity and deadlines are dated): an entry is only served on the day it was made.
//!
//! A page is stored with the generation read *before* it was rendered: a page rendered while a
//! change committed carries the older generation and is never served.

use crate::AppState;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How often `gongkai serve` asks the database whether another process changed something.
pub const RECHECK: Duration = Duration::from_secs(1);
/// Pages kept at most; past it the cache starts again empty (a crawler walking every page of
/// every agency must not grow the process without bound).
const MAX_PAGES: usize = 20_000;
/// The largest page kept (the annual report pages are the largest HTML, about 100 KB).
const MAX_PAGE_BYTES: usize = 1 << 20;

/// One rendered page.
struct Page {
    generation: u64,
    day: NaiveDate,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// The cache of one instance.
pub struct PageCache {
    generation: AtomicU64,
    /// The newest audit event's id last seen (-1 = not read yet).
    mark: AtomicI64,
    /// Milliseconds after `epoch` of the last look at the mark.
    checked_at: AtomicU64,
    checking: AtomicBool,
    epoch: Instant,
    recheck: Duration,
    pages: RwLock<HashMap<String, Arc<Page>>>,
}

impl PageCache {
    /// An empty cache that asks the database for other processes' changes at most once per
    /// `recheck` ([`RECHECK`] when serving; zero in tests that write the store directly).
    pub fn new(recheck: Duration) -> Self {
        Self {
            generation: AtomicU64::new(0),
            mark: AtomicI64::new(-1),
            checked_at: AtomicU64::new(0),
            checking: AtomicBool::new(false),
            epoch: Instant::now(),
            recheck,
            pages: RwLock::new(HashMap::new()),
        }
    }

    /// Marks every page stale (a change committed).
    pub fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// How many pages are kept (for tests).
    pub fn len(&self) -> usize {
        self.pages.read().map_or(0, |p| p.len())
    }

    /// Whether no page is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads the audit mark when it was last read `recheck` or longer ago (one request does,
    /// the others go on), and marks the cache stale when it moved.
    async fn recheck(&self, state: &AppState) {
        let now = self.epoch.elapsed().as_millis() as u64;
        let last = self.checked_at.load(Ordering::Acquire);
        let fresh = self.mark.load(Ordering::Acquire) >= 0;
        if fresh && now.saturating_sub(last) < self.recheck.as_millis() as u64 {
            return;
        }
        if self.checking.swap(true, Ordering::AcqRel) {
            return;
        }
        // Released however this ends: a request dropped mid-read (its client went away) must not
        // leave the flag set, or no one would look at the mark again.
        struct Release<'a>(&'a AtomicBool);
        impl Drop for Release<'_> {
            fn drop(&mut self) {
                self.0.store(false, Ordering::Release);
            }
        }
        let _release = Release(&self.checking);
        match state.store.audit_mark().await {
            Ok(mark) => {
                if self.mark.swap(mark, Ordering::AcqRel) != mark {
                    self.changed();
                }
                self.checked_at.store(now, Ordering::Release);
            }
            Err(e) => tracing::warn!(error = %e, "page cache: the audit mark could not be read"),
        }
    }

    fn get(&self, key: &str, generation: u64, day: NaiveDate) -> Option<Arc<Page>> {
        let pages = self.pages.read().ok()?;
        let page = pages.get(key)?;
        (page.generation == generation && page.day == day).then(|| Arc::clone(page))
    }

    fn put(&self, key: String, page: Page) {
        let Ok(mut pages) = self.pages.write() else {
            return;
        };
        if pages.len() >= MAX_PAGES {
            pages.clear();
        }
        pages.insert(key, Arc::new(page));
    }
}

fn respond(page: &Page) -> Response {
    let mut res = Response::new(Body::from(page.body.clone()));
    *res.status_mut() = page.status;
    *res.headers_mut() = page.headers.clone();
    res
}

/// Middleware on the whole router: a request that may have changed something marks the cache
/// stale once it is answered.
pub async fn invalidate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let writes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let res = next.run(req).await;
    if writes && let Some(cache) = &state.pages {
        cache.changed();
    }
    res
}

/// Middleware on the 专栏's pages: serves a kept page, or renders it and keeps it when it is a
/// whole 200 answer.
pub async fn serve(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Some(cache) = state.pages.clone() else {
        return next.run(req).await;
    };
    if req.method() != Method::GET {
        return next.run(req).await;
    }
    cache.recheck(&state).await;
    let key = req
        .uri()
        .path_and_query()
        .map_or_else(|| req.uri().path().to_owned(), |pq| pq.as_str().to_owned());
    let generation = cache.generation.load(Ordering::SeqCst);
    let day = state.today();
    if let Some(page) = cache.get(&key, generation, day) {
        return respond(&page);
    }
    let res = next.run(req).await;
    if res.status() != StatusCode::OK {
        return res;
    }
    let (parts, body) = res.into_parts();
    // Only a body of known, moderate size is kept (rendered pages are; streams are not).
    let small = body
        .size_hint()
        .exact()
        .is_some_and(|n| n <= MAX_PAGE_BYTES as u64);
    if !small {
        return Response::from_parts(parts, body);
    }
    let body = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::warn!(error = %e, key, "page cache: the page's body failed");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "页面生成失败，请刷新重试",
            )
                .into_response();
        }
    };
    let page = Page {
        generation,
        day,
        status: parts.status,
        headers: parts.headers.clone(),
        body: body.clone(),
    };
    cache.put(key, page);
    Response::from_parts(parts, Body::from(body))
}
