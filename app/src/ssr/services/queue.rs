//! The one queue: every case in the officer's scope with an open clock, soonest due first,
//! marked with the step this officer can take now. Scope is in the query, never the UI.
use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::{Action, Reach},
        case::{
            actor::role_level,
            work,
            work_due::{self, TodoDeadline},
            work_rev, Case, Policy,
        },
        clock::{urgency, Level, TimeLeft, Urgency, UrgencyThresholds},
        id_number::IdNumber,
        lang::Lang,
        queue_query::{QueueQuery, QueueTab},
        region::RegionLevel,
        time::{beijing_date, to_beijing},
        tracking::TrackingNumber,
        vocab::Channel,
        wording::by_lang,
    },
    ssr::{
        db::Db,
        error::ServiceError,
        repo::{
            cases,
            cases::{QueueColumns, RegionColumn},
            queue::{self as queue_rows, OpenFilter, OpenTab, OwnWork, UrgencyBounds, WorkFor},
            regions,
            regions::RegionRow,
        },
        services::auth::Staff,
        state::AppState,
        vault::{Field, Vault},
    },
    wire::queue::{ClosedItem, QueueCounts, QueueItem, QueueView},
};

/// Items on one page of the queue.
const PAGE_SIZE: usize = 50;
/// Closed cases listed under a search's open ones.
const CLOSED_LISTED: i64 = 20;
/// Unread messages counted for the 消息 link; more read as "99+".
const UNREAD_SHOWN: i64 = 100;
/// Rows re-derived per transaction when stored queue columns are refreshed.
const REFRESH_BATCH: i64 = 500;

struct Reader<'a> {
    state: &'a AppState,
    staff: &'a Staff,
    names: Vec<RegionRow>,
    now: DateTime<Utc>,
    lang: Lang,
    /// On a 待办 tab: the reader's level, whose binding deadlines its rows show.
    todo_level: Option<Level>,
}

