//! Whether a kind of command may be attempted now, before looking at its data: role, scope,
//! state and policy. `decide` runs this first and `available_commands` lists the kinds that
//! pass, so a form the UI does not show is always refused.

use chrono::NaiveDateTime;

use crate::domain::clock::{ClockKind, ClockState};
use crate::domain::region::RegionCode;
use crate::domain::vocab::{Channel, LabourCapacity};

use super::actor::{extension_approvers, role_level, Actor, Role};
use super::command::CommandKind;
use super::policy::Policy;
use super::refusal::Refusal;
use super::state::{Case, CaseState, Procedure, ReviewStep};

const TOWNSHIP: &[Role] = &[Role::TownshipOfficer, Role::TownshipHead];
const COUNTY: &[Role] = &[Role::CountyOfficer, Role::CountyHead];
/// The county runs the data comparison; a line department may record what its data showed.
const COMPARERS: &[Role] = &[
    Role::CountyOfficer,
    Role::CountyHead,
    Role::DepartmentLiaison,
];
const HOME_CHECKERS: &[Role] = &[Role::VillageCadre, Role::TownshipOfficer];
const VILLAGE: &[Role] = &[Role::VillageCadre];
const OBJECTION_TAKERS: &[Role] = &[
    Role::VillageCadre,
    Role::TownshipOfficer,
    Role::TownshipHead,
    Role::HotlineOperator,
];
const ASSIGNERS: &[Role] = &[
    Role::TownshipOfficer,
    Role::TownshipHead,
    Role::CountyOfficer,
    Role::CountyHead,
];
const MEASURE_UPDATERS: &[Role] = &[
    Role::TownshipOfficer,
    Role::TownshipHead,
    Role::CountyOfficer,
    Role::CountyHead,
    Role::DepartmentLiaison,
];
const VISITORS: &[Role] = &[
    Role::VillageCadre,
    Role::TownshipOfficer,
    Role::TownshipHead,
];
const PROPOSERS: &[Role] = &[Role::VillageCadre, Role::TownshipOfficer];
const CLOCK_OWNERS: &[Role] = &[
    Role::VillageCadre,
    Role::TownshipOfficer,
    Role::TownshipHead,
    Role::CountyOfficer,
    Role::CountyHead,
    Role::DepartmentLiaison,
];
const EXTENSION_APPROVERS: &[Role] = &[
    Role::TownshipOfficer,
    Role::TownshipHead,
    Role::CountyOfficer,
    Role::CountyHead,
];
/// Who may file a new case (self, proxy, cadre, department alert).
pub const REPORTERS: &[Role] = &[
    Role::Household,
    Role::HotlineOperator,
    Role::VillageCadre,
    Role::TownshipOfficer,
    Role::TownshipHead,
    Role::CountyOfficer,
    Role::CountyHead,
    Role::DepartmentLiaison,
];

/// The channels a member of staff may file under for someone else (代为申报); a household
/// files only for itself (自主申报).
pub fn proxy_channels(role: Role) -> &'static [Channel] {
    match role {
        Role::HotlineOperator => &[Channel::ProxyHotline],
        Role::VillageCadre => &[
            Channel::ProxyCadre,
            Channel::GroupNomination,
            Channel::CadreScreening,
            Channel::ProxyRelative,
        ],
        Role::TownshipOfficer | Role::TownshipHead | Role::CountyOfficer | Role::CountyHead => &[
            Channel::ProxyCadre,
            Channel::CadreScreening,
            Channel::PublicOpinion,
            Channel::ProxyRelative,
        ],
        Role::DepartmentLiaison => &[Channel::DepartmentAlert],
        Role::Household | Role::CountyAdmin => &[],
    }
}

