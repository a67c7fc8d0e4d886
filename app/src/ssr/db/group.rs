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
use std::{
    future::Future,
    pin::Pin,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
};

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
    /// Batches committed so far (each one sync to disk, however many writes it held).
    commits: Arc<AtomicU64>,
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
            commits: Default::default(),
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
            // Every filing walks the case table's indexes: 16 MiB keeps their upper levels
            // in this connection's cache at a million households (the default is 2 MiB).
            sqlx::Executor::execute(&mut conn, "pragma cache_size = -16384").await?;
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
        let (done, mut told) = oneshot::channel();
        self.queue().push(Queued { run, done });
        // Whoever holds the turn next takes every queued write, this one included: a write
        // taken that way is answered when its batch commits, without waiting in line for a
        // turn it no longer needs (waiting for it anyway made every filing pass through the
        // lock one by one, and batches of one write).
        let turn = tokio::select! {
            biased;
            outcome = &mut told => return outcome.unwrap_or_else(|_| Err(stopped())),
            turn = self.writer.conn.clone().lock_owned() => turn,
        };
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
        told.await.unwrap_or_else(|_| Err(stopped()))
    }

    /// How many grouped commits this process has made: fewer than the writes when they share.
    pub fn grouped_commits(&self) -> u64 {
        self.writer.commits.load(Ordering::Relaxed)
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
    if committed.is_ok() {
        writer.commits.fetch_add(1, Ordering::Relaxed);
    } else {
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
    sqlx::query("savepoint grouped").execute(&mut *tx).await?;
    let last = runs.len().saturating_sub(1);
    for (n, run) in runs.into_iter().enumerate() {
        let kept = run(&mut tx).await;
        // One call ends this write's savepoint and opens the next one's: every statement is
        // a hand-off to SQLite's thread and back, and the writer does them one at a time.
        let end = match (kept, n == last) {
            (true, true) => "release grouped",
            (true, false) => "release grouped; savepoint grouped",
            (false, true) => "rollback to grouped; release grouped",
            (false, false) => "rollback to grouped; release grouped; savepoint grouped",
        };
        sqlx::query(end).execute(&mut *tx).await?;
    }
    tx.commit().await
}

fn stopped() -> sqlx::Error {
    unstored("the batch writer stopped".into())
}

/// The batch was not stored: answered like a database that is away (503, try again).
fn unstored(why: String) -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::other(why))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    /// Writers that each file again as soon as they are answered, like the clients of a busy
    /// county: their writes keep sharing commits. (A writer used to wait for the turn even
    /// after another batch had taken its write, so the line moved one write per commit.)
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writers_that_keep_coming_keep_sharing_commits() {
        const WRITERS: usize = 16;
        const EACH: usize = 8;
        let dir = std::env::temp_dir().join(format!("sn-group-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("folder");
        let url = format!("sqlite://{}", dir.join("group.db").display());
        let db = Db::connect(&url).await.expect("database");
        sqlx::query("create table grouped_test (writer integer, n integer)")
            .execute(&db.pool)
            .await
            .expect("table");
        let tasks: Vec<_> = (0..WRITERS)
            .map(|w| {
                let db = db.clone();
                tokio::spawn(async move {
                    for n in 0..EACH {
                        let write: GroupedWrite = Box::new(move |tx| {
                            Box::pin(async move {
                                // A disk sync's worth of time, so that others arrive meanwhile.
                                tokio::time::sleep(Duration::from_millis(2)).await;
                                sqlx::query("insert into grouped_test (writer, n) values ($1, $2)")
                                    .bind(w as i64)
                                    .bind(n as i64)
                                    .execute(&mut *tx)
                                    .await
                                    .is_ok()
                            })
                        });
                        db.write_grouped(write).await.expect("committed");
                    }
                })
            })
            .collect();
        for t in tasks {
            t.await.expect("writer");
        }
        let stored: i64 = sqlx::query_scalar("select count(*) from grouped_test")
            .fetch_one(&db.pool)
            .await
            .expect("count");
        assert_eq!(stored, (WRITERS * EACH) as i64, "every write stored once");
        let commits = db.grouped_commits();
        assert!(
            commits <= (WRITERS * EACH / 4) as u64,
            "{commits} commits for {} writes: they did not share",
            WRITERS * EACH
        );
        db.pool.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}
