//! The urgency of a queue row as plain date comparisons, so the database can count the
//! "due soon" and "overdue" tabs without decoding cases. Must agree with
//! [`urgency`](super::urgency).

use chrono::{Days, NaiveDate};

use super::{Clock, ClockState, Urgency};
use crate::domain::calendar::Calendar;

/// Today's boundaries for [`urgency`](super::urgency) of a running deadline (not a minimum).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrgencyThresholds {
    /// Due before this date: overdue (it is today).
    pub overdue_before: NaiveDate,
    /// Due on or after `overdue_before` and before this date: due soon. This is the
    /// (n + 1)-th working day after today, the first due date with more than n working
    /// days left.
    pub due_soon_before: NaiveDate,
    /// A paused clock is due soon with at most this many working days left (negative:
    /// overdue), whatever the date, since its time is not running.
    pub due_soon_working_days: u32,
}

/// How far ahead to look for working days; a calendar without any for a year is broken.
const SEARCH_DAYS: u64 = 400;

impl UrgencyThresholds {
    pub fn on(today: NaiveDate, cal: &Calendar, due_soon_working_days: u32) -> UrgencyThresholds {
        let wanted = i64::from(due_soon_working_days) + 1;
        // Step by day through the calendar's own count so the two can never disagree.
        let due_soon_before = (1..=SEARCH_DAYS)
            .filter_map(|n| today.checked_add_days(Days::new(n)))
            .find(|d| cal.working_days_between(today, *d) >= wanted)
            .unwrap_or(NaiveDate::MAX);
        UrgencyThresholds {
            overdue_before: today,
            due_soon_before,
            due_soon_working_days,
        }
    }

    /// The urgency of a queue row from its stored keys (see [`QueueUrgencyKey`]).
    pub fn classify(&self, key: QueueUrgencyKey) -> Urgency {
        match key {
            QueueUrgencyKey::Due(due) if due < self.overdue_before => Urgency::Overdue,
            QueueUrgencyKey::Due(due) if due < self.due_soon_before => Urgency::DueSoon,
            QueueUrgencyKey::Paused(left) if left < 0 => Urgency::Overdue,
            QueueUrgencyKey::Paused(left) if left <= i64::from(self.due_soon_working_days) => {
                Urgency::DueSoon
            }
            QueueUrgencyKey::Due(_) | QueueUrgencyKey::Paused(_) | QueueUrgencyKey::Never => {
                Urgency::OnTime
            }
        }
    }
}

/// What a row stores to be classified later: the due date of a running deadline, the working
/// days a paused one had left, or nothing (a minimum such as the notice is never urgent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueUrgencyKey {
    Due(NaiveDate),
    Paused(i64),
    Never,
}

impl QueueUrgencyKey {
    /// The key of an open clock (closed clocks are not in the queue).
    pub fn of(clock: &Clock) -> QueueUrgencyKey {
        if clock.kind.is_minimum() {
            return QueueUrgencyKey::Never;
        }
        match clock.state {
            ClockState::Running => QueueUrgencyKey::Due(clock.due_on),
            ClockState::Paused {
                remaining_working_days,
            } => QueueUrgencyKey::Paused(remaining_working_days),
            ClockState::Met { .. } | ClockState::Cancelled { .. } => QueueUrgencyKey::Never,
        }
    }
}

/// [`urgency`](super::urgency) through the thresholds, for an open clock: what the database computes.
pub fn urgency_by_thresholds(
    clock: &Clock,
    today: NaiveDate,
    cal: &Calendar,
    due_soon_working_days: u32,
) -> Urgency {
    UrgencyThresholds::on(today, cal, due_soon_working_days).classify(QueueUrgencyKey::of(clock))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::{urgency, ClockKind, Level};
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn clock(kind: ClockKind, due_on: NaiveDate, state: ClockState) -> Clock {
        Clock {
            kind,
            owner: Level::Township,
            started_on: due_on - chrono::Duration::days(10),
            due_on,
            state,
            extended: 0,
        }
    }

    #[test]
    fn before_the_national_day_holiday_due_soon_reaches_past_the_whole_week() {
        // 2025-09-30 is the last working day before 10-01..10-08; 10-09 is the first after.
        let cal = Calendar::china();
        let t = UrgencyThresholds::on(date(2025, 9, 30), &cal, 1);
        assert_eq!(t.overdue_before, date(2025, 9, 30));
        assert_eq!(t.due_soon_before, date(2025, 10, 10));
    }

    #[test]
    fn on_a_friday_a_clock_due_monday_is_due_soon_and_one_due_tuesday_is_not() {
        let cal = Calendar::weekdays_only();
        let t = UrgencyThresholds::on(date(2026, 3, 6), &cal, 1);
        assert_eq!(t.due_soon_before, date(2026, 3, 10));
        assert_eq!(
            t.classify(QueueUrgencyKey::Due(date(2026, 3, 9))),
            Urgency::DueSoon
        );
        assert_eq!(
            t.classify(QueueUrgencyKey::Due(date(2026, 3, 10))),
            Urgency::OnTime
        );
        assert_eq!(
            t.classify(QueueUrgencyKey::Due(date(2026, 3, 5))),
            Urgency::Overdue
        );
    }

    fn any_state() -> impl Strategy<Value = ClockState> {
        prop_oneof![
            3 => Just(ClockState::Running),
            1 => (-5i64..8).prop_map(|left| ClockState::Paused { remaining_working_days: left }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Around the Spring Festival, the National Day and weekends of 2024-2026 (and in a
        /// year the calendar does not know), with any due-soon window.
        #[test]
        fn the_thresholds_agree_with_urgency_on_every_day(
            today_offset in 0i64..(3 * 366 + 400),
            due_offset in -30i64..40,
            n in 0u32..6,
            minimum in prop::bool::weighted(0.1),
            state in any_state(),
        ) {
            let cal = Calendar::china();
            let today = date(2024, 1, 1) + chrono::Duration::days(today_offset);
            let due = today + chrono::Duration::days(due_offset);
            let kind = if minimum { ClockKind::NoticeWindow } else { ClockKind::HomeCheck };
            let c = clock(kind, due, state);
            prop_assert_eq!(
                urgency_by_thresholds(&c, today, &cal, n),
                urgency(&c, today, &cal, n),
                "today {} due {} n {} {:?}", today, due, n, state
            );
        }
    }
}
