//! The household's view of a monitored case: who helps, the plan's review and notice, visits.
use super::{Inputs, Step, Who};
use crate::domain::{
    case::{work::measure_late, AssistanceStage, Case},
    clock::{ClockKind, ClockState},
    lang::Lang,
};
use crate::tr;

pub(super) fn monitored(case: &Case, inputs: &Inputs<'_>) -> Step {
    use crate::domain::case::plan_review::PlanReview;
    let lang = inputs.lang;
    // A plan the village has not passed is not help under way (household tester).
    let headline = match (case.assistance_stage(), case.plan_review) {
        (AssistanceStage::PlanMade, Some(PlanReview::AwaitingReview)) => {
            tr::progress_headline::monitored::plan_in_review(lang).to_owned()
        }
        (AssistanceStage::PlanMade, Some(PlanReview::Returned { .. })) => {
            tr::progress_headline::monitored::plan_being_revised(lang).to_owned()
        }
        (stage, _) => super::headline::monitored(stage, lang),
    };
    let done = tr::progress::county_approved_household_included(lang).to_owned();
    let (next, clock, who) = match case.assistance_stage() {
        AssistanceStage::AwaitingResponsible => (
            tr::progress::township_name_person_responsible(lang).to_owned(),
            ClockKind::ResponsibleAssigned,
            Who::Township,
        ),
        AssistanceStage::ResponsibleAssigned => (
            tr::progress::person_responsible_agree_what(lang).to_owned(),
            ClockKind::AssistanceStarted,
            Who::Responsible,
        ),
        AssistanceStage::PlanMade => plan_made(case, lang),
        AssistanceStage::Assisting => (
            late_measures(case, inputs)
                + &match case.open_clock(ClockKind::MonitoringVisit) {
                    // The date is the next visit's, said as such: "最迟在…完成" after "visits
                    // regularly" did not say what was to be done by then (household tester). A
                    // paused one has no date yet: it moves by the days paused.
                    // Gone by, the overdue box says so with its date (it read as still ahead).
                    Some(visit)
                        if !matches!(visit.state, ClockState::Paused { .. })
                            && visit.due_on >= inputs.today =>
                    {
                        tr::progress::person_responsible_visits_by(lang, lang.date(visit.due_on))
                    }
                    Some(_) | None => {
                        tr::progress::person_responsible_visits_regularly(lang).to_owned()
                    }
                },
            ClockKind::MonitoringVisit,
            Who::Responsible,
        ),
    };
    Step {
        headline,
        done,
        next,
        clock: Some(clock),
        who: Some(who),
        then: String::new(),
    }
}

/// Measures past their day while help is under way, said first: once one measure had
/// started, a one-off payment not made was said on its own line only (household re-tester).
fn late_measures(case: &Case, inputs: &Inputs<'_>) -> String {
    let late = case
        .measures
        .iter()
        .filter(|m| measure_late(case, m, inputs.today))
        .count();
    match late {
        0 => String::new(),
        n => tr::progress::measures_late(inputs.lang, n),
    }
}

/// A plan made, nothing started yet: where the plan is in its village review and notice. It
/// read "帮扶办法已经定了" while the village had not passed it yet, or had sent it back
/// (household tester).
fn plan_made(case: &Case, lang: Lang) -> (String, ClockKind, Who) {
    use crate::domain::case::plan_review::PlanReview;
    let next = plan_review_words(case.plan_review, lang)
        .unwrap_or_else(|| tr::progress::help_been_agreed_starts(lang).to_owned());
    let (clock, who) = match case.plan_review {
        Some(PlanReview::AwaitingReview) => (ClockKind::PlanReview, Who::Village),
        Some(PlanReview::Returned { .. }) => (ClockKind::AssistanceStarted, Who::Township),
        _ => (ClockKind::AssistanceStarted, Who::Responsible),
    };
    (next, clock, who)
}

/// Where a plan still is in its village review and notice, or `None` once noticed. Said
/// while help is under way too: a plan extended, or help started before its notice ended,
/// dropped the review and the notice off the page (household tester).
pub(super) fn plan_review_words(
    review: Option<crate::domain::case::plan_review::PlanReview>,
    lang: Lang,
) -> Option<String> {
    use crate::domain::case::plan_review::PlanReview;
    Some(match review? {
        PlanReview::AwaitingReview => tr::progress::plan_awaits_review(lang).to_owned(),
        PlanReview::Returned { .. } => tr::progress::plan_returned(lang).to_owned(),
        PlanReview::Reviewed { .. } => tr::progress::plan_posted(lang).to_owned(),
        // Posted: since when, until when at least, and how to object meanwhile (it said "会在
        // 公示栏公示" of a plan already up: household tester).
        PlanReview::NoticeRunning { from, min_until } => {
            tr::progress::plan_on_board(lang, lang.date(from), lang.date(min_until))
        }
        PlanReview::Noticed { .. } => return None,
    })
}
