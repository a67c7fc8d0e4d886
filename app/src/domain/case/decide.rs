//! `decide`: a command, its actor and the rules in; events or a refusal out. Pure.
//! This file holds the entry points. The four-step review procedure (shared by identification
//! and elimination) is in `decide_review`; assistance, monitoring, clock extensions and pauses
//! are in `decide_assist`.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::calendar::Calendar;
use crate::domain::clock::{ClockKind, Level};
use crate::domain::region::RegionLevel;

use super::actor::Actor;
use super::command::{CaseCommand, NewCase};
use super::decide_assist as assist;
use super::decide_review as review;
use super::emit::Emitter;
use super::event::{CaseEvent, EventActor, EventKind};
use super::guard::{check_allowed, check_role_and_scope, REPORTERS};
use super::policy::Policy;
use super::refusal::Refusal;
use super::state::Case;

/// Everything a decision needs besides the case and the command.
pub(super) struct Ctx<'a> {
    pub actor: &'a Actor,
    pub policy: &'a Policy,
    pub cal: &'a Calendar,
    pub now: NaiveDateTime,
}

impl Ctx<'_> {
    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }
}

/// Decides a command on an existing case.
pub fn decide(
    case: &Case,
    command: &CaseCommand,
    actor: &Actor,
    policy: &Policy,
    cal: &Calendar,
    now: NaiveDateTime,
) -> Result<Vec<CaseEvent>, Refusal> {
    check_allowed(case, command.kind(), actor, policy, now)?;
    let ctx = Ctx {
        actor,
        policy,
        cal,
        now,
    };
    let mut out = Emitter::new(Some(case), now, EventActor::from(actor))
        .rolling(policy.rules.calendar_deadlines_end_on_working_day);
    match command {
        CaseCommand::Accept { duplicate_override } => {
            review::accept(case, duplicate_override.as_deref(), &ctx, &mut out)?
        }
        CaseCommand::RejectOutOfScope { reason } => {
            let reason = required(reason, "reason")?;
            out.push(EventKind::RejectedOutOfScope { reason });
            out.meet(ClockKind::TownshipAcceptance, ctx.today());
            review::refuse_household(&ctx, &mut out);
            super::follow_up::alert_decided(case, &ctx, &mut out);
        }
        CaseCommand::RecordHomeCheck { record } => {
            let record = match &case.household {
                Some(previous) => record.clone().keeping_ids_of(previous),
                None => record.clone(),
            };
            review::check_home_check(case, &record, ctx.today())?;
            out.push(EventKind::HomeCheckRecorded { record });
            out.meet(ClockKind::HomeCheck, ctx.today());
        }
        CaseCommand::HoldVillageReview { date, outcome } => {
            review::village_review(case, *date, outcome, &ctx, &mut out)?
        }
        CaseCommand::StartNotice { from } => {
            let earliest = case.village_review.as_ref().map(|r| r.date);
            check_date(*from, earliest, ctx.today(), "date")?;
            let min_until = crate::domain::clock::due_date(*from, policy.notice_min, cal);
            out.push(EventKind::NoticeStarted {
                from: *from,
                min_until,
            });
            out.start(
                ClockKind::NoticeWindow,
                Level::Village,
                *from,
                policy.notice_min,
                cal,
            );
        }
        CaseCommand::RecordObjection { text } => {
            let text = required(text, "text")?;
            if super::plan_review::objection_is_to_the_plan(case) {
                super::plan_review::objection(text, &ctx, &mut out);
            } else {
                out.push(EventKind::ObjectionRecorded { text });
                out.cancel(ClockKind::NoticeWindow, ctx.today());
                review::start_recheck(&ctx, &mut out);
            }
        }
        CaseCommand::EndNotice => {
            out.push(EventKind::NoticeEnded { on: ctx.today() });
            out.meet(ClockKind::NoticeWindow, ctx.today());
        }
        CaseCommand::TownshipReview { approve, note } => {
            review::township_review(case, *approve, note, &ctx, &mut out)?
        }
        CaseCommand::RecordComparison { hits, note } => {
            // What was compared is the record's substance, hits or not: never an empty entry.
            let note = required(note, "note")?;
            let mut hits = hits.clone();
            hits.sort();
            hits.dedup();
            let recorded = case.comparison.as_ref();
            if recorded.is_some_and(|c| c.hits == hits && c.note == note) {
                return Err(Refusal::ComparisonUnchanged);
            }
            out.push(EventKind::ComparisonRecorded { hits, note });
        }
        CaseCommand::CountyDecide { decision } => {
            review::county_decide(case, decision, &ctx, &mut out)?
        }
        CaseCommand::CountyDecideElimination { decision } => {
            review::county_decide_elimination(case, decision, &ctx, &mut out)?
        }
        CaseCommand::NotifyRefusal { on } => {
            // Not before the refusal it tells of: its notice clock starts on that day.
            let refused_on = case
                .clocks
                .iter()
                .filter(|c| c.kind == ClockKind::RefusalNotice)
                .map(|c| c.started_on)
                .max()
                .unwrap_or(case.discovered_on);
            check_date(*on, Some(refused_on), ctx.today(), "date")?;
            out.push(EventKind::RefusalNotified { on: *on });
            out.meet(ClockKind::RefusalNotice, *on);
        }
        CaseCommand::AssignResponsible { person, mobile } => {
            assist::assign(person, mobile, &ctx, &mut out)?
        }
        CaseCommand::AddPlan { measures } => assist::add_plan(case, measures, &ctx, &mut out)?,
        CaseCommand::UpdateMeasureStatus { index, status } => {
            assist::update_measure(case, *index, *status, &ctx, &mut out)?
        }
        CaseCommand::AdvanceMeasure { index } => {
            let measure = case
                .measures
                .get(*index)
                .ok_or(Refusal::UnknownMeasure { index: *index })?;
            // A delivered measure has nowhere to go: refused like a step backwards.
            let next = measure
                .status
                .next()
                .ok_or(Refusal::MeasureStatusBackwards)?;
            assist::update_measure(case, *index, next, &ctx, &mut out)?
        }
        CaseCommand::LogVisit {
            date,
            notes,
            new_tier,
        } => assist::log_visit(case, *date, notes, *new_tier, &ctx, &mut out)?,
        CaseCommand::ChangeTier { tier, reason } => {
            assist::change_tier(case, *tier, reason, &ctx, &mut out)?
        }
        CaseCommand::ProposeElimination { checklist } => {
            assist::propose_elimination(case, checklist, &ctx, &mut out)?
        }
        CaseCommand::Reopen { reason, tier } => {
            assist::reopen(case, reason, *tier, &ctx, &mut out)?
        }
        CaseCommand::OpenGreenChannel {
            village_study_on,
            township_approved_on,
        } => super::green_channel::open(
            case,
            *village_study_on,
            *township_approved_on,
            &ctx,
            &mut out,
        )?,
        CaseCommand::RequestExtension {
            clock,
            days,
            reason,
        } => assist::request_extension(case, *clock, *days, reason, &ctx, &mut out)?,
        CaseCommand::ApproveExtension { clock, approve } => {
            assist::approve_extension(case, *clock, *approve, &ctx, &mut out)?
        }
        CaseCommand::PauseClock { clock, reason } => {
            assist::pause_clock(case, *clock, reason, &ctx, &mut out)?
        }
        CaseCommand::ResumeClock { clock } => assist::resume_clock(case, *clock, &ctx, &mut out)?,
        CaseCommand::Remove { kind, reason } => {
            super::reversal::remove(case, *kind, reason, &ctx, &mut out)?
        }
        CaseCommand::ReviewPlan { date, outcome } => {
            super::plan_review::review(case, *date, outcome, &ctx, &mut out)?
        }
        CaseCommand::StartPlanNotice { from } => {
            super::plan_review::start_notice(case, *from, &ctx, &mut out)?
        }
        CaseCommand::EndPlanNotice => super::plan_review::end_notice(&ctx, &mut out),
        CaseCommand::ReviewRelief { note } => {
            super::follow_up::review_relief(note, &ctx, &mut out)?
        }
        CaseCommand::FeedBackAlert { note } => super::follow_up::feed_back(note, &ctx, &mut out)?,
        CaseCommand::StartCampaign { name, until } => {
            super::follow_up::start_campaign(case, name, *until, &ctx, &mut out)?
        }
        CaseCommand::DeferElimination { reason } => {
            let reason = required(reason, "reason")?;
            out.push(EventKind::EliminationDeferred {
                reason,
                on: ctx.today(),
            });
        }
    }
    Ok(out.finish())
}