/// The roles that may issue a kind of command.
pub fn roles_for(kind: CommandKind) -> &'static [Role] {
    match kind {
        CommandKind::Accept | CommandKind::RejectOutOfScope | CommandKind::TownshipReview => {
            TOWNSHIP
        }
        CommandKind::NotifyRefusal => TOWNSHIP,
        CommandKind::RecordHomeCheck => HOME_CHECKERS,
        CommandKind::HoldVillageReview | CommandKind::StartNotice | CommandKind::EndNotice => {
            VILLAGE
        }
        CommandKind::RecordObjection => OBJECTION_TAKERS,
        CommandKind::RecordComparison => COMPARERS,
        CommandKind::CountyDecide
        | CommandKind::CountyDecideElimination
        | CommandKind::Reopen
        | CommandKind::OpenGreenChannel
        | CommandKind::Remove
        | CommandKind::DeferElimination => COUNTY,
        CommandKind::AssignResponsible | CommandKind::AddPlan | CommandKind::ChangeTier => {
            ASSIGNERS
        }
        CommandKind::UpdateMeasureStatus => MEASURE_UPDATERS,
        CommandKind::ReviewPlan | CommandKind::StartPlanNotice | CommandKind::EndPlanNotice => {
            VILLAGE
        }
        CommandKind::ReviewRelief => TOWNSHIP,
        CommandKind::FeedBackAlert | CommandKind::StartCampaign => COUNTY,
        CommandKind::LogVisit => VISITORS,
        CommandKind::ProposeElimination => PROPOSERS,
        CommandKind::RequestExtension | CommandKind::PauseClock | CommandKind::ResumeClock => {
            CLOCK_OWNERS
        }
        CommandKind::ApproveExtension => EXTENSION_APPROVERS,
    }
}

/// Role, then scope, then state and policy.
pub(super) fn check_allowed(
    case: &Case,
    kind: CommandKind,
    actor: &Actor,
    policy: &Policy,
    now: NaiveDateTime,
) -> Result<(), Refusal> {
    check_role_and_scope(roles_for(kind), actor, &case.village)?;
    check_state(case, kind, actor, policy, now)
}

/// The actor has one of the `needed` roles and covers the case's village.
pub(super) fn check_role_and_scope(
    needed: &[Role],
    actor: &Actor,
    village: &RegionCode,
) -> Result<(), Refusal> {
    if !needed.contains(&actor.role) {
        return Err(Refusal::WrongRole {
            needed: needed.to_vec(),
        });
    }
    if !actor.covers(village) {
        return Err(Refusal::OutOfScope);
    }
    Ok(())
}

