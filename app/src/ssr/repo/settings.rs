use sqlx::{Any, Executor};

/// (day, kind 'holiday' | 'workday', name)
pub type DayRow = (String, String, String);

pub async fn days<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<Vec<DayRow>> {
    sqlx::query_as("select day, kind, name from calendar_days order by day")
        .fetch_all(ex)
        .await
}

pub async fn years<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("select year from calendar_years order by year")
        .fetch_all(ex)
        .await
}

pub async fn upsert_day<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    day: &str,
    kind: &str,
    name: &str,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into calendar_days (day, kind, name, created_at) values ($1, $2, $3, $4)
         on conflict (day) do update set kind = excluded.kind, name = excluded.name",
    )
    .bind(day)
    .bind(kind)
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

/// (jurisdiction, effective_from, body)
pub type PolicyRow = (String, String, String);

pub async fn policies<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<Vec<PolicyRow>> {
    sqlx::query_as(
        "select jurisdiction_code, effective_from, body from policies order by jurisdiction_code, effective_from",
    )
    .fetch_all(ex)
    .await
}

pub async fn upsert_policy<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    jurisdiction: &str,
    effective_from: &str,
    body: &str,
    created_by: &str,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into policies (jurisdiction_code, effective_from, body, created_by, created_at)
         values ($1, $2, $3, $4, $5)
         on conflict (jurisdiction_code, effective_from) do update set body = excluded.body,
             created_by = excluded.created_by, created_at = excluded.created_at",
    )
    .bind(jurisdiction)
    .bind(effective_from)
    .bind(body)
    .bind(created_by)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}
