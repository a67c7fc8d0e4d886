//! Working-day calendar: weekends, public holidays and makeup workdays (调休上班).
//!
//! Pure code: no clock, no I/O. Every date is passed in.
//!
//! Rules, in order of precedence, for [`Calendar::is_working_day`]:
//! 1. a listed holiday is a day off, even on a weekday;
//! 2. a listed makeup workday is a working day, even on a weekend;
//! 3. otherwise Monday to Friday are working days.
//!
//! Listed dates always apply. The set of *known years* only records for which
//! years the schedule is complete; for any other year the calendar has (normally)
//! no entries and therefore counts Monday to Friday, and the UI should say so
//! (see [`Calendar::is_known_year`]).

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound::{Excluded, Included};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::holidays_cn::{CN_HOLIDAYS, CN_KNOWN_YEARS, CN_MAKEUP_WORKDAYS};

/// A holiday calendar used to count working days.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    holidays: BTreeMap<NaiveDate, String>,
    makeup_workdays: BTreeSet<NaiveDate>,
    known_years: BTreeSet<i32>,
}

impl Calendar {
    /// Builds a calendar from explicit data, e.g. an admin-edited calendar
    /// loaded from the database.
    ///
    /// `holidays` maps a day off to its Chinese name; `makeup` lists weekend
    /// days that are working days; `known_years` lists the years whose schedule
    /// is complete. Should a date appear both as holiday and as makeup workday,
    /// the holiday wins.
    pub fn new(
        holidays: impl IntoIterator<Item = (NaiveDate, String)>,
        makeup: impl IntoIterator<Item = NaiveDate>,
        known_years: impl IntoIterator<Item = i32>,
    ) -> Calendar {
        Calendar {
            holidays: holidays.into_iter().collect(),
            makeup_workdays: makeup.into_iter().collect(),
            known_years: known_years.into_iter().collect(),
        }
    }

    /// A calendar without holidays: Monday to Friday, every year unknown.
    pub fn weekdays_only() -> Calendar {
        Calendar::default()
    }

    /// The official mainland China schedule shipped in
    /// [`super::holidays_cn`] (2025 and 2026).
    pub fn china() -> Calendar {
        // The tables are checked by a unit test: every row parses.
        Calendar::new(
            CN_HOLIDAYS.iter().filter_map(|(date, name)| {
                date.parse::<NaiveDate>()
                    .ok()
                    .map(|date| (date, (*name).to_owned()))
            }),
            CN_MAKEUP_WORKDAYS
                .iter()
                .filter_map(|date| date.parse::<NaiveDate>().ok()),
            CN_KNOWN_YEARS.iter().copied(),
        )
    }

    /// Whether the schedule of `year` is known. When it is not, working days
    /// are counted Monday to Friday ("calendar unknown for this year").
    pub fn is_known_year(&self, year: i32) -> bool {
        self.known_years.contains(&year)
    }

