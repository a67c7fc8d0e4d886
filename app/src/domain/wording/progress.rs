//! The household's progress page, computed from the same clocks and policy as the staff side:
//! a pure function from the case (its state, clocks and events), the policy, the calendar and
//! today to what the household reads. Each state says what has happened, what happens next,
//! by when and who does it; an overdue step says so, whom to call, and that the delay has been
//! reported up; extensions and pauses show with their reason.
use crate::tr;
use chrono::NaiveDate;

use super::phrase::{Fill, Part, Phrase};
use crate::domain::{
    calendar::Calendar,
    case::{
        event::{CaseEvent, EventKind},
        Case, CaseState, Policy, Procedure, ReviewStep,
    },
    clock::{urgency, Clock, ClockKind, ClockState, Span, Urgency},
    lang::Lang,
};

/// Who does the next step: the household is told whom to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    Township,
    Village,
    County,
    /// The 帮扶责任人.
    Responsible,
}

impl Who {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Who::Township => tr::progress::township_government(lang),
            Who::Village => tr::progress::village_committee(lang),
            Who::County => tr::progress::county_rural_revitalisation_bureau(lang),
            Who::Responsible => tr::progress::person_responsible_helping(lang),
        }
    }
}

/// What the household reads about its case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub headline: String,
    /// What has happened.
    pub done: String,
    /// What happens next, who does it and by when.
    pub next: String,
    /// The date the next step is due, if it has one.
    pub due: Option<NaiveDate>,
    /// The page shows the next step's date (not while it is paused).
    pub dated: bool,
    /// Who does the next step (whom to call).
    pub who: Option<Who>,
    /// Set when the step is late: says so, whom to call, and that it has been reported up.
    pub overdue: Option<String>,
    /// Extensions and pauses with their reason; the green channel.
    pub notes: Vec<String>,
    /// The next visit by the responsible person (monitored or eliminated households).
    pub next_visit: Option<NaiveDate>,
    /// 办理经过: each step so far with its day (`household_history`).
    pub history: Vec<String>,
    /// A refusal's reason as staff typed it, marked as Chinese data (English pages read it
    /// as English: household re-tester).
    pub reason: Option<Vec<Part>>,
}

/// A span in words: "2个工作日" / "2 working days".
pub fn span_words(span: Span, lang: Lang) -> String {
    match span {
        Span::WorkingDays(n) => tr::progress::span::working_days(lang, n),
        Span::CalendarDays(n) => tr::progress::span::days(lang, n),
        Span::Months(n) => tr::progress::span::months(lang, n),
    }
}

/// The home page's "after you report" steps, from the county's policy.
pub fn promises(policy: &Policy, lang: Lang) -> Vec<String> {
    let w = |span| span_words(span, lang);
    vec![
        tr::progress::promise::accept_and_visit(
            lang,
            w(policy.township_acceptance),
            w(policy.home_check),
        ),
        tr::progress::promise::review_and_notice(lang, w(policy.notice_min)),
        tr::progress::promise::decision_and_helper(
            lang,
            w(policy.identification_overall),
            w(policy.responsible_assigned),
        ),
    ]
}

/// Everything the progress page needs besides the case.
pub struct Inputs<'a> {
    pub events: &'a [CaseEvent],
    pub policy: &'a Policy,
    pub cal: &'a Calendar,
    pub today: NaiveDate,
    pub lang: Lang,
}

/// One step's wording: headline, done, next, the clock that times it and who does it.
struct Step {
    headline: String,
    done: String,
    next: String,
    clock: Option<ClockKind>,
    who: Option<Who>,
    /// Said after the due date (what follows the step).
    then: String,
}

