//! The county administrator's policy form: shown from the policy in force, parsed back into a
//! policy. Raw strings in, one problem per bad field out.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Policy, PolicyRules};
use crate::domain::{
    clock::Span,
    message::{user_messages, Message},
    money::Fen,
    report::FieldProblem,
};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PolicyForm {
    pub effective_from: String,
    pub income_line: String,
    pub township_acceptance_days: String,
    pub home_check_days: String,
    pub identification_days: String,
    pub notice_min_days: String,
    pub due_soon_days: String,
    pub green_channel: String,
    /// Working days to tell a refused household why.
    pub refusal_notice_days: String,
    /// Days to name the responsible person after identification.
    pub responsible_days: String,
    /// Months to get the first measure under way.
    pub assistance_months: String,
    /// Visit cadence by tier: red in days, yellow and blue in months.
    pub visit_red_days: String,
    pub visit_yellow_months: String,
    pub visit_blue_months: String,
    /// Days from an elimination proposal to the county's decision.
    pub elimination_review_days: String,
    /// Months between re-checks of eliminated households.
    pub recheck_months: String,
    /// Hebei: township review may run while the village notice is up.
    pub notice_parallel_township: String,
    /// Hebei: the county may skip the data comparison when the notice drew no objection.
    pub comparison_skippable: String,
    /// 预警标准 for 突发严重困难户 (yuan per person a year, after rigid spending); blank keeps.
    pub rigid_spending_warning: String,
    /// 收入大幅缩减: fall in percent (1–100); blank keeps.
    pub sharp_fall_percent: String,
    /// Months monitored before elimination may be proposed (0–24); blank keeps.
    pub elimination_min_months: String,
    /// Visits since identification before elimination may be proposed (0–12); blank keeps.
    pub elimination_min_visits: String,
    /// Civil-code period rule: "on" or "off"; blank keeps (a select, not a checkbox, so a
    /// form without it never turns the default off).
    pub period_rule: String,
    /// Days sent messages keep recipient and text (7–180); blank keeps.
    pub retention_delivered_days: String,
    /// Days a refused filing keeps its personal data (185–1095); blank keeps.
    pub retention_refused_days: String,
}

/// Why a policy or calendar field was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyFieldError {
    EffectiveFrom,
    /// Before today: days gone by keep the policy they were counted under.
    EffectivePast,
    /// Fewer than the five statutory days of public notice.
    NoticeMin,
    IncomeLine,
    Days,
    Date,
    DayKind,
    /// A make-up working day (调休上班) on a weekday, which is a working day already: an
    /// ordinary Monday went in without a word (officer tester).
    WorkdayOnWeekday,
    /// A day outside the years a schedule can be for (1900 and 2300 went in: admin tester).
    DayYear,
    /// A holiday's name longer than any festival's (500 characters went in: admin tester).
    DayName,
    /// A year marked entered with fewer holidays than festivals: one 元旦 marked 2027 whole,
    /// and its Spring Festival counted as working days (admin tester).
    YearIncomplete,
    /// Letters where a whole number goes: "abc" was told not to be negative or too large
    /// (officer tester).
    NotNumber,
    /// A version changing nothing from the rules shown: saved, it fixed them for its day and
    /// undid a change saved later for an earlier day (officer tester).
    NoChange,
}

user_messages!(PolicyFieldError {
    EffectiveFrom => policy.effective_from;
    EffectivePast => policy.effective_past;
    NoticeMin => policy.notice_min;
    IncomeLine => policy.income_line;
    Days => policy.days;
    NotNumber => policy.not_number;
    Date => policy.date;
    DayKind => policy.day_kind;
    WorkdayOnWeekday => policy.workday_on_weekday;
    DayYear => policy.day_year;
    DayName => policy.day_name;
    YearIncomplete => policy.year_incomplete;
    NoChange => policy.no_change;
});

/// The festivals the State Council schedules each year (元旦, 春节, 清明节, 劳动节, 端午节,
/// 中秋节, 国庆节): a year is entered whole only with at least one day off for each.
pub const FESTIVALS_PER_YEAR: usize = 7;
/// The years a schedule can be entered for.
const SCHEDULE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2099;
/// The longest holiday name kept (国庆节、中秋节 is 7).
const DAY_NAME_CHARS: usize = 20;

