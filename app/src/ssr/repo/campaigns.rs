//! The yearly 集中排查: the cases a campaign reaches, the campaigns started, and each one's
//! progress counted from its visit clocks.
use sqlx::{Any, Executor};

/// (case id, version) of every case of `county_code` in one of `states`, oldest first.
pub async fn cases_in_states<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    county_code: &str,
    states: &[&str],
) -> sqlx::Result<Vec<(String, i64)>> {
    // The state list is a fixed set of codes from the caller, bound one by one.
    let placeholders: Vec<String> = (0..states.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "select id, version from cases where county_code = $1 and state in ({}) order by created_at, id",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, (String, i64)>(&sql).bind(county_code);
    for state in states {
        query = query.bind(*state);
    }
    query.fetch_all(ex).await
}

/// A campaign as started (or started again: its households are added).
pub struct Started<'a> {
    pub id: &'a str,
    pub county_code: &'a str,
    pub name: &'a str,
    pub until_on: &'a str,
    /// The visits' due day (`follow_up::campaign_visit_due`).
    pub due_on: &'a str,
    pub started_on: &'a str,
    pub started_by: &'a str,
    pub households: i64,
    pub now_ms: i64,
}

pub async fn record<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    c: &Started<'_>,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into campaigns (id, county_code, name, until_on, due_on, started_on, started_by, \
         households, created_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         on conflict (county_code, name, until_on) \
         do update set households = campaigns.households + excluded.households",
    )
    .bind(c.id)
    .bind(c.county_code)
    .bind(c.name)
    .bind(c.until_on)
    .bind(c.due_on)
    .bind(c.started_on)
    .bind(c.started_by)
    .bind(c.households)
    .bind(c.now_ms)
    .execute(ex)
    .await
    .map(|_| ())
}

/// One campaign and its visits in the reader's region.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Progress {
    pub name: String,
    pub until_on: String,
    pub started_on: String,
    /// Visits planned and not cancelled (a case that left monitoring drops its visit).
    pub visits: i64,
    pub done: i64,
    pub overdue: i64,
}

/// Where the reader's visits are: a county's townships by code prefix, else one column.
pub enum Within<'a> {
    CountyPrefix(&'a str),
    Township(&'a str),
    Village(&'a str),
}

/// The county's newest campaigns (by end date), at most 10, with their visits within
/// `within` counted as of `today` (a visit due before it and still open is overdue).
pub async fn progress(
    pool: &sqlx::Pool<Any>,
    county_code: &str,
    within: Within<'_>,
    today: &str,
) -> sqlx::Result<Vec<Progress>> {
    let (place, value) = match within {
        Within::CountyPrefix(prefix) => ("k.township_code like $3", format!("{prefix}%")),
        Within::Township(code) => ("k.township_code = $3", code.to_owned()),
        Within::Village(code) => ("k.village_code = $3", code.to_owned()),
    };
    // The literal kind matches the partial index's predicate (a bound value would not).
    let sql = format!(
        "select c.name, c.until_on, c.started_on, \
         cast(coalesce(sum(case when k.state in ('open', 'met') then 1 else 0 end), 0) as bigint) as visits, \
         cast(coalesce(sum(case when k.state = 'met' then 1 else 0 end), 0) as bigint) as done, \
         cast(coalesce(sum(case when k.state = 'open' and k.due_on < $2 then 1 else 0 end), 0) as bigint) as overdue \
         from campaigns c left join case_clocks k on k.kind = 'campaign_visit' \
         and k.due_on = c.due_on and k.started_on >= c.started_on and {place} \
         where c.county_code = $1 \
         group by c.id, c.name, c.until_on, c.started_on \
         order by c.until_on desc, c.name limit 10"
    );
    sqlx::query_as(&sql)
        .bind(county_code)
        .bind(today)
        .bind(value)
        .fetch_all(pool)
        .await
}
