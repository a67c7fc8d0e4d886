//! Parts of the case page, each from the case (or its household) alone.
use chrono::NaiveDate;

use super::people::People;
use crate::{
    domain::{
        calendar::Calendar,
        case::{
            eligibility::{suggest_category, Lines},
            elimination,
            household::HomeCheckRecord,
            labels, Case, Policy,
        },
        clock::{time_left_zh, urgency, Clock, ClockKind, ClockState, TimeLeft},
        id_number::IdNumber,
        lang::Lang,
        money::Fen,
        vocab::{suggest_measures, Channel, LabourCapacity},
        wording::{
            case_words,
            phrase::{plain, Part, Phrase},
        },
    },
    ssr::repo::cases::CaseRow,
    wire::cases::{Choice, ClockView, MeasureView, MemberView},
};

/// Every clock, newest first, with the time left in words.
pub fn clocks(case: &Case, today: NaiveDate, cal: &Calendar, policy: &Policy) -> Vec<ClockView> {
    let overall = case.open_clocks().find(|c| {
        matches!(
            c.kind,
            ClockKind::IdentificationOverall | ClockKind::EliminationReview
        )
    });
    // Only the steps the limit bounds: a 临时救助 review half a year on was said to fall
    // after an elimination's limit (officer tester).
    let bounded =
        |c: &Clock| matches!(c.kind, ClockKind::TownshipAcceptance | ClockKind::HomeCheck);
    let after_limit = |c: &Clock| {
        let limit = overall.filter(|o| o.kind != c.kind && c.is_open() && bounded(c))?;
        (c.due_on > limit.due_on).then(|| limit.due_on.to_string())
    };
    let late =
        crate::domain::wording::progress::identification_certainly_late(case, policy, cal, today);
    case.clocks
        .iter()
        .rev()
        .map(|c| ClockView {
            kind_zh: c.kind.label_zh().to_owned(),
            owner_zh: c.owner.label_zh().to_owned(),
            due_on: c.due_on.to_string(),
            time_left_zh: time_left_zh(c, today, cal),
            urgency: urgency(c, today, cal, policy.due_soon_working_days),
            is_minimum: c.kind.is_minimum(),
            kind: c.kind.code().to_owned(),
            owner: c.owner.code().to_owned(),
            time_left: Some(TimeLeft::of(c, today, cal)),
            ended_on: match c.state {
                ClockState::Met { on } | ClockState::Cancelled { on } => Some(on.to_string()),
                ClockState::Running | ClockState::Paused { .. } => None,
            },
            after_limit: after_limit(c),
            cannot_meet: late && c.kind == ClockKind::IdentificationOverall && c.is_open(),
        })
        .collect()
}

pub fn members(h: &HomeCheckRecord) -> Vec<MemberView> {
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
}

/// The short names of 两不愁三保障 and drinking water, in the order of `Guarantees::answers`.
const GUARANTEES_ZH: [&str; 6] = [
    "不愁吃",
    "不愁穿",
    "义务教育",
    "基本医疗",
    "住房安全",
    "饮水安全",
];

/// 两不愁三保障 and drinking water, as the home check found them.
pub fn guarantees(h: &HomeCheckRecord) -> Vec<(String, bool)> {
    GUARANTEES_ZH
        .iter()
        .zip(h.guarantees.answers())
        .map(|(name, secured)| ((*name).to_owned(), secured))
        .collect()
}

/// Monitored: the items the home check found not secured that no measure answers, in Chinese.
pub fn guarantees_unanswered(case: &Case) -> Vec<String> {
    if !elimination::heading_for_elimination(case) {
        return Vec::new();
    }
    elimination::unanswered_guarantees(case)
        .into_iter()
        .map(|i| GUARANTEES_ZH[i].to_owned())
        .collect()
}

pub fn measures(case: &Case, actor: &crate::domain::case::Actor) -> Vec<MeasureView> {
    let heading_out = elimination::marks_hold_backs(case);
    let due_first = crate::domain::case::work::next_measure_due(case);
    let overlaps = crate::domain::case::measure_dates::overlaps_earlier(&case.measures);
    case.measures
        .iter()
        .zip(overlaps)
        .enumerate()
        .map(|(i, (m, overlaps))| MeasureView {
            holds_back_elimination: heading_out && elimination::holds_back_elimination(m),
            may_run_on: elimination::continues_after_exit(m.measure_type),
            type_zh: m.measure_type.label_zh().to_owned(),
            department: m.lead_department.clone(),
            yours: actor.carries_out(m),
            // ¥0.00 read as a grant of nothing (tester).
            amount: if m.amount.fen() == 0 {
                String::new()
            } else {
                m.amount.to_string()
            },
            period: format!("{} 至 {}", m.start, m.end),
            started_on: m.began_off_plan().map(|day| day.to_string()),
            status_zh: labels::measure_status_zh(m.status).to_owned(),
            next_status: m.status.next().map(|s| s.code().to_owned()),
            update_due_first: due_first == Some(i),
            // Every measure's own day, not only the first's: a second one starting the same
            // day said nothing (officer tester).
            update_due_on: crate::domain::case::work::measure_update_day(case, m)
                .map(|day| day.to_string()),
            overlap_withdrawable: std::iter::once(i)
                .chain(overlaps.iter().copied())
                .any(|j| case.measures[j].status == crate::domain::case::MeasureStatus::Planned),
            overlaps: overlaps.iter().map(|earlier| earlier + 1).collect(),
        })
        .collect()
}

