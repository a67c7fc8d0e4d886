//! Duplicates, the county data comparison (负面清单), the Hebei variants and the notice
//! minimum clock.

use crate::domain::clock::{urgency, ClockKind, TimeLeft, Urgency};
use crate::domain::vocab::{Category, Channel, RiskTier, RiskType};

use super::super::screening::NegativeItem;
use super::super::*;
use super::support::*;

fn journey(policy: Policy) -> Journey {
    Journey::report_with(policy, Channel::SelfReport, vec![RiskType::Illness])
}

fn hebei() -> Policy {
    Policy {
        notice_parallel_township: true,
        comparison_skippable: true,
        ..Policy::national_default()
    }
}

fn duplicate_report() -> Journey {
    let policy = Policy::national_default();
    let cal = crate::domain::calendar::Calendar::china();
    let mut new = new_case(Channel::ProxyHotline, vec![RiskType::Illness]);
    new.duplicates = vec![earlier_filing()];
    let events = decide_report(
        &new,
        &actor(Role::HotlineOperator),
        &policy,
        &cal,
        start_time(),
    )
    .expect("a duplicate is still filed: nothing is lost");
    let case = Case::replay(&events).expect("case");
    Journey {
        case,
        events,
        now: start_time(),
        policy,
        cal,
    }
}

fn identify(note: &str) -> CaseCommand {
    CaseCommand::CountyDecide {
        decision: IdentificationDecision::Identify {
            category: Category::Marginal,
            tier: RiskTier::Yellow,
            note: note.to_owned(),
        },
    }
}

fn comparison(hits: Vec<NegativeItem>) -> CaseCommand {
    CaseCommand::RecordComparison {
        hits,
        note: "民政、公安、市场监管数据".to_owned(),
    }
}

fn accept_with(reason: &str) -> CaseCommand {
    CaseCommand::Accept {
        duplicate_override: Some(reason.to_owned()),
    }
}

#[test]
fn a_suspected_duplicate_is_filed_with_its_match_and_blocks_plain_acceptance() {
    let j = duplicate_report();
    assert_eq!(j.case.duplicates, vec![earlier_filing()]);
    assert!(j.case.duplicate_unresolved());
    assert_eq!(
        j.try_role(Role::TownshipOfficer, &CaseCommand::ACCEPT),
        Err(Refusal::PossibleDuplicate)
    );
    assert_eq!(
        j.try_role(Role::TownshipOfficer, &accept_with("   ")),
        Err(Refusal::PossibleDuplicate)
    );
}

#[test]
fn the_township_may_reject_a_duplicate_or_accept_it_with_an_audited_reason() {
    let mut rejected = duplicate_report();
    rejected.act(
        Role::TownshipOfficer,
        CaseCommand::RejectOutOfScope {
            reason: "重复申报，已在原申报中办理".to_owned(),
        },
    );
    assert_eq!(rejected.state(), "rejected_out_of_scope");

    let mut j = duplicate_report();
    j.act(
        Role::TownshipHead,
        accept_with("原申报为因病，本次为因灾新增风险"),
    );
    assert_eq!(j.state(), "accepted");
    assert_eq!(
        j.case.duplicate_override.as_deref(),
        Some("原申报为因病，本次为因灾新增风险")
    );
    let overridden = j
        .events
        .iter()
        .find(|e| matches!(e.kind, EventKind::DuplicateOverridden { .. }))
        .expect("the override is an event");
    assert_eq!(overridden.by.user_id, "township_head-1");
}

#[test]
fn an_override_without_a_suspected_duplicate_is_not_recorded() {
    let mut j = at("reported");
    j.act(Role::TownshipOfficer, accept_with("无"));
    assert_eq!(j.state(), "accepted");
    assert_eq!(j.case.duplicate_override, None);
}

#[test]
fn the_county_cannot_decide_before_its_data_comparison() {
    let mut j = at("township_reviewed");
    assert_eq!(
        j.try_role(Role::CountyOfficer, &identify("")),
        Err(Refusal::ComparisonMissing)
    );
    j.act(Role::DepartmentLiaison, comparison(Vec::new()));
    let recorded = j.case.comparison.clone().expect("comparison kept");
    assert!(recorded.hits.is_empty());
    assert_eq!(recorded.by, "department_liaison-1");
    j.act(Role::CountyOfficer, identify(""));
    assert_eq!(j.state(), "identified");
}

