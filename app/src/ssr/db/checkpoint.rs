//! SQLite: the WAL is copied back into the database file by a task of its own, so a commit
//! does not wait for a checkpoint. With SQLite's automatic checkpoint, the commit that took
//! the WAL past 1,000 pages copied them and synced the database file while every filing
//! queued behind it waited.
use std::{sync::Arc, time::Duration};

use sqlx::AnyPool;

/// How often the WAL is copied back.
const EVERY: Duration = Duration::from_millis(500);

/// WAL pages past which a commit checkpoints anyway: only if this task has stopped or falls
/// behind, so the WAL stays bounded (about 40 MB).
pub(super) const BACKSTOP_PAGES: u32 = 10_000;

/// The running task; it stops when the last `Db` holding it is dropped.
#[derive(Debug)]
pub(super) struct Checkpointer(tokio::task::JoinHandle<()>);

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub(super) fn spawn(pool: AnyPool) -> Arc<Checkpointer> {
    Arc::new(Checkpointer(tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            // PASSIVE copies what it can without waiting for readers or the writer.
            if let Err(e) = sqlx::query("pragma wal_checkpoint(passive)")
                .execute(&pool)
                .await
            {
                tracing::debug!(error = %e, "WAL checkpoint skipped");
            }
        }
    })))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::super::Db;

    /// A commit under the backstop leaves its pages in the WAL; the task copies them into the
    /// database file on its own.
    #[tokio::test]
    async fn the_wal_reaches_the_database_file_without_a_commit_doing_it() {
        let dir = std::env::temp_dir().join(format!("sn-checkpoint-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("folder");
        let file = dir.join("c.db");
        let db = Db::connect(&format!("sqlite://{}", file.display()))
            .await
            .expect("database");
        sqlx::query("create table filler (x text)")
            .execute(&db.pool)
            .await
            .expect("table");
        // About 1,500 pages (6 MB) in one commit: well under the backstop's 10,000.
        sqlx::query(
            "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1000)
             insert into filler select hex(randomblob(3000)) from n",
        )
        .execute(&db.pool)
        .await
        .expect("rows");
        let size = || std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let mut copied = size();
        for _ in 0..40 {
            if copied > 5_000_000 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            copied = size();
        }
        assert!(copied > 5_000_000, "database file is {copied} bytes");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
