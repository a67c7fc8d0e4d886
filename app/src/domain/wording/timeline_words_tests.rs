use chrono::NaiveDate;

use super::*;
use crate::domain::case::{
    elimination::Stability,
    event::EventActor,
    samples::{measure, record},
    screening::{DuplicateMatch, MatchReason},
    state::EliminationChecklist,
};
use crate::domain::clock::Level;
use crate::domain::mobile::MobileNumber;
use crate::domain::money::Fen;
use crate::domain::region::RegionCode;
use crate::domain::wording::labels::event_zh;
use crate::domain::wording::phrase::plain;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("a date")
}

/// One event of every kind the timeline shows, with the variants that word differently.
fn every_event() -> Vec<EventKind> {
    use EventKind as E;
    let mut no_income = record(day(2), 0);
    no_income.members.clear();
    let stability = Stability {
        monitored_since: day(1),
        days_monitored: 200,
        visits: 7,
        income_at_identification: Some(Fen::from_fen(500_000)),
        income_now: Some(Fen::from_fen(900_000)),
    };
    vec![
        E::Reported {
            id: "c1".into(),
            village: RegionCode::parse("520102001001").expect("a village"),
            channel: Channel::ProxyHotline,
            risks: vec![],
            discovered_on: day(1),
        },
        E::DuplicateSuspected {
            matches: vec![
                DuplicateMatch {
                    case_id: "c0".into(),
                    tracking: "FP7K2M".into(),
                    state: "reported".into(),
                    village: "青石村".into(),
                    reported_on: day(1),
                    reasons: vec![MatchReason::SameMobile],
                };
                2
            ],
        },
        E::DuplicateOverridden {
            reason: "新的困难".into(),
        },
        E::Accepted,
        E::RejectedOutOfScope {
            reason: "非农村户籍".into(),
        },
        E::HomeCheckRecorded {
            record: record(day(2), 480_000),
        },
        E::HomeCheckRecorded { record: no_income },
        E::VillageReviewHeld {
            date: day(3),
            outcome: VillageOutcome::Pass,
        },
        E::VillageReviewHeld {
            date: day(3),
            outcome: VillageOutcome::Fail {
                reason: "收入超标".into(),
            },
        },
        E::NoticeStarted {
            from: day(4),
            min_until: day(11),
        },
        E::ObjectionRecorded {
            text: "有车".into(),
        },
        E::NoticeEnded { on: day(11) },
        E::TownshipReviewed {
            approve: true,
            note: "同意".into(),
        },
        E::TownshipReviewed {
            approve: true,
            note: String::new(),
        },
        E::TownshipReviewed {
            approve: false,
            note: "材料不全".into(),
        },
        E::ComparisonRecorded {
            hits: vec![],
            note: String::new(),
        },
        E::ComparisonRecorded {
            hits: vec![],
            note: "已核".into(),
        },
        E::ComparisonRecorded {
            hits: vec![NegativeItem::PrivateCar, NegativeItem::ShopFront],
            note: String::new(),
        },
        E::ComparisonRecorded {
            hits: vec![NegativeItem::Concealment],
            note: "车已卖".into(),
        },
        E::Identified {
            category: Category::Marginal,
            tier: RiskTier::Yellow,
            note: String::new(),
        },
        E::Identified {
            category: Category::SuddenHardship,
            tier: RiskTier::Red,
            note: "车辆用于务农".into(),
        },
        E::NotIdentified {
            reason: "收入超标".into(),
        },
        E::RefusalNotified { on: day(12) },
        E::ResponsibleAssigned {
            person: "王五".into(),
            mobile: MobileNumber::parse("13800138000").ok(),
        },
        E::ResponsibleAssigned {
            person: "王五 13800138000".into(),
            mobile: None,
        },
        E::PlanAdded {
            measures: vec![
                measure(MeasureType::Medical, day(12)),
                measure(MeasureType::Employment, day(12)),
            ],
        },
        E::MeasureStatusUpdated {
            index: 0,
            status: MeasureStatus::InProgress,
            measure: None,
        },
        E::MeasureStatusUpdated {
            index: 0,
            status: MeasureStatus::Delivered,
            measure: Some(MeasureType::Medical),
        },
        E::VisitLogged {
            date: day(13),
            notes: "病情稳定".into(),
            new_tier: None,
        },
        E::VisitLogged {
            date: day(13),
            notes: "收入回升".into(),
            new_tier: Some(RiskTier::Yellow),
        },
        E::TierChanged {
            tier: RiskTier::Blue,
            reason: "已就业".into(),
        },
        E::EliminationProposed {
            checklist: EliminationChecklist::ALL_MET,
        },
        E::KeptMonitoring {
            reason: "收入未稳定".into(),
        },
        E::Eliminated {
            on: day(20),
            stability: None,
        },
        E::Eliminated {
            on: day(20),
            stability: Some(stability),
        },
        E::Eliminated {
            on: day(20),
            stability: Some(Stability {
                income_now: None,
                ..stability
            }),
        },
        E::Removed {
            kind: RemovalKind::MovedAway,
            reason: "迁往外省".into(),
            on: day(20),
        },
        E::PlanReviewed { date: day(14) },
        E::PlanReturned {
            date: day(14),
            reason: "缺少就业帮扶".into(),
        },
        E::PlanObjectionRecorded {
            text: "邻居反映已有低保".into(),
        },
        E::PlanNoticeStarted {
            from: day(14),
            min_until: day(19),
        },
        E::PlanNoticeEnded { on: day(19) },
        E::ReliefReviewed {
            note: "纳入低保".into(),
        },
        E::AlertFedBack {
            note: "已核实".into(),
        },
        E::CampaignStarted {
            name: "秋季排查".into(),
            until: day(30),
        },
        E::EliminationDeferred {
            reason: "兜底".into(),
            on: day(20),
        },
        E::Reopened {
            reason: "再次患病".into(),
            tier: RiskTier::Red,
            on: day(21),
        },
        E::GreenChannelOpened,
        E::GreenChannelApproved {
            home_checked_on: day(2),
            village_study_on: day(3),
            township_approved_on: day(4),
        },
        E::ExtensionRequested {
            clock: ClockKind::ALL[0],
            owner: Level::Township,
            days: 5,
            reason: "雨季".into(),
            new_due: day(25),
        },
        E::ExtensionDecided {
            clock: ClockKind::ALL[1],
            approved: true,
            new_due: day(25),
        },
        E::ExtensionDecided {
            clock: ClockKind::ALL[1],
            approved: false,
            new_due: day(25),
        },
        E::ClockPaused {
            clock: ClockKind::ALL[2],
            on: day(5),
            reason: "外出务工".into(),
            remaining_working_days: 3,
        },
        E::ClockResumed {
            clock: ClockKind::ALL[2],
            on: day(9),
            new_due: day(12),
        },
    ]
}

