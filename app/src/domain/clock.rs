//! Named deadline clocks carried by a case, one per workflow step.
//!
//! Pure code: today's date is always passed in. The rules, from the domain
//! notes: a clock counts in working days against a holiday calendar (unless its
//! rule says calendar days or months), a pause or a hand-off between levels
//! never resets it, and extensions must be requested before the deadline.

use std::fmt;

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::Calendar;

/// Due-soon threshold of the default policy, in working days.
pub const DEFAULT_DUE_SOON_WORKING_DAYS: u32 = 1;

/// The length of a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    /// Counted on the calendar: weekends and holidays skipped, makeup days counted.
    WorkingDays(u32),
    /// Plain calendar days (e.g. the statutory 15 days).
    CalendarDays(u32),
    /// Calendar months, clamped to the end of a shorter month.
    Months(u32),
}

/// The date a deadline of `span` started on `start` falls due.
///
/// - `WorkingDays(n)`: the `n`-th working day after `start`
///   (see [`Calendar::add_working_days`]; `n == 0` is the next working day on
///   or after `start`).
/// - `CalendarDays(n)`: `start + n` days. The result is deliberately *not*
///   moved when it falls on a weekend or holiday: a statutory "15 days" rule is
///   counted in calendar days and ends on that date.
/// - `Months(n)`: same day `n` months later, clamped to the month end
///   (Jan 31 + 1 month = Feb 28/29); not moved either.
///
/// Dates beyond chrono's range saturate at [`NaiveDate::MAX`].
pub fn due_date(start: NaiveDate, span: Span, cal: &Calendar) -> NaiveDate {
    match span {
        Span::WorkingDays(n) => cal.add_working_days(start, n),
        Span::CalendarDays(n) => start
            .checked_add_days(Days::new(u64::from(n)))
            .unwrap_or(NaiveDate::MAX),
        Span::Months(n) => start
            .checked_add_months(Months::new(n))
            .unwrap_or(NaiveDate::MAX),
    }
}

/// Which workflow step a clock measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    /// Township accepts an online/hotline filing and passes it on.
    TownshipAcceptance,
    /// Home check (入户核查) after a filing or alert.
    HomeCheck,
    /// Discovery to identification complete (e.g. 15 days).
    IdentificationOverall,
    /// Public notice (公示) window.
    NoticeWindow,
    /// Household told why it was not included.
    RefusalNotice,
    /// Responsible person assigned.
    ResponsibleAssigned,
    /// Assistance measures started after identification.
    AssistanceStarted,
    /// Periodic monitoring visit (red / yellow / blue tier).
    MonitoringVisit,
    /// Risk elimination review.
    EliminationReview,
    /// Village democratic review of an assistance plan (落实帮扶措施 评议).
    PlanReview,
    /// Public notice of an assistance plan (a minimum, like the identification notice).
    PlanNotice,
    /// 临时救助 → 低保 review after six months.
    ReliefReview,
    /// 结果反馈: the county tells the alerting department what became of its alert.
    AlertFeedback,
    /// The yearly 集中排查 visit, due by the campaign's end date.
    CampaignVisit,
}

impl ClockKind {
    /// Every kind, in workflow order.
    pub const ALL: [ClockKind; 14] = [
        ClockKind::TownshipAcceptance,
        ClockKind::HomeCheck,
        ClockKind::IdentificationOverall,
        ClockKind::NoticeWindow,
        ClockKind::RefusalNotice,
        ClockKind::ResponsibleAssigned,
        ClockKind::AssistanceStarted,
        ClockKind::MonitoringVisit,
        ClockKind::EliminationReview,
        ClockKind::PlanReview,
        ClockKind::PlanNotice,
        ClockKind::ReliefReview,
        ClockKind::AlertFeedback,
        ClockKind::CampaignVisit,
    ];