fn check_state(
    case: &Case,
    kind: CommandKind,
    actor: &Actor,
    policy: &Policy,
    now: NaiveDateTime,
) -> Result<(), Refusal> {
    let wrong = Refusal::WrongState {
        state: case.state.code(),
    };
    match kind {
        CommandKind::RequestExtension => check_can_request(case, actor, now),
        CommandKind::ApproveExtension => check_can_approve(case, actor),
        CommandKind::PauseClock => check_can_pause(case, actor),
        CommandKind::ReviewRelief | CommandKind::FeedBackAlert | CommandKind::StartCampaign => {
            super::follow_up::check(case, kind)
        }
        CommandKind::ResumeClock => check_can_resume(case, actor),
        CommandKind::RecordObjection if super::plan_review::objection_is_to_the_plan(case) => {
            Ok(())
        }
        // A line department records what its data showed while the county waits on it;
        // correcting one on record is the county's (a liaison reaching a monitored case
        // through its measure rewrote the comparison: attacker re-tester).
        CommandKind::RecordComparison
            if actor.role == Role::DepartmentLiaison && case.comparison.is_some() =>
        {
            Err(Refusal::WrongRole {
                needed: vec![Role::CountyOfficer, Role::CountyHead],
            })
        }
        _ if !kinds_in_state(&case.state, policy).contains(&kind) => Err(wrong),
        CommandKind::EndNotice => match case.state.review_step() {
            Some((_, ReviewStep::NoticeRunning { min_until, .. })) => {
                let days_left = (min_until - now.date()).num_days();
                if days_left > 0 {
                    Err(Refusal::NoticeTooShort { days_left })
                } else {
                    Ok(())
                }
            }
            Some(_) | None => Err(wrong),
        },
        CommandKind::NotifyRefusal if case.refusal_notified_on.is_some() => Err(wrong),
        CommandKind::AssignResponsible | CommandKind::AddPlan if !assistance_open(case) => {
            Err(wrong)
        }
        CommandKind::UpdateMeasureStatus
            if !assistance_open(case) || !case.measures.iter().any(|m| m.status.can_advance()) =>
        {
            Err(wrong)
        }
        CommandKind::ProposeElimination if super::elimination::backstop_rule_applies(case) => {
            Err(Refusal::NoLabourCannotEliminate)
        }
        CommandKind::ReviewPlan | CommandKind::StartPlanNotice | CommandKind::EndPlanNotice => {
            if assistance_open(case) {
                super::plan_review::check_stage(case, kind, now.date())
            } else {
                Err(wrong)
            }
        }
        CommandKind::DeferElimination => {
            let labour = case.household.as_ref().map(|h| h.labour_capacity());
            if case.elimination_deferred.is_some() {
                Err(wrong)
            } else if !matches!(labour, Some(LabourCapacity::None | LabourCapacity::Partial)) {
                Err(Refusal::NotBackstopHousehold)
            } else if !super::elimination::has_backstop(case) {
                Err(Refusal::NoBackstopMeasure)
            } else {
                Ok(())
            }
        }
        CommandKind::OpenGreenChannel => {
            if case.green_channel {
                Err(Refusal::GreenChannelAlreadyOpen)
            } else if !policy.green_channel_open {
                Err(Refusal::GreenChannelClosed)
            } else if !case.has_sudden_risk() {
                Err(Refusal::NotSuddenRisk)
            } else {
                Ok(())
            }
        }
        CommandKind::Accept
        | CommandKind::RejectOutOfScope
        | CommandKind::RecordHomeCheck
        | CommandKind::HoldVillageReview
        | CommandKind::StartNotice
        | CommandKind::RecordObjection
        | CommandKind::TownshipReview
        | CommandKind::RecordComparison
        | CommandKind::CountyDecide
        | CommandKind::CountyDecideElimination
        | CommandKind::NotifyRefusal
        | CommandKind::AssignResponsible
        | CommandKind::AddPlan
        | CommandKind::UpdateMeasureStatus
        | CommandKind::LogVisit
        | CommandKind::ChangeTier
        | CommandKind::ProposeElimination
        | CommandKind::Reopen
        | CommandKind::Remove => Ok(()),
    }
}

/// Whether a clock of this kind may be paused: every one but the statutory identification
/// limit (15 calendar days from discovery, whatever happens) and the notice minimum.
pub(super) fn can_pause(kind: ClockKind) -> bool {
    match kind {
        ClockKind::IdentificationOverall | ClockKind::NoticeWindow | ClockKind::PlanNotice => false,
        ClockKind::TownshipAcceptance
        | ClockKind::HomeCheck
        | ClockKind::RefusalNotice
        | ClockKind::ResponsibleAssigned
        | ClockKind::AssistanceStarted
        | ClockKind::MonitoringVisit
        | ClockKind::EliminationReview
        | ClockKind::PlanReview
        | ClockKind::ReliefReview
        | ClockKind::AlertFeedback
        | ClockKind::CampaignVisit => true,
    }
}

/// Assistance kinds that run beside a review (identification needs the green channel),
/// with the plan's review and notice.
const ASSIST: [CommandKind; 6] = [
    CommandKind::AssignResponsible,
    CommandKind::AddPlan,
    CommandKind::UpdateMeasureStatus,
    CommandKind::ReviewPlan,
    CommandKind::StartPlanNotice,
    CommandKind::EndPlanNotice,
];

