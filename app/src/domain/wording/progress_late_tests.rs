//! The progress page on late steps, extensions and pauses, the next visit, the home page's
//! promises and every open state's headline.
use super::*;

#[test]
fn a_late_step_says_so_names_whom_to_call_and_that_it_was_reported_up() {
    let case = at(
        reviewing(Procedure::Identification, ReviewStep::AwaitingHomeCheck),
        vec![
            clock(ClockKind::HomeCheck, Level::Village, date(2026, 3, 5)),
            overall(),
        ],
    );
    let on_time = view(&case, date(2026, 3, 5), Lang::Zh);
    assert_eq!(on_time.overdue, None);
    let late = view(&case, date(2026, 3, 6), Lang::Zh)
        .overdue
        .expect("late");
    assert!(late.contains("超过规定时间"), "{late}");
    assert!(late.contains("2026年3月5日"), "{late}");
    assert!(late.contains("村委会") && late.contains("12317"), "{late}");
    assert!(late.contains("报告上级督办"), "{late}");
    let en = view(&case, date(2026, 3, 6), Lang::En)
        .overdue
        .expect("late");
    assert!(
        en.contains("late") && en.contains("village committee"),
        "{en}"
    );
    assert!(!late.contains("认定结果原定"), "{late}");
    // Weeks later the result's day (2026-03-17) has gone by too: said, not left unsaid.
    let weeks = view(&case, date(2026, 3, 30), Lang::Zh)
        .overdue
        .expect("late");
    assert!(
        weeks.contains("认定结果原定最迟在2026年3月17日告诉您，这个日期也已经过了"),
        "{weeks}"
    );
    assert_eq!(weeks.matches("3月17日").count(), 1, "{weeks}");
}

#[test]
fn the_overall_limit_running_out_is_late_even_when_the_step_has_time() {
    let case = at(
        reviewing(Procedure::Identification, ReviewStep::NoticeEnded),
        vec![overall()],
    );
    assert!(view(&case, date(2026, 3, 18), Lang::Zh).overdue.is_some());
    let mut monitored = case.clone();
    monitored.state = CaseState::Monitored;
    assert_eq!(view(&monitored, date(2026, 3, 18), Lang::Zh).overdue, None);
}

#[test]
fn an_extension_and_a_pause_show_with_their_reason() {
    let mut extended = clock(ClockKind::HomeCheck, Level::Village, date(2026, 3, 12));
    extended.extended = 1;
    let mut paused = overall();
    paused.state = ClockState::Paused {
        remaining_working_days: 4,
    };
    let case = at(
        reviewing(Procedure::Identification, ReviewStep::AwaitingHomeCheck),
        vec![extended, paused],
    );
    let at = filed_at();
    let by = crate::domain::case::EventActor {
        user_id: "t".into(),
        role: Role::TownshipOfficer,
    };
    let events = [
        CaseEvent {
            at,
            by: by.clone(),
            kind: EventKind::ExtensionRequested {
                clock: ClockKind::HomeCheck,
                owner: Level::Village,
                days: 2,
                reason: "道路被洪水冲断".into(),
                new_due: date(2026, 3, 12),
            },
        },
        CaseEvent {
            at,
            by,
            kind: EventKind::ClockPaused {
                clock: ClockKind::IdentificationOverall,
                on: date(2026, 3, 4),
                reason: "户主外出就医".into(),
                remaining_working_days: 4,
            },
        },
    ];
    let p = progress(
        &case,
        &Inputs {
            events: &events,
            policy: &county_policy(),
            cal: &Calendar::china(),
            today: date(2026, 3, 5),
            lang: Lang::Zh,
        },
    );
    let notes = p.notes.join(" ");
    assert!(
        notes.contains("延长到2026年3月12日") && notes.contains("道路被洪水冲断"),
        "{notes}"
    );
    assert!(
        notes.contains("暂时停下了") && notes.contains("户主外出就医"),
        "{notes}"
    );
}

#[test]
fn the_next_visit_is_the_open_visit_clock() {
    let case = at(
        CaseState::Monitored,
        vec![clock(
            ClockKind::MonitoringVisit,
            Level::Village,
            date(2026, 4, 20),
        )],
    );
    assert_eq!(
        view(&case, date(2026, 4, 1), Lang::Zh).next_visit,
        Some(date(2026, 4, 20))
    );
    assert_eq!(view(&filed(), date(2026, 4, 1), Lang::Zh).next_visit, None);
    // Gone by, it is not "next, by 20 April": the overdue box says it is late (it read as
    // still ahead two weeks after: household tester).
    let mut late = case.clone();
    late.responsible = Some("王村干".into());
    late.measures = vec![measure(MeasureStatus::InProgress)];
    let after = view(&late, date(2026, 5, 4), Lang::Zh);
    assert_eq!(after.next_visit, None);
    assert!(!after.next.contains("4月20日"), "{after:?}");
    assert!(
        after
            .overdue
            .as_deref()
            .is_some_and(|o| o.contains("4月20日")),
        "{after:?}"
    );
}

