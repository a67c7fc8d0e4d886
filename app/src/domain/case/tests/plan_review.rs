//! The village's review and the public notice of an assistance plan decide something: a plan
//! the village does not pass goes back to the township, and an objection during its notice
//! sends it back to the village's review (the review had no 不通过, the notice no 登记异议).
use super::super::plan_review::PlanReview;
use super::super::work::is_work_item_for;
use super::super::*;
use super::setups::*;
use super::support::*;
use crate::domain::clock::ClockKind;

fn not_passed(j: &Journey, reason: &str) -> CaseCommand {
    CaseCommand::ReviewPlan {
        date: j.today(),
        outcome: VillageOutcome::Fail {
            reason: reason.to_owned(),
        },
    }
}

#[test]
fn a_plan_the_village_does_not_pass_goes_back_to_the_township_to_revise() {
    let mut j = with_plan();
    assert!(!is_work_item_for(
        &j.case,
        CommandKind::AddPlan,
        Role::TownshipOfficer
    ));
    assert_eq!(
        j.try_role(Role::VillageCadre, &not_passed(&j, " ")),
        Err(Refusal::MissingData { field: "reason" }),
        "a review that does not pass says why"
    );
    let returned = not_passed(&j, "缺少就业帮扶");
    j.act(Role::VillageCadre, returned);
    assert!(matches!(
        j.case.plan_review,
        Some(PlanReview::Returned { .. })
    ));
    assert!(
        j.case.open_clock(ClockKind::PlanReview).is_none(),
        "reviewed"
    );
    // Not posted: the township revises it first, and that is its work.
    let from = j.today();
    assert!(matches!(
        j.try_role(Role::VillageCadre, &CaseCommand::StartPlanNotice { from }),
        Err(Refusal::WrongState { .. })
    ));
    assert!(is_work_item_for(
        &j.case,
        CommandKind::AddPlan,
        Role::TownshipOfficer
    ));
    let today = j.today();
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![Measure {
                measure_type: crate::domain::vocab::MeasureType::Employment,
                ..measure(MeasureStatus::Planned, today)
            }],
        },
    );
    assert_eq!(j.case.plan_review, Some(PlanReview::AwaitingReview));
    assert!(j.case.open_clock(ClockKind::PlanReview).is_some());
    let passed = CaseCommand::ReviewPlan {
        date: today,
        outcome: VillageOutcome::Pass,
    };
    j.act(Role::VillageCadre, passed);
    assert!(matches!(
        j.case.plan_review,
        Some(PlanReview::Reviewed { .. })
    ));
}

#[test]
fn an_objection_during_the_plans_notice_sends_it_back_to_the_village_review() {
    let mut j = plan_notice_running();
    let cadre = actor(Role::VillageCadre);
    let offered = j.case.available_commands(&cadre, &j.policy, j.now);
    assert!(
        offered.contains(&CommandKind::RecordObjection),
        "{offered:?}"
    );
    assert!(j.case.open_clock(ClockKind::PlanNotice).is_some());
    j.act(
        Role::TownshipOfficer,
        CaseCommand::RecordObjection {
            text: "邻居反映该户已享受低保".to_owned(),
        },
    );
    assert_eq!(j.case.plan_review, Some(PlanReview::AwaitingReview));
    assert_eq!(j.case.objections.len(), 1);
    assert!(j.case.open_clock(ClockKind::PlanNotice).is_none());
    assert!(j.case.open_clock(ClockKind::PlanReview).is_some());
    assert_eq!(
        j.case.state.code(),
        "identified",
        "the household stays monitored"
    );
    // Nothing to object to once the notice is down.
    let offered = j.case.available_commands(&cadre, &j.policy, j.now);
    assert!(!offered.contains(&CommandKind::RecordObjection));
}

#[test]
fn while_a_review_s_notice_runs_beside_the_plans_an_objection_is_to_the_review() {
    // Green channel: assistance first, so the plan's notice may run beside the
    // identification's.
    let mut j = green_home_checked();
    j.act(Role::CountyOfficer, open_green(&j));
    let today = j.today();
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![measure(MeasureStatus::Planned, today)],
        },
    );
    j.review_and_post_plan();
    j.act(
        Role::VillageCadre,
        CaseCommand::HoldVillageReview {
            date: today,
            outcome: VillageOutcome::Pass,
        },
    );
    j.act(Role::VillageCadre, CaseCommand::StartNotice { from: today });
    j.act(
        Role::VillageCadre,
        CaseCommand::RecordObjection {
            text: "收入不实".to_owned(),
        },
    );
    assert!(
        matches!(
            j.case.state.review_step(),
            Some((_, ReviewStep::AwaitingHomeCheck))
        ),
        "the identification goes back to its home check"
    );
    assert!(
        matches!(j.case.plan_review, Some(PlanReview::NoticeRunning { .. })),
        "the plan's notice runs on"
    );
}

