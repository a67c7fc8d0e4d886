//! The dashboard's monitoring objects (监测对象): identified households by category, tier and
//! risk type, and this month's eliminations, re-entries and removals. SQL groups them
//! (exact at any size); the domain folds the groups.
use chrono::NaiveDate;

use crate::{
    domain::{object_counts::ObjectTally, region::RegionCode, time::beijing_day_start_ms},
    ssr::repo::monitoring_objects::{self, RegionRange},
    wire::dashboard::{CategoryCount, CodeCount, ObjectCounts},
};

fn code_counts<'a>(counts: impl Iterator<Item = (&'a str, u64)>) -> Vec<CodeCount> {
    counts
        .map(|(code, n)| CodeCount {
            code: code.to_owned(),
            households: usize::try_from(n).unwrap_or(usize::MAX),
        })
        .collect()
}

/// The counts of `scope` (a county, township or village), with the month `[from, until)`.
pub async fn counts(
    pool: &sqlx::Pool<sqlx::Any>,
    scope: &RegionCode,
    (from, until): (NaiveDate, NaiveDate),
) -> sqlx::Result<ObjectCounts> {
    let county = scope.county();
    let township = scope.township();
    let range = RegionRange {
        county: county.as_str(),
        township: township.as_ref().map(RegionCode::as_str),
        village: (scope.level() == crate::domain::RegionLevel::Village).then(|| scope.as_str()),
    };
    let (groups, leaving) = tokio::try_join!(
        monitoring_objects::groups(pool, &range),
        monitoring_objects::leaving_between(
            pool,
            &range,
            beijing_day_start_ms(from),
            beijing_day_start_ms(until)
        ),
    )?;
    let tally = ObjectTally::of(&groups);
    let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    let this_month = |kind: &str| {
        leaving
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, n)| usize::try_from(*n).unwrap_or(0))
            .sum()
    };
    Ok(ObjectCounts {
        by_category: tally
            .by_category
            .iter()
            .map(|(category, at_risk, eliminated)| CategoryCount {
                category: category.code().to_owned(),
                at_risk: size(*at_risk),
                eliminated: size(*eliminated),
            })
            .collect(),
        by_tier: code_counts(tally.by_tier.iter().map(|(t, n)| (t.code(), *n))),
        by_risk: code_counts(tally.by_risk.iter().map(|(r, n)| (r.code(), *n))),
        eliminated_this_month: this_month("eliminated"),
        reopened_this_month: this_month("reopened"),
        removed_this_month: this_month("removed"),
    })
}
