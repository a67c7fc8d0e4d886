//! The database's own bookkeeping: which migrations it has, online copies, row totals for
//! backup and restore reports. Used by the `server` binary's `migrate`, `backup`, `restore`.
use sqlx::{Any, Executor, Row};

/// Whether sqlx's migration table exists (a database never migrated has none).
pub async fn has_migration_table<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    postgres: bool,
) -> sqlx::Result<bool> {
    let sql = if postgres {
        "select count(*) from information_schema.tables
         where table_schema = current_schema() and table_name = '_sqlx_migrations'"
    } else {
        "select count(*) from sqlite_master where type = 'table' and name = '_sqlx_migrations'"
    };
    let count: i64 = sqlx::query_scalar(sql).fetch_one(ex).await?;
    Ok(count > 0)
}

/// Versions of the migrations applied, ascending.
pub async fn applied_versions<'e, E: Executor<'e, Database = Any>>(
    ex: E,
) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("select version from _sqlx_migrations order by version")
        .fetch_all(ex)
        .await
}

/// How many tables the database has (in the current schema on PostgreSQL): a restore goes
/// only into an empty database.
pub async fn table_count<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    postgres: bool,
) -> sqlx::Result<i64> {
    let sql = if postgres {
        "select count(*) from information_schema.tables where table_schema = current_schema()"
    } else {
        "select count(*) from sqlite_master where type = 'table'"
    };
    sqlx::query_scalar(sql).fetch_one(ex).await
}

/// SQLite's online, consistent copy of the whole database into a new file (`VACUUM INTO`):
/// readers and writers carry on while it runs.
pub async fn sqlite_vacuum_into<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    path: &str,
) -> sqlx::Result<()> {
    sqlx::query("vacuum into $1")
        .bind(path)
        .execute(ex)
        .await
        .map(|_| ())
}

/// Cases, events and clocks: what a backup holds and a restore must show again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub cases: i64,
    pub events: i64,
    pub clocks: i64,
}

pub async fn totals<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<Totals> {
    let row = sqlx::query(
        "select (select count(*) from cases), (select count(*) from case_events),
                (select count(*) from case_clocks)",
    )
    .fetch_one(ex)
    .await?;
    Ok(Totals {
        cases: row.try_get(0)?,
        events: row.try_get(1)?,
        clocks: row.try_get(2)?,
    })
}
