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

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
    village_code: &str,
    township_code: &str,
    row: &ClockRow,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into case_clocks (case_id, seq, kind, owner_level, village_code, township_code,
             started_on, due_on, state, closed_on, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(case_id)
    .bind(row.seq)
    .bind(&row.kind)
    .bind(&row.owner_level)
    .bind(village_code)
    .bind(township_code)
    .bind(&row.started_on)
    .bind(&row.due_on)
    .bind(&row.state)
    .bind(&row.closed_on)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}
