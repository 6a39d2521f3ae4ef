//! The application state handed to every handler.

use crate::Metrics;
use gongkai_storage::Store;
use std::sync::Arc;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Send cookies with `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Failed logins allowed per account within [`WebConfig::throttle_minutes`].
    pub throttle_max_failures: u64,
    /// The throttling window, in minutes.
    pub throttle_minutes: i64,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            throttle_max_failures: 5,
            throttle_minutes: 15,
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
}

impl AppState {
    /// State over a store with the given settings.
    pub fn new(store: Arc<dyn Store>, config: WebConfig) -> Self {
        Self {
            store,
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
        }
    }
}
