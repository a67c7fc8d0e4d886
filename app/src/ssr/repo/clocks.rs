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

/// The most rows one [`mark_told`] statement takes: 3 values a row, 2 for the level.
pub const MAX_TOLD_ROWS: usize = (super::MAX_BINDS - 2) / 3;

/// Raises the told level of these clock rows to `level` (see migration 0022), in the sweep's
/// own transaction. A row rewritten since the sweep read it (another due date) or closed is
/// left alone, and a level is never lowered, so two sweeps at once cannot undo each other.
/// One UPDATE per `per_statement` rows (at most [`MAX_TOLD_ROWS`]).
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
        let mut markers = super::markers::Markers::for_connection(tx);
        let (set, below) = (markers.take(), markers.take());
        let values: Vec<String> = chunk.iter().map(|_| markers.row(3)).collect();
        // Selected from the list (not `in (values …)`), SQLite looks each row up by index;
        // with the bare list it scanned every untold open clock once per statement.
        let sql = format!(
            "update case_clocks set told_level = {set}
             where state = 'open' and told_level < {below}
             and (case_id, seq, due_on) in (select column1, column2, column3 from (values {}) as told)",
            values.join(", ")
        );
        // Not kept prepared: each chunk size is its own statement text.
        let mut query = sqlx::query(&sql).persistent(false).bind(level).bind(level);
        for row in chunk {
            query = query.bind(row.case_id).bind(row.seq).bind(row.due_on);
        }
        query.execute(&mut *tx).await?;
    }
    Ok(())
}

/// [`mark_told`] on PostgreSQL: the rows travel as one JSON value (see `json_rows`).
async fn mark_told_as_json(
    tx: &mut sqlx::AnyConnection,
    level: i64,
    rows: &[ToldClock<'_>],
) -> sqlx::Result<()> {
    sqlx::query(
        "update case_clocks k set told_level = $1
         from json_to_recordset($3::json) as told (case_id text, seq bigint, due_on text)
         where k.state = 'open' and k.told_level < $2
         and k.case_id = told.case_id and k.seq = told.seq and k.due_on = told.due_on",
    )
    .bind(level)
    .bind(level)
    .bind(super::json_rows::encode(rows))
    .execute(&mut *tx)
    .await
    .map(|_| ())
}
