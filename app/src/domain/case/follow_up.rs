//! Follow-up duties beside the main workflow (seeds 000, 001, 004):
//! - 临时救助 → 低保: six months after temporary relief starts, the township reviews whether the
//!   household needs the minimum living allowance (`ReviewRelief`).
//! - 部门筛查预警 结果反馈: a case from a department alert ends its identification with the
//!   county feeding the result back to the department (`FeedBackAlert`).
//! - 集中排查: the county's yearly campaign gives every monitored or eliminated household a
//!   visit due by the campaign's end (`StartCampaign`); any visit logged meets it.

use chrono::NaiveDate;

use crate::domain::clock::{ClockKind, Level, Span};
use crate::domain::vocab::{Channel, MeasureType};

use super::decide::{required, Ctx};
use super::emit::Emitter;
use super::event::EventKind;
use super::refusal::Refusal;
use super::state::{Case, Measure, MeasureStatus};

/// A campaign's name at most: it is written on every household's history and the dashboard,
/// and a 60,000-character one broke the county's workbook (attacker tester).
pub const CAMPAIGN_NAME_CHARS: usize = 40;

/// The campaign's name as typed, without invisible characters; refused blank or too long.
pub fn campaign_name(raw: &str) -> Result<String, super::form::CommandFieldError> {
    use super::form::CommandFieldError as E;
    let name = crate::domain::visible_text::visible(raw, false);
    match name.chars().count() {
        0 => Err(E::Missing),
        n if n > CAMPAIGN_NAME_CHARS => Err(E::CampaignNameTooLong),
        _ => Ok(name),
    }
}

/// Starts the relief review when a temporary-relief measure is under way and none is open. A
/// household already given 低保 or 特困供养 has nothing to review it for (the township was set
/// a 临时救助转低保评估 for a household on 低保: officer tester).
pub(super) fn relief_started(case: &Case, measures: &[Measure], ctx: &Ctx<'_>, out: &mut Emitter) {
    let relief = measures
        .iter()
        .any(|m| m.measure_type == MeasureType::TemporaryRelief && m.status.is_started());
    let backstopped = case
        .measures
        .iter()
        .chain(measures)
        .any(|m| m.measure_type.is_backstop() && m.status != MeasureStatus::Withdrawn);
    if relief && !backstopped && case.relief_reviewed_on.is_none() {
        out.start_if_absent(
            ClockKind::ReliefReview,
            Level::Township,
            ctx.today(),
            ctx.policy.rules.relief_review,
            ctx.cal,
        );
    }
}

/// A department's alert was decided (identified, not identified or out of scope): the county
/// owes the department the result.
pub(super) fn alert_decided(case: &Case, ctx: &Ctx<'_>, out: &mut Emitter) {
    if case.channel == Channel::DepartmentAlert {
        out.start(
            ClockKind::AlertFeedback,
            Level::County,
            ctx.today(),
            ctx.policy.rules.alert_feedback,
            ctx.cal,
        );
    }
}

pub(super) fn review_relief(note: &str, ctx: &Ctx<'_>, out: &mut Emitter) -> Result<(), Refusal> {
    let note = required(note, "note")?;
    out.push(EventKind::ReliefReviewed { note });
    out.meet(ClockKind::ReliefReview, ctx.today());
    Ok(())
}

pub(super) fn feed_back(note: &str, ctx: &Ctx<'_>, out: &mut Emitter) -> Result<(), Refusal> {
    let note = required(note, "note")?;
    out.push(EventKind::AlertFedBack { note });
    out.meet(ClockKind::AlertFeedback, ctx.today());
    Ok(())
}

/// The day a campaign visit started `today` for `until` falls due, as the engine sets it: a
/// deadline ending on a rest day moves to the next working day when the policy says so, so
/// the campaign's visits are not always due on its own date (its progress counted none).
pub fn campaign_visit_due(
    today: NaiveDate,
    until: NaiveDate,
    policy: &super::Policy,
    cal: &crate::domain::calendar::Calendar,
) -> NaiveDate {
    let days = u32::try_from((until - today).num_days()).unwrap_or(0);
    super::period::period_due(
        today,
        Span::CalendarDays(days),
        ClockKind::CampaignVisit,
        policy.rules.calendar_deadlines_end_on_working_day,
        cal,
    )
}

pub(super) fn start_campaign(
    case: &Case,
    name: &str,
    until: NaiveDate,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let name = required(name, "text")?;
    if name.chars().count() > CAMPAIGN_NAME_CHARS {
        return Err(Refusal::InvalidData { field: "text" });
    }
    // Started again (to reach households identified since), a campaign passes over those it
    // already reached: one visited in it was given a second visit, and counted twice
    // (officer tester).
    if case.campaign.as_ref() == Some(&(name.clone(), until)) {
        return Err(Refusal::WrongState {
            state: case.state.code(),
        });
    }
    let days = (until - ctx.today()).num_days();
    let days = u32::try_from(days)
        .ok()
        .filter(|d| (1..=366).contains(d))
        .ok_or(Refusal::InvalidData { field: "date" })?;
    out.push(EventKind::CampaignStarted { name, until });
    out.start(
        ClockKind::CampaignVisit,
        Level::Village,
        ctx.today(),
        Span::CalendarDays(days),
        ctx.cal,
    );
    Ok(())
}

/// Which follow-up a case admits now: each needs its clock open (the campaign needs a
/// monitored or eliminated household without a campaign visit already due).
pub(super) fn check(case: &Case, kind: super::command::CommandKind) -> Result<(), Refusal> {
    use super::command::CommandKind as K;
    let open = |clock| case.open_clock(clock).is_some();
    let allowed = match kind {
        K::ReviewRelief => open(ClockKind::ReliefReview),
        K::FeedBackAlert => open(ClockKind::AlertFeedback),
        // One campaign visit at a time: a second click started each household's twice
        // (officer tester).
        K::StartCampaign => {
            (case.state.is_monitored()
                || matches!(case.state, super::state::CaseState::Eliminated { .. }))
                && !open(ClockKind::CampaignVisit)
        }
        _ => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(Refusal::WrongState {
            state: case.state.code(),
        })
    }
}

/// State codes of the households a 集中排查 campaign reaches: monitored (also under
/// elimination review) and eliminated (re-checked, may re-enter).
pub const CAMPAIGN_STATES: &[&str] = super::state::STATE_CODES.split_at(9).1.split_at(8).0;