/// Whether a year with `days_off` listed holidays may stand as entered whole.
pub fn year_may_be_whole(days_off: usize) -> bool {
    days_off >= FESTIVALS_PER_YEAR
}

/// The year an administrator marks entered whole (`complete`), or withdraws; marking needs a
/// day off for each festival, `days_off` (of that year) being those listed.
pub fn parse_year_mark(
    year: &str,
    complete: bool,
    days_off: impl FnOnce(i32) -> usize,
) -> Result<i32, Vec<FieldProblem>> {
    let mut p = Problems::default();
    match year.trim().parse::<i32>() {
        Ok(y) if SCHEDULE_YEARS.contains(&y) => {
            if complete && !year_may_be_whole(days_off(y)) {
                p.note("year", PolicyFieldError::YearIncomplete);
                return Err(p.0);
            }
            Ok(y)
        }
        _ => {
            p.note("year", PolicyFieldError::DayYear);
            Err(p.0)
        }
    }
}

/// An HTML checkbox's posted value: "on" when ticked, empty otherwise.
pub fn checkbox(ticked: bool) -> String {
    if ticked {
        "on".into()
    } else {
        String::new()
    }
}

fn span_days(s: Span) -> String {
    match s {
        Span::WorkingDays(n) | Span::CalendarDays(n) => n.to_string(),
        Span::Months(n) => (n * 30).to_string(),
    }
}

fn span_months(s: Span) -> String {
    match s {
        Span::Months(n) => n.to_string(),
        Span::WorkingDays(n) | Span::CalendarDays(n) => n.div_ceil(30).to_string(),
    }
}

impl PolicyForm {
    /// The form filled from the policy in force, to take effect from `today`.
    pub fn of(p: &Policy, today: NaiveDate) -> PolicyForm {
        PolicyForm {
            effective_from: today.to_string(),
            income_line: p.income_line.plain_yuan(),
            township_acceptance_days: span_days(p.township_acceptance),
            home_check_days: span_days(p.home_check),
            identification_days: span_days(p.identification_overall),
            notice_min_days: span_days(p.notice_min),
            due_soon_days: p.due_soon_working_days.to_string(),
            refusal_notice_days: span_days(p.refusal_notice),
            responsible_days: span_days(p.responsible_assigned),
            assistance_months: span_months(p.assistance_started),
            visit_red_days: span_days(p.visit_red),
            visit_yellow_months: span_months(p.visit_yellow),
            visit_blue_months: span_months(p.visit_blue),
            elimination_review_days: span_days(p.elimination_review),
            recheck_months: span_months(p.recheck_eliminated),
            green_channel: checkbox(p.green_channel_open),
            notice_parallel_township: checkbox(p.notice_parallel_township),
            comparison_skippable: checkbox(p.comparison_skippable),
            rigid_spending_warning: p.rules.rigid_spending_warning.plain_yuan(),
            sharp_fall_percent: p.rules.sharp_income_fall_percent.to_string(),
            elimination_min_months: span_months(p.rules.elimination_min_monitoring),
            elimination_min_visits: p.rules.elimination_min_visits.to_string(),
            period_rule: if p.rules.calendar_deadlines_end_on_working_day {
                "on".into()
            } else {
                "off".into()
            },
            retention_delivered_days: p.retention.delivered_payload_days.to_string(),
            retention_refused_days: p.retention.refused_filing_days.to_string(),
        }
    }

