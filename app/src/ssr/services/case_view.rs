//! Read models for the case page.
use chrono::{DateTime, Utc};

use crate::{
    api::cases::{
        CaseView, Choice, ClockView, ComparisonView, DuplicateView, MeasureView, MemberView,
        TimelineEntry,
    },
    domain::{
        case::{
            eligibility::suggest_category, labels, screening::DuplicateMatch, Actor, CaseEvent,
            Procedure, ReviewStep,
        },
        clock::{time_left_zh, urgency},
        id_number::IdNumber,
        mobile::MobileNumber,
        region::RegionCode,
        time::{beijing_date, to_beijing},
        vocab::{suggest_measures, Channel, LabourCapacity},
    },
    ssr::{
        error::ServiceError,
        repo::{cases as rows, regions},
        services::{auth::Staff, cases, reports::risk_labels},
        state::AppState,
    },
};

pub fn actor_of(staff: &Staff) -> Actor {
    Actor::new(staff.id.clone(), staff.role, staff.scope.clone())
}

async fn region_name(state: &AppState, code: &str) -> Result<String, ServiceError> {
    Ok(regions::find(&state.db.pool, code)
        .await?
        .map(|r| r.name)
        .unwrap_or_default())
}

#[tracing::instrument(skip_all, fields(user = %staff.id, case_id = %case_id))]
pub async fn view(
    state: &AppState,
    staff: &Staff,
    case_id: &str,
    now: DateTime<Utc>,
) -> Result<CaseView, ServiceError> {
    let actor = actor_of(staff);
    let case = cases::load(state, &actor, case_id).await?;
    let row = rows::by_id(&state.db.pool, case_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let today = beijing_date(now);
    let cal = &state.calendar;
    let clocks = case
        .clocks
        .iter()
        .rev()
        .map(|c| ClockView {
            kind_zh: c.kind.label_zh().to_owned(),
            owner_zh: c.owner.label_zh().to_owned(),
            due_on: c.due_on.to_string(),
            time_left_zh: time_left_zh(c, today, cal),
            urgency: urgency(c, today, cal, state.policy.due_soon_working_days)
                .code()
                .to_owned(),
            is_minimum: c.kind.is_minimum(),
        })
        .collect();
    let events = rows::events(&state.db.pool, case_id).await?;
    let mut timeline = Vec::new();
    for (_, payload) in events.iter().rev() {
        let event: CaseEvent = serde_json::from_str(payload)
            .map_err(|e| ServiceError::Corrupt(format!("event of {case_id}: {e}")))?;
        if let Some(what_zh) = labels::event_zh(&event) {
            timeline.push(TimelineEntry {
                at: event.at.format("%Y-%m-%d %H:%M").to_string(),
                who: who(&event),
                what_zh,
            });
        }
    }
    let household = case.household.as_ref();
    let labour = household
        .map(|h| {
            if h.no_member_can_work() {
                LabourCapacity::None
            } else if h.members.iter().any(|m| m.labour == LabourCapacity::Full) {
                LabourCapacity::Full
            } else {
                LabourCapacity::Partial
            }
        })
        .unwrap_or(LabourCapacity::Full);
    let available = case
        .available_commands(&actor, &state.policy, to_beijing(now))
        .into_iter()
        .map(|k| Choice {
            code: k.code().to_owned(),
            label_zh: k.label_zh().to_owned(),
        })
        .collect();
    Ok(CaseView {
        id: case.id.clone(),
        tracking: row.tracking_number.clone(),
        version: case.version,
        applicant: row.applicant_name.clone(),
        id_masked: IdNumber::parse(&row.applicant_id_number)
            .map(|i| i.masked())
            .unwrap_or_default(),
        mobile_masked: MobileNumber::parse(&row.applicant_mobile)
            .map(|m| m.masked())
            .unwrap_or_default(),
        household_size: row.household_size,
        village: region_name(state, &row.village_code).await?,
        village_code: row.village_code.clone(),
        group: row.village_group.clone(),
        township: region_name(state, &row.township_code).await?,
        state_code: case.state.code().to_owned(),
        state_zh: labels::state_zh(&case.state).to_owned(),
        channel_zh: Channel::from_code(&row.channel)
            .map(|c| c.label_zh().to_owned())
            .unwrap_or_default(),
        risk_types_zh: risk_labels(&row.risk_types),
        description: row.description.clone(),
        discovered_on: case.discovered_on.to_string(),
        category_zh: case.category.map(|c| c.label_zh().to_owned()),
        tier_zh: case.tier.map(|t| t.label_zh().to_owned()),
        responsible: case.responsible.clone(),
        green_channel: case.green_channel,
        members: household
            .map(|h| {
                h.members
                    .iter()
                    .map(|m| MemberView {
                        name: m.name.clone(),
                        labour_zh: m.labour.label_zh().to_owned(),
                        income: m.annual_income.to_string(),
                        relation_zh: m.relation.label_zh().to_owned(),
                        status_zh: m.status.label_zh().to_owned(),
                        id_masked: m
                            .id_number
                            .as_ref()
                            .map(IdNumber::masked)
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        guarantees_zh: household
            .map(|h| {
                let g = h.guarantees;
                vec![
                    ("不愁吃".to_owned(), g.food),
                    ("不愁穿".to_owned(), g.clothing),
                    ("义务教育".to_owned(), g.compulsory_education),
                    ("基本医疗".to_owned(), g.basic_medical),
                    ("住房安全".to_owned(), g.housing_safety),
                    ("饮水安全".to_owned(), g.drinking_water),
                ]
            })
            .unwrap_or_default(),
        per_capita_income: household
            .and_then(|h| h.per_capita_income())
            .map(|f| f.to_string()),
        rigid_expenditure: household.map(|h| h.rigid_expenditure.to_string()),
        per_capita_net_income: household
            .and_then(|h| h.per_capita_net_income())
            .map(|f| f.to_string()),
        measures: case
            .measures
            .iter()
            .map(|m| MeasureView {
                type_zh: m.measure_type.label_zh().to_owned(),
                department: m.lead_department.clone(),
                amount: m.amount.to_string(),
                period: format!("{} 至 {}", m.start, m.end),
                status_zh: labels::measure_status_zh(m.status).to_owned(),
            })
            .collect(),
        clocks,
        timeline,
        available,
        suggested_measures: suggest_measures(&case.risks, labour)
            .into_iter()
            .map(|m| Choice {
                code: m.code().to_owned(),
                label_zh: m.label_zh().to_owned(),
            })
            .collect(),
        today: today.to_string(),
        duplicates: duplicate_views(state, &actor, &case.duplicates).await?,
        duplicate_override: case.duplicate_override.clone(),
        comparison: case.comparison.as_ref().map(|c| ComparisonView {
            on: c.on.to_string(),
            by: c.by.trim_start_matches("demo-").to_owned(),
            hits_zh: c.hits.iter().map(|h| h.label_zh().to_owned()).collect(),
            note: c.note.clone(),
        }),
        formerly_poor: household.map(|h| h.formerly_poor),
        suggested_category: suggest_category(household, state.policy.income_line)
            .map(|c| c.code().to_owned()),
        category_hint_zh: household.and_then(|h| {
            let income = h.per_capita_income()?;
            let net = h.per_capita_net_income()?;
            let line = state.policy.income_line;
            Some(match suggest_category(Some(h), line) {
                Some(c) => format!(
                    "人均纯收入{income}，扣除刚性支出后{net}，监测标准{line}：建议认定为{}",
                    c.label_zh()
                ),
                None => format!(
                    "人均纯收入{income}，扣除刚性支出后{net}，均不低于监测标准{line}：不符合三类监测对象条件"
                ),
            })
        }),
        consent_zh: match &row.consent_by {
            None if row.channel == Channel::DepartmentAlert.code() => {
                "部门预警，入户核查时由农户签署承诺授权书".to_owned()
            }
            None => "申请人本人在线勾选".to_owned(),
            Some(by) => format!("由{}向申请人宣读并征得同意", by.trim_start_matches("demo-")),
        },
        comparison_pending: case.comparison.is_none()
            && matches!(
                case.state.review_step(),
                Some((Procedure::Identification, step)) if step != ReviewStep::AwaitingHomeCheck
            ),
    })
}

/// The matched pair for each suspected duplicate: the other filing's details, its name and
/// a link only when the officer's region covers it.
pub async fn duplicate_views(
    state: &AppState,
    actor: &Actor,
    duplicates: &[DuplicateMatch],
) -> Result<Vec<DuplicateView>, ServiceError> {
    let mut views = Vec::with_capacity(duplicates.len());
    for found in duplicates {
        let row = rows::by_id(&state.db.pool, &found.case_id).await?;
        let in_scope = RegionCode::parse(&found.village).is_ok_and(|v| actor.covers(&v));
        let current_state = row
            .as_ref()
            .map_or(found.state.as_str(), |r| r.state.as_str());
        views.push(DuplicateView {
            // Out of the officer's region the number (half of a household's look-up key) is
            // not shown in full.
            tracking: if in_scope {
                found.tracking.clone()
            } else {
                format!(
                    "{}******",
                    found.tracking.chars().take(4).collect::<String>()
                )
            },
            case_id: in_scope.then(|| found.case_id.clone()),
            applicant: row
                .as_ref()
                .filter(|_| in_scope)
                .map(|r| r.applicant_name.clone())
                .unwrap_or_default(),
            village: region_name(state, &found.village).await?,
            state_zh: labels::state_code_zh(current_state).to_owned(),
            reported_on: found.reported_on.to_string(),
            reasons_zh: found
                .reasons
                .iter()
                .map(|r| r.label_zh())
                .collect::<Vec<_>>()
                .join("、"),
        });
    }
    Ok(views)
}

fn who(event: &CaseEvent) -> String {
    if event.by.user_id.starts_with("household") {
        "农户本人".to_owned()
    } else {
        format!(
            "{}（{}）",
            event.by.role.label_zh(),
            event.by.user_id.trim_start_matches("demo-")
        )
    }
}

/// A deliberate, logged reveal of the full ID number.
pub async fn reveal_id(
    state: &AppState,
    staff: &Staff,
    case_id: &str,
) -> Result<String, ServiceError> {
    let actor = actor_of(staff);
    cases::load(state, &actor, case_id).await?;
    let row = rows::by_id(&state.db.pool, case_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    tracing::warn!(target: "audit", user = %staff.id, case_id, "ID number revealed");
    Ok(row.applicant_id_number)
}

/// Parses a step form and runs it through the engine.
pub async fn run_command(
    state: &AppState,
    staff: &Staff,
    case_id: &str,
    version: i64,
    form: &crate::domain::case::CommandForm,
    now: DateTime<Utc>,
) -> Result<crate::domain::case::Case, ServiceError> {
    let command = crate::domain::case::parse_command(form)
        .map_err(|problems| ServiceError::Validation(super::reports::field_errors(&problems)))?;
    cases::execute(state, &actor_of(staff), case_id, version, &command, now).await
}

/// Earlier filings for the household a member of staff is about to file for (as they type).
pub async fn duplicates_for(
    state: &AppState,
    staff: &Staff,
    id_number: &str,
    mobile: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<DuplicateView>, ServiceError> {
    let id_number = IdNumber::parse(id_number).map(|i| i.as_str().to_owned());
    let mobile = MobileNumber::parse(mobile).map(|m| m.as_str().to_owned());
    let (id_number, mobile) = match (id_number, mobile) {
        (Err(_), Err(_)) => return Ok(Vec::new()),
        (id, mobile) => (id.unwrap_or_default(), mobile.unwrap_or_default()),
    };
    // Probes are counted per account: typing is a few a minute, a scripted sweep is not.
    let bucket = format!("duplicates:{}", staff.id);
    if !crate::ssr::repo::rate_limits::take_in_window(
        &state.db.pool,
        &bucket,
        DUPLICATE_PROBES_PER_HOUR,
        60 * 60_000,
        super::millis(now),
    )
    .await?
    {
        tracing::warn!(target: "audit", user = %staff.id, "duplicate probes rate limited");
        return Err(ServiceError::RateLimited);
    }
    let actor = actor_of(staff);
    // Only filings in the caller's own region: elsewhere the answer would tell the village,
    // state and date of another household's filing.
    let found: Vec<_> = super::duplicates::find(state, &id_number, &mobile)
        .await?
        .into_iter()
        .filter(|f| RegionCode::parse(&f.village).is_ok_and(|v| actor.covers(&v)))
        .collect();
    tracing::info!(target: "audit", user = %staff.id, found = found.len(), "duplicate look-up while filing");
    duplicate_views(state, &actor, &found).await
}

/// Look-ups of earlier filings while typing, per account per hour.
pub const DUPLICATE_PROBES_PER_HOUR: i64 = 120;
