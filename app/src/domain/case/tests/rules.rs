//! Identification's rules and clocks, one scenario each, plus replay and the forms offered
//! (assistance and elimination are in `assistance`, extensions and pauses in `clock_rules`).

use crate::domain::clock::{ClockKind, ClockState, Level};
use crate::domain::vocab::{Category, Channel, RiskTier, RiskType};

use super::super::*;
use super::setups::not_passed_by_the_village;
use super::support::*;

use ClockKind as K;

#[test]
fn a_report_starts_township_acceptance_and_the_fifteen_day_identification_clock() {
    let j = Journey::report(
        Channel::SelfReport,
        vec![RiskType::Illness, RiskType::Illness],
    );
    assert_eq!(j.state(), "reported");
    assert_eq!(j.case.version, 3);
    assert_eq!(j.case.risks, vec![RiskType::Illness]);
    assert_eq!(
        j.open_kinds(),
        vec![K::TownshipAcceptance, K::IdentificationOverall]
    );
    let acceptance = clock(&j, K::TownshipAcceptance);
    assert_eq!(acceptance.owner, Level::Township);
    assert_eq!(acceptance.due_on, date(2025, 3, 5));
    let overall = clock(&j, K::IdentificationOverall);
    assert_eq!(overall.owner, Level::County);
    assert_eq!(overall.started_on, date(2025, 3, 1));
    // 15 days end on Sunday 16 March: the civil-code period rule moves it to Monday.
    assert_eq!(overall.due_on, date(2025, 3, 17));
}

#[test]
fn a_report_needs_risks_a_village_and_a_past_discovery_date() {
    let policy = Policy::national_default();
    let cal = crate::domain::calendar::Calendar::china();
    let household = actor(Role::Household);
    let decide_new =
        |new: NewCase, who: &Actor| decide_report(&new, who, &policy, &cal, start_time());
    let base = new_case(Channel::SelfReport, vec![RiskType::Illness]);
    assert_eq!(
        decide_new(
            NewCase {
                risks: Vec::new(),
                ..base.clone()
            },
            &household
        ),
        Err(Refusal::MissingData { field: "risks" })
    );
    assert_eq!(
        decide_new(
            NewCase {
                village: region(TOWNSHIP),
                ..base.clone()
            },
            &actor(Role::TownshipOfficer)
        ),
        Err(Refusal::InvalidData { field: "village" })
    );
    assert_eq!(
        decide_new(
            NewCase {
                discovered_on: date(2025, 3, 4),
                ..base.clone()
            },
            &household
        ),
        Err(Refusal::DateAfterToday {
            field: "discovered_on"
        })
    );
    assert_eq!(
        decide_new(base.clone(), &outsider(Role::Household)),
        Err(Refusal::OutOfScope)
    );
    assert!(matches!(
        decide_new(base, &actor(Role::CountyAdmin)),
        Err(Refusal::WrongRole { .. })
    ));
}

#[test]
fn accepting_meets_the_acceptance_clock_and_gives_the_village_three_working_days() {
    let j = at("accepted");
    assert_eq!(
        clock(&j, K::TownshipAcceptance).state,
        ClockState::Met {
            on: date(2025, 3, 3)
        }
    );
    let home = clock(&j, K::HomeCheck);
    assert_eq!(home.owner, Level::Village);
    assert_eq!(home.due_on, date(2025, 3, 6));
}

#[test]
fn a_case_found_by_cadres_is_home_checked_the_same_day() {
    let mut j = Journey::report(Channel::CadreScreening, vec![RiskType::Illness]);
    j.act(Role::TownshipOfficer, CaseCommand::ACCEPT);
    assert_eq!(clock(&j, K::HomeCheck).due_on, date(2025, 3, 3));
}

#[test]
fn a_home_check_without_signed_consent_is_refused_and_a_signed_one_meets_the_clock() {
    let mut j = at("accepted");
    let today = j.today();
    let unsigned = HomeCheckRecord {
        consent_signed: false,
        ..poor_record(today)
    };
    assert_eq!(
        j.try_role(
            Role::VillageCadre,
            &CaseCommand::RecordHomeCheck { record: unsigned }
        ),
        Err(Refusal::ConsentNotSigned)
    );
    j.act(
        Role::VillageCadre,
        CaseCommand::RecordHomeCheck {
            record: poor_record(today),
        },
    );
    assert_eq!(clock(&j, K::HomeCheck).state, ClockState::Met { on: today });
    assert_eq!(j.case.household.as_ref().map(|h| h.members.len()), Some(2));
}

#[test]
fn the_notice_cannot_end_before_its_minimum_days() {
    let mut j = at("notice_running");
    j.days(4);
    assert_eq!(
        j.try_role(Role::VillageCadre, &CaseCommand::EndNotice),
        Err(Refusal::NoticeTooShort { days_left: 1 })
    );
    j.days(1).act(Role::VillageCadre, CaseCommand::EndNotice);
    assert_eq!(j.state(), "notice_ended");
}