    /// The new policy and the date it takes effect. Blank optional fields keep `current`.
    pub fn parse(&self, current: &Policy) -> Result<(NaiveDate, Policy), Vec<FieldProblem>> {
        let mut p = Problems::default();
        let effective = crate::domain::time::parse_iso_date(self.effective_from.trim());
        if effective.is_none() {
            p.note("effective_from", PolicyFieldError::EffectiveFrom);
        }
        let income_line = Fen::parse_yuan(&self.income_line)
            .ok()
            .filter(|f| f.fen() > 0);
        if income_line.is_none() {
            p.note("income_line", PolicyFieldError::IncomeLine);
        }
        let policy = Policy {
            income_line: income_line.unwrap_or(current.income_line),
            township_acceptance: Span::WorkingDays(p.days(
                &self.township_acceptance_days,
                "township_acceptance_days",
                30,
            )),
            home_check: Span::WorkingDays(p.days(&self.home_check_days, "home_check_days", 30)),
            identification_overall: Span::CalendarDays(p.days(
                &self.identification_days,
                "identification_days",
                90,
            )),
            // The village notice runs at least five days (statutory minimum): fewer is refused,
            // not quietly raised (officer tester: 4 was saved as 5 unsaid).
            notice_min: Span::CalendarDays(p.notice_min(&self.notice_min_days)),
            green_channel_open: !self.green_channel.trim().is_empty(),
            notice_parallel_township: !self.notice_parallel_township.trim().is_empty(),
            comparison_skippable: !self.comparison_skippable.trim().is_empty(),
            // Not on the form: kept from the policy in force.
            filings_per_mobile_per_day: current.filings_per_mobile_per_day,
            filings_per_address_per_day: current.filings_per_address_per_day,
            rules: self.parse_rules(&current.rules, &mut p),
            due_soon_working_days: p.days(&self.due_soon_days, "due_soon_days", 10),
            refusal_notice: p.optional(
                &self.refusal_notice_days,
                "refusal_notice_days",
                30,
                current.refusal_notice,
                Span::WorkingDays,
            ),
            responsible_assigned: p.optional(
                &self.responsible_days,
                "responsible_days",
                30,
                current.responsible_assigned,
                Span::CalendarDays,
            ),
            assistance_started: p.optional(
                &self.assistance_months,
                "assistance_months",
                12,
                current.assistance_started,
                Span::Months,
            ),
            visit_red: p.optional(
                &self.visit_red_days,
                "visit_red_days",
                90,
                current.visit_red,
                Span::CalendarDays,
            ),
            visit_yellow: p.optional(
                &self.visit_yellow_months,
                "visit_yellow_months",
                12,
                current.visit_yellow,
                Span::Months,
            ),
            visit_blue: p.optional(
                &self.visit_blue_months,
                "visit_blue_months",
                12,
                current.visit_blue,
                Span::Months,
            ),
            elimination_review: p.optional(
                &self.elimination_review_days,
                "elimination_review_days",
                90,
                current.elimination_review,
                Span::CalendarDays,
            ),
            recheck_eliminated: p.optional(
                &self.recheck_months,
                "recheck_months",
                12,
                current.recheck_eliminated,
                Span::Months,
            ),
            retention: current
                .retention
                .parse(&self.retention_delivered_days, &self.retention_refused_days)
                .unwrap_or_else(|problems| {
                    p.0.extend(problems);
                    current.retention
                }),
            ..current.clone()
        };
        match effective {
            Some(on) if p.0.is_empty() => Ok((on, policy)),
            _ => Err(p.0),
        }
    }
}

/// What kind of day the administrator enters in the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// 放假.
    Holiday,
    /// 调休上班: a weekend day worked.
    Workday,
}

impl DayKind {
    /// Stable code, as stored.
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }

    pub fn from_code(code: &str) -> Option<DayKind> {
        [DayKind::Holiday, DayKind::Workday]
            .into_iter()
            .find(|k| k.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            DayKind::Holiday => "放假",
            DayKind::Workday => "调休上班",
        }
    }
}

/// One calendar day as entered: the date, its kind and its name (a default when blank).
pub fn parse_day(
    day: &str,
    kind: &str,
    name: &str,
) -> Result<(NaiveDate, DayKind, String), Vec<FieldProblem>> {
    let mut p = Problems::default();
    let date = crate::domain::time::parse_iso_date(day.trim());
    match date {
        None => p.note("day", PolicyFieldError::Date),
        Some(d) if !SCHEDULE_YEARS.contains(&chrono::Datelike::year(&d)) => {
            p.note("day", PolicyFieldError::DayYear)
        }
        Some(_) => {}
    }
    // Invisible characters are dropped, as from every typed name.
    let name = crate::domain::visible_text::visible(name, false);
    if name.chars().count() > DAY_NAME_CHARS {
        p.note("name", PolicyFieldError::DayName);
    }
    let kind = DayKind::from_code(kind);
    if kind.is_none() {
        p.note("kind", PolicyFieldError::DayKind);
    }
    match (date, kind) {
        (Some(date), Some(DayKind::Workday))
            if !matches!(
                chrono::Datelike::weekday(&date),
                chrono::Weekday::Sat | chrono::Weekday::Sun
            ) =>
        {
            p.note("day", PolicyFieldError::WorkdayOnWeekday);
            Err(p.0)
        }
        (Some(date), Some(kind)) if p.0.is_empty() => {
            let name = match name.as_str() {
                "" if kind == DayKind::Holiday => "节假日",
                "" => "调休上班",
                typed => typed,
            };
            Ok((date, kind, name.to_owned()))
        }
        _ => Err(p.0),
    }
}