/// Whether the identification under way can no longer end by its overall limit, as the
/// household's page says it (see `progress_result`).
pub fn identification_certainly_late(
    case: &Case,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> bool {
    result::certainly_late(case, &staff_inputs(policy, cal, today))
}

/// Whether the identification under way has passed its overall limit, as the household's page
/// says it (`overall_late`).
pub fn identification_limit_passed(
    case: &Case,
    policy: &Policy,
    cal: &Calendar,
    today: NaiveDate,
) -> bool {
    overall_late(case, &staff_inputs(policy, cal, today)).is_some()
}

/// What the staff side's questions of the household's wording need: no events, any language.
fn staff_inputs<'a>(policy: &'a Policy, cal: &'a Calendar, today: NaiveDate) -> Inputs<'a> {
    Inputs {
        events: &[],
        policy,
        cal,
        today,
        lang: Lang::Zh,
    }
}

/// The household's view of `case` on `today`.
pub fn progress(case: &Case, inputs: &Inputs<'_>) -> Progress {
    let lang = inputs.lang;
    let step = step_of(case, inputs);
    let clock = step.clock.and_then(|kind| case.open_clock(kind));
    let due = clock.map(|c| c.due_on);
    let mut next = step.next;
    let late = late_clock(case, clock, inputs);
    if let (Some(due), Some(clock)) = (due, clock) {
        // A step whose sentence names the date itself (a refusal's) is not told it again, nor
        // a late one: the overdue box says the date has passed (it read 最迟在…完成 the day
        // after: tester).
        let said = next.contains(&lang.date(due)) || step.then.contains(&lang.date(due));
        let quiet = clock.kind.is_minimum() || matches!(clock.state, ClockState::Paused { .. });
        if !said && !quiet && late.is_none() {
            // Help is due to start by then, not to be finished: "最迟在…完成" after "帮扶同时
            // 开始落实" read as help ending that day (household tester).
            next.push_str(&match clock.kind {
                ClockKind::AssistanceStarted => assistance_starts(case, due, inputs.today, lang),
                // The review's day, not the notice's: "通过后张贴公示。最迟在…完成" read as the
                // notice done by then (household re-tester).
                ClockKind::PlanReview => tr::progress::plan_review_by(lang, lang.date(due)),
                _ => tr::progress::due(lang, lang.date(due)),
            });
        }
    }
    next.push_str(&step.then);
    let overdue = late.map(|late| {
        let mut said = overdue_sentence(late, step.who, lang);
        // A step long late has missed the result's day too: said, or the household kept
        // waiting for a day already gone (household tester: an acceptance weeks late).
        if let Some(result) = overall_late(case, inputs).filter(|o| o.kind != late.kind) {
            said.push_str(&tr::progress::result_day_passed(
                lang,
                lang.date(result.due_on),
            ));
        }
        said
    });
    let dated = clock.is_some_and(|c| !matches!(c.state, ClockState::Paused { .. }))
        && !result::missed(case, inputs);
    let mut notes = notes(case, inputs);
    // A date in a year whose holidays are not entered counts Monday to Friday: said, not
    // promised (dates shown in Spring Festival 2027: household tester). Any date the page
    // states: the step's, a running limit's, the visit's before acceptance (New Year's Day
    // was promised as the visit's day without it: household re-tester).
    let running = case
        .open_clocks()
        .filter(|c| !matches!(c.state, ClockState::Paused { .. }))
        .map(|c| c.due_on);
    let unknown_year = due
        .filter(|_| dated)
        .into_iter()
        .chain(running)
        .chain(result::visit_by_once_accepted(case, inputs))
        .map(|d| chrono::Datelike::year(&d))
        .filter(|y| !inputs.cal.is_known_year(*y))
        .min();
    if let Some(year) = unknown_year {
        notes.push(tr::progress::holidays_not_entered(lang, year));
    }
    Progress {
        headline: step.headline,
        done: step.done,
        next,
        due,
        dated,
        who: step.who,
        overdue,
        notes,
        next_visit: case
            .open_clock(ClockKind::MonitoringVisit)
            .filter(|c| !matches!(c.state, ClockState::Paused { .. }) && c.due_on >= inputs.today)
            .map(|c| c.due_on),
        history: super::household_history::history(inputs.events, lang),
        reason: refusal_reason(case, lang),
    }
}

/// "原因：…。" with the reason typed by staff (ID-like digits masked) as data. It is part of
/// what happened, not of what comes next: under 接下来 it read "接下来：原因：…" (tester).
fn refusal_reason(case: &Case, lang: Lang) -> Option<Vec<Part>> {
    let (CaseState::RejectedOutOfScope { reason } | CaseState::NotIdentified { reason }) =
        &case.state
    else {
        return None;
    };
    let phrase = Phrase::new("reason").arg("reason", crate::domain::tracking::masked_in(reason));
    let mut fill = Fill::new(&phrase);
    let marked = fill.data("reason")?;
    let text = tr::progress::refusal_reason(lang, &marked);
    Some(fill.finish(text.trim_start().to_owned()))
}

/// When help starts: by the limit while no measure is planned ("见下面的帮扶措施" pointed at a
/// list not there yet), then the first planned start (the limit beside an earlier planned day
/// read as two start dates: household tester).
/// A planned start already gone by is said as past, with whom to ask ("定在12月14日开始落实"
/// on the 16th: household tester).
/// A plan still before its village review or notice has no start day yet: its measures start
/// once the notice ends (it said a start "已过" while the notice ran: household re-tester).
fn assistance_starts(case: &Case, due: NaiveDate, today: NaiveDate, lang: Lang) -> String {
    let mut planned = case
        .measures
        .iter()
        .filter(|m| m.status != crate::domain::case::MeasureStatus::Withdrawn)
        .peekable();
    if planned.peek().is_none() {
        return tr::progress::starts_by_no_plan(lang, lang.date(due));
    }
    let first = planned
        .filter_map(|m| crate::domain::case::work::measure_update_day(case, m))
        .min();
    match first {
        None => String::new(),
        Some(day) if day < today => tr::progress::plan_start_passed(lang, lang.date(day)),
        Some(day) if day <= due => tr::progress::plan_starts_on(lang, lang.date(day)),
        Some(_) => tr::progress::starts_by(lang, lang.date(due)),
    }
}

/// The step's own clock when it is overdue; during identification also the overall limit.
fn late_clock<'c>(
    case: &'c Case,
    step: Option<&'c Clock>,
    inputs: &Inputs<'_>,
) -> Option<&'c Clock> {
    step.filter(|c| is_overdue(c, inputs))
        .or_else(|| overall_late(case, inputs))
}

