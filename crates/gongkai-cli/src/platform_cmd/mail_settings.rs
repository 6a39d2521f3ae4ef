//! The `[smtp]` table and `base_url` of the settings: where reminder e-mails go out and what
//! their links point to. Same layering as the rest (`settings.rs`): file → `GONGKAI_*`
//! environment (`GONGKAI_SMTP__HOST` … with `__` for the table). Without a host, no reminder
//! e-mails are sent (the dashboard still shows due cases).

use anyhow::{Context, bail};
use gongkai_web::reminders::{ReminderSettings, SmtpSettings, TlsMode};
use serde::Deserialize;

/// The `[smtp]` table as read from the file.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SmtpFile {
    host: Option<String>,
    port: Option<u16>,
    tls: Option<String>,
    user: Option<String>,
    password: Option<String>,
    from: Option<String>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(format!("GONGKAI_{name}"))
        .ok()
        .filter(|v| !v.is_empty())
}

/// The reminder settings, or `None` when no SMTP host is configured. `listen` gives the
/// default `base_url`.
pub fn load(
    file: Option<SmtpFile>,
    base_url: Option<String>,
    listen: &str,
) -> anyhow::Result<Option<ReminderSettings>> {
    let f = file.unwrap_or_default();
    let Some(host) = env("SMTP__HOST")
        .or(f.host)
        .filter(|h| !h.trim().is_empty())
    else {
        return Ok(None);
    };
    let tls_text = env("SMTP__TLS")
        .or(f.tls)
        .unwrap_or_else(|| "starttls".into());
    let Some(tls) = TlsMode::parse(&tls_text) else {
        bail!("[smtp] tls 应为 starttls、tls 或 none，而不是“{tls_text}”");
    };
    let port = match env("SMTP__PORT") {
        Some(p) => Some(p.parse().context("GONGKAI_SMTP__PORT 应为端口号")?),
        None => f.port,
    };
    let default_port = match tls {
        TlsMode::StartTls => 587,
        TlsMode::Tls => 465,
        TlsMode::None => 25,
    };
    let from = env("SMTP__FROM")
        .or(f.from)
        .context("设置了 [smtp] host，还需要设置发件人 from（或 GONGKAI_SMTP__FROM）")?;
    let base_url = env("BASE_URL")
        .or(base_url)
        .unwrap_or_else(|| format!("http://{listen}"));
    Ok(Some(ReminderSettings {
        smtp: SmtpSettings {
            host: host.trim().to_owned(),
            port: port.unwrap_or(default_port),
            tls,
            user: env("SMTP__USER").or(f.user).filter(|u| !u.is_empty()),
            password: env("SMTP__PASSWORD").or(f.password),
            from,
        },
        base_url,
    }))
}
