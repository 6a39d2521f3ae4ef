//! The one `Settings` struct, built in layers: defaults → `gongkai.toml` → `GONGKAI_*`
//! environment → flags. Secrets are redacted in `Debug`.

use super::DbArgs;
use anyhow::Context;
use gongkai_storage::seal::load_or_create_key;
use gongkai_storage::{AuditKey, Seal, Store};
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

# 日志格式："text" 或 "json"（每行一个 JSON 对象）。输出不是终端时不带颜色控制符。
log_format = "text"

# 审计密钥：审计日志用它签名（HMAC），它必须保存在数据库之外。默认在数据目录下自动生成
# audit.key（仅所有者可读）。多个实例共用一个 PostgreSQL 数据库时，每个实例必须使用同一把密钥：
# 把同一个密钥文件发给每个实例（audit_key_file），或设置环境变量 GONGKAI_AUDIT_KEY（64 位十六进制）。
# audit_key_file = "./data/audit.key"

# 审计检查点文件：每次变更后追加各机关审计链的链尾，用于发现末尾记录被删除、链尾被回退、
# 机关被整体删除。请定期用 gongkai audit checkpoint --out 把检查点另存到其他机器。
# audit_checkpoints = "./data/audit-checkpoints.log"

# 反向代理之后运行时设为 true：客户端地址取 X-Forwarded-For 的最后一跳（仅当代理会设置它时）。
trust_forwarded_for = false

# /metrics：设置令牌后，在主地址上凭 "Authorization: Bearer 令牌" 访问；
# 或设置单独的监听地址（只供监控系统访问，无需令牌）。都不设置则不提供 /metrics。
# metrics_token = ""
# metrics_listen = "127.0.0.1:9100"

# 首次启动时创建的根机关名称（之后可在后台修改）。
root_agency = "本级机关"

# 后台网址：到期提醒邮件中的链接以它开头。默认 http://<监听地址>。
# base_url = "https://gk.example.gov.cn"

