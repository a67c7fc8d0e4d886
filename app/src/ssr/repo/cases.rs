//! Cases: the snapshot row with the columns the queue filters on, and the append-only events.
use sqlx::{any::AnyRow, Any, Executor, FromRow};

use crate::domain::risk_list::RiskList;
use crate::ssr::vault::{Field, Vault};

use crate::domain::{case::QueueKeys, clock::QueueUrgencyKey};

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
    #[sqlx(try_from = "String")]
    pub risk_types: RiskList,
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

impl CaseRow {
    /// The row as read, with its ID number and mobile opened.
    pub(super) fn opened(mut self, vault: &Vault) -> sqlx::Result<CaseRow> {
        self.applicant_mobile = vault.open(Field::Mobile, &self.applicant_mobile)?;
        self.applicant_id_number = vault.open(Field::IdNumber, &self.applicant_id_number)?;
        Ok(self)
    }
}

/// Rows as read, opened.
pub(super) fn opened(rows: Vec<CaseRow>, vault: &Vault) -> sqlx::Result<Vec<CaseRow>> {
    rows.into_iter().map(|r| r.opened(vault)).collect()
}

/// A stored snapshot or event, opened.
pub(super) fn opened_json(vault: &Vault, json: Option<String>) -> sqlx::Result<Option<String>> {
    json.map(|j| vault.open_json(&j))
        .transpose()
        .map_err(Into::into)
}

pub(super) const COLUMNS: &str = "id, tracking_number, village_code, township_code, county_code, village_group, state, channel, \
    applicant_name, applicant_mobile, applicant_id_number, household_size, risk_types, description, \
    discovered_on, consent_at, version, created_at, updated_at, consent_by, idempotency_key";

/// A new case with its first snapshot and its earliest open deadline.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    row: &CaseRow,
    snapshot: &str,
    next_due_on: Option<&str>,
    queue: &QueueColumns,
) -> sqlx::Result<()> {
    let sql = insert_sql(1);
    bind_insert(sqlx::query(&sql), vault, row, snapshot, next_due_on, queue)?
        .execute(ex)
        .await
        .map(|_| ())
}

/// Binds [`insert_sql`] takes.
pub(super) const INSERT_BINDS: usize = 25 + QUEUE_COLUMN_COUNT;

/// The insert of one case row, its markers numbered from `$first`.
pub(super) fn insert_sql(first: usize) -> String {
    format!(
        "insert into cases ({COLUMNS}, snapshot, next_due_on, applicant_mobile_index, applicant_id_number_index, {QUEUE_COLUMNS}) values ({})",
        placeholders(first, INSERT_BINDS)
    )
}

/// Binds for [`insert_sql`] (the personal data sealed and indexed here).
pub(super) fn bind_insert<'q>(
    query: super::Bound<'q>,
    vault: &Vault,
    row: &'q CaseRow,
    snapshot: &str,
    next_due_on: Option<&'q str>,
    queue: &'q QueueColumns,
) -> sqlx::Result<super::Bound<'q>> {
    let snapshot = vault.seal_json(snapshot)?;
    let query = query
        .bind(&row.id)
        .bind(&row.tracking_number)
        .bind(&row.village_code)
        .bind(&row.township_code)
        .bind(&row.county_code)
        .bind(&row.village_group)
        .bind(&row.state)
        .bind(&row.channel)
        .bind(&row.applicant_name)
        .bind(vault.seal(Field::Mobile, &row.applicant_mobile))
        .bind(vault.seal(Field::IdNumber, &row.applicant_id_number))
        .bind(row.household_size)
        .bind(row.risk_types.to_stored())
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
        .bind(vault.index(Field::Mobile, &row.applicant_mobile))
        .bind(vault.index(Field::IdNumber, &row.applicant_id_number));
    Ok(queue.bind_to(query))
}

pub async fn by_tracking<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    tracking: &str,
) -> sqlx::Result<Option<CaseRow>> {
    let row: Option<CaseRow> = sqlx::query_as(&format!(
        "select {COLUMNS} from cases where tracking_number = $1"
    ))
    .bind(tracking)
    .fetch_optional(ex)
    .await?;
    row.map(|r| r.opened(vault)).transpose()
}

