//! 工作看板: open work by step and urgency, overdue by place, and this month's decisions
//! against the identification limit. Every figure is an SQL aggregate over the same rows
//! and conditions as the queue's tabs, so each count is exact at any size and equals the
//! list it links to.
use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::{
    domain::{
        case::state::STATE_CODES, clock::Span, lang::Lang, region::RegionLevel, role::Role,
        wording::by_lang,
    },
    ssr::{
        error::ServiceError,
        repo::{
            cases::RegionColumn,
            clocks::{self, Decided},
            queue::{self as queue_rows, OpenFilter, OpenTally, OwnWork},
            regions,
        },
        services::{
            auth::Staff,
            queue::{own_work, scope_column, TodayBounds},
        },
        state::AppState,
    },
    wire::{
        campaigns::CampaignProgress,
        dashboard::{DashboardView, ObjectCounts, PlaceCount, StepCount},
    },
};

#[tracing::instrument(skip_all, fields(user = %staff.id))]
pub async fn for_staff(
    state: &AppState,
    staff: &Staff,
    now: DateTime<Utc>,
) -> Result<DashboardView, ServiceError> {
    let column = scope_column(staff);
    let (place, place_filter) = match staff.scope.level() {
        RegionLevel::County => (RegionColumn::Township, "township"),
        RegionLevel::Township | RegionLevel::Village => (RegionColumn::Village, "village"),
    };
    let filter = OpenFilter {
        // Counts name no household: a role that opens no case file (the admin) still sees
        // its region's figures.
        own_work: match own_work(staff) {
            OwnWork::Nothing => OwnWork::Region,
            mine => mine,
        },
        ..OpenFilter::default()
    };
    let day = TodayBounds::on(state, now);
    let today = day.date;
    let (month_start, next_month) = month_of(today);
    let (from, until) = (month_start.to_string(), next_month.to_string());
    let pool = &state.db.pool;
    let scope = staff.scope.as_str();
    let (tallies, decided, names, campaigns, objects) = tokio::try_join!(
        queue_rows::open_tallies(pool, column, scope, &filter, day.bounds(), place),
        clocks::decided_between(pool, column, scope, &from, &until),
        regions::all(pool),
        campaign_progress(state, staff, &filter, today),
        object_counts(state, staff, &filter, (month_start, next_month)),
    )?;
    let limit_days = match state.policy.identification_overall {
        Span::CalendarDays(n) | Span::WorkingDays(n) => n,
        Span::Months(n) => n * 30,
    };
    let durations = durations(&decided);
    let name_of = |code: &str| {
        names
            .iter()
            .find(|r| r.code == code)
            .map_or_else(|| code.to_owned(), |r| r.name.clone())
    };
    Ok(DashboardView {
        as_of: today.to_string(),
        campaigns,
        objects,
        can_start_campaign: matches!(staff.role, Role::CountyOfficer | Role::CountyHead)
            && staff.scope.level() == RegionLevel::County,
        scope_name: staff.scope_name.clone(),
        by_step: by_step(&tallies),
        overdue_by_place: overdue_by_place(&tallies, name_of),
        place_filter: place_filter.to_owned(),
        month: format!("{}年{}月", today.year(), today.month()),
        year: today.year(),
        month_number: today.month(),
        identified_this_month: durations.iter().filter(|(_, yes)| *yes).count(),
        not_identified_this_month: durations.iter().filter(|(_, yes)| !*yes).count(),
        average_days: average_days(&durations),
        limit_days,
        over_limit: durations
            .iter()
            .filter(|(days, _)| *days > i64::from(limit_days))
            .count(),
    })
}

/// The county's campaigns with the visits in `staff`'s region; none for a reader whose queue
/// is not its region's (a liaison's visits are the village's work).
async fn campaign_progress(
    state: &AppState,
    staff: &Staff,
    filter: &OpenFilter<'_>,
    today: NaiveDate,
) -> sqlx::Result<Vec<CampaignProgress>> {
    use crate::ssr::repo::campaigns::{self, Within};
    if !matches!(filter.own_work, OwnWork::Region) {
        return Ok(Vec::new());
    }
    let scope = staff.scope.as_str();
    let county = staff.scope.county();
    let within = match staff.scope.level() {
        RegionLevel::County => Within::CountyPrefix(&scope[..6.min(scope.len())]),
        RegionLevel::Township => Within::Township(scope),
        RegionLevel::Village => Within::Village(scope),
    };
    let today = today.to_string();
    let rows = campaigns::progress(&state.db.pool, county.as_str(), within, &today).await?;
    let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(rows
        .into_iter()
        .map(|r| CampaignProgress {
            running: r.until_on >= today,
            name: r.name,
            until: r.until_on,
            visits: count(r.visits),
            done: count(r.done),
            overdue: count(r.overdue),
        })
        .collect())
}

