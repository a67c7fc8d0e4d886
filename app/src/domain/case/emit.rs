//! Collects the events one decision emits, keeping clock changes consistent: a clock is met or
//! cancelled only while open, and starting a kind that is still open cancels it first, so at
//! most one clock of each kind is ever open.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::calendar::Calendar;
use crate::domain::clock::{Clock, ClockKind, Level, Span};

use super::event::{CaseEvent, EventActor, EventKind};
use super::state::Case;

pub(super) struct Emitter {
    at: NaiveDateTime,
    by: EventActor,
    open: Vec<ClockKind>,
    events: Vec<CaseEvent>,
    /// Calendar-day deadlines ending on a rest day move to the next working day.
    roll_forward: bool,
}

impl Emitter {
    pub(super) fn new(case: Option<&Case>, at: NaiveDateTime, by: EventActor) -> Emitter {
        Emitter {
            at,
            by,
            open: case
                .map(|c| c.open_clocks().map(|k| k.kind).collect())
                .unwrap_or_default(),
            events: Vec::new(),
            roll_forward: false,
        }
    }

    /// Applies the civil-code period rule (see `period`) to the clocks this emitter starts.
    pub(super) fn rolling(mut self, on: bool) -> Emitter {
        self.roll_forward = on;
        self
    }

    pub(super) fn today(&self) -> NaiveDate {
        self.at.date()
    }

    pub(super) fn push(&mut self, kind: EventKind) {
        self.events.push(CaseEvent {
            at: self.at,
            by: self.by.clone(),
            kind,
        });
    }

    pub(super) fn is_open(&self, kind: ClockKind) -> bool {
        self.open.contains(&kind)
    }

    /// Starts a clock (cancelling an open one of the same kind first).
    pub(super) fn start(
        &mut self,
        kind: ClockKind,
        owner: Level,
        started_on: NaiveDate,
        span: Span,
        cal: &Calendar,
    ) {
        let today = self.today();
        self.cancel(kind, today);
        let mut clock = Clock::start(kind, owner, started_on, span, cal);
        clock.due_on = super::period::period_due(started_on, span, kind, self.roll_forward, cal);
        self.open.push(kind);
        self.push(EventKind::ClockStarted { clock });
    }

    /// Starts a clock unless one of that kind is already open.
    pub(super) fn start_if_absent(
        &mut self,
        kind: ClockKind,
        owner: Level,
        started_on: NaiveDate,
        span: Span,
        cal: &Calendar,
    ) {
        if !self.is_open(kind) {
            self.start(kind, owner, started_on, span, cal);
        }
    }

    /// Meets the open clock of `kind` on `on`, if any.
    pub(super) fn meet(&mut self, kind: ClockKind, on: NaiveDate) {
        if self.take(kind) {
            self.push(EventKind::ClockMet { clock: kind, on });
        }
    }

    /// Cancels the open clock of `kind` on `on`, if any.
    pub(super) fn cancel(&mut self, kind: ClockKind, on: NaiveDate) {
        if self.take(kind) {
            self.push(EventKind::ClockCancelled { clock: kind, on });
        }
    }

    /// Cancels every clock still open.
    pub(super) fn cancel_all(&mut self, on: NaiveDate) {
        for kind in self.open.clone() {
            self.cancel(kind, on);
        }
    }

    pub(super) fn finish(self) -> Vec<CaseEvent> {
        self.events
    }

    fn take(&mut self, kind: ClockKind) -> bool {
        let before = self.open.len();
        self.open.retain(|k| *k != kind);
        before != self.open.len()
    }
}
