//! Region phones (village committee, township office) the county admin sets.
use sqlx::{Any, Executor};

/// The phone of each of `codes` that has one, as (region code, phone).
pub async fn phones<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    village: &str,
    township: &str,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as("select region_code, phone from region_contacts where region_code in ($1, $2)")
        .bind(village)
        .bind(township)
        .fetch_all(ex)
        .await
}

/// Every region phone, by code (the caller keeps those in its scope).
pub async fn all<'e, E: Executor<'e, Database = Any>>(
    ex: E,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as("select region_code, phone from region_contacts order by region_code")
        .fetch_all(ex)
        .await
}

/// Sets a region's phone; an empty `phone` removes it.
pub async fn set<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    region: &str,
    phone: &str,
    by: &str,
    now_ms: i64,
) -> sqlx::Result<()> {
    if phone.is_empty() {
        sqlx::query("delete from region_contacts where region_code = $1")
            .bind(region)
            .execute(ex)
            .await?;
        return Ok(());
    }
    sqlx::query(
        "insert into region_contacts (region_code, phone, updated_by, updated_at, created_at)
         values ($1, $2, $3, $4, $4)
         on conflict (region_code) do update
         set phone = excluded.phone, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(region)
    .bind(phone)
    .bind(by)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}

/// Sets a region's phone unless it has one (the demo seed: never overwrites the admin's).
pub async fn insert_if_absent<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    region: &str,
    phone: &str,
    now_ms: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into region_contacts (region_code, phone, updated_by, updated_at, created_at)
         values ($1, $2, 'seed', $3, $3)
         on conflict (region_code) do nothing",
    )
    .bind(region)
    .bind(phone)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}
