//! Staff accounts: role, region, display name and password hash.
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub region_code: String,
    pub password_hash: String,
    pub active: i64,
    /// A liaison's line department (migration 0028).
    pub department: Option<String>,
}

const COLUMNS: &str =
    "id, username, display_name, role, region_code, password_hash, active, department";

pub async fn by_username<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    username: &str,
) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!("select {COLUMNS} from users where username = $1"))
        .bind(username)
        .fetch_optional(ex)
        .await
}

pub async fn by_id<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!("select {COLUMNS} from users where id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await
}

/// Creates the account, or leaves an existing one with that username untouched.
pub async fn insert_if_absent<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    row: &UserRow,
    now_ms: i64,
) -> sqlx::Result<()> {
    insert(ex, row, now_ms).await.map(|_| ())
}

pub async fn all<'e, E: Executor<'e, Database = Any>>(ex: E) -> sqlx::Result<Vec<UserRow>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from users order by region_code, username"
    ))
    .fetch_all(ex)
    .await
}

/// Inserts a new account; false if the username is taken, in any case (`XIAN-ADMIN` beside
/// `xian-admin`).
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    row: &UserRow,
    now_ms: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "insert into users (id, username, display_name, role, region_code, password_hash, active, created_at, department)
         select $1, $2, $3, $4, $5, $6, $7, $8, $9
         where not exists (select 1 from users where lower(username) = lower($2))
         on conflict (username) do nothing",
    )
    .bind(&row.id)
    .bind(&row.username)
    .bind(&row.display_name)
    .bind(&row.role)
    .bind(&row.region_code)
    .bind(&row.password_hash)
    .bind(row.active)
    .bind(now_ms)
    .bind(row.department.as_deref())
    .execute(ex)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn set_password<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    password_hash: &str,
) -> sqlx::Result<bool> {
    let result = sqlx::query("update users set password_hash = $2 where id = $1")
        .bind(id)
        .bind(password_hash)
        .execute(ex)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Sets an account's line department; `only_if_unnamed`: only when it has none (a liaison
/// made before 0028, named by the demo seed).
pub async fn set_department<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    department: &str,
    only_if_unnamed: bool,
) -> sqlx::Result<()> {
    let sql = if only_if_unnamed {
        "update users set department = $1 where id = $2 and department is null"
    } else {
        "update users set department = $1 where id = $2"
    };
    sqlx::query(sql)
        .bind(department)
        .bind(id)
        .execute(ex)
        .await
        .map(|_| ())
}

pub async fn set_active<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: &str,
    active: bool,
) -> sqlx::Result<bool> {
    let result = sqlx::query("update users set active = $2 where id = $1")
        .bind(id)
        .bind(i64::from(active))
        .execute(ex)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Display names of the given accounts (missing ids are left out).
pub async fn display_names<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    ids: &[String],
) -> sqlx::Result<Vec<(String, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let binds: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "select id, display_name from users where id in ({})",
        binds.join(", ")
    );
    let mut query = sqlx::query_as(&sql);
    for id in ids {
        query = query.bind(id);
    }
    query.fetch_all(ex).await
}
