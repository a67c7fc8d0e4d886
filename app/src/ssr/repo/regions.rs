//! The region tree (county, townships, villages) with names, as statistical division codes.
use sqlx::{Any, Executor, FromRow};

use crate::domain::region::RegionLevel;

#[derive(Debug, Clone, FromRow)]
pub struct RegionRow {
    pub code: String,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub level: RegionLevel,
    pub parent_code: Option<String>,
}

pub async fn all<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<Vec<RegionRow>> {
    sqlx::query_as("select code, name, level, parent_code from regions order by code")
        .fetch_all(ex)
        .await
}

pub async fn find<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    code: &str,
) -> sqlx::Result<Option<RegionRow>> {
    sqlx::query_as("select code, name, level, parent_code from regions where code = $1")
        .bind(code)
        .fetch_optional(ex)
        .await
}

/// A village's township and county codes, in one query.
pub async fn township_and_county<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    village_code: &str,
) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as(
        "select t.code, t.parent_code from regions v
         join regions t on t.code = v.parent_code
         where v.code = $1 and t.parent_code is not null",
    )
    .bind(village_code)
    .fetch_optional(ex)
    .await
}

/// A village's township and county, or `None` when `code` is no village (or has no parents):
/// the check and the look-up of a self-report in one round trip.
pub async fn village_parents<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    code: &str,
) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as(
        "select t.code, t.parent_code from regions v
         join regions t on t.code = v.parent_code
         where v.code = $1 and v.level = $2 and t.parent_code is not null",
    )
    .bind(code)
    .bind(RegionLevel::Village.code())
    .fetch_optional(ex)
    .await
}

pub async fn upsert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    row: &RegionRow,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into regions (code, name, level, parent_code, created_at) values ($1, $2, $3, $4, $5)
         on conflict (code) do update set name = excluded.name",
    )
    .bind(&row.code)
    .bind(&row.name)
    .bind(row.level.code())
    .bind(&row.parent_code)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}
