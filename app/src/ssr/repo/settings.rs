//! The county's calendar (holidays, makeup workdays, known years) and dated policy versions.
use chrono::NaiveDate;
use sqlx::{Any, Executor};

use crate::domain::case::policy_form::DayKind;

/// One calendar day as stored, decoded at this edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayRow {
    pub day: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

/// Every listed day; a row that cannot be decoded is a corrupt database, not a quiet skip.
pub async fn days<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<Vec<DayRow>> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("select day, kind, name from calendar_days order by day")
            .fetch_all(ex)
            .await?;
    rows.into_iter()
        .map(|(day, kind, name)| {
            let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                .map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            let kind = DayKind::from_code(&kind)
                .ok_or_else(|| sqlx::Error::Decode(format!("calendar day kind {kind}").into()))?;
            Ok(DayRow { day, kind, name })
        })
        .collect()
}

pub async fn years<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("select year from calendar_years order by year")
        .fetch_all(ex)
        .await
}

pub async fn upsert_day<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    day: &str,
    kind: DayKind,
    name: &str,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into calendar_days (day, kind, name, created_at) values ($1, $2, $3, $4)
         on conflict (day) do update set kind = excluded.kind, name = excluded.name",
    )
    .bind(day)
    .bind(kind.code())
    .bind(name)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}

pub async fn delete_day<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    day: &str,
) -> sqlx::Result<bool> {
    let result = sqlx::query("delete from calendar_days where day = $1")
        .bind(day)
        .execute(ex)
        .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn add_year<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    year: i64,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query("insert into calendar_years (year, created_at) values ($1, $2) on conflict (year) do nothing")
        .bind(year)
        .bind(now_ms)
        .execute(ex)
        .await
        .map(|_| ())
}

/// How many days off are listed in `year`.
pub async fn holidays_in<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    year: i32,
) -> sqlx::Result<usize> {
    let n: i64 = sqlx::query_scalar(
        "select count(*) from calendar_days where kind = 'holiday' and day like $1",
    )
    .bind(format!("{year}-%"))
    .fetch_one(ex)
    .await?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Withdraws `year` from the years entered whole.
pub async fn remove_year<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    year: i64,
) -> sqlx::Result<()> {
    sqlx::query("delete from calendar_years where year = $1")
        .bind(year)
        .execute(ex)
        .await
        .map(|_| ())
}

/// (jurisdiction, effective_from, body)
pub type PolicyRow = (String, String, String);

pub async fn policies<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<Vec<PolicyRow>> {
    sqlx::query_as(
        "select jurisdiction_code, effective_from, body from policies order by jurisdiction_code, effective_from",
    )
    .fetch_all(ex)
    .await
}

/// One jurisdiction's versions: (effective_from, body, changes; none for a row saved whole).
pub async fn versions_of<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    jurisdiction: &str,
) -> sqlx::Result<Vec<(String, String, Option<String>)>> {
    sqlx::query_as(
        "select effective_from, body, changes from policies where jurisdiction_code = $1",
    )
    .bind(jurisdiction)
    .fetch_all(ex)
    .await
}

/// Sets the rules a version comes to (worked out from the versions before it).
pub async fn set_policy_body<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    jurisdiction: &str,
    effective_from: &str,
    body: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "update policies set body = $1 where jurisdiction_code = $2 and effective_from = $3",
    )
    .bind(body)
    .bind(jurisdiction)
    .bind(effective_from)
    .execute(ex)
    .await
    .map(|_| ())
}

/// Deletes one version; false when there was none.
pub async fn delete_policy<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    jurisdiction: &str,
    effective_from: &str,
) -> sqlx::Result<bool> {
    sqlx::query("delete from policies where jurisdiction_code = $1 and effective_from = $2")
        .bind(jurisdiction)
        .bind(effective_from)
        .execute(ex)
        .await
        .map(|r| r.rows_affected() == 1)
}

pub async fn upsert_policy<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    jurisdiction: &str,
    effective_from: &str,
    body: &str,
    changes: &str,
    created_by: &str,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into policies (jurisdiction_code, effective_from, body, changes, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (jurisdiction_code, effective_from) do update set body = excluded.body,
             changes = excluded.changes, created_by = excluded.created_by,
             created_at = excluded.created_at",
    )
    .bind(jurisdiction)
    .bind(effective_from)
    .bind(body)
    .bind(changes)
    .bind(created_by)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}
