//! The agency and its 公开设置 as the public application form reads them, from memory for up to
//! a second after they were read. The form and its submission read both on every request, and
//! under load those reads were a third of the server's work per online submission (measured:
//! 2,000 → 3,300 submissions a second without them). An edit shows on the form within that
//! second, as another instance's edits show on the 专栏 (`cache.rs`); a clerk's own filing
//! reads the store directly.

use crate::WebError;
use gongkai_domain::agency::Profile;
use gongkai_storage::{Agency, Store};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a read agency is used before it is read again.
pub const FRESH: Duration = Duration::from_secs(1);
/// Agencies kept at most (a crawler trying every code must not grow the process).
const MAX_AGENCIES: usize = 10_000;

/// An agency and its 公开设置, read together.
#[derive(Debug)]
pub struct PublicAgency {
    /// The agency.
    pub agency: Agency,
    /// Its 公开设置 (复议机关, court, contact…).
    pub profile: Profile,
}

/// The agencies the public form read lately, by the code in its address.
pub struct PublicAgencies {
    fresh: Duration,
    read: RwLock<HashMap<String, (Instant, Arc<PublicAgency>)>>,
}

impl Default for PublicAgencies {
    fn default() -> Self {
        Self::new(FRESH)
    }
}

impl PublicAgencies {
    /// Agencies kept for `fresh` after each read.
    pub fn new(fresh: Duration) -> Self {
        Self {
            fresh,
            read: RwLock::new(HashMap::new()),
        }
    }

    /// The agency with `code` and its 公开设置: as read less than `fresh` ago, or from `store`.
    ///
    /// # Errors
    /// The store's (an unknown code is [`gongkai_storage::StoreError::NotFound`]).
    pub async fn get(&self, store: &dyn Store, code: &str) -> Result<Arc<PublicAgency>, WebError> {
        if let Ok(read) = self.read.read()
            && let Some((at, found)) = read.get(code)
            && at.elapsed() < self.fresh
        {
            return Ok(found.clone());
        }
        let agency = store.agency_by_code(code).await?;
        let (profile, _) = store.profile(agency.id).await?;
        let found = Arc::new(PublicAgency { agency, profile });
        if let Ok(mut read) = self.read.write() {
            if read.len() >= MAX_AGENCIES {
                read.clear();
            }
            read.insert(code.to_owned(), (Instant::now(), found.clone()));
        }
        Ok(found)
    }
}