fn is_overdue(clock: &Clock, inputs: &Inputs<'_>) -> bool {
    urgency(
        clock,
        inputs.today,
        inputs.cal,
        inputs.policy.due_soon_working_days,
    ) == Urgency::Overdue
}

/// The identification's overall limit, when one is under way and it has passed.
fn overall_late<'c>(case: &'c Case, inputs: &Inputs<'_>) -> Option<&'c Clock> {
    let identifying = matches!(
        case.state,
        CaseState::Reported
            | CaseState::Reviewing {
                procedure: Procedure::Identification,
                ..
            }
    );
    case.open_clock(ClockKind::IdentificationOverall)
        .filter(|c| identifying && is_overdue(c, inputs))
}

fn overdue_sentence(late: &Clock, who: Option<Who>, lang: Lang) -> String {
    // A village late is chased at the village, then upward at the township (it went from the
    // village straight to 12317); the county, with no number on the household's page, through
    // the township (household tester).
    let who = match who {
        Some(Who::Village) => tr::progress::village_or_township(lang),
        Some(Who::County) | None => Who::Township.label(lang),
        Some(other) => other.label(lang),
    };
    let due = lang.date(late.due_on);
    // The overall limit is the procedure's, not the step's: a paused step read as late
    // (household tester: "这一步已经超过规定时间" beside "这一步暂时停下了").
    if late.kind == ClockKind::IdentificationOverall {
        tr::progress::overall_late_due_delay(lang, due, who)
    } else {
        tr::progress::step_late_due_delay(lang, due, who)
    }
}

