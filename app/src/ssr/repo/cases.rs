//! Cases: the snapshot row with the columns the queue filters on, and the append-only events.
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct CaseRow {
    pub id: String,
    pub tracking_number: String,
    pub village_code: String,
    pub township_code: String,
    pub county_code: String,
    pub village_group: Option<String>,
    pub state: String,
    pub channel: String,
    pub applicant_name: String,
    pub applicant_mobile: String,
    pub applicant_id_number: String,
    pub household_size: i64,
    pub risk_types: String,
    pub description: String,
    pub discovered_on: String,
    pub consent_at: i64,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// Staff user who read the consent aloud (proxy filing); `None` when self-filed.
    pub consent_by: Option<String>,
    /// The submitting form's idempotency key, if it had one.
    pub idempotency_key: Option<String>,
}

const COLUMNS: &str = "id, tracking_number, village_code, township_code, county_code, village_group, state, channel, \
    applicant_name, applicant_mobile, applicant_id_number, household_size, risk_types, description, \
    discovered_on, consent_at, version, created_at, updated_at, consent_by, idempotency_key";

/// A new case with its first snapshot and its earliest open deadline.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    row: &CaseRow,
    snapshot: &str,
    next_due_on: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(&format!(
        "insert into cases ({COLUMNS}, snapshot, next_due_on) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)"
    ))
    .bind(&row.id)
    .bind(&row.tracking_number)
    .bind(&row.village_code)
    .bind(&row.township_code)
    .bind(&row.county_code)
    .bind(&row.village_group)
    .bind(&row.state)
    .bind(&row.channel)
    .bind(&row.applicant_name)
    .bind(&row.applicant_mobile)
    .bind(&row.applicant_id_number)
    .bind(row.household_size)
    .bind(&row.risk_types)
    .bind(&row.description)
    .bind(&row.discovered_on)
    .bind(row.consent_at)
    .bind(row.version)
    .bind(row.created_at)
    .bind(row.updated_at)
    .bind(&row.consent_by)
    .bind(&row.idempotency_key)
    .bind(snapshot)
    .bind(next_due_on)
    .execute(ex)
    .await
    .map(|_| ())
}

pub async fn by_tracking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    tracking: &str,
) -> sqlx::Result<Option<CaseRow>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from cases where tracking_number = $1"
    ))
    .bind(tracking)
    .fetch_optional(ex)
    .await
}

#[derive(Debug, Clone, Copy)]
pub enum RegionColumn {
    County,
    Township,
    Village,
}

impl RegionColumn {
    fn as_sql(self) -> &'static str {
        match self {
            RegionColumn::County => "county_code",
            RegionColumn::Township => "township_code",
            RegionColumn::Village => "village_code",
        }
    }
}

pub async fn insert_event<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
    seq: i64,
    kind: &str,
    actor_id: Option<&str>,
    at_ms: i64,
    payload: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into case_events (case_id, seq, kind, actor_id, at, payload, created_at)
         values ($1, $2, $3, $4, $5, $6, $5)",
    )
    .bind(case_id)
    .bind(seq)
    .bind(kind)
    .bind(actor_id)
    .bind(at_ms)
    .bind(payload)
    .execute(ex)
    .await
    .map(|_| ())
}

/// The stored snapshot and version of a case.
pub async fn snapshot<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
) -> sqlx::Result<Option<(Option<String>, i64)>> {
    sqlx::query_as("select snapshot, version from cases where id = $1")
        .bind(case_id)
        .fetch_optional(ex)
        .await
}

#[cfg(feature = "test-support")]
pub async fn id_by_tracking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    tracking: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("select id from cases where tracking_number = $1")
        .bind(tracking)
        .fetch_optional(ex)
        .await
}

/// Writes the new state only if nobody else changed the case since `expected_version`.
/// Returns false on a lost race: the caller rolls back and reports a conflict.
#[allow(clippy::too_many_arguments)]
pub async fn update_guarded<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
    expected_version: i64,
    new_version: i64,
    state: &str,
    snapshot: &str,
    next_due_on: Option<&str>,
    now_ms: i64,
) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "update cases set version = $3, state = $4, snapshot = $5, next_due_on = $6, updated_at = $7
         where id = $1 and version = $2",
    )
    .bind(case_id)
    .bind(expected_version)
    .bind(new_version)
    .bind(state)
    .bind(snapshot)
    .bind(next_due_on)
    .bind(now_ms)
    .execute(ex)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The event log of a case, oldest first: (seq, payload JSON).
pub async fn events<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("select seq, payload from case_events where case_id = $1 order by seq")
        .bind(case_id)
        .fetch_all(ex)
        .await
}

pub async fn by_id<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
) -> sqlx::Result<Option<CaseRow>> {
    sqlx::query_as(&format!("select {COLUMNS} from cases where id = $1"))
        .bind(case_id)
        .fetch_optional(ex)
        .await
}

/// The filing made with this form key, if any. Index: cases_idempotency_key (0011).
pub async fn by_idempotency_key<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    key: &str,
) -> sqlx::Result<Option<CaseRow>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from cases where idempotency_key = $1"
    ))
    .bind(key)
    .fetch_optional(ex)
    .await
}

