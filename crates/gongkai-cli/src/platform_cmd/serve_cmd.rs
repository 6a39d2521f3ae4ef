//! `gongkai serve`: logging, first-run admin, the router, graceful shutdown.

use super::settings::{Open, Settings, audit_key, open_store};
use crate::Outcome;
use anyhow::Context;
use gongkai_storage::{
    AgencyCode, AgencyLevel, Contact, NewAgency, NewUser, Role, Store, Username,
};
use gongkai_web::portal::indexer::Indexer;
use gongkai_web::secret::Signer;
use gongkai_web::{AppState, WebConfig, password};
use std::sync::Arc;
use std::time::Duration;

/// Logs to stdout: colour only on a terminal, JSON lines when asked.
fn init_logging(format: &str) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_env("GONGKAI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stdout().is_terminal());
    let _ = if format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

/// Creates the root agency and the `admin` account on an empty database. The password comes
/// from `GONGKAI_ADMIN_PASSWORD`, or is generated and printed once.
pub async fn first_admin(store: &dyn Store, cfg: &Settings) -> anyhow::Result<()> {
    let from_env = std::env::var("GONGKAI_ADMIN_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty());
    let pw = from_env.clone().unwrap_or_else(password::one_time_password);
    gongkai_domain::account::check_new_password(&pw, "admin")
        .context("GONGKAI_ADMIN_PASSWORD 不符合密码规则")?;
    let hash = tokio::task::spawn_blocking(move || password::hash(&pw).map(|h| (h, pw)))
        .await?
        .context("无法生成密码哈希")?;
    let root = NewAgency {
        parent_id: None,
        name: cfg.root_agency.clone(),
        code: AgencyCode::parse("ROOT")?,
        level: AgencyLevel::Province,
        contact: Contact::default(),
    };
    let admin = NewUser {
        username: Username::parse("admin")?,
        display_name: "系统管理员".into(),
        role: Role::SystemAdmin,
        password_hash: hash.0,
        // A printed password is one-time: it must be changed at the first login.
        must_change_password: from_env.is_none(),
    };
    if store
        .bootstrap(&root, &admin)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .is_some()
    {
        if from_env.is_some() {
            println!("已创建系统管理员账号 admin（密码取自 GONGKAI_ADMIN_PASSWORD）。");
        } else {
            println!("已创建系统管理员账号 admin，一次性密码：{}", hash.1);
            println!("（此密码只显示这一次，首次登录后必须修改。）");
        }
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
    tracing::info!("shutting down");
}

/// Every hour: expired sessions and idle sign-in counters go.
fn sweep(store: Arc<dyn Store>) {
    tokio::spawn(async move {
        loop {
            let now = chrono::Utc::now();
            if let Err(e) = store.delete_expired_sessions(now).await {
                tracing::warn!(error = ?e, "session sweep failed");
            }
            let idle = now - chrono::Duration::days(1);
            if let Err(e) = store.prune_attempts(idle).await {
                tracing::warn!(error = ?e, "sign-in counter sweep failed");
            }
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    });
}

/// Loads the stored holiday arrangements, then checks every minute whether another instance (or
/// `gongkai calendar import`) added one.
async fn follow_calendar(state: AppState) -> anyhow::Result<()> {
    let (cal, mut known) = gongkai_web::calendar::load(state.store.as_ref())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    state.set_calendar(cal);
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(60)).await;
            match gongkai_web::calendar::refresh(&state, known).await {
                Ok(n) => known = n,
                Err(e) => tracing::warn!(error = %e, "calendar refresh failed"),
            }
        }
    });
    Ok(())
}

/// Starts the reminder e-mail job if an SMTP server is configured (after the calendar is
/// loaded, so the first run counts 工作日 on the stored arrangements too).
fn send_reminders(cfg: &Settings, state: &AppState) -> anyhow::Result<()> {
    match &cfg.reminders {
        Some(r) => {
            let job = gongkai_web::reminders::Reminders::new(r)
                .context("到期提醒邮件设置有误（[smtp]）")?;
            tracing::info!(smtp = %r.smtp.host, port = r.smtp.port, "reminder e-mails on");
            job.spawn(state.clone());
        }
        None => tracing::info!("no [smtp] host: reminder e-mails off"),
    }
    Ok(())
}

/// Serves `/metrics` alone on its own address (for the monitoring system only).
async fn serve_metrics(addr: &str, state: AppState) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("无法监听 {addr}（metrics_listen）"))?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, gongkai_web::metrics_router(state)).await;
    });
    Ok(())
}

/// The web settings from the platform settings; cookies are signed with a key derived from
/// the audit key, so every instance of one platform accepts every other's cookies.
pub fn web_config(cfg: &Settings) -> anyhow::Result<WebConfig> {
    let (key, _) = audit_key(cfg, Open::Existing)?;
    let mut web = WebConfig::new(Signer::new(key.derive("web cookies")));
    web.secure_cookies = cfg.secure_cookies;
    web.trust_forwarded_for = cfg.trust_forwarded_for;
    web.metrics_token.clone_from(&cfg.metrics_token);
    web.base_url.clone_from(&cfg.base_url);
    // A fixed date for demonstrations and end-to-end tests (never set in production).
    if let Ok(day) = std::env::var("GONGKAI_TODAY") {
        web.today = Some(day.parse().context("GONGKAI_TODAY 应为 年-月-日")?);
    }
    Ok(web)
}

/// Runs the server until Ctrl-C or SIGTERM.
pub async fn run(cfg: Settings) -> anyhow::Result<Outcome> {
    init_logging(&cfg.log_format);
    let store = open_store(&cfg, Open::CreateIfMissing).await?;
    first_admin(store.as_ref(), &cfg).await?;
    store
        .checkpoint_all()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    sweep(store.clone());
    let indexer = Arc::new(
        Indexer::open(&super::search_cmd::index_dir(&cfg)).context("无法打开全文检索索引")?,
    );
    let state = AppState::new(store.clone(), web_config(&cfg)?)
        .with_search(indexer.index.clone())
        .with_page_cache(gongkai_web::portal::cache::RECHECK);
    // Each instance keeps its own index current from the change log.
    indexer.spawn(store.clone(), Duration::from_secs(5));
    follow_calendar(state.clone()).await?;
    send_reminders(&cfg, &state)?;
    if let Some(addr) = &cfg.metrics_listen {
        serve_metrics(addr, state.clone()).await?;
    }
    let app =
        gongkai_web::router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let listener = tokio::net::TcpListener::bind(&cfg.listen)
        .await
        .with_context(|| format!("无法监听 {}", cfg.listen))?;
    let url = gongkai_storage::redact(&cfg.database_url());
    tracing::info!(listen = %cfg.listen, database = %url, backend = store.backend(), "serving");
    println!("gongkai 已启动：http://{}/ （后台 /admin）", cfg.listen);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("服务异常退出")?;
    Ok(Outcome::Ok)
}