fn event(kind: EventKind) -> CaseEvent {
    CaseEvent {
        at: day(1).and_hms_opt(9, 0, 0).expect("a time"),
        by: EventActor {
            user_id: "u1".into(),
            role: Role::TownshipOfficer,
        },
        kind,
    }
}

fn is_chinese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FFEF}')
        || matches!(c, '“' | '”')
}

#[test]
fn every_event_is_the_same_in_chinese_and_in_english_apart_from_its_data() {
    for kind in every_event() {
        let event = event(kind);
        let phrase = event_phrase(&event).expect("shown on the timeline");
        let zh = event_words(&phrase, Lang::Zh).expect("known code");
        assert_eq!(
            Some(plain(&zh)),
            event_zh(&event),
            "{phrase:?} worded in Chinese"
        );
        let en = event_words(&phrase, Lang::En).expect("known code");
        for part in &en {
            if let Part::Words(words) = part {
                assert!(!words.chars().any(is_chinese), "{phrase:?}: {words}");
            }
        }
        // The phrase crosses the wire as JSON and comes back the same.
        let json = serde_json::to_string(&phrase).expect("json");
        assert_eq!(serde_json::from_str::<Phrase>(&json).expect("back"), phrase);
    }
}

/// Dates in the timeline are written as people write them (2026年11月25日, 25 Nov 2026),
/// never as the stored 2026-11-25.
#[test]
fn no_timeline_sentence_shows_a_stored_iso_date() {
    for kind in every_event() {
        let event = event(kind);
        let phrase = event_phrase(&event).expect("shown on the timeline");
        for lang in [Lang::Zh, Lang::En] {
            let words = plain(&event_words(&phrase, lang).expect("known code"));
            assert!(!words.contains("2026-11-"), "{lang:?}: {words}");
        }
        let zh = event_zh(&event).expect("worded");
        assert!(!zh.contains("2026-11-"), "{zh}");
    }
    let ended = event_phrase(&event(EventKind::NoticeEnded { on: day(25) })).expect("shown");
    assert!(plain(&event_words(&ended, Lang::Zh).expect("zh")).contains("2026年11月25日"));
    assert!(plain(&event_words(&ended, Lang::En).expect("en")).contains("25 Nov 2026"));
}

/// With several measures, "帮扶措施已落实" did not say which (officer tester).
#[test]
fn a_measure_update_names_its_measure() {
    let update = event(EventKind::MeasureStatusUpdated {
        index: 1,
        status: MeasureStatus::Delivered,
        measure: Some(MeasureType::Medical),
    });
    let phrase = event_phrase(&update).expect("shown");
    let zh = plain(&event_words(&phrase, Lang::Zh).expect("zh"));
    assert_eq!(zh, "帮扶措施“医疗保障”已落实");
    assert_eq!(event_zh(&update).as_deref(), Some(zh.as_str()));
    let en = plain(&event_words(&phrase, Lang::En).expect("en"));
    assert!(en.contains("Medical") || en.contains("medical"), "{en}");
}

