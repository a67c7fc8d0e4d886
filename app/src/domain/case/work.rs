//! Who has a step to take on a case (its 待办), in a form the database can filter and count
//! on: one flag per acting role, the day a step opens when it waits for a date, and the one
//! user a step is not for. Derived from the same rules as the forms offered
//! ([`Case::available_commands`] and [`is_work_on`]); a property test holds the
//! two together for every role, user and day.

use chrono::{NaiveDate, NaiveTime};

use super::actor::{extension_approvers, Actor, Role};
use super::command::CommandKind;
use super::guard::check_allowed;
use super::plan_review::PlanReview;
use super::policy::Policy;
use super::state::{Case, Measure, MeasureStatus, ReviewStep};
use crate::domain::clock::{ClockKind, QueueUrgencyKey};
use crate::domain::vocab::{Category, RiskTier};

/// Bumped whenever the derivation changes, so stored rows are recomputed.
const DERIVATION: &str = "w8";

/// The stored work of one case, per role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkOwners {
    /// The village cadre has a step now.
    pub village_cadre: bool,
    /// ... or from this day on (ending the public notice once its minimum has run).
    pub village_cadre_from: Option<NaiveDate>,
    pub township_officer: bool,
    /// ... or from this day on (a visit or a measure's date nears).
    pub township_officer_from: Option<NaiveDate>,
    pub township_head: bool,
    pub township_head_from: Option<NaiveDate>,
    pub county_officer: bool,
    pub county_head: bool,
    /// The county head whose only step would be deciding their own extension request.
    pub county_head_except: Option<String>,
    pub department_liaison: bool,
}

impl WorkOwners {
    /// Whether `user` of `role` (in scope) has a step on `today`: what the queue's SQL asks.
    pub fn has_step(&self, role: Role, user_id: &str, today: NaiveDate) -> bool {
        let opened = |from: Option<NaiveDate>| from.is_some_and(|d| d <= today);
        match role {
            Role::VillageCadre => self.village_cadre || opened(self.village_cadre_from),
            Role::TownshipOfficer => self.township_officer || opened(self.township_officer_from),
            Role::TownshipHead => self.township_head || opened(self.township_head_from),
            Role::CountyOfficer => self.county_officer,
            Role::CountyHead => {
                self.county_head && self.county_head_except.as_deref() != Some(user_id)
            }
            Role::DepartmentLiaison => self.department_liaison,
            Role::HotlineOperator | Role::CountyAdmin | Role::Household => false,
        }
    }

    /// The roles with a step on `today`, for an officer who has none: whom the case waits on.
    pub fn waiting_on(&self, today: NaiveDate) -> Vec<Role> {
        Role::ALL
            .iter()
            .copied()
            .filter(|role| self.has_step(*role, ANYONE, today))
            .collect()
    }

    /// The day after `today` the village's step opens (ending a notice), when nobody has one
    /// before: the case waits on the notice.
    pub fn waiting_until(&self, today: NaiveDate) -> Option<NaiveDate> {
        let nobody_now = self.waiting_on(today).is_empty();
        self.village_cadre_from
            .filter(|day| *day > today && nobody_now)
    }
}

/// One role's work before it is laid out in columns.
#[derive(Debug, Default)]
pub(super) struct RoleWork {
    pub(super) now: bool,
    from: Option<NaiveDate>,
    except: Option<String>,
}

/// Stands for "any user of the role": never a real account id.
const ANYONE: &str = "\u{0}anyone";

/// The version of the derivation and the policy it depends on; rows stored under another
/// one are recomputed (at start-up and when the policy changes).
pub fn work_rev(policy: &Policy) -> String {
    let parallel = if policy.notice_parallel_township {
        "p"
    } else {
        "s"
    };
    format!("{DERIVATION}{parallel}")
}

/// What the queue stores beside a case to filter, count and order it in SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueKeys {
    pub work: WorkOwners,
    pub rev: String,
    pub category: Option<Category>,
    pub tier: Option<RiskTier>,
    /// `None` when the case has no open clock (it is not in the queue).
    pub urgency: Option<QueueUrgencyKey>,
    /// What each level's 待办 is ordered by.
    pub todo_due: super::work_due::TodoDue,
    /// The line departments with work on the case, stored (`department_work::stored`).
    pub departments: String,
}

impl Case {
    /// Who has a step to take on this case under `policy`, for any day.
    pub fn work_owners(&self, policy: &Policy) -> WorkOwners {
        self.owners_of(policy, is_work_item_for)
    }