#[test]
fn a_comparison_says_what_was_compared_and_is_not_recorded_twice() {
    let mut j = at("township_reviewed");
    let blank = CaseCommand::RecordComparison {
        hits: Vec::new(),
        note: "  ".to_owned(),
    };
    assert_eq!(
        j.try_role(Role::CountyOfficer, &blank),
        Err(Refusal::MissingData { field: "note" })
    );
    j.act(
        Role::CountyOfficer,
        comparison(vec![NegativeItem::PrivateCar]),
    );
    // A correction is still possible, but its form no longer opens first as if none was made.
    let offered = j
        .case
        .available_commands(&actor(Role::CountyOfficer), &j.policy, j.now);
    assert_eq!(
        offered.last(),
        Some(&CommandKind::RecordComparison),
        "{offered:?}"
    );
    // The same again (a second click), hits in another order included: refused, nothing
    // written; a corrected one is recorded and replaces it.
    let again = comparison(vec![NegativeItem::PrivateCar, NegativeItem::PrivateCar]);
    assert_eq!(
        j.try_role(Role::CountyOfficer, &again),
        Err(Refusal::ComparisonUnchanged)
    );
    j.act(Role::CountyOfficer, comparison(Vec::new()));
    assert!(j.case.comparison.expect("kept").hits.is_empty());
}

#[test]
fn negative_list_hits_warn_the_county_and_identifying_anyway_needs_an_explanation() {
    let mut j = at("notice_running");
    j.act(
        Role::CountyOfficer,
        comparison(vec![
            NegativeItem::PrivateCar,
            NegativeItem::PublicEmployee,
            NegativeItem::PrivateCar,
        ]),
    );
    assert_eq!(
        j.case.negative_hits(),
        &[NegativeItem::PublicEmployee, NegativeItem::PrivateCar]
    );
    j.until("township_reviewed");
    assert_eq!(
        j.try_role(Role::CountyHead, &identify("  ")),
        Err(Refusal::NegativeListUnexplained)
    );
    j.act(
        Role::CountyHead,
        identify("车辆为报废农用车，公职人员已分户"),
    );
    assert!(j.events.iter().any(|e| matches!(
        &e.kind,
        EventKind::Identified { note, .. } if note == "车辆为报废农用车，公职人员已分户"
    )));
}

#[test]
fn only_the_county_or_a_department_records_the_comparison_and_only_after_consent() {
    let j = at("home_checked");
    for role in [Role::VillageCadre, Role::TownshipOfficer, Role::Household] {
        assert!(matches!(
            j.try_role(role, &comparison(Vec::new())),
            Err(Refusal::WrongRole { .. })
        ));
    }
    let before_consent = at("accepted");
    assert!(matches!(
        before_consent.try_role(Role::CountyOfficer, &comparison(Vec::new())),
        Err(Refusal::WrongState { .. })
    ));
}

#[test]
fn where_policy_allows_the_county_may_skip_the_comparison_with_a_reason() {
    let mut j = journey(hebei());
    j.until("township_reviewed");
    assert_eq!(
        j.try_role(Role::CountyOfficer, &identify("")),
        Err(Refusal::MissingData { field: "note" })
    );
    j.act(
        Role::CountyOfficer,
        identify("因灾致贫风险明确，公示无异议"),
    );
    assert_eq!(j.state(), "identified");
    assert_eq!(j.case.comparison, None);
}

#[test]
fn an_objection_during_the_notice_means_the_comparison_cannot_be_skipped() {
    let mut j = journey(hebei());
    j.until("notice_running");
    j.act(
        Role::VillageCadre,
        CaseCommand::RecordObjection {
            text: "该户有私家车".to_owned(),
        },
    );
    j.until("township_reviewed");
    assert_eq!(
        j.try_role(Role::CountyOfficer, &identify("风险明确")),
        Err(Refusal::ComparisonNotSkippable)
    );
}

#[test]
fn under_the_hebei_policy_the_township_reviews_while_the_notice_runs() {
    let township_review = CaseCommand::TownshipReview {
        approve: true,
        note: "同意".to_owned(),
    };
    let national = at("notice_running");
    assert!(matches!(
        national.try_role(Role::TownshipOfficer, &township_review),
        Err(Refusal::WrongState { .. })
    ));

    let mut j = journey(hebei());
    j.until("notice_running");
    j.act(Role::TownshipOfficer, township_review.clone());
    assert_eq!(j.state(), "notice_running", "the notice keeps running");
    assert!(matches!(
        j.try_role(Role::TownshipOfficer, &township_review),
        Err(Refusal::WrongState { .. })
    ));
    j.days(5).act(Role::VillageCadre, CaseCommand::EndNotice);
    assert_eq!(j.state(), "township_reviewed", "only the county is left");
}