fn step_of(case: &Case, inputs: &Inputs<'_>) -> Step {
    let lang = inputs.lang;
    match &case.state {
        CaseState::Reported => {
            let mut visit = result::visit_by_once_accepted(case, inputs)
                .map_or_else(String::new, |d| {
                    tr::progress::then_someone_from_village(lang, lang.date(d))
                });
            // A visit too late for the notice to end by the promised result day: the result
            // will be late too (it was promised on the confirmation page; household tester).
            visit.push_str(&result::before_acceptance(case, inputs));
            Step {
                headline: tr::progress_headline::reported(lang).to_owned(),
                done: tr::progress::report_sent(lang, lang.date(case.discovered_on)),
                next: tr::progress::township_accept_pass_village(lang).to_owned(),
                clock: Some(ClockKind::TownshipAcceptance),
                who: Some(Who::Township),
                then: visit,
            }
        }
        CaseState::Reviewing { procedure, step } => review_step(case, *procedure, *step, inputs),
        CaseState::RejectedOutOfScope { .. } => refusal(
            case,
            tr::progress_headline::rejected_out_of_scope(lang),
            // A suspected duplicate is refused the same way, but "not within monitoring's
            // scope" is untrue of it; said without claiming which it was (the reason does).
            if case.duplicates.is_empty() {
                tr::progress::township_found_that_what(lang).to_owned()
            } else {
                tr::progress::township_found_duplicate(lang).to_owned()
            },
            inputs,
        ),
        CaseState::NotIdentified { .. } => refusal(
            case,
            tr::progress_headline::not_identified(lang),
            // The village's review can end it: "上门核实和审核" named a review that never
            // happened (household tester).
            if ended_by_village(inputs.events) {
                tr::progress::village_review_not_passed(lang)
            } else {
                tr::progress::after_visit_review_household(lang)
            }
            .to_owned(),
            inputs,
        ),
        CaseState::Monitored => monitored(case, inputs),
        CaseState::Removed { kind, on } => Step {
            headline: tr::progress_headline::removed(lang).to_owned(),
            done: tr::progress::county_took_household_off(lang, lang.date(*on), kind.label(lang)),
            next: if kind.notifies_household() {
                tr::progress::someone_from_village_township(lang).to_owned()
            } else {
                tr::progress::have_questions_ask_township(lang).to_owned()
            },
            clock: None,
            who: Some(Who::Township),
            then: String::new(),
        },
        CaseState::Eliminated { on } => Step {
            headline: tr::progress_headline::eliminated(lang).to_owned(),
            done: tr::progress::after_visit_review_public(lang, lang.date(*on)),
            next: tr::progress::village_still_visit_about(
                lang,
                span_words(inputs.policy.recheck_eliminated, lang),
            ),
            clock: None,
            who: Some(Who::Village),
            then: String::new(),
        },
    }
}

/// The latest refusal was the village review's 不通过.
fn ended_by_village(events: &[CaseEvent]) -> bool {
    events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::NotIdentified { .. }))
        .is_some_and(super::timeline_words::by_village)
}

/// A refusal's step; its reason is said apart (`refusal_reason`).
fn refusal(case: &Case, headline: &'static str, done: String, inputs: &Inputs<'_>) -> Step {
    let lang = inputs.lang;
    let mut done = done;
    let (next, clock) = match case.refusal_notified_on {
        Some(on) => {
            done.push_str(&tr::progress::refusal_told_on(lang, lang.date(on)));
            (tr::progress::disagree_appeal(lang).to_owned(), None)
        }
        // The date goes where it belongs, in the township's sentence: appended after the
        // appeal sentence it read as a deadline to appeal by (household tester).
        // A date gone by is not promised: the overdue box says it (household tester).
        None => (
            match case.open_clock(ClockKind::RefusalNotice) {
                Some(clock) if clock.due_on >= inputs.today => {
                    tr::progress::township_tells_by(lang, lang.date(clock.due_on))
                }
                Some(_) | None => tr::progress::township_tells(lang).to_owned(),
            },
            Some(ClockKind::RefusalNotice),
        ),
    };
    Step {
        headline: headline.to_owned(),
        done,
        next,
        clock,
        who: Some(Who::Township),
        then: String::new(),
    }
}

