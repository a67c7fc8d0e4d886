//! Decisions on assistance, monitoring visits, elimination proposals, reopening, clock
//! extensions and clock pauses. Role, scope and state were checked by the guard already.

use chrono::NaiveDate;

use crate::domain::clock::{Clock, ClockKind, ClockState, Level, Span};
use crate::domain::mobile::MobileNumber;
use crate::domain::vocab::RiskTier;

use super::actor::{extension_approvers, role_level, Role};
use super::decide::{check_date, required, Ctx};
use super::emit::Emitter;
use super::event::EventKind;
use super::guard::can_pause;
use super::refusal::Refusal;
use super::state::{Case, EliminationChecklist, Measure, MeasureStatus};

/// Starts the responsible-person and assistance clocks unless that step is done or running.
pub(super) fn start_assistance_clocks(case: &Case, ctx: &Ctx<'_>, out: &mut Emitter) {
    start_responsible_clock(case, ctx, out);
    if !case.measures.iter().any(|m| m.status.is_started()) {
        out.start_if_absent(
            ClockKind::AssistanceStarted,
            Level::County,
            ctx.today(),
            ctx.policy.assistance_started,
            ctx.cal,
        );
    }
}

/// Starts the responsible-person clock unless someone is assigned or it is running.
fn start_responsible_clock(case: &Case, ctx: &Ctx<'_>, out: &mut Emitter) {
    if case.responsible.is_none() {
        out.start_if_absent(
            ClockKind::ResponsibleAssigned,
            Level::Township,
            ctx.today(),
            ctx.policy.responsible_assigned,
            ctx.cal,
        );
    }
}

/// (Re)starts the monitoring-visit clock from `started_on` at the tier's visit span.
pub(super) fn start_visit_clock(
    started_on: NaiveDate,
    tier: RiskTier,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) {
    out.start(
        ClockKind::MonitoringVisit,
        Level::Village,
        started_on,
        ctx.policy.visit_span(tier),
        ctx.cal,
    );
}

pub(super) fn assign(
    person: &str,
    mobile: &MobileNumber,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let person = required(person, "person")?;
    out.push(EventKind::ResponsibleAssigned {
        person,
        mobile: Some(mobile.clone()),
    });
    out.meet(ClockKind::ResponsibleAssigned, ctx.today());
    Ok(())
}

/// The most measures one household's plan holds.
pub const MEASURES_PER_HOUSEHOLD: usize = 40;

pub(super) fn add_plan(
    case: &Case,
    measures: &[Measure],
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    if measures.is_empty() {
        return Err(Refusal::MissingData { field: "measures" });
    }
    // Bounded: 2,455 measures posted in a few requests made the case page 21 MB (attacker
    // tester); a household's real plan holds a handful.
    if case.measures.len() + measures.len() > MEASURES_PER_HOUSEHOLD {
        return Err(Refusal::TooManyMeasures {
            most: MEASURES_PER_HOUSEHOLD,
        });
    }
    let mut cleaned = Vec::with_capacity(measures.len());
    for measure in measures {
        let lead_department = required(&measure.lead_department, "lead_department")?;
        if measure.amount.fen() < 0 {
            return Err(Refusal::InvalidData { field: "amount" });
        }
        // The form says which row; a command sent without it is still refused.
        super::measure_dates::check(measure.start, measure.end, ctx.today()).map_err(|e| {
            let field = match e {
                super::measure_dates::MeasureDates::StartFarFromToday => "start",
                _ => "end",
            };
            Refusal::InvalidData { field }
        })?;
        cleaned.push(Measure {
            lead_department,
            // The engine's to set (`apply`), not the form's.
            started_on: None,
            delivered_on: None,
            noticed_on: None,
            ..measure.clone()
        });
    }
    let started = cleaned.iter().any(|m| m.status.is_started());
    super::follow_up::relief_started(case, &cleaned, ctx, out);
    out.push(EventKind::PlanAdded { measures: cleaned });
    super::plan_review::plan_added(ctx, out);
    if started {
        out.meet(ClockKind::AssistanceStarted, ctx.today());
    }
    Ok(())
}

