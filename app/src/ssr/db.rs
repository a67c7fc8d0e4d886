//! One pool for SQLite (embedded default) or PostgreSQL (production), chosen by URL.
//! SQL is written once in the portable subset both understand (text, bigint, `$n` binds).
use std::{str::FromStr, time::Duration};

use sqlx::{
    any::{install_default_drivers, AnyConnectOptions, AnyPoolOptions},
    AnyConnection, AnyPool, Executor,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// SQLite: the grouped writes' own connection, opened on first use (see `group`).
    writer: group::Writer,
    /// SQLite: writes waiting to share the next commit (see `group`).
    group: group::Queue,
    /// SQLite: the task that checkpoints the WAL (see `checkpoint`), held so that it stops
    /// with the last clone of this `Db`.
    _checkpointer: Option<std::sync::Arc<checkpoint::Checkpointer>>,
}

mod checkpoint;
mod group;
pub use group::GroupedWrite;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported database URL (use sqlite:// or postgres://)")]
    UnsupportedUrl,
    #[error("could not create the database folder {0}")]
    Folder(String, #[source] std::io::Error),
    #[error("could not connect to the database")]
    Connect(#[source] sqlx::Error),
    #[error("could not migrate the database")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    #[error("could not read which migrations the database has")]
    Status(#[source] sqlx::Error),
    /// Applied migrations this binary does not know: a newer version ran here.
    #[error(
        "the database was migrated by a newer version of Safety Net (migration(s) {} unknown to \
         this binary): run that version or newer, or restore the backup taken before the upgrade. \
         数据库已被更新版本的程序迁移（本程序不认识迁移 {}）：请运行该版本或更新版本，或恢复升级前的备份。",
        join(.0), join(.0)
    )]
    NewerDatabase(Vec<i64>),
    /// A command that only reads found no SQLite file (it would have made an empty one).
    #[error("no database at {0}: check DATABASE_URL 没有找到数据库文件，请检查 DATABASE_URL")]
    Missing(String),
}

fn join(versions: &[i64]) -> String {
    versions
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where the database stands against this binary's migrations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    /// This binary's migrations not applied yet: (version, description), ascending.
    pub pending: Vec<(i64, String)>,
    /// Applied migrations this binary does not have (a newer version ran).
    pub unknown: Vec<i64>,
    pub applied: usize,
}

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// How the pool meets a database that is slow, away or full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DbOptions {
    /// How long a request waits for a connection before it is answered 503 (the database
    /// restarting or unreachable); default 10 s.
    pub acquire_timeout: Duration,
    /// SQLite only, for the disk-full test: `pragma max_page_count` on every connection, so
    /// the file stops growing as a full disk would stop it. `None` (default): no cap.
    pub sqlite_max_pages: Option<u64>,
}

impl Default for DbOptions {
    fn default() -> Self {
        DbOptions {
            acquire_timeout: Duration::from_secs(10),
            sqlite_max_pages: None,
        }
    }
}

/// Whether an error means the database is away or cannot store just now (connection lost or
/// refused, server shutting down or restarting, disk full), not that the request was wrong:
/// such a request is answered 503 and may be tried again.
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        // A connection cut mid-exchange (a restart, a dropped link) can leave its messages out
        // of order: sqlx then reports a protocol error, or a BEGIN that did not begin. The
        // request was sound; on a fresh connection it succeeds.
        sqlx::Error::Protocol(_) | sqlx::Error::BeginFailed => true,
        sqlx::Error::Database(db) => {
            let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
            // PostgreSQL: connection exceptions (08…), insufficient resources (53…: disk
            // full, out of memory, too many connections), shutdown and restart (57P01-03).
            // SQLite: SQLITE_FULL (13) and SQLITE_IOERR (10, extended codes 10 + n·256).
            code.starts_with("08")
                || code.starts_with("53")
                || matches!(code.as_str(), "57P01" | "57P02" | "57P03")
                || code.parse::<i64>().is_ok_and(|n| n == 13 || n % 256 == 10)
        }
        _ => false,
    }
}

