//! Cases a yearly 集中排查 campaign reaches: every case of a county in the given states.
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