/// Filings made with this mobile number, newest first. Index: cases_mobile (0001).
pub async fn by_mobile<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    mobile: &str,
    limit: i64,
) -> sqlx::Result<Vec<CaseRow>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from cases where applicant_mobile = $1 order by created_at desc, id limit $2"
    ))
    .bind(mobile)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// Earlier filings with the same ID number or mobile, newest first: candidates for the
/// duplicate check. Indexes: cases_id_number, cases_mobile (0001).
pub async fn same_household<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id_number: &str,
    mobile: &str,
    limit: i64,
) -> sqlx::Result<Vec<CaseRow>> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from cases where applicant_id_number = $1 or applicant_mobile = $2
         order by created_at desc, id limit $3"
    ))
    .bind(id_number)
    .bind(mobile)
    .bind(limit)
    .fetch_all(ex)
    .await
}

/// What the queue narrows to in SQL; every value is bound, never spliced.
#[derive(Debug, Clone, Default)]
pub struct OpenFilter<'a> {
    /// Exact name, tracking number, mobile or ID number.
    pub search: Option<&'a str>,
    pub village_code: Option<&'a str>,
    pub township_code: Option<&'a str>,
    pub state: Option<&'a str>,
    pub channel: Option<&'a str>,
    /// A RiskType code (already checked against the vocabulary).
    pub risk: Option<&'a str>,
    /// Keyset cursor: rows strictly after (next_due_on, id).
    pub after: Option<(&'a str, &'a str)>,
}

/// Cases with an open clock in a region, soonest due first (order by next_due_on, id),
/// narrowed by `filter`, each with its snapshot and next_due_on (for the keyset cursor).
/// Indexes: cases_{county,township,village}_due_id (0006) on (region, next_due_on, id).
pub async fn open_by_due<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    region_column: RegionColumn,
    region_code: &str,
    filter: &OpenFilter<'_>,
    limit: i64,
) -> sqlx::Result<Vec<(CaseRow, Option<String>, String)>> {
    let column = region_column.as_sql();
    let mut binds: Vec<String> = vec![region_code.to_owned()];
    let next = |value: &str, binds: &mut Vec<String>| {
        binds.push(value.to_owned());
        format!("${}", binds.len())
    };
    let mut sql = format!(
        "select {COLUMNS}, snapshot, next_due_on from cases where {column} = $1 and next_due_on is not null"
    );
    if let Some(term) = filter.search {
        let p = next(term, &mut binds);
        sql.push_str(&format!(
            " and (applicant_name = {p} or tracking_number = {p} or applicant_mobile = {p} or applicant_id_number = {p})"
        ));
    }
    for (col, value) in [
        ("village_code", filter.village_code),
        ("township_code", filter.township_code),
        ("state", filter.state),
        ("channel", filter.channel),
    ] {
        if let Some(value) = value {
            let p = next(value, &mut binds);
            sql.push_str(&format!(" and {col} = {p}"));
        }
    }
    if let Some(risk) = filter.risk {
        let p = next(&format!("%{risk}%"), &mut binds);
        sql.push_str(&format!(" and risk_types like {p}"));
    }
    if let Some((due, id)) = filter.after {
        let d = next(due, &mut binds);
        let i = next(id, &mut binds);
        sql.push_str(&format!(
            " and (next_due_on > {d} or (next_due_on = {d} and id > {i}))"
        ));
    }
    sql.push_str(&format!(" order by next_due_on, id limit {}", limit.max(0)));
    let mut query = sqlx::query(&sql);
    for value in &binds {
        query = query.bind(value.as_str());
    }
    let rows = query.fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            use sqlx::Row;
            Ok((
                CaseRow::from_row(r)?,
                r.try_get("snapshot")?,
                r.try_get("next_due_on")?,
            ))
        })
        .collect()
}

/// Cases of one village in the given states, oldest first (the public notice).
pub async fn in_village_states<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    village_code: &str,
    states: &[&str],
) -> sqlx::Result<Vec<(CaseRow, Option<String>)>> {
    // The state list is a fixed set of codes from the caller, bound one by one.
    let placeholders: Vec<String> = (0..states.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "select {COLUMNS}, snapshot from cases where village_code = $1 and state in ({}) order by created_at, id",
        placeholders.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(village_code);
    for state in states {
        query = query.bind(*state);
    }
    let rows = query.fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            use sqlx::Row;
            Ok((CaseRow::from_row(r)?, r.try_get("snapshot")?))
        })
        .collect()
}

/// Every case in a region with its snapshot, newest first (dashboard figures).
pub async fn all_in_region<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    region_column: RegionColumn,
    region_code: &str,
    limit: i64,
) -> sqlx::Result<Vec<(CaseRow, Option<String>)>> {
    let column = region_column.as_sql();
    let sql = format!(
        "select {COLUMNS}, snapshot from cases where {column} = $1 order by created_at desc, id limit $2"
    );
    let rows = sqlx::query(&sql)
        .bind(region_code)
        .bind(limit)
        .fetch_all(ex)
        .await?;
    rows.iter()
        .map(|r| {
            use sqlx::Row;
            Ok((CaseRow::from_row(r)?, r.try_get("snapshot")?))
        })
        .collect()
}