    /// Who takes the case's next step of its procedure (not a visit, a measure's progress or a
    /// data comparison, which run beside it): whom the case waits on.
    pub fn next_step_owners(&self, policy: &Policy) -> WorkOwners {
        self.owners_of(policy, |case, kind, role| {
            is_procedure_step(kind) && is_work_item_for(case, kind, role)
        })
    }

    fn owners_of(
        &self,
        policy: &Policy,
        counts: fn(&Case, CommandKind, Role) -> bool,
    ) -> WorkOwners {
        let work = |role| self.role_work(role, policy, counts);
        let village = work(Role::VillageCadre);
        let township_officer = work(Role::TownshipOfficer);
        let township_head = work(Role::TownshipHead);
        let county_head = work(Role::CountyHead);
        WorkOwners {
            village_cadre: village.now,
            village_cadre_from: village.from,
            township_officer: township_officer.now,
            township_officer_from: township_officer.from,
            township_head: township_head.now,
            township_head_from: township_head.from,
            county_officer: work(Role::CountyOfficer).now,
            county_head: county_head.now,
            county_head_except: county_head.except,
            department_liaison: work(Role::DepartmentLiaison).now,
        }
    }

    /// Everything the queue stores for this case.
    pub fn queue_keys(&self, policy: &Policy) -> QueueKeys {
        let work = self.work_owners(policy);
        // Worked out only when some department has a step (never at filing).
        let departments = if work.department_liaison {
            super::department_work::stored(&self.department_work(policy))
        } else {
            String::new()
        };
        QueueKeys {
            todo_due: super::work_due::todo_due(self, &work),
            work,
            rev: work_rev(policy),
            category: self.category,
            tier: self.tier,
            urgency: self.next_deadline().map(QueueUrgencyKey::of),
            departments,
        }
    }

    pub(super) fn role_work(
        &self,
        role: Role,
        policy: &Policy,
        counts: fn(&Case, CommandKind, Role) -> bool,
    ) -> RoleWork {
        let actor = Actor::new(ANYONE, role, self.village.clone());
        // Only ending the notice depends on the day; any day does for the other steps.
        let any_day = self.discovered_on.and_time(NaiveTime::MIN);
        let allowed = |kind, at| check_allowed(self, kind, &actor, policy, at).is_ok();
        let mut work = RoleWork::default();
        let mut approves = false;
        for kind in CommandKind::ALL {
            if !counts(self, kind, role) {
                continue;
            }
            match kind {
                CommandKind::EndNotice => {
                    if let Some((_, ReviewStep::NoticeRunning { min_until, .. })) =
                        self.state.review_step()
                    {
                        if allowed(kind, min_until.and_time(NaiveTime::MIN)) {
                            work.from = Some(min_until);
                        }
                    }
                }
                CommandKind::EndPlanNotice => {
                    if let Some(PlanReview::NoticeRunning { min_until, .. }) = self.plan_review {
                        if allowed(kind, min_until.and_time(NaiveTime::MIN)) {
                            work.from = Some(work.from.map_or(min_until, |d| d.min(min_until)));
                        }
                    }
                }
                CommandKind::ApproveExtension => approves |= allowed(kind, any_day),
                _ if allowed(kind, any_day) => match work_opens(self, kind, role, policy) {
                    Opens::Now => work.now = true,
                    Opens::From(day) => {
                        work.from = Some(work.from.map_or(day, |d| d.min(day)));
                    }
                    Opens::Never => {}
                },
                _ => {}
            }
        }
        if approves && !work.now {
            // Nobody decides their own request: when one person asked for every request this
            // role may decide, that person has nothing to do here.
            let mut askers = self
                .extension_requests
                .iter()
                .filter(|r| extension_approvers(r.owner).contains(&role))
                .map(|r| r.requested_by.as_str());
            if let Some(first) = askers.next() {
                if askers.all(|u| u == first) {
                    work.except = Some(first.to_owned());
                }
            }
        }
        work.now |= approves;
        work
    }
}

/// Steps that move the case forward and so belong in an officer's 待办. Optional actions
/// (asking for more time, changing the tier, reopening...) are offered on the case page only.
pub fn is_work_item(kind: CommandKind) -> bool {
    use CommandKind as K;
    match kind {
        K::RequestExtension
        | K::PauseClock
        | K::ResumeClock
        | K::OpenGreenChannel
        | K::ChangeTier
        | K::Reopen
        | K::RecordObjection
        | K::Remove
        | K::DeferElimination
        | K::StartCampaign => false,
        K::Accept
        | K::RejectOutOfScope
        | K::RecordHomeCheck
        | K::HoldVillageReview
        | K::StartNotice
        | K::EndNotice
        | K::TownshipReview
        | K::CountyDecide
        | K::CountyDecideElimination
        | K::NotifyRefusal
        | K::AssignResponsible
        | K::AddPlan
        | K::UpdateMeasureStatus
        | K::LogVisit
        | K::ProposeElimination
        | K::RecordComparison
        | K::ApproveExtension
        | K::ReviewPlan
        | K::StartPlanNotice
        | K::EndPlanNotice
        | K::ReviewRelief
        | K::FeedBackAlert => true,
    }
}

