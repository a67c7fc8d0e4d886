//! The in-app inbox and what the clock sweep reads to fill it.
use sqlx::{Any, Executor, FromRow};

/// An open clock due by the sweep's horizon, with what is needed to judge and word it: all
/// from its row (migration 0024), or, for a row written before, also from its case.
#[derive(Debug, Clone, FromRow)]
pub struct DueClockRow {
    pub case_id: String,
    pub seq: i64,
    pub kind: String,
    pub owner_level: String,
    pub due_on: String,
    pub village_code: String,
    pub township_code: String,
    /// The case's tracking number (from the case for rows written before migration 0024).
    pub tracking_number: Option<String>,
    /// The working days a paused clock had left; `None` while it runs (migration 0024).
    pub paused_left: Option<i64>,
    /// 1 when the row says whether the clock is paused (written since migration 0024).
    pub pause_known: i64,
    /// The case snapshot, read only for rows written before migration 0024.
    #[sqlx(skip)]
    pub snapshot: Option<String>,
}

/// Open clocks whose level by date is above the level already told, earliest first: clocks
/// due before `until` (the due-soon horizon) not yet told, and clocks told "due soon" that
/// fell due before `today`. The due range of case_clocks_open_due_case (state, due_on,
/// case_id, seq), each row's mark looked up in clock_told by its key (migration 0025); the
/// cases are read only for rows written before migration 0024.
pub async fn untold_clocks_due(
    pool: &sqlx::AnyPool,
    vault: &crate::ssr::vault::Vault,
    until: &str,
    today: &str,
    limit: i64,
) -> sqlx::Result<Vec<DueClockRow>> {
    let mut rows: Vec<DueClockRow> = sqlx::query_as(
        "select c.case_id, c.seq, c.kind, c.owner_level, c.due_on, c.village_code,
                c.township_code, c.tracking_number, c.paused_left, c.pause_known
         from case_clocks c
         left join clock_told t on t.due_on = c.due_on and t.case_id = c.case_id and t.seq = c.seq
         where c.state = 'open' and c.due_on < $1
         and coalesce(t.level, 0) < (case when c.due_on < $2 then 2 else 1 end)
         order by c.due_on, c.case_id, c.seq limit $3",
    )
    .bind(until)
    .bind(today)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let mut older: Vec<&str> = rows
        .iter()
        .filter(|r| r.pause_known == 0)
        .map(|r| r.case_id.as_str())
        .collect();
    if older.is_empty() {
        return Ok(rows);
    }
    older.sort_unstable();
    older.dedup();
    let mut conn = pool.acquire().await?;
    let mut cases = std::collections::HashMap::new();
    for ids in older.chunks(CASES_PER_READ) {
        let mut markers = super::markers::Markers::for_connection(&conn);
        let list: Vec<String> = ids.iter().map(|_| markers.take()).collect();
        let sql = format!(
            "select id, tracking_number, snapshot from cases where id in ({})",
            list.join(", ")
        );
        let mut query = sqlx::query_as::<_, (String, String, Option<String>)>(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        for (id, tracking, snapshot) in query.fetch_all(&mut *conn).await? {
            cases.insert(id, (tracking, snapshot));
        }
    }
    for row in rows.iter_mut().filter(|r| r.pause_known == 0) {
        if let Some((tracking, snapshot)) = cases.get(&row.case_id) {
            row.tracking_number = Some(tracking.clone());
            row.snapshot = super::cases::opened_json(vault, snapshot.clone())?;
        }
    }
    Ok(rows)
}

/// Cases read per statement for clock rows written before migration 0024.
const CASES_PER_READ: usize = 500;

/// Which of `ids` wait on a village's or a township's step on `today` (ISO), by their stored
/// 待办 columns: id → (village, township).
pub async fn waiting_on(
    pool: &sqlx::AnyPool,
    ids: &[&str],
    today: &str,
) -> sqlx::Result<std::collections::HashMap<String, (bool, bool)>> {
    type Row = (String, i64, Option<String>, i64, Option<String>);
    let mut found = std::collections::HashMap::new();
    let mut conn = pool.acquire().await?;
    for chunk in ids.chunks(CASES_PER_READ) {
        let mut markers = super::markers::Markers::for_connection(&conn);
        let list: Vec<String> = chunk.iter().map(|_| markers.take()).collect();
        let sql = format!(
            "select id, work_village_cadre, work_village_from, work_township_officer, \
             work_township_officer_from from cases where id in ({})",
            list.join(", ")
        );
        let mut query = sqlx::query_as::<_, Row>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        for (id, village, village_from, township, township_from) in
            query.fetch_all(&mut *conn).await?
        {
            let opened = |from: Option<String>| from.is_some_and(|d| d.as_str() <= today);
            found.insert(
                id,
                (
                    village == 1 || opened(village_from),
                    township == 1 || opened(township_from),
                ),
            );
        }
    }
    Ok(found)
}

/// Unread notifications of `user_id`, counted up to `cap` (the staff bar says "99+").
pub async fn unread(pool: &sqlx::AnyPool, user_id: &str, cap: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from (select 1 from notifications
         where user_id = $1 and read_at is null limit $2) unread",
    )
    .bind(user_id)
    .bind(cap)
    .fetch_one(pool)
    .await
}

