//! Whom a case waits on, and dates a step may not precede: the owner of its next step of procedure, not whoever has a visit, a
//! measure or a data comparison to do beside it (tester: during 公示中 the page named the
//! county and the departments).
use super::super::*;
use super::setups::*;
use super::support::*;

fn next(j: &Journey) -> (Vec<Role>, Option<chrono::NaiveDate>) {
    let owners = j.case.next_step_owners(&j.policy);
    (
        owners.waiting_on(j.today()),
        owners.waiting_until(j.today()),
    )
}

#[test]
fn a_running_notice_waits_for_its_end_then_on_the_village() {
    let mut j = notice_running();
    let (roles, until) = next(&j);
    assert_eq!(roles, Vec::<Role>::new(), "nobody before the notice ends");
    let end = until.expect("the day the notice may end");
    assert!(end > j.today());
    // The stored work of the county (data comparison) does not make it the next step.
    assert!(j.case.work_owners(&j.policy).county_officer);
    j.days((end - j.today()).num_days());
    assert_eq!(next(&j), (vec![Role::VillageCadre], None));
}

#[test]
fn each_step_of_the_procedure_waits_on_its_own_level() {
    let levels = |j: Journey| next(&j).0;
    let township = [Role::TownshipOfficer, Role::TownshipHead];
    for roles in [levels(reported()), levels(notice_ended())] {
        assert!(roles.iter().all(|r| township.contains(r)), "{roles:?}");
        assert!(roles.contains(&Role::TownshipOfficer), "{roles:?}");
    }
    let home_check = levels(accepted());
    assert!(home_check.contains(&Role::VillageCadre), "{home_check:?}");
    assert!(!home_check.contains(&Role::CountyOfficer), "{home_check:?}");
    let county = levels(township_reviewed());
    assert!(county.contains(&Role::CountyOfficer), "{county:?}");
    assert!(!county.contains(&Role::VillageCadre), "{county:?}");
}

/// The household cannot be told of a refusal before it was made (tester: told on the 20th of a
/// decision taken on the 23rd, and the timeline said so).
#[test]
fn a_refusal_is_not_told_before_it_was_made() {
    let mut j = compared();
    j.days(3);
    j.act(
        Role::CountyOfficer,
        CaseCommand::CountyDecide {
            decision: IdentificationDecision::NotIdentify {
                reason: "收入高于监测线".to_owned(),
            },
        },
    );
    let decided = j.today();
    let before = decided - chrono::Duration::days(1);
    let refused = j
        .try_role(
            Role::TownshipOfficer,
            &CaseCommand::NotifyRefusal { on: before },
        )
        .expect_err("refused");
    assert_eq!(
        refused,
        Refusal::DateTooEarly {
            field: "date",
            earliest: decided
        }
    );
    j.act(
        Role::TownshipOfficer,
        CaseCommand::NotifyRefusal { on: decided },
    );
}

/// An elimination whose own home check shows income under the line is said to be refused from
/// that home check on, not only at 县级审定 after a review, a notice and the township (tester).
#[test]
fn an_elimination_its_home_check_refuses_is_known_from_the_home_check() {
    use crate::domain::case::elimination::{refused_by_its_home_check, EliminationGap};
    let mut j = at("elimination_proposed");
    assert_eq!(
        refused_by_its_home_check(&j.case, &j.policy),
        vec![],
        "not checked yet"
    );
    let today = j.today();
    j.act(
        Role::VillageCadre,
        CaseCommand::RecordHomeCheck {
            record: poor_record(today),
        },
    );
    // Both of its problems, not only the first (the village fixed one and met the other
    // at 县级审定).
    assert_eq!(
        refused_by_its_home_check(&j.case, &j.policy),
        vec![
            EliminationGap::NetIncomeNotAboveLine,
            EliminationGap::GuaranteesNotSecured
        ]
    );
    let mut fine = at("elimination_proposed");
    let today = fine.today();
    fine.act(
        Role::VillageCadre,
        CaseCommand::RecordHomeCheck {
            record: recovered_record(today),
        },
    );
    assert_eq!(refused_by_its_home_check(&fine.case, &fine.policy), vec![]);
    // Not said in identification, where a poor household is what is looked for.
    let checked = home_checked();
    assert_eq!(
        refused_by_its_home_check(&checked.case, &checked.policy),
        vec![]
    );
}

