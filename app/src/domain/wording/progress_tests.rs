//! One row per state and sub-state: the sentence the household reads, the date it is given
//! (from the case's clocks, computed with a non-default policy) and whom it is told to call.
use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::domain::{
    case::{decide_report, Actor, Measure, MeasureStatus, NewCase, Role},
    clock::Level,
    money::Fen,
    region::RegionCode,
    vocab::{Channel, MeasureType, RiskType},
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Monday 2 March 2026, 09:00.
fn filed_at() -> NaiveDateTime {
    date(2026, 3, 2).and_hms_opt(9, 0, 0).expect("time")
}

/// A county that gives the township 3 working days, the village 4 for the visit and runs
/// the notice 7 days (the national defaults are 2, 3 and 5).
fn county_policy() -> Policy {
    Policy {
        township_acceptance: Span::WorkingDays(3),
        home_check: Span::WorkingDays(4),
        notice_min: Span::CalendarDays(7),
        recheck_eliminated: Span::Months(2),
        ..Policy::national_default()
    }
}

fn filed() -> Case {
    let village = RegionCode::parse("130102001203").expect("village");
    let new = NewCase {
        id: "case-1".into(),
        village: village.clone(),
        channel: Channel::SelfReport,
        risks: vec![RiskType::Illness],
        discovered_on: filed_at().date(),
        duplicates: Vec::new(),
    };
    let actor = Actor::new("household:1".to_owned(), Role::Household, village);
    let events = decide_report(
        &new,
        &actor,
        &county_policy(),
        &Calendar::china(),
        filed_at(),
    )
    .expect("filed");
    Case::replay(&events).expect("case")
}

fn clock(kind: ClockKind, owner: Level, due: NaiveDate) -> Clock {
    Clock {
        kind,
        owner,
        started_on: filed_at().date(),
        due_on: due,
        state: ClockState::Running,
        extended: 0,
    }
}

/// The case moved to `state` with the clocks that step has open.
fn at(state: CaseState, clocks: Vec<Clock>) -> Case {
    let mut case = filed();
    case.state = state;
    case.clocks = clocks;
    case
}

fn reviewing(procedure: Procedure, step: ReviewStep) -> CaseState {
    CaseState::Reviewing { procedure, step }
}

fn overall() -> Clock {
    clock(
        ClockKind::IdentificationOverall,
        Level::County,
        date(2026, 3, 17),
    )
}

fn measure(status: MeasureStatus) -> Measure {
    Measure {
        measure_type: MeasureType::Medical,
        lead_department: "医保局".into(),
        amount: Fen::from_fen(200_000),
        start: date(2026, 3, 20),
        end: date(2026, 6, 20),
        status,
        started_on: None,
        delivered_on: None,
        noticed_on: None,
    }
}

/// Monitored, its responsible person named, help due to start by 2026-04-18.
fn assigned() -> Case {
    let mut assigned = at(
        CaseState::Monitored,
        vec![clock(
            ClockKind::AssistanceStarted,
            Level::County,
            date(2026, 4, 18),
        )],
    );
    assigned.responsible = Some("王村干".into());
    assigned
}

fn view(case: &Case, today: NaiveDate, lang: Lang) -> Progress {
    progress(
        case,
        &Inputs {
            events: &[],
            policy: &county_policy(),
            cal: &Calendar::china(),
            today,
            lang,
        },
    )
}

struct Row {
    name: &'static str,
    case: Case,
    headline: &'static str,
    says: &'static str,
    due: Option<NaiveDate>,
    who: Option<Who>,
}

fn rows() -> Vec<Row> {
    use Procedure::{Elimination as E, Identification as I};
    let notice = ReviewStep::NoticeRunning {
        from: date(2026, 3, 9),
        min_until: date(2026, 3, 16),
        township_reviewed: false,
    };
    let home = |due| clock(ClockKind::HomeCheck, Level::Village, due);
    let review = || {
        clock(
            ClockKind::EliminationReview,
            Level::County,
            date(2026, 9, 15),
        )
    };
    let visit = || {
        clock(
            ClockKind::MonitoringVisit,
            Level::Village,
            date(2026, 4, 20),
        )
    };
    let assigned = assigned();
    let mut planned = assigned.clone();
    planned.measures = vec![measure(MeasureStatus::Planned)];
    let mut assisting = at(CaseState::Monitored, vec![visit()]);
    assisting.responsible = Some("王村干".into());
    assisting.measures = vec![measure(MeasureStatus::InProgress)];
    let refusal_clock = || clock(ClockKind::RefusalNotice, Level::Township, date(2026, 3, 11));
    let mut told = at(
        CaseState::NotIdentified {
            reason: "收入高于监测线".into(),
        },
        vec![],
    );
    told.refusal_notified_on = Some(date(2026, 3, 6));
    vec![
        Row {
            name: "filed: the township accepts within the county's 3 working days",
            case: filed(),
            headline: "已提交，等待乡镇受理",
            // Due 5 March (3 working days); the visit 4 working days later, 11 March.
            says: "2026年3月11日",
            due: Some(date(2026, 3, 5)),
            who: Some(Who::Township),
        },
        Row {
            name: "accepted: the village visits",
            case: at(
                reviewing(I, ReviewStep::AwaitingHomeCheck),
                vec![home(date(2026, 3, 10)), overall()],
            ),
            headline: "等待村里上门核实",
            says: "上门核实",
            due: Some(date(2026, 3, 10)),
            who: Some(Who::Village),
        },
        Row {
            name: "visited: the village reviews",
            case: at(reviewing(I, ReviewStep::HomeChecked), vec![overall()]),
            headline: "等待村里评议",
            says: "村里会开会评议",
            due: Some(date(2026, 3, 17)),
            who: Some(Who::Village),
        },
        Row {
            name: "village review passed: the notice is next, for the county's 7 days",
            case: at(reviewing(I, ReviewStep::VillageReviewed), vec![overall()]),
            headline: "等待村里张贴公示",
            says: "至少7天",
            due: Some(date(2026, 3, 17)),
            who: Some(Who::Village),
        },
        Row {
            name: "notice running: the township reviews after it",
            case: at(reviewing(I, notice), vec![overall()]),
            headline: "公示结束后由乡镇审核",
            says: "满期后最早2026年3月16日撤下",
            due: Some(date(2026, 3, 17)),
            who: Some(Who::Township),
        },
        Row {
            name: "notice ended: the township reviews",
            case: at(reviewing(I, ReviewStep::NoticeEnded), vec![overall()]),
            headline: "公示已结束，等待乡镇审核",
            says: "乡镇会审核村里报上来的意见",
            due: Some(date(2026, 3, 17)),
            who: Some(Who::Township),
        },
        Row {
            name: "township reviewed: the county decides",
            case: at(reviewing(I, ReviewStep::TownshipReviewed), vec![overall()]),
            headline: "乡镇已审核，等待县里决定",
            says: "县里核对",
            due: Some(date(2026, 3, 17)),
            who: Some(Who::County),
        },
        Row {
            name: "not accepted, not yet told: no claim that the reason was given",
            case: at(
                CaseState::RejectedOutOfScope {
                    reason: "非农村户籍".into(),
                },
                vec![refusal_clock()],
            ),
            headline: "不予受理",
            // The date in the township's sentence, not after the appeal one (tester).
            // What to bring when the reason does not match the facts (household tester).
            says: "最迟在2026年3月11日当面或打电话向您说明。如有异议（比如和您家的实际情况不符），可以带上身份证、户口本和能说明情况的材料（比如住院和缴费单据、受灾证明、收入证明）向乡镇人民政府申诉，或拨打12317热线。情况有变化，可以随时重新申报。",
            due: Some(date(2026, 3, 11)),
            who: Some(Who::Township),
        },
        Row {
            name: "not identified, told: the date it was told",
            case: told,
            headline: "未被认定为监测对象",
            // 告知 records the day, not how: "当面" may be untrue (household tester).
            says: "乡镇已于2026年3月6日向您说明。",
            due: None,
            who: Some(Who::Township),
        },
        Row {
            name: "identified: the township names the responsible person",
            case: at(
                CaseState::Monitored,
                vec![clock(
                    ClockKind::ResponsibleAssigned,
                    Level::Township,
                    date(2026, 3, 19),
                )],
            ),
            headline: "等待乡镇安排专人帮扶",
            says: "安排一名帮扶责任人",
            due: Some(date(2026, 3, 19)),
            who: Some(Who::Township),
        },
        Row {
            name: "responsible named: help is agreed",
            case: assigned,
            headline: "帮扶责任人会和您商量",
            // No measure yet: no pointer to a list not on the page (household tester).
            says: "最迟在2026年4月18日开始落实第一项帮扶。",
            due: Some(date(2026, 4, 18)),
            who: Some(Who::Responsible),
        },
        Row {
            name: "plan made: it starts",
            case: planned,
            headline: "帮扶办法已定好，等帮扶责任人组织开始落实",
            // Help starts by then, it is not finished by then (household tester).
            // The plan's own first day, not the limit beside it (household tester).
            says: "下面开始落实。第一项帮扶定在2026年3月20日开始落实",
            due: Some(date(2026, 4, 18)),
            who: Some(Who::Responsible),
        },
        Row {
            name: "assisting: regular visits",
            case: assisting,
            headline: "已认定为监测对象，正在帮扶",
            says: "定期上门走访",
            due: Some(date(2026, 4, 20)),
            who: Some(Who::Responsible),
        },
        Row {
            name: "elimination proposed: its own sentence, help continues",
            case: at(
                reviewing(E, ReviewStep::AwaitingHomeCheck),
                vec![home(date(2026, 9, 3)), review(), visit()],
            ),
            headline: "困难是否已经解决：等待村里上门",
            says: "现在的收入",
            due: Some(date(2026, 9, 3)),
            who: Some(Who::Village),
        },
        Row {
            name: "elimination visited: the village reviews",
            case: at(reviewing(E, ReviewStep::HomeChecked), vec![review()]),
            headline: "困难是否已经解决：已上门核实",
            says: "村里会开会评议",
            due: Some(date(2026, 9, 15)),
            who: Some(Who::Village),
        },
        Row {
            name: "elimination review passed: notice again",
            case: at(reviewing(E, ReviewStep::VillageReviewed), vec![review()]),
            headline: "困难是否已经解决：村里评议已通过",
            says: "张贴公示",
            due: Some(date(2026, 9, 15)),
            who: Some(Who::Village),
        },
        Row {
            name: "elimination notice running",
            case: at(reviewing(E, notice), vec![review()]),
            headline: "困难是否已经解决：正在公示",
            says: "公示结束后，由乡镇审核",
            due: Some(date(2026, 9, 15)),
            who: Some(Who::Township),
        },
        Row {
            name: "elimination notice ended",
            case: at(reviewing(E, ReviewStep::NoticeEnded), vec![review()]),
            headline: "困难是否已经解决：公示已结束",
            says: "乡镇会审核村里报上来的意见",
            due: Some(date(2026, 9, 15)),
            who: Some(Who::Township),
        },
        Row {
            name: "elimination township reviewed",
            case: at(reviewing(E, ReviewStep::TownshipReviewed), vec![review()]),
            headline: "困难是否已经解决：乡镇已审核",
            says: "县里核对",
            due: Some(date(2026, 9, 15)),
            who: Some(Who::County),
        },
        Row {
            name: "eliminated: re-visits at the county's interval",
            case: at(
                CaseState::Eliminated {
                    on: date(2026, 9, 10),
                },
                vec![visit()],
            ),
            headline: "困难已解决",
            says: "大约每2个月还会回访",
            due: None,
            who: Some(Who::Village),
        },
    ]
}

#[test]
fn every_state_has_its_own_sentence_date_and_person_to_ask() {
    let today = date(2026, 3, 3);
    for row in rows() {
        let p = view(&row.case, today, Lang::Zh);
        assert!(
            p.headline.contains(row.headline),
            "{}: {}",
            row.name,
            p.headline
        );
        let all = format!("{} {}", p.done, p.next);
        assert!(all.contains(row.says), "{}: {all}", row.name);
        assert_eq!(p.due, row.due, "{}", row.name);
        assert_eq!(p.who, row.who, "{}", row.name);
        assert!(!all.contains("原因已告知"), "{}", row.name);
        let en = view(&row.case, today, Lang::En);
        // The refusal's reason is the officer's own words, quoted as written.
        let en_done = en
            .done
            .replace("收入高于监测线", "")
            .replace("非农村户籍", "");
        assert!(
            en.headline.is_ascii() && en_done.is_ascii(),
            "{}: {}",
            row.name,
            en.done
        );
    }
}

#[test]
fn a_refusal_says_why_under_what_happened_and_what_to_do_under_next() {
    let today = date(2026, 3, 3);
    for row in rows().into_iter().filter(|r| r.case.state.is_closed()) {
        let (CaseState::RejectedOutOfScope { reason } | CaseState::NotIdentified { reason }) =
            &row.case.state
        else {
            continue;
        };
        let p = view(&row.case, today, Lang::Zh);
        assert_eq!(
            p.reason,
            Some(vec![
                Part::Words("原因：".into()),
                Part::Data(reason.clone()),
                Part::Words("。".into())
            ]),
            "{}",
            row.name
        );
        // Marked as Chinese on English pages too (household re-tester).
        let en = view(&row.case, today, Lang::En).reason.expect("said");
        assert_eq!(en[0], Part::Words("Reason: ".into()), "{}", row.name);
        assert_eq!(en[1], Part::Data(reason.clone()), "{}", row.name);
        // The page prints 接下来： before it: "接下来：原因：…" read wrong (tester).
        assert!(!p.next.contains("原因"), "{}: {}", row.name, p.next);
        assert!(p.next.contains("12317"), "{}: {}", row.name, p.next);
    }
}

#[test]
fn no_two_states_read_the_same() {
    let today = date(2026, 3, 3);
    let mut seen: Vec<(String, &str)> = Vec::new();
    for row in rows() {
        let p = view(&row.case, today, Lang::Zh);
        let text = format!("{}|{}|{}", p.headline, p.done, p.next);
        if let Some((_, other)) = seen.iter().find(|(t, _)| *t == text) {
            panic!("{} reads like {}", row.name, other);
        }
        seen.push((text, row.name));
    }
}

// Lateness, extensions and pauses, visits, the home page's promises and headlines.
#[path = "progress_late_tests.rs"]
mod late;

/// Back at the home check after an objection the household is told why (it read as if the
/// case had started over: household tester); once the notice has run its time, it is told
/// the village will end it (the page kept an earliest end already gone).
#[test]
fn a_second_visit_and_a_notice_past_its_time_are_said() {
    let home = clock(ClockKind::HomeCheck, Level::Village, date(2026, 3, 12));
    let mut case = at(
        reviewing(Procedure::Identification, ReviewStep::AwaitingHomeCheck),
        vec![home, overall()],
    );
    let first = view(&case, date(2026, 3, 9), Lang::Zh);
    assert_eq!(first.done, "乡镇已受理您的申报。");
    case.objections.push(crate::domain::case::state::Objection {
        at: filed_at(),
        by: "village".into(),
        text: "有小轿车".into(),
    });
    let again = view(&case, date(2026, 3, 9), Lang::Zh);
    assert!(
        again
            .done
            .starts_with("公示期间有人提出了意见，村里要再上门核实一次"),
        "{}",
        again.done
    );
    assert!(
        !again.done.contains("小轿车"),
        "not what was said, nor by whom"
    );

    let notice = ReviewStep::NoticeRunning {
        from: date(2026, 3, 9),
        min_until: date(2026, 3, 16),
        township_reviewed: false,
    };
    let case = at(
        reviewing(Procedure::Identification, notice),
        vec![overall()],
    );
    let running = view(&case, date(2026, 3, 16), Lang::Zh);
    assert!(!running.done.contains("公示已满"), "{}", running.done);
    let over = view(&case, date(2026, 3, 17), Lang::Zh);
    assert!(
        over.done.ends_with("公示已满规定天数，村委会将结束公示。"),
        "{}",
        over.done
    );
}

/// A date in a year whose holidays are not entered counts Monday to Friday: the page says it
/// may move (dates shown in Spring Festival 2027 as certain: household tester).
#[test]
fn a_date_in_a_year_without_its_holidays_is_said_to_maybe_move() {
    let mut case = filed();
    let said = "2027年的放假安排还没有录入";
    // Filed 2026-03-02: its acceptance falls in 2026, a year entered.
    let known = view(&case, date(2026, 3, 2), Lang::Zh);
    assert!(
        !known.notes.iter().any(|n| n.contains("放假安排")),
        "{known:?}"
    );
    for clock in case.clocks.iter_mut() {
        clock.due_on = date(2027, 2, 8);
    }
    let unknown = view(&case, date(2027, 2, 4), Lang::Zh);
    assert!(
        unknown.notes.iter().any(|n| n.contains(said)),
        "{:?}",
        unknown.notes
    );
    // The step's own date in a known year, the limit in the next: said too (household
    // re-tester: a visit on New Year's Day promised without it).
    let mut late_december = filed();
    for clock in late_december.clocks.iter_mut() {
        clock.due_on = if clock.kind == ClockKind::IdentificationOverall {
            date(2027, 1, 4)
        } else {
            date(2026, 12, 30)
        };
    }
    let next_year = view(&late_december, date(2026, 12, 28), Lang::Zh);
    assert!(
        next_year.notes.iter().any(|n| n.contains(said)),
        "{:?}",
        next_year.notes
    );
}

/// A plan under its village review or notice is said once help runs too: it dropped off the
/// page once one measure started (household tester). Said once, not twice, before that.
#[test]
fn a_plan_on_the_notice_board_is_said_while_help_runs() {
    use crate::domain::case::plan_review::PlanReview;
    let mut case = at(CaseState::Monitored, Vec::new());
    case.responsible = Some("王村干".into());
    case.measures = vec![measure(MeasureStatus::InProgress)];
    case.plan_review = Some(PlanReview::NoticeRunning {
        from: date(2026, 3, 23),
        min_until: date(2026, 3, 30),
    });
    let on_board = |p: &Progress| {
        p.notes
            .iter()
            .any(|n| n.contains("3月23日起在村务公开栏公示"))
    };
    let running = view(&case, date(2026, 3, 24), Lang::Zh);
    assert!(on_board(&running), "{running:?}");
    case.plan_review = Some(PlanReview::AwaitingReview);
    let extended = view(&case, date(2026, 3, 24), Lang::Zh);
    assert!(
        extended.notes.iter().any(|n| n.contains("村里会开会评议")),
        "{extended:?}"
    );
    case.plan_review = Some(PlanReview::Noticed {
        on: date(2026, 3, 30),
    });
    let noticed = view(&case, date(2026, 3, 31), Lang::Zh);
    assert!(
        !noticed.notes.iter().any(|n| n.contains("公示")),
        "{noticed:?}"
    );
    // Before help starts, the plan's place is the step's own sentence, not a note as well.
    case.measures = vec![measure(MeasureStatus::Planned)];
    case.plan_review = Some(PlanReview::NoticeRunning {
        from: date(2026, 3, 23),
        min_until: date(2026, 3, 30),
    });
    let planned = view(&case, date(2026, 3, 24), Lang::Zh);
    assert!(planned.next.contains("3月23日起"), "{planned:?}");
    assert!(!on_board(&planned), "{planned:?}");
}