#[test]
fn the_home_page_promises_follow_the_county_policy() {
    let national = promises(&Policy::national_default(), Lang::Zh).join(" ");
    assert!(
        national.contains("2个工作日内受理") && national.contains("15天内告诉您结果"),
        "{national}"
    );
    assert!(national.contains("2天内给您家安排帮扶责任人"), "{national}");
    let county = promises(&county_policy(), Lang::Zh).join(" ");
    assert!(
        county.contains("3个工作日内受理") && county.contains("4个工作日内派人上门"),
        "{county}"
    );
    assert!(county.contains("公示至少7天"), "{county}");
}

/// The words that name each actor in a headline, per language.
fn actor_words(who: Who, lang: Lang) -> &'static str {
    // Another language (a copy of zh-CN.json while it is translated) reads as Chinese.
    match (who, lang) {
        (Who::Township, Lang::En) => "township",
        (Who::Village, Lang::En) => "village",
        (Who::County, Lang::En) => "county",
        (Who::Responsible, Lang::En) => "person helping you",
        (Who::Township, _) => "乡镇",
        (Who::Village, _) => "村里",
        (Who::County, _) => "县里",
        (Who::Responsible, _) => "帮扶责任人",
    }
}

#[test]
fn the_headline_of_every_open_state_names_the_next_step_and_no_other_actor() {
    let today = date(2026, 3, 3);
    let actors = [Who::Township, Who::Village, Who::County, Who::Responsible];
    let mut rows = rows();
    // The notice while the township has already reviewed (Hebei's parallel path).
    rows.push(Row {
        name: "notice running after the township review: the county decides",
        case: at(
            reviewing(
                Procedure::Identification,
                ReviewStep::NoticeRunning {
                    from: date(2026, 3, 9),
                    min_until: date(2026, 3, 16),
                    township_reviewed: true,
                },
            ),
            vec![overall()],
        ),
        headline: "之后由县里决定",
        says: "",
        due: Some(date(2026, 3, 17)),
        who: Some(Who::County),
    });
    for row in rows.iter().filter(|r| !r.case.state.is_closed()) {
        for lang in [Lang::Zh, Lang::En] {
            let p = view(&row.case, today, lang);
            let who = p.who.expect("an open case has someone doing the next step");
            // The last clause says what comes next ("乡镇已审核，等待县里决定").
            let next = p
                .headline
                .rsplit(['，', '：', ';', ':'])
                .next()
                .unwrap_or_default();
            assert!(
                next.contains(actor_words(who, lang)),
                "{} ({lang:?}): headline {:?} does not name {who:?}",
                row.name,
                p.headline
            );
            for other in actors.iter().filter(|a| **a != who) {
                assert!(
                    !next.contains(actor_words(*other, lang)),
                    "{} ({lang:?}): headline {:?} names {other:?}, but {who:?} is next",
                    row.name,
                    p.headline
                );
            }
        }
    }
}

/// A duplicate refused by the township is not told its hardship is outside monitoring's scope
/// (every refusal opened with that sentence, whatever the reason: household tester).
#[test]
fn a_duplicate_refusal_says_it_repeats_an_earlier_report() {
    let refused = |duplicates| {
        let mut case = at(
            CaseState::RejectedOutOfScope {
                reason: "与查询码ABCD-EFGH-JK的申报重复".into(),
            },
            vec![],
        );
        case.duplicates = duplicates;
        let said = view(&case, date(2026, 3, 3), Lang::Zh);
        // The reason is said apart, right after what happened.
        let reason = crate::domain::wording::phrase::plain(&said.reason.unwrap_or_default());
        format!("{}{reason}", said.done)
    };
    let duplicate = refused(vec![crate::domain::case::screening::DuplicateMatch {
        case_id: "c1".into(),
        tracking: "ABCDEFGHJK".into(),
        state: "reported".into(),
        village: "522799101201".into(),
        reported_on: date(2026, 3, 2),
        reasons: vec![crate::domain::case::screening::MatchReason::SameMobile],
    }]);
    assert!(duplicate.contains("之前的一次申报可能重复"), "{duplicate}");
    // Where to go instead: the earlier report's own number (household tester).
    assert!(duplicate.contains("之前那次的查询码") && duplicate.contains("忘记查询码"));
    assert!(!duplicate.contains("不符合防返贫"), "{duplicate}");
    assert!(duplicate.contains("原因：与查询码"), "{duplicate}");
    let out_of_scope = refused(vec![]);
    // Said as the household's conditions, not "不属于…范围", which read wrong beside a
    // reason the household could dispute (household tester).
    assert!(
        out_of_scope.contains("不符合防返贫监测帮扶的条件"),
        "{out_of_scope}"
    );
}

