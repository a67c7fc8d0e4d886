//! `STATE_CODES` is the one list of state codes: every state's code is in it once, in order.
use chrono::NaiveDate;

use super::follow_up::CAMPAIGN_STATES;
use super::state::RemovalKind;
use super::state::{CaseState, Procedure, ReviewStep, STATE_CODES};

fn every_state() -> Vec<CaseState> {
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let steps = [
        ReviewStep::AwaitingHomeCheck,
        ReviewStep::HomeChecked,
        ReviewStep::VillageReviewed,
        ReviewStep::NoticeRunning {
            from: day,
            min_until: day,
            township_reviewed: false,
        },
        ReviewStep::NoticeEnded,
        ReviewStep::TownshipReviewed,
    ];
    let review = |procedure| steps.map(|step| CaseState::Reviewing { procedure, step });
    let mut all = vec![CaseState::Reported];
    all.extend(review(Procedure::Identification));
    all.push(CaseState::RejectedOutOfScope {
        reason: String::new(),
    });
    all.push(CaseState::NotIdentified {
        reason: String::new(),
    });
    all.push(CaseState::Monitored);
    all.extend(review(Procedure::Elimination));
    all.push(CaseState::Eliminated { on: day });
    all.push(CaseState::Removed {
        kind: RemovalKind::MovedAway,
        on: day,
    });
    all
}

#[test]
fn every_state_code_is_listed_once_in_procedure_order() {
    let codes: Vec<&str> = every_state().iter().map(CaseState::code).collect();
    assert_eq!(codes, STATE_CODES);
}

#[test]
fn a_campaign_reaches_monitored_and_eliminated_households_only() {
    assert_eq!(CAMPAIGN_STATES.first(), Some(&"identified"));
    assert_eq!(CAMPAIGN_STATES.last(), Some(&"eliminated"));
    assert!(every_state()
        .iter()
        .all(|s| CAMPAIGN_STATES.contains(&s.code())
            == (s.is_monitored() || matches!(s, CaseState::Eliminated { .. }))));
}