# 到期提醒邮件：每分钟检查一次，把已逾期、即将到期（5 个工作日内）的申请发给各机关
# “公开设置”中的到期提醒邮箱，每件申请每天每类最多一封；发送失败的下次重试。不设置 host 则不发送。
# 也可用环境变量 GONGKAI_SMTP__HOST、GONGKAI_SMTP__PORT、GONGKAI_SMTP__TLS、GONGKAI_SMTP__USER、
# GONGKAI_SMTP__PASSWORD、GONGKAI_SMTP__FROM 设置。
# [smtp]
# host = "smtp.example.gov.cn"
# port = 587                  # 默认：starttls 为 587，tls 为 465，none 为 25
# tls = "starttls"            # "starttls"（默认）、"tls"（直接加密连接）或 "none"（仅限本机中继）
# user = "noreply@example.gov.cn"
# password = ""
# from = "政府信息公开平台 <noreply@example.gov.cn>"
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
    audit_key_file: Option<PathBuf>,
    audit_checkpoints: Option<PathBuf>,
    trust_forwarded_for: Option<bool>,
    metrics_token: Option<String>,
    metrics_listen: Option<String>,
    base_url: Option<String>,
    smtp: Option<super::mail_settings::SmtpFile>,
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
    /// The audit key as hex (from `GONGKAI_AUDIT_KEY`), instead of a key file.
    pub audit_key: Option<String>,
    /// The audit key file.
    pub audit_key_file: PathBuf,
    /// The checkpoint file.
    pub audit_checkpoints: PathBuf,
    /// Client addresses from `X-Forwarded-For`.
    pub trust_forwarded_for: bool,
    /// Bearer token of `/metrics` on the main listener.
    pub metrics_token: Option<String>,
    /// A listen address serving only `/metrics`.
    pub metrics_listen: Option<String>,
    /// Reminder e-mails, if an SMTP server is configured.
    pub reminders: Option<gongkai_web::reminders::ReminderSettings>,
    /// The site's public root, for absolute URLs (feed, sitemap).
    pub base_url: Option<String>,
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
            .field("audit_key", &self.audit_key.as_ref().map(|_| "***"))
            .field("audit_key_file", &self.audit_key_file)
            .field("metrics_token", &self.metrics_token.as_ref().map(|_| "***"))
            .field("reminders", &self.reminders)
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
        let data: PathBuf = db
            .data
            .clone()
            .or(env("DATA").map(PathBuf::from))
            .or(file.data)
            .unwrap_or_else(|| "./data".into());
        let listen = listen
            .map(str::to_owned)
            .or(env("LISTEN"))
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".into());
        let base_url = env("BASE_URL").or(file.base_url.clone());
        Ok(Self {
            reminders: super::mail_settings::load(file.smtp, file.base_url, &listen)?,
            base_url,
            audit_key: env("AUDIT_KEY"),
            audit_key_file: env("AUDIT_KEY_FILE")
                .map(PathBuf::from)
                .or(file.audit_key_file)
                .unwrap_or_else(|| data.join("audit.key")),
            audit_checkpoints: env("AUDIT_CHECKPOINTS")
                .map(PathBuf::from)
                .or(file.audit_checkpoints)
                .unwrap_or_else(|| data.join("audit-checkpoints.log")),
            trust_forwarded_for: env("TRUST_FORWARDED_FOR")
                .map(flag_bool)
                .or(file.trust_forwarded_for)
                .unwrap_or(false),
            metrics_token: env("METRICS_TOKEN")
                .or(file.metrics_token)
                .filter(|t| !t.is_empty()),
            metrics_listen: env("METRICS_LISTEN")
                .or(file.metrics_listen)
                .filter(|t| !t.is_empty()),
            data,
            database: db
                .database
                .clone()
                .or(env("DATABASE"))
                .or(file.database)
                .filter(|s| !s.is_empty()),
            listen,
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

/// Whether opening may create what is missing (the data folder, the database, the key).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Open {
    /// `serve`, `migrate`, `admin`: create on first use.
    CreateIfMissing,
    /// `audit verify` and `audit checkpoint`: everything must exist already; a mistyped folder
    /// is an error, never an empty database that "verifies".
    Existing,
}

/// The audit key: from `GONGKAI_AUDIT_KEY`, or the key file (created if allowed). Returns the
/// key and whether the file was created now.
pub fn audit_key(cfg: &Settings, how: Open) -> anyhow::Result<(AuditKey, bool)> {
    if let Some(hex) = &cfg.audit_key {
        return Ok((
            AuditKey::from_hex(hex).context("GONGKAI_AUDIT_KEY 无效")?,
            false,
        ));
    }
    if how == Open::Existing && !cfg.audit_key_file.exists() {
        anyhow::bail!(
            "审计密钥文件 {} 不存在（数据目录是否正确？也可用 GONGKAI_AUDIT_KEY 提供密钥）",
            cfg.audit_key_file.display()
        );
    }
    load_or_create_key(&cfg.audit_key_file).map_err(|e| anyhow::anyhow!("{e}"))
}

/// Creates the data folder if allowed, opens the store with its audit seal and migrates it.
pub async fn open_store(cfg: &Settings, how: Open) -> anyhow::Result<Arc<dyn Store>> {
    let url = cfg.database_url();
    let db_file = cfg.data.join("gongkai.db");
    if cfg.database.is_none() && how == Open::Existing && !db_file.exists() {
        anyhow::bail!(
            "数据库文件 {} 不存在（数据目录是否正确？）",
            db_file.display()
        );
    }
    if how == Open::CreateIfMissing {
        // The data folder also holds the audit key and checkpoints on PostgreSQL.
        std::fs::create_dir_all(&cfg.data)
            .with_context(|| format!("无法创建数据目录 {}", cfg.data.display()))?;
    }
    let (key, created) = audit_key(cfg, how)?;
    let checkpoints = (how == Open::CreateIfMissing).then(|| cfg.audit_checkpoints.clone());
    let seal = Seal::new(key, checkpoints).map_err(|e| anyhow::anyhow!("{e}"))?;
    let opened = gongkai_storage::open(&url, seal).await;
    if opened.is_err() && created {
        // A key made for a database that refuses it would only confuse the next start.
        let _ = std::fs::remove_file(&cfg.audit_key_file);
    }
    opened
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("无法打开数据库 {}", gongkai_storage::redact(&url)))
}
