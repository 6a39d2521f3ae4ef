//! Test databases (feature `testing`): a fresh SQLite file or a fresh PostgreSQL database per
//! test, never a mock. The PostgreSQL server is `GONGKAI_TEST_POSTGRES` (default
//! `postgres://postgres@127.0.0.1:5432/test`); if it is unreachable the test fails, loudly.

use crate::seal::{AuditKey, Checkpoints, Seal, read_checkpoints};
use crate::{ChainReport, SeaStore, Store};
use sea_orm::{ConnectOptions, ConnectionTrait, Database};
use std::path::PathBuf;
use std::sync::Arc;

/// Default admin URL of the test PostgreSQL server.
pub const DEFAULT_POSTGRES: &str = "postgres://postgres@127.0.0.1:5432/test";

/// A migrated store on a database of its own, plus its URL for raw SQL in tests, its audit
/// key and its checkpoint file (in a temporary folder).
pub struct TestDb {
    /// The store under test.
    pub store: Arc<dyn Store>,
    /// Its database URL (open a second connection to tamper with rows "by hand").
    pub url: String,
    /// The audit key the store seals with.
    pub key: AuditKey,
    /// The checkpoint file the store appends to.
    pub checkpoints: PathBuf,
    _dir: tempfile::TempDir,
}

impl TestDb {
    /// A store on a new SQLite file in a temporary folder.
    ///
    /// # Panics
    /// If the file cannot be created or migrated (test-only code).
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder for the SQLite test database");
        let url = format!("sqlite://{}/gongkai.db?mode=rwc", dir.path().display());
        Self::open(url, dir).await
    }

    async fn open(url: String, dir: tempfile::TempDir) -> Self {
        let key = AuditKey::generate().expect("random audit key");
        let checkpoints = dir.path().join("audit-checkpoints.log");
        let store = SeaStore::open(&url, Self::seal_with(&key, &checkpoints))
            .await
            .expect("open the test store");
        Self {
            store: Arc::new(store),
            url,
            key,
            checkpoints,
            _dir: dir,
        }
    }

    fn seal_with(key: &AuditKey, checkpoints: &std::path::Path) -> Seal {
        Seal::new(key.clone(), Some(checkpoints.to_owned())).expect("checkpoint file")
    }

    /// A second store on the same database, key and checkpoint file (another app instance).
    ///
    /// # Panics
    /// If the database cannot be opened.
    pub async fn reopen(&self) -> SeaStore {
        SeaStore::open(&self.url, Self::seal_with(&self.key, &self.checkpoints))
            .await
            .expect("reopen the test store")
    }

    /// The checkpoints written so far.
    ///
    /// # Panics
    /// If the file cannot be read.
    pub fn read_checkpoints(&self) -> Checkpoints {
        read_checkpoints(&self.key, std::slice::from_ref(&self.checkpoints)).expect("checkpoints")
    }

    /// `verify_audit` against the checkpoints written so far.
    ///
    /// # Panics
    /// If verification fails to run.
    pub async fn verify(&self) -> ChainReport {
        self.store
            .verify_audit(&self.read_checkpoints())
            .await
            .expect("verify_audit")
    }

    /// A store on a new database on the test PostgreSQL server.
    ///
    /// # Panics
    /// If PostgreSQL is unreachable, with a message saying how to start it.
    pub async fn postgres() -> Self {
        let url = Self::new_postgres_database().await;
        let dir = tempfile::tempdir().expect("temporary folder for the checkpoint file");
        Self::open(url, dir).await
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
        raw_sql_at(&self.url, sql).await;
    }
}

/// Runs SQL on the database at `url` on a connection of its own (tampering "by hand").
///
/// # Panics
/// If the statement fails.
pub async fn raw_sql_at(url: &str, sql: &str) {
    let conn = Database::connect(url).await.expect("a connection");
    conn.execute_unprepared(sql).await.expect("raw SQL");
    conn.close().await.ok();
}

/// The first row of `sql` on the database at `url`.
async fn first_row(url: &str, sql: &str) -> sea_orm::QueryResult {
    let conn = Database::connect(url).await.expect("a connection");
    let stmt = sea_orm::Statement::from_string(conn.get_database_backend(), sql.to_owned());
    let row = conn
        .query_one_raw(stmt)
        .await
        .expect("query")
        .expect("a row");
    conn.close().await.ok();
    row
}

/// The first column of the first row of `sql` (e.g. a `COUNT(*)`), as a number.
///
/// # Panics
/// If the query fails or returns nothing.
pub async fn query_i64_at(url: &str, sql: &str) -> i64 {
    let row = first_row(url, sql).await;
    row.try_get_by_index::<i64>(0)
        .or_else(|_| row.try_get_by_index::<i32>(0).map(i64::from))
        .expect("a number")
}

/// The first column of the first row of `sql`, as text.
///
/// # Panics
/// If the query fails or returns nothing.
pub async fn query_text_at(url: &str, sql: &str) -> String {
    let row = first_row(url, sql).await;
    row.try_get_by_index::<String>(0).expect("text")
}

/// A copy of the PostgreSQL database at `url` (which must have no open connections), as a new
/// database on the same server; returns its URL.
///
/// # Panics
/// If the server refuses.
pub async fn copy_postgres_database(url: &str) -> String {
    let (base, name) = url.rsplit_once('/').expect("a database URL");
    let copy = format!("gk_test_{}", uuid::Uuid::new_v4().simple());
    let admin = std::env::var("GONGKAI_TEST_POSTGRES").unwrap_or(DEFAULT_POSTGRES.to_owned());
    raw_sql_at(&admin, &format!("CREATE DATABASE {copy} TEMPLATE {name}")).await;
    format!("{base}/{copy}")
}
