//! The staff queue's reads: open cases in a region narrowed by tab and filters, soonest due
//! first, and the four tab counts, all over the stored queue columns.
use sqlx::{Any, Executor, FromRow};

use super::cases::{opened_json, CaseRow, RegionColumn, COLUMNS};
use crate::domain::case::Role;
use crate::ssr::vault::Vault;

/// What the queue narrows to in SQL; every value is bound, never spliced.
#[derive(Debug, Clone, Default)]
pub struct OpenFilter<'a> {
    /// Exact name or tracking number, or (through `search_index`) mobile or ID number.
    pub search: Option<&'a str>,
    /// The blind indexes of the search term as a mobile and as an ID number
    /// (`Vault::index`): the stored numbers are sealed, so they are matched by index.
    /// (mobile, ID number) blind indexes of the term, one pair per index key.
    pub search_index: &'a [(String, String)],
    pub village_code: Option<&'a str>,
    pub township_code: Option<&'a str>,
    pub state: Option<&'a str>,
    pub channel: Option<&'a str>,
    /// A RiskType code (already checked against the vocabulary).
    pub risk: Option<&'a str>,
    /// A Category code (checked against the vocabulary).
    pub category: Option<&'a str>,
    /// A RiskTier code (checked against the vocabulary).
    pub tier: Option<&'a str>,
    /// Which tab: every open case, or only those the officer has a step on, or by urgency.
    pub tab: OpenTab<'a>,
    /// Keyset cursor: rows strictly after (the tab's order column, id).
    pub after: Option<(&'a str, &'a str)>,
    /// Narrower than the region for roles that read only their own work (domain::access).
    pub own_work: OwnWork<'a>,
    /// Cases with no open clock (decided and closed) instead of open ones: asked only with a
    /// search term, which an index narrows first.
    pub closed: bool,
}

/// Which of the region's cases a role's own work covers.
#[derive(Debug, Clone, Copy, Default)]
pub enum OwnWork<'a> {
    /// Every case in the region.
    #[default]
    Region,
    /// Cases this user filed (the first event is theirs).
    FiledBy(&'a str),
    /// Cases this user filed, and cases waiting on a step of this department's (or of any).
    FiledByOrDepartment(&'a str, Option<&'a str>),
    /// None (roles that do not read case files).
    Nothing,
}

/// A queue tab as a condition on the stored queue columns.
#[derive(Debug, Clone, Copy, Default)]
pub enum OpenTab<'a> {
    #[default]
    All,
    /// Cases this user of this role has a step on (see `WorkOwners::has_step`).
    Todo(WorkFor<'a>),
    Overdue(UrgencyBounds<'a>),
    DueSoon(UrgencyBounds<'a>),
}

impl OpenTab<'_> {
    /// The date column the tab is ordered by: a level's 待办 by its own deadlines
    /// (`work_due::todo_due`), the rest by the case's nearest.
    fn order_column(self) -> &'static str {
        match self {
            OpenTab::Todo(work) => match work.role {
                Role::VillageCadre => "todo_due_village",
                Role::TownshipOfficer | Role::TownshipHead => "todo_due_township",
                Role::CountyOfficer | Role::CountyHead => "todo_due_county",
                Role::DepartmentLiaison
                | Role::HotlineOperator
                | Role::CountyAdmin
                | Role::Household => "next_due_on",
            },
            OpenTab::All | OpenTab::Overdue(_) | OpenTab::DueSoon(_) => "next_due_on",
        }
    }
}

/// Whose 待办, and on which day (ISO date).
#[derive(Debug, Clone, Copy)]
pub struct WorkFor<'a> {
    pub role: Role,
    pub user_id: &'a str,
    pub today: &'a str,
}

/// Today's urgency boundaries (`UrgencyThresholds`), dates in ISO form.
#[derive(Debug, Clone, Copy)]
pub struct UrgencyBounds<'a> {
    pub today: &'a str,
    pub due_soon_before: &'a str,
    pub due_soon_working_days: i64,
}

/// The four tab counts of the queue, exact over the whole filtered set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpenCounts {
    pub all: i64,
    pub todo: i64,
    pub due_soon: i64,
    pub overdue: i64,
}

enum Bind {
    Text(String),
    Int(i64),
}

/// A row's urgency key is either a due date (running deadline) or the working days left
/// (paused), never both: the urgency tabs count each part on its own index and add them up.
#[derive(Debug, Clone, Copy)]
enum UrgencyPart {
    Both,
    Running,
    Paused,
}