#[derive(Debug, Clone, Copy)]
pub enum RegionColumn {
    County,
    Township,
    Village,
}

impl RegionColumn {
    pub(super) fn as_sql(self) -> &'static str {
        match self {
            RegionColumn::County => "county_code",
            RegionColumn::Township => "township_code",
            RegionColumn::Village => "village_code",
        }
    }
}

/// The stored snapshot and version of a case.
pub async fn snapshot<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    case_id: &str,
) -> sqlx::Result<Option<(Option<String>, i64)>> {
    let row: Option<(Option<String>, i64)> =
        sqlx::query_as("select snapshot, version from cases where id = $1")
            .bind(case_id)
            .fetch_optional(ex)
            .await?;
    row.map(|(s, v)| Ok((opened_json(vault, s)?, v)))
        .transpose()
}

/// The case id for a tracking number (the audit page's household filter; tests).
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
    vault: &Vault,
    case_id: &str,
    expected_version: i64,
    new_version: i64,
    state: &str,
    snapshot: &str,
    next_due_on: Option<&str>,
    queue: &QueueColumns,
    now_ms: i64,
) -> sqlx::Result<bool> {
    let sql = format!(
        "update cases set version = $3, state = $4, snapshot = $5, next_due_on = $6, updated_at = $7, {}
         where id = $1 and version = $2",
        QueueColumns::assignments(8)
    );
    let snapshot = vault.seal_json(snapshot)?;
    let query = sqlx::query(&sql)
        .bind(case_id)
        .bind(expected_version)
        .bind(new_version)
        .bind(state)
        .bind(&snapshot)
        .bind(next_due_on)
        .bind(now_ms);
    let result = queue.bind_to(query).execute(ex).await?;
    Ok(result.rows_affected() == 1)
}

/// The columns the queue filters, counts and orders on, derived from the case snapshot
/// (`Case::queue_keys`) and written in the same statement as the snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueColumns {
    pub work_village_cadre: bool,
    pub work_village_from: Option<String>,
    pub work_township_officer: bool,
    pub work_township_officer_from: Option<String>,
    pub work_township_head: bool,
    pub work_township_head_from: Option<String>,
    pub work_county_officer: bool,
    pub work_county_head: bool,
    pub work_except_user: Option<String>,
    pub work_department: bool,
    pub work_rev: String,
    pub category: Option<String>,
    pub tier: Option<String>,
    pub urgency_due_on: Option<String>,
    pub paused_left: Option<i64>,
    pub todo_due_village: Option<String>,
    pub todo_due_township: Option<String>,
    pub todo_due_county: Option<String>,
    pub work_departments: String,
}

const QUEUE_COLUMNS: &str = "work_village_cadre, work_village_from, work_township_officer, \
    work_township_officer_from, work_township_head, work_township_head_from, work_county_officer, \
    work_county_head, work_except_user, work_department, work_rev, category, tier, urgency_due_on, \
    paused_left, todo_due_village, todo_due_township, todo_due_county, work_departments";
const QUEUE_COLUMN_COUNT: usize = 19;

fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl From<&QueueKeys> for QueueColumns {
    fn from(keys: &QueueKeys) -> QueueColumns {
        let (urgency_due_on, paused_left) = match keys.urgency {
            Some(QueueUrgencyKey::Due(due)) => (Some(due.to_string()), None),
            Some(QueueUrgencyKey::Paused(left)) => (None, Some(left)),
            Some(QueueUrgencyKey::Never) | None => (None, None),
        };
        let work = &keys.work;
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
        QueueColumns {
            work_village_cadre: work.village_cadre,
            work_village_from: work.village_cadre_from.map(|d| d.to_string()),
            work_township_officer: work.township_officer,
            work_township_officer_from: work.township_officer_from.map(|d| d.to_string()),
            work_township_head: work.township_head,
            work_township_head_from: work.township_head_from.map(|d| d.to_string()),
            work_county_officer: work.county_officer,
            work_county_head: work.county_head,
            work_except_user: work.county_head_except.clone(),
            work_department: work.department_liaison,
            work_rev: keys.rev.clone(),
            category: keys.category.map(|c| c.code().to_owned()),
            tier: keys.tier.map(|t| t.code().to_owned()),
            urgency_due_on,
            paused_left,
            todo_due_village: day(keys.todo_due.village),
            todo_due_township: day(keys.todo_due.township),
            todo_due_county: day(keys.todo_due.county),
            work_departments: keys.departments.clone(),
        }
    }
}

