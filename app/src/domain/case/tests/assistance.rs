//! After identification: responsible person and measures, visits by tier, elimination by the
//! same four steps (never for a household where nobody can work), the quarterly re-check,
//! reopening and the green channel.

use chrono::Duration;

use crate::domain::clock::{ClockKind, ClockState, Level};
use crate::domain::message::UserMessage;
use crate::domain::vocab::{Channel, LabourCapacity, RiskTier, RiskType};

use super::super::*;
use super::support::*;

use ClockKind as K;

#[test]
fn assigning_a_responsible_person_and_starting_a_measure_meet_their_clocks() {
    let mut j = at("identified");
    let today = j.today();
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AssignResponsible {
            person: "刘帮扶".to_owned(),
            mobile: crate::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
        },
    );
    assert!(matches!(
        clock(&j, K::ResponsibleAssigned).state,
        ClockState::Met { .. }
    ));
    // Naming another person is still possible, but no longer the step the page opens first.
    let offered = j
        .case
        .available_commands(&actor(Role::TownshipOfficer), &j.policy, j.now);
    assert_eq!(offered.first(), Some(&CommandKind::AddPlan), "{offered:?}");
    assert_eq!(offered.last(), Some(&CommandKind::AssignResponsible));
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![measure(MeasureStatus::Planned, today)],
        },
    );
    assert_eq!(j.case.assistance_stage(), AssistanceStage::PlanMade);
    // More measures can still be added, but that is not the step the page opens first.
    let offered = j
        .case
        .available_commands(&actor(Role::TownshipOfficer), &j.policy, j.now);
    assert!(offered.contains(&CommandKind::AddPlan), "{offered:?}");
    assert_ne!(offered.first(), Some(&CommandKind::AddPlan), "{offered:?}");
    assert!(j.case.open_clock(K::AssistanceStarted).is_some());
    j.act(
        Role::DepartmentLiaison,
        CaseCommand::UpdateMeasureStatus {
            index: 0,
            status: MeasureStatus::InProgress,
        },
    );
    assert!(matches!(
        clock(&j, K::AssistanceStarted).state,
        ClockState::Met { .. }
    ));
    assert_eq!(j.case.assistance_stage(), AssistanceStage::Assisting);
    // The day it began is kept: the household reads it, not the plan's day.
    assert_eq!(j.case.measures[0].started_on, Some(j.today()));
    assert_eq!(
        j.try_role(
            Role::DepartmentLiaison,
            &CaseCommand::UpdateMeasureStatus {
                index: 0,
                status: MeasureStatus::Planned,
            },
        ),
        Err(Refusal::MeasureStatusBackwards)
    );
}

#[test]
fn each_visit_meets_the_visit_clock_and_starts_the_next_by_the_new_tier() {
    let mut j = at("identified");
    j.days(10);
    let today = j.today();
    j.act(
        Role::VillageCadre,
        CaseCommand::LogVisit {
            date: today,
            notes: "病情加重".to_owned(),
            new_tier: Some(RiskTier::Red),
        },
    );
    let visits: Vec<_> = j
        .case
        .clocks
        .iter()
        .filter(|c| c.kind == K::MonitoringVisit)
        .collect();
    assert_eq!(visits.len(), 2);
    assert_eq!(visits[0].state, ClockState::Met { on: today });
    assert_eq!(visits[1].started_on, today);
    assert_eq!(visits[1].due_on, today + Duration::days(15));
    assert_eq!(j.case.tier, Some(RiskTier::Red));
    // Picking the tier it has is no change: the history must not say it changed (tester).
    j.act(
        Role::VillageCadre,
        CaseCommand::LogVisit {
            date: today,
            notes: "仍需关注".to_owned(),
            new_tier: Some(RiskTier::Red),
        },
    );
    let logged = j.events.iter().rev().find_map(|e| match &e.kind {
        EventKind::VisitLogged { new_tier, .. } => Some(*new_tier),
        _ => None,
    });
    assert_eq!(logged, Some(None));
}

#[test]
fn a_tier_change_retimes_the_visit_clock_from_its_own_start() {
    let mut j = at("identified");
    let started = clock(&j, K::MonitoringVisit).started_on;
    j.days(3).act(
        Role::CountyOfficer,
        CaseCommand::ChangeTier {
            tier: RiskTier::Red,
            reason: "突发重病".to_owned(),
        },
    );
    let visit = clock(&j, K::MonitoringVisit);
    assert_eq!(visit.started_on, started);
    assert_eq!(visit.due_on, started + Duration::days(15));
    assert_eq!(
        j.case
            .open_clocks()
            .filter(|c| c.kind == K::MonitoringVisit)
            .count(),
        1
    );
}

