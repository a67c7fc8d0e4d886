//! Democratic review and public notice of assistance measures (落实帮扶措施, seed 004), as
//! for identification and elimination: a plan made (or added to) is reviewed by the village
//! within `rules.plan_review`, then posted for at least the notice minimum. Measures may start
//! meanwhile (assistance is never held up); the clocks make a missing review visible.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::clock::{due_date, ClockKind, Level};

use super::decide::{check_date, required, Ctx};
use super::emit::Emitter;
use super::event::EventKind;
use super::refusal::Refusal;
use super::state::{Case, ReviewStep, VillageOutcome};

/// Where the latest plan stands in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum PlanReview {
    AwaitingReview,
    Reviewed {
        date: NaiveDate,
    },
    /// Not passed by the village: the township revises the plan (adds what it lacks).
    Returned {
        date: NaiveDate,
    },
    NoticeRunning {
        from: NaiveDate,
        min_until: NaiveDate,
    },
    Noticed {
        on: NaiveDate,
    },
}

/// A plan was made or extended: its review is due (a notice of an earlier plan is replaced).
pub(super) fn plan_added(ctx: &Ctx<'_>, out: &mut Emitter) {
    out.cancel(ClockKind::PlanNotice, ctx.today());
    out.start(
        ClockKind::PlanReview,
        Level::Village,
        ctx.today(),
        ctx.policy.rules.plan_review,
        ctx.cal,
    );
}

pub(super) fn review(
    case: &Case,
    date: NaiveDate,
    outcome: &VillageOutcome,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    // Not before the plan it reviews was made (or last changed): a review dated a week before
    // the plan was taken (officer tester). The review clock starts on that day.
    let plan_made = case.open_clock(ClockKind::PlanReview).map(|c| c.started_on);
    let earliest = plan_made.or_else(|| case.measures.iter().map(|m| m.start).min());
    check_date(
        date,
        earliest.filter(|d| *d <= ctx.today()),
        ctx.today(),
        "date",
    )?;
    match outcome {
        VillageOutcome::Pass => out.push(EventKind::PlanReviewed { date }),
        VillageOutcome::Fail { reason } => {
            let reason = required(reason, "reason")?;
            out.push(EventKind::PlanReturned { date, reason });
        }
    }
    out.meet(ClockKind::PlanReview, date.max(ctx.today()));
    Ok(())
}

/// An objection now is to the plan: its notice runs, assistance may (the household was not
/// refused meanwhile), and no review's notice runs (that one takes an objection first: the
/// household's identification or elimination is at stake).
pub(super) fn objection_is_to_the_plan(case: &Case) -> bool {
    plan_notice_running(case) && !review_notice_running(case) && super::guard::assistance_open(case)
}

fn review_notice_running(case: &Case) -> bool {
    matches!(
        case.state.review_step(),
        Some((_, ReviewStep::NoticeRunning { .. }))
    )
}

fn plan_notice_running(case: &Case) -> bool {
    matches!(case.plan_review, Some(PlanReview::NoticeRunning { .. }))
}

impl Case {
    /// The household is on its village's public notice board now (its review's or its plan's).
    pub fn on_notice_board(&self) -> bool {
        review_notice_running(self) || plan_notice_running(self)
    }
}

/// An objection during the plan's notice: the notice comes down and the village reviews the
/// plan again, the objection before it.
pub(super) fn objection(text: String, ctx: &Ctx<'_>, out: &mut Emitter) {
    out.push(EventKind::PlanObjectionRecorded { text });
    plan_added(ctx, out);
}

pub(super) fn start_notice(
    case: &Case,
    from: NaiveDate,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let reviewed = match case.plan_review {
        Some(PlanReview::Reviewed { date }) => Some(date),
        _ => None,
    };
    check_date(from, reviewed, ctx.today(), "date")?;
    let min_until = due_date(from, ctx.policy.notice_min, ctx.cal);
    out.push(EventKind::PlanNoticeStarted { from, min_until });
    out.start(
        ClockKind::PlanNotice,
        Level::Village,
        from,
        ctx.policy.notice_min,
        ctx.cal,
    );
    Ok(())
}

pub(super) fn end_notice(ctx: &Ctx<'_>, out: &mut Emitter) {
    out.push(EventKind::PlanNoticeEnded { on: ctx.today() });
    out.meet(ClockKind::PlanNotice, ctx.today());
}

/// Whether the plan step `kind` fits the plan's review stage now.
pub(super) fn check_stage(
    case: &Case,
    kind: super::command::CommandKind,
    today: NaiveDate,
) -> Result<(), Refusal> {
    use super::command::CommandKind as K;
    let wrong = Refusal::WrongState {
        state: case.state.code(),
    };
    match (kind, case.plan_review) {
        (K::ReviewPlan, Some(PlanReview::AwaitingReview)) => Ok(()),
        (K::StartPlanNotice, Some(PlanReview::Reviewed { .. })) => Ok(()),
        (K::EndPlanNotice, Some(PlanReview::NoticeRunning { min_until, .. })) => {
            let days_left = (min_until - today).num_days();
            if days_left > 0 {
                Err(Refusal::NoticeTooShort { days_left })
            } else {
                Ok(())
            }
        }
        _ => Err(wrong),
    }
}