/// Workflow kinds each state admits (extension kinds depend on clocks, not on the state).
/// Listing every state here means a new state forces its rules to be written.
fn kinds_in_state(state: &CaseState, policy: &Policy) -> Vec<CommandKind> {
    use CommandKind as K;
    let monitoring = [K::LogVisit, K::ChangeTier];
    match state {
        CaseState::Reported => vec![K::Accept, K::RejectOutOfScope],
        CaseState::Reviewing { procedure, step } => {
            let own: &[CommandKind] = match step {
                ReviewStep::AwaitingHomeCheck => &[K::RecordHomeCheck],
                ReviewStep::HomeChecked => &[K::HoldVillageReview],
                ReviewStep::VillageReviewed => &[K::StartNotice],
                // Hebei: the township may review while the notice runs.
                ReviewStep::NoticeRunning {
                    township_reviewed: false,
                    ..
                } if policy.notice_parallel_township => {
                    &[K::RecordObjection, K::EndNotice, K::TownshipReview]
                }
                ReviewStep::NoticeRunning { .. } => &[K::RecordObjection, K::EndNotice],
                ReviewStep::NoticeEnded => &[K::TownshipReview],
                ReviewStep::TownshipReviewed => match procedure {
                    Procedure::Identification => &[K::CountyDecide],
                    Procedure::Elimination => &[K::CountyDecideElimination],
                },
            };
            let mut kinds = own.to_vec();
            kinds.extend(ASSIST);
            match procedure {
                Procedure::Identification => match step {
                    ReviewStep::AwaitingHomeCheck => {}
                    ReviewStep::HomeChecked
                    | ReviewStep::VillageReviewed
                    | ReviewStep::NoticeRunning { .. }
                    | ReviewStep::NoticeEnded
                    | ReviewStep::TownshipReviewed => {
                        kinds.push(K::OpenGreenChannel);
                        kinds.push(K::RecordComparison);
                    }
                },
                Procedure::Elimination => {
                    kinds.extend(monitoring);
                    kinds.push(K::Remove);
                }
            }
            kinds
        }
        CaseState::RejectedOutOfScope { .. } | CaseState::NotIdentified { .. } => {
            vec![K::NotifyRefusal]
        }
        CaseState::Monitored => {
            let mut kinds = ASSIST.to_vec();
            kinds.extend(monitoring);
            kinds.extend([
                K::ProposeElimination,
                K::DeferElimination,
                K::RecordComparison,
                K::Remove,
            ]);
            kinds
        }
        CaseState::Eliminated { .. } => vec![K::Reopen, K::LogVisit, K::Remove],
        CaseState::Removed { kind, .. } if kind.notifies_household() => vec![K::NotifyRefusal],
        CaseState::Removed { .. } => Vec::new(),
    }
}

/// Assistance may run: identified (also while elimination is reviewed), or green channel.
pub(super) fn assistance_open(case: &Case) -> bool {
    case.state.is_monitored()
        || (case.green_channel
            && case
                .state
                .review_step()
                .is_some_and(|(p, _)| p == Procedure::Identification))
}

/// Some running clock owned at the actor's level, not yet due, with no request pending.
fn check_can_request(case: &Case, actor: &Actor, now: NaiveDateTime) -> Result<(), Refusal> {
    let level = role_level(actor.role);
    let mine: Vec<_> = case
        .open_clocks()
        .filter(|c| {
            Some(c.owner) == level && c.state == ClockState::Running && !c.kind.is_minimum()
        })
        .collect();
    if mine.is_empty() {
        return Err(Refusal::WrongState {
            state: case.state.code(),
        });
    }
    let free: Vec<_> = mine
        .into_iter()
        .filter(|c| case.pending_extension(c.kind).is_none())
        .collect();
    if free.is_empty() {
        return Err(Refusal::ExtensionPending);
    }
    if free.iter().all(|c| now.date() > c.due_on) {
        return Err(Refusal::ExtensionAfterDue);
    }
    Ok(())
}

