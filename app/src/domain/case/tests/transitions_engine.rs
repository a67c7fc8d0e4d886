//! Transition rows for the commands of issue 10 (removal, deferral, plan review and notice,
//! relief review, alert feedback, campaign); the tests live in `transitions`.

use chrono::Duration;

use super::super::reversal::RemovalKind;
use super::super::*;
use super::setups::*;
use super::transitions::{wrong_state, Row};

pub(super) fn rows() -> Vec<Row> {
    vec![
        Row {
            kind: CommandKind::Remove,
            from: identified,
            command: |_| CaseCommand::Remove {
                kind: RemovalKind::MovedAway,
                reason: "整户迁往外省".to_owned(),
            },
            role: Role::CountyHead,
            expect_state: "removed",
            wrong_role: Role::TownshipHead,
            bad_data: Some((
                |_| CaseCommand::Remove {
                    kind: RemovalKind::NegativeList,
                    reason: "家有小轿车".to_owned(),
                },
                Refusal::NoNegativeListHit,
            )),
            wrong_from: township_reviewed,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::DeferElimination,
            from: no_labour_backstopped,
            command: |_| CaseCommand::DeferElimination {
                reason: "无劳动能力，已纳入低保".to_owned(),
            },
            role: Role::CountyOfficer,
            expect_state: "identified",
            wrong_role: Role::VillageCadre,
            bad_data: Some((
                |_| CaseCommand::DeferElimination {
                    reason: " ".to_owned(),
                },
                Refusal::MissingData { field: "reason" },
            )),
            wrong_from: eliminated,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::ReviewPlan,
            from: with_plan,
            command: |j| CaseCommand::ReviewPlan {
                date: j.today(),
                outcome: VillageOutcome::Pass,
            },
            role: Role::VillageCadre,
            expect_state: "identified",
            wrong_role: Role::TownshipOfficer,
            bad_data: Some((
                |j| CaseCommand::ReviewPlan {
                    date: j.today() + Duration::days(1),
                    outcome: VillageOutcome::Pass,
                },
                Refusal::DateAfterToday { field: "date" },
            )),
            wrong_from: identified,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::StartPlanNotice,
            from: plan_reviewed,
            command: |j| CaseCommand::StartPlanNotice { from: j.today() },
            role: Role::VillageCadre,
            expect_state: "identified",
            wrong_role: Role::CountyHead,
            bad_data: Some((
                |j| CaseCommand::StartPlanNotice {
                    from: j.today() + Duration::days(1),
                },
                Refusal::DateAfterToday { field: "date" },
            )),
            wrong_from: with_plan,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::EndPlanNotice,
            from: plan_notice_over,
            command: |_| CaseCommand::EndPlanNotice,
            role: Role::VillageCadre,
            expect_state: "identified",
            wrong_role: Role::TownshipOfficer,
            bad_data: None,
            wrong_from: plan_notice_running,
            wrong_refusal: |_| Refusal::NoticeTooShort { days_left: 5 },
        },
        Row {
            kind: CommandKind::ReviewRelief,
            from: on_temporary_relief,
            command: |_| CaseCommand::ReviewRelief {
                note: "仍无稳定收入，转为低保".to_owned(),
            },
            role: Role::TownshipOfficer,
            expect_state: "identified",
            wrong_role: Role::VillageCadre,
            bad_data: Some((
                |_| CaseCommand::ReviewRelief {
                    note: String::new(),
                },
                Refusal::MissingData { field: "note" },
            )),
            wrong_from: identified,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::FeedBackAlert,
            from: alert_identified,
            command: |_| CaseCommand::FeedBackAlert {
                note: "已认定为监测对象，落实医疗保障".to_owned(),
            },
            role: Role::CountyOfficer,
            expect_state: "identified",
            wrong_role: Role::TownshipOfficer,
            bad_data: Some((
                |_| CaseCommand::FeedBackAlert {
                    note: " ".to_owned(),
                },
                Refusal::MissingData { field: "note" },
            )),
            wrong_from: identified,
            wrong_refusal: wrong_state,
        },
        Row {
            kind: CommandKind::StartCampaign,
            from: identified,
            command: |j| CaseCommand::StartCampaign {
                name: "年度集中排查".to_owned(),
                until: j.today() + Duration::days(30),
            },
            role: Role::CountyHead,
            expect_state: "identified",
            wrong_role: Role::VillageCadre,
            bad_data: Some((
                |j| CaseCommand::StartCampaign {
                    name: "年度集中排查".to_owned(),
                    until: j.today(),
                },
                Refusal::InvalidData { field: "date" },
            )),
            wrong_from: reported,
            wrong_refusal: wrong_state,
        },
    ]
}