impl Reader<'_> {
    fn name_of(&self, code: &str) -> String {
        self.names
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.name.clone())
            .unwrap_or_default()
    }

    /// The line for a closed case a search found.
    fn closed_item(&self, row: cases::CaseRow, snapshot: Option<&str>) -> Option<ClosedItem> {
        let case = snapshot.and_then(|s| serde_json::from_str::<Case>(s).ok())?;
        Some(ClosedItem {
            case_id: row.id.clone(),
            tracking: TrackingNumber::shown_back(&row.tracking_number),
            applicant: row.applicant_name.clone(),
            id_masked: IdNumber::parse(&row.applicant_id_number)
                .map(|id| id.masked())
                .unwrap_or_default(),
            village: self.name_of(&row.village_code),
            township: self.name_of(&row.township_code),
            state: by_lang::state(case.state.code(), self.lang).to_owned(),
            submitted_on: self.lang.date(case.discovered_on),
        })
    }

    /// The queue item for a row (filtered in SQL) with an open clock.
    /// `key`: the row's order key (on a 待办 tab, the level's stored `todo_due_*` day).
    fn item(&self, row: cases::CaseRow, snapshot: Option<&str>, key: &str) -> Option<QueueItem> {
        let Some(case) = snapshot.and_then(|s| serde_json::from_str::<Case>(s).ok()) else {
            tracing::error!(case_id = %row.id, "case without a readable snapshot");
            return None;
        };
        let state = self.state;
        let lang = self.lang;
        let (clock, binding, work_date) = match self.todo_level {
            Some(level) => {
                let deadline = match (level, key.parse()) {
                    // A department's rows are dated per row: one case's departments differ.
                    (Level::Department, _) => {
                        work_due::department_deadline(&case, self.staff.department.as_deref())
                    }
                    (_, Ok(day)) => work_due::todo_deadline_by_key(&case, level, day),
                    // A row an older release wrote: derived afresh.
                    (_, Err(_)) => {
                        let work = case.work_owners(&state.policy);
                        work_due::todo_deadline(&case, level, &work)
                    }
                };
                match deadline? {
                    TodoDeadline::Binding(clock) => (clock.clone(), true, false),
                    TodoDeadline::Other(clock) => (clock.clone(), false, false),
                    TodoDeadline::Dated(day) => (dated(day, level), true, true),
                }
            }
            None => (case.next_deadline()?.clone(), true, false),
        };
        let clock = &clock;
        let now = self.now;
        let today = beijing_date(now);
        let cal = &state.calendar;
        let nearest = case.next_deadline()?;
        let limit_lost = crate::domain::wording::progress::identification_certainly_late(
            &case,
            &state.policy,
            cal,
            today,
        );
        // Once passed, the limit is still said: the row named only the step's own lateness
        // while the case page said the 15 days had run out (officer tester).
        let limit_passed = crate::domain::wording::progress::identification_limit_passed(
            &case,
            &state.policy,
            cal,
            today,
        );
        let same = clock.kind == nearest.kind && clock.due_on == nearest.due_on && !work_date;
        let own_level = self.todo_level.is_some() && !same;
        let level = urgency(clock, today, cal, state.policy.due_soon_working_days);
        let actor = self.staff.actor();
        let offered = case.available_commands(&actor, &state.policy, to_beijing(now));
        let day = work::WorkDay {
            today,
            policy: &state.policy,
        };
        let next_step =
            work::next_step(&case, actor.role, offered, day).map(|k| k.label(lang).to_owned());
        Some(QueueItem {
            case_id: row.id.clone(),
            tracking: TrackingNumber::shown_back(&row.tracking_number),
            applicant: row.applicant_name.clone(),
            id_masked: IdNumber::parse(&row.applicant_id_number)
                .map(|id| id.masked())
                .unwrap_or_default(),
            village: self.name_of(&row.village_code),
            township: self.name_of(&row.township_code),
            risk_types: row
                .risk_types
                .0
                .iter()
                .map(|r| r.label(lang).to_owned())
                .collect(),
            channel: Channel::from_code(&row.channel)
                .map(|c| c.label(lang).to_owned())
                .unwrap_or_default(),
            category: case.category.map(|c| c.label(lang).to_owned()),
            state: by_lang::state(case.state.code(), lang).to_owned(),
            next_step,
            deadline_label: if own_level {
                crate::tr::queue::own_deadline(lang)
            } else {
                crate::tr::queue::nearest(lang)
            }
            .to_owned(),
            case_nearest: own_level.then(|| {
                let words = nearest_clock_words(nearest, actor.role, lang);
                format!("{words} {}", lang.date(nearest.due_on))
            }),
            clock: if work_date {
                crate::tr::queue::work_date(lang).to_owned()
            } else {
                nearest_clock_words(clock, actor.role, lang)
            },
            due_on: lang.date(clock.due_on),
            // A measure's own date passed without its progress recorded: late work, not a
            // statutory deadline missed (the row said 逾期 in red while 已逾期 counted none and
            // the case page listed nothing overdue: officer tester).
            time_left: match TimeLeft::of(clock, today, cal) {
                TimeLeft::DaysOverdue { days } if work_date => {
                    crate::tr::queue::update_late(lang, days)
                }
                left => left.words(lang),
            },
            urgency: match level {
                Urgency::Overdue if work_date => Urgency::DueSoon,
                // Someone else's deadline is named on a 待办 row, not coloured as the reader's.
                Urgency::Overdue | Urgency::DueSoon if binding => level,
                Urgency::Overdue | Urgency::DueSoon => Urgency::OnTime,
                // A limit already lost is not on time, whatever days are left (a row tagged
                // 认定将超总时限 was green: officer tester).
                _ if limit_lost || limit_passed => Urgency::DueSoon,
                Urgency::OnTime | Urgency::Met | Urgency::MetLate | Urgency::Cancelled => {
                    Urgency::OnTime
                }
            },
            submitted_on: lang.date(case.discovered_on),
            warnings: by_lang::warnings(&case, lang)
                .into_iter()
                .chain(limit_lost.then(|| crate::tr::warning::result_late(lang)))
                .chain(limit_passed.then(|| crate::tr::warning::result_passed(lang)))
                .map(str::to_owned)
                .collect(),
        })
    }
}