/// A re-check that finds only the house unsafe says that alone.
#[test]
fn a_re_check_with_one_problem_names_it_alone() {
    use crate::domain::case::elimination::{refused_by_its_home_check, EliminationGap};
    let mut j = at("elimination_proposed");
    let mut record = recovered_record(j.today());
    record.guarantees.housing_safety = false;
    j.act(Role::VillageCadre, CaseCommand::RecordHomeCheck { record });
    assert_eq!(
        refused_by_its_home_check(&j.case, &j.policy),
        vec![EliminationGap::GuaranteesNotSecured]
    );
}

/// The case page opens the first step offered and the queue names it: the step of procedure
/// that is due, not the visit or the extension beside it (the page opened 登记走访 while the
/// plan's village review was due: officer tester).
#[test]
fn the_step_due_comes_before_a_visit_and_an_extension() {
    use crate::domain::case::work::{in_working_order, next_step};
    let j = with_plan();
    let cadre = actor(Role::VillageCadre);
    let offered = j.case.available_commands(&cadre, &j.policy, j.now);
    assert!(offered.contains(&CommandKind::LogVisit), "{offered:?}");
    let ordered = in_working_order(&j.case, cadre.role, offered.clone(), j.day());
    assert_eq!(ordered[0], CommandKind::ReviewPlan, "{ordered:?}");
    assert_eq!(ordered.len(), offered.len(), "nothing dropped");
    assert_eq!(
        next_step(&j.case, cadre.role, offered, j.day()),
        Some(CommandKind::ReviewPlan)
    );
    // With no step of procedure left, the visit leads; an extension never does.
    let j = plan_notice_running();
    let offered = j.case.available_commands(&cadre, &j.policy, j.now);
    let first = in_working_order(&j.case, cadre.role, offered.clone(), j.day())[0];
    assert_eq!(first, CommandKind::LogVisit, "{offered:?}");
    for j in [
        reported(),
        accepted(),
        extension_requested(),
        home_check_paused(),
    ] {
        for role in [
            Role::VillageCadre,
            Role::TownshipOfficer,
            Role::CountyOfficer,
        ] {
            let offered = j.case.available_commands(&actor(role), &j.policy, j.now);
            let work: Vec<bool> = in_working_order(&j.case, role, offered, j.day())
                .into_iter()
                .map(|k| crate::domain::case::work::is_work_on(&j.case, k, role, j.day()))
                .collect();
            assert!(work.windows(2).all(|w| w[0] || !w[1]), "{role:?}: {work:?}");
        }
    }
}

/// At 待县级审定 without its data comparison, the comparison comes first: the decision was
/// opened first and refused for want of it (officer tester). Once compared, the decision.
#[test]
fn the_county_compares_before_it_decides() {
    use crate::domain::case::work::{in_working_order, next_step};
    let county = actor(Role::CountyOfficer);
    let j = township_reviewed();
    let offered = j.case.available_commands(&county, &j.policy, j.now);
    assert!(offered.contains(&CommandKind::CountyDecide), "{offered:?}");
    assert_eq!(
        in_working_order(&j.case, county.role, offered.clone(), j.day())[0],
        CommandKind::RecordComparison
    );
    assert_eq!(
        next_step(&j.case, county.role, offered, j.day()),
        Some(CommandKind::RecordComparison)
    );
    let j = compared();
    let offered = j.case.available_commands(&county, &j.policy, j.now);
    assert_eq!(
        next_step(&j.case, county.role, offered, j.day()),
        Some(CommandKind::CountyDecide)
    );
}