#[test]
fn elimination_runs_the_same_four_steps_and_closes_every_clock() {
    let mut j = at("elimination_proposed");
    assert!(j.case.open_clock(K::EliminationReview).is_some());
    assert!(j.case.open_clock(K::HomeCheck).is_some());
    j.until("elimination_notice_running");
    j.until("eliminated");
    assert_eq!(
        j.open_kinds(),
        vec![K::MonitoringVisit],
        "every review clock is closed; only the quarterly re-check runs"
    );
    assert_eq!(j.case.eliminated_on, Some(j.today()));
}

#[test]
fn an_eliminated_household_is_re_checked_every_quarter() {
    let mut j = at("eliminated");
    let recheck = clock(&j, K::MonitoringVisit);
    // Three months end on Saturday 2025-06-28: the period rule moves it to Monday.
    assert_eq!(
        (recheck.owner, recheck.due_on),
        (
            Level::Village,
            j.cal
                .next_working_day_on_or_after(j.today() + chrono::Months::new(3))
        )
    );
    j.days(80);
    let today = j.today();
    assert_eq!(
        j.try_role(
            Role::VillageCadre,
            &CaseCommand::LogVisit {
                date: today,
                notes: "收入稳定".to_owned(),
                new_tier: Some(RiskTier::Red),
            }
        ),
        Err(Refusal::InvalidData { field: "new_tier" }),
        "a household at risk again is reopened, not re-tiered"
    );
    j.act(
        Role::VillageCadre,
        CaseCommand::LogVisit {
            date: today,
            notes: "季度回访：收入稳定".to_owned(),
            new_tier: None,
        },
    );
    assert_eq!(j.state(), "eliminated");
    assert_eq!(
        clock(&j, K::MonitoringVisit).due_on,
        today + chrono::Months::new(3)
    );
}

#[test]
fn a_household_where_nobody_can_work_is_never_eliminated() {
    let mut j = at("elimination_proposed");
    let today = j.today();
    j.act(
        Role::VillageCadre,
        CaseCommand::RecordHomeCheck {
            record: no_labour_record(today),
        },
    );
    j.until("elimination_township_reviewed");
    let eliminate = CaseCommand::CountyDecideElimination {
        decision: EliminationDecision::Eliminate,
    };
    let refusal = j.try_role(Role::CountyHead, &eliminate);
    assert_eq!(refusal, Err(Refusal::NoLabourCannotEliminate));
    if let Err(refusal) = refusal {
        assert!(refusal.zh().contains("无劳动能力"));
        assert!(refusal.en().contains("keep monitoring"));
    }
    j.act(
        Role::CountyHead,
        CaseCommand::CountyDecideElimination {
            decision: EliminationDecision::KeepMonitoring {
                reason: "无劳动能力，落实低保兜底".to_owned(),
            },
        },
    );
    assert_eq!(j.state(), "identified");
    assert!(j.case.open_clock(K::MonitoringVisit).is_some());
    assert!(j.case.open_clock(K::EliminationReview).is_none());
    assert_eq!(
        j.try_role(
            Role::VillageCadre,
            &CaseCommand::ProposeElimination {
                checklist: EliminationChecklist::ALL_MET,
            },
        ),
        Err(Refusal::NoLabourCannotEliminate)
    );
}

#[test]
fn an_elimination_whose_home_check_shows_income_under_the_line_goes_no_further() {
    let mut j = at("elimination_proposed");
    let today = j.today();
    j.act(
        Role::VillageCadre,
        CaseCommand::RecordHomeCheck {
            record: HomeCheckRecord {
                members: vec![
                    member("张三", LabourCapacity::Full, 7_000),
                    member("李四", LabourCapacity::Partial, 7_000),
                ],
                ..recovered_record(today)
            },
        },
    );
    assert_eq!(j.state(), "elimination_home_checked");
    // The county would refuse it, so its village review cannot pass it on to a public
    // notice (officer tester): only 不通过, which ends it, is taken.
    let date = j.today();
    let pass = CaseCommand::HoldVillageReview {
        date,
        outcome: VillageOutcome::Pass,
    };
    assert_eq!(
        j.try_role(Role::VillageCadre, &pass),
        Err(Refusal::HomeCheckRefusesElimination)
    );
    j.act(
        Role::VillageCadre,
        CaseCommand::HoldVillageReview {
            date,
            outcome: VillageOutcome::Fail {
                reason: "扣除刚性支出后收入未超过监测线".to_owned(),
            },
        },
    );
    assert_eq!(j.state(), "identified");
}

