//! What the household is told of the identification result's day. The steps left cannot take
//! less than the law allows (the notice's minimum after the visit), so a result promised
//! before they can end is not promised: it is said to be late, from the day that became
//! certain, not only once a step passed it (household tester: a visit moved by a pause and an
//! extension still promised the original day). Certain means even if every step left were
//! taken today: a visit still due by a day too late for the notice only puts the day at risk
//! (it was said to be late while a visit that same day kept it: both testers). A visit
//! already late makes no promise either.
use chrono::NaiveDate;

use super::Inputs;
use crate::domain::{
    case::{Case, CaseState, Procedure, ReviewStep},
    clock::{due_date, ClockKind, ClockState},
};
use crate::tr;

/// Where the steps left stand against the result's day.
enum Outlook {
    /// They can end by it.
    InTime,
    /// Taken on their last days they would end after it; taken sooner, they can end by it.
    AtRisk,
    /// The visit is late: the result may be.
    MaybeLate,
    /// They cannot end by it, even if each were taken today.
    Late,
    /// Nothing can be said (a paused visit has no date), or the day has passed (the overdue
    /// box says so).
    Unsaid,
}

/// The result's day `due` against the steps left: `earliest`, the day they would end if each
/// were taken today, and `at_deadlines`, if each were taken on its last day.
fn outlook(
    earliest: Option<NaiveDate>,
    at_deadlines: Option<NaiveDate>,
    visit_late: bool,
    due: NaiveDate,
    today: NaiveDate,
) -> Outlook {
    match earliest {
        _ if due < today => Outlook::Unsaid,
        Some(day) if day > due => Outlook::Late,
        Some(_) if visit_late => Outlook::MaybeLate,
        Some(_) if at_deadlines.is_some_and(|day| day > due) => Outlook::AtRisk,
        Some(_) => Outlook::InTime,
        None => Outlook::Unsaid,
    }
}

/// The result's day as said while `case` is at `step` of its identification: promised when
/// the steps left can end by it, else said to be (possibly) late.
pub(super) fn words(case: &Case, step: ReviewStep, due: NaiveDate, inputs: &Inputs<'_>) -> String {
    said(outlook_at(case, step, due, inputs), due, inputs)
}

/// Whether the identification under way will or may miss its result day: the advice under
/// the contacts then points at no date ("到了上面写的日期" named a day the page said would be
/// missed: household tester).
pub(super) fn missed(case: &Case, inputs: &Inputs<'_>) -> bool {
    matches!(
        identification_outlook(case, inputs),
        Some(Outlook::Late | Outlook::MaybeLate)
    )
}

/// Whether the identification under way cannot end by its overall limit any more (the
/// notice's minimum is still ahead): staff are told it when the household is (the queue said
/// 还剩1个工作日 while the household read that the result would be late: officer tester).
/// A filing still awaiting acceptance counts too: its household already reads it (officer
/// re-tester: an acceptance long overdue carried no warning).
pub(super) fn certainly_late(case: &Case, inputs: &Inputs<'_>) -> bool {
    let outlook = match case.state {
        CaseState::Reported => reported_outlook(case, inputs),
        _ => identification_outlook(case, inputs),
    };
    matches!(outlook, Some(Outlook::Late))
}

/// The visit's day once a filing awaiting acceptance is accepted: counted from acceptance's
/// due date, or from today once that has passed (a late acceptance promised a visit by a day
/// already gone: household tester).
pub(super) fn visit_by_once_accepted(case: &Case, inputs: &Inputs<'_>) -> Option<NaiveDate> {
    case.open_clock(ClockKind::TownshipAcceptance)
        .map(|c| c.due_on.max(inputs.today))
        .map(|from| due_date(from, inputs.policy.home_check, inputs.cal))
}

/// Where a filing awaiting acceptance stands against its overall limit.
fn reported_outlook(case: &Case, inputs: &Inputs<'_>) -> Option<Outlook> {
    let visit_by = visit_by_once_accepted(case, inputs)?;
    let result = case.open_clock(ClockKind::IdentificationOverall)?;
    Some(outlook(
        Some(after_notice(inputs.today, inputs)),
        Some(after_notice(visit_by, inputs)),
        false,
        result.due_on,
        inputs.today,
    ))
}

/// Where the identification under way stands against its overall limit; `None` outside one.
fn identification_outlook(case: &Case, inputs: &Inputs<'_>) -> Option<Outlook> {
    let CaseState::Reviewing {
        procedure: Procedure::Identification,
        step,
    } = case.state
    else {
        return None;
    };
    let result = case.open_clock(ClockKind::IdentificationOverall)?;
    Some(outlook_at(case, step, result.due_on, inputs))
}

fn outlook_at(case: &Case, step: ReviewStep, due: NaiveDate, inputs: &Inputs<'_>) -> Outlook {
    let today = inputs.today;
    let after_notice = |from| after_notice(from, inputs);
    let (earliest, at_deadlines, visit_late) = match step {
        ReviewStep::AwaitingHomeCheck => match case.open_clock(ClockKind::HomeCheck) {
            Some(visit) if !matches!(visit.state, ClockState::Paused { .. }) => (
                Some(after_notice(today)),
                Some(after_notice(visit.due_on)),
                visit.due_on < today,
            ),
            _ => (None, None, false),
        },
        ReviewStep::HomeChecked | ReviewStep::VillageReviewed => {
            (Some(after_notice(today)), None, false)
        }
        ReviewStep::NoticeRunning { min_until, .. } => (Some(min_until.max(today)), None, false),
        ReviewStep::NoticeEnded | ReviewStep::TownshipReviewed => (Some(today), None, false),
    };
    outlook(earliest, at_deadlines, visit_late, due, today)
}

/// The result's day as said before acceptance.
pub(super) fn before_acceptance(case: &Case, inputs: &Inputs<'_>) -> String {
    let due = case
        .open_clock(ClockKind::IdentificationOverall)
        .map(|c| c.due_on);
    match (reported_outlook(case, inputs), due) {
        (Some(outlook), Some(due)) => said(outlook, due, inputs),
        _ => String::new(),
    }
}

/// The day the shortest notice would end if it started on `from` (or today, once past).
fn after_notice(from: NaiveDate, inputs: &Inputs<'_>) -> NaiveDate {
    due_date(from.max(inputs.today), inputs.policy.notice_min, inputs.cal)
}

fn said(outlook: Outlook, due: NaiveDate, inputs: &Inputs<'_>) -> String {
    let (lang, day) = (inputs.lang, inputs.lang.date(due));
    match outlook {
        Outlook::Late => tr::progress::result_late(lang, day),
        Outlook::MaybeLate => tr::progress::result_may_be_late(lang, day),
        Outlook::AtRisk => tr::progress::result_at_risk(lang, day),
        Outlook::InTime => tr::progress::result_by(lang, day),
        Outlook::Unsaid => String::new(),
    }
}
