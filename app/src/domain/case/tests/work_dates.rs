//! Work that waits for a date: a monitored household is not standing 待办 all year. It sat in
//! the village's 待办 for its monthly visit and for proposing 风险消除 whether or not anything
//! was ready, and in the township's for every measure under way (tester).
use chrono::Duration;

use super::super::work::{is_work_on, next_step, work_opens, Opens, WORK_OPENS_DAYS_BEFORE};
use super::super::*;
use super::setups::*;
use super::support::*;
use crate::domain::clock::{ClockKind, Span};

const ANY: &str = "someone";

fn with_responsible(mut j: Journey) -> Journey {
    if j.case.responsible.is_none() {
        j.act(
            Role::TownshipOfficer,
            CaseCommand::AssignResponsible {
                person: "刘帮扶".to_owned(),
                mobile: crate::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
            },
        );
    }
    j
}

/// Assisted: a responsible person named, the plan reviewed and its notice over, its one
/// measure planned to start on the day the plan was made.
fn assisted() -> Journey {
    let mut j = with_responsible(with_plan());
    j.post_plan();
    j
}

fn has_step(j: &Journey, role: Role, day: chrono::NaiveDate) -> bool {
    j.case.work_owners(&j.policy).has_step(role, ANY, day)
}

#[test]
fn a_monthly_visit_is_the_village_s_work_only_in_the_week_before_it_falls_due() {
    let mut j = assisted();
    let cadre = Role::VillageCadre;
    let due = j
        .case
        .open_clock(ClockKind::MonitoringVisit)
        .expect("a monitored household is visited")
        .due_on;
    let opens = due - Duration::days(WORK_OPENS_DAYS_BEFORE);
    assert!(opens > j.today(), "the setup's visit is not already near");
    let offered = j.case.available_commands(&actor(cadre), &j.policy, j.now);
    assert!(!has_step(&j, cadre, j.today()), "{offered:?}");
    assert!(!has_step(&j, cadre, opens - Duration::days(1)));
    assert!(has_step(&j, cadre, opens));
    assert!(has_step(&j, cadre, due + Duration::days(3)), "overdue");

    j.days((opens - j.today()).num_days());
    let offered = j.case.available_commands(&actor(cadre), &j.policy, j.now);
    assert_eq!(
        next_step(&j.case, cadre, offered, j.day()),
        Some(CommandKind::LogVisit)
    );
    let today = j.today();
    j.act(
        cadre,
        CaseCommand::LogVisit {
            date: today,
            notes: "家中情况稳定".to_owned(),
            new_tier: None,
        },
    );
    assert!(!has_step(&j, cadre, j.today()), "visited: out of the 待办");
}

#[test]
fn a_measure_is_the_township_s_work_near_its_dates_and_the_department_s_while_it_runs() {
    let mut j = assisted();
    let township = Role::TownshipOfficer;
    // Planned, its start day passed: starting it is to do now, for the township and the
    // lead department; never for the county.
    assert!(has_step(&j, township, j.today()));
    assert!(has_step(&j, Role::DepartmentLiaison, j.today()));
    assert!(!has_step(&j, Role::CountyOfficer, j.today()));

    j.act(
        township,
        CaseCommand::UpdateMeasureStatus {
            index: 0,
            status: MeasureStatus::InProgress,
        },
    );
    let end = j.case.measures[0].end;
    let opens = end - Duration::days(WORK_OPENS_DAYS_BEFORE);
    assert!(
        !has_step(&j, township, j.today()),
        "under way: not the township's 待办 for half a year"
    );
    assert!(!has_step(&j, township, opens - Duration::days(1)));
    assert!(has_step(&j, township, opens), "its end nears");
    assert!(has_step(&j, Role::DepartmentLiaison, j.today()));
}

