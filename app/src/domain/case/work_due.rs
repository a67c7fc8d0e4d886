//! The date a level's 待办 is ordered by, and the deadline its rows show: the nearest deadline
//! that binds the level, its own or one set above it (the county's 15-day limit binds the
//! township's review). A township's row listed for 更新措施进度 was ordered and coloured red by
//! the village's overdue visit while its own step was not due (tester).

use chrono::NaiveDate;

use super::state::Case;
use super::work::{measure_update_day, WorkOwners, WORK_OPENS_DAYS_BEFORE};
use crate::domain::clock::{Clock, Level};

/// The 待办 order key of each level that has a 待办 of its own (a department's follows the
/// case's nearest deadline, as 全部 does).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TodoDue {
    pub village: Option<NaiveDate>,
    pub township: Option<NaiveDate>,
    pub county: Option<NaiveDate>,
}

/// Whether a deadline owned at `owner` binds `reader`: its own, or set above it. A level
/// below or a department is supervised, not bound.
fn binds(owner: Level, reader: Level) -> bool {
    let rank = |level| match level {
        Level::Village => Some(0),
        Level::Township => Some(1),
        Level::County => Some(2),
        Level::Department => None,
    };
    owner == reader || matches!((rank(owner), rank(reader)), (Some(o), Some(r)) if o > r)
}

/// The nearest open deadline that binds `level`, in the order of [`Case::next_deadline`].
pub fn binding_deadline(case: &Case, level: Level) -> Option<&Clock> {
    case.open_clocks()
        .filter(|c| binds(c.owner, level))
        .min_by_key(|c| (c.kind.is_minimum(), c.due_on))
}

/// What a 待办 row of a level is dated by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TodoDeadline<'a> {
    /// A deadline that binds the level: shown and coloured.
    Binding(&'a Clock),
    /// No deadline binds it, but its work waits for a date (a measure's start or end): the
    /// row shows that day (a township row ordered first by a measure's start, two weeks
    /// past, showed only the village's visit: officer tester).
    Dated(NaiveDate),
    /// Neither: the case's nearest deadline, someone else's, named and not coloured.
    Other(&'a Clock),
}

impl TodoDeadline<'_> {
    pub fn day(&self) -> NaiveDate {
        match self {
            TodoDeadline::Binding(clock) | TodoDeadline::Other(clock) => clock.due_on,
            TodoDeadline::Dated(day) => *day,
        }
    }
}

/// The day a level's dated work falls due: a week after it opens in the 待办.
fn dated_work(level: Level, work: &WorkOwners) -> Option<NaiveDate> {
    let opens = match level {
        Level::Village => work.village_cadre_from,
        Level::Township => [work.township_officer_from, work.township_head_from]
            .into_iter()
            .flatten()
            .min(),
        Level::County | Level::Department => None,
    };
    opens.map(|day| day + chrono::Duration::days(WORK_OPENS_DAYS_BEFORE))
}

/// What a 待办 row of `level` is ordered and dated by; `None` when no clock is open.
pub fn todo_deadline<'a>(
    case: &'a Case,
    level: Level,
    work: &WorkOwners,
) -> Option<TodoDeadline<'a>> {
    let nearest = case.next_deadline()?;
    Some(
        match (binding_deadline(case, level), dated_work(level, work)) {
            (Some(binding), _) => TodoDeadline::Binding(binding),
            (None, Some(day)) => TodoDeadline::Dated(day),
            (None, None) => TodoDeadline::Other(nearest),
        },
    )
}

/// What a line department's 待办 row is dated by: a deadline it owns, else the first update
/// due of its own department's measures, else the case's nearest deadline (someone else's).
/// A liaison's rows read "还剩21个工作日 · 开始落实帮扶措施（县级）" while its own measure's
/// start had passed (officer tester). Read per row: one case's departments differ.
pub fn department_deadline<'a>(
    case: &'a Case,
    department: Option<&str>,
) -> Option<TodoDeadline<'a>> {
    let nearest = case.next_deadline()?;
    let own = case
        .measures
        .iter()
        .filter(|m| Some(m.lead_department.as_str()) == department)
        .filter_map(|m| measure_update_day(case, m))
        .min();
    Some(match (binding_deadline(case, Level::Department), own) {
        (Some(binding), _) => TodoDeadline::Binding(binding),
        (None, Some(day)) => TodoDeadline::Dated(day),
        (None, None) => TodoDeadline::Other(nearest),
    })
}

/// [`todo_deadline`] read back from a row's stored order key ([`todo_due`]), so the queue
/// need not derive every role's work again for each row it shows. A dated day that falls on
/// the nearest deadline's day reads as that deadline (the same day either way).
pub fn todo_deadline_by_key(case: &Case, level: Level, key: NaiveDate) -> Option<TodoDeadline<'_>> {
    let nearest = case.next_deadline()?;
    Some(match binding_deadline(case, level) {
        Some(binding) => TodoDeadline::Binding(binding),
        None if key != nearest.due_on => TodoDeadline::Dated(key),
        None => TodoDeadline::Other(nearest),
    })
}

/// Each level's order key: the day of its [`todo_deadline`]. `None` when the case has no
/// open clock.
pub fn todo_due(case: &Case, work: &WorkOwners) -> TodoDue {
    let due = |level| todo_deadline(case, level, work).map(|d| d.day());
    TodoDue {
        village: due(Level::Village),
        township: due(Level::Township),
        county: due(Level::County),
    }
}
