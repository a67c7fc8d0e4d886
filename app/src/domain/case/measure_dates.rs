//! When a measure may run: its dates are typed by hand, so a start years back or an end
//! decades on is a slip to catch, not a plan (officer tester).

use chrono::{Duration, NaiveDate};

use super::state::{Measure, MeasureStatus};

/// A measure starts at most this many days before the day it is entered (三年: a 低保 paid
/// for two years already is entered as it is, officer tester)…
pub const START_BACK_DAYS: i64 = 3 * 366;
/// …and at most this many after it (一年).
pub const START_AHEAD_DAYS: i64 = 366;
/// A measure runs at most this long (五年: a college grant runs four); a longer one is
/// entered again when it is renewed.
pub const LONGEST_DAYS: i64 = 5 * 366;

/// What is wrong with a measure's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureDates {
    EndBeforeStart,
    /// The start is more than [`START_BACK_DAYS`] before or [`START_AHEAD_DAYS`] after today.
    StartFarFromToday,
    /// It runs longer than [`LONGEST_DAYS`].
    TooLong,
}

/// Checks a measure's dates against the day it is entered.
pub fn check(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Result<(), MeasureDates> {
    if end < start {
        Err(MeasureDates::EndBeforeStart)
    } else if (today - start).num_days() > START_BACK_DAYS
        || (start - today).num_days() > START_AHEAD_DAYS
    {
        Err(MeasureDates::StartFarFromToday)
    } else if end - start > Duration::days(LONGEST_DAYS) {
        Err(MeasureDates::TooLong)
    } else {
        Ok(())
    }
}

/// For each measure, the earlier ones (their indexes) of the same kind whose periods overlap
/// it: a second 低保 over the same months is most often the first entered twice (officer
/// tester). Withdrawn measures overlap nothing. Staff are warned, not refused: two one-off
/// grants of the same kind in one month can both be right.
pub fn overlaps_earlier(measures: &[Measure]) -> Vec<Vec<usize>> {
    let live = |m: &Measure| m.status != MeasureStatus::Withdrawn;
    measures
        .iter()
        .enumerate()
        .map(|(i, m)| {
            (0..i)
                .filter(|&j| {
                    let e = &measures[j];
                    live(m)
                        && live(e)
                        && e.measure_type == m.measure_type
                        && e.start <= m.end
                        && m.start <= e.end
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocab::MeasureType;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_plan_for_this_year_passes() {
        let today = day("2026-11-23");
        assert_eq!(check(day("2026-12-01"), day("2027-11-30"), today), Ok(()));
        // A one-off: one day.
        assert_eq!(check(today, today, today), Ok(()));
        // Started before it was entered: a 低保 paid since mid-2024, a four-year college grant.
        assert_eq!(check(day("2024-07-01"), day("2027-06-30"), today), Ok(()));
        assert_eq!(check(day("2027-09-01"), day("2031-06-30"), today), Ok(()));
    }

    #[test]
    fn slips_in_the_year_or_the_length_are_caught() {
        let today = day("2026-11-23");
        assert_eq!(
            check(day("2026-12-01"), day("2026-11-30"), today),
            Err(MeasureDates::EndBeforeStart)
        );
        assert_eq!(
            check(day("2016-12-01"), day("2026-12-01"), today),
            Err(MeasureDates::StartFarFromToday)
        );
        assert_eq!(
            check(day("2028-12-01"), day("2028-12-02"), today),
            Err(MeasureDates::StartFarFromToday)
        );
        assert_eq!(
            check(day("2026-12-01"), day("2062-12-01"), today),
            Err(MeasureDates::TooLong)
        );
        // The edges: three years back, a year ahead, five years long.
        let back = today - Duration::days(START_BACK_DAYS);
        assert_eq!(check(back, back, today), Ok(()));
        let before = back - Duration::days(1);
        assert_eq!(
            check(before, before, today),
            Err(MeasureDates::StartFarFromToday)
        );
        let ahead = today + Duration::days(START_AHEAD_DAYS);
        assert_eq!(check(ahead, ahead, today), Ok(()));
        let after = ahead + Duration::days(1);
        assert_eq!(
            check(after, after, today),
            Err(MeasureDates::StartFarFromToday)
        );
        assert_eq!(
            check(today, today + Duration::days(LONGEST_DAYS), today),
            Ok(())
        );
        assert_eq!(
            check(today, today + Duration::days(LONGEST_DAYS + 1), today),
            Err(MeasureDates::TooLong)
        );
    }

    fn measure(kind: MeasureType, from: &str, to: &str, status: MeasureStatus) -> Measure {
        Measure {
            measure_type: kind,
            lead_department: "民政局".into(),
            amount: crate::domain::money::Fen::from_fen(0),
            start: day(from),
            end: day(to),
            status,
            started_on: None,
            delivered_on: None,
            noticed_on: None,
        }
    }

    #[test]
    fn a_measure_entered_twice_points_at_the_first() {
        use MeasureStatus::{Planned, Withdrawn};
        use MeasureType::{Medical, MinimumLiving};
        let plan = [
            measure(MinimumLiving, "2026-12-01", "2027-11-30", Planned),
            // Another kind over the same months: no overlap.
            measure(Medical, "2026-12-01", "2027-11-30", Planned),
            // The same kind, touching by one day: overlaps the first.
            measure(MinimumLiving, "2027-11-30", "2028-11-30", Planned),
            // The same kind after both: none.
            measure(MinimumLiving, "2028-12-01", "2029-11-30", Planned),
            // Withdrawn: overlaps nothing, and nothing overlaps it.
            measure(MinimumLiving, "2026-12-01", "2027-11-30", Withdrawn),
            measure(Medical, "2027-06-01", "2027-06-01", Planned),
        ];
        assert_eq!(
            overlaps_earlier(&plan),
            vec![vec![], vec![], vec![0], vec![], vec![], vec![1]]
        );
        // Entered three times: the third names both before it.
        let thrice = [
            measure(MinimumLiving, "2026-12-01", "2027-11-30", Planned),
            measure(MinimumLiving, "2026-12-01", "2027-11-30", Planned),
            measure(MinimumLiving, "2027-01-01", "2027-12-31", Planned),
        ];
        assert_eq!(overlaps_earlier(&thrice), vec![vec![], vec![0], vec![0, 1]]);
        assert!(overlaps_earlier(&[]).is_empty());
    }
}