#[test]
fn an_eliminated_household_can_be_reopened_by_the_county() {
    let mut j = at("eliminated");
    // 85 days: with the plan's five-day notice on the way, the same day as before it.
    j.days(85).act(
        Role::CountyOfficer,
        CaseCommand::Reopen {
            reason: "季度回访发现因灾返贫".to_owned(),
            tier: RiskTier::Red,
        },
    );
    assert_eq!(j.state(), "identified");
    assert_eq!(j.case.reopenings.len(), 1);
    assert_eq!(j.open_kinds(), vec![K::MonitoringVisit]);
    assert_eq!(
        clock(&j, K::MonitoringVisit).due_on,
        j.today() + Duration::days(15)
    );
}

fn green_policy() -> Policy {
    Policy {
        green_channel_open: true,
        ..Policy::national_default()
    }
}

#[test]
fn the_green_channel_needs_an_open_policy_and_a_sudden_risk() {
    let mut closed = Journey::report(Channel::SelfReport, vec![RiskType::Accident]);
    closed.until("home_checked");
    assert_eq!(
        closed.try_role(Role::CountyOfficer, &open_green(&closed)),
        Err(Refusal::GreenChannelClosed)
    );
    let mut slow = Journey::report_with(
        green_policy(),
        Channel::SelfReport,
        vec![RiskType::Schooling],
    );
    slow.until("home_checked");
    assert_eq!(
        slow.try_role(Role::CountyOfficer, &open_green(&slow)),
        Err(Refusal::NotSuddenRisk)
    );
    let early = Journey::report_with(
        green_policy(),
        Channel::SelfReport,
        vec![RiskType::Accident],
    );
    assert!(matches!(
        early.try_role(Role::CountyOfficer, &open_green(&early)),
        Err(Refusal::WrongState { .. })
    ));
}

#[test]
fn under_the_green_channel_assistance_starts_before_the_notice_which_still_completes() {
    let mut j = Journey::report_with(
        green_policy(),
        Channel::SelfReport,
        vec![RiskType::NaturalDisaster],
    );
    j.until("home_checked");
    let assign = CaseCommand::AssignResponsible {
        person: "刘帮扶".to_owned(),
        mobile: crate::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
    };
    assert!(matches!(
        j.try_role(Role::TownshipOfficer, &assign),
        Err(Refusal::WrongState { .. })
    ));
    let open = open_green(&j);
    j.act(Role::CountyOfficer, open);
    assert!(j.case.green_channel);
    assert!(j.case.open_clock(K::ResponsibleAssigned).is_some());
    let today = j.today();
    j.act(Role::TownshipOfficer, assign).act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![measure(MeasureStatus::InProgress, today)],
        },
    );
    assert_eq!(j.state(), "home_checked");
    assert_eq!(
        j.try_role(Role::CountyOfficer, &open_green(&j)),
        Err(Refusal::GreenChannelAlreadyOpen)
    );
    j.until("identified");
    // The plan made under the green channel still owes its village review.
    assert_eq!(j.open_kinds(), vec![K::MonitoringVisit, K::PlanReview]);
}

/// The update form's default: each measure moves to the stage after its own, whichever is
/// picked, and a delivered one is refused like a step backwards.
#[test]
fn advancing_a_measure_takes_it_one_stage_on() {
    let mut j = at("identified");
    let today = j.today();
    let plan = CaseCommand::AddPlan {
        measures: vec![
            measure(MeasureStatus::Planned, today),
            measure(MeasureStatus::Planned, today),
        ],
    };
    j.act(Role::TownshipOfficer, plan);
    let advance = |index| CaseCommand::AdvanceMeasure { index };
    j.act(Role::DepartmentLiaison, advance(1));
    let status = |j: &Journey| j.case.measures.iter().map(|m| m.status).collect::<Vec<_>>();
    assert_eq!(
        status(&j),
        vec![MeasureStatus::Planned, MeasureStatus::InProgress]
    );
    assert!(matches!(
        clock(&j, K::AssistanceStarted).state,
        ClockState::Met { .. }
    ));
    j.act(Role::DepartmentLiaison, advance(1));
    assert_eq!(status(&j)[1], MeasureStatus::Delivered);
    assert_eq!(
        j.try_role(Role::DepartmentLiaison, &advance(1)),
        Err(Refusal::MeasureStatusBackwards)
    );
    assert_eq!(
        j.try_role(Role::DepartmentLiaison, &advance(2)),
        Err(Refusal::UnknownMeasure { index: 2 })
    );
}

