//! The case page as staff see it: a read model built from the case, its row and its events.
mod people;
mod sections;

use chrono::{DateTime, Utc};
use people::People;

use crate::{
    domain::{
        access::Action,
        audit::{AuditAction, Outcome},
        case::{
            eligibility::{suggest_category, Lines},
            labels,
            screening::seen_in_history,
            work, CaseEvent, Procedure, ReviewStep,
        },
        id_number::IdNumber,
        mobile::MobileNumber,
        time::{beijing_date, to_beijing},
        tracking::TrackingNumber,
        vocab::Channel,
        wording::{case_words, timeline_words},
    },
    ssr::{
        error::ServiceError,
        repo::cases as rows,
        services::{
            audit::{Read, Reader},
            auth::Staff,
            cases,
        },
        state::AppState,
    },
    wire::cases::{CaseView, Choice, ComparisonView, TimelineEntry},
};

/// `view` naming the step a `?done=` mark names, if this server made the mark for the case
/// and this sign-in (`session`, its token).
pub async fn with_done(
    state: &AppState,
    mut view: CaseView,
    mark: Option<&str>,
    session: &str,
) -> Result<CaseView, ServiceError> {
    if let Some(mark) = mark {
        let step = crate::ssr::done_marks::verify(state, &view.id, mark, session).await?;
        view.done_step = step.map(|s| s.code().to_owned());
    }
    Ok(view)
}

