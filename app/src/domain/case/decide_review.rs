//! The review procedure shared by identification and elimination: home check, village review
//! and notice, township review, county decision, and the clocks each step meets or starts.

use chrono::NaiveDate;

use crate::domain::clock::{ClockKind, Level};
use crate::domain::vocab::Channel;

use super::command::{EliminationDecision, IdentificationDecision};
use super::decide::{check_date, required, Ctx};
use super::decide_assist as assist;
use super::eligibility::{check_category, Lines};
use super::emit::Emitter;
use super::event::EventKind;
use super::policy::Policy;
use super::refusal::Refusal;
use super::state::{Case, HomeCheckRecord, Procedure, VillageOutcome};

/// Township acceptance; a suspected duplicate is accepted only with a reason, kept as an
/// audited event.
pub(super) fn accept(
    case: &Case,
    duplicate_override: Option<&str>,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    if case.duplicate_unresolved() {
        let reason = duplicate_override
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .ok_or(Refusal::PossibleDuplicate)?;
        out.push(EventKind::DuplicateOverridden {
            reason: reason.to_owned(),
        });
    }
    out.push(EventKind::Accepted);
    out.meet(ClockKind::TownshipAcceptance, ctx.today());
    let span = match case.channel {
        Channel::CadreScreening => ctx.policy.home_check_local,
        Channel::SelfReport
        | Channel::ProxyHotline
        | Channel::ProxyCadre
        | Channel::ProxyRelative
        | Channel::GroupNomination
        | Channel::DepartmentAlert
        | Channel::PublicOpinion => ctx.policy.home_check,
    };
    out.start(
        ClockKind::HomeCheck,
        Level::Village,
        ctx.today(),
        span,
        ctx.cal,
    );
    Ok(())
}

pub(super) fn check_home_check(
    case: &Case,
    record: &HomeCheckRecord,
    today: NaiveDate,
) -> Result<(), Refusal> {
    if record.visitors.iter().all(|v| v.trim().is_empty()) {
        return Err(Refusal::MissingData { field: "visitors" });
    }
    if record.members.is_empty() {
        return Err(Refusal::MissingData { field: "members" });
    }
    if record.members.iter().any(|m| m.name.trim().is_empty()) {
        return Err(Refusal::MissingData {
            field: "members.name",
        });
    }
    if record.members.iter().any(|m| m.annual_income.fen() < 0) {
        return Err(Refusal::InvalidData {
            field: "members.annual_income",
        });
    }
    if !record.consent_signed {
        return Err(Refusal::ConsentNotSigned);
    }
    check_date(record.date, Some(case.discovered_on), today, "date")
}

pub(super) fn village_review(
    case: &Case,
    date: NaiveDate,
    outcome: &VillageOutcome,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let earliest = case.household.as_ref().map(|h| h.date);
    check_date(date, earliest, ctx.today(), "date")?;
    if matches!(outcome, VillageOutcome::Pass) {
        refuse_passing_a_refused_elimination(case, ctx.policy)?;
    }
    let outcome = match outcome {
        VillageOutcome::Pass => VillageOutcome::Pass,
        VillageOutcome::Fail { reason } => VillageOutcome::Fail {
            reason: required(reason, "reason")?,
        },
    };
    out.push(EventKind::VillageReviewHeld {
        date,
        outcome: outcome.clone(),
    });
    match outcome {
        VillageOutcome::Pass => {}
        VillageOutcome::Fail { reason } => end_negative(case, reason, ctx, out),
    }
    Ok(())
}

pub(super) fn township_review(
    case: &Case,
    approve: bool,
    note: &str,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    if approve {
        refuse_passing_a_refused_elimination(case, ctx.policy)?;
    }
    let note = if approve {
        note.trim().to_owned()
    } else {
        required(note, "note")?
    };
    out.push(EventKind::TownshipReviewed {
        approve,
        note: note.clone(),
    });
    if !approve {
        // Sent back while the notice runs (Hebei parallel review): the notice is taken down.
        out.cancel(ClockKind::NoticeWindow, ctx.today());
        match procedure_of(case) {
            // Returned to the village for a new home check; the overall clock keeps running.
            Procedure::Identification => start_recheck(ctx, out),
            Procedure::Elimination => end_negative(case, note, ctx, out),
        }
    }
    Ok(())
}

/// An elimination whose home check shows what the county must refuse is not passed on to a
/// public notice and the township: only 不通过 ends it (`refused_by_its_home_check`).
fn refuse_passing_a_refused_elimination(case: &Case, policy: &Policy) -> Result<(), Refusal> {
    if super::elimination::refused_by_its_home_check(case, policy).is_empty() {
        Ok(())
    } else {
        Err(Refusal::HomeCheckRefusesElimination)
    }
}