pub(super) fn update_measure(
    case: &Case,
    index: usize,
    status: MeasureStatus,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let measure = case
        .measures
        .get(index)
        .ok_or(Refusal::UnknownMeasure { index })?;
    if !ctx.actor.carries_out(measure) {
        return Err(Refusal::OtherDepartmentsMeasure);
    }
    // Forward only; only a measure not yet started may be withdrawn, and it stays so.
    let moves = match (measure.status, status) {
        (MeasureStatus::Withdrawn, _) => false,
        (from, MeasureStatus::Withdrawn) => from == MeasureStatus::Planned,
        (from, to) => to > from,
    };
    if !moves {
        return Err(Refusal::MeasureStatusBackwards);
    }
    // Started or delivered means the help reached the household: not before the day it was
    // planned to start. 落实中 on a measure a year away met the county's deadline to start
    // the help on paper (officer tester). One started early is entered again with its day.
    if status.is_started() && ctx.today() < measure.start {
        return Err(Refusal::StartedBeforeStart {
            start: measure.start,
        });
    }
    out.push(EventKind::MeasureStatusUpdated {
        index,
        status,
        measure: Some(measure.measure_type),
    });
    if status.is_started() {
        out.meet(ClockKind::AssistanceStarted, ctx.today());
    }
    let updated = Measure {
        status,
        ..measure.clone()
    };
    super::follow_up::relief_started(case, &[updated], ctx, out);
    Ok(())
}

pub(super) fn log_visit(
    case: &Case,
    date: NaiveDate,
    notes: &str,
    new_tier: Option<RiskTier>,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let notes = required(notes, "notes")?;
    let last_visit = case.visits.iter().map(|v| v.date).max();
    let clock_start = case
        .open_clock(ClockKind::MonitoringVisit)
        .map(|c| c.started_on);
    let earliest = [Some(case.discovered_on), last_visit, clock_start]
        .into_iter()
        .flatten()
        .max();
    check_date(date, earliest, ctx.today(), "date")?;
    // An eliminated household gets its quarterly re-check; one at risk again re-enters by
    // reopening (回退), not by a new tier.
    let next_visit = if let super::state::CaseState::Eliminated { .. } = case.state {
        if new_tier.is_some() {
            return Err(Refusal::InvalidData { field: "new_tier" });
        }
        ctx.policy.recheck_eliminated
    } else {
        let tier = new_tier
            .or(case.tier)
            .ok_or(Refusal::MissingData { field: "new_tier" })?;
        ctx.policy.visit_span(tier)
    };
    // The tier it already has is no change (the history said 风险等级调整为红色 of a red
    // household: tester).
    let new_tier = new_tier.filter(|t| Some(*t) != case.tier);
    out.push(EventKind::VisitLogged {
        date,
        notes,
        new_tier,
    });
    out.meet(ClockKind::MonitoringVisit, date);
    out.meet(ClockKind::CampaignVisit, date);
    out.start(
        ClockKind::MonitoringVisit,
        Level::Village,
        date,
        next_visit,
        ctx.cal,
    );
    Ok(())
}

/// A new tier re-times the running visit clock from its own start: never a reset.
pub(super) fn change_tier(
    case: &Case,
    tier: RiskTier,
    reason: &str,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let reason = required(reason, "reason")?;
    if case.tier == Some(tier) {
        return Err(Refusal::InvalidData { field: "tier" });
    }
    out.push(EventKind::TierChanged { tier, reason });
    let started_on = case
        .open_clock(ClockKind::MonitoringVisit)
        .map_or(ctx.today(), |c| c.started_on);
    start_visit_clock(started_on, tier, ctx, out);
    Ok(())
}

pub(super) fn propose_elimination(
    case: &Case,
    checklist: &EliminationChecklist,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    if let Some(which) = checklist.first_unmet() {
        return Err(Refusal::CriteriaNotMet { which });
    }
    // The first of the gaps the service lists in full (`proposal_gaps`), in one order.
    let gaps = super::elimination::proposal_gaps(case, ctx.policy, ctx.cal, ctx.today());
    if let Some(gap) = gaps.into_iter().next() {
        return Err(Refusal::Elimination { gap });
    }
    let today = ctx.today();
    out.push(EventKind::EliminationProposed {
        checklist: *checklist,
    });
    out.start(
        ClockKind::HomeCheck,
        Level::Village,
        today,
        ctx.policy.home_check,
        ctx.cal,
    );
    out.start(
        ClockKind::EliminationReview,
        Level::County,
        today,
        ctx.policy.elimination_review,
        ctx.cal,
    );
    Ok(())
}

pub(super) fn reopen(
    case: &Case,
    reason: &str,
    tier: RiskTier,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let reason = required(reason, "reason")?;
    let today = ctx.today();
    out.push(EventKind::Reopened {
        reason,
        tier,
        on: today,
    });
    start_responsible_clock(case, ctx, out);
    start_visit_clock(today, tier, ctx, out);
    Ok(())
}