    /// Stable code, identical to the serde representation.
    pub fn code(self) -> &'static str {
        match self {
            ClockKind::TownshipAcceptance => "township_acceptance",
            ClockKind::HomeCheck => "home_check",
            ClockKind::IdentificationOverall => "identification_overall",
            ClockKind::NoticeWindow => "notice_window",
            ClockKind::RefusalNotice => "refusal_notice",
            ClockKind::ResponsibleAssigned => "responsible_assigned",
            ClockKind::AssistanceStarted => "assistance_started",
            ClockKind::MonitoringVisit => "monitoring_visit",
            ClockKind::EliminationReview => "elimination_review",
            ClockKind::PlanReview => "plan_review",
            ClockKind::PlanNotice => "plan_notice",
            ClockKind::ReliefReview => "relief_review",
            ClockKind::AlertFeedback => "alert_feedback",
            ClockKind::CampaignVisit => "campaign_visit",
        }
    }

    /// Parses a [`ClockKind::code`].
    pub fn from_code(code: &str) -> Option<ClockKind> {
        ClockKind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// Whether the rules set this clock in working days (受理, 入户核查, 告知, 评议, 反馈); the
    /// others run in calendar days or months, and their time left is counted so: the 15-day
    /// limit read "还剩11个工作日" (officer tester).
    pub fn counts_working_days(self) -> bool {
        matches!(
            self,
            ClockKind::TownshipAcceptance
                | ClockKind::HomeCheck
                | ClockKind::RefusalNotice
                | ClockKind::PlanReview
                | ClockKind::AlertFeedback
        )
    }

    /// A minimum, not a deadline: the step may not end before the due date and is never
    /// late after it (the public notice runs at least 5 days). It cannot be paused or
    /// extended and nobody is chased about it.
    pub fn is_minimum(self) -> bool {
        match self {
            ClockKind::NoticeWindow | ClockKind::PlanNotice => true,
            ClockKind::TownshipAcceptance
            | ClockKind::HomeCheck
            | ClockKind::IdentificationOverall
            | ClockKind::RefusalNotice
            | ClockKind::ResponsibleAssigned
            | ClockKind::AssistanceStarted
            | ClockKind::MonitoringVisit
            | ClockKind::EliminationReview
            | ClockKind::PlanReview
            | ClockKind::ReliefReview
            | ClockKind::AlertFeedback
            | ClockKind::CampaignVisit => false,
        }
    }

    /// Names a clock had in notifications already stored, still recognised there (the
    /// refusal notice became 告知农户结果和原因 when removals were told too).
    pub fn former_labels_zh(self) -> &'static [&'static str] {
        match self {
            ClockKind::RefusalNotice => &["不予纳入告知"],
            _ => &[],
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ClockKind::TownshipAcceptance => "乡镇受理",
            ClockKind::HomeCheck => "入户核查",
            ClockKind::IdentificationOverall => "识别认定总时限",
            ClockKind::NoticeWindow => "公示期",
            ClockKind::RefusalNotice => "告知农户结果和原因",
            ClockKind::ResponsibleAssigned => "明确帮扶责任人",
            ClockKind::AssistanceStarted => "开始落实帮扶措施",
            ClockKind::MonitoringVisit => "监测回访",
            ClockKind::EliminationReview => "风险消除核查",
            ClockKind::PlanReview => "帮扶措施村级评议",
            ClockKind::PlanNotice => "帮扶措施公示期",
            ClockKind::ReliefReview => "临时救助转低保评估",
            ClockKind::AlertFeedback => "预警结果反馈部门",
            ClockKind::CampaignVisit => "集中排查走访",
        }
    }
}

/// The administrative level that owns a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Village,
    Township,
    County,
    /// A line department (民政, 医保, 人社...).
    Department,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Village,
        Level::Township,
        Level::County,
        Level::Department,
    ];

    /// Stable code, identical to the serde representation.
    pub fn code(self) -> &'static str {
        match self {
            Level::Village => "village",
            Level::Township => "township",
            Level::County => "county",
            Level::Department => "department",
        }
    }

    /// Parses a [`Level::code`].
    pub fn from_code(code: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Level::Village => "村级",
            Level::Township => "乡镇",
            Level::County => "县级",
            Level::Department => "行业部门",
        }
    }
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ClockState {
    Running,
    /// Stopped (e.g. waiting for the household); the working days that were
    /// left at the pause, negative (at least -1) when it was already overdue.
    Paused {
        remaining_working_days: i64,
    },
    Met {
        on: NaiveDate,
    },
    Cancelled {
        on: NaiveDate,
    },
}

/// Why a clock operation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockError {
    /// Extensions must be requested on or before the due date.
    ExtensionAfterDue,
    /// Only a running clock can be extended.
    NotRunning,
}

impl ClockError {
    /// Stable message key.
    pub fn code(self) -> &'static str {
        match self {
            ClockError::ExtensionAfterDue => "clock.extension_after_due",
            ClockError::NotRunning => "clock.not_running",
        }
    }
}