/// The region column of the officer's scope.
pub(super) fn scope_column(staff: &Staff) -> RegionColumn {
    match staff.scope.level() {
        RegionLevel::County => RegionColumn::County,
        RegionLevel::Township => RegionColumn::Township,
        RegionLevel::Village => RegionColumn::Village,
    }
}

/// The cases of the region the officer's role reads (all, its filings, its department's).
pub(super) fn own_work(staff: &Staff) -> OwnWork<'_> {
    match staff.reach(Action::OpenCase) {
        Reach::Region => OwnWork::Region,
        Reach::OwnFilings => OwnWork::FiledBy(&staff.id),
        Reach::OwnAlertsAndDepartmentWork => {
            OwnWork::FiledByOrDepartment(&staff.id, staff.department.as_deref())
        }
        Reach::Never | Reach::NarrowInRegion | Reach::County => OwnWork::Nothing,
    }
}

/// Today (Beijing) and its urgency boundaries, held for the queue's SQL to bind.
pub(super) struct TodayBounds {
    pub(super) date: chrono::NaiveDate,
    pub(super) today: String,
    due_soon_before: String,
    due_soon_working_days: i64,
}

impl TodayBounds {
    pub(super) fn on(state: &AppState, now: DateTime<Utc>) -> TodayBounds {
        let today = beijing_date(now);
        let thresholds =
            UrgencyThresholds::on(today, &state.calendar, state.policy.due_soon_working_days);
        TodayBounds {
            date: today,
            today: today.to_string(),
            due_soon_before: thresholds.due_soon_before.to_string(),
            due_soon_working_days: i64::from(thresholds.due_soon_working_days),
        }
    }

    pub(super) fn bounds(&self) -> UrgencyBounds<'_> {
        UrgencyBounds {
            today: &self.today,
            due_soon_before: &self.due_soon_before,
            due_soon_working_days: self.due_soon_working_days,
        }
    }
}

/// The queue worded in Chinese (see [`list_in`]).
pub async fn list_for(
    state: &AppState,
    staff: &Staff,
    query: &QueueQuery,
    now: DateTime<Utc>,
) -> Result<QueueView, ServiceError> {
    list_in(state, staff, query, now, Lang::Zh).await
}