/// The steps of the procedures themselves (identification, elimination, the plan's review
/// and notice, naming the responsible person and the plan): what "the next step" means.
pub fn is_procedure_step(kind: CommandKind) -> bool {
    use CommandKind as K;
    matches!(
        kind,
        K::Accept
            | K::RejectOutOfScope
            | K::RecordHomeCheck
            | K::HoldVillageReview
            | K::StartNotice
            | K::EndNotice
            | K::TownshipReview
            | K::CountyDecide
            | K::CountyDecideElimination
            | K::NotifyRefusal
            | K::AssignResponsible
            | K::AddPlan
            | K::ReviewPlan
            | K::StartPlanNotice
            | K::EndPlanNotice
    )
}

/// The steps offered, the case's next step first: steps of procedure that are to do, then
/// other work (a visit, a measure update), then the rest (an extension, a pause), each group
/// in the engine's order. The queue names the first; the case page opens it (it opened
/// 登记走访 while the plan's village review was due: officer tester).
pub fn in_working_order(
    case: &Case,
    role: Role,
    mut offered: Vec<CommandKind>,
    day: WorkDay<'_>,
) -> Vec<CommandKind> {
    use CommandKind as K;
    // The county's decision waits for its data comparison: offered side by side, the
    // decision came first and was refused for want of the comparison (officer tester).
    let deciding = offered.contains(&K::CountyDecide);
    // Cached: whether a step is work reads the case's clocks and measures.
    offered.sort_by_cached_key(|k| {
        match (is_work_on(case, *k, role, day), is_procedure_step(*k)) {
            (true, _) if deciding && *k == K::RecordComparison => 0,
            // Someone waits on the answer: a township's row with an extension to approve
            // read 录入入户核查, the village's step (officer tester).
            (true, _) if *k == K::ApproveExtension => 0,
            (true, true) => 1,
            (true, false) => 2,
            // A visit not yet near still leads a page with nothing else to do (an eliminated
            // household's re-check), after any work.
            (false, _) if *k == K::LogVisit => 3,
            (false, _) => 4,
        }
    });
    offered
}

/// The step the queue names for an officer offered `offered`: the first in working order,
/// when it is work to do that day.
pub fn next_step(
    case: &Case,
    role: Role,
    offered: Vec<CommandKind>,
    day: WorkDay<'_>,
) -> Option<CommandKind> {
    in_working_order(case, role, offered, day)
        .into_iter()
        .next()
        .filter(|k| is_work_on(case, *k, role, day))
}

/// How many days before its date a visit or a measure's change becomes work (in the 待办,
/// and the form a case page opens by itself): every monitored household sat in the village's
/// 待办 for its monthly visit, and every assisted one in the township's for its measures,
/// all year (tester). The 即将到期 and 已逾期 tabs follow the clocks as before.
pub const WORK_OPENS_DAYS_BEFORE: i64 = 7;

/// The day a step's being work is asked for, and the policy it depends on.
#[derive(Debug, Clone, Copy)]
pub struct WorkDay<'a> {
    pub today: NaiveDate,
    pub policy: &'a Policy,
}

/// When a step becomes work for a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opens {
    Now,
    From(NaiveDate),
    Never,
}

/// When `kind` is work for `role`: most steps are work as soon as they are offered; a visit
/// from a week before its visit clock falls due; a township's measure update from a week
/// before a planned measure's start or a running one's end; proposing 风险消除 once the
/// proposal would pass its checks.
pub fn work_opens(case: &Case, kind: CommandKind, role: Role, policy: &Policy) -> Opens {
    use CommandKind as K;
    if !is_work_item_for(case, kind, role) {
        return Opens::Never;
    }
    match kind {
        K::LogVisit => week_before_earliest(
            case.open_clocks()
                .filter(|c| {
                    matches!(
                        c.kind,
                        ClockKind::MonitoringVisit | ClockKind::CampaignVisit
                    )
                })
                .map(|c| c.due_on),
        ),
        K::ProposeElimination => {
            super::elimination::may_propose_from(case, policy).map_or(Opens::Never, Opens::From)
        }
        // The lead department carries its measures out: work while any runs.
        K::UpdateMeasureStatus if role == Role::DepartmentLiaison => Opens::Now,
        K::UpdateMeasureStatus => week_before_earliest(
            case.measures
                .iter()
                .filter_map(|m| measure_update_day(case, m)),
        ),
        _ => Opens::Now,
    }
}

