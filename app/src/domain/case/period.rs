//! The civil-code rule for periods (民法典第二百零三条): a period counted in calendar days or
//! months whose last day is a statutory rest day ends on the next working day. A policy switch
//! (`PolicyRules::calendar_deadlines_end_on_working_day`), on by default.
//!
//! Applies to every *deadline* clock whose span is `CalendarDays` or `Months`: the 15-day
//! identification limit, the responsible person (2 days), the first measure (1 month),
//! monitoring visits and re-checks, the elimination review (15 days), the relief review.
//! Never to a minimum (the public notice: a longer notice is no gain, and it is counted in
//! full days on the board). Working-day spans end on a working day already.

use chrono::NaiveDate;

use crate::domain::calendar::Calendar;
use crate::domain::clock::{due_date, ClockKind, Span};

/// The due date of a clock of `kind` started on `start` for `span`, with the rule applied
/// when `roll_forward` is on.
pub fn period_due(
    start: NaiveDate,
    span: Span,
    kind: ClockKind,
    roll_forward: bool,
    cal: &Calendar,
) -> NaiveDate {
    let due = due_date(start, span, cal);
    if roll_forward && rule_applies(span, kind) {
        cal.next_working_day_on_or_after(due)
    } else {
        due
    }
}

/// Whether the rule moves this clock's end at all.
pub fn rule_applies(span: Span, kind: ClockKind) -> bool {
    let counted_on_calendar = match span {
        Span::CalendarDays(_) | Span::Months(_) => true,
        Span::WorkingDays(_) => false,
    };
    counted_on_calendar && !kind.is_minimum()
}

#[cfg(test)]
mod tests {
    use chrono::Duration;
    use proptest::prelude::*;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn fifteen_days_ending_on_national_day_end_after_the_holiday() {
        let cal = Calendar::china();
        // 2025-09-16 + 15 = 2025-10-01 (National Day, holiday until 10-08).
        let due = period_due(
            d(2025, 9, 16),
            Span::CalendarDays(15),
            ClockKind::IdentificationOverall,
            true,
            &cal,
        );
        assert_eq!(due, d(2025, 10, 9));
        let off = period_due(
            d(2025, 9, 16),
            Span::CalendarDays(15),
            ClockKind::IdentificationOverall,
            false,
            &cal,
        );
        assert_eq!(off, d(2025, 10, 1));
    }

    #[test]
    fn the_notice_minimum_and_working_day_spans_are_not_moved() {
        let cal = Calendar::china();
        assert_eq!(
            period_due(
                d(2025, 9, 26),
                Span::CalendarDays(5),
                ClockKind::NoticeWindow,
                true,
                &cal
            ),
            d(2025, 10, 1)
        );
        assert!(!rule_applies(Span::WorkingDays(3), ClockKind::HomeCheck));
        assert!(rule_applies(Span::Months(1), ClockKind::MonitoringVisit));
    }

    proptest! {
        /// Over 2025-2026 (both shipped as holiday data): the moved end is a working day, never
        /// before the plain end, unchanged when the plain end is a working day, and every day
        /// skipped is a rest day.
        #[test]
        fn a_moved_deadline_ends_on_the_first_working_day_on_or_after_the_plain_end(
            offset in 0i64..700,
            n in 0u32..120,
            months in any::<bool>(),
        ) {
            let cal = Calendar::china();
            let start = d(2025, 1, 1) + Duration::days(offset);
            let span = if months { Span::Months(n % 12) } else { Span::CalendarDays(n) };
            let plain = due_date(start, span, &cal);
            let moved = period_due(start, span, ClockKind::IdentificationOverall, true, &cal);
            prop_assert!(moved >= plain);
            prop_assert!(cal.is_working_day(moved));
            if cal.is_working_day(plain) {
                prop_assert_eq!(moved, plain);
            }
            let mut day = plain;
            while day < moved {
                prop_assert!(!cal.is_working_day(day));
                day += Duration::days(1);
            }
        }
    }
}
