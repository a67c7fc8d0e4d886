//! What holds back 风险消除, named on the case page so the village knows what to do: the
//! measure not carried out and the risk no measure answers.

use crate::domain::vocab::{Channel, MeasureType, RiskType};

use super::super::elimination::{
    heading_for_elimination, holds_back_elimination, unanswered_risks,
};
use super::super::*;
use super::support::*;

fn held_back(case: &Case) -> Vec<MeasureType> {
    case.measures
        .iter()
        .filter(|m| holds_back_elimination(m))
        .map(|m| m.measure_type)
        .collect()
}

#[test]
fn the_measure_and_the_risk_that_hold_back_elimination_are_named() {
    let mut j = Journey::report(
        Channel::SelfReport,
        vec![RiskType::Illness, RiskType::Schooling],
    );
    assert!(
        !heading_for_elimination(&j.case),
        "a filing is not heading out"
    );
    j.until("identified");
    assert!(heading_for_elimination(&j.case));
    assert_eq!(
        unanswered_risks(&j.case),
        vec![RiskType::Illness, RiskType::Schooling],
        "no plan yet: every risk is open"
    );
    let today = j.today();
    let of = |measure_type, status| Measure {
        measure_type,
        ..measure(status, today)
    };
    let measures = vec![
        of(MeasureType::Medical, MeasureStatus::InProgress),
        of(MeasureType::TemporaryRelief, MeasureStatus::InProgress),
        of(MeasureType::Employment, MeasureStatus::Planned),
    ];
    j.act(Role::TownshipOfficer, CaseCommand::AddPlan { measures });
    // Medical care may run on after the exit; a one-off relief under way and a planned
    // measure may not.
    assert_eq!(
        held_back(&j.case),
        vec![MeasureType::TemporaryRelief, MeasureType::Employment]
    );
    assert_eq!(unanswered_risks(&j.case), vec![RiskType::Schooling]);
}