impl UrgencyPart {
    fn pick(
        self,
        w: &mut OpenWhere,
        running: impl FnOnce(&mut OpenWhere) -> String,
        paused: impl FnOnce(&mut OpenWhere) -> String,
    ) -> String {
        match self {
            UrgencyPart::Running => running(w),
            UrgencyPart::Paused => paused(w),
            UrgencyPart::Both => {
                let r = running(w);
                let p = paused(w);
                format!("(({r}) or ({p}))")
            }
        }
    }
}

/// The where clause of an open-case query, with its binds in order.
struct OpenWhere {
    sql: String,
    binds: Vec<Bind>,
}

impl OpenWhere {
    fn push(&mut self, bind: Bind) -> String {
        self.binds.push(bind);
        format!("${}", self.binds.len())
    }

    fn text(&mut self, value: &str) -> String {
        self.push(Bind::Text(value.to_owned()))
    }

    fn and(&mut self, condition: &str) {
        self.sql.push_str(" and ");
        self.sql.push_str(condition);
    }

    fn new(
        region_column: RegionColumn,
        region_code: &str,
        filter: &OpenFilter<'_>,
        part: UrgencyPart,
    ) -> OpenWhere {
        OpenWhere::after_binds(Vec::new(), region_column, region_code, filter, part)
    }

    /// [`OpenWhere::new`] for a clause in a statement that already has `binds`: its own are
    /// numbered after them.
    fn after_binds(
        binds: Vec<Bind>,
        region_column: RegionColumn,
        region_code: &str,
        filter: &OpenFilter<'_>,
        part: UrgencyPart,
    ) -> OpenWhere {
        let column = region_column.as_sql();
        let mut w = OpenWhere {
            sql: String::new(),
            binds,
        };
        let p = w.text(region_code);
        let open = if filter.closed { "" } else { "not " };
        w.sql = format!("{column} = {p} and next_due_on is {open}null");
        let filed_by = |w: &mut OpenWhere, user: &str| {
            let u = w.text(user);
            format!(
                "exists (select 1 from case_events e where e.case_id = cases.id and e.seq = 1 and e.actor_id = {u})"
            )
        };
        match filter.own_work {
            OwnWork::Region => {}
            OwnWork::FiledBy(user) => {
                let condition = filed_by(&mut w, user);
                w.and(&condition);
            }
            OwnWork::FiledByOrDepartment(user, department) => {
                let condition = filed_by(&mut w, user);
                let ours: Vec<String> = crate::domain::case::department_work::patterns(department)
                    .iter()
                    .map(|p| format!("work_departments like {}", w.text(p)))
                    .collect();
                w.and(&format!(
                    "((work_department = 1 and ({})) or {condition})",
                    ours.join(" or ")
                ));
            }
            OwnWork::Nothing => w.and("1 = 0"),
        }
        if let Some(term) = filter.search {
            let p = w.text(term);
            let mut any = format!("applicant_name = {p} or tracking_number = {p}");
            for (mobile, id) in filter.search_index {
                let m = w.text(mobile);
                let i = w.text(id);
                any.push_str(&format!(
                    " or applicant_mobile_index = {m} or applicant_id_number_index = {i}"
                ));
            }
            w.and(&format!("({any})"));
        }
        for (col, value) in [
            ("village_code", filter.village_code),
            ("township_code", filter.township_code),
            ("state", filter.state),
            ("channel", filter.channel),
            ("category", filter.category),
            ("tier", filter.tier),
        ] {
            if let Some(value) = value {
                let p = w.text(value);
                w.and(&format!("{col} = {p}"));
            }
        }
        if let Some(risk) = filter.risk {
            let p = w.text(&format!("%{risk}%"));
            w.and(&format!("risk_types like {p}"));
        }
        w.tab(filter.tab, part);
        if let Some((due, id)) = filter.after {
            let d = w.text(due);
            let i = w.text(id);
            let by = filter.tab.order_column();
            w.and(&format!("({by} > {d} or ({by} = {d} and id > {i}))"));
        }
        w
    }

    /// A role's step now (`flag`), or from a day on or before `today` (`from`).
    fn now_or_from(&mut self, flag: &str, from: &str, today: &str) -> String {
        let t = self.text(today);
        format!("({flag} = 1 or {from} <= {t})")
    }

