//! Extensions and pauses: only the clock's own level asks, before the due date, the next
//! level up decides; pauses never reset a clock and the statutory limit never pauses.

use crate::domain::clock::{ClockKind, ClockState, Level};
use crate::domain::message::UserMessage;

use super::super::*;
use super::support::*;

use ClockKind as K;

#[test]
fn an_extension_is_requested_by_the_owner_before_due_and_approved_one_level_up() {
    let mut j = at("accepted");
    let due = clock(&j, K::HomeCheck).due_on;
    let request = CaseCommand::RequestExtension {
        clock: K::HomeCheck,
        days: 2,
        reason: "农户外出务工".to_owned(),
    };
    assert!(matches!(
        j.try_role(
            Role::CountyOfficer,
            &CaseCommand::RequestExtension {
                clock: K::HomeCheck,
                days: 2,
                reason: "x".to_owned(),
            },
        ),
        Err(Refusal::WrongRole { .. })
    ));
    j.act(Role::VillageCadre, request.clone());
    assert_eq!(
        j.try_role(Role::VillageCadre, &request),
        Err(Refusal::ExtensionPending)
    );
    let approve = CaseCommand::ApproveExtension {
        clock: K::HomeCheck,
        approve: true,
    };
    assert!(matches!(
        j.try_role(Role::CountyHead, &approve),
        Err(Refusal::WrongRole { .. })
    ));
    // The approver's page opens the decision first, above the case's other steps.
    let steps = j
        .case
        .available_commands(&actor(Role::TownshipOfficer), &j.policy, j.now);
    assert_eq!(
        steps.first(),
        Some(&CommandKind::ApproveExtension),
        "{steps:?}"
    );
    assert!(
        steps.contains(&CommandKind::RecordHomeCheck),
        "below it, the officer's own next step: {steps:?}"
    );
    j.days(10).act(Role::TownshipHead, approve);
    let home = clock(&j, K::HomeCheck);
    assert_eq!(home.extended, 1);
    assert_eq!(home.due_on, date(2025, 3, 10));
    assert!(home.due_on > due);
    assert!(j.case.extension_requests.is_empty());
}

#[test]
fn an_extension_cannot_be_requested_after_the_due_date() {
    let mut j = at("accepted");
    j.days(4);
    let request = CaseCommand::RequestExtension {
        clock: K::HomeCheck,
        days: 2,
        reason: "农户外出务工".to_owned(),
    };
    assert_eq!(
        j.try_role(Role::VillageCadre, &request),
        Err(Refusal::ExtensionAfterDue)
    );
}

#[test]
fn an_extension_longer_than_the_limit_is_refused() {
    let j = at("accepted");
    let max = crate::domain::clock::MAX_EXTENSION_WORKING_DAYS;
    for days in [0, max + 1, 999] {
        let request = CaseCommand::RequestExtension {
            clock: K::HomeCheck,
            days,
            reason: "农户外出务工".to_owned(),
        };
        assert_eq!(
            j.try_role(Role::VillageCadre, &request),
            Err(Refusal::InvalidData { field: "days" }),
            "{days}"
        );
    }
}

#[test]
fn nobody_approves_their_own_extension() {
    let mut j = at("identified");
    let head = Actor::new("head-1", Role::CountyHead, region(COUNTY));
    let request = CaseCommand::RequestExtension {
        clock: K::AssistanceStarted,
        days: 5,
        reason: "部门资金未到位".to_owned(),
    };
    j.act_as(&head, request);
    let approve = CaseCommand::ApproveExtension {
        clock: K::AssistanceStarted,
        approve: false,
    };
    assert_eq!(j.try_as(&head, &approve), Err(Refusal::OwnExtension));
    let other = Actor::new("head-2", Role::CountyHead, region(COUNTY));
    let due = clock(&j, K::AssistanceStarted).due_on;
    j.act_as(&other, approve);
    assert_eq!(clock(&j, K::AssistanceStarted).due_on, due);
    assert!(j.case.extension_requests.is_empty());
}

fn pause(kind: ClockKind) -> CaseCommand {
    CaseCommand::PauseClock {
        clock: kind,
        reason: "农户住院，无法入户".to_owned(),
    }
}

#[test]
fn a_paused_clock_resumed_three_working_days_later_is_due_three_working_days_later() {
    // Accepted Monday 2025-03-03; the home check is due Thursday 03-06.
    let mut j = at("accepted");
    let due = clock(&j, K::HomeCheck).due_on;
    assert_eq!(due, date(2025, 3, 6));
    // Paused Tuesday 03-04 with two working days left.
    j.days(1).act(Role::VillageCadre, pause(K::HomeCheck));
    let paused = clock(&j, K::HomeCheck);
    assert_eq!(
        paused.state,
        ClockState::Paused {
            remaining_working_days: 2
        }
    );
    assert_eq!(paused.due_on, due);
    assert!(
        j.case.open_clock(K::HomeCheck).is_some(),
        "a paused clock is open"
    );
    // Resumed Friday 03-07: three working days later (Wed, Thu, Fri).
    j.days(3).act(
        Role::VillageCadre,
        CaseCommand::ResumeClock {
            clock: K::HomeCheck,
        },
    );
    let resumed = clock(&j, K::HomeCheck);
    assert_eq!(resumed.state, ClockState::Running);
    assert_eq!(resumed.due_on, j.cal.add_working_days(due, 3));
    assert_eq!(resumed.due_on, date(2025, 3, 11));
    assert_eq!(
        resumed.started_on, paused.started_on,
        "a pause never resets a clock"
    );
    let lines: Vec<_> = j.events.iter().filter_map(labels::event_zh).collect();
    assert!(lines.contains(&"暂停计时（入户核查）：农户住院，无法入户".to_owned()));
    assert!(lines.contains(&"恢复计时（入户核查）".to_owned()));
}