/// A tier changed at a visit was only in the cadre's own note (officer tester).
#[test]
fn a_visit_that_changes_the_tier_says_so() {
    let visit = event(EventKind::VisitLogged {
        date: day(13),
        notes: "收入回升".into(),
        new_tier: Some(RiskTier::Yellow),
    });
    let phrase = event_phrase(&visit).expect("shown");
    let zh = plain(&event_words(&phrase, Lang::Zh).expect("zh"));
    assert_eq!(zh, "走访：收入回升（风险等级调整为黄色）");
    assert_eq!(event_zh(&visit).as_deref(), Some(zh.as_str()));
    let en = plain(&event_words(&phrase, Lang::En).expect("en"));
    assert!(en.contains("tier changed to"), "{en}");
}

#[test]
fn free_text_and_names_are_data_and_vocabulary_is_worded() {
    let rejected = event_phrase(&event(EventKind::RejectedOutOfScope {
        reason: "非农村户籍".into(),
    }))
    .expect("shown");
    assert_eq!(
        event_words(&rejected, Lang::En),
        Some(vec![
            Part::Words("Rejected as out of scope: ".into()),
            Part::Data("非农村户籍".into()),
        ])
    );
    let reported = event_phrase(&event(every_event().remove(0))).expect("shown");
    assert_eq!(
        event_words(&reported, Lang::En).map(|p| plain(&p)),
        Some("Report filed (Filed for the household via the 12317 hotline)".into())
    );
}

#[test]
fn an_unknown_code_or_argument_is_not_worded_so_the_page_shows_the_stored_words() {
    let cases = [
        Phrase::new("a_future_event"),
        Phrase::new("reported").arg("channel", "carrier_pigeon"),
        Phrase::new("rejected_out_of_scope"),
        Phrase::new("comparison_hits").arg("hits", "private_car,flying_car"),
    ];
    for phrase in cases {
        for lang in Lang::ALL {
            assert_eq!(event_words(&phrase, *lang), None, "{phrase:?}");
        }
    }
    let clock = event(EventKind::ClockMet {
        clock: ClockKind::ALL[0],
        on: day(2),
    });
    assert_eq!(event_phrase(&clock), None);
}

#[test]
fn the_actor_is_the_household_or_a_role_with_a_name() {
    type Case<'a> = (&'a str, Option<&'a str>, Lang, Option<Vec<Part>>);
    let cases: &[Case] = &[
        (
            "household",
            None,
            Lang::Zh,
            Some(vec![Part::Words("农户本人".into())]),
        ),
        (
            "township_officer",
            Some("李乡干（青石镇）"),
            Lang::Zh,
            Some(vec![
                Part::Words("乡镇工作人员（".into()),
                Part::Data("李乡干（青石镇）".into()),
                Part::Words("）".into()),
            ]),
        ),
        (
            "township_officer",
            Some("李乡干（青石镇）"),
            Lang::En,
            Some(vec![
                Part::Words("Township officer (".into()),
                Part::Data("李乡干（青石镇）".into()),
                Part::Words(")".into()),
            ]),
        ),
        (
            "county_officer",
            None,
            Lang::En,
            Some(vec![Part::Words("County officer (deleted account)".into())]),
        ),
        ("emperor", Some("某人"), Lang::En, None),
    ];
    for (role, name, lang, want) in cases {
        assert_eq!(&actor_words(role, *name, *lang), want, "{role} {name:?}");
    }
}

#[test]
fn every_negative_list_item_has_its_name_in_every_language() {
    for item in NegativeItem::ALL {
        assert_eq!(hit_label(item, Lang::Zh), item.label_zh());
        for lang in Lang::ALL {
            assert_ne!(hit_label(item, *lang), item.code());
        }
    }
}

/// A plan added after the first reads 增加帮扶措施, not 制定帮扶计划 again (officer tester),
/// the same in both languages' wording of it.
#[test]
fn a_later_plan_reads_as_measures_added() {
    use crate::domain::wording::labels::measures_added_zh;
    use crate::domain::wording::timeline_words::{later_plans, measures_added};
    let plan = || {
        event(EventKind::PlanAdded {
            measures: vec![crate::domain::case::samples::measure(
                MeasureType::Medical,
                day(1),
            )],
        })
    };
    let visit = event(EventKind::Accepted);
    // Newest first, as the page lists them.
    let events = [plan(), visit, plan()];
    assert_eq!(later_plans(&events), vec![true, false, false]);
    let more = measures_added(&events[0]).expect("a plan");
    let zh = plain(&event_words(&more, Lang::Zh).expect("known code"));
    assert_eq!(zh, "增加帮扶措施：医疗保障");
    assert_eq!(measures_added_zh(&events[0]).as_deref(), Some(zh.as_str()));
    let en = plain(&event_words(&more, Lang::En).expect("en"));
    assert!(
        en.starts_with("Measures added") && !en.chars().any(is_chinese),
        "{en}"
    );
}
