//! One row per command kind: allowed for the right role, refused for a wrong role, refused
//! out of scope, refused with bad data, refused from a wrong state.

use chrono::Duration;

use crate::domain::clock::ClockKind;
use crate::domain::vocab::{Category, RiskTier};

use super::super::*;
use super::setups::*;
use super::support::*;

pub(super) type Setup = fn() -> Journey;
pub(super) type Make = fn(&Journey) -> CaseCommand;

pub(super) struct Row {
    pub(super) kind: CommandKind,
    pub(super) from: Setup,
    pub(super) command: Make,
    pub(super) role: Role,
    pub(super) expect_state: &'static str,
    pub(super) wrong_role: Role,
    pub(super) bad_data: Option<(Make, Refusal)>,
    pub(super) wrong_from: Setup,
    pub(super) wrong_refusal: fn(&Journey) -> Refusal,
}

pub(super) fn wrong_state(j: &Journey) -> Refusal {
    Refusal::WrongState { state: j.state() }
}

fn rows() -> Vec<Row> {
    let mut rows = core_rows();
    rows.extend(super::transitions_engine::rows());
    rows
}

fn core_rows() -> Vec<Row> {
    vec![
        Row {
            kind: CommandKind::Accept,
            from: reported,
            command: |_| CaseCommand::ACCEPT,
            role: Role::TownshipOfficer,
            expect_state: "accepted",
            wrong_role: Role::VillageCadre,
            bad_data: None,
            wrong_from: accepted,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::RejectOutOfScope,
            from: reported,
            command: |_| CaseCommand::RejectOutOfScope {
                reason: "非本县户籍".to_owned(),
            },
            role: Role::TownshipHead,
            expect_state: "rejected_out_of_scope",
            wrong_role: Role::CountyOfficer,
            bad_data: Some((
                |_| CaseCommand::RejectOutOfScope {
                    reason: "  ".to_owned(),
                },
                Refusal::MissingData { field: "reason" },
            )),
            wrong_from: accepted,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::RecordHomeCheck,
            from: accepted,
            command: |j| CaseCommand::RecordHomeCheck {
                record: poor_record(j.today()),
            },
            role: Role::TownshipOfficer,
            expect_state: "home_checked",
            wrong_role: Role::Household,
            bad_data: Some((
                |j| CaseCommand::RecordHomeCheck {
                    record: HomeCheckRecord {
                        consent_signed: false,
                        ..poor_record(j.today())
                    },
                },
                Refusal::ConsentNotSigned,
            )),
            wrong_from: reported,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::HoldVillageReview,
            from: home_checked,
            command: |j| CaseCommand::HoldVillageReview {
                date: j.today(),
                outcome: VillageOutcome::Pass,
            },
            role: Role::VillageCadre,
            expect_state: "village_reviewed",
            wrong_role: Role::TownshipOfficer,
            bad_data: Some((
                |j| CaseCommand::HoldVillageReview {
                    date: j.today() + Duration::days(1),
                    outcome: VillageOutcome::Pass,
                },
                Refusal::DateAfterToday { field: "date" },
            )),
            wrong_from: accepted,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::StartNotice,
            from: village_reviewed,
            command: |j| CaseCommand::StartNotice { from: j.today() },
            role: Role::VillageCadre,
            expect_state: "notice_running",
            wrong_role: Role::CountyHead,
            bad_data: Some((
                |j| CaseCommand::StartNotice {
                    from: j.today() + Duration::days(1),
                },
                Refusal::DateAfterToday { field: "date" },
            )),
            wrong_from: home_checked,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::RecordObjection,
            from: notice_running,
            command: |_| CaseCommand::RecordObjection {
                text: "该户有经营性车辆".to_owned(),
            },
            role: Role::HotlineOperator,
            expect_state: "accepted",
            wrong_role: Role::CountyOfficer,
            bad_data: Some((
                |_| CaseCommand::RecordObjection {
                    text: String::new(),
                },
                Refusal::MissingData { field: "text" },
            )),
            wrong_from: village_reviewed,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::EndNotice,
            from: notice_over,
            command: |_| CaseCommand::EndNotice,
            role: Role::VillageCadre,
            expect_state: "notice_ended",
            wrong_role: Role::TownshipOfficer,
            bad_data: None,
            wrong_from: notice_running,
            wrong_refusal: |_| Refusal::NoticeTooShort { days_left: 5 },
        },
        Row {
            kind: CommandKind::TownshipReview,
            from: notice_ended,
            command: |_| CaseCommand::TownshipReview {
                approve: true,
                note: String::new(),
            },
            role: Role::TownshipOfficer,
            expect_state: "township_reviewed",
            wrong_role: Role::VillageCadre,
            bad_data: Some((
                |_| CaseCommand::TownshipReview {
                    approve: false,
                    note: String::new(),
                },
                Refusal::MissingData { field: "note" },
            )),
            wrong_from: notice_running,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::RecordComparison,
            from: home_checked,
            command: |_| CaseCommand::RecordComparison {
                hits: vec![screening::NegativeItem::PrivateCar],
                note: "公安车辆数据".to_owned(),
            },
            role: Role::DepartmentLiaison,
            expect_state: "home_checked",
            wrong_role: Role::TownshipOfficer,
            bad_data: None,
            wrong_from: accepted,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::CountyDecide,
            from: compared,
            command: |_| CaseCommand::CountyDecide {
                decision: IdentificationDecision::Identify {
                    category: Category::Marginal,
                    tier: RiskTier::Red,
                    note: String::new(),
                },
            },
            role: Role::CountyOfficer,
            expect_state: "identified",
            wrong_role: Role::TownshipHead,
            bad_data: Some((
                |_| CaseCommand::CountyDecide {
                    decision: IdentificationDecision::NotIdentify {
                        reason: String::new(),
                    },
                },
                Refusal::MissingData { field: "reason" },
            )),
            wrong_from: notice_ended,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::CountyDecideElimination,
            from: elimination_township_reviewed,
            command: |_| CaseCommand::CountyDecideElimination {
                decision: EliminationDecision::Eliminate,
            },
            role: Role::CountyHead,
            expect_state: "eliminated",
            wrong_role: Role::TownshipHead,
            bad_data: Some((
                |_| CaseCommand::CountyDecideElimination {
                    decision: EliminationDecision::KeepMonitoring {
                        reason: String::new(),
                    },
                },
                Refusal::MissingData { field: "reason" },
            )),
            wrong_from: township_reviewed,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::NotifyRefusal,
            from: not_identified,
            command: |j| CaseCommand::NotifyRefusal { on: j.today() },
            role: Role::TownshipOfficer,
            expect_state: "not_identified",
            wrong_role: Role::CountyOfficer,
            bad_data: Some((
                |j| CaseCommand::NotifyRefusal {
                    on: j.today() + Duration::days(2),
                },
                Refusal::DateAfterToday { field: "date" },
            )),
            wrong_from: identified,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::AssignResponsible,
            from: identified,
            command: |_| CaseCommand::AssignResponsible {
                person: "刘帮扶".to_owned(),
                mobile: crate::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
            },
            role: Role::TownshipHead,
            expect_state: "identified",
            wrong_role: Role::VillageCadre,
            bad_data: Some((
                |_| CaseCommand::AssignResponsible {
                    person: " ".to_owned(),
                    mobile: crate::domain::mobile::MobileNumber::parse("13800138000")
                        .expect("mobile"),
                },
                Refusal::MissingData { field: "person" },
            )),
            wrong_from: township_reviewed,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::AddPlan,
            from: identified,
            command: |j| CaseCommand::AddPlan {
                measures: vec![measure(MeasureStatus::InProgress, j.today())],
            },
            role: Role::CountyOfficer,
            expect_state: "identified",
            wrong_role: Role::Household,
            bad_data: Some((
                |_| CaseCommand::AddPlan {
                    measures: Vec::new(),
                },
                Refusal::MissingData { field: "measures" },
            )),
            wrong_from: eliminated,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::UpdateMeasureStatus,
            from: with_plan,
            command: |_| CaseCommand::UpdateMeasureStatus {
                index: 0,
                status: MeasureStatus::InProgress,
            },
            role: Role::DepartmentLiaison,
            expect_state: "identified",
            wrong_role: Role::VillageCadre,
            bad_data: Some((
                |_| CaseCommand::UpdateMeasureStatus {
                    index: 7,
                    status: MeasureStatus::InProgress,
                },
                Refusal::UnknownMeasure { index: 7 },
            )),
            wrong_from: identified,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::LogVisit,
            from: identified,
            command: |j| CaseCommand::LogVisit {
                date: j.today(),
                notes: "家中无变化".to_owned(),
                new_tier: None,
            },
            role: Role::VillageCadre,
            expect_state: "identified",
            wrong_role: Role::DepartmentLiaison,
            bad_data: Some((
                |j| CaseCommand::LogVisit {
                    date: j.today(),
                    notes: String::new(),
                    new_tier: None,
                },
                Refusal::MissingData { field: "notes" },
            )),
            wrong_from: township_reviewed,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::ChangeTier,
            from: identified,
            command: |_| CaseCommand::ChangeTier {
                tier: RiskTier::Red,
                reason: "病情加重".to_owned(),
            },
            role: Role::CountyOfficer,
            expect_state: "identified",
            wrong_role: Role::VillageCadre,
            bad_data: Some((
                |_| CaseCommand::ChangeTier {
                    tier: RiskTier::Yellow,
                    reason: "同级".to_owned(),
                },
                Refusal::InvalidData { field: "tier" },
            )),
            wrong_from: eliminated,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::ProposeElimination,
            from: ready_to_propose,
            command: |_| CaseCommand::ProposeElimination {
                checklist: EliminationChecklist::ALL_MET,
            },
            role: Role::VillageCadre,
            expect_state: "elimination_proposed",
            wrong_role: Role::CountyOfficer,
            bad_data: Some((
                |_| CaseCommand::ProposeElimination {
                    checklist: EliminationChecklist {
                        rigid_spending_resolved: false,
                        ..EliminationChecklist::ALL_MET
                    },
                },
                Refusal::CriteriaNotMet {
                    which: "rigid_spending_resolved",
                },
            )),
            wrong_from: township_reviewed,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::Reopen,
            from: eliminated,
            command: |_| CaseCommand::Reopen {
                reason: "季度回访发现因病返贫".to_owned(),
                tier: RiskTier::Red,
            },
            role: Role::CountyOfficer,
            expect_state: "identified",
            wrong_role: Role::TownshipOfficer,
            bad_data: Some((
                |_| CaseCommand::Reopen {
                    reason: String::new(),
                    tier: RiskTier::Red,
                },
                Refusal::MissingData { field: "reason" },
            )),
            wrong_from: identified,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::OpenGreenChannel,
            from: green_home_checked,
            command: open_green,
            role: Role::CountyOfficer,
            expect_state: "home_checked",
            wrong_role: Role::TownshipOfficer,
            bad_data: None,
            wrong_from: home_checked,
            wrong_refusal: |_| Refusal::GreenChannelClosed,
        },
        Row {
            kind: CommandKind::RequestExtension,
            from: accepted,
            command: |_| CaseCommand::RequestExtension {
                clock: ClockKind::HomeCheck,
                days: 2,
                reason: "农户外出务工".to_owned(),
            },
            role: Role::VillageCadre,
            expect_state: "accepted",
            wrong_role: Role::Household,
            bad_data: Some((
                |_| CaseCommand::RequestExtension {
                    clock: ClockKind::HomeCheck,
                    days: 0,
                    reason: "农户外出务工".to_owned(),
                },
                Refusal::InvalidData { field: "days" },
            )),
            wrong_from: not_identified,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::ApproveExtension,
            from: extension_requested,
            command: |_| CaseCommand::ApproveExtension {
                clock: ClockKind::HomeCheck,
                approve: true,
            },
            role: Role::TownshipOfficer,
            expect_state: "accepted",
            wrong_role: Role::VillageCadre,
            bad_data: Some((
                |_| CaseCommand::ApproveExtension {
                    clock: ClockKind::IdentificationOverall,
                    approve: true,
                },
                Refusal::NoExtensionPending,
            )),
            wrong_from: accepted,
            wrong_refusal: |_| Refusal::NoExtensionPending,
        },
        Row {
            kind: CommandKind::PauseClock,
            from: accepted,
            command: |_| CaseCommand::PauseClock {
                clock: ClockKind::HomeCheck,
                reason: "农户外出，无法入户".to_owned(),
            },
            role: Role::VillageCadre,
            expect_state: "accepted",
            wrong_role: Role::Household,
            bad_data: Some((
                |_| CaseCommand::PauseClock {
                    clock: ClockKind::HomeCheck,
                    reason: "  ".to_owned(),
                },
                Refusal::MissingData { field: "reason" },
            )),
            wrong_from: not_identified,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::ResumeClock,
            from: home_check_paused,
            command: |_| CaseCommand::ResumeClock {
                clock: ClockKind::HomeCheck,
            },
            role: Role::VillageCadre,
            expect_state: "accepted",
            wrong_role: Role::Household,
            bad_data: Some((
                |_| CaseCommand::ResumeClock {
                    clock: ClockKind::NoticeWindow,
                },
                Refusal::NoSuchClock {
                    clock: ClockKind::NoticeWindow,
                },
            )),
            wrong_from: accepted,
            wrong_refusal: wrong_state,
        },
    ]
}