/// Like [`decide`], but first refuses when the case is not at the version the form was
/// loaded at.
pub fn decide_expecting(
    case: &Case,
    expected_version: i64,
    command: &CaseCommand,
    actor: &Actor,
    policy: &Policy,
    cal: &Calendar,
    now: NaiveDateTime,
) -> Result<Vec<CaseEvent>, Refusal> {
    if case.version != expected_version {
        return Err(Refusal::StaleVersion {
            expected: expected_version,
            actual: case.version,
        });
    }
    decide(case, command, actor, policy, cal, now)
}

/// Decides a new filing: the `Reported` event and the first two clocks.
pub fn decide_report(
    new: &NewCase,
    actor: &Actor,
    policy: &Policy,
    cal: &Calendar,
    now: NaiveDateTime,
) -> Result<Vec<CaseEvent>, Refusal> {
    check_role_and_scope(REPORTERS, actor, &new.village)?;
    let id = required(&new.id, "id")?;
    if new.risks.is_empty() {
        return Err(Refusal::MissingData { field: "risks" });
    }
    if new.village.level() != RegionLevel::Village {
        return Err(Refusal::InvalidData { field: "village" });
    }
    check_date(new.discovered_on, None, now.date(), "discovered_on")?;
    let mut risks = Vec::with_capacity(new.risks.len());
    for risk in &new.risks {
        if !risks.contains(risk) {
            risks.push(*risk);
        }
    }
    let mut out = Emitter::new(None, now, EventActor::from(actor))
        .rolling(policy.rules.calendar_deadlines_end_on_working_day);
    out.push(EventKind::Reported {
        id,
        village: new.village.clone(),
        channel: new.channel,
        risks,
        discovered_on: new.discovered_on,
    });
    if !new.duplicates.is_empty() {
        out.push(EventKind::DuplicateSuspected {
            matches: new.duplicates.clone(),
        });
    }
    out.start(
        ClockKind::TownshipAcceptance,
        Level::Township,
        now.date(),
        policy.township_acceptance,
        cal,
    );
    out.start(
        ClockKind::IdentificationOverall,
        Level::County,
        new.discovered_on,
        policy.identification_overall,
        cal,
    );
    Ok(out.finish())
}

/// A trimmed, non-blank text, or `MissingData`.
/// A reason or note typed by staff, kept without its closing full stop: the sentences that
/// quote it end with their own, and "…并补充。" read "…并补充。。" (officer tester).
pub(super) fn required(text: &str, field: &'static str) -> Result<String, Refusal> {
    let text = text
        .trim()
        .trim_end_matches(['。', '.', '．', '；', ';'])
        .trim_end();
    if text.is_empty() {
        Err(Refusal::MissingData { field })
    } else {
        Ok(text.to_owned())
    }
}

/// A date not in the future and not before `earliest`; the refusal says which.
pub(super) fn check_date(
    date: NaiveDate,
    earliest: Option<NaiveDate>,
    today: NaiveDate,
    field: &'static str,
) -> Result<(), Refusal> {
    match earliest {
        _ if date > today => Err(Refusal::DateAfterToday { field }),
        Some(earliest) if date < earliest => Err(Refusal::DateTooEarly { field, earliest }),
        _ => Ok(()),
    }
}