#[test]
fn an_objection_after_a_parallel_township_review_means_reviewing_again() {
    let mut j = journey(hebei());
    j.until("notice_running");
    j.act(
        Role::TownshipOfficer,
        CaseCommand::TownshipReview {
            approve: true,
            note: String::new(),
        },
    )
    .act(
        Role::VillageCadre,
        CaseCommand::RecordObjection {
            text: "收入不实".to_owned(),
        },
    );
    assert_eq!(j.state(), "accepted");
    j.until("notice_running");
    j.days(5).act(Role::VillageCadre, CaseCommand::EndNotice);
    assert_eq!(j.state(), "notice_ended", "the township must review again");
}

#[test]
fn a_township_rejection_during_the_notice_takes_the_notice_down() {
    let mut j = journey(hebei());
    j.until("notice_running");
    j.act(
        Role::TownshipOfficer,
        CaseCommand::TownshipReview {
            approve: false,
            note: "收入核算有误".to_owned(),
        },
    );
    assert_eq!(j.state(), "accepted");
    assert!(j.case.open_clock(ClockKind::NoticeWindow).is_none());
}

#[test]
fn the_notice_window_is_a_minimum_clock_never_overdue_never_paused_or_extended() {
    let mut j = at("notice_running");
    let clock = j
        .case
        .open_clock(ClockKind::NoticeWindow)
        .cloned()
        .expect("notice clock");
    let Some((_, ReviewStep::NoticeRunning { min_until, .. })) = j.case.state.review_step() else {
        panic!("not in notice");
    };
    assert_eq!(clock.due_on, min_until);
    assert_eq!(
        TimeLeft::of(&clock, j.today(), &j.cal),
        TimeLeft::MinimumDaysLeft { days: 5 }
    );
    let late = min_until + chrono::Duration::days(10);
    assert_eq!(urgency(&clock, late, &j.cal, 1), Urgency::OnTime);
    assert_eq!(TimeLeft::of(&clock, late, &j.cal), TimeLeft::MinimumReached);
    for command in [
        CaseCommand::PauseClock {
            clock: ClockKind::NoticeWindow,
            reason: "春节".to_owned(),
        },
        CaseCommand::RequestExtension {
            clock: ClockKind::NoticeWindow,
            days: 2,
            reason: "春节".to_owned(),
        },
    ] {
        assert!(
            j.try_role(Role::VillageCadre, &command).is_err(),
            "{command:?}"
        );
    }
    j.days(5).act(Role::VillageCadre, CaseCommand::EndNotice);
    let met = j
        .case
        .clocks
        .iter()
        .find(|c| c.kind == ClockKind::NoticeWindow)
        .expect("kept");
    assert_eq!(urgency(met, late, &j.cal, 1), Urgency::Met);
}

#[test]
fn an_objection_cancels_the_notice_clock() {
    let mut j = at("notice_running");
    j.act(
        Role::VillageCadre,
        CaseCommand::RecordObjection {
            text: "有异议".to_owned(),
        },
    );
    assert!(j.case.open_clock(ClockKind::NoticeWindow).is_none());
}

#[test]
fn the_county_category_must_fit_the_home_check() {
    let mut j = at("accepted");
    let today = j.today();
    j.act(
        Role::VillageCadre,
        CaseCommand::RecordHomeCheck {
            record: recovered_record(today),
        },
    );
    j.until("township_reviewed");
    j.act(Role::CountyOfficer, comparison(Vec::new()));
    let decide = |category| CaseCommand::CountyDecide {
        decision: IdentificationDecision::Identify {
            category,
            tier: RiskTier::Blue,
            note: String::new(),
        },
    };
    assert_eq!(
        j.try_role(Role::CountyOfficer, &decide(Category::Marginal)),
        Err(Refusal::CategoryDoesNotFit {
            misfit: super::super::eligibility::Misfit::IncomeAboveLine
        }),
        "16 000 yuan a head is above the 7 300 line"
    );
    assert_eq!(
        j.try_role(Role::CountyOfficer, &decide(Category::UnstableFormerlyPoor)),
        Err(Refusal::CategoryDoesNotFit {
            misfit: super::super::eligibility::Misfit::NotFormerlyPoor
        })
    );
    // Not identifying stays open to the county.
    j.act(
        Role::CountyOfficer,
        CaseCommand::CountyDecide {
            decision: IdentificationDecision::NotIdentify {
                reason: "人均纯收入高于监测标准".to_owned(),
            },
        },
    );
    assert_eq!(j.state(), "not_identified");
}