#[tracing::instrument(skip_all, fields(user = %staff.id, case_id = %case_id))]
pub async fn view(
    state: &AppState,
    staff: &Staff,
    case_id: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<CaseView, ServiceError> {
    let actor = staff.actor();
    let sees_duplicates = super::duplicates::sees_duplicates(&actor);
    let case = cases::load_unscoped(state, case_id).await?;
    let reader = Reader {
        staff,
        address,
        now,
    };
    let read = Read {
        case_id: Some(case_id),
        ..Read::default()
    };
    // Outside the officer's own work the case looks like one that does not exist, and the
    // try is in the audit log: a county saw no trace of an officer probing outside their
    // area (attacker tester).
    if !staff.may_on_case(Action::OpenCase, &case, &state.policy) {
        tracing::warn!(user = %staff.id, case_id, "case read outside own work refused");
        reader
            .record(state, AuditAction::CaseOpened, Outcome::Refused, &read)
            .await?;
        return Err(ServiceError::NotFound);
    }
    reader
        .record(state, AuditAction::CaseOpened, Outcome::Allowed, &read)
        .await?;
    let row = rows::by_id(&state.db.pool, &state.vault, case_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let today = beijing_date(now);
    let next_step = case.next_step_owners(&state.policy);
    let clocks = sections::clocks(&case, today, &state.calendar, &state.policy);
    let events = rows::events(&state.db.pool, &state.vault, case_id)
        .await?
        .iter()
        .rev()
        .map(|(_, payload)| serde_json::from_str::<CaseEvent>(payload))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ServiceError::Corrupt(format!("event of {case_id}: {e}")))?;
    // A suspected duplicate's number whole only to whoever may open it (as in the table).
    let suspected = events.iter().flat_map(|e| match &e.kind {
        crate::domain::case::EventKind::DuplicateSuspected { matches } => matches.as_slice(),
        _ => &[],
    });
    let open = super::duplicates::openable(state, &actor, suspected).await?;
    let events: Vec<CaseEvent> = events
        .into_iter()
        .map(|e| seen_in_history(e, |found| open.contains(&found.case_id)))
        .collect();
    let mentioned = events
        .iter()
        .map(|e| e.by.user_id.clone())
        .chain(case.comparison.iter().map(|c| c.by.clone()))
        .chain(row.consent_by.clone())
        .collect();
    let people = People::load(state, mentioned).await?;
    // Marked oldest first, then put back in `events`' order (newest first).
    let mut marks = crate::domain::wording::procedure_marks::of_elimination(events.iter().rev());
    marks.reverse();
    let later_plans = timeline_words::later_plans(&events);
    let timeline = events
        .iter()
        .zip(marks)
        .zip(later_plans)
        .filter_map(|((event, of_elimination), more)| {
            Some(TimelineEntry {
                at: event.at.format("%Y-%m-%d %H:%M").to_string(),
                who: people.who(event),
                what_zh: if more {
                    labels::measures_added_zh(event)?
                } else {
                    labels::event_zh(event)?
                },
                what: if more {
                    timeline_words::measures_added(event)?
                } else {
                    timeline_words::event_phrase(event)?
                },
                by_role: event.by.role.code().to_owned(),
                by_name: people.known_name(&event.by.user_id),
                of_elimination,
            })
        })
        .collect();
    let household = case.household.as_ref();
    let category_hint = household.and_then(|h| sections::category_hint(h, &state.policy));
    let consent = sections::consent(&row, &people);
    // The caller script says the number went by text only when it did (past the phone's
    // hourly texts it did not).
    let awaiting = matches!(case.state, crate::domain::case::CaseState::Reported);
    let tracking_texted = awaiting
        && case.channel.is_proxy()
        && crate::ssr::repo::outbox::has_subject(&state.db.pool, case_id, "tracking_number")
            .await?;
    let offered = case.available_commands(&actor, &state.policy, to_beijing(now));
    // Ordered once: the first opens when it is work to do today.
    let day = work::WorkDay {
        today,
        policy: &state.policy,
    };
    let ordered = work::in_working_order(&case, actor.role, offered, day);
    let proposal_gaps = if ordered.contains(&crate::domain::case::CommandKind::ProposeElimination) {
        sections::proposal_gaps(&case, &state.policy, &state.calendar, today)
    } else {
        Vec::new()
    };
    let first_step_due = ordered
        .first()
        .is_some_and(|k| work::is_work_on(&case, *k, actor.role, day));
    let available = ordered
        .into_iter()
        .map(|k| Choice {
            code: k.code().to_owned(),
            label_zh: k.label_zh().to_owned(),
        })
        .collect();
    Ok(CaseView {
        id: case.id.clone(),
        // Grouped as the household's SMS and the hotline read it aloud (ABCD-EFGH-JK).
        tracking: TrackingNumber::shown_back(&row.tracking_number),
        version: case.version,
        applicant: row.applicant_name.clone(),
        may_reveal: staff.may_on_case(Action::RevealId, &case, &state.policy),
        id_masked: IdNumber::parse(&row.applicant_id_number)
            .map(|i| i.masked())
            .unwrap_or_default(),
        mobile_masked: MobileNumber::parse(&row.applicant_mobile)
            .map(|m| m.masked())
            .unwrap_or_default(),
        household_size: row.household_size,
        village: super::regions::name_of(state, &row.village_code).await?,
        village_code: row.village_code.clone(),
        group: row.village_group.clone(),
        township: super::regions::name_of(state, &row.township_code).await?,
        state_code: case.state.code().to_owned(),
        state_zh: labels::state_zh(&case.state).to_owned(),
        channel_zh: Channel::from_code(&row.channel)
            .map(|c| c.label_zh().to_owned())
            .unwrap_or_default(),
        channel: row.channel.clone(),
        risk_types_zh: crate::domain::wording::risks::risk_labels(&row.risk_types),
        description: row.description.clone(),
        discovered_on: case.discovered_on.to_string(),
        category_zh: case.category.map(|c| c.label_zh().to_owned()),
        // A tier sets a monitored household's visits; after 风险已消除 it would read as a
        // current risk (tester).
        tier_zh: case
            .tier
            .filter(|_| case.state.is_monitored())
            .map(|t| t.label_zh().to_owned()),
        responsible: case
            .responsible
            .as_deref()
            .map(|person| match &case.responsible_phone {
                Some(phone) => format!("{person} {}", phone.mobile.as_str()),
                None => person.to_owned(),
            }),
        green_channel: case.green_channel,
        members: household.map(sections::members).unwrap_or_default(),
        guarantees_zh: household.map(sections::guarantees).unwrap_or_default(),
        per_capita_income: household
            .and_then(|h| h.per_capita_income())
            .map(|f| f.to_string()),
        rigid_expenditure: household.map(|h| h.rigid_expenditure.to_string()),
        per_capita_net_income: household
            .and_then(|h| h.per_capita_net_income())
            .map(|f| f.to_string()),
        previous_income: household
            .and_then(|h| h.previous_income)
            .map(|f| f.to_string()),
        clock_choices: sections::clock_choices(&case, &actor, today),
        pending_extensions: sections::pending_extensions(&case),
        done_step: None,
        measures: sections::measures(&case, &actor),
        risks_unanswered_zh: sections::risks_unanswered(&case),
        plan_returned: sections::plan_returned(&case, &events),
        sent_back: sections::sent_back(&case, &events),
        guarantees_unanswered_zh: sections::guarantees_unanswered(&case),
        clocks,
        timeline,
        available,
        first_step_due,
        suggested_measures: sections::suggested_measures(&case),
        // Said to a reader whose role does not take the case's next step of its procedure
        // (a visit or a data comparison beside it does not count).
        waiting_on: {
            let roles = next_step.waiting_on(today);
            if roles.contains(&actor.role) {
                Vec::new()
            } else {
                roles
                    .into_iter()
                    .map(|role| role.code().to_owned())
                    .collect()
            }
        },
        waiting_until: next_step.waiting_until(today).map(|d| d.to_string()),
        waiting_until_yours: actor.role == crate::domain::role::Role::VillageCadre,
        elimination_refused: crate::domain::case::elimination::refused_by_its_home_check(
            &case,
            &state.policy,
        )
        .iter()
        .map(|gap| gap.code().to_owned())
        .collect(),
        proposal_gaps,
        prefill_refused: crate::domain::case::elimination::refused_by_the_last_check(
            &case,
            &state.policy,
        )
        .iter()
        .map(|gap| gap.code().to_owned())
        .collect(),
        home_check_prefill: case
            .household
            .as_ref()
            .map(|last| crate::domain::case::form::prefill::home_check_pairs(last, today))
            .unwrap_or_default(),
        today: today.to_string(),
        duplicates: match sees_duplicates {
            true => super::duplicates::duplicate_views(state, &actor, &case.duplicates).await?,
            false => Vec::new(),
        },
        duplicates_unshown: if sees_duplicates {
            0
        } else {
            case.duplicates.len()
        },
        later_filings: match sees_duplicates {
            true => super::duplicates::later_filings(state, &actor, &case, &row).await?,
            false => Vec::new(),
        },
        duplicate_override: case.duplicate_override.clone(),
        comparison: case.comparison.as_ref().map(|c| ComparisonView {
            on: c.on,
            by: people.name(&c.by),
            hits_zh: c.hits.iter().map(|h| h.label_zh().to_owned()).collect(),
            note: c.note.clone(),
        }),
        formerly_poor: household.map(|h| h.formerly_poor),
        suggested_category: suggest_category(household, Lines::of(&state.policy))
            .map(|c| c.code().to_owned()),
        category_hint_zh: category_hint
            .as_ref()
            .map(|h| sections::zh(h, case_words::hint_words)),
        category_hint,
        consent_zh: sections::zh(&consent, case_words::consent_words),
        tracking_texted,
        consent,
        // Monitored households' pages opened on a months-old comparison card, their steps
        // below the fold on a phone (officer tester).
        comparison_first: case.comparison.as_ref().is_some_and(|c| !c.hits.is_empty())
            || matches!(
                case.state.review_step(),
                Some((Procedure::Identification, _))
            ),
        comparison_pending: case.comparison.is_none()
            && matches!(
                case.state.review_step(),
                Some((Procedure::Identification, step)) if step != ReviewStep::AwaitingHomeCheck
            ),
    })
}