/// Someone to notify.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Recipient {
    pub id: String,
    pub email: Option<String>,
}

/// Active users with `role` whose scope is exactly `region_code`.
pub async fn active_users_with_role<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    role: &str,
    region_code: &str,
) -> sqlx::Result<Vec<Recipient>> {
    sqlx::query_as(
        "select id, email from users
         where active = 1 and role = $1 and region_code = $2 order by id",
    )
    .bind(role)
    .bind(region_code)
    .fetch_all(ex)
    .await
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct NewNotification<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub case_id: &'a str,
    pub kind: &'a str,
    pub clock_kind: &'a str,
    pub due_on: &'a str,
    pub title: &'a str,
    pub body: &'a str,
}

/// Values bound per notification, the time included (each value is bound where it appears).
const BINDS_PER_ROW: usize = 9;

/// The most notifications [`insert_many_once`] takes in one call.
pub const MAX_ROWS: usize = super::MAX_BINDS / BINDS_PER_ROW;

/// Inserts the notifications in one multi-row INSERT, each unless that person already has it
/// (same case, clock, due date and kind: the unique key, so two sweeps at once write each
/// once). Returns the ids of the rows written. At most [`MAX_ROWS`] a call.
pub async fn insert_many_once(
    conn: &mut sqlx::AnyConnection,
    rows: &[NewNotification<'_>],
    now_ms: i64,
) -> sqlx::Result<Vec<String>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    assert!(
        rows.len() <= MAX_ROWS,
        "too many notifications for one statement"
    );
    if super::json_rows::wanted(conn) {
        return insert_many_once_as_json(conn, rows, now_ms).await;
    }
    let mut markers = super::markers::Markers::for_connection(conn);
    let values: Vec<String> = rows.iter().map(|_| markers.row(BINDS_PER_ROW)).collect();
    let sql = format!(
        "insert into notifications (id, user_id, case_id, kind, clock_kind, due_on, title, body, created_at)
         values {}
         on conflict (user_id, case_id, clock_kind, due_on, kind) do nothing returning id",
        values.join(", ")
    );
    // Not kept prepared: each chunk size is its own statement text.
    let mut query = sqlx::query_scalar(&sql).persistent(false);
    for n in rows {
        query = query
            .bind(n.id)
            .bind(n.user_id)
            .bind(n.case_id)
            .bind(n.kind)
            .bind(n.clock_kind)
            .bind(n.due_on)
            .bind(n.title)
            .bind(n.body)
            .bind(now_ms);
    }
    query.fetch_all(conn).await
}

/// [`insert_many_once`] on PostgreSQL: the rows travel as one JSON value (see `json_rows`).
async fn insert_many_once_as_json(
    conn: &mut sqlx::AnyConnection,
    rows: &[NewNotification<'_>],
    now_ms: i64,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "insert into notifications (id, user_id, case_id, kind, clock_kind, due_on, title, body, created_at)
         select id, user_id, case_id, kind, clock_kind, due_on, title, body, $2
         from json_to_recordset($1::json) as n (id text, user_id text, case_id text, kind text,
                                                 clock_kind text, due_on text, title text, body text)
         on conflict (user_id, case_id, clock_kind, due_on, kind) do nothing returning id",
    )
    .bind(super::json_rows::encode(rows))
    .bind(now_ms)
    .fetch_all(conn)
    .await
}

#[derive(Debug, Clone, FromRow)]
pub struct NotificationRow {
    pub id: String,
    pub case_id: String,
    pub kind: String,
    pub clock_kind: String,
    pub due_on: String,
    pub title: String,
    pub body: String,
    pub read_at: Option<i64>,
    pub created_at: i64,
}

/// One person's notifications, newest first. Index: notifications_inbox.
pub async fn for_user<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: &str,
    limit: i64,
) -> sqlx::Result<Vec<NotificationRow>> {
    sqlx::query_as(
        "select id, case_id, kind, clock_kind, due_on, title, body, read_at, created_at
         from notifications where user_id = $1
         order by created_at desc, id desc limit $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Marks one of the user's notifications read (the first reading counts). Returns whether the
/// notification exists for that user.
pub async fn mark_read<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    user_id: &str,
    id: &str,
    now_ms: i64,
) -> sqlx::Result<bool> {
    sqlx::query(
        "update notifications set read_at = coalesce(read_at, $3) where id = $1 and user_id = $2",
    )
    .bind(id)
    .bind(user_id)
    .bind(now_ms)
    .execute(ex)
    .await
    .map(|done| done.rows_affected() == 1)
}
