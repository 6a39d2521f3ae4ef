//! The application state handed to every handler.

use crate::Metrics;
use crate::portal::agencies::PublicAgencies;
use crate::portal::cache::PageCache;
use crate::secret::Signer;
use chrono::NaiveDate;
use gongkai_domain::account::Throttle;
use gongkai_domain::calendar::WorkCalendar;
use gongkai_search::SearchIndex;
use gongkai_storage::Store;
use std::sync::{Arc, RwLock};

/// How sign-in attempts are slowed down (see `throttle.rs`).
#[derive(Debug, Clone)]
pub struct ThrottlePolicy {
    /// Per account and client address: the owner's own typos.
    pub account_address: Throttle,
    /// Per client address, whatever the account: one machine guessing many accounts.
    pub address: Throttle,
    /// Per account from clients that never signed in to it: many machines guessing one
    /// account. A browser that has signed in to the account before is exempt, so this
    /// counter cannot be used to keep the owner out.
    pub account_unknown_device: Throttle,
    /// Per account, for the current-password check of the password form.
    pub password_change: Throttle,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        let t = |free, base_secs| Throttle {
            free,
            base_secs,
            max_secs: 15 * 60,
            forget_secs: 60 * 60,
        };
        Self {
            account_address: t(5, 1),
            address: t(20, 1),
            account_unknown_device: t(10, 2),
            password_change: t(5, 1),
        }
    }
}

/// Settings of the web layer.
#[derive(Clone)]
pub struct WebConfig {
    /// Send cookies with `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Take the client address from the last `X-Forwarded-For` hop (only behind a proxy that
    /// sets it; otherwise clients could choose their own address).
    pub trust_forwarded_for: bool,
    /// The bearer token `/metrics` requires; without one `/metrics` is not served on the main
    /// listener (serve it on its own address instead, see `gongkai serve`).
    pub metrics_token: Option<String>,
    /// Signs the CSRF and known-device cookies (derived from the audit key, so every instance
    /// of one platform shares it).
    pub signer: Arc<Signer>,
    /// Sign-in throttling.
    pub throttle: ThrottlePolicy,
    /// A fixed “today” (Beijing date) for tests and demonstrations; `None` = the real date.
    pub today: Option<NaiveDate>,
    /// The site's public root (`https://gk.example.gov.cn`) for the feed and the sitemap;
    /// `None` = taken from the request's host.
    pub base_url: Option<String>,
}

impl WebConfig {
    /// Settings with a signing key and everything else at its default.
    pub fn new(signer: Signer) -> Self {
        Self {
            secure_cookies: false,
            trust_forwarded_for: false,
            metrics_token: None,
            signer: Arc::new(signer),
            throttle: ThrottlePolicy::default(),
            today: None,
            base_url: None,
        }
    }
}

/// Everything a handler may need. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The storage (SQLite or PostgreSQL; the web layer never knows which).
    pub store: Arc<dyn Store>,
    /// Web settings.
    pub config: Arc<WebConfig>,
    /// Request and login counters for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// The working-day calendar: shipped, plus the arrangements loaded at run time.
    pub calendar: Arc<RwLock<Arc<WorkCalendar>>>,
    /// This instance's search index; `None` = no search (the search page says so).
    pub search: Option<Arc<SearchIndex>>,
    /// The 专栏's rendered pages; `None` = every page rendered afresh.
    pub pages: Option<Arc<PageCache>>,
    /// The agencies the public application form read in the last second.
    pub public_agencies: Arc<PublicAgencies>,
}

impl AppState {
    /// State over a store with the given settings.
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> Self {
        Self {
            store,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
            calendar: Arc::new(RwLock::new(Arc::new(WorkCalendar::shipped()))),
            search: None,
            pages: None,
            public_agencies: Arc::default(),
        }
    }

    /// The same state with a search index.
    pub fn with_search(mut self, index: Arc<SearchIndex>) -> Self {
        self.search = Some(index);
        self
    }

    /// The same state keeping the 专栏's rendered pages (`portal::cache`), asking the database
    /// for other processes' changes at most once per `recheck`.
    pub fn with_page_cache(mut self, recheck: std::time::Duration) -> Self {
        self.pages = Some(Arc::new(PageCache::new(recheck)));
        self
    }

    /// Today in Beijing (UTC+8), or the configured fixed day.
    pub fn today(&self) -> NaiveDate {
        self.config
            .today
            .unwrap_or_else(|| (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive())
    }

    /// The calendar in force.
    pub fn calendar(&self) -> Arc<WorkCalendar> {
        let cal = self
            .calendar
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(&cal)
    }

    /// Replaces the calendar (after an arrangement was loaded).
    pub fn set_calendar(&self, cal: WorkCalendar) {
        let mut slot = self
            .calendar
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *slot = Arc::new(cal);
    }
}
