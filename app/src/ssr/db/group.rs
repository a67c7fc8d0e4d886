//! SQLite group commit. Every commit waits for its sync to disk (`synchronous = full`); one
//! at a time, that sync is most of a filing's time. Filings that arrive while a batch is being
//! written queue up and share the next transaction, each in its own savepoint, so one sync
//! acknowledges many. A filing that fails rolls back only its savepoint; each is answered
//! only after the shared commit.
//!
//! The batches run on a connection of their own, not a pooled one: SQLite empties a
//! connection's page cache whenever another connection has written, so a writer that changed
//! connection every batch re-read the pages of every index it touched (this and the
//! statement journals kept in memory, measured together: 1.9 → 1.7 ms of writer time per
//! filing; docs/performance.md).
use std::{future::Future, pin::Pin, sync::Arc};

use sqlx::{any::AnyConnectOptions, AnyConnection, Connection};
use tokio::sync::{oneshot, Mutex, OwnedMutexGuard};

use super::{Db, DbOptions};

/// A grouped write: runs in the batch's transaction and says whether to keep its rows.
pub type GroupedWrite = Box<
    dyn for<'c> FnOnce(&'c mut AnyConnection) -> Pin<Box<dyn Future<Output = bool> + Send + 'c>>
        + Send,
>;

/// The grouped writes' connection; holding its lock is the turn to write a batch.
#[derive(Clone)]
pub(super) struct Writer {
    conn: Arc<Mutex<Option<AnyConnection>>>,
    options: AnyConnectOptions,
    db_options: DbOptions,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Writer")
    }
}

impl Writer {
    pub(super) fn new(options: AnyConnectOptions, db_options: DbOptions) -> Writer {
        Writer {
            conn: Default::default(),
            options,
            db_options,
        }
    }

    /// The connection, opened if there is none (first use, or the last one failed).
    async fn open<'g>(
        &self,
        slot: &'g mut OwnedMutexGuard<Option<AnyConnection>>,
    ) -> Result<&'g mut AnyConnection, sqlx::Error> {
        if slot.is_none() {
            let mut conn = AnyConnection::connect_with(&self.options).await?;
            super::sqlite_pragmas(&mut conn, self.db_options).await?;
            **slot = Some(conn);
        }
        Ok(slot.as_mut().expect("opened above"))
    }
}

/// A queued write and who waits for its batch's commit.
pub(super) struct Queued {
    run: GroupedWrite,
    done: oneshot::Sender<Result<(), sqlx::Error>>,
}

/// Writes waiting for the next batch.
#[derive(Default, Clone)]
pub(super) struct Queue(std::sync::Arc<std::sync::Mutex<Vec<Queued>>>);

impl std::fmt::Debug for Queue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Queue")
    }
}

/// The most writes one transaction takes; the rest wait for the next.
const MOST_PER_BATCH: usize = 64;

impl Db {
    /// Runs `run` in a transaction shared with the writes queued beside it (SQLite; see the
    /// module). `Ok` once that transaction is committed, whatever `run` decided about its own
    /// rows; `Err` when it could not be committed (nothing in it was stored).
    pub async fn write_grouped(&self, run: GroupedWrite) -> Result<(), sqlx::Error> {
        let (done, told) = oneshot::channel();
        self.queue().push(Queued { run, done });
        let turn = self.writer.conn.clone().lock_owned().await;
        let batch: Vec<Queued> = {
            let mut queue = self.queue();
            let n = queue.len().min(MOST_PER_BATCH);
            queue.drain(..n).collect()
        };
        if batch.is_empty() {
            // An earlier batch took this write.
            drop(turn);
        } else {
            let writer = self.writer.clone();
            // Spawned so that a caller who goes away mid-batch cannot abandon the others.
            let _ = tokio::spawn(async move {
                write_batch(&writer, turn, batch).await;
            })
            .await;
        }
        told.await
            .unwrap_or_else(|_| Err(unstored("the batch writer stopped".into())))
    }

    fn queue(&self) -> std::sync::MutexGuard<'_, Vec<Queued>> {
        // A poisoned queue still holds valid writes: a panic cannot leave half a push.
        self.group.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

async fn write_batch(
    writer: &Writer,
    mut turn: OwnedMutexGuard<Option<AnyConnection>>,
    batch: Vec<Queued>,
) {
    let (runs, dones): (Vec<_>, Vec<_>) = batch.into_iter().map(|q| (q.run, q.done)).unzip();
    let started = std::time::Instant::now();
    let committed = match writer.open(&mut turn).await {
        Ok(conn) => run_batch(conn, runs).await,
        Err(e) => Err(e),
    };
    if committed.is_err() {
        // Whatever state the failure left it in, the next batch starts on a new connection.
        *turn = None;
    }
    drop(turn);
    tracing::debug!(
        writes = dones.len(),
        micros = started.elapsed().as_micros() as u64,
        "grouped batch"
    );
    if let Err(e) = &committed {
        tracing::error!(error = %e, writes = dones.len(), "a grouped commit failed");
    }
    for done in dones {
        let outcome = match &committed {
            Ok(()) => Ok(()),
            Err(e) => Err(unstored(e.to_string())),
        };
        let _ = done.send(outcome);
    }
}

async fn run_batch(conn: &mut AnyConnection, runs: Vec<GroupedWrite>) -> Result<(), sqlx::Error> {
    let mut tx = conn.begin().await?;
    for run in runs {
        sqlx::query("savepoint grouped").execute(&mut *tx).await?;
        if !run(&mut tx).await {
            sqlx::query("rollback to grouped").execute(&mut *tx).await?;
        }
        sqlx::query("release grouped").execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// The batch was not stored: answered like a database that is away (503, try again).
fn unstored(why: String) -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::other(why))
}