fn review_step(case: &Case, procedure: Procedure, step: ReviewStep, inputs: &Inputs<'_>) -> Step {
    let lang = inputs.lang;
    let elimination = procedure == Procedure::Elimination;
    let overall = if elimination {
        ClockKind::EliminationReview
    } else {
        ClockKind::IdentificationOverall
    };
    let headline = headline::review(procedure, step, lang);
    let notice_days = span_words(inputs.policy.notice_min, lang);
    let (done, next, clock, who) = match step {
        ReviewStep::AwaitingHomeCheck if elimination => (
            tr::progress::person_responsible_thinks_hardship(lang).to_owned(),
            tr::progress::someone_from_village_visit(lang).to_owned(),
            ClockKind::HomeCheck,
            Who::Village,
        ),
        // Back at the home check after a notice's objection or a township's return: said, or
        // the page read as if the case had started over (household tester).
        ReviewStep::AwaitingHomeCheck => (
            if !case.objections.is_empty() {
                tr::progress::objection_check_again(lang)
            } else if case.household.is_some() {
                tr::progress::check_again(lang)
            } else {
                tr::progress::township_accepted_report(lang)
            }
            .to_owned(),
            tr::progress::someone_from_village_visit_2(lang).to_owned(),
            ClockKind::HomeCheck,
            Who::Village,
        ),
        ReviewStep::HomeChecked => (
            tr::progress::someone_from_village_visited(lang).to_owned(),
            tr::progress::village_hold_meeting_review(lang).to_owned(),
            overall,
            Who::Village,
        ),
        ReviewStep::VillageReviewed => (
            tr::progress::village_review_passed(lang).to_owned(),
            tr::progress::village_post_public_notice(lang, notice_days),
            overall,
            Who::Village,
        ),
        ReviewStep::NoticeRunning {
            from,
            min_until,
            township_reviewed,
        } => (
            {
                let posted = tr::progress::notice_been_village_board(
                    lang,
                    lang.date(from),
                    lang.date(min_until),
                );
                // The time to object to an elimination is its notice (household tester).
                let posted = if elimination {
                    posted + tr::progress::elimination_object(lang)
                } else {
                    posted
                };
                // Its earliest end passed: said, as the notice board says it (the page kept
                // "最早…结束" with the day gone: household tester).
                if inputs.today > min_until {
                    posted + tr::progress::notice_period_over(lang)
                } else {
                    posted
                }
            },
            if township_reviewed {
                tr::progress::township_already_reviewed_after(lang).to_owned()
            } else {
                tr::progress::after_notice_township_reviews(lang).to_owned()
            },
            overall,
            // Past its minimum the notice waits on the village to end it (the box named only
            // the township: household tester).
            if inputs.today > min_until {
                Who::Village
            } else if township_reviewed {
                Who::County
            } else {
                Who::Township
            },
        ),
        ReviewStep::NoticeEnded => (
            tr::progress::village_notice_ended(lang).to_owned(),
            tr::progress::township_reviews(lang).to_owned(),
            overall,
            Who::Township,
        ),
        ReviewStep::TownshipReviewed => (
            tr::progress::township_review_passed(lang).to_owned(),
            tr::progress::county_checks_records_decides(lang).to_owned(),
            overall,
            Who::County,
        ),
    };
    let done = if elimination || !case.green_channel {
        done
    } else {
        done + tr::progress::help_already_started(lang)
    };
    // While the home visit is timed, the result's own day would go unsaid: the confirmation
    // promised it, and after 受理 no page said it again (household tester). A step timed by
    // the overall limit says it as the result's day too: "最迟在…完成" under the village's
    // review read as that step's own deadline (household tester).
    let then = match case.open_clock(overall) {
        Some(result) if !elimination => result::words(case, step, result.due_on, inputs),
        _ => String::new(),
    };
    Step {
        headline,
        done,
        next,
        clock: Some(clock),
        who: Some(who),
        then,
    }
}

#[path = "progress_headline.rs"]
mod headline;
#[path = "progress_monitored.rs"]
mod monitored;
#[path = "progress_notes.rs"]
mod notes;
#[path = "progress_result.rs"]
mod result;
use monitored::monitored;
use notes::notes;

#[cfg(test)]
#[path = "progress_tests.rs"]
mod tests;
