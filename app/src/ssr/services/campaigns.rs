//! The yearly 集中排查 (seed 004): the county starts a campaign and every monitored or
//! eliminated household of the county gets a visit due by its end date, tracked in the queue
//! like any other clock. Each case is one engine command in its own transaction (case,
//! events, clocks, outbox), so a case changed meanwhile is skipped, never half-written.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{
    domain::{
        case::{follow_up::CAMPAIGN_STATES, form::CommandFieldError, CaseCommand, Refusal},
        region::RegionLevel,
        role::Role,
        time::beijing_date,
    },
    ssr::{
        error::ServiceError, repo::campaigns, services::auth::Staff, services::cases,
        state::AppState,
    },
    wire::{campaigns::CampaignReport, FieldError},
};

#[tracing::instrument(skip_all, fields(user = %staff.id))]
pub async fn start(
    state: &AppState,
    staff: &Staff,
    name: &str,
    until: &str,
    now: DateTime<Utc>,
) -> Result<CampaignReport, ServiceError> {
    let county = matches!(staff.role, Role::CountyOfficer | Role::CountyHead)
        && staff.scope.level() == RegionLevel::County;
    if !county {
        return Err(ServiceError::Forbidden);
    }
    // Both fields' problems at once, each under its field.
    let mut problems = Vec::new();
    let name = crate::domain::case::follow_up::campaign_name(name)
        .map_err(|e| problems.push(FieldError::new("name", &e)))
        .unwrap_or_default();
    let today = beijing_date(now);
    let until = match until.trim() {
        "" => Err(CommandFieldError::Missing),
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| CommandFieldError::BadDate)
            .and_then(|d| {
                let ahead = (d - today).num_days();
                if (1..=366).contains(&ahead) {
                    Ok(d)
                } else {
                    Err(CommandFieldError::CampaignDeadline)
                }
            }),
    };
    let until = until
        .map_err(|e| problems.push(FieldError::new("until", &e)))
        .ok();
    let (Some(until), true) = (until, problems.is_empty()) else {
        return Err(ServiceError::Validation(problems));
    };
    let command = CaseCommand::StartCampaign {
        name: name.clone(),
        until,
    };
    let actor = staff.actor();
    let mut report = CampaignReport::default();
    // Listed before its visits are planned, dated by its first run: a run cut short and
    // started again still counts the visits of both (`repo::campaigns::progress`).
    let id = cases::new_id();
    let due = crate::domain::case::follow_up::campaign_visit_due(
        today,
        until,
        &state.policy,
        &state.calendar,
    );
    let (until_on, due_on, started_on) = (until.to_string(), due.to_string(), today.to_string());
    let mut started = campaigns::Started {
        id: &id,
        county_code: staff.scope.as_str(),
        name: &name,
        until_on: &until_on,
        due_on: &due_on,
        started_on: &started_on,
        started_by: &staff.id,
        households: 0,
        now_ms: super::millis(now),
    };
    campaigns::record(&state.db.pool, &started).await?;
    let targets =
        campaigns::cases_in_states(&state.db.pool, staff.scope.as_str(), CAMPAIGN_STATES).await?;
    for (case_id, version) in targets {
        match cases::execute(state, &actor, &case_id, version, &command, now).await {
            Ok(_) => report.started += 1,
            // Changed since it was listed, or out of the actor's reach: left for another run.
            Err(ServiceError::Conflict | ServiceError::Refused(Refusal::WrongState { .. })) => {
                report.skipped += 1
            }
            Err(other) => return Err(other),
        }
    }
    started.households = i64::from(report.started);
    campaigns::record(&state.db.pool, &started).await?;
    tracing::info!(target: "audit", user = %staff.id, campaign = %name, until = %until, started = report.started, "campaign started");
    Ok(report)
}