/// A step sent back to the village (objection, township rejection): a new home-check clock
/// for the re-check, while the overall clock runs on untouched.
pub(super) fn start_recheck(ctx: &Ctx<'_>, out: &mut Emitter) {
    out.start(
        ClockKind::HomeCheck,
        Level::Village,
        ctx.today(),
        ctx.policy.home_check,
        ctx.cal,
    );
}

/// A procedure ends without its goal: identification -> not identified (refusal notice);
/// elimination -> the household stays monitored.
fn end_negative(case: &Case, reason: String, ctx: &Ctx<'_>, out: &mut Emitter) {
    let today = ctx.today();
    match procedure_of(case) {
        Procedure::Identification => {
            out.push(EventKind::NotIdentified { reason });
            out.meet(ClockKind::IdentificationOverall, today);
            refuse_household(ctx, out);
            super::follow_up::alert_decided(case, ctx, out);
        }
        Procedure::Elimination => {
            out.push(EventKind::KeptMonitoring { reason });
            out.meet(ClockKind::EliminationReview, today);
            out.cancel(ClockKind::HomeCheck, today);
        }
    }
}

/// Closes every other open clock and starts the refusal notice.
pub(super) fn refuse_household(ctx: &Ctx<'_>, out: &mut Emitter) {
    out.cancel_all(ctx.today());
    out.start(
        ClockKind::RefusalNotice,
        Level::Township,
        ctx.today(),
        ctx.policy.refusal_notice,
        ctx.cal,
    );
}

pub(super) fn county_decide(
    case: &Case,
    decision: &IdentificationDecision,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let today = ctx.today();
    match decision {
        IdentificationDecision::Identify {
            category,
            tier,
            note,
        } => {
            check_category(*category, case.household.as_ref(), Lines::of(ctx.policy))
                .map_err(|misfit| Refusal::CategoryDoesNotFit { misfit })?;
            let note = check_comparison(case, note, ctx.policy)?;
            out.push(EventKind::Identified {
                category: *category,
                tier: *tier,
                note,
            });
            out.meet(ClockKind::IdentificationOverall, today);
            out.cancel(ClockKind::HomeCheck, today);
            super::follow_up::alert_decided(case, ctx, out);
            assist::start_assistance_clocks(case, ctx, out);
            assist::start_visit_clock(today, *tier, ctx, out);
        }
        IdentificationDecision::NotIdentify { reason } => {
            let reason = required(reason, "reason")?;
            end_negative(case, reason, ctx, out);
        }
    }
    Ok(())
}

pub(super) fn county_decide_elimination(
    case: &Case,
    decision: &EliminationDecision,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let today = ctx.today();
    match decision {
        EliminationDecision::Eliminate => {
            let stability = check_can_eliminate(case, ctx)?;
            out.push(EventKind::Eliminated {
                on: today,
                stability: Some(stability),
            });
            out.meet(ClockKind::EliminationReview, today);
            out.cancel_all(today);
            // Eliminated households are re-checked every quarter (回访) and may re-enter.
            out.start(
                ClockKind::MonitoringVisit,
                Level::Village,
                today,
                ctx.policy.recheck_eliminated,
                ctx.cal,
            );
        }
        EliminationDecision::KeepMonitoring { reason } => {
            let reason = required(reason, "reason")?;
            end_negative(case, reason, ctx, out);
        }
    }
    Ok(())
}

/// 县级比对: identification needs the data comparison, and an explanation when it hit the
/// negative list. Where policy allows (Hebei), the county may skip the comparison when the
/// notice drew no objection, saying why. Returns the trimmed note.
fn check_comparison(case: &Case, note: &str, policy: &Policy) -> Result<String, Refusal> {
    let note = note.trim().to_owned();
    match &case.comparison {
        Some(comparison) if !comparison.hits.is_empty() && note.is_empty() => {
            Err(Refusal::NegativeListUnexplained)
        }
        Some(_) => Ok(note),
        None if !policy.comparison_skippable => Err(Refusal::ComparisonMissing),
        None if !case.objections.is_empty() => Err(Refusal::ComparisonNotSkippable),
        None if note.is_empty() => Err(Refusal::MissingData { field: "note" }),
        None => Ok(note),
    }
}

/// The county's own check of the criteria against the latest home check, the measures and
/// the time monitored (see `elimination`); the stability evidence on success.
pub(super) fn check_can_eliminate(
    case: &Case,
    ctx: &Ctx<'_>,
) -> Result<super::elimination::Stability, Refusal> {
    if super::elimination::backstop_rule_applies(case) {
        return Err(Refusal::NoLabourCannotEliminate);
    }
    if case.household.is_none() {
        return Err(Refusal::MissingData { field: "household" });
    }
    super::elimination::check_all(case, ctx.policy, ctx.cal, ctx.today())
        .map_err(|gap| Refusal::Elimination { gap })
}

fn procedure_of(case: &Case) -> Procedure {
    case.state
        .review_step()
        .map_or(Procedure::Identification, |(p, _)| p)
}
