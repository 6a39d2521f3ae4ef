//! An online submission as one write: the challenge claimed once, the sender's address
//! throttled, the application stored with its audit events and receipt. Three transactions
//! (three fsyncs) became one; on SQLite, submissions arriving together also share one commit
//! and the same few statements (`group_commit.rs`).

use super::create::create_all;
use super::{Application, NewApplication};
use crate::audit::Tx;
use crate::{AgencyId, SeaStore, StoreError, StoreResult, ThrottleKey};
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

/// The submissions `jobs` inside `tx`, each decided as if submitted alone, in the order given,
/// each step one statement for all of them: the agencies locked first (in id order; the claim's
/// foreign key would otherwise hold a share lock on the agency that deadlocks two submissions
/// on PostgreSQL), the challenges claimed, the addresses counted, the applications stored.
pub(crate) async fn submit_all(
    tx: &mut Tx<'_>,
    jobs: &[(AgencyId, &OnlineSubmission)],
) -> StoreResult<Vec<Submitted>> {
    let mut agencies: Vec<i64> = jobs.iter().map(|(a, _)| a.0).collect();
    agencies.sort_unstable();
    agencies.dedup();
    for &a in &agencies {
        tx.lock_agency(a).await?;
    }
    let claims: Vec<(i64, &str)> = jobs.iter().map(|(a, s)| (a.0, s.claim.as_str())).collect();
    let claimed = crate::profiles::claim_each(&tx.txn, &claims).await?;
    let counted: Vec<usize> = (0..jobs.len()).filter(|&i| claimed[i]).collect();
    let asks: Vec<(&ThrottleKey, DateTime<Utc>)> = counted
        .iter()
        .map(|&i| (&jobs[i].1.throttle, jobs[i].1.now))
        .collect();
    let waits = crate::throttle::reserve_each(&tx.txn, &asks).await?;
    let mut out: Vec<Submitted> = jobs.iter().map(|_| Submitted::ChallengeUsed).collect();
    let mut filing = Vec::new();
    for (&i, wait) in counted.iter().zip(waits) {
        match wait {
            Some(at) => out[i] = Submitted::Throttled(at),
            None => filing.push(i),
        }
    }
    for &a in &agencies {
        let of: Vec<usize> = filing
            .iter()
            .copied()
            .filter(|&i| jobs[i].0.0 == a)
            .collect();
        let news: Vec<&NewApplication> = of.iter().map(|&i| &jobs[i].1.application).collect();
        if news.is_empty() {
            continue;
        }
        let apps = create_all(tx, AgencyId(a), &news).await?;
        for (i, app) in of.into_iter().zip(apps) {
            out[i] = Submitted::Filed(Box::new(app));
        }
    }
    Ok(out)
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
    let done = submit_one(&mut tx, agency, &s).await?;
    tx.commit().await?;
    Ok(done)
}

/// One submission inside `tx`: [`submit_all`] with a batch of one.
pub(crate) async fn submit_one(
    tx: &mut Tx<'_>,
    agency: AgencyId,
    s: &OnlineSubmission,
) -> StoreResult<Submitted> {
    let mut done = submit_all(tx, &[(agency, s)]).await?;
    done.pop().ok_or_else(|| {
        StoreError::Backend(sea_orm::DbErr::Custom(
            "a submission without an answer".into(),
        ))
    })
}