/// An eliminated household's page offers 重新纳入监测, but it is not work to do: nothing is
/// named as the next step, so the page opens no form by itself (officer tester).
#[test]
fn after_elimination_nothing_is_due_though_reopening_is_offered() {
    use crate::domain::case::work::next_step;
    let j = eliminated();
    let offered = j
        .case
        .available_commands(&actor(Role::CountyOfficer), &j.policy, j.now);
    assert!(offered.contains(&CommandKind::Reopen), "{offered:?}");
    assert_eq!(
        next_step(&j.case, Role::CountyOfficer, offered, j.day()),
        None
    );
}

/// Assistance is the township's and the departments' to record: the county may, but it is
/// not the county's work to do, so its 待办 does not list 确定帮扶责任人 and its page does not
/// open 更新措施进度 on every assisted case (officer tester).
#[test]
fn assistance_is_township_work_not_the_county_s() {
    use crate::domain::case::work::{is_work_item_for, next_step};
    let identified = identified();
    let assisted = plan_notice_over();
    for (j, kind) in [
        (&identified, CommandKind::AssignResponsible),
        (&identified, CommandKind::AddPlan),
        (&assisted, CommandKind::UpdateMeasureStatus),
    ] {
        for role in [Role::CountyOfficer, Role::CountyHead] {
            let offered = j.case.available_commands(&actor(role), &j.policy, j.now);
            assert!(
                offered.contains(&kind),
                "{role:?} may still record {kind:?}"
            );
            assert!(!is_work_item_for(&j.case, kind, role));
            assert_ne!(next_step(&j.case, role, offered, j.day()), Some(kind));
        }
        assert!(
            is_work_item_for(&j.case, kind, Role::TownshipOfficer),
            "{kind:?}"
        );
    }
    assert!(is_work_item_for(
        &assisted.case,
        CommandKind::UpdateMeasureStatus,
        Role::DepartmentLiaison
    ));
    assert!(
        !identified
            .case
            .work_owners(&identified.policy)
            .county_officer
    );
}

/// A visit opens by itself only in the week before its clock falls due: an eliminated
/// household's page opened 登记走访 with the re-check weeks away (officer tester).
#[test]
fn a_visit_opens_by_itself_only_near_its_due_day() {
    use crate::domain::case::work::{in_working_order, is_work_on, WORK_OPENS_DAYS_BEFORE};
    use crate::domain::clock::ClockKind;
    let mut j = eliminated();
    let role = Role::VillageCadre;
    // Not standing work: an eliminated household sat in the village's and township's 待办 for
    // months (tester). Its page still leads with the re-check.
    let owners = j.case.work_owners(&j.policy);
    assert!(
        !owners.village_cadre && !owners.township_officer,
        "{owners:?}"
    );
    let offered = j.case.available_commands(&actor(role), &j.policy, j.now);
    assert_eq!(
        in_working_order(&j.case, role, offered, j.day())[0],
        CommandKind::LogVisit
    );
    let due = j
        .case
        .open_clock(ClockKind::MonitoringVisit)
        .expect("an eliminated household is still visited")
        .due_on;
    let far = (due - j.today()).num_days() - WORK_OPENS_DAYS_BEFORE - 1;
    assert!(far >= 0, "the setup's visit is not already near: {due}");
    j.days(far);
    let owners = j.case.work_owners(&j.policy);
    assert!(!owners.has_step(role, "cadre", j.today()));
    assert!(owners.has_step(role, "cadre", j.today() + chrono::Duration::days(1)));
    assert!(!is_work_on(&j.case, CommandKind::LogVisit, role, j.day()));
    j.days(1);
    assert!(is_work_on(&j.case, CommandKind::LogVisit, role, j.day()));
    j.days(WORK_OPENS_DAYS_BEFORE + 3);
    assert!(
        is_work_on(&j.case, CommandKind::LogVisit, role, j.day()),
        "overdue"
    );
}
