//! The one queue: every case in the officer's scope with an open clock, soonest due first,
//! marked with the step this officer can take now. Scope is in the query, never the UI.
use chrono::{DateTime, Utc};

use crate::{
    api::queue::{QueueCounts, QueueItem, QueueView},
    domain::{
        case::{labels, Case},
        clock::{time_left_zh, urgency, Urgency},
        id_number::IdNumber,
        mobile::MobileNumber,
        region::RegionLevel,
        time::{beijing_date, date_zh, to_beijing},
        tracking::TrackingNumber,
        vocab::Channel,
    },
    ssr::{
        error::ServiceError,
        repo::{cases, cases::RegionColumn, regions},
        services::{auth::Staff, case_view::actor_of, reports::risk_labels},
        state::AppState,
    },
};

const PAGE: i64 = 500;

/// A search term normalised the way it is stored (tracking and mobile formats vary).
fn normalise_search(q: &str) -> Option<String> {
    let q = q.trim();
    if q.is_empty() {
        return None;
    }
    if let Ok(t) = TrackingNumber::parse(q) {
        return Some(t.as_str().to_owned());
    }
    if let Ok(m) = MobileNumber::parse(q) {
        return Some(m.as_str().to_owned());
    }
    if let Ok(id) = IdNumber::parse(q) {
        return Some(id.as_str().to_owned());
    }
    Some(q.to_owned())
}

#[tracing::instrument(skip_all, fields(user = %staff.id, tab))]
pub async fn list_for(
    state: &AppState,
    staff: &Staff,
    tab: &str,
    q: Option<&str>,
    now: DateTime<Utc>,
) -> Result<QueueView, ServiceError> {
    let column = match staff.scope.level() {
        RegionLevel::County => RegionColumn::County,
        RegionLevel::Township => RegionColumn::Township,
        RegionLevel::Village => RegionColumn::Village,
    };
    let search = q.and_then(normalise_search);
    let rows = cases::open_by_due(
        &state.db.pool,
        column,
        staff.scope.as_str(),
        search.as_deref(),
        PAGE,
    )
    .await?;
    let names = regions::all(&state.db.pool).await?;
    let name_of = |code: &str| {
        names
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.name.clone())
            .unwrap_or_default()
    };
    let actor = actor_of(staff);
    let today = beijing_date(now);
    let cal = &state.calendar;
    let mut all = Vec::with_capacity(rows.len());
    for (row, snapshot) in rows {
        let Some(case) = snapshot
            .as_deref()
            .and_then(|s| serde_json::from_str::<Case>(s).ok())
        else {
            tracing::error!(case_id = %row.id, "case without a readable snapshot");
            continue;
        };
        let Some(clock) = case.open_clocks().min_by_key(|c| c.due_on) else {
            continue;
        };
        let level = urgency(clock, today, cal, state.policy.due_soon_working_days);
        let next_step_zh = case
            .available_commands(&actor, &state.policy, to_beijing(now))
            .into_iter()
            .find(|k| labels::is_work_item(*k))
            .map(|k| k.label_zh().to_owned());
        all.push(QueueItem {
            case_id: row.id.clone(),
            tracking: row.tracking_number.clone(),
            applicant: row.applicant_name.clone(),
            id_masked: IdNumber::parse(&row.applicant_id_number)
                .map(|id| id.masked())
                .unwrap_or_default(),
            village: name_of(&row.village_code),
            township: name_of(&row.township_code),
            risk_types_zh: risk_labels(&row.risk_types),
            channel_zh: Channel::from_code(&row.channel)
                .map(|c| c.label_zh().to_owned())
                .unwrap_or_default(),
            category_zh: case.category.map(|c| c.label_zh().to_owned()),
            state_zh: labels::state_zh(&case.state).to_owned(),
            next_step_zh,
            clock_zh: clock.kind.label_zh().to_owned(),
            due_on: date_zh(clock.due_on),
            time_left_zh: time_left_zh(clock, today, cal),
            urgency: match level {
                Urgency::Overdue => "overdue",
                Urgency::DueSoon => "due_soon",
                Urgency::OnTime | Urgency::Met | Urgency::MetLate | Urgency::Cancelled => "on_time",
            }
            .to_owned(),
            submitted_on: date_zh(case.discovered_on),
        });
    }
    let counts = QueueCounts {
        todo: all.iter().filter(|i| i.next_step_zh.is_some()).count(),
        due_soon: all.iter().filter(|i| i.urgency == "due_soon").count(),
        overdue: all.iter().filter(|i| i.urgency == "overdue").count(),
        all: all.len(),
    };
    let items = all
        .into_iter()
        .filter(|i| match tab {
            "due_soon" => i.urgency == "due_soon",
            "overdue" => i.urgency == "overdue",
            "all" => true,
            _ => i.next_step_zh.is_some(),
        })
        .collect();
    Ok(QueueView { items, counts })
}
