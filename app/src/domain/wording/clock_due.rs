//! How a clock's date is worded on the staff case page, by clock kind: a deadline has a
//! due date ("截止…"), a minimum (the ≥5-day 公示) only an earliest end ("最早…可结束"):
//! it can never be late, so no deadline word goes with it.
use crate::{domain::lang::Lang, tr};

/// "截止2026-03-09" for a deadline, "最早2026-03-09可结束" for a minimum
/// ([`crate::domain::clock::ClockKind::is_minimum`]).
pub fn due_line(is_minimum: bool, due_on: &str, lang: Lang) -> String {
    if is_minimum {
        tr::time_left::earliest_end(lang, due_on)
    } else {
        tr::time_left::due_by(lang, due_on)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::{
        calendar::Calendar,
        clock::{Clock, ClockKind, ClockState, Level, TimeLeft},
    };

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    /// Each clock kind, state and day: the date line and the time left, in Chinese. A minimum
    /// reads "最早…可结束" and never "截止" or "逾期", even when it ended after its date.
    #[test]
    fn a_minimum_reads_as_an_earliest_end_and_a_deadline_as_a_due_date() {
        let cal = Calendar::china();
        let due = d("2026-03-09");
        type Row = (
            ClockKind,
            ClockState,
            &'static str,
            &'static str,
            &'static str,
        );
        let rows: &[Row] = &[
            (
                ClockKind::NoticeWindow,
                ClockState::Running,
                "2026-03-05",
                "最早2026-03-09可结束",
                "还需4天方可结束",
            ),
            (
                ClockKind::NoticeWindow,
                ClockState::Running,
                "2026-03-12",
                "最早2026-03-09可结束",
                "已满最短期限，可以结束",
            ),
            (
                ClockKind::NoticeWindow,
                ClockState::Met {
                    on: d("2026-03-16"),
                },
                "2026-03-20",
                "最早2026-03-09可结束",
                "已结束",
            ),
            (
                ClockKind::PlanNotice,
                ClockState::Met {
                    on: d("2026-03-10"),
                },
                "2026-03-20",
                "最早2026-03-09可结束",
                "已结束",
            ),
            (
                ClockKind::HomeCheck,
                ClockState::Met {
                    on: d("2026-03-10"),
                },
                "2026-03-20",
                "截止2026-03-09",
                "逾期办结",
            ),
            (
                ClockKind::HomeCheck,
                ClockState::Running,
                "2026-03-06",
                "截止2026-03-09",
                "还剩1个工作日",
            ),
        ];
        for (kind, state, today, line, left) in rows {
            let clock = Clock {
                kind: *kind,
                owner: Level::Village,
                started_on: d("2026-03-02"),
                due_on: due,
                state: *state,
                extended: 0,
            };
            let got_line = due_line(kind.is_minimum(), &due.to_string(), Lang::Zh);
            let got_left = TimeLeft::of(&clock, d(today), &cal).words(Lang::Zh);
            assert_eq!(
                (got_line.as_str(), got_left.as_str()),
                (*line, *left),
                "{kind:?} {state:?} on {today}"
            );
            if kind.is_minimum() {
                assert!(
                    !got_left.contains("逾期") && !got_line.contains("截止"),
                    "{kind:?}"
                );
                assert!(
                    !due_line(kind.is_minimum(), "x", Lang::En).contains("Due"),
                    "{kind:?}"
                );
            }
        }
    }
}