/// A returned plan can lose the measure the village did not want: withdrawn before it
/// started, it holds nothing back, answers no risk and is no longer the township's work
/// (a returned plan could only be added to: tester).
#[test]
fn a_planned_measure_can_be_withdrawn_and_then_counts_for_nothing() {
    use super::super::elimination::{check_measures, EliminationGap};
    let mut j = with_plan();
    let withdraw = CaseCommand::UpdateMeasureStatus {
        index: 0,
        status: MeasureStatus::Withdrawn,
    };
    let returned = not_passed(&j, "该户已有医保");
    j.act(Role::VillageCadre, returned);
    j.act(Role::TownshipOfficer, withdraw.clone());
    assert_eq!(j.case.measures[0].status, MeasureStatus::Withdrawn);
    assert_eq!(j.case.plan_measures().count(), 0);
    assert_eq!(check_measures(&j.case), Err(EliminationGap::NoMeasures));
    assert!(
        is_work_item_for(&j.case, CommandKind::AddPlan, Role::TownshipOfficer),
        "a plan to make again"
    );
    // Withdrawn stays withdrawn, and a started measure cannot be withdrawn.
    let today = j.today();
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![measure(MeasureStatus::InProgress, today)],
        },
    );
    let started = CaseCommand::UpdateMeasureStatus {
        index: 1,
        status: MeasureStatus::Withdrawn,
    };
    assert_eq!(
        j.try_role(Role::TownshipOfficer, &started),
        Err(Refusal::MeasureStatusBackwards)
    );
    let again = CaseCommand::UpdateMeasureStatus {
        index: 0,
        status: MeasureStatus::Delivered,
    };
    assert_eq!(
        j.try_role(Role::TownshipOfficer, &again),
        Err(Refusal::MeasureStatusBackwards)
    );
}

/// A review cannot be dated before the plan it reviews was made, even when the plan's
/// measures started earlier (officer tester: a review a week before the plan was taken).
#[test]
fn a_plan_review_is_not_dated_before_the_plan() {
    let mut j = identified();
    let made = j.today();
    let started = made - chrono::Duration::days(10);
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![measure(MeasureStatus::Planned, started)],
        },
    );
    j.days(3);
    let review = |date| CaseCommand::ReviewPlan {
        date,
        outcome: VillageOutcome::Pass,
    };
    let early = made - chrono::Duration::days(1);
    assert_eq!(
        j.try_role(Role::VillageCadre, &review(early)),
        Err(Refusal::DateTooEarly {
            field: "date",
            earliest: made
        })
    );
    j.act(Role::VillageCadre, review(made));
    assert!(matches!(
        j.case.plan_review,
        Some(PlanReview::Reviewed { .. })
    ));
}

/// What the household reads as its plan is reviewed: not "帮扶办法已经定了" before the village
/// passed it, nor after it sent it back (household tester).
#[test]
fn the_household_reads_where_its_plan_is_in_the_village_s_review() {
    use crate::domain::lang::Lang;
    let next = |j: &Journey| j.household().next;
    let mut j = with_plan();
    assert!(next(&j).contains("村里会开会评议"), "{}", next(&j));
    // The day is the review's, said as such: "最迟在…完成" after "通过后张贴公示" read as the
    // notice done by then (household re-tester).
    assert!(
        next(&j).contains("村里最迟在") && !next(&j).contains("完成"),
        "{}",
        next(&j)
    );
    let headline = j.household().headline;
    assert!(
        headline.contains("正在村里评议"),
        "not help under way: {headline}"
    );
    j.act(Role::VillageCadre, not_passed(&j, "缺少就业帮扶"));
    assert!(next(&j).contains("乡镇正在修改"), "{}", next(&j));
    assert!(!next(&j).contains("已经定了"));
    let mut j = with_plan();
    j.review_and_post_plan();
    let posted = format!("从{}起在村务公开栏公示", Lang::Zh.date(j.today()));
    assert!(next(&j).contains(&posted), "{}", next(&j));
}