impl QueueColumns {
    /// "col = $first, col = $first+1, ..." in the order of [`QUEUE_COLUMNS`].
    fn assignments(first: usize) -> String {
        QUEUE_COLUMNS
            .split(',')
            .map(str::trim)
            .enumerate()
            .map(|(i, col)| format!("{col} = ${}", first + i))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Binds the values in the order of [`QUEUE_COLUMNS`].
    fn bind_to<'q>(&'q self, query: super::Bound<'q>) -> super::Bound<'q> {
        let flag = |b: bool| i64::from(b);
        query
            .bind(flag(self.work_village_cadre))
            .bind(self.work_village_from.as_deref())
            .bind(flag(self.work_township_officer))
            .bind(self.work_township_officer_from.as_deref())
            .bind(flag(self.work_township_head))
            .bind(self.work_township_head_from.as_deref())
            .bind(flag(self.work_county_officer))
            .bind(flag(self.work_county_head))
            .bind(self.work_except_user.as_deref())
            .bind(flag(self.work_department))
            .bind(self.work_rev.as_str())
            .bind(self.category.as_deref())
            .bind(self.tier.as_deref())
            .bind(self.urgency_due_on.as_deref())
            .bind(self.paused_left)
            .bind(self.todo_due_village.as_deref())
            .bind(self.todo_due_township.as_deref())
            .bind(self.todo_due_county.as_deref())
            .bind(self.work_departments.as_str())
    }
}

/// Open cases whose queue columns were derived under another rule or policy than `rev`
/// (null: written before the columns existed), after `after_id` in id order:
/// (id, snapshot, version).
pub async fn stale_queue_rows<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    rev: &str,
    after_id: &str,
    limit: i64,
) -> sqlx::Result<Vec<(String, Option<String>, i64)>> {
    let rows: Vec<(String, Option<String>, i64)> = sqlx::query_as(
        "select id, snapshot, version from cases
         where next_due_on is not null and (work_rev is null or work_rev <> $1) and id > $2
         order by id limit $3",
    )
    .bind(rev)
    .bind(after_id)
    .bind(limit)
    .fetch_all(ex)
    .await?;
    rows.into_iter()
        .map(|(id, s, v)| Ok((id, opened_json(vault, s)?, v)))
        .collect()
}

/// Rewrites the queue columns of a case unless it changed since `version` (then its writer
/// has written them). Returns whether the row was updated.
pub async fn set_queue_columns<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    case_id: &str,
    version: i64,
    queue: &QueueColumns,
) -> sqlx::Result<bool> {
    let sql = format!(
        "update cases set {} where id = $1 and version = $2",
        QueueColumns::assignments(3)
    );
    let query = sqlx::query(&sql).bind(case_id).bind(version);
    let result = queue.bind_to(query).execute(ex).await?;
    Ok(result.rows_affected() == 1)
}

/// The event log of a case, oldest first: (seq, payload JSON).
pub async fn events<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    case_id: &str,
) -> sqlx::Result<Vec<(i64, String)>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("select seq, payload from case_events where case_id = $1 order by seq")
            .bind(case_id)
            .fetch_all(ex)
            .await?;
    rows.into_iter()
        .map(|(seq, p)| Ok((seq, vault.open_json(&p)?)))
        .collect()
}

