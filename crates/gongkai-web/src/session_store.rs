//! tower-sessions' `SessionStore` over our own `sessions` table (DEPENDENCIES §3.2), so every app
//! instance on one PostgreSQL database shares the same sessions.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use gongkai_storage::Store;
use std::sync::Arc;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

/// Sessions in the application database.
#[derive(Clone)]
pub struct DbSessionStore {
    store: Arc<dyn Store>,
}

impl std::fmt::Debug for DbSessionStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbSessionStore")
    }
}

impl DbSessionStore {
    /// Wraps the store.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store }
    }
}

fn backend(e: gongkai_storage::StoreError) -> Error {
    Error::Backend(format!("{e:?}"))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    /// A new session: draws a fresh id while the drawn one is taken, then saves.
    async fn create(&self, record: &mut Record) -> Result<()> {
        while self.load(&record.id).await?.is_some() {
            record.id = Id::default();
        }
        self.save(record).await
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(record).map_err(|e| Error::Encode(e.to_string()))?;
        let expires = DateTime::<Utc>::from_timestamp(record.expiry_date.unix_timestamp(), 0)
            .unwrap_or_else(Utc::now);
        let id = record.id.to_string();
        self.store
            .save_session(&id, &data, expires)
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let data = self.store.load_session(&id.to_string(), Utc::now()).await;
        match data.map_err(backend)? {
            Some(d) => serde_json::from_str(&d)
                .map(Some)
                .map_err(|e| Error::Decode(e.to_string())),
            None => Ok(None),
        }
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.store
            .delete_session(&id.to_string())
            .await
            .map_err(backend)
    }
}