    fn tab(&mut self, tab: OpenTab<'_>, part: UrgencyPart) {
        match tab {
            OpenTab::All => {}
            OpenTab::Todo(work) => {
                let condition = match work.role {
                    Role::VillageCadre => {
                        self.now_or_from("work_village_cadre", "work_village_from", work.today)
                    }
                    Role::TownshipOfficer => self.now_or_from(
                        "work_township_officer",
                        "work_township_officer_from",
                        work.today,
                    ),
                    Role::TownshipHead => self.now_or_from(
                        "work_township_head",
                        "work_township_head_from",
                        work.today,
                    ),
                    Role::CountyOfficer => "work_county_officer = 1".to_owned(),
                    Role::CountyHead => {
                        let u = self.text(work.user_id);
                        format!(
                            "work_county_head = 1 and (work_except_user is null or work_except_user <> {u})"
                        )
                    }
                    Role::DepartmentLiaison => "work_department = 1".to_owned(),
                    Role::HotlineOperator | Role::CountyAdmin | Role::Household => {
                        "1 = 0".to_owned()
                    }
                };
                self.and(&condition);
            }
            OpenTab::Overdue(bounds) => {
                let running = |w: &mut OpenWhere| {
                    let t = w.text(bounds.today);
                    format!("urgency_due_on < {t}")
                };
                let paused = |_: &mut OpenWhere| "paused_left < 0".to_owned();
                let condition = part.pick(self, running, paused);
                self.and(&condition);
            }
            OpenTab::DueSoon(bounds) => {
                let running = |w: &mut OpenWhere| {
                    let t = w.text(bounds.today);
                    let b = w.text(bounds.due_soon_before);
                    format!("urgency_due_on >= {t} and urgency_due_on < {b}")
                };
                let paused = |w: &mut OpenWhere| {
                    let n = w.push(Bind::Int(bounds.due_soon_working_days));
                    format!("paused_left >= 0 and paused_left <= {n}")
                };
                let condition = part.pick(self, running, paused);
                self.and(&condition);
            }
        }
    }

    fn bind<'q>(
        &'q self,
        mut query: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
        for value in &self.binds {
            query = match value {
                Bind::Text(text) => query.bind(text.as_str()),
                Bind::Int(n) => query.bind(*n),
            };
        }
        query
    }
}

/// Cases with an open clock in a region, soonest due first (order by the tab's order column,
/// id), narrowed by `filter` (its tab included), each with its snapshot and that column's
/// value (for the keyset cursor). Indexes: cases_{county,township,village}_due_id (0006) on
/// (region, next_due_on, id); for the county and township 待办, cases_*_work (0027) on
/// (region, flag, todo_due_*, id).
pub async fn open_by_due<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    region_column: RegionColumn,
    region_code: &str,
    filter: &OpenFilter<'_>,
    limit: i64,
) -> sqlx::Result<Vec<(CaseRow, Option<String>, String)>> {
    let w = OpenWhere::new(region_column, region_code, filter, UrgencyPart::Both);
    let by = filter.tab.order_column();
    let sql = format!(
        "select {COLUMNS}, snapshot, {by} as order_due from cases where {} order by {by}, id limit {}",
        w.sql,
        limit.max(0)
    );
    let rows = w.bind(sqlx::query(&sql)).fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            use sqlx::Row;
            Ok((
                CaseRow::from_row(r)?.opened(vault)?,
                opened_json(vault, r.try_get("snapshot")?)?,
                // Null only on a row an older release wrote during a rolling upgrade, until
                // this release's start-up refresh reaches it.
                r.try_get::<Option<String>, _>("order_due")?
                    .unwrap_or_default(),
            ))
        })
        .collect()
}

/// Closed cases (no open clock) matching `filter`, newest filing first, each with its
/// snapshot. Asked with a search term only: its indexes (name, tracking number, blind
/// indexes) pick the rows before the region and the rest narrow them.
pub async fn closed_matching<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    vault: &Vault,
    region_column: RegionColumn,
    region_code: &str,
    filter: &OpenFilter<'_>,
    limit: i64,
) -> sqlx::Result<Vec<(CaseRow, Option<String>)>> {
    let filter = OpenFilter {
        closed: true,
        tab: OpenTab::All,
        after: None,
        ..filter.clone()
    };
    let w = OpenWhere::new(region_column, region_code, &filter, UrgencyPart::Both);
    let sql = format!(
        "select {COLUMNS}, snapshot from cases where {} order by discovered_on desc, id limit {}",
        w.sql,
        limit.max(0)
    );
    let rows = w.bind(sqlx::query(&sql)).fetch_all(ex).await?;
    rows.iter()
        .map(|r| {
            use sqlx::Row;
            Ok((
                CaseRow::from_row(r)?.opened(vault)?,
                opened_json(vault, r.try_get("snapshot")?)?,
            ))
        })
        .collect()
}