pub async fn by_id<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    case_id: &str,
) -> sqlx::Result<Option<CaseRow>> {
    let row: Option<CaseRow> =
        sqlx::query_as(&format!("select {COLUMNS} from cases where id = $1"))
            .bind(case_id)
            .fetch_optional(ex)
            .await?;
    row.map(|r| r.opened(vault)).transpose()
}

/// The filing made with this form key, if any. Index: cases_idempotency_key (0011).
pub async fn by_idempotency_key<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    key: &str,
) -> sqlx::Result<Option<CaseRow>> {
    let row: Option<CaseRow> = sqlx::query_as(&format!(
        "select {COLUMNS} from cases where idempotency_key = $1"
    ))
    .bind(key)
    .fetch_optional(ex)
    .await?;
    row.map(|r| r.opened(vault)).transpose()
}

/// Filings made with this mobile number, newest first, found by its blind index.
/// Index: cases_mobile_index (0017).
pub async fn by_mobile<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    mobile: &str,
    limit: i64,
) -> sqlx::Result<Vec<CaseRow>> {
    // Every index key's value: during an index-key rotation a row may carry the older one.
    let indexes = vault.indexes(Field::Mobile, mobile);
    let mobile_in = placeholders(1, indexes.len());
    let sql = format!(
        "select {COLUMNS} from cases where applicant_mobile_index in ({mobile_in}) \
         order by created_at desc, id limit ${}",
        indexes.len() + 1
    );
    let mut query = sqlx::query_as(&sql);
    for index in &indexes {
        query = query.bind(index);
    }
    let rows = query.bind(limit).fetch_all(ex).await?;
    opened(rows, vault)
}

/// Earlier filings with the same ID number or mobile, newest first: candidates for the
/// duplicate check, found by blind index. Indexes: cases_id_number_index,
/// cases_mobile_index (0017).
pub async fn same_household<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    id_number: &str,
    mobile: &str,
    limit: i64,
) -> sqlx::Result<Vec<CaseRow>> {
    let ids = vault.indexes(Field::IdNumber, id_number);
    let mobiles = vault.indexes(Field::Mobile, mobile);
    let sql = format!(
        "select {COLUMNS} from cases where applicant_id_number_index in ({}) \
         or applicant_mobile_index in ({}) order by created_at desc, id limit ${}",
        placeholders(1, ids.len()),
        placeholders(1 + ids.len(), mobiles.len()),
        ids.len() + mobiles.len() + 1
    );
    let mut query = sqlx::query_as(&sql);
    for index in ids.iter().chain(&mobiles) {
        query = query.bind(index);
    }
    let rows = query.bind(limit).fetch_all(ex).await?;
    opened(rows, vault)
}

/// Cases of one village in the given states, oldest first (the public notice).
pub async fn in_village_states<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
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
    with_snapshots(&query.fetch_all(ex).await?, vault)
}

/// Cases of a village with an open clock of `kind` (a plan's notice runs while the case is
/// monitored, so the state alone does not find it), with their snapshots.
pub async fn in_village_with_open_clock<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    village_code: &str,
    kind: &str,
) -> sqlx::Result<Vec<(CaseRow, Option<String>)>> {
    let sql = format!(
        "select {COLUMNS}, snapshot from cases where id in (select case_id from case_clocks \
         where village_code = $1 and state = 'open' and kind = $2) order by created_at, id"
    );
    let rows = sqlx::query(&sql)
        .bind(village_code)
        .bind(kind)
        .fetch_all(ex)
        .await?;
    with_snapshots(&rows, vault)
}

fn with_snapshots(rows: &[AnyRow], vault: &Vault) -> sqlx::Result<Vec<(CaseRow, Option<String>)>> {
    rows.iter()
        .map(|r| {
            use sqlx::Row;
            Ok((
                CaseRow::from_row(r)?.opened(vault)?,
                opened_json(vault, r.try_get("snapshot")?)?,
            ))
        })
        .collect()
}

/// Every case in a region with its snapshot, newest first (dashboard figures).
pub async fn all_in_region<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
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
    with_snapshots(&rows, vault)
}