/// Work from [`WORK_OPENS_DAYS_BEFORE`] days before the earliest of `days`; none: never.
fn week_before_earliest(days: impl Iterator<Item = NaiveDate>) -> Opens {
    days.min().map_or(Opens::Never, |day| {
        Opens::From(day - chrono::Duration::days(WORK_OPENS_DAYS_BEFORE))
    })
}

/// The day an update of `measure` falls due on `case`: a planned one's start, a running
/// one's end. Measures are decided by the plan's village review and notice (domain), so a
/// planned one is not due before its notice may end (or ended), and has no day while the plan
/// awaits its review or notice: it fell due, and late, while the required notice ran (officer
/// tester). The green channel helps first and reviews later: its start stands. A running one
/// is not due before the day it began (a one-off begun after its day read late at once).
pub fn measure_update_day(case: &Case, measure: &Measure) -> Option<NaiveDate> {
    use super::plan_review::PlanReview;
    match measure.status {
        MeasureStatus::Planned if case.green_channel => Some(measure.start),
        MeasureStatus::Planned => match (measure.noticed_on, case.plan_review) {
            (Some(on), _) | (None, Some(PlanReview::Noticed { on })) => Some(measure.start.max(on)),
            (None, Some(PlanReview::NoticeRunning { min_until, .. })) => {
                Some(measure.start.max(min_until))
            }
            (
                None,
                Some(
                    PlanReview::AwaitingReview
                    | PlanReview::Reviewed { .. }
                    | PlanReview::Returned { .. },
                ),
            ) => None,
            (None, None) => Some(measure.start),
        },
        MeasureStatus::InProgress => {
            Some(measure.end.max(measure.started_on.unwrap_or(measure.end)))
        }
        MeasureStatus::Delivered | MeasureStatus::Withdrawn => None,
    }
}

/// Whether `measure`'s update day has passed on `today`: the household reads it as late.
pub fn measure_late(case: &Case, measure: &Measure, today: NaiveDate) -> bool {
    measure_update_day(case, measure).is_some_and(|day| day < today)
}

/// The measure whose update falls due first: the one the township's 待办 is about, so its
/// form starts on it (it started on the first measure not delivered, half a year from its
/// end, while another was to start that week: tester).
pub fn next_measure_due(case: &Case) -> Option<usize> {
    case.measures
        .iter()
        .enumerate()
        .filter_map(|(i, m)| measure_update_day(case, m).map(|day| (day, i)))
        .min()
        .map(|(_, i)| i)
}

/// Whether `kind` is work for `role` on `day` (see [`work_opens`]).
pub fn is_work_on(case: &Case, kind: CommandKind, role: Role, day: WorkDay<'_>) -> bool {
    match work_opens(case, kind, role, day.policy) {
        Opens::Now => true,
        Opens::From(from) => from <= day.today,
        Opens::Never => false,
    }
}

/// Like [`is_work_item`], but a step already done once (a responsible person named, a plan
/// made) is not "to do" again just because the engine allows changing it, and assistance
/// (naming the responsible person, the plan, a measure's progress) is the township's and the
/// departments' work: the county may record it, but it is not in the county's 待办 (it
/// listed 确定帮扶责任人 and opened 更新措施进度 on every assisted case: officer tester).
/// Whether it is work on a given day: [`is_work_on`].
pub fn is_work_item_for(case: &Case, kind: CommandKind, role: Role) -> bool {
    use CommandKind as K;
    let county = matches!(role, Role::CountyOfficer | Role::CountyHead);
    is_work_item(kind)
        && match kind {
            K::AssignResponsible => case.responsible.is_none() && !county,
            // A plan the village did not pass is the township's to revise.
            K::AddPlan => {
                let returned = matches!(case.plan_review, Some(PlanReview::Returned { .. }));
                (case.plan_measures().next().is_none() || returned) && !county
            }
            K::RecordComparison => case.comparison.is_none(),
            K::UpdateMeasureStatus => !county,
            // The village visits; the township may record a visit, but every household's
            // visit was in its 待办 beside the village's.
            K::LogVisit => role == Role::VillageCadre,
            _ => true,
        }
}
