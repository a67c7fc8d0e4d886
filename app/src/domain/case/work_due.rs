//! The date a level's 待办 is ordered by, and the deadline its rows show: the nearest deadline
//! that binds the level, its own or one set above it (the county's 15-day limit binds the
//! township's review). A township's row listed for 更新措施进度 was ordered and coloured red by
//! the village's overdue visit while its own step was not due (tester).

use chrono::NaiveDate;

use super::state::Case;
use super::work::{WorkOwners, WORK_OPENS_DAYS_BEFORE};
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

/// The deadline a 待办 row of `level` shows, and whether it binds the level. A row with none
/// shows the case's nearest, which is someone else's: named, not coloured.
pub fn todo_deadline(case: &Case, level: Level) -> Option<(&Clock, bool)> {
    match binding_deadline(case, level) {
        Some(own) => Some((own, true)),
        None => case.next_deadline().map(|nearest| (nearest, false)),
    }
}

/// Each level's order key: the nearest deadline that binds it; else the day its work that
/// waits for a date falls due (a measure's start or end: a week after the work opens); else
/// the case's nearest deadline. `None` when the case has no open clock.
pub fn todo_due(case: &Case, work: &WorkOwners) -> TodoDue {
    let Some(nearest) = case.next_deadline().map(|c| c.due_on) else {
        return TodoDue::default();
    };
    let due = |level, opens: Option<NaiveDate>| {
        let dated = opens.map(|day| day + chrono::Duration::days(WORK_OPENS_DAYS_BEFORE));
        Some(
            binding_deadline(case, level)
                .map(|c| c.due_on)
                .or(dated)
                .unwrap_or(nearest),
        )
    };
    let township_opens = [work.township_officer_from, work.township_head_from]
        .into_iter()
        .flatten()
        .min();
    TodoDue {
        village: due(Level::Village, work.village_cadre_from),
        township: due(Level::Township, township_opens),
        county: due(Level::County, None),
    }
}
