//! Each case's named clocks (deadlines and the notice minimum), one row per clock.
use sqlx::{Any, Executor};

#[derive(Debug, Clone)]
pub struct ClockRow {
    pub seq: i64,
    pub kind: String,
    pub owner_level: String,
    pub started_on: String,
    pub due_on: String,
    pub state: String,
    pub closed_on: Option<String>,
    /// The working days a paused clock had left (migration 0024); `None` while it runs.
    pub paused_left: Option<i64>,
}

/// What every clock row of one case repeats from its case (migration 0024), so that the
/// sweep can judge and word a due clock without reading the case.
#[derive(Debug, Clone, Copy)]
pub struct ClockCase<'a> {
    pub case_id: &'a str,
    pub village_code: &'a str,
    pub township_code: &'a str,
    pub tracking_number: &'a str,
}

pub async fn delete_for_case<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("delete from case_clocks where case_id = $1")
        .bind(case_id)
        .execute(ex)
        .await
        .map(|_| ())
}

/// One clock row the sweep has dealt with, as it read it.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct ToldClock<'a> {
    pub case_id: &'a str,
    pub seq: i64,
    pub due_on: &'a str,
}

/// The most rows one [`mark_told`] statement takes: 3 values a row, 1 for the level.
pub const MAX_TOLD_ROWS: usize = (super::MAX_BINDS - 1) / 3;

/// Marks these clock rows told at `level` for the due date the sweep read (table clock_told,
/// migration 0025), in the sweep's own transaction. A mark is never lowered, so two sweeps at
/// once cannot undo each other. One statement per `per_statement` rows (at most
/// [`MAX_TOLD_ROWS`]).
pub async fn mark_told(
    tx: &mut sqlx::AnyConnection,
    level: i64,
    rows: &[ToldClock<'_>],
    per_statement: usize,
) -> sqlx::Result<()> {
    let as_json = super::json_rows::wanted(tx);
    for chunk in rows.chunks(per_statement.clamp(1, MAX_TOLD_ROWS)) {
        if as_json {
            mark_told_as_json(tx, level, chunk).await?;
            continue;
        }
        // Markers in the order they appear: the level, then the rows. (`where true`: SQLite
        // reads `on conflict` after a bare select's from as a join constraint.)
        let mut markers = super::markers::Markers::for_connection(tx);
        let set = markers.take();
        let values: Vec<String> = chunk.iter().map(|_| markers.row(3)).collect();
        let sql = format!(
            "insert into clock_told (due_on, case_id, seq, level)
             select column1, column2, column3, {set} from (values {}) as told
             where true
             on conflict (due_on, case_id, seq) do update set level = excluded.level
             where clock_told.level < excluded.level",
            values.join(", ")
        );
        // Not kept prepared: each chunk size is its own statement text.
        let mut query = sqlx::query(&sql).persistent(false).bind(level);
        for row in chunk {
            query = query.bind(row.due_on).bind(row.case_id).bind(row.seq);
        }
        query.execute(&mut *tx).await?;
    }
    Ok(())
}

/// Deletes told marks of clocks no longer open with that due date (closed, or moved to
/// another date by a case write, which leaves the marks alone so that a filing pays nothing
/// for them), among marks for dates before `before`; at most `limit` a call.
pub async fn purge_stale_marks<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    before: &str,
    limit: i64,
) -> sqlx::Result<u64> {
    sqlx::query(
        "delete from clock_told where (due_on, case_id, seq) in (
           select t.due_on, t.case_id, t.seq from clock_told t
           where t.due_on < $1 and not exists (
             select 1 from case_clocks c where c.case_id = t.case_id and c.seq = t.seq
             and c.due_on = t.due_on and c.state = 'open')
           limit $2)",
    )
    .bind(before)
    .bind(limit)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
}

/// [`mark_told`] on PostgreSQL: the rows travel as one JSON value (see `json_rows`).
async fn mark_told_as_json(
    tx: &mut sqlx::AnyConnection,
    level: i64,
    rows: &[ToldClock<'_>],
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into clock_told (due_on, case_id, seq, level)
         select due_on, case_id, seq, $1
         from json_to_recordset($2::json) as told (case_id text, seq bigint, due_on text)
         on conflict (due_on, case_id, seq) do update set level = excluded.level
         where clock_told.level < excluded.level",
    )
    .bind(level)
    .bind(super::json_rows::encode(rows))
    .execute(&mut *tx)
    .await
    .map(|_| ())
}

/// One county decision (the identification limit met): the day it was met, the case's
/// discovery day and whether the household was identified (it has a category).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub on: String,
    pub discovered_on: String,
    pub identified: bool,
}

/// The decisions in a region met on `from` ≤ day < `until` (ISO dates). Index
/// case_clocks_identification_met (0029) holds only met identification limits, so the
/// range reads one month's rows, not every clock ever closed.
pub async fn decided_between(
    pool: &sqlx::Pool<Any>,
    region_column: super::cases::RegionColumn,
    region_code: &str,
    from: &str,
    until: &str,
) -> sqlx::Result<Vec<Decided>> {
    // The literals match the partial index's predicate (a bound value would not).
    let sql = format!(
        "select k.closed_on, c.discovered_on, c.category from case_clocks k \
         join cases c on c.id = k.case_id \
         where k.kind = 'identification_overall' and k.state = 'met' \
         and k.closed_on >= $1 and k.closed_on < $2 and c.{} = $3",
        region_column.as_sql()
    );
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(&sql)
        .bind(from)
        .bind(until)
        .bind(region_code)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(on, discovered_on, category)| Decided {
            on,
            discovered_on,
            identified: category.is_some(),
        })
        .collect())
}
