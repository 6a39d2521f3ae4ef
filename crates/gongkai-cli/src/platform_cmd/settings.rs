//! The one `Settings` struct, built in layers: defaults → `gongkai.toml` → `GONGKAI_*`
//! environment → flags. Secrets are redacted in `Debug`.

use super::DbArgs;
use anyhow::Context;
use gongkai_storage::Store;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The annotated defaults printed by `gongkai config example`.
pub const EXAMPLE: &str = r#"# gongkai.toml — 每一项也可用环境变量 GONGKAI_<名称大写> 或命令行参数设置（参数优先）。

# 数据目录：SQLite 数据库（gongkai.db）放在这里。
data = "./data"

# 数据库地址。留空则使用数据目录下的 SQLite；多实例部署请用 PostgreSQL，例如
# database = "postgres://gongkai:密码@127.0.0.1:5432/gongkai"
# database = ""

# 监听地址。
listen = "127.0.0.1:8080"

# 通过 HTTPS 提供服务时设为 true（Cookie 带 Secure 标记）。
secure_cookies = false

# 日志格式："text" 或 "json"。
log_format = "text"

# 首次启动时创建的根机关名称（之后可在后台修改）。
root_agency = "本级机关"
"#;

/// Settings as read from the file (every field optional).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    data: Option<PathBuf>,
    database: Option<String>,
    listen: Option<String>,
    secure_cookies: Option<bool>,
    log_format: Option<String>,
    root_agency: Option<String>,
}

/// The effective settings.
#[derive(Clone)]
pub struct Settings {
    /// Data folder.
    pub data: PathBuf,
    /// Database URL, if not the default SQLite file.
    pub database: Option<String>,
    /// Listen address.
    pub listen: String,
    /// `Secure` cookies.
    pub secure_cookies: bool,
    /// `text` or `json`.
    pub log_format: String,
    /// Name of the root agency created on first run.
    pub root_agency: String,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("data", &self.data)
            .field(
                "database",
                &self.database.as_deref().map(gongkai_storage::redact),
            )
            .field("listen", &self.listen)
            .finish_non_exhaustive()
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(format!("GONGKAI_{name}"))
        .ok()
        .filter(|v| !v.is_empty())
}

fn read_file(path: &Path, explicit: bool) -> anyhow::Result<FileSettings> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            toml::from_str(&text).with_context(|| format!("配置文件 {} 有误", path.display()))
        }
        Err(_) if !explicit => Ok(FileSettings::default()),
        Err(e) => Err(e).with_context(|| format!("无法读取配置文件 {}", path.display())),
    }
}

impl Settings {
    /// Builds the settings from every layer.
    pub fn load(db: &DbArgs, listen: Option<&str>) -> anyhow::Result<Self> {
        let explicit = db
            .config
            .clone()
            .or_else(|| env("CONFIG").map(PathBuf::from));
        let path = explicit
            .clone()
            .unwrap_or_else(|| PathBuf::from("gongkai.toml"));
        let file = read_file(&path, explicit.is_some())?;
        let flag_bool = |v: String| matches!(v.as_str(), "1" | "true" | "yes");
        Ok(Self {
            data: db
                .data
                .clone()
                .or(env("DATA").map(PathBuf::from))
                .or(file.data)
                .unwrap_or_else(|| "./data".into()),
            database: db
                .database
                .clone()
                .or(env("DATABASE"))
                .or(file.database)
                .filter(|s| !s.is_empty()),
            listen: listen
                .map(str::to_owned)
                .or(env("LISTEN"))
                .or(file.listen)
                .unwrap_or_else(|| "127.0.0.1:8080".into()),
            secure_cookies: env("SECURE_COOKIES")
                .map(flag_bool)
                .or(file.secure_cookies)
                .unwrap_or(false),
            log_format: env("LOG_FORMAT")
                .or(file.log_format)
                .unwrap_or_else(|| "text".into()),
            root_agency: env("ROOT_AGENCY")
                .or(file.root_agency)
                .unwrap_or_else(|| "本级机关".into()),
        })
    }

    /// The database URL: the explicit one, or `gongkai.db` in the data folder.
    pub fn database_url(&self) -> String {
        match &self.database {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data.join("gongkai.db").display()
            ),
        }
    }
}

/// Creates the data folder if needed, opens the store and migrates it.
pub async fn open_store(cfg: &Settings) -> anyhow::Result<Arc<dyn Store>> {
    if cfg.database.is_none() {
        std::fs::create_dir_all(&cfg.data)
            .with_context(|| format!("无法创建数据目录 {}", cfg.data.display()))?;
    }
    let url = cfg.database_url();
    gongkai_storage::open(&url)
        .await
        .map_err(|e| anyhow::anyhow!("{e}: {e:?}"))
        .with_context(|| format!("无法打开数据库 {}", gongkai_storage::redact(&url)))
}
