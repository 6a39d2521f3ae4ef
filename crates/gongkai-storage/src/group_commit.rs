//! Group commit of online submissions on SQLite.
//!
//! SQLite with `synchronous = FULL` syncs its log once per commit, and one connection does all
//! writing, so submissions filed one transaction each are capped by the disk's fsync rate and
//! wait in line for the connection. Here they queue for one writer task, which takes whatever
//! has queued (up to [`MAX_BATCH`]) and files it in one transaction, each step one statement
//! for the whole batch (`submit_all`; each submission still gets its own audit events), then
//! commits once and only then answers every one of them: a 查询码 is shown only for a
//! submission that is on disk. A submission that fails (a 查询码 taken, a locked report year)
//! undoes the batch, whose submissions are then filed one transaction each, so that only the
//! failing one is refused. PostgreSQL groups concurrent commits itself and does not use this.

use crate::audit::Tx;
use crate::cases::online::{OnlineSubmission, Submitted, submit_all, submit_one};
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
    /// Starts the writer on `db`, on a thread of its own: each statement of a batch is a round
    /// trip to SQLite's worker thread, and on the server's runtime every one of those wake-ups
    /// waited behind the requests being served (measured: the cores a third idle, a
    /// submission 90 ms). If the thread cannot start, submissions fail with
    /// [`stopped`].
    pub(crate) fn start(db: DatabaseConnection, seal: Arc<Seal>) -> Self {
        let (queue, jobs) = mpsc::channel(QUEUE);
        let writer = move || match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime.block_on(run(db, seal, jobs)),
            Err(e) => tracing::error!(error = %e, "the group-commit writer did not start"),
        };
        if let Err(e) = std::thread::Builder::new()
            .name("group-commit".to_owned())
            .spawn(writer)
        {
            tracing::error!(error = %e, "the group-commit writer did not start");
        }
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
            Ok(results) => results.into_iter().map(Ok).collect(),
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

/// Every submission of `batch` in one transaction; one that fails undoes it all.
async fn together(
    db: &DatabaseConnection,
    seal: &Seal,
    batch: &[Job],
) -> StoreResult<Vec<Submitted>> {
    let mut tx = Tx::begin(db, seal).await?;
    let jobs: Vec<(AgencyId, &OnlineSubmission)> =
        batch.iter().map(|j| (j.agency, &j.submission)).collect();
    match submit_all(&mut tx, &jobs).await {
        Ok(results) => {
            tx.commit().await?;
            Ok(results)
        }
        Err(e) => {
            tx.txn.rollback().await?;
            Err(e)
        }
    }
}

async fn alone(db: &DatabaseConnection, seal: &Seal, job: &Job) -> StoreResult<Submitted> {
    let mut tx = Tx::begin(db, seal).await?;
    let done = submit_one(&mut tx, job.agency, &job.submission).await?;
    tx.commit().await?;
    Ok(done)
}