#[test]
fn a_measure_is_started_from_its_start_and_its_dates_must_be_plausible() {
    let mut j = at("identified");
    let start = j.today() + Duration::days(10);
    let plan = |m: Measure| CaseCommand::AddPlan { measures: vec![m] };
    // A start ten years back, or an end decades on, is a slip in the year (officer tester).
    let mut old = measure(MeasureStatus::Planned, start - Duration::days(3650));
    assert_eq!(
        j.try_role(Role::TownshipOfficer, &plan(old.clone())),
        Err(Refusal::InvalidData { field: "start" })
    );
    old.start = start;
    old.end = start + Duration::days(36 * 365);
    assert_eq!(
        j.try_role(Role::TownshipOfficer, &plan(old)),
        Err(Refusal::InvalidData { field: "end" })
    );
    j.act(
        Role::TownshipOfficer,
        plan(measure(MeasureStatus::Planned, start)),
    );
    let deliver = CaseCommand::UpdateMeasureStatus {
        index: 0,
        status: MeasureStatus::Delivered,
    };
    // 已落实 before the help could have begun was recorded as done, and 落实中 met the
    // county's deadline to start the help on paper (officer tester).
    let refused = j.try_role(Role::DepartmentLiaison, &deliver);
    assert_eq!(refused, Err(Refusal::StartedBeforeStart { start }));
    let begin = CaseCommand::UpdateMeasureStatus {
        index: 0,
        status: MeasureStatus::InProgress,
    };
    let early = j.try_role(Role::DepartmentLiaison, &begin);
    assert_eq!(early, Err(Refusal::StartedBeforeStart { start }));
    assert!(j.case.open_clock(K::AssistanceStarted).is_some());
    let refused = refused.unwrap_err();
    assert!(
        refused.zh().contains("{start}"),
        "the refusal names the start day"
    );
    assert_eq!(refused.args(), vec![("start", start.to_string())]);
    j.days(10).act(Role::DepartmentLiaison, begin);
    assert!(
        j.case.open_clock(K::AssistanceStarted).is_none(),
        "met on its day"
    );
    let began = j.today();
    j.days(3).act(Role::DepartmentLiaison, deliver);
    assert_eq!(j.case.measures[0].status, MeasureStatus::Delivered);
    // Each day kept: the household reads when it began and when it was delivered.
    assert_eq!(j.case.measures[0].started_on, Some(began));
    assert_eq!(j.case.measures[0].delivered_on, Some(j.today()));
}

/// Temporary relief for a household already on 低保 sets no 临时救助转低保评估: there is
/// nothing left to assess it for (officer tester).
#[test]
fn relief_beside_a_backstop_sets_no_relief_review() {
    let mut j = super::setups::identified();
    let today = j.today();
    let of = |measure_type| Measure {
        measure_type,
        lead_department: "民政局".to_owned(),
        ..measure(MeasureStatus::InProgress, today)
    };
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![
                of(crate::domain::vocab::MeasureType::MinimumLiving),
                of(crate::domain::vocab::MeasureType::TemporaryRelief),
            ],
        },
    );
    assert!(j.case.open_clock(K::ReliefReview).is_none());
    assert!(super::setups::on_temporary_relief()
        .case
        .open_clock(K::ReliefReview)
        .is_some());
}

/// A plan holds at most 40 measures: thousands posted in a few requests made the case page
/// 21 MB (attacker tester). The refusal says the most and writes nothing.
#[test]
fn a_plan_holds_a_bounded_number_of_measures() {
    let mut j = super::setups::identified();
    let today = j.today();
    let plan = |n| CaseCommand::AddPlan {
        measures: vec![measure(MeasureStatus::Planned, today); n],
    };
    let too_many = Refusal::TooManyMeasures { most: 40 };
    assert_eq!(
        j.try_role(Role::TownshipOfficer, &plan(41)),
        Err(too_many.clone())
    );
    j.act(Role::TownshipOfficer, plan(39));
    assert_eq!(j.try_role(Role::TownshipOfficer, &plan(2)), Err(too_many));
    j.act(Role::TownshipOfficer, plan(1));
    assert_eq!(j.case.measures.len(), 40);
}