/// A late acceptance does not promise a visit by a day already gone: the visit is counted
/// from today once acceptance is overdue (household tester read 12月11日 on 12月13日).
#[test]
fn a_late_acceptance_counts_the_visit_from_today() {
    let case = super::filed();
    let on_time = view(&case, date(2026, 3, 3), Lang::Zh);
    assert!(on_time.next.contains("2026年3月11日"), "{}", on_time.next);
    assert!(on_time.next.contains("日完成"), "{}", on_time.next);
    let late = view(&case, date(2026, 3, 16), Lang::Zh);
    assert!(late.overdue.is_some(), "acceptance is late");
    // The date passed: only the overdue box says it (it read 最迟在…完成 the day after).
    assert!(!late.next.contains("日完成"), "{}", late.next);
    assert!(!late.next.contains("2026年3月11日"), "{}", late.next);
    assert!(late.next.contains("2026年3月20日"), "{}", late.next);
}

/// After 受理 the page times the home visit; the result's own day, promised on the
/// confirmation, is said too (household tester found it on no page after acceptance).
#[test]
fn waiting_for_the_visit_still_says_when_the_result_comes() {
    let case = at(
        reviewing(Procedure::Identification, ReviewStep::AwaitingHomeCheck),
        vec![
            clock(ClockKind::HomeCheck, Level::Village, date(2026, 3, 5)),
            overall(),
        ],
    );
    let result_day = case
        .open_clock(ClockKind::IdentificationOverall)
        .expect("overall")
        .due_on;
    let p = view(&case, date(2026, 3, 3), Lang::Zh);
    assert!(p.next.contains("2026年3月5日完成"), "{}", p.next);
    let said = format!("认定结果最迟在{}告诉您", Lang::Zh.date(result_day));
    assert!(p.next.contains(&said), "{}", p.next);
}

/// The result is not promised by a day the steps left cannot keep: a visit due three days
/// before it leaves no room for the five-day notice (household tester: a visit moved by a
/// pause and an extension still promised the original day). Said from the day it became
/// certain, at every step, not once the visit passed the result day.
#[test]
fn a_result_the_steps_left_cannot_meet_is_said_to_be_late_from_the_start() {
    let result_day = overall().due_on;
    let late = format!("已经来不及在原定的{}前办完认定", Lang::Zh.date(result_day));
    let promised = format!("认定结果最迟在{}告诉您", Lang::Zh.date(result_day));
    let visit = |due| clock(ClockKind::HomeCheck, Level::Village, due);
    let awaiting = reviewing(Procedure::Identification, ReviewStep::AwaitingHomeCheck);
    let tight = at(awaiting.clone(), vec![visit(date(2026, 3, 14)), overall()]);
    let p = view(&tight, date(2026, 3, 3), Lang::Zh);
    // A visit today would still leave room for the notice: at risk, not late (both testers:
    // said late while a visit that same day kept the day).
    let at_risk = format!(
        "到期限最后一天才办的话，认定结果会晚于原定的{}",
        Lang::Zh.date(result_day)
    );
    assert!(
        p.next.contains(&at_risk) && !p.next.contains(&late) && !p.next.contains(&promised),
        "{}",
        p.next
    );
    assert!(
        !certainly_late(&tight, date(2026, 3, 3)),
        "staff are not told it is lost"
    );
    // Once even a visit today cannot leave room, it is late, and staff are told.
    let p = view(&tight, date(2026, 3, 13), Lang::Zh);
    assert!(p.next.contains(&late), "{}", p.next);
    assert!(certainly_late(&tight, date(2026, 3, 13)));
    // With room for the notice, the day is promised.
    let room = at(awaiting.clone(), vec![visit(date(2026, 3, 10)), overall()]);
    let p = view(&room, date(2026, 3, 3), Lang::Zh);
    assert!(
        p.next.contains(&promised) && !p.next.contains(&late),
        "{}",
        p.next
    );
    // A paused visit has no date, and the result none either.
    let mut paused = visit(date(2026, 3, 10));
    paused.state = ClockState::Paused {
        remaining_working_days: 4,
    };
    let p = view(
        &at(awaiting, vec![paused, overall()]),
        date(2026, 3, 5),
        Lang::Zh,
    );
    assert!(!p.next.contains("认定结果"), "{}", p.next);
    // Nor does the advice under the contacts point at "the date above".
    assert!(!p.dated && view(&room, date(2026, 3, 3), Lang::Zh).dated);
    // Visited, but too late for the notice; and a notice that ends after the result day.
    let checked = at(
        reviewing(Procedure::Identification, ReviewStep::HomeChecked),
        vec![overall()],
    );
    assert!(view(&checked, date(2026, 3, 14), Lang::Zh)
        .next
        .contains(&late));
    assert!(!view(&checked, date(2026, 3, 10), Lang::Zh)
        .next
        .contains(&late));
    let notice = at(
        reviewing(
            Procedure::Identification,
            ReviewStep::NoticeRunning {
                from: date(2026, 3, 13),
                min_until: date(2026, 3, 18),
                township_reviewed: false,
            },
        ),
        vec![overall()],
    );
    assert!(view(&notice, date(2026, 3, 13), Lang::Zh)
        .next
        .contains(&late));
    // Once the day has passed, the overdue box says it, not this sentence.
    let p = view(&notice, date(2026, 3, 18), Lang::Zh);
    assert!(p.overdue.is_some() && !p.next.contains(&late), "{}", p.next);
}