impl Db {
    /// Connects, creating the SQLite file and its folder if needed, and migrates; refuses a
    /// database migrated by a newer version.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        Db::connect_with(url, DbOptions::default()).await
    }

    /// [`Db::connect`] with pool options other than the defaults.
    pub async fn connect_with(url: &str, options: DbOptions) -> Result<Db, DbError> {
        let db = Db::open_with(url, options).await?;
        db.migrate().await?;
        Ok(db)
    }

    /// Applies the pending migrations, after checking that no newer version migrated it.
    pub async fn migrate(&self) -> Result<(), DbError> {
        let status = self.migration_status().await?;
        if !status.unknown.is_empty() {
            return Err(DbError::NewerDatabase(status.unknown));
        }
        MIGRATOR.run(&self.pool).await.map_err(DbError::Migrate)
    }

    /// What `migrate` would do, changing nothing.
    pub async fn migration_status(&self) -> Result<MigrationStatus, DbError> {
        use crate::ssr::repo::schema;
        let postgres = self.backend == Backend::Postgres;
        let applied = if schema::has_migration_table(&self.pool, postgres)
            .await
            .map_err(DbError::Status)?
        {
            schema::applied_versions(&self.pool)
                .await
                .map_err(DbError::Status)?
        } else {
            Vec::new()
        };
        let known: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
        Ok(MigrationStatus {
            pending: MIGRATOR
                .iter()
                .filter(|m| !applied.contains(&m.version))
                .map(|m| (m.version, m.description.to_string()))
                .collect(),
            unknown: applied
                .iter()
                .copied()
                .filter(|v| !known.contains(v))
                .collect(),
            applied: applied.len(),
        })
    }

    /// Connects (creating the SQLite file and its folder if needed) without migrating.
    pub async fn open(url: &str) -> Result<Db, DbError> {
        Db::open_with(url, DbOptions::default()).await
    }

    /// Connects to a database that must already exist, without migrating: a command that
    /// only reads (`migrate --check`, `verify-audit`) left an empty SQLite file behind a
    /// mistyped `DATABASE_URL` (admin tester).
    pub async fn open_existing(url: &str) -> Result<Db, DbError> {
        if url.starts_with("sqlite:") {
            let path = sqlite_file(url);
            if path != ":memory:" && !std::path::Path::new(path).is_file() {
                return Err(DbError::Missing(path.to_owned()));
            }
        }
        Db::open(url).await
    }

    pub async fn open_with(url: &str, db_options: DbOptions) -> Result<Db, DbError> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(DbError::UnsupportedUrl);
        };
        if backend == Backend::Sqlite {
            ensure_sqlite_folder(url)?;
        }
        let url = match backend {
            Backend::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_owned(),
        };
        let options = AnyConnectOptions::from_str(&url).map_err(DbError::Connect)?;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 16,
            })
            .acquire_timeout(db_options.acquire_timeout)
            // sqlx pings every connection as it goes back to the pool; pinging again as it
            // is handed out only adds a round trip to every query, unless it sat idle long
            // enough to have died with a database restart.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= PING_IF_IDLE_FOR {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        sqlite_pragmas(conn, db_options).await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options.clone())
            .await
            .map_err(DbError::Connect)?;
        let checkpointer = (backend == Backend::Sqlite).then(|| checkpoint::spawn(pool.clone()));
        Ok(Db {
            pool,
            backend,
            writer: group::Writer::new(options, db_options),
            group: Default::default(),
            _checkpointer: checkpointer,
        })
    }

    pub async fn is_reachable(&self) -> bool {
        sqlx::query("select 1").execute(&self.pool).await.is_ok()
    }
}

/// How long a pooled connection may sit idle and still be handed out without a ping.
const PING_IF_IDLE_FOR: std::time::Duration = std::time::Duration::from_secs(5);

/// Every SQLite connection's settings (the pool's and the grouped writer's).
async fn sqlite_pragmas(
    conn: &mut AnyConnection,
    db_options: DbOptions,
) -> Result<(), sqlx::Error> {
    // WAL lets readers work while one writer commits; wait rather than fail when another
    // writer holds the lock.
    conn.execute("pragma journal_mode = wal").await?;
    conn.execute("pragma busy_timeout = 10000").await?;
    conn.execute("pragma foreign_keys = on").await?;
    // Acknowledged means durable: every commit is synced to disk before the filing is
    // answered (WAL with `normal` can lose the last commits on a power cut).
    conn.execute("pragma synchronous = full").await?;
    // Statement journals (a grouped filing's savepoint) in memory, not in a temporary file
    // created, written and unlinked for every filing.
    conn.execute("pragma temp_store = memory").await?;
    // The checkpoint task copies the WAL back; a commit does so only past the backstop.
    let pages = checkpoint::BACKSTOP_PAGES;
    conn.execute(format!("pragma wal_autocheckpoint = {pages}").as_str())
        .await?;
    if let Some(pages) = db_options.sqlite_max_pages {
        conn.execute(format!("pragma max_page_count = {pages}").as_str())
            .await?;
    }
    Ok(())
}

/// The file path in a `sqlite:` URL.
fn sqlite_file(url: &str) -> &str {
    url.trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default()
}

fn ensure_sqlite_folder(url: &str) -> Result<(), DbError> {
    let path = sqlite_file(url);
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent)
                .map_err(|e| DbError::Folder(parent.display().to_string(), e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_errors_of_an_absent_or_full_database_are_unavailable() {
        let cases = [
            (sqlx::Error::PoolTimedOut, true),
            (sqlx::Error::PoolClosed, true),
            (
                sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset)),
                true,
            ),
            (sqlx::Error::RowNotFound, false),
            (sqlx::Error::ColumnNotFound("id".into()), false),
            (sqlx::Error::Protocol("unexpected message".into()), true),
            (sqlx::Error::BeginFailed, true),
            (sqlx::Error::Decode("bad column".into()), false),
        ];
        for (error, unavailable) in cases {
            assert_eq!(is_unavailable(&error), unavailable, "{error}");
        }
    }
}
