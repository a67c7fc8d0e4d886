//! The dashboard's monitoring objects: identified households grouped by state, category,
//! tier and risk types (index cases_identified, 0031), and the month's households leaving or
//! re-entering monitoring (index case_events_leaving).
use sqlx::{Any, Row};

use crate::domain::object_counts::ObjectGroup;

/// A region as the index cases_identified reads it: the county, then its township and
/// village when the reader's region is one.
pub struct RegionRange<'a> {
    pub county: &'a str,
    pub township: Option<&'a str>,
    pub village: Option<&'a str>,
}

impl RegionRange<'_> {
    /// `county_code = $n and …` from `$first`, and the values to bind in order.
    fn condition(&self, prefix: &str, first: usize) -> (String, Vec<String>) {
        let mut parts = Vec::new();
        let mut values = Vec::new();
        for (column, value) in [
            ("county_code", Some(self.county)),
            ("township_code", self.township),
            ("village_code", self.village),
        ] {
            if let Some(value) = value {
                parts.push(format!("{prefix}{column} = ${}", first + values.len()));
                values.push(value.to_owned());
            }
        }
        (parts.join(" and "), values)
    }
}

/// Identified households of `region`, one row per state, category, tier and risk types.
pub async fn groups(
    pool: &sqlx::Pool<Any>,
    region: &RegionRange<'_>,
) -> sqlx::Result<Vec<ObjectGroup>> {
    let (place, values) = region.condition("", 1);
    // `category is not null` is written as the partial index's predicate.
    let sql = format!(
        "select state, category, tier, risk_types, count(*) from cases \
         where category is not null and {place} \
         group by state, category, tier, risk_types"
    );
    rows(pool, sqlx::query(&sql), values)
        .await?
        .iter()
        .map(|row| {
            Ok(ObjectGroup {
                state: row.try_get(0)?,
                category: row.try_get(1)?,
                tier: row.try_get(2)?,
                risk_types: row.try_get(3)?,
                households: u64::try_from(row.try_get::<i64, _>(4)?).unwrap_or(0),
            })
        })
        .collect()
}

/// Households of `region` eliminated, re-entering monitoring and removed between the two
/// instants (Unix ms, `from` ≤ at < `until`): (event kind, count).
pub async fn leaving_between(
    pool: &sqlx::Pool<Any>,
    region: &RegionRange<'_>,
    from_ms: i64,
    until_ms: i64,
) -> sqlx::Result<Vec<(String, i64)>> {
    let (place, values) = region.condition("c.", 3);
    // The kinds are written as the partial index's predicate (bound values would not match).
    // `cross join` makes SQLite read the month's few events first and look each case up,
    // rather than walk every case of the county (PostgreSQL plans it freely either way).
    let sql = format!(
        "select e.kind, count(*) from case_events e cross join cases c \
         where c.id = e.case_id and e.kind in ('eliminated', 'reopened', 'removed') \
         and e.at >= $1 and e.at < $2 and {place} group by e.kind"
    );
    rows(pool, sqlx::query(&sql).bind(from_ms).bind(until_ms), values)
        .await?
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect()
}

/// `query` with the region's codes bound after its own values, run.
async fn rows(
    pool: &sqlx::Pool<Any>,
    mut query: super::Bound<'_>,
    region_codes: Vec<String>,
) -> sqlx::Result<Vec<sqlx::any::AnyRow>> {
    for code in region_codes {
        query = query.bind(code);
    }
    query.fetch_all(pool).await
}
