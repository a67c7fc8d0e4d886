use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};

use crate::{
    domain::{
        case::{labels, Case},
        clock::{urgency, ClockKind, ClockState, Span, Urgency},
        region::RegionLevel,
        time::beijing_date,
    },
    ssr::{
        error::ServiceError,
        repo::{cases, cases::RegionColumn, regions},
        services::auth::Staff,
        state::AppState,
    },
    wire::dashboard::{DashboardView, StepCount},
};

const MAX_CASES: i64 = 20_000;

#[tracing::instrument(skip_all, fields(user = %staff.id))]
pub async fn for_staff(
    state: &AppState,
    staff: &Staff,
    now: DateTime<Utc>,
) -> Result<DashboardView, ServiceError> {
    let (column, place_of): (RegionColumn, fn(&cases::CaseRow) -> &str) = match staff.scope.level()
    {
        RegionLevel::County => (RegionColumn::County, |r| r.township_code.as_str()),
        RegionLevel::Township => (RegionColumn::Township, |r| r.village_code.as_str()),
        RegionLevel::Village => (RegionColumn::Village, |r| r.village_code.as_str()),
    };
    let rows = cases::all_in_region(
        &state.db.pool,
        &state.vault,
        column,
        staff.scope.as_str(),
        MAX_CASES,
    )
    .await?;
    let names = regions::all(&state.db.pool).await?;
    let today = beijing_date(now);
    let cal = &state.calendar;
    let mut by_step: BTreeMap<String, StepCount> = BTreeMap::new();
    let mut overdue_by_place: BTreeMap<String, usize> = BTreeMap::new();
    let mut durations = Vec::new();
    for (row, snapshot) in &rows {
        let Some(case) = snapshot
            .as_deref()
            .and_then(|s| serde_json::from_str::<Case>(s).ok())
        else {
            continue;
        };
        for clock in case.clocks.iter() {
            if clock.kind == ClockKind::IdentificationOverall {
                if let ClockState::Met { on } = clock.state {
                    if on.year() == today.year() && on.month() == today.month() {
                        let days = (on - case.discovered_on).num_days();
                        durations.push((days, case.category.is_some()));
                    }
                }
            }
        }
        // The deadline the queue dates the case by: a notice's minimum only when nothing else
        // runs (a case in notice past its 15-day limit counted as on time: officer tester).
        let Some(clock) = case.next_deadline() else {
            continue;
        };
        let entry = by_step
            .entry(labels::state_zh(&case.state).to_owned())
            .or_insert_with(|| StepCount {
                step: case.state.code().to_owned(),
                step_zh: labels::state_zh(&case.state).to_owned(),
                ..StepCount::default()
            });
        match urgency(clock, today, cal, state.policy.due_soon_working_days) {
            Urgency::Overdue => {
                entry.overdue += 1;
                let place = place_of(row);
                let name = names
                    .iter()
                    .find(|r| r.code == place)
                    .map(|r| r.name.clone())
                    .unwrap_or_else(|| place.to_owned());
                *overdue_by_place.entry(name).or_default() += 1;
            }
            Urgency::DueSoon => entry.due_soon += 1,
            Urgency::OnTime | Urgency::Met | Urgency::MetLate | Urgency::Cancelled => {
                entry.on_time += 1
            }
        }
    }
    let limit_days = match state.policy.identification_overall {
        Span::CalendarDays(n) | Span::WorkingDays(n) => n,
        Span::Months(n) => n * 30,
    };
    let mut overdue: Vec<(String, usize)> = overdue_by_place.into_iter().collect();
    overdue.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(DashboardView {
        can_start_campaign: matches!(
            staff.role,
            crate::domain::role::Role::CountyOfficer | crate::domain::role::Role::CountyHead
        ) && staff.scope.level() == crate::domain::region::RegionLevel::County,
        scope_name: staff.scope_name.clone(),
        by_step: by_step.into_values().collect(),
        overdue_by_place: overdue,
        month: format!("{}年{}月", today.year(), today.month()),
        year: today.year(),
        month_number: today.month(),
        identified_this_month: durations.iter().filter(|(_, yes)| *yes).count(),
        not_identified_this_month: durations.iter().filter(|(_, yes)| !*yes).count(),
        average_days: (!durations.is_empty()).then(|| {
            durations.iter().map(|(days, _)| days).sum::<i64>() as f64 / durations.len() as f64
        }),
        limit_days,
        over_limit: durations
            .iter()
            .filter(|(days, _)| *days > i64::from(limit_days))
            .count(),
    })
}
