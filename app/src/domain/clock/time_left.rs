//! How much time a clock has left, worded for people: "还剩3个工作日", "逾期2个工作日",
//! "还需2天方可结束" (a minimum), in Chinese and English.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Clock, ClockState};
use crate::domain::calendar::Calendar;

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

    pub fn zh(self) -> String {
        match self {
            TimeLeft::WorkingDaysLeft { days } => format!("还剩{days}个工作日"),
            TimeLeft::DueToday => "今天到期".to_owned(),
            TimeLeft::LastWorkingDay => "今天是最后一个工作日".to_owned(),
            TimeLeft::WorkingDaysOverdue { days } => format!("逾期{days}个工作日"),
            TimeLeft::OverdueToday => "已逾期".to_owned(),
            TimeLeft::Paused {
                remaining_working_days,
            } => match remaining_working_days {
                left if left > 0 => format!("已暂停（剩余{left}个工作日）"),
                0 => "已暂停（到期当天）".to_owned(),
                overdue => format!("已暂停（逾期{}个工作日）", overdue.unsigned_abs()),
            },
            TimeLeft::MetOnTime => "已按时完成".to_owned(),
            TimeLeft::MetLate => "逾期完成".to_owned(),
            TimeLeft::Cancelled => "已取消".to_owned(),
            TimeLeft::MinimumDaysLeft { days } => format!("还需{days}天方可结束"),
            TimeLeft::MinimumReached => "已满最短期限，可以结束".to_owned(),
            TimeLeft::MinimumEnded => "已结束".to_owned(),
        }
    }

    pub fn en(self) -> String {
        match self {
            TimeLeft::WorkingDaysLeft { days } => format!("{} left", working_days_en(days)),
            TimeLeft::DueToday => "Due today".to_owned(),
            TimeLeft::LastWorkingDay => "Last working day before the deadline".to_owned(),
            TimeLeft::WorkingDaysOverdue { days } => format!("{} overdue", working_days_en(days)),
            TimeLeft::OverdueToday => "Overdue".to_owned(),
            TimeLeft::Paused {
                remaining_working_days,
            } => match remaining_working_days {
                left if left > 0 => format!("Paused ({} left)", working_days_en(left)),
                0 => "Paused (on its due day)".to_owned(),
                overdue => format!("Paused ({} overdue)", working_days_en(overdue)),
            },
            TimeLeft::MetOnTime => "Completed on time".to_owned(),
            TimeLeft::MetLate => "Completed late".to_owned(),
            TimeLeft::Cancelled => "Cancelled".to_owned(),
            TimeLeft::MinimumDaysLeft { days } => match days {
                1 => "May end in 1 day".to_owned(),
                n => format!("May end in {n} days"),
            },
            TimeLeft::MinimumReached => "Minimum reached; may end now".to_owned(),
            TimeLeft::MinimumEnded => "Ended".to_owned(),
        }
    }
}

fn working_days_en(days: i64) -> String {
    match days.unsigned_abs() {
        1 => "1 working day".to_owned(),
        n => format!("{n} working days"),
    }
}

/// Chinese wording of the time left: "今天到期", "逾期2个工作日",
/// "还剩3个工作日", "已按时完成", "逾期完成"...
pub fn time_left_zh(clock: &Clock, today: NaiveDate, cal: &Calendar) -> String {
    TimeLeft::of(clock, today, cal).zh()
}

/// English wording of the time left: "Due today", "2 working days overdue",
/// "3 working days left", "Completed on time", "Completed late"...
pub fn time_left_en(clock: &Clock, today: NaiveDate, cal: &Calendar) -> String {
    TimeLeft::of(clock, today, cal).en()
}
