//! A line department's liaison moves its own department's measures only, and has work on a
//! case only through them (or a step any department may take).
use super::support::*;
use crate::domain::case::department_work::{patterns, stored, ANY_DEPARTMENT};
use crate::domain::case::{CaseCommand, MeasureStatus, Refusal, Role};
use crate::domain::vocab::MeasureType;

#[test]
fn a_liaison_moves_only_its_own_departments_measures() {
    let mut j = at("identified");
    let today = j.today();
    let mut relief = measure(MeasureStatus::Planned, today);
    relief.measure_type = MeasureType::MinimumLiving;
    relief.lead_department = "民政局".to_owned();
    let plan = CaseCommand::AddPlan {
        measures: vec![measure(MeasureStatus::Planned, today), relief],
    };
    j.act(Role::TownshipOfficer, plan);
    assert_eq!(j.case.department_work(&j.policy), ["医保局", "民政局"]);
    let civil = actor(Role::DepartmentLiaison).of_department(Some("民政局".to_owned()));
    let advance = |index| CaseCommand::AdvanceMeasure { index };
    assert_eq!(
        j.try_as(&civil, &advance(0)),
        Err(Refusal::OtherDepartmentsMeasure),
        "医保局's measure is not 民政局's"
    );
    let unnamed = actor(Role::DepartmentLiaison);
    assert_eq!(
        j.try_as(&unnamed, &advance(1)),
        Err(Refusal::OtherDepartmentsMeasure),
        "a liaison of no department moves none"
    );
    // Reaching the case through its measure, it does not rewrite the county's comparison.
    let rewrite = CaseCommand::RecordComparison {
        hits: Vec::new(),
        note: "改写".to_owned(),
    };
    assert!(matches!(
        j.try_as(&civil, &rewrite),
        Err(Refusal::WrongRole { .. })
    ));
    j.act_as(&civil, advance(1));
    assert_eq!(j.case.measures[1].status, MeasureStatus::InProgress);
    // The township moves any.
    j.act(Role::TownshipOfficer, advance(0));

    assert!(j.case.has_work_for_department(&j.policy, Some("民政局")));
    assert!(!j.case.has_work_for_department(&j.policy, Some("教育局")));
    assert!(!j.case.has_work_for_department(&j.policy, None));
    // No measure of its own left: no update form for it.
    let education = actor(Role::DepartmentLiaison).of_department(Some("教育局".to_owned()));
    assert!(!j
        .case
        .available_commands(&education, &j.policy, j.now)
        .contains(&crate::domain::case::CommandKind::UpdateMeasureStatus));
}

#[test]
fn the_stored_departments_are_found_by_their_own_pattern_only() {
    let kept = stored(&[ANY_DEPARTMENT.to_owned(), "民政局".to_owned()]);
    assert_eq!(kept, "|*|民政局|");
    assert_eq!(stored(&[]), "");
    assert_eq!(patterns(Some("民政局")), ["%|*|%", "%|民政局|%"]);
    assert_eq!(patterns(None), ["%|*|%"]);
}