#[test]
fn the_table_covers_every_command_kind() {
    let mut kinds: Vec<_> = rows().iter().map(|r| r.kind).collect();
    kinds.sort();
    assert_eq!(kinds, CommandKind::ALL.to_vec());
}

#[test]
fn every_command_is_allowed_for_its_role_in_its_state() {
    for row in rows() {
        let mut j = (row.from)();
        let command = (row.command)(&j);
        assert_eq!(command.kind(), row.kind);
        assert!(
            j.case
                .available_commands(&j.actor_for(row.role, &command), &j.policy, j.now)
                .contains(&row.kind),
            "{:?} not offered",
            row.kind
        );
        j.act(row.role, command);
        assert_eq!(j.state(), row.expect_state, "{:?}", row.kind);
    }
}

#[test]
fn every_command_is_refused_for_a_wrong_role() {
    for row in rows() {
        let j = (row.from)();
        let refusal = j.try_role(row.wrong_role, &(row.command)(&j));
        assert!(
            matches!(refusal, Err(Refusal::WrongRole { ref needed }) if needed.contains(&row.role)),
            "{:?} by {:?}: {refusal:?}",
            row.kind,
            row.wrong_role
        );
        assert!(!j
            .case
            .available_commands(&actor(row.wrong_role), &j.policy, j.now)
            .contains(&row.kind));
    }
}

#[test]
fn every_command_is_refused_out_of_scope() {
    for row in rows() {
        let j = (row.from)();
        let refusal = j.try_as(&outsider(row.role), &(row.command)(&j));
        assert_eq!(refusal, Err(Refusal::OutOfScope), "{:?}", row.kind);
    }
}

#[test]
fn every_command_with_data_is_refused_when_data_is_missing_or_wrong() {
    for row in rows() {
        let Some((make, expected)) = row.bad_data else {
            continue;
        };
        let j = (row.from)();
        assert_eq!(
            j.try_role(row.role, &make(&j)),
            Err(expected),
            "{:?}",
            row.kind
        );
    }
}

#[test]
fn every_command_is_refused_from_a_wrong_state() {
    for row in rows() {
        let j = (row.wrong_from)();
        let refusal = j.try_role(row.role, &(row.command)(&j));
        assert_eq!(refusal, Err((row.wrong_refusal)(&j)), "{:?}", row.kind);
        assert!(!j
            .case
            .available_commands(&actor(row.role), &j.policy, j.now)
            .contains(&row.kind));
    }
}
