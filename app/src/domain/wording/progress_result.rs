//! What the household is told of the identification result's day. The steps left cannot take
//! less than the law allows (the notice's minimum after the visit), so a result promised
//! before they can end is not promised: it is said to be late, from the day that became
//! certain, not only once a step passed it (household tester: a visit moved by a pause and an
//! extension still promised the original day).
use chrono::NaiveDate;

use super::Inputs;
use crate::domain::{
    case::{Case, ReviewStep},
    clock::{due_date, ClockKind, ClockState},
};
use crate::tr;

/// The earliest day the county can decide, the steps left taking the least they may: none
/// while the visit is paused (it has no date either).
pub(super) fn earliest(case: &Case, step: ReviewStep, inputs: &Inputs<'_>) -> Option<NaiveDate> {
    let after_notice =
        |from: NaiveDate| due_date(from.max(inputs.today), inputs.policy.notice_min, inputs.cal);
    match step {
        ReviewStep::AwaitingHomeCheck => {
            let visit = case.open_clock(ClockKind::HomeCheck)?;
            (!matches!(visit.state, ClockState::Paused { .. })).then(|| after_notice(visit.due_on))
        }
        ReviewStep::HomeChecked | ReviewStep::VillageReviewed => Some(after_notice(inputs.today)),
        ReviewStep::NoticeRunning { min_until, .. } => Some(min_until.max(inputs.today)),
        ReviewStep::NoticeEnded | ReviewStep::TownshipReviewed => Some(inputs.today),
    }
}

/// The earliest result when the visit is due on `visit_by` (a filing not yet accepted).
pub(super) fn earliest_after_visit(visit_by: NaiveDate, inputs: &Inputs<'_>) -> NaiveDate {
    due_date(
        visit_by.max(inputs.today),
        inputs.policy.notice_min,
        inputs.cal,
    )
}

/// "认定结果也会晚于原定的…" when the result can no longer come by `result_due` (and that day
/// has not passed: the overdue box says so then); else the promise when `promise`.
pub(super) fn words(
    result_due: NaiveDate,
    earliest: Option<NaiveDate>,
    promise: bool,
    inputs: &Inputs<'_>,
) -> String {
    let lang = inputs.lang;
    match earliest {
        Some(day) if day > result_due && result_due >= inputs.today => {
            tr::progress::result_late(lang, lang.date(result_due))
        }
        Some(day) if promise && day <= result_due => {
            tr::progress::result_by(lang, lang.date(result_due))
        }
        _ => String::new(),
    }
}