/// The region's monitoring objects; none for a reader whose queue is not its region's (the
/// counts are the region's, not the reader's own work).
async fn object_counts(
    state: &AppState,
    staff: &Staff,
    filter: &OpenFilter<'_>,
    month: (NaiveDate, NaiveDate),
) -> sqlx::Result<Option<ObjectCounts>> {
    if !matches!(filter.own_work, OwnWork::Region) {
        return Ok(None);
    }
    super::dashboard_objects::counts(&state.db.pool, &staff.scope, month)
        .await
        .map(Some)
}

/// The month's mean days to a decision, to one decimal. Rounded once, here: the page's
/// `{:.1}` rounds half to even and the workbook's `round` half away, so one month read 8.2
/// days on the page and 8.3 in the file (officer tester).
fn average_days(durations: &[(i64, bool)]) -> Option<f64> {
    (!durations.is_empty()).then(|| {
        let mean =
            durations.iter().map(|(days, _)| days).sum::<i64>() as f64 / durations.len() as f64;
        (mean * 10.0).round() / 10.0
    })
}

/// The first day of `today`'s month and of the next.
fn month_of(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = today.with_day(1).unwrap_or(today);
    (first, first + chrono::Months::new(1))
}

/// Calendar days from discovery to decision, and whether the household was identified.
fn durations(decided: &[Decided]) -> Vec<(i64, bool)> {
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    decided
        .iter()
        .filter_map(|d| {
            Some((
                (day(&d.on)? - day(&d.discovered_on)?).num_days(),
                d.identified,
            ))
        })
        .collect()
}

/// Open work by state, in the workflow's order. Every state can hold some: a refusal or a
/// removal still to be told, an alert's result to feed back, an eliminated household's
/// re-check visit (these were left out, so the steps summed to less than the queue).
fn by_step(tallies: &[OpenTally]) -> Vec<StepCount> {
    let size = |n: i64| usize::try_from(n).unwrap_or(0);
    STATE_CODES
        .into_iter()
        .filter_map(|code| {
            let mut step = StepCount {
                step: code.to_owned(),
                step_zh: by_lang::state(code, Lang::Zh).to_owned(),
                ..StepCount::default()
            };
            for t in tallies.iter().filter(|t| t.state == code) {
                step.due_soon += size(t.due_soon);
                step.overdue += size(t.overdue);
                step.on_time += size(t.all - t.due_soon - t.overdue);
            }
            (step.on_time + step.due_soon + step.overdue > 0).then_some(step)
        })
        .collect()
}

/// Places with overdue cases, most first, then by name.
fn overdue_by_place(tallies: &[OpenTally], name_of: impl Fn(&str) -> String) -> Vec<PlaceCount> {
    let mut places: Vec<PlaceCount> = Vec::new();
    for t in tallies.iter().filter(|t| t.overdue > 0) {
        let n = usize::try_from(t.overdue).unwrap_or(0);
        match places.iter_mut().find(|p| p.code == t.place) {
            Some(p) => p.overdue += n,
            None => places.push(PlaceCount {
                code: t.place.clone(),
                name: name_of(&t.place),
                overdue: n,
            }),
        }
    }
    places.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(a.name.cmp(&b.name)));
    places
}

#[cfg(test)]
mod tests {
    /// 8.25 days reads 8.3 on the page and in the workbook alike (the page said 8.2).
    #[test]
    fn the_average_is_rounded_once_half_away_from_zero() {
        let durations = [(8, true), (9, true), (8, false), (8, true)];
        let average = super::average_days(&durations).expect("a month with decisions");
        assert_eq!(format!("{average:.1}"), "8.3");
        assert_eq!(super::average_days(&[]), None);
    }
}