/// A late visit promises no result day (household tester: "认定结果最迟在…告诉您" beside
/// the visit's overdue box), and a step the overall limit times says the limit as the
/// result's day, not as the step's own "最迟在…完成".
#[test]
fn a_late_visit_promises_no_result_day_and_the_overall_limit_is_the_results() {
    let result_day = Lang::Zh.date(overall().due_on);
    let visit = clock(ClockKind::HomeCheck, Level::Village, date(2026, 3, 5));
    let awaiting = at(
        reviewing(Procedure::Identification, ReviewStep::AwaitingHomeCheck),
        vec![visit, overall()],
    );
    let p = view(&awaiting, date(2026, 3, 9), Lang::Zh);
    assert!(p.overdue.is_some(), "the visit is late");
    let may = format!("认定结果也可能晚于原定的{result_day}");
    assert!(
        p.next.contains(&may) && !p.next.contains("最迟在2026年3月17日告诉您"),
        "{}",
        p.next
    );
    let checked = at(
        reviewing(Procedure::Identification, ReviewStep::HomeChecked),
        vec![overall()],
    );
    let p = view(&checked, date(2026, 3, 9), Lang::Zh);
    assert!(
        p.next
            .contains(&format!("认定结果最迟在{result_day}告诉您")),
        "{}",
        p.next
    );
    assert!(
        !p.next.contains(&format!("最迟在{result_day}完成")),
        "{}",
        p.next
    );
}

/// The overall limit running out is the procedure's lateness, not the step's: a paused visit
/// read "这一步已经超过规定时间" beside "这一步暂时停下了"; and the county, which publishes no
/// number here, is chased through the township (household tester).
#[test]
fn the_overall_limit_late_is_said_as_the_procedures_and_chased_through_the_township() {
    let mut visit = clock(ClockKind::HomeCheck, Level::Village, date(2026, 3, 10));
    visit.state = ClockState::Paused {
        remaining_working_days: 2,
    };
    let paused = at(
        reviewing(Procedure::Identification, ReviewStep::AwaitingHomeCheck),
        vec![visit, overall()],
    );
    let p = view(&paused, date(2026, 3, 18), Lang::Zh);
    // The pause's note says the limit runs on (it read "停下的日子不算在期限内" alone).
    let said = p.notes.join("");
    assert!(
        said.contains("认定的总期限不停，仍是2026年3月17日"),
        "{said}"
    );
    let late = p.overdue.expect("late");
    assert!(
        late.contains("认定已经超过规定的总时限") && !late.contains("这一步"),
        "{late}"
    );
    let county = at(
        reviewing(Procedure::Identification, ReviewStep::TownshipReviewed),
        vec![overall()],
    );
    let late = view(&county, date(2026, 3, 18), Lang::Zh)
        .overdue
        .expect("late");
    assert!(
        late.contains("催问乡镇") && !late.contains("县乡村振兴局"),
        "{late}"
    );
}