/// Some running clock owned at the actor's level that may be paused. When the actor's only
/// running clocks are statutory ones, say so.
fn check_can_pause(case: &Case, actor: &Actor) -> Result<(), Refusal> {
    let level = role_level(actor.role);
    let mine: Vec<_> = case
        .open_clocks()
        .filter(|c| Some(c.owner) == level && c.state == ClockState::Running)
        .collect();
    match mine.iter().find(|c| can_pause(c.kind)) {
        Some(_) => Ok(()),
        None => match mine.first() {
            Some(statutory) => Err(Refusal::ClockNotPausable {
                clock: statutory.kind,
            }),
            None => Err(Refusal::WrongState {
                state: case.state.code(),
            }),
        },
    }
}

/// Some paused clock owned at the actor's level.
fn check_can_resume(case: &Case, actor: &Actor) -> Result<(), Refusal> {
    let level = role_level(actor.role);
    let paused = case
        .open_clocks()
        .any(|c| Some(c.owner) == level && matches!(c.state, ClockState::Paused { .. }));
    if paused {
        Ok(())
    } else {
        Err(Refusal::WrongState {
            state: case.state.code(),
        })
    }
}

/// Some pending request the actor may decide (next level up, not their own).
fn check_can_approve(case: &Case, actor: &Actor) -> Result<(), Refusal> {
    if case.extension_requests.is_empty() {
        return Err(Refusal::NoExtensionPending);
    }
    let approvable: Vec<_> = case
        .extension_requests
        .iter()
        .filter(|r| extension_approvers(r.owner).contains(&actor.role))
        .collect();
    if approvable.is_empty() {
        let mut needed: Vec<Role> = Vec::new();
        for request in &case.extension_requests {
            for role in extension_approvers(request.owner) {
                if !needed.contains(role) {
                    needed.push(*role);
                }
            }
        }
        return Err(Refusal::WrongRole { needed });
    }
    if approvable.iter().all(|r| r.requested_by == actor.user_id) {
        return Err(Refusal::OwnExtension);
    }
    Ok(())
}

impl Case {
    /// The kinds of command this actor may attempt on the case now (the forms to show).
    /// Every kind not listed is refused by [`super::decide`].
    pub fn available_commands(
        &self,
        actor: &Actor,
        policy: &Policy,
        now: NaiveDateTime,
    ) -> Vec<CommandKind> {
        // A liaison updates only its own department's measures: none left, no form.
        let measures_left = actor.role != Role::DepartmentLiaison
            || self
                .measures
                .iter()
                .any(|m| actor.carries_out(m) && m.status.next().is_some());
        let mut kinds: Vec<CommandKind> = CommandKind::ALL
            .into_iter()
            .filter(|kind| check_allowed(self, *kind, actor, policy, now).is_ok())
            .filter(|kind| *kind != CommandKind::UpdateMeasureStatus || measures_left)
            .collect();
        // A colleague's deadline waits on an extension decision: it comes first (the page
        // opens the first step), not below the long forms of the case's own next step. Once
        // a responsible person is named, naming another is a change, not the next step: it
        // goes last, or its empty form would open first as if nothing had been done. So do
        // a data comparison once one is recorded, and more measures once a plan is made.
        let done_once = |kind: &CommandKind| match kind {
            CommandKind::AssignResponsible => self.responsible.is_some(),
            CommandKind::RecordComparison => self.comparison.is_some(),
            CommandKind::AddPlan => !self.measures.is_empty(),
            _ => false,
        };
        kinds.sort_by_key(|kind| match kind {
            CommandKind::ApproveExtension => 0,
            kind if done_once(kind) => 2,
            _ => 1,
        });
        kinds
    }
}