impl PolicyForm {
    /// The engine rules of issue 10; each blank field keeps the rule in force.
    fn parse_rules(&self, current: &PolicyRules, p: &mut Problems) -> PolicyRules {
        let warning = match self.rigid_spending_warning.trim() {
            "" => current.rigid_spending_warning,
            raw => match Fen::parse_yuan(raw).ok().filter(|f| f.fen() > 0) {
                Some(fen) => fen,
                None => {
                    p.note("rigid_spending_warning", PolicyFieldError::IncomeLine);
                    current.rigid_spending_warning
                }
            },
        };
        let sharp = p.count(
            &self.sharp_fall_percent,
            "sharp_fall_percent",
            1..=100,
            current.sharp_income_fall_percent,
        );
        let months = match self.elimination_min_months.trim() {
            "" => current.elimination_min_monitoring,
            raw => Span::Months(p.count(raw, "elimination_min_months", 0..=24, 0)),
        };
        let visits = p.count(
            &self.elimination_min_visits,
            "elimination_min_visits",
            0..=12,
            current.elimination_min_visits,
        );
        let period = match self.period_rule.trim() {
            "" => current.calendar_deadlines_end_on_working_day,
            "on" => true,
            "off" => false,
            _ => {
                p.note("period_rule", PolicyFieldError::Days);
                current.calendar_deadlines_end_on_working_day
            }
        };
        PolicyRules {
            rigid_spending_warning: warning,
            sharp_income_fall_percent: sharp,
            elimination_min_monitoring: months,
            elimination_min_visits: visits,
            calendar_deadlines_end_on_working_day: period,
            ..current.clone()
        }
    }
}

/// Collects one problem per bad field while the rest of the form is still read.
#[derive(Default)]
struct Problems(Vec<FieldProblem>);

/// Why a number field was refused: not a whole number at all, or one out of its range.
fn out_of_range_or_not_number(raw: &str) -> PolicyFieldError {
    if raw.trim().parse::<i64>().is_ok() {
        PolicyFieldError::Days
    } else {
        PolicyFieldError::NotNumber
    }
}

impl Problems {
    fn note(&mut self, field: &'static str, e: PolicyFieldError) {
        self.0.push((field, Message::of(&e)));
    }

    /// A whole number in `range`; blank keeps `current`, a bad one is noted.
    fn count(
        &mut self,
        raw: &str,
        field: &'static str,
        range: std::ops::RangeInclusive<u32>,
        current: u32,
    ) -> u32 {
        match raw.trim() {
            "" => current,
            text => match text.parse::<u32>() {
                Ok(n) if range.contains(&n) => n,
                _ => {
                    self.note(field, out_of_range_or_not_number(text));
                    current
                }
            },
        }
    }

    /// A whole number of days in 1..=max; a bad one is noted and 1 stands in.
    fn notice_min(&mut self, raw: &str) -> u32 {
        match raw.trim().parse::<u32>() {
            Ok(n) if (1..5).contains(&n) => {
                self.note("notice_min_days", PolicyFieldError::NoticeMin);
                5
            }
            _ => self.days(raw, "notice_min_days", 30),
        }
    }

    fn days(&mut self, raw: &str, field: &'static str, max: u32) -> u32 {
        match raw.trim().parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                self.note(field, out_of_range_or_not_number(raw));
                1
            }
        }
    }

    /// An optional number field: blank keeps `current`, otherwise 1..=max wrapped by `span`.
    fn optional(
        &mut self,
        raw: &str,
        field: &'static str,
        max: u32,
        current: Span,
        span: fn(u32) -> Span,
    ) -> Span {
        if raw.trim().is_empty() {
            current
        } else {
            span(self.days(raw, field, max))
        }
    }
}

#[cfg(test)]
#[path = "policy_form_tests.rs"]
mod tests;