/// A result day the page says will be missed is not "上面写的日期" for the advice; and a
/// notice past its minimum waits on the village, which ends it (household tester).
#[test]
fn a_missed_result_day_is_no_date_to_wait_for_and_an_overrun_notice_is_the_villages() {
    let notice = |from, min_until| {
        at(
            reviewing(
                Procedure::Identification,
                ReviewStep::NoticeRunning {
                    from,
                    min_until,
                    township_reviewed: false,
                },
            ),
            vec![overall()],
        )
    };
    let late = notice(date(2026, 3, 13), date(2026, 3, 18));
    assert!(!view(&late, date(2026, 3, 13), Lang::Zh).dated);
    let running = notice(date(2026, 3, 5), date(2026, 3, 10));
    let p = view(&running, date(2026, 3, 9), Lang::Zh);
    assert!(p.dated && p.who == Some(Who::Township));
    assert_eq!(
        view(&running, date(2026, 3, 12), Lang::Zh).who,
        Some(Who::Village)
    );
}

/// A planned first start already gone by is said as past, with whom to ask ("定在3月20日
/// 开始落实" on the 24th: household tester); the planned sum says it is the plan's.
#[test]
fn a_planned_start_gone_by_is_said_as_past_and_a_planned_sum_as_planned() {
    let mut planned = assigned();
    planned.measures = vec![measure(MeasureStatus::Planned)];
    let before = view(&planned, date(2026, 3, 19), Lang::Zh);
    assert!(
        before.next.contains("第一项帮扶定在2026年3月20日开始落实"),
        "{before:?}"
    );
    let after = view(&planned, date(2026, 3, 24), Lang::Zh);
    assert!(
        after
            .next
            .contains("第一项帮扶原定2026年3月20日开始落实，到现在还没有开始"),
        "{after:?}"
    );
    assert!(!after.next.contains("定在"), "{after:?}");
    let en = view(&planned, date(2026, 3, 24), Lang::En);
    assert!(en.next.contains("has not started yet"), "{en:?}");
    // Passed by the village but not yet posted, the plan has no start day: its measures start
    // once the notice ends (household re-tester: "已过" while the notice was still to run).
    let mut reviewed = planned.clone();
    reviewed.plan_review = Some(crate::domain::case::plan_review::PlanReview::Reviewed {
        date: date(2026, 3, 23),
    });
    let p = view(&reviewed, date(2026, 3, 24), Lang::Zh);
    assert!(
        !p.next.contains("还没有开始") && p.next.contains("公示结束后，按各项措施定的日期开始落实"),
        "{p:?}"
    );

    let line = |status| crate::domain::wording::measures::line(&measure(status), Lang::Zh);
    assert!(line(MeasureStatus::Planned).contains("计划帮扶资金一共 2,000 元（以开始落实时为准）"));
    assert!(line(MeasureStatus::InProgress).contains("，帮扶资金一共 2,000 元"));
    assert!(!line(MeasureStatus::InProgress).contains("计划帮扶资金"));
}

/// Once help is under way, a measure past its day is said at the top too: a one-off payment
/// not made was said on its own line only (household re-tester).
#[test]
fn help_under_way_says_first_that_a_measure_is_past_its_day() {
    let mut assisting = assigned();
    let mut relief = measure(MeasureStatus::Planned);
    relief.measure_type = MeasureType::TemporaryRelief;
    relief.start = date(2026, 3, 25);
    relief.end = date(2026, 3, 25);
    assisting.measures = vec![measure(MeasureStatus::InProgress), relief];
    let before = view(&assisting, date(2026, 3, 25), Lang::Zh);
    assert!(!before.next.contains("过了原定日期"), "{before:?}");
    let after = view(&assisting, date(2026, 3, 26), Lang::Zh);
    assert!(
        after.next.starts_with(
            "有1项帮扶措施过了原定日期还没有办好（见下面的帮扶措施），可以问问帮扶责任人。"
        ),
        "{after:?}"
    );
    assert!(after.next.contains("帮扶责任人会定期上门走访"), "{after:?}");
    let en = view(&assisting, date(2026, 3, 26), Lang::En);
    assert!(
        en.next
            .starts_with("Measures past their planned day and not done: 1 (see below)."),
        "{en:?}"
    );
    assert!(
        en.next.contains("helping you. The person responsible"),
        "{en:?}"
    );
}

/// Whether staff are told the limit is lost (`identification_certainly_late`) on `today`.
fn certainly_late(case: &Case, today: NaiveDate) -> bool {
    identification_certainly_late(case, &county_policy(), &Calendar::china(), today)
}
