//! Sending a plain-text e-mail through the configured SMTP server (lettre over tokio; rustls for
//! TLS, so no system OpenSSL is needed). The only outside service gongkai talks to besides its
//! database, and only for reminders.

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// Plain SMTP, upgraded with STARTTLS (required): port 587.
    StartTls,
    /// TLS from the first byte (SMTPS): port 465.
    Tls,
    /// No encryption: only for a relay on the same host or a test server.
    None,
}

impl TlsMode {
    /// Parses `starttls`, `tls` or `none`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "starttls" => Some(Self::StartTls),
            "tls" | "smtps" => Some(Self::Tls),
            "none" | "plain" => Some(Self::None),
            _ => None,
        }
    }
}

/// The SMTP server and sender. The password is redacted in `Debug`.
#[derive(Clone)]
pub struct SmtpSettings {
    /// Host name (also checked against the server's certificate).
    pub host: String,
    /// Port.
    pub port: u16,
    /// Connection security.
    pub tls: TlsMode,
    /// User name for AUTH, if the server wants one.
    pub user: Option<String>,
    /// Password for AUTH.
    pub password: Option<String>,
    /// The sender, e.g. `政府信息公开平台 <noreply@example.gov.cn>`.
    pub from: String,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("from", &self.from)
            .finish()
    }
}

/// Why mail could not be set up or sent (logged, never shown to the public).
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The sender or a recipient is not an address.
    #[error("邮箱地址“{0}”无效")]
    Address(String),
    /// The message could not be built.
    #[error("邮件无法生成：{0}")]
    Build(#[from] lettre::error::Error),
    /// The SMTP server refused or could not be reached.
    #[error("邮件发送失败：{0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
}

/// A connection pool to the SMTP server.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// A mailer for `s` (connects lazily, on the first message).
    ///
    /// # Errors
    /// A sender that is not an address, or a host name TLS cannot use.
    pub fn new(s: &SmtpSettings) -> Result<Self, MailError> {
        let from = s
            .from
            .parse()
            .map_err(|_| MailError::Address(s.from.clone()))?;
        let builder = match s.tls {
            TlsMode::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host)?,
            TlsMode::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host)?,
            TlsMode::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host),
        };
        let mut builder = builder.port(s.port).timeout(Some(Duration::from_secs(30)));
        if let Some(user) = &s.user {
            let pw = s.password.clone().unwrap_or_default();
            builder = builder.credentials(Credentials::new(user.clone(), pw));
        }
        Ok(Self {
            transport: builder.build(),
            from,
        })
    }

    /// Sends one plain-text message to every address in `to`.
    ///
    /// # Errors
    /// A bad address, or the server refused or could not be reached.
    pub async fn send(&self, to: &[String], subject: &str, body: &str) -> Result<(), MailError> {
        let mut m = Message::builder()
            .from(self.from.clone())
            .subject(subject)
            .header(ContentType::TEXT_PLAIN);
        for addr in to {
            let mb: Mailbox = addr.parse().map_err(|_| MailError::Address(addr.clone()))?;
            m = m.to(mb);
        }
        self.transport.send(m.body(body.to_owned())?).await?;
        Ok(())
    }
}