/// Why the village did not pass the plan, while it is back with the township (`events`
/// newest first): the reason sat only in the timeline, far below the form (tester).
pub fn plan_returned(case: &Case, events: &[crate::domain::case::CaseEvent]) -> Option<String> {
    use crate::domain::case::{plan_review::PlanReview, EventKind};
    if !matches!(case.plan_review, Some(PlanReview::Returned { .. })) {
        return None;
    }
    events.iter().find_map(|e| match &e.kind {
        EventKind::PlanReturned { reason, .. } => Some(reason.clone()),
        _ => None,
    })
}

/// Why a case waits for a new home check (`events` newest first): the township's return or a
/// notice objection, with its words; `None` for a first visit.
pub fn sent_back(
    case: &Case,
    events: &[crate::domain::case::CaseEvent],
) -> Option<(String, String)> {
    use crate::domain::case::{CaseState, EventKind, ReviewStep};
    if !matches!(
        case.state,
        CaseState::Reviewing {
            step: ReviewStep::AwaitingHomeCheck,
            ..
        }
    ) {
        return None;
    }
    events.iter().find_map(|e| match &e.kind {
        EventKind::TownshipReviewed {
            approve: false,
            note,
        } => Some(Some(("township".to_owned(), note.clone()))),
        EventKind::ObjectionRecorded { text } => Some(Some(("objection".to_owned(), text.clone()))),
        // The visit before it, or the procedure's start: a first visit.
        EventKind::HomeCheckRecorded { .. }
        | EventKind::Accepted
        | EventKind::EliminationProposed { .. } => Some(None),
        _ => None,
    })?
}

/// 缺什么补什么: measures for the case's risks, given who in the household can work, less
/// those the plan already has (more measures are added to a plan, not the plan again).
pub fn suggested_measures(case: &Case) -> Vec<Choice> {
    let labour = case
        .household
        .as_ref()
        .map_or(LabourCapacity::Full, HomeCheckRecord::labour_capacity);
    suggest_measures(&case.risks, labour)
        .into_iter()
        .filter(|m| !case.plan_measures().any(|have| have.measure_type == *m))
        .map(|m| Choice {
            code: m.code().to_owned(),
            label_zh: m.label_zh().to_owned(),
        })
        .collect()
}

/// Why the county's form suggests a category: per-capita income against the line.
pub fn category_hint(h: &HomeCheckRecord, policy: &Policy) -> Option<Phrase> {
    let income = h.per_capita_income()?;
    let net = h.per_capita_net_income()?;
    let line: Fen = policy.income_line;
    let suggested = suggest_category(Some(h), Lines::of(policy));
    Some(case_words::hint_phrase(income, net, line, suggested))
}

/// How the 承诺授权 was given.
pub fn consent(row: &CaseRow, people: &People) -> Phrase {
    let alert = row.channel == Channel::DepartmentAlert.code();
    case_words::consent_phrase(alert, row.consent_by.as_deref().map(|by| people.name(by)))
}

/// A phrase in Chinese, as the `*_zh` fields carry it.
pub fn zh(phrase: &Phrase, words: fn(&Phrase, Lang) -> Option<Vec<Part>>) -> String {
    words(phrase, Lang::Zh)
        .map(|p| plain(&p))
        .unwrap_or_default()
}

/// The extension requests the level above has yet to decide.
pub fn pending_extensions(case: &Case) -> Vec<crate::wire::cases::PendingExtension> {
    case.extension_requests
        .iter()
        .map(|r| crate::wire::cases::PendingExtension {
            clock: r.clock.code().to_owned(),
            days: r.days,
            reason: r.reason.clone(),
            requested_on: r.requested_on,
            new_due: r.new_due,
        })
        .collect()
}

/// For each clock step (延期, 审批延期, 暂停, 恢复): the clocks it may name now, for this officer.
pub fn clock_choices(
    case: &Case,
    actor: &crate::domain::case::Actor,
    today: NaiveDate,
) -> Vec<(String, Vec<Choice>)> {
    use crate::domain::case::{clock_choice, CommandKind as C};
    [
        C::RequestExtension,
        C::ApproveExtension,
        C::PauseClock,
        C::ResumeClock,
    ]
    .into_iter()
    .map(|step| {
        let kinds = clock_choice::clock_choices(step, case, actor, today);
        let choices = kinds
            .into_iter()
            .map(|k| Choice {
                code: k.code().to_owned(),
                label_zh: k.label_zh().to_owned(),
            })
            .collect();
        (step.code().to_owned(), choices)
    })
    .collect()
}

/// Monitored: the risks no measure of the plan answers yet, in Chinese.
pub fn risks_unanswered(case: &Case) -> Vec<String> {
    if !elimination::heading_for_elimination(case) {
        return Vec::new();
    }
    elimination::unanswered_risks(case)
        .into_iter()
        .map(|r| r.label_zh().to_owned())
        .collect()
}

/// Each gap a 风险消除 proposed `today` would be refused for, as its refusal says it.
pub fn proposal_gaps(
    case: &Case,
    policy: &crate::domain::case::Policy,
    cal: &crate::domain::calendar::Calendar,
    today: chrono::NaiveDate,
) -> Vec<crate::wire::FieldError> {
    crate::ssr::services::cases::gap_problems(elimination::proposal_gaps(case, policy, cal, today))
}