    /// Whether `date` is a working day (see the module docs for the rules).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.holidays.contains_key(&date) {
            false
        } else if self.makeup_workdays.contains(&date) {
            true
        } else {
            is_weekday(date)
        }
    }

    /// The Chinese name of the holiday on `date`, if it is one.
    pub fn holiday_name(&self, date: NaiveDate) -> Option<&str> {
        self.holidays.get(&date).map(String::as_str)
    }

    /// Whether `date` is a listed makeup workday (调休上班).
    pub fn is_makeup_workday(&self, date: NaiveDate) -> bool {
        self.makeup_workdays.contains(&date)
    }

    /// Listed holidays in date order, for display and persistence.
    pub fn holidays(&self) -> impl Iterator<Item = (NaiveDate, &str)> + '_ {
        self.holidays
            .iter()
            .map(|(date, name)| (*date, name.as_str()))
    }

    /// How many listed holidays fall in `year`.
    pub fn holidays_in(&self, year: i32) -> usize {
        self.holidays.keys().filter(|d| d.year() == year).count()
    }

    /// Listed makeup workdays in date order.
    pub fn makeup_workdays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.makeup_workdays.iter().copied()
    }

    /// Known years in ascending order.
    pub fn known_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.known_years.iter().copied()
    }

    /// `date` itself when it is a working day, otherwise the first working day
    /// after it. Saturates at [`NaiveDate::MAX`].
    pub fn next_working_day_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let mut current = date;
        while !self.is_working_day(current) {
            match current.succ_opt() {
                Some(next) => current = next,
                None => return NaiveDate::MAX,
            }
        }
        current
    }

    /// `date` itself when it is a working day, otherwise the last working day
    /// before it. Saturates at [`NaiveDate::MIN`].
    pub fn previous_working_day_on_or_before(&self, date: NaiveDate) -> NaiveDate {
        let mut current = date;
        while !self.is_working_day(current) {
            match current.pred_opt() {
                Some(previous) => current = previous,
                None => return NaiveDate::MIN,
            }
        }
        current
    }

    /// The `n`-th working day strictly after `start`.
    ///
    /// `n == 0` is the degenerate case: it returns `start` when `start` is a
    /// working day, otherwise the next working day (same as
    /// [`Calendar::next_working_day_on_or_after`]), so the result is always a
    /// working day. Hence `working_days_between(start, add_working_days(start, n)) == n`
    /// holds for every `n >= 1`, and for `n == 0` only when `start` is a working day;
    /// likewise the result strictly increases with `n` from `n = 1` on, while
    /// `n = 0` and `n = 1` give the same day when `start` is not a working day.
    ///
    /// Saturates at [`NaiveDate::MAX`] (far beyond any real deadline).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return self.next_working_day_on_or_after(start);
        }
        // Jump `remaining` calendar days at a time: such a span holds at most
        // `remaining` working days, and exactly that many only when every day in
        // it is a working day, in which case its last day is the answer.
        let mut current = start;
        let mut remaining = i64::from(n);
        loop {
            let Some(next) = current.checked_add_days(Days::new(remaining.unsigned_abs())) else {
                return NaiveDate::MAX;
            };
            remaining -= self.count_in(current, next);
            current = next;
            if remaining == 0 {
                return current;
            }
        }
    }

    /// The `n`-th working day strictly before `start`; `n == 0` returns `start`
    /// when it is a working day, otherwise the previous working day.
    /// Saturates at [`NaiveDate::MIN`].
    pub fn subtract_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        if n == 0 {
            return self.previous_working_day_on_or_before(start);
        }
        let mut current = start;
        let mut remaining = i64::from(n);
        loop {
            let Some(previous) = current.checked_sub_days(Days::new(remaining.unsigned_abs()))
            else {
                return NaiveDate::MIN;
            };
            // Working days in [previous, current) = those in (previous - 1, current - 1].
            let counted = self.count_in(previous, current)
                - i64::from(self.is_working_day(current))
                + i64::from(self.is_working_day(previous));
            remaining -= counted;
            current = previous;
            if remaining == 0 {
                return current;
            }
        }
    }

    /// Number of working days in `(from, to]`; negative (minus the count in
    /// `(to, from]`) when `to < from`.
    ///
    /// With `today` and `due`: `working_days_between(today, due)` is the number of
    /// working days left ("还剩3个工作日") and `working_days_between(due, today)`
    /// the number of working days overdue ("逾期2个工作日").
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            -self.count_in(to, from)
        } else {
            self.count_in(from, to)
        }
    }

    /// Working days in `(from, to]`, for `from <= to`, without iterating
    /// over every day.
    fn count_in(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let days = to.signed_duration_since(from).num_days();
        let first_weekday = i64::from(from.weekday().num_days_from_monday());
        let mut count = days / 7 * 5;
        for offset in 1..=days % 7 {
            if (first_weekday + offset) % 7 < 5 {
                count += 1;
            }
        }
        let span = (Excluded(from), Included(to));
        let holidays_on_weekdays = self
            .holidays
            .range(span)
            .filter(|(date, _)| is_weekday(**date))
            .count();
        let makeup_on_weekends = self
            .makeup_workdays
            .range(span)
            .filter(|date| !is_weekday(**date) && !self.holidays.contains_key(*date))
            .count();
        count - to_i64(holidays_on_weekdays) + to_i64(makeup_on_weekends)
    }
}

fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn to_i64(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests;
