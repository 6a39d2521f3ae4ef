//! Opening a store: pick the backend from the URL, connect, migrate.

use crate::group_commit::GroupCommit;
use crate::migration::Migrator;
use crate::seal::Seal;
use crate::{Store, StoreError, StoreResult};
use async_trait::async_trait;
use sea_orm::sqlx::sqlite::SqliteJournalMode;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend};
use sea_orm_migration::MigratorTrait;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// The sea-orm implementation of [`Store`], for both backends.
#[derive(Clone)]
pub struct SeaStore {
    pub(crate) db: DatabaseConnection,
    /// The pool of the public pages' reads (the 专栏, its documents, agency lookups by code):
    /// on SQLite a few connections of their own, reading beside the one writer in WAL mode;
    /// on PostgreSQL the same pool as `db`.
    pub(crate) read: DatabaseConnection,
    pub(crate) seal: Arc<Seal>,
    /// SQLite's writer of online submissions, started by the first one.
    group: Arc<OnceLock<GroupCommit>>,
}

/// Key of the PostgreSQL advisory lock held while migrating (any fixed number works).
const MIGRATION_LOCK: i64 = 0x6f6e_676b_6169;

/// Opens the store at `url` (`sqlite://…` or `postgres://…`), applies pending migrations, and
/// seals its audit log with `seal` (see `seal.rs`).
pub async fn open(url: &str, seal: Seal) -> StoreResult<Arc<dyn Store>> {
    Ok(Arc::new(SeaStore::open(url, seal).await?))
}

impl SeaStore {
    /// Connects and migrates; see [`open`].
    pub async fn open(url: &str, seal: Seal) -> StoreResult<Self> {
        let is_sqlite = url.starts_with("sqlite:");
        if !is_sqlite && !url.starts_with("postgres") {
            return Err(StoreError::Invalid(format!(
                "不支持的数据库地址：{}（应以 sqlite: 或 postgres:// 开头）",
                redact(url)
            )));
        }
        if !is_sqlite {
            migrate_postgres(url).await?;
        }
        let db = Database::connect(options(url, is_sqlite)).await?;
        if is_sqlite {
            Migrator::up(&db, None).await?;
        }
        crate::verify::adopt_key(&db, &seal.key).await?;
        let read = if is_sqlite {
            Database::connect(read_options(url)).await?
        } else {
            db.clone()
        };
        Ok(Self {
            db,
            read,
            seal: Arc::new(seal),
            group: Arc::default(),
        })
    }

    /// The group-commit queue of online submissions (SQLite only; see `group_commit.rs`).
    pub(crate) fn group_commit(&self) -> Option<&GroupCommit> {
        (self.db.get_database_backend() == DbBackend::Sqlite).then(|| {
            self.group
                .get_or_init(|| GroupCommit::start(self.db.clone(), self.seal.clone()))
        })
    }
}

/// The SQLite pool for public reads: only SELECTs go through it, so the single-writer rule of
/// [`options`] still holds; WAL lets them run while the writer writes.
fn read_options(url: &str) -> ConnectOptions {
    let mut opt = ConnectOptions::new(url.to_owned());
    opt.sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10))
        .max_connections(4)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    opt
}

/// Pool options. SQLite gets one connection: writes are serialized anyway, and a single
/// connection rules out `SQLITE_BUSY` when a read transaction upgrades to a write. Its cache of
/// prepared statements is larger than sqlx's 100: a batch of submissions is a few statements of
/// as many rows as the batch (`group_commit.rs`), each size its own statement.
fn options(url: &str, is_sqlite: bool) -> ConnectOptions {
    let mut opt = ConnectOptions::new(url.to_owned());
    opt.sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10));
    if is_sqlite {
        opt.max_connections(1).map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .statement_cache_capacity(1024)
                .journal_mode(SqliteJournalMode::Wal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    } else {
        opt.max_connections(10);
    }
    opt
}

/// Migrates PostgreSQL under an advisory lock so several instances starting together are safe.
/// (Raw SQL: the one statement that only PostgreSQL needs.)
async fn migrate_postgres(url: &str) -> StoreResult<()> {
    let mut opt = ConnectOptions::new(url.to_owned());
    opt.max_connections(1).sqlx_logging(false);
    let db = Database::connect(opt).await?;
    db.execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
        .await?;
    let result = Migrator::up(&db, None).await;
    db.execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
        .await?;
    db.close().await?;
    Ok(result?)
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{}:***{}", &url[..s + 3], user, &url[at..])
        }
        _ => url.to_owned(),
    }
}

#[async_trait]
impl Store for SeaStore {
    fn backend(&self) -> &'static str {
        match self.db.get_database_backend() {
            DbBackend::Sqlite => "sqlite",
            _ => "postgres",
        }
    }

    async fn ping(&self) -> StoreResult<()> {
        Ok(self.db.ping().await?)
    }
}
