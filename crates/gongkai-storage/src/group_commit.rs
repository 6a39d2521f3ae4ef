//! Group commit of online submissions on SQLite.
//!
//! SQLite with `synchronous = FULL` syncs its log once per commit, and one connection does all
//! writing, so submissions filed one transaction each are capped by the disk's fsync rate and
//! wait in line for the connection. Here they queue for one writer task, which takes whatever
//! has queued (up to [`MAX_BATCH`]) and files it in one transaction, each submission under its
//! own savepoint (a failing one is undone alone; each appends its own audit events to the
//! chain), then commits once and only then answers every one of them: a 查询码 is shown only
//! for a submission that is on disk. PostgreSQL groups concurrent commits itself and does not
//! use this.

use crate::audit::Tx;
use crate::cases::online::{OnlineSubmission, Submitted, submit_in};
use crate::seal::Seal;
use crate::{AgencyId, StoreError, StoreResult};
use sea_orm::{DatabaseConnection, DbErr};
use std::sync::Arc;
use tokio::sync::{mpsc, oneshot};

/// Submissions filed in one transaction at most (bounds the wait of the first in line).
const MAX_BATCH: usize = 64;
/// Submissions waiting at most before senders wait for room.
const QUEUE: usize = 1024;

/// One submission waiting for its commit.
struct Job {
    agency: AgencyId,
    submission: OnlineSubmission,
    reply: oneshot::Sender<StoreResult<Submitted>>,
}

/// The queue to the writer task; the task ends when the last store clone is dropped.
pub(crate) struct GroupCommit {
    queue: mpsc::Sender<Job>,
}

fn stopped() -> StoreError {
    StoreError::Backend(DbErr::Custom(
        "the group-commit writer has stopped".to_owned(),
    ))
}

impl GroupCommit {
    /// Starts the writer on `db`.
    pub(crate) fn start(db: DatabaseConnection, seal: Arc<Seal>) -> Self {
        let (queue, jobs) = mpsc::channel(QUEUE);
        tokio::spawn(run(db, seal, jobs));
        Self { queue }
    }

    /// Files `submission` with the next commit and waits for it.
    pub(crate) async fn submit(
        &self,
        agency: AgencyId,
        submission: OnlineSubmission,
    ) -> StoreResult<Submitted> {
        let (reply, answer) = oneshot::channel();
        let job = Job {
            agency,
            submission,
            reply,
        };
        self.queue.send(job).await.map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

async fn run(db: DatabaseConnection, seal: Arc<Seal>, mut jobs: mpsc::Receiver<Job>) {
    while let Some(first) = jobs.recv().await {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        tracing::debug!(submissions = batch.len(), "group commit");
        let results = match together(&db, &seal, &batch).await {
            Ok(results) => results,
            // The batch is undone whole; each submission is tried alone for its own answer.
            Err(_) => {
                let mut results = Vec::with_capacity(batch.len());
                for job in &batch {
                    results.push(alone(&db, &seal, job).await);
                }
                results
            }
        };
        for (job, result) in batch.into_iter().zip(results) {
            // The citizen may have gone; the submission stays filed all the same.
            let _ = job.reply.send(result);
        }
    }
}

/// Every submission of `batch` in one transaction, each under a savepoint.
async fn together(
    db: &DatabaseConnection,
    seal: &Seal,
    batch: &[Job],
) -> StoreResult<Vec<StoreResult<Submitted>>> {
    let mut tx = Tx::begin(db, seal).await?;
    let mut results = Vec::with_capacity(batch.len());
    for job in batch {
        let mut one = tx.savepoint().await?;
        match submit_in(&mut one, job.agency, &job.submission).await {
            Ok(done) => {
                one.release(&mut tx).await?;
                results.push(Ok(done));
            }
            Err(e) => {
                one.txn.rollback().await?;
                results.push(Err(e));
            }
        }
    }
    tx.commit().await?;
    Ok(results)
}

async fn alone(db: &DatabaseConnection, seal: &Seal, job: &Job) -> StoreResult<Submitted> {
    let mut tx = Tx::begin(db, seal).await?;
    let done = submit_in(&mut tx, job.agency, &job.submission).await?;
    tx.commit().await?;
    Ok(done)
}