#[test]
fn only_the_clock_owners_level_may_pause_or_resume_it() {
    let mut j = at("accepted");
    for role in [Role::Household, Role::HotlineOperator, Role::CountyAdmin] {
        assert!(matches!(
            j.try_role(role, &pause(K::HomeCheck)),
            Err(Refusal::WrongRole { .. })
        ));
    }
    // The township owns no running clock here.
    assert_eq!(
        j.try_role(Role::TownshipOfficer, &pause(K::HomeCheck)),
        Err(Refusal::WrongState { state: "accepted" })
    );
    j.act(Role::VillageCadre, pause(K::HomeCheck));
    assert!(!j
        .case
        .available_commands(&actor(Role::TownshipHead), &j.policy, j.now)
        .contains(&CommandKind::ResumeClock));
    assert!(j
        .case
        .available_commands(&actor(Role::VillageCadre), &j.policy, j.now)
        .contains(&CommandKind::ResumeClock));
    // Identified: the county owns the assistance clock, the village the visit clock.
    let j = at("identified");
    assert_eq!(
        j.try_role(Role::TownshipOfficer, &pause(K::AssistanceStarted)),
        Err(Refusal::WrongRole {
            needed: vec![Role::CountyOfficer, Role::CountyHead]
        })
    );
    assert!(j
        .try_role(Role::CountyHead, &pause(K::AssistanceStarted))
        .is_ok());
}

#[test]
fn the_statutory_identification_limit_cannot_be_paused() {
    let j = at("accepted");
    let refusal = Refusal::ClockNotPausable {
        clock: K::IdentificationOverall,
    };
    assert_eq!(
        j.try_role(Role::CountyOfficer, &pause(K::IdentificationOverall)),
        Err(refusal.clone())
    );
    assert!(!j
        .case
        .available_commands(&actor(Role::CountyOfficer), &j.policy, j.now)
        .contains(&CommandKind::PauseClock));
    assert!(refusal.zh().contains("不能暂停"));
    assert!(refusal.en().contains("cannot be paused"));
    // Not even by the owner of another running clock.
    let j = at("identified");
    assert_eq!(
        j.try_role(Role::CountyOfficer, &pause(K::IdentificationOverall)),
        Err(refusal)
    );
}

#[test]
fn only_a_paused_clock_resumes_and_only_a_running_one_pauses() {
    // Elimination proposed: the village owns the home check and the visit clock.
    let mut j = at("elimination_proposed");
    let resume = |kind| CaseCommand::ResumeClock { clock: kind };
    assert_eq!(
        j.try_role(Role::VillageCadre, &resume(K::HomeCheck)),
        Err(Refusal::WrongState {
            state: "elimination_proposed"
        })
    );
    j.act(Role::VillageCadre, pause(K::HomeCheck));
    assert_eq!(
        j.try_role(Role::VillageCadre, &resume(K::MonitoringVisit)),
        Err(Refusal::ClockNotPaused {
            clock: K::MonitoringVisit
        })
    );
    assert_eq!(
        j.try_role(Role::VillageCadre, &pause(K::HomeCheck)),
        Err(Refusal::ClockNotRunning {
            clock: K::HomeCheck
        })
    );
    // A paused clock is not extended; a clock with a pending extension is not paused.
    assert_eq!(
        j.try_role(
            Role::VillageCadre,
            &CaseCommand::RequestExtension {
                clock: K::HomeCheck,
                days: 2,
                reason: "农户外出".to_owned(),
            }
        ),
        Err(Refusal::NoSuchClock {
            clock: K::HomeCheck
        })
    );
    j.act(
        Role::VillageCadre,
        CaseCommand::RequestExtension {
            clock: K::MonitoringVisit,
            days: 2,
            reason: "农户外出".to_owned(),
        },
    );
    assert_eq!(
        j.try_role(Role::VillageCadre, &pause(K::MonitoringVisit)),
        Err(Refusal::ExtensionPending)
    );
}

#[test]
fn a_step_sent_back_or_another_step_leaves_running_and_paused_clocks_alone() {
    let mut j = at("notice_running");
    let overall = clock(&j, K::IdentificationOverall);
    j.act(
        Role::VillageCadre,
        CaseCommand::RecordObjection {
            text: "邻居反映有收入".to_owned(),
        },
    );
    assert_eq!(
        clock(&j, K::IdentificationOverall),
        overall,
        "sent back, not reset"
    );
    let mut j = at("identified");
    j.act(Role::VillageCadre, pause(K::MonitoringVisit));
    let paused = clock(&j, K::MonitoringVisit);
    j.days(2).act(
        Role::TownshipOfficer,
        CaseCommand::AssignResponsible {
            person: "刘帮扶".to_owned(),
            mobile: crate::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
        },
    );
    assert_eq!(clock(&j, K::MonitoringVisit), paused);
}

#[test]
fn elimination_cancels_paused_clocks_too() {
    let mut j = at("elimination_township_reviewed");
    let paused: Vec<ClockKind> = j
        .case
        .open_clocks()
        .filter(|c| c.owner == Level::Village && c.state == ClockState::Running)
        .map(|c| c.kind)
        .collect();
    assert!(!paused.is_empty());
    for kind in &paused {
        j.act(Role::VillageCadre, pause(*kind));
    }
    j.act(
        Role::CountyOfficer,
        CaseCommand::CountyDecideElimination {
            decision: EliminationDecision::Eliminate,
        },
    );
    assert_eq!(j.state(), "eliminated");
    assert_eq!(j.open_kinds(), vec![ClockKind::MonitoringVisit]);
    assert!(j.case.open_clocks().all(|c| c.state == ClockState::Running));
}