/// Extensions are counted in working days from the current due date.
pub(super) fn request_extension(
    case: &Case,
    kind: ClockKind,
    days: u32,
    reason: &str,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let clock = case
        .open_clock(kind)
        .ok_or(Refusal::NoSuchClock { clock: kind })?;
    if role_level(ctx.actor.role) != Some(clock.owner) {
        return Err(Refusal::WrongRole {
            needed: owner_roles(clock.owner),
        });
    }
    if case.pending_extension(kind).is_some() {
        return Err(Refusal::ExtensionPending);
    }
    // A minimum (公示期) has no deadline to move.
    if clock.state != ClockState::Running || kind.is_minimum() {
        return Err(Refusal::NoSuchClock { clock: kind });
    }
    if ctx.today() > clock.due_on {
        return Err(Refusal::ExtensionAfterDue);
    }
    if days == 0 || days > crate::domain::clock::MAX_EXTENSION_WORKING_DAYS {
        return Err(Refusal::InvalidData { field: "days" });
    }
    let reason = required(reason, "reason")?;
    let mut preview = clock.clone();
    preview
        .extend(Span::WorkingDays(days), ctx.today(), ctx.cal)
        .map_err(|_| Refusal::ExtensionAfterDue)?;
    out.push(EventKind::ExtensionRequested {
        clock: kind,
        owner: clock.owner,
        days,
        reason,
        new_due: preview.due_on,
    });
    Ok(())
}

pub(super) fn approve_extension(
    case: &Case,
    kind: ClockKind,
    approve: bool,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let request = case
        .pending_extension(kind)
        .ok_or(Refusal::NoExtensionPending)?;
    let approvers = extension_approvers(request.owner);
    if !approvers.contains(&ctx.actor.role) {
        return Err(Refusal::WrongRole {
            needed: approvers.to_vec(),
        });
    }
    if request.requested_by == ctx.actor.user_id {
        return Err(Refusal::OwnExtension);
    }
    let clock = case
        .open_clock(kind)
        .ok_or(Refusal::NoSuchClock { clock: kind })?;
    let new_due = if approve {
        let mut extended = clock.clone();
        // The request was made in time; approval may come later.
        extended
            .extend(
                Span::WorkingDays(request.days),
                request.requested_on,
                ctx.cal,
            )
            .map_err(|_| Refusal::NoSuchClock { clock: kind })?;
        extended.due_on
    } else {
        clock.due_on
    };
    out.push(EventKind::ExtensionDecided {
        clock: kind,
        approved: approve,
        new_due,
    });
    Ok(())
}

/// The owner stops a running clock (household away, in hospital...). The event carries the
/// working days left, so `apply` needs no calendar.
pub(super) fn pause_clock(
    case: &Case,
    kind: ClockKind,
    reason: &str,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    if !can_pause(kind) {
        return Err(Refusal::ClockNotPausable { clock: kind });
    }
    let clock = owned_open_clock(case, kind, ctx)?;
    if clock.state != ClockState::Running {
        return Err(Refusal::ClockNotRunning { clock: kind });
    }
    if case.pending_extension(kind).is_some() {
        return Err(Refusal::ExtensionPending);
    }
    let reason = required(reason, "reason")?;
    let mut paused = clock.clone();
    paused.pause(ctx.today(), ctx.cal);
    let ClockState::Paused {
        remaining_working_days,
    } = paused.state
    else {
        return Err(Refusal::ClockNotRunning { clock: kind });
    };
    out.push(EventKind::ClockPaused {
        clock: kind,
        on: ctx.today(),
        reason,
        remaining_working_days,
    });
    Ok(())
}

/// The owner restarts a paused clock: it is due later by the working days it was paused.
pub(super) fn resume_clock(
    case: &Case,
    kind: ClockKind,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let clock = owned_open_clock(case, kind, ctx)?;
    let mut resumed = clock.clone();
    match clock.state {
        ClockState::Paused { .. } => resumed.resume(ctx.today(), ctx.cal),
        ClockState::Running | ClockState::Met { .. } | ClockState::Cancelled { .. } => {
            return Err(Refusal::ClockNotPaused { clock: kind })
        }
    }
    out.push(EventKind::ClockResumed {
        clock: kind,
        on: ctx.today(),
        new_due: resumed.due_on,
    });
    Ok(())
}

/// The open clock of `kind`, if the actor works at its owner's level.
fn owned_open_clock<'c>(
    case: &'c Case,
    kind: ClockKind,
    ctx: &Ctx<'_>,
) -> Result<&'c Clock, Refusal> {
    let clock = case
        .open_clock(kind)
        .ok_or(Refusal::NoSuchClock { clock: kind })?;
    if role_level(ctx.actor.role) != Some(clock.owner) {
        return Err(Refusal::WrongRole {
            needed: owner_roles(clock.owner),
        });
    }
    Ok(clock)
}

fn owner_roles(level: Level) -> Vec<Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(|r| role_level(*r) == Some(level))
        .collect()
}
