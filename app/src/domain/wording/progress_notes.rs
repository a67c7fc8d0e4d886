//! The progress page's notes: approved extensions and pauses of the case's open clocks, each
//! with its reason, and the green channel.
use chrono::NaiveDate;

use super::Inputs;
use crate::domain::{
    case::{
        event::{CaseEvent, EventKind},
        AssistanceStage, Case,
    },
    clock::{Clock, ClockKind, ClockState},
};
use crate::tr;

/// Approved extensions and pauses of the case's open clocks, with their reason.
pub(super) fn notes(case: &Case, inputs: &Inputs<'_>) -> Vec<String> {
    let lang = inputs.lang;
    let mut notes = Vec::new();
    if case.green_channel && !case.state.is_closed() {
        notes.push(tr::progress::fast_track_open_help(lang).to_owned());
    }
    // Before help starts the plan's review is the step itself (`plan_made`).
    if !case.state.is_closed() && case.assistance_stage() == AssistanceStage::Assisting {
        notes.extend(super::monitored::plan_review_words(case.plan_review, lang));
    }
    for clock in case.open_clocks() {
        let label = clock.kind.label(lang);
        if clock.extended > 0 {
            let reason = extension_reason(inputs.events, clock.kind).unwrap_or_default();
            notes.push(tr::progress::deadline_extended_reason(
                lang,
                label,
                lang.date(clock.due_on),
                reason,
            ));
        }
        if let ClockState::Paused { .. } = clock.state {
            let reason = pause_reason(inputs.events, clock.kind).unwrap_or_default();
            notes.push(tr::progress::paused_reason_paused_days(lang, label, reason));
        } else if let Some((from, to, reason)) = ended_pause(inputs.events, clock) {
            // A pause that ended moved the date too: the extension's note alone read as if
            // its reason moved it all (officer tester).
            notes.push(tr::progress::paused_before(
                lang,
                label,
                lang.date(from),
                lang.date(to),
                reason,
                lang.date(clock.due_on),
            ));
        }
    }
    // A paused step stops its own clock, not the 15-day limit: "停下的日子不算在期限内"
    // beside the limit's overdue box read as a contradiction (household tester).
    let step_paused = case.open_clocks().any(|c| {
        matches!(c.state, ClockState::Paused { .. }) && c.kind != ClockKind::IdentificationOverall
    });
    if let Some(overall) = case
        .open_clock(ClockKind::IdentificationOverall)
        .filter(|_| step_paused)
    {
        notes.push(tr::progress::overall_keeps_running(
            lang,
            lang.date(overall.due_on),
        ));
    }
    notes
}

fn extension_reason(events: &[CaseEvent], kind: ClockKind) -> Option<String> {
    events.iter().rev().find_map(|e| match &e.kind {
        EventKind::ExtensionRequested { clock, reason, .. } if *clock == kind => {
            Some(reason.clone())
        }
        _ => None,
    })
}

/// The latest pause of `clock` since it started that has ended: (from, to, reason).
fn ended_pause(events: &[CaseEvent], clock: &Clock) -> Option<(NaiveDate, NaiveDate, String)> {
    let resumed = events.iter().rev().find_map(|e| match &e.kind {
        EventKind::ClockResumed {
            clock: kind, on, ..
        } if *kind == clock.kind && *on >= clock.started_on => Some(*on),
        _ => None,
    })?;
    events.iter().rev().find_map(|e| match &e.kind {
        EventKind::ClockPaused {
            clock: kind,
            on,
            reason,
            ..
        } if *kind == clock.kind && *on <= resumed && *on >= clock.started_on => {
            Some((*on, resumed, reason.clone()))
        }
        _ => None,
    })
}

fn pause_reason(events: &[CaseEvent], kind: ClockKind) -> Option<String> {
    events.iter().rev().find_map(|e| match &e.kind {
        EventKind::ClockPaused { clock, reason, .. } if *clock == kind => Some(reason.clone()),
        _ => None,
    })
}