#[test]
fn proposing_elimination_is_work_once_the_proposal_would_pass() {
    let cadre = Role::VillageCadre;
    let j = assisted();
    assert_eq!(
        work_opens(&j.case, CommandKind::ProposeElimination, cadre, &j.policy),
        Opens::Never,
        "its measure is only planned"
    );
    let j = ready_to_propose();
    assert!(is_work_on(
        &j.case,
        CommandKind::ProposeElimination,
        cadre,
        j.day()
    ));
    let proposal = CaseCommand::ProposeElimination {
        checklist: EliminationChecklist::ALL_MET,
    };
    assert!(j.try_role(cadre, &proposal).is_ok());

    // A county asking for six months monitored: work from the day they are over.
    let mut six = j.policy.clone();
    six.rules.elimination_min_monitoring = Span::Months(6);
    let since = j.case.identified_on.expect("identified");
    let from = since
        .checked_add_months(chrono::Months::new(6))
        .expect("date");
    assert_eq!(
        work_opens(&j.case, CommandKind::ProposeElimination, cadre, &six),
        Opens::From(from)
    );
}

/// The update form starts on the measure whose update falls due first, not on the first not
/// yet delivered: it opened on a measure running half a year more while another was to start
/// that week (tester).
#[test]
fn the_measure_due_first_is_the_one_whose_date_comes_first() {
    use super::super::work::next_measure_due;
    let mut j = assisted();
    j.act(
        Role::TownshipOfficer,
        CaseCommand::UpdateMeasureStatus {
            index: 0,
            status: MeasureStatus::InProgress,
        },
    );
    assert_eq!(next_measure_due(&j.case), Some(0));
    let soon = j.today() + Duration::days(10);
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![measure(MeasureStatus::Planned, soon)],
        },
    );
    assert!(
        j.case.measures[0].end > soon,
        "the first runs on past the second's start"
    );
    // Awaiting the village's review, the new one has no day yet (measures are decided by
    // the review and notice: officer tester).
    assert_eq!(next_measure_due(&j.case), Some(0));
    pass_and_post_plan(&mut j);
    assert_eq!(next_measure_due(&j.case), Some(1));
}

/// A planned measure falls due on its start, but not before the plan's notice may end, and
/// has no day while the plan awaits its review; in the green channel its start stands
/// (officer tester: "更新措施进度的日期…已过" while the required notice ran).
#[test]
fn a_planned_measure_waits_for_the_plans_review_and_notice() {
    use super::super::work::measure_update_day;
    let mut j = super::setups::with_plan();
    let start = j.case.measures[0].start;
    assert_eq!(measure_update_day(&j.case, &j.case.measures[0]), None);
    let passed = super::setups::plan_reviewed();
    assert_eq!(
        measure_update_day(&passed.case, &passed.case.measures[0]),
        None
    );
    pass_and_post_plan(&mut j);
    let Some(crate::domain::case::plan_review::PlanReview::NoticeRunning { min_until, .. }) =
        j.case.plan_review
    else {
        panic!("the notice runs");
    };
    assert_eq!(
        measure_update_day(&j.case, &j.case.measures[0]),
        Some(start.max(min_until))
    );
    let mut green = j.case.clone();
    green.green_channel = true;
    assert_eq!(measure_update_day(&green, &green.measures[0]), Some(start));
    // Ended on its first day, the day stays the notice's, not the planned start gone by
    // (officer re-tester).
    j.days(5)
        .act(Role::VillageCadre, CaseCommand::EndPlanNotice);
    assert_eq!(
        measure_update_day(&j.case, &j.case.measures[0]),
        Some(start.max(j.today()))
    );
    // A measure added later awaits its own review; this one's day stands meanwhile (both
    // testers: its lateness vanished).
    let noticed = j.case.measures[0].clone();
    let today = j.today();
    j.act(
        Role::TownshipOfficer,
        CaseCommand::AddPlan {
            measures: vec![measure(MeasureStatus::Planned, today)],
        },
    );
    assert_eq!(
        measure_update_day(&j.case, &j.case.measures[0]),
        Some(start.max(noticed.noticed_on.expect("noticed")))
    );
    assert_eq!(measure_update_day(&j.case, &j.case.measures[1]), None);
    // Begun after its end (a one-off paid late), it is not due before the day it began.
    let mut late = j.case.measures[0].clone();
    late.status = MeasureStatus::InProgress;
    late.end = start;
    late.started_on = Some(j.today());
    assert_eq!(measure_update_day(&j.case, &late), Some(j.today()));
}

