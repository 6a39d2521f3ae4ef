//! An online submission as one write: the challenge claimed once, the sender's address
//! throttled, the application stored with its audit events and receipt. Three transactions
//! (three fsyncs) became one; on SQLite, submissions arriving together also share one commit
//! (`group_commit.rs`).

use super::write::create_in;
use super::{Application, NewApplication};
use crate::audit::Tx;
use crate::{AgencyId, SeaStore, StoreResult, ThrottleKey};
use chrono::{DateTime, Utc};

/// An application from the public form, with what guards the form.
#[derive(Debug, Clone)]
pub struct OnlineSubmission {
    /// The key of the answered challenge, claimed once (e.g. `captcha:NONCE`).
    pub claim: String,
    /// The sender's throttling counter.
    pub throttle: ThrottleKey,
    /// When it was submitted (for the throttle).
    pub now: DateTime<Utc>,
    /// The application.
    pub application: NewApplication,
}

/// What became of an online submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Submitted {
    /// Stored (or found stored, for a resubmitted form).
    Filed(Box<Application>),
    /// The challenge was answered before: nothing is stored.
    ChallengeUsed,
    /// The address must wait until then: the challenge is used up, nothing else is stored.
    Throttled(DateTime<Utc>),
}

/// The submission inside `tx`. The agency is locked first: the claim's foreign key would
/// otherwise hold a share lock on it that deadlocks two submissions on PostgreSQL.
pub(crate) async fn submit_in(
    tx: &mut Tx<'_>,
    agency: AgencyId,
    s: &OnlineSubmission,
) -> StoreResult<Submitted> {
    tx.lock_agency(agency.0).await?;
    if !crate::profiles::claim(&tx.txn, agency.0, &s.claim).await? {
        return Ok(Submitted::ChallengeUsed);
    }
    let keys = std::slice::from_ref(&s.throttle);
    if let Some(at) = crate::throttle::reserve(&tx.txn, keys, s.now).await? {
        return Ok(Submitted::Throttled(at));
    }
    let app = create_in(tx, agency, &s.application).await?;
    Ok(Submitted::Filed(Box::new(app)))
}

/// [`super::CaseStore::submit_online`]: queued for a shared commit on SQLite, its own
/// transaction on PostgreSQL (which groups concurrent commits itself).
pub(crate) async fn submit(
    store: &SeaStore,
    agency: AgencyId,
    s: OnlineSubmission,
) -> StoreResult<Submitted> {
    if let Some(queue) = store.group_commit() {
        return queue.submit(agency, s).await;
    }
    let mut tx = store.begin().await?;
    let done = submit_in(&mut tx, agency, &s).await?;
    tx.commit().await?;
    Ok(done)
}
