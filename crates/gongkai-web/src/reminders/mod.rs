//! 到期提醒 by e-mail: a job in every `gongkai serve` instance that, once a minute, finds the open
//! applications that are 已逾期 or 即将到期 (the inbox's window, `cases::due_window`) and mails each
//! agency's reminder addresses (公开设置) one message listing its cases not yet reminded of today.
//!
//! Several instances may run on one PostgreSQL database, so each reminder — one per case, kind
//! and day, keyed `due-soon:{id}:{day}` — is claimed in the store *before* sending
//! (`NotificationStore`): the database's unique key picks one instance. After a successful send the
//! claims are marked sent and the batch is logged in the agency's audit chain; after a failed one
//! they are given back, so the next run tries again.

pub mod mail;
pub mod text;

pub use mail::{MailError, Mailer, SmtpSettings, TlsMode};

use crate::AppState;
use gongkai_domain::reminder::DueWindow;
use gongkai_storage::cases::CaseFilter;
use gongkai_storage::{Actor, AgencyId, Scope, Store, StoreError};
use std::collections::BTreeMap;
use std::time::Duration;
use text::Item;

/// How often the job looks for due cases.
pub const INTERVAL: Duration = Duration::from_secs(60);

/// A claim not marked sent after this long was abandoned (its instance died mid-send) and may
/// be taken over. Far above the 30 s SMTP timeout, so a slow send is never sent twice.
pub const LEASE: chrono::Duration = chrono::Duration::minutes(15);

/// Cases read per query.
const PAGE: u64 = 500;

/// Where reminders go out and what their links point to.
#[derive(Debug, Clone)]
pub struct ReminderSettings {
    /// The SMTP server.
    pub smtp: SmtpSettings,
    /// The platform's address as clerks reach it, e.g. `https://gk.example.gov.cn`.
    pub base_url: String,
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Messages sent (one per agency with new reminders).
    pub messages: usize,
    /// Cases reminded of in them.
    pub cases: usize,
    /// Messages that failed (their reminders are retried by a later run).
    pub failed: usize,
}

/// The reminder job.
#[derive(Clone)]
pub struct Reminders {
    mailer: Mailer,
    base_url: String,
}

impl Reminders {
    /// The job for `settings`.
    ///
    /// # Errors
    /// A sender address or SMTP host that cannot be used.
    pub fn new(settings: &ReminderSettings) -> Result<Self, MailError> {
        Ok(Self {
            mailer: Mailer::new(&settings.smtp)?,
            base_url: settings.base_url.clone(),
        })
    }

    /// Runs the job every [`INTERVAL`] in the background, from now on.
    pub fn spawn(self, state: AppState) {
        tokio::spawn(async move {
            loop {
                match self.run_once(&state).await {
                    Ok(r) if r.messages + r.failed > 0 => {
                        tracing::info!(
                            messages = r.messages,
                            cases = r.cases,
                            failed = r.failed,
                            "reminders run"
                        );
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "reminder run failed"),
                }
                tokio::time::sleep(INTERVAL).await;
            }
        });
    }

    /// One run: every agency's new reminders of today, one message per agency.
    ///
    /// # Errors
    /// The store failed while reading cases (a failed message is counted, not an error).
    pub async fn run_once(&self, state: &AppState) -> Result<RunReport, StoreError> {
        let window = crate::cases::due_window(state);
        let mut report = RunReport::default();
        for (agency, items) in due_cases(state.store.as_ref(), &window).await? {
            match self
                .remind(state.store.as_ref(), agency, &window, items)
                .await
            {
                Ok(n) if n > 0 => {
                    report.messages += 1;
                    report.cases += n;
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(agency = agency.0, error = %e, "reminder e-mail not sent; retried next run");
                    report.failed += 1;
                }
            }
        }
        Ok(report)
    }

    /// Claims `agency`'s reminders not yet claimed today and mails them; returns how many cases
    /// the message named (0: nothing new, or nobody to send to).
    async fn remind(
        &self,
        store: &dyn Store,
        agency: AgencyId,
        window: &DueWindow,
        items: Vec<Item>,
    ) -> Result<usize, Failure> {
        let (profile, _) = store.profile(agency).await?;
        let to: Vec<String> = profile.reminder_recipients().map(str::to_owned).collect();
        if to.is_empty() {
            // Nothing is claimed, so an address added later today still gets today's reminders.
            return Ok(0);
        }
        let (items, keys) = claim(store, agency, window, items).await?;
        if items.is_empty() {
            return Ok(0);
        }
        let name = store.agency(Scope::agency(agency), agency).await?.name;
        let subject = text::subject(&name, &items);
        let body = text::body(&name, window.today, &items, &self.base_url);
        if let Err(e) = self.mailer.send(&to, &subject, &body).await {
            store.release_notifications(agency, &keys).await?;
            return Err(e.into());
        }
        let summary = format!("发送到期提醒邮件至 {}：{subject}", to.join("、"));
        store
            .notifications_sent(
                &Actor::system(),
                agency,
                &keys,
                chrono::Utc::now(),
                &summary,
            )
            .await?;
        Ok(items.len())
    }
}

/// Why one agency's message did not go out.
#[derive(Debug, thiserror::Error)]
enum Failure {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Mail(#[from] MailError),
}

/// The reminder key of `item` on `window`'s day.
fn key(item: &Item, window: &DueWindow) -> String {
    format!("{}:{}:{}", item.urgency.as_str(), item.id, window.today)
}

/// Claims each item's key; returns the items this instance won and their keys.
async fn claim(
    store: &dyn Store,
    agency: AgencyId,
    window: &DueWindow,
    items: Vec<Item>,
) -> Result<(Vec<Item>, Vec<String>), StoreError> {
    let now = chrono::Utc::now();
    let (mut won, mut keys) = (Vec::new(), Vec::new());
    for item in items {
        let k = key(&item, window);
        if store.claim_notification(agency, &k, now, LEASE).await? {
            won.push(item);
            keys.push(k);
        }
    }
    Ok((won, keys))
}

/// The open cases of the whole platform that are due soon or overdue, by agency, soonest first.
async fn due_cases(
    store: &dyn Store,
    window: &DueWindow,
) -> Result<BTreeMap<AgencyId, Vec<Item>>, StoreError> {
    let filter = CaseFilter {
        due_by: Some(window.soon_until),
        ..CaseFilter::default()
    };
    let mut out: BTreeMap<AgencyId, Vec<Item>> = BTreeMap::new();
    for root in store
        .all_agencies()
        .await?
        .iter()
        .filter(|a| a.parent_id.is_none())
    {
        let mut offset = 0;
        loop {
            let (rows, _) = store
                .applications(Scope::subtree(root.id), &filter, offset, PAGE)
                .await?;
            for row in &rows {
                let Some(due) = row.due.on else { continue };
                let Some(urgency) = window.urgency(due) else {
                    continue;
                };
                let item = Item {
                    id: row.id,
                    number: row.number.clone(),
                    due,
                    provisional: row.due.provisional,
                    urgency,
                };
                out.entry(row.agency_id).or_default().push(item);
            }
            if (rows.len() as u64) < PAGE {
                break;
            }
            offset += PAGE;
        }
    }
    Ok(out)
}