/// Never shown to people: the workflow turns it into a refusal with its own words.
impl fmt::Display for ClockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::error::Error for ClockError {}

/// One named deadline of a case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Clock {
    pub kind: ClockKind,
    pub owner: Level,
    pub started_on: NaiveDate,
    pub due_on: NaiveDate,
    pub state: ClockState,
    /// Number of approved extensions.
    pub extended: u32,
}

impl Clock {
    /// A running clock started on `started_on`, due after `span`.
    pub fn start(
        kind: ClockKind,
        owner: Level,
        started_on: NaiveDate,
        span: Span,
        cal: &Calendar,
    ) -> Clock {
        Clock {
            kind,
            owner,
            started_on,
            due_on: due_date(started_on, span, cal),
            state: ClockState::Running,
            extended: 0,
        }
    }

    /// Running or paused.
    pub fn is_open(&self) -> bool {
        match self.state {
            ClockState::Running | ClockState::Paused { .. } => true,
            ClockState::Met { .. } | ClockState::Cancelled { .. } => false,
        }
    }

    /// Stops the clock on `on`, remembering the working days left
    /// (`working_days_between(on, due_on)`, negative when overdue).
    /// A clock paused after its due date is stored as at least one working day
    /// overdue, even when no working day has gone by since (paused on the
    /// weekend after a Friday deadline), so that it never reads as due again.
    /// Does nothing unless the clock is running.
    pub fn pause(&mut self, on: NaiveDate, cal: &Calendar) {
        match self.state {
            ClockState::Running => {
                let left = cal.working_days_between(on, self.due_on);
                self.state = ClockState::Paused {
                    remaining_working_days: if on > self.due_on { left.min(-1) } else { left },
                };
            }
            ClockState::Paused { .. } | ClockState::Met { .. } | ClockState::Cancelled { .. } => {}
        }
    }

    /// Restarts a paused clock on `on` with the working days it had left, so
    /// the due date moves later by the working days spent paused. A pause never
    /// resets the clock and never makes it due earlier:
    ///
    /// - `n > 0` days left: due on the `n`-th working day after `on`;
    /// - none left (paused on its due day): due on the next working day on or
    ///   after `on`;
    /// - `k` days overdue: stays `k` working days overdue as of `on`.
    ///
    /// A calendar-day deadline is thereby converted to working days while
    /// paused, but the new due date is never before the old one.
    /// Does nothing unless the clock is paused.
    pub fn resume(&mut self, on: NaiveDate, cal: &Calendar) {
        match self.state {
            ClockState::Paused {
                remaining_working_days,
            } => {
                let moved = match u32::try_from(remaining_working_days) {
                    Ok(0) => cal.next_working_day_on_or_after(on),
                    Ok(left) => cal.add_working_days(on, left),
                    Err(_) if remaining_working_days > 0 => NaiveDate::MAX,
                    Err(_) => {
                        let overdue = u32::try_from(remaining_working_days.unsigned_abs())
                            .unwrap_or(u32::MAX);
                        let last_working = cal.previous_working_day_on_or_before(on);
                        cal.subtract_working_days(last_working, overdue)
                    }
                };
                self.due_on = self.due_on.max(moved);
                self.state = ClockState::Running;
            }
            ClockState::Running | ClockState::Met { .. } | ClockState::Cancelled { .. } => {}
        }
    }

    /// Marks the step done on `on`. Does nothing unless the clock is open.
    ///
    /// A clock met while paused with time left counts as met on time (its time
    /// was not running), so its due date is moved to `on` if needed; one paused
    /// while already overdue stays late.
    pub fn meet(&mut self, on: NaiveDate) {
        match self.state {
            ClockState::Running => self.state = ClockState::Met { on },
            ClockState::Paused {
                remaining_working_days,
            } => {
                if remaining_working_days >= 0 {
                    self.due_on = self.due_on.max(on);
                }
                self.state = ClockState::Met { on };
            }
            ClockState::Met { .. } | ClockState::Cancelled { .. } => {}
        }
    }

    /// Stops the clock for good (the step no longer applies). Does nothing
    /// unless the clock is open.
    pub fn cancel(&mut self, on: NaiveDate) {
        if self.is_open() {
            self.state = ClockState::Cancelled { on };
        }
    }