#[test]
fn an_objection_sends_the_case_back_to_the_home_check_while_the_overall_clock_runs_on() {
    let mut j = at("notice_running");
    let overall_before = clock(&j, K::IdentificationOverall);
    j.act(
        Role::VillageCadre,
        CaseCommand::RecordObjection {
            text: "该户子女为公职人员".to_owned(),
        },
    );
    assert_eq!(j.state(), "accepted");
    assert_eq!(j.case.objections.len(), 1);
    assert_eq!(clock(&j, K::IdentificationOverall), overall_before);
    assert_eq!(
        j.open_kinds(),
        vec![K::HomeCheck, K::IdentificationOverall],
        "the village has a deadline for the re-check"
    );
    j.until("identified");
    assert_eq!(j.case.objections.len(), 1);
}

#[test]
fn a_township_rejection_returns_the_case_for_a_new_home_check() {
    let mut j = at("notice_ended");
    j.act(
        Role::TownshipHead,
        CaseCommand::TownshipReview {
            approve: false,
            note: " 收入核算有误，请补充。 ".to_owned(),
        },
    );
    assert_eq!(j.state(), "accepted");
    // Kept without its closing full stop: the sentences quoting it add their own ("…补充。。").
    let kept = j.events.iter().rev().find_map(|e| match &e.kind {
        super::super::EventKind::TownshipReviewed { note, .. } => Some(note.clone()),
        _ => None,
    });
    assert_eq!(kept.as_deref(), Some("收入核算有误，请补充"));
    assert!(j.case.open_clock(K::IdentificationOverall).is_some());
    let recheck = clock(&j, K::HomeCheck);
    assert_eq!(
        (recheck.owner, recheck.started_on),
        (Level::Village, j.today())
    );
    assert!(recheck.is_open());
}

#[test]
fn identification_meets_the_overall_clock_and_starts_assistance_and_visit_clocks() {
    let j = at("identified");
    assert!(matches!(
        clock(&j, K::IdentificationOverall).state,
        ClockState::Met { .. }
    ));
    assert_eq!(
        j.open_kinds(),
        vec![
            K::ResponsibleAssigned,
            K::AssistanceStarted,
            K::MonitoringVisit
        ]
    );
    assert_eq!(j.case.category, Some(Category::Marginal));
    assert_eq!(j.case.tier, Some(RiskTier::Yellow));
    let visit = clock(&j, K::MonitoringVisit);
    assert_eq!(visit.due_on, visit.started_on + chrono::Months::new(1));
    assert_eq!(
        j.case.assistance_stage(),
        AssistanceStage::AwaitingResponsible
    );
}

#[test]
fn not_identifying_closes_identification_clocks_and_starts_the_refusal_notice() {
    let mut j = at("township_reviewed");
    j.act(
        Role::CountyHead,
        CaseCommand::CountyDecide {
            decision: IdentificationDecision::NotIdentify {
                reason: "人均收入高于监测线".to_owned(),
            },
        },
    );
    assert_eq!(j.state(), "not_identified");
    assert_eq!(j.open_kinds(), vec![K::RefusalNotice]);
    assert_eq!(clock(&j, K::RefusalNotice).owner, Level::Township);
    assert_eq!(j.case.refusal_reason.as_deref(), Some("人均收入高于监测线"));
    let today = j.today();
    j.act(
        Role::TownshipOfficer,
        CaseCommand::NotifyRefusal { on: today },
    );
    assert!(j.open_kinds().is_empty());
    assert!(j
        .case
        .available_commands(&actor(Role::TownshipOfficer), &j.policy, j.now)
        .is_empty());
}

#[test]
fn a_failed_village_review_ends_identification_with_a_refusal_notice() {
    let j = not_passed_by_the_village();
    assert_eq!(j.state(), "not_identified");
    assert_eq!(j.open_kinds(), vec![K::RefusalNotice]);
}

#[test]
fn rejecting_out_of_scope_starts_the_refusal_notice_and_cancels_the_rest() {
    let mut j = at("reported");
    j.act(
        Role::TownshipOfficer,
        CaseCommand::RejectOutOfScope {
            reason: "非农业户口".to_owned(),
        },
    );
    assert_eq!(j.open_kinds(), vec![K::RefusalNotice]);
    assert!(matches!(
        clock(&j, K::TownshipAcceptance).state,
        ClockState::Met { .. }
    ));
    assert!(matches!(
        clock(&j, K::IdentificationOverall).state,
        ClockState::Cancelled { .. }
    ));
}