/// The township's 待办 row of a household whose measure runs while the village's visit is
/// overdue: ordered by the measure's end, not the visit, and not shown as its deadline
/// (tester: 逾期 in red on a row whose township step was months away).
#[test]
fn a_township_todo_row_is_not_ordered_or_coloured_by_the_village_s_overdue_visit() {
    use super::super::work_due::{todo_deadline, todo_deadline_by_key, todo_due, TodoDeadline};
    use crate::domain::clock::Level;
    let mut j = assisted();
    j.act(
        Role::TownshipOfficer,
        CaseCommand::UpdateMeasureStatus {
            index: 0,
            status: MeasureStatus::InProgress,
        },
    );
    let visit = clock(&j, ClockKind::MonitoringVisit).due_on;
    j.days((visit - j.today()).num_days() + 3);
    let nearest = j.case.next_deadline().expect("open clocks");
    assert_eq!(
        nearest.kind,
        ClockKind::MonitoringVisit,
        "the visit is overdue"
    );
    let work = j.case.work_owners(&j.policy);
    let due = todo_due(&j.case, &work);
    assert_eq!(due.village, Some(visit), "the village's own visit");
    assert_eq!(
        due.township,
        Some(j.case.measures[0].end),
        "the measure's end"
    );
    // The township's row is dated by the measure's end, the day its step is about; the
    // village's overdue visit does not bind it.
    let end = j.case.measures[0].end;
    assert_eq!(
        todo_deadline(&j.case, Level::Township, &work),
        Some(TodoDeadline::Dated(end))
    );
    let visit_clock = j
        .case
        .open_clock(ClockKind::MonitoringVisit)
        .expect("visit");
    assert_eq!(
        todo_deadline(&j.case, Level::Village, &work),
        Some(TodoDeadline::Binding(visit_clock))
    );
    // The county has neither: the nearest is named, not coloured.
    assert_eq!(
        todo_deadline(&j.case, Level::County, &work),
        Some(TodoDeadline::Other(visit_clock))
    );
    // Read back from the stored keys, as the queue does, each level reads the same.
    for (level, key) in [
        (Level::Village, due.village),
        (Level::Township, due.township),
        (Level::County, due.county),
    ] {
        let key = key.expect("an open clock");
        assert_eq!(
            todo_deadline_by_key(&j.case, level, key),
            todo_deadline(&j.case, level, &work),
            "{level:?}"
        );
    }
}

/// During 乡镇审核 the county's 15-day limit binds the township: its row is ordered and
/// coloured by it, though the county owns it.
#[test]
fn the_county_s_fifteen_day_limit_orders_the_township_s_review() {
    use super::super::work_due::{todo_deadline, todo_due, TodoDeadline};
    use crate::domain::clock::Level;
    let j = notice_ended();
    assert!(has_step(&j, Role::TownshipOfficer, j.today()));
    let overall = clock(&j, ClockKind::IdentificationOverall);
    let work = j.case.work_owners(&j.policy);
    assert_eq!(todo_due(&j.case, &work).township, Some(overall.due_on));
    let overall = j
        .case
        .open_clock(ClockKind::IdentificationOverall)
        .expect("open");
    assert_eq!(
        todo_deadline(&j.case, Level::Township, &work),
        Some(TodoDeadline::Binding(overall))
    );
}

/// An extension waiting on the township is the township's next step, before the village's
/// home check it may also record (officer tester: the row read 录入入户核查).
#[test]
fn an_extension_to_approve_leads_the_approver_s_row() {
    let j = extension_requested();
    let township = Role::TownshipOfficer;
    let offered = j
        .case
        .available_commands(&actor(township), &j.policy, j.now);
    assert!(
        offered.contains(&CommandKind::ApproveExtension),
        "{offered:?}"
    );
    assert_eq!(
        next_step(&j.case, township, offered, j.day()),
        Some(CommandKind::ApproveExtension)
    );
}

/// The village passes the plan and posts its notice today.
fn pass_and_post_plan(j: &mut Journey) {
    let today = j.today();
    j.act(
        Role::VillageCadre,
        CaseCommand::ReviewPlan {
            date: today,
            outcome: crate::domain::case::VillageOutcome::Pass,
        },
    );
    j.act(
        Role::VillageCadre,
        CaseCommand::StartPlanNotice { from: today },
    );
}
