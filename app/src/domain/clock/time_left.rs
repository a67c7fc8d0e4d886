//! How much time a clock has left, worded for people: "还剩3个工作日", "逾期2个工作日",
//! "还需2天方可结束" (a minimum), in any language from locales/*.json (`time_left`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Clock, ClockState};
use crate::domain::{calendar::Calendar, lang::Lang};

/// Time left on a clock, ready to be worded in any language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum TimeLeft {
    /// Working days left before the due date (at least 1).
    WorkingDaysLeft {
        days: i64,
    },
    /// Due today.
    DueToday,
    /// Due later, but no working day remains before the due date (a
    /// calendar-day deadline falling on a weekend or holiday).
    LastWorkingDay,
    /// Working days past the due date (at least 1).
    WorkingDaysOverdue {
        days: i64,
    },
    /// Calendar days left on a limit set in days or months (at least 1).
    DaysLeft {
        days: i64,
    },
    /// Calendar days past a limit set in days or months (at least 1).
    DaysOverdue {
        days: i64,
    },
    /// Past the due date, but no working day has gone by since.
    OverdueToday,
    /// Paused, with the working days left at the pause (negative: overdue).
    Paused {
        remaining_working_days: i64,
    },
    MetOnTime,
    MetLate,
    Cancelled,
    /// A minimum still running: calendar days until it may end (at least 1).
    MinimumDaysLeft {
        days: i64,
    },
    /// A minimum that has run its length: the step may end now.
    MinimumReached,
    /// A minimum whose step has ended: never late, whenever it ended.
    MinimumEnded,
}

impl TimeLeft {
    /// Met, cancelled or a minimum ended: nothing is left to do on the clock.
    pub fn is_settled(self) -> bool {
        matches!(
            self,
            TimeLeft::MetOnTime | TimeLeft::MetLate | TimeLeft::Cancelled | TimeLeft::MinimumEnded
        )
    }

    /// Computes the time left on `clock` as of `today`.
    pub fn of(clock: &Clock, today: NaiveDate, cal: &Calendar) -> TimeLeft {
        if clock.kind.is_minimum() {
            return match clock.state {
                ClockState::Met { .. } => TimeLeft::MinimumEnded,
                ClockState::Cancelled { .. } => TimeLeft::Cancelled,
                _ => match (clock.due_on - today).num_days() {
                    days if days > 0 => TimeLeft::MinimumDaysLeft { days },
                    _ => TimeLeft::MinimumReached,
                },
            };
        }
        match clock.state {
            // Days ahead in a holiday are no time to work: the last working day is said so.
            ClockState::Running if !clock.kind.counts_working_days() => {
                match (clock.due_on - today).num_days() {
                    0 => TimeLeft::DueToday,
                    _ if today < clock.due_on
                        && cal.working_days_between(today, clock.due_on) == 0 =>
                    {
                        TimeLeft::LastWorkingDay
                    }
                    days if days > 0 => TimeLeft::DaysLeft { days },
                    days => TimeLeft::DaysOverdue { days: -days },
                }
            }
            ClockState::Running => {
                if today == clock.due_on {
                    TimeLeft::DueToday
                } else if today < clock.due_on {
                    match cal.working_days_between(today, clock.due_on) {
                        0 => TimeLeft::LastWorkingDay,
                        days => TimeLeft::WorkingDaysLeft { days },
                    }
                } else {
                    match cal.working_days_between(clock.due_on, today) {
                        0 => TimeLeft::OverdueToday,
                        days => TimeLeft::WorkingDaysOverdue { days },
                    }
                }
            }
            ClockState::Paused {
                remaining_working_days,
            } => TimeLeft::Paused {
                remaining_working_days,
            },
            ClockState::Met { on } => {
                if on > clock.due_on {
                    TimeLeft::MetLate
                } else {
                    TimeLeft::MetOnTime
                }
            }
            ClockState::Cancelled { .. } => TimeLeft::Cancelled,
        }
    }
}

/// Chinese wording of the time left: "今天到期", "逾期2个工作日",
/// "还剩3个工作日", "已按时办结", "逾期办结"...
pub fn time_left_zh(clock: &Clock, today: NaiveDate, cal: &Calendar) -> String {
    TimeLeft::of(clock, today, cal).words(Lang::Zh)
}

/// English wording of the time left: "Due today", "2 working days overdue",
/// "3 working days left", "Concluded on time", "Concluded late"...
pub fn time_left_en(clock: &Clock, today: NaiveDate, cal: &Calendar) -> String {
    TimeLeft::of(clock, today, cal).words(Lang::En)
}
