//! Test databases (feature `testing`): a fresh SQLite file or a fresh PostgreSQL database per
//! test, never a mock. The PostgreSQL server is `GONGKAI_TEST_POSTGRES` (default
//! `postgres://postgres@127.0.0.1:5432/test`); if it is unreachable the test fails, loudly.

use crate::{SeaStore, Store};
use sea_orm::{ConnectOptions, ConnectionTrait, Database};
use std::sync::Arc;

/// Default admin URL of the test PostgreSQL server.
pub const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/test";

/// A migrated store on a database of its own, plus its URL for raw SQL in tests.
pub struct TestDb {
    /// The store under test.
    pub store: Arc<dyn Store>,
    /// Its database URL (open a second connection to tamper with rows "by hand").
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A store on a new SQLite file in a temporary folder.
    ///
    /// # Panics
    /// If the file cannot be created or migrated (test-only code).
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder for the SQLite test database");
        let url = format!("sqlite://{}/gongkai.db?mode=rwc", dir.path().display());
        let store = SeaStore::open(&url).await.expect("open SQLite test store");
        Self {
            store: Arc::new(store),
            url,
            _dir: Some(dir),
        }
    }

    /// A store on a new database on the test PostgreSQL server.
    ///
    /// # Panics
    /// If PostgreSQL is unreachable, with a message saying how to start it.
    pub async fn postgres() -> Self {
        let url = Self::new_postgres_database().await;
        let store = SeaStore::open(&url)
            .await
            .expect("open PostgreSQL test store");
        Self {
            store: Arc::new(store),
            url,
            _dir: None,
        }
    }

    /// Creates an empty database on the test server and returns its URL (unmigrated).
    ///
    /// # Panics
    /// If PostgreSQL is unreachable.
    pub async fn new_postgres_database() -> String {
        let admin = std::env::var("GONGKAI_TEST_POSTGRES").unwrap_or(DEFAULT_POSTGRES.to_owned());
        let mut opt = ConnectOptions::new(admin.clone());
        opt.acquire_timeout(std::time::Duration::from_secs(5))
            .sqlx_logging(false);
        let conn = Database::connect(opt).await.unwrap_or_else(|e| {
            panic!(
                "PostgreSQL tests need a server at {admin} (set GONGKAI_TEST_POSTGRES, or start it: \
                 pg_ctlcluster --skip-systemctl-redirect 15 main start): {e}"
            )
        });
        let name = format!("gk_test_{}", uuid::Uuid::new_v4().simple());
        conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("CREATE DATABASE on the test server");
        conn.close().await.ok();
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        format!("{base}/{name}")
    }

    /// Runs SQL on a separate connection, as someone with database access would by hand.
    ///
    /// # Panics
    /// If the statement fails.
    pub async fn raw_sql(&self, sql: &str) {
        let conn = Database::connect(self.url.as_str())
            .await
            .expect("second connection");
        conn.execute_unprepared(sql).await.expect("raw SQL");
        conn.close().await.ok();
    }
}
