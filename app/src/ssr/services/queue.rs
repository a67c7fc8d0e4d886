use crate::{
    api::queue::QueueItem,
    domain::{
        id_number::IdNumber,
        region::RegionLevel,
        time::date_zh,
        vocab::Channel,
    },
    ssr::{
        error::ServiceError,
        repo::{cases, cases::RegionColumn, regions},
        services::{auth::Staff, reports::risk_labels},
        state::AppState,
    },
};

const PAGE: i64 = 200;

/// Cases in the officer's scope only: the scope filter is in the query, never in the UI.
#[tracing::instrument(skip_all, fields(user = %staff.id))]
pub async fn list_for(state: &AppState, staff: &Staff) -> Result<Vec<QueueItem>, ServiceError> {
    let column = match staff.scope.level() {
        RegionLevel::County => RegionColumn::County,
        RegionLevel::Township => RegionColumn::Township,
        RegionLevel::Village => RegionColumn::Village,
    };
    let rows = cases::open_in_region(&state.db.pool, column, staff.scope.as_str(), PAGE).await?;
    let names = regions::all(&state.db.pool).await?;
    let name_of = |code: &str| {
        names
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.name.clone())
            .unwrap_or_default()
    };
    Ok(rows
        .into_iter()
        .map(|row| QueueItem {
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
            state_zh: state_label(&row.state).to_owned(),
            submitted_on: chrono::NaiveDate::parse_from_str(&row.discovered_on, "%Y-%m-%d")
                .map(date_zh)
                .unwrap_or_default(),
        })
        .collect())
}

fn state_label(state: &str) -> &'static str {
    match state {
        "reported" => "待受理",
        _ => "办理中",
    }
}