/// How many open cases match `filter` (its tab and cursor ignored) in all, in the 待办 of
/// `work`, and due soon or overdue by `bounds`: each count an index range when no other
/// filter is set (the indexes of [`open_by_due`], cases_*_urgency and cases_*_paused, 0012).
pub async fn open_counts(
    pool: &sqlx::Pool<Any>,
    region_column: RegionColumn,
    region_code: &str,
    filter: &OpenFilter<'_>,
    work: WorkFor<'_>,
    bounds: UrgencyBounds<'_>,
) -> sqlx::Result<OpenCounts> {
    let (running, paused) = (UrgencyPart::Running, UrgencyPart::Paused);
    let counts = [
        (OpenTab::All, UrgencyPart::Both),
        (OpenTab::Todo(work), UrgencyPart::Both),
        (OpenTab::DueSoon(bounds), running),
        (OpenTab::DueSoon(bounds), paused),
        (OpenTab::Overdue(bounds), running),
        (OpenTab::Overdue(bounds), paused),
    ];
    // One statement of six subqueries, each still its own index range: one round trip
    // instead of six, which was most of a searched page's time on PostgreSQL.
    let mut binds = Vec::new();
    let mut columns = Vec::with_capacity(counts.len());
    for (tab, part) in counts {
        let unpaged = OpenFilter {
            tab,
            after: None,
            ..filter.clone()
        };
        let w = OpenWhere::after_binds(binds, region_column, region_code, &unpaged, part);
        columns.push(format!("(select count(*) from cases where {})", w.sql));
        binds = w.binds;
    }
    let all = OpenWhere {
        sql: format!("select {}", columns.join(", ")),
        binds,
    };
    let row = all.bind(sqlx::query(&all.sql)).fetch_one(pool).await?;
    let n = |i: usize| sqlx::Row::try_get::<i64, _>(&row, i);
    Ok(OpenCounts {
        all: n(0)?,
        todo: n(1)?,
        due_soon: n(2)? + n(3)?,
        overdue: n(4)? + n(5)?,
    })
}

/// Open cases of one state and one place, split by urgency as the queue's tabs split them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTally {
    pub state: String,
    /// The place's region code (the column `place` named).
    pub place: String,
    pub all: i64,
    pub due_soon: i64,
    pub overdue: i64,
}

/// Open cases matching `filter` (its tab, cursor and search ignored) grouped by state and by
/// the `place` column, each group counted whole and by the urgency tabs' conditions: exact
/// at any size, one aggregate (the dashboard decoded the newest 20,000 snapshots instead).
pub async fn open_tallies(
    pool: &sqlx::Pool<Any>,
    region_column: RegionColumn,
    region_code: &str,
    filter: &OpenFilter<'_>,
    bounds: UrgencyBounds<'_>,
    place: RegionColumn,
) -> sqlx::Result<Vec<OpenTally>> {
    // The urgency conditions come first in the text, so their binds are numbered first.
    let mut conditions = OpenWhere {
        sql: String::new(),
        binds: Vec::new(),
    };
    let mut urgent = |tab: OpenTab<'_>| {
        conditions.sql.clear();
        conditions.tab(tab, UrgencyPart::Both);
        conditions.sql.trim_start_matches(" and ").to_owned()
    };
    let due_soon = urgent(OpenTab::DueSoon(bounds));
    let overdue = urgent(OpenTab::Overdue(bounds));
    let whole = OpenFilter {
        tab: OpenTab::All,
        after: None,
        search: None,
        search_index: &[],
        ..filter.clone()
    };
    let w = OpenWhere::after_binds(
        conditions.binds,
        region_column,
        region_code,
        &whole,
        UrgencyPart::Both,
    );
    let place = place.as_sql();
    let sql = format!(
        "select state, {place}, count(*), \
         sum(case when {due_soon} then 1 else 0 end), \
         sum(case when {overdue} then 1 else 0 end) \
         from cases where {} group by state, {place}",
        w.sql
    );
    let rows = w.bind(sqlx::query(&sql)).fetch_all(pool).await?;
    rows.iter()
        .map(|r| {
            use sqlx::Row;
            Ok(OpenTally {
                state: r.try_get(0)?,
                place: r.try_get(1)?,
                all: r.try_get(2)?,
                due_soon: r.try_get(3)?,
                overdue: r.try_get(4)?,
            })
        })
        .collect()
}