    /// Passes the clock to another level. The due date does not change: a
    /// hand-off never resets a clock.
    pub fn hand_over(&mut self, new_owner: Level) {
        self.owner = new_owner;
    }

    /// Grants an extension of `extra`, counted from the current due date.
    ///
    /// Refused when the clock is not running ([`ClockError::NotRunning`]) or
    /// when requested after the due date ([`ClockError::ExtensionAfterDue`]);
    /// a request on the due date itself is accepted.
    pub fn extend(
        &mut self,
        extra: Span,
        requested_on: NaiveDate,
        cal: &Calendar,
    ) -> Result<(), ClockError> {
        match self.state {
            ClockState::Running => {}
            ClockState::Paused { .. } | ClockState::Met { .. } | ClockState::Cancelled { .. } => {
                return Err(ClockError::NotRunning);
            }
        }
        if requested_on > self.due_on {
            return Err(ClockError::ExtensionAfterDue);
        }
        self.due_on = self.due_on.max(due_date(self.due_on, extra, cal));
        self.extended = self.extended.saturating_add(1);
        Ok(())
    }
}

/// How pressing a clock is on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum Urgency {
    OnTime,
    DueSoon,
    Overdue,
    Met,
    MetLate,
    Cancelled,
}

impl Urgency {
    /// Stable code, identical to the serde representation.
    pub fn code(self) -> &'static str {
        match self {
            Urgency::OnTime => "on_time",
            Urgency::DueSoon => "due_soon",
            Urgency::Overdue => "overdue",
            Urgency::Met => "met",
            Urgency::MetLate => "met_late",
            Urgency::Cancelled => "cancelled",
        }
    }
}

/// The longest extension one request may ask for, in working days (the form's own limit;
/// a longer one is refused, not cut down).
pub const MAX_EXTENSION_WORKING_DAYS: u32 = 30;

/// Urgency of `clock` on `today`.
///
/// Open clocks: overdue when `today` is after the due date; due soon when at
/// most `due_soon_working_days` working days are left (so a clock due today is
/// always due soon; the default policy is
/// [`DEFAULT_DUE_SOON_WORKING_DAYS`] = 1, i.e. due today or on the next
/// working day); on time otherwise. A paused clock is judged on the working
/// days it had left when paused, since its time is not running.
/// Closed clocks: met (late when met after the due date) or cancelled.
/// A minimum ([`ClockKind::is_minimum`]) is on time while open and met when closed.
pub fn urgency(
    clock: &Clock,
    today: NaiveDate,
    cal: &Calendar,
    due_soon_working_days: u32,
) -> Urgency {
    urgency_of(
        clock.kind,
        clock.due_on,
        clock.state,
        today,
        cal,
        due_soon_working_days,
    )
}

/// [`urgency`] from the three things it depends on: what the sweep reads from a clock row
/// without opening the case.
pub fn urgency_of(
    kind: ClockKind,
    due_on: NaiveDate,
    state: ClockState,
    today: NaiveDate,
    cal: &Calendar,
    due_soon_working_days: u32,
) -> Urgency {
    if kind.is_minimum() {
        return match state {
            ClockState::Running | ClockState::Paused { .. } => Urgency::OnTime,
            ClockState::Met { .. } => Urgency::Met,
            ClockState::Cancelled { .. } => Urgency::Cancelled,
        };
    }
    let from_left = |left: i64| {
        if left <= i64::from(due_soon_working_days) {
            Urgency::DueSoon
        } else {
            Urgency::OnTime
        }
    };
    match state {
        ClockState::Running => {
            if today > due_on {
                Urgency::Overdue
            } else {
                from_left(cal.working_days_between(today, due_on))
            }
        }
        ClockState::Paused {
            remaining_working_days,
        } => {
            if remaining_working_days < 0 {
                Urgency::Overdue
            } else {
                from_left(remaining_working_days)
            }
        }
        ClockState::Met { on } => {
            if on > due_on {
                Urgency::MetLate
            } else {
                Urgency::Met
            }
        }
        ClockState::Cancelled { .. } => Urgency::Cancelled,
    }
}

mod notice;
mod thresholds;
mod time_left;
pub use notice::NoticeKind;
pub use thresholds::{urgency_by_thresholds, QueueUrgencyKey, UrgencyThresholds};
pub use time_left::{time_left_en, time_left_zh, TimeLeft};

#[cfg(test)]
mod tests;