/// One page of the officer's queue, its labels in `lang`.
#[tracing::instrument(skip_all, fields(user = %staff.id, tab))]
pub async fn list_in(
    state: &AppState,
    staff: &Staff,
    query: &QueueQuery,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<QueueView, ServiceError> {
    let filter = &query.filter;
    let after = query
        .after
        .as_ref()
        .map(|(due, id)| (due.as_str(), id.as_str()));
    let column = scope_column(staff);
    let search = query.search.clone();
    let day = TodayBounds::on(state, now);
    let bounds = day.bounds();
    let work = WorkFor {
        role: staff.role,
        user_id: &staff.id,
        today: &day.today,
    };
    // Sealed numbers are found by their blind indexes, the term read as each.
    // During an index-key rotation a row may carry either key's index: search both.
    let search_index: Vec<(String, String)> = search
        .as_deref()
        .map(|term| {
            state
                .vault
                .indexes(Field::Mobile, term)
                .into_iter()
                .zip(state.vault.indexes(Field::IdNumber, term))
                .collect()
        })
        .unwrap_or_default();
    let sql = OpenFilter {
        search: search.as_deref(),
        search_index: &search_index,
        village_code: filter.village.as_deref(),
        township_code: filter.township.as_deref(),
        state: filter.state.as_deref(),
        channel: filter.channel.as_deref(),
        risk: filter.risk.as_deref(),
        category: filter.category.as_deref(),
        tier: filter.tier.as_deref(),
        tab: match query.tab {
            QueueTab::DueSoon => OpenTab::DueSoon(bounds),
            QueueTab::Overdue => OpenTab::Overdue(bounds),
            QueueTab::All => OpenTab::All,
            QueueTab::Todo => OpenTab::Todo(work),
        },
        after,
        own_work: own_work(staff),
        closed: false,
    };
    let pool = &state.db.pool;
    let scope = staff.scope.as_str();
    // The counts, the page, the place names and the unread count are read at once, on four
    // connections: the page waits for the slowest of them, not for their sum.
    let (counted, rows, names, unread) = tokio::try_join!(
        // Exact counts over the whole filtered set, each one indexed aggregate.
        queue_rows::open_counts(pool, column, scope, &sql, work, bounds),
        // The page: one more row than shown tells whether a next page exists.
        queue_rows::open_by_due(
            pool,
            &state.vault,
            column,
            scope,
            &sql,
            PAGE_SIZE as i64 + 1,
        ),
        // The rows' place names and the region filter's tree.
        regions::all(pool),
        // The 消息 link says how many are unread (officer tester: 7 unread, nothing said).
        crate::ssr::repo::notifications::unread(pool, &staff.id, UNREAD_SHOWN),
    )?;
    let size = |n: i64| usize::try_from(n).unwrap_or(0);
    let counts = QueueCounts {
        todo: size(counted.todo),
        due_soon: size(counted.due_soon),
        overdue: size(counted.overdue),
        all: size(counted.all),
    };
    let closed = match &search {
        Some(_) => {
            queue_rows::closed_matching(pool, &state.vault, column, scope, &sql, CLOSED_LISTED)
                .await?
        }
        None => Vec::new(),
    };
    let more = rows.len() > PAGE_SIZE;
    let tree = super::regions::tree_in(&names, &staff.scope);
    let reader = Reader {
        state,
        staff,
        names,
        now,
        lang,
        todo_level: match query.tab {
            QueueTab::Todo => role_level(staff.role),
            QueueTab::All | QueueTab::DueSoon | QueueTab::Overdue => None,
        },
    };
    let page: Vec<(String, QueueItem)> = rows
        .into_iter()
        .take(PAGE_SIZE)
        .filter_map(|(row, snapshot, due)| {
            let key = format!("{due}|{}", row.id);
            reader
                .item(row, snapshot.as_deref(), &due)
                .map(|item| (key, item))
        })
        .collect();
    let next = if more {
        page.last().map(|(k, _)| k.clone())
    } else {
        None
    };
    Ok(QueueView {
        search: None,
        sealed_search: None,
        items: page.into_iter().map(|(_, item)| item).collect(),
        counts,
        next,
        calendar_note: missing_year(&state.calendar, day.date)
            .filter(|_| tells_admin(staff))
            .map(|year| calendar_note_for(staff, year, lang)),
        regions: tree,
        unread,
        closed: closed
            .into_iter()
            .filter_map(|(row, snapshot)| reader.closed_item(row, snapshot.as_deref()))
            .collect(),
    })
}

/// Re-derives the stored queue columns of every open case written under another derivation
/// or policy than `policy` (at start-up after an upgrade, and when the policy changes), in
/// batches of one transaction each. A case written meanwhile keeps what its writer stored.
/// Returns the number of rows updated.
#[tracing::instrument(skip_all)]
pub async fn refresh_queue_columns(
    db: &Db,
    vault: &Vault,
    policy: &Policy,
) -> Result<usize, ServiceError> {
    let rev = work_rev(policy);
    let mut after = String::new();
    let mut updated = 0;
    loop {
        let rows = cases::stale_queue_rows(&db.pool, vault, &rev, &after, REFRESH_BATCH).await?;
        let Some((last, _, _)) = rows.last() else {
            break;
        };
        after = last.clone();
        let mut tx = db.pool.begin().await?;
        for (id, snapshot, version) in &rows {
            let Some(case) = snapshot
                .as_deref()
                .and_then(|s| serde_json::from_str::<Case>(s).ok())
            else {
                tracing::error!(case_id = %id, "case without a readable snapshot");
                continue;
            };
            let columns = QueueColumns::from(&case.queue_keys(policy));
            if cases::set_queue_columns(&mut *tx, id, *version, &columns).await? {
                updated += 1;
            }
        }
        tx.commit().await?;
        if (rows.len() as i64) < REFRESH_BATCH {
            break;
        }
    }
    if updated > 0 {
        tracing::info!(updated, rev, "queue columns refreshed");
    }
    Ok(updated)
}

/// Who is told of a year without its holidays: the admin, who enters them, and the township
/// and county staff who answer for the deadlines. A village cadre, the hotline or a liaison
/// can do nothing about it, and on a phone the note pushed the first case a screen down
/// (officer tester).
fn tells_admin(staff: &Staff) -> bool {
    use crate::domain::role::Role;
    !matches!(
        staff.role,
        Role::VillageCadre | Role::HotlineOperator | Role::DepartmentLiaison
    )
}

/// Only the county admin can enter the holiday schedule: they get the note in full, everyone
/// else one line asking them to tell the admin. Both name the year (tester: without it the
/// line read as untrue beside a settings page listing this year as entered).
fn calendar_note_for(staff: &Staff, year: i32, lang: Lang) -> String {
    if staff.role == crate::domain::role::Role::CountyAdmin {
        crate::tr::queue::calendar_note(lang, year)
    } else {
        crate::tr::queue::calendar_note_ask_admin(lang, year)
    }
}

/// Deadlines up to about two months ahead are counted with the holiday schedule; the first
/// year in that range without one, if any (staff are told Monday to Friday is assumed).
fn missing_year(cal: &crate::domain::calendar::Calendar, today: chrono::NaiveDate) -> Option<i32> {
    use chrono::Datelike;
    let ahead = today + chrono::Duration::days(60);
    [today.year(), ahead.year()]
        .into_iter()
        .find(|y| !cal.is_known_year(*y))
}

/// A 待办 row's dated work (a measure's start or end) as a clock due that day, so it is
/// worded and coloured as deadlines are.
fn dated(day: chrono::NaiveDate, owner: Level) -> crate::domain::clock::Clock {
    crate::domain::clock::Clock {
        kind: crate::domain::clock::ClockKind::AssistanceStarted,
        owner,
        started_on: day,
        due_on: day,
        state: crate::domain::clock::ClockState::Running,
        extended: 0,
    }
}

/// The nearest deadline's name, with whose it is when not the reader's own level and the name
/// does not say so already (乡镇受理): a cadre read 明确帮扶责任人 12月11日 beside 登记走访 as
/// the visit's own date (officer tester).
fn nearest_clock_words(
    clock: &crate::domain::clock::Clock,
    role: crate::domain::case::Role,
    lang: Lang,
) -> String {
    let name = clock.kind.label(lang);
    let owner = clock.owner.label(lang);
    let own = crate::domain::case::actor::role_level(role) == Some(clock.owner);
    if own || name.to_lowercase().contains(&owner.to_lowercase()) {
        return name.to_owned();
    }
    let (open, close) = (
        crate::tr::case_page::paren_open(lang),
        crate::tr::case_page::paren_close(lang),
    );
    format!("{name}{open}{owner}{close}")
}

#[cfg(test)]
mod tests {
    use super::missing_year;
    use crate::{domain::calendar::Calendar, domain::lang::Lang, tr};
    use chrono::NaiveDate;

    #[test]
    fn staff_are_told_when_next_years_holidays_are_missing() {
        let cal = Calendar::china();
        let autumn = NaiveDate::from_ymd_opt(2026, 9, 1).expect("date");
        assert_eq!(missing_year(&cal, autumn), None);
        let december = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
        let year = missing_year(&cal, december).expect("2027 is not in the data");
        assert_eq!(year, 2027);
        let note = tr::queue::calendar_note(Lang::Zh, year);
        assert!(note.starts_with("2027年"), "{note}");
        let note = tr::queue::calendar_note(Lang::En, year);
        assert!(note.starts_with("The holiday schedule for 2027"), "{note}");
        let asked = tr::queue::calendar_note_ask_admin(Lang::Zh, year);
        assert!(asked.starts_with("2027年的节假日安排尚未录入"), "{asked}");
    }
}