#[test]
fn a_stale_form_is_refused() {
    let j = at("accepted");
    let refusal = decide_expecting(
        &j.case,
        j.case.version - 1,
        &CaseCommand::EndNotice,
        &actor(Role::VillageCadre),
        &j.policy,
        &j.cal,
        j.now,
    );
    assert_eq!(
        refusal,
        Err(Refusal::StaleVersion {
            expected: j.case.version - 1,
            actual: j.case.version,
        })
    );
}

#[test]
fn events_round_trip_through_json_and_replay_to_the_same_case() {
    let mut j = at("eliminated");
    j.days(30).act(
        Role::CountyOfficer,
        CaseCommand::Reopen {
            reason: "回退".to_owned(),
            tier: RiskTier::Yellow,
        },
    );
    let json = serde_json::to_string(&j.events).expect("serialise");
    let back: Vec<CaseEvent> = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(back, j.events);
    assert_eq!(Case::replay(&back), Some(j.case.clone()));
    assert_eq!(j.case.version, j.events.len() as i64);
    assert!(json.contains("\"event\":\"home_check_recorded\""));
}

#[test]
fn replay_needs_a_reported_event_first() {
    let j = at("accepted");
    assert_eq!(Case::replay(&j.events[1..]), None);
    assert_eq!(Case::replay(&[]), None);
}

#[test]
fn the_forms_offered_follow_role_and_step() {
    let j = at("notice_running");
    let offered = |role| j.case.available_commands(&actor(role), &j.policy, j.now);
    assert_eq!(
        offered(Role::VillageCadre),
        vec![CommandKind::RecordObjection]
    );
    assert_eq!(
        offered(Role::CountyOfficer),
        vec![CommandKind::RecordComparison, CommandKind::RequestExtension]
    );
    assert_eq!(
        offered(Role::TownshipOfficer),
        vec![CommandKind::RecordObjection]
    );
    assert!(offered(Role::Household).is_empty());
    assert!(offered(Role::CountyAdmin).is_empty());
}

#[test]
fn a_case_snapshot_round_trips_through_json() {
    let j = at("elimination_notice_running");
    let json = serde_json::to_string(&j.case).expect("serialise");
    let back: Case = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(back, j.case);
    assert!(json.contains("\"state\":\"reviewing\""));
}

#[test]
fn the_national_default_policy_matches_the_published_deadlines() {
    use crate::domain::clock::Span;
    let policy = Policy::national_default();
    assert_eq!(
        policy.income_line,
        crate::domain::money::Fen::from_fen(730_000)
    );
    assert_eq!(policy.identification_overall, Span::CalendarDays(15));
    assert_eq!(policy.notice_min, Span::CalendarDays(5));
    assert_eq!(policy.visit_span(RiskTier::Red), Span::CalendarDays(15));
    assert_eq!(policy.visit_span(RiskTier::Yellow), Span::Months(1));
    // Blue is quarterly in the local plan, but every monitored household is visited monthly.
    assert_eq!(policy.visit_blue, Span::Months(3));
    assert_eq!(policy.visit_span(RiskTier::Blue), Span::Months(1));
    assert!(policy.rules.calendar_deadlines_end_on_working_day);
    assert!(!policy.green_channel_open);
    assert_eq!(policy.due_soon_working_days, 1);
}

#[test]
fn staff_file_for_others_only_under_their_own_channels() {
    use super::super::guard::{proxy_channels, REPORTERS};
    assert_eq!(
        proxy_channels(Role::HotlineOperator),
        &[Channel::ProxyHotline]
    );
    assert_eq!(
        proxy_channels(Role::DepartmentLiaison),
        &[Channel::DepartmentAlert]
    );
    assert!(proxy_channels(Role::Household).is_empty());
    assert!(proxy_channels(Role::CountyAdmin).is_empty());
    for role in Role::ALL {
        let channels = proxy_channels(*role);
        assert!(!channels.contains(&Channel::SelfReport), "{role:?}");
        // Whoever may file for others may file at all.
        assert!(channels.is_empty() || REPORTERS.contains(role), "{role:?}");
    }
}

#[test]
fn a_refused_date_says_which_rule_it_broke() {
    use super::super::decide::check_date;
    let today = date(2026, 12, 2);
    let before = date(2026, 11, 30);
    assert_eq!(check_date(today, Some(before), today, "from"), Ok(()));
    assert_eq!(check_date(before, Some(before), today, "from"), Ok(()));
    assert_eq!(
        check_date(date(2026, 12, 3), Some(before), today, "from"),
        Err(Refusal::DateAfterToday { field: "from" })
    );
    assert_eq!(
        check_date(date(2026, 11, 29), Some(before), today, "from"),
        Err(Refusal::DateTooEarly {
            field: "from",
            earliest: before
        })
    );
    // A date both too late and too early cannot happen; later than today wins otherwise.
    assert_eq!(
        check_date(date(2026, 12, 3), Some(date(2026, 12, 5)), today, "from"),
        Err(Refusal::DateAfterToday { field: "from" })
    );
}
