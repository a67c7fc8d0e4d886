//! Tests of `clock`.
use super::*;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("valid test date")
}

fn home_check(started: &str, span: Span) -> Clock {
    Clock::start(
        ClockKind::HomeCheck,
        Level::Village,
        d(started),
        span,
        &Calendar::china(),
    )
}

#[test]
fn a_working_day_deadline_skips_the_national_day_holiday() {
    let clock = home_check("2026-09-29", Span::WorkingDays(3));
    // 09-30, 10-08, 10-09.
    assert_eq!(clock.due_on, d("2026-10-09"));
    assert_eq!(clock.state, ClockState::Running);
    assert!(clock.is_open());
}

#[test]
fn a_calendar_day_deadline_on_a_holiday_is_not_moved() {
    let cal = Calendar::china();
    // 2026-09-20 + 15 days = 2026-10-05, inside the National Day holiday.
    let due = due_date(d("2026-09-20"), Span::CalendarDays(15), &cal);
    assert_eq!(due, d("2026-10-05"));
    assert!(!cal.is_working_day(due));
}

#[test]
fn a_month_deadline_is_clamped_to_the_month_end() {
    let cal = Calendar::china();
    assert_eq!(
        due_date(d("2026-01-31"), Span::Months(1), &cal),
        d("2026-02-28")
    );
    assert_eq!(
        due_date(d("2026-03-15"), Span::Months(3), &cal),
        d("2026-06-15")
    );
}

#[test]
fn a_pause_over_a_holiday_moves_the_due_date_by_the_working_days_paused() {
    let cal = Calendar::china();
    let mut clock = home_check("2026-09-28", Span::WorkingDays(3));
    assert_eq!(clock.due_on, d("2026-10-08"));
    clock.pause(d("2026-09-29"), &cal);
    assert_eq!(
        clock.state,
        ClockState::Paused {
            remaining_working_days: 2
        }
    );
    clock.resume(d("2026-10-09"), &cal);
    // Two working days after 10-09: makeup Saturday 10-10, then Monday 10-12.
    assert_eq!(clock.due_on, d("2026-10-12"));
    assert_eq!(clock.state, ClockState::Running);
}

#[test]
fn a_clock_paused_while_overdue_stays_overdue_by_as_many_working_days() {
    let cal = Calendar::china();
    let mut clock = home_check("2026-03-02", Span::WorkingDays(2));
    assert_eq!(clock.due_on, d("2026-03-04"));
    clock.pause(d("2026-03-06"), &cal);
    clock.resume(d("2026-03-13"), &cal);
    assert_eq!(clock.due_on, d("2026-03-11"));
    assert_eq!(time_left_zh(&clock, d("2026-03-13"), &cal), "逾期2个工作日");
}

#[test]
fn a_clock_paused_on_the_weekend_after_its_deadline_stays_overdue() {
    let cal = Calendar::china();
    // Due Friday 2026-03-06, paused Saturday, resumed the same day.
    let mut clock = home_check("2026-03-03", Span::WorkingDays(3));
    assert_eq!(clock.due_on, d("2026-03-06"));
    clock.pause(d("2026-03-07"), &cal);
    assert_eq!(urgency(&clock, d("2026-03-07"), &cal, 1), Urgency::Overdue);
    clock.resume(d("2026-03-07"), &cal);
    assert_eq!(clock.due_on, d("2026-03-06"));
    assert_eq!(urgency(&clock, d("2026-03-09"), &cal, 1), Urgency::Overdue);
}

#[test]
fn pausing_and_resuming_twice_does_nothing_more() {
    let cal = Calendar::china();
    let mut clock = home_check("2026-03-02", Span::WorkingDays(5));
    clock.pause(d("2026-03-03"), &cal);
    let paused = clock.clone();
    clock.pause(d("2026-03-05"), &cal);
    assert_eq!(clock, paused);
    clock.resume(d("2026-03-05"), &cal);
    let resumed = clock.clone();
    clock.resume(d("2026-03-06"), &cal);
    assert_eq!(clock, resumed);
}

#[test]
fn a_clock_met_while_paused_with_time_left_is_met_on_time() {
    let cal = Calendar::china();
    let mut clock = home_check("2026-03-02", Span::WorkingDays(2));
    clock.pause(d("2026-03-03"), &cal);
    clock.meet(d("2026-03-20"));
    assert_eq!(urgency(&clock, d("2026-03-20"), &cal, 1), Urgency::Met);
}

#[test]
fn a_hand_over_changes_the_owner_but_not_the_due_date() {
    let mut clock = home_check("2026-03-02", Span::WorkingDays(3));
    let due = clock.due_on;
    clock.hand_over(Level::Township);
    assert_eq!(clock.owner, Level::Township);
    assert_eq!(clock.due_on, due);
}

#[test]
fn an_extension_requested_on_the_due_date_is_granted_from_the_old_due_date() {
    let cal = Calendar::china();
    let mut clock = home_check("2026-03-02", Span::WorkingDays(3));
    assert_eq!(clock.due_on, d("2026-03-05"));
    assert_eq!(
        clock.extend(Span::WorkingDays(2), d("2026-03-05"), &cal),
        Ok(())
    );
    assert_eq!(clock.due_on, d("2026-03-09"));
    assert_eq!(clock.extended, 1);
}

#[test]
fn an_extension_requested_after_the_due_date_is_refused() {
    let cal = Calendar::china();
    let mut clock = home_check("2026-03-02", Span::WorkingDays(3));
    let before = clock.clone();
    assert_eq!(
        clock.extend(Span::WorkingDays(2), d("2026-03-06"), &cal),
        Err(ClockError::ExtensionAfterDue)
    );
    assert_eq!(clock, before);
}

#[test]
fn an_extension_of_a_clock_that_is_not_running_is_refused() {
    let cal = Calendar::china();
    let mut paused = home_check("2026-03-02", Span::WorkingDays(3));
    paused.pause(d("2026-03-03"), &cal);
    assert_eq!(
        paused.extend(Span::CalendarDays(5), d("2026-03-03"), &cal),
        Err(ClockError::NotRunning)
    );
    let mut met = home_check("2026-03-02", Span::WorkingDays(3));
    met.meet(d("2026-03-03"));
    assert_eq!(
        met.extend(Span::CalendarDays(5), d("2026-03-03"), &cal),
        Err(ClockError::NotRunning)
    );
    assert_eq!(ClockError::NotRunning.code(), "clock.not_running");
}

#[test]
fn a_met_or_cancelled_clock_is_closed_and_stays_so() {
    let mut clock = home_check("2026-03-02", Span::WorkingDays(3));
    clock.cancel(d("2026-03-03"));
    assert!(!clock.is_open());
    clock.meet(d("2026-03-04"));
    assert_eq!(
        clock.state,
        ClockState::Cancelled {
            on: d("2026-03-03")
        }
    );
}

#[test]
fn urgency_follows_the_due_date_and_the_due_soon_policy() {
    let cal = Calendar::china();
    // Due Thursday 2026-03-05.
    let clock = home_check("2026-03-02", Span::WorkingDays(3));
    let policy = DEFAULT_DUE_SOON_WORKING_DAYS;
    assert_eq!(
        urgency(&clock, d("2026-03-03"), &cal, policy),
        Urgency::OnTime
    );
    assert_eq!(
        urgency(&clock, d("2026-03-04"), &cal, policy),
        Urgency::DueSoon
    );
    assert_eq!(
        urgency(&clock, d("2026-03-05"), &cal, policy),
        Urgency::DueSoon
    );
    assert_eq!(urgency(&clock, d("2026-03-05"), &cal, 0), Urgency::DueSoon);
    assert_eq!(urgency(&clock, d("2026-03-04"), &cal, 0), Urgency::OnTime);
    assert_eq!(
        urgency(&clock, d("2026-03-06"), &cal, policy),
        Urgency::Overdue
    );
}

#[test]
fn a_case_past_its_deadline_before_a_holiday_is_overdue_the_next_day() {
    let cal = Calendar::china();
    // Due Wednesday 2026-09-30; on 10-01 (holiday) it is overdue.
    let clock = home_check("2026-09-29", Span::WorkingDays(1));
    assert_eq!(clock.due_on, d("2026-09-30"));
    assert_eq!(urgency(&clock, d("2026-10-01"), &cal, 1), Urgency::Overdue);
    assert_eq!(time_left_zh(&clock, d("2026-10-01"), &cal), "已逾期");
    assert_eq!(time_left_zh(&clock, d("2026-10-09"), &cal), "逾期2个工作日");
}

#[test]
fn urgency_of_closed_clocks_tells_met_late_from_met() {
    let cal = Calendar::china();
    let mut on_time = home_check("2026-03-02", Span::WorkingDays(3));
    on_time.meet(d("2026-03-05"));
    assert_eq!(urgency(&on_time, d("2026-04-01"), &cal, 1), Urgency::Met);
    let mut late = home_check("2026-03-02", Span::WorkingDays(3));
    late.meet(d("2026-03-06"));
    assert_eq!(urgency(&late, d("2026-04-01"), &cal, 1), Urgency::MetLate);
    let mut cancelled = home_check("2026-03-02", Span::WorkingDays(3));
    cancelled.cancel(d("2026-03-06"));
    assert_eq!(
        urgency(&cancelled, d("2026-04-01"), &cal, 1),
        Urgency::Cancelled
    );
}

#[test]
fn time_left_is_worded_in_chinese_and_english() {
    let cal = Calendar::china();
    // Due Thursday 2026-03-05.
    let clock = home_check("2026-03-02", Span::WorkingDays(3));
    let cases = [
        ("2026-03-02", "还剩3个工作日", "3 working days left"),
        ("2026-03-04", "还剩1个工作日", "1 working day left"),
        ("2026-03-05", "今天到期", "Due today"),
        ("2026-03-06", "逾期1个工作日", "1 working day overdue"),
        ("2026-03-09", "逾期2个工作日", "2 working days overdue"),
    ];
    for (today, zh, en) in cases {
        assert_eq!(time_left_zh(&clock, d(today), &cal), zh, "{today}");
        assert_eq!(time_left_en(&clock, d(today), &cal), en, "{today}");
    }
    let mut met = clock.clone();
    met.meet(d("2026-03-05"));
    assert_eq!(time_left_zh(&met, d("2026-03-09"), &cal), "已按时办结");
    assert_eq!(
        time_left_en(&met, d("2026-03-09"), &cal),
        "Concluded on time"
    );
    let mut late = clock.clone();
    late.meet(d("2026-03-06"));
    assert_eq!(time_left_zh(&late, d("2026-03-09"), &cal), "逾期办结");
    assert_eq!(time_left_en(&late, d("2026-03-09"), &cal), "Concluded late");
}

#[test]
fn a_calendar_day_deadline_on_a_holiday_reads_as_the_last_working_day() {
    let cal = Calendar::china();
    // Due 2026-10-05 (holiday); on 09-30 no working day is left before it.
    let clock = Clock::start(
        ClockKind::IdentificationOverall,
        Level::County,
        d("2026-09-20"),
        Span::CalendarDays(15),
        &cal,
    );
    assert_eq!(
        time_left_zh(&clock, d("2026-09-30"), &cal),
        "今天是最后一个工作日"
    );
    assert_eq!(urgency(&clock, d("2026-09-30"), &cal, 0), Urgency::DueSoon);
    // Set in calendar days, it counts calendar days otherwise: the 15-day limit read
    // "还剩11个工作日" (officer tester).
    assert_eq!(time_left_zh(&clock, d("2026-09-29"), &cal), "还剩6天");
    assert_eq!(time_left_en(&clock, d("2026-09-20"), &cal), "15 days left");
    assert_eq!(time_left_zh(&clock, d("2026-10-06"), &cal), "逾期1天");
    assert_eq!(time_left_zh(&clock, d("2026-10-08"), &cal), "逾期3天");
}

#[test]
fn codes_match_the_serde_names_and_parse_back() {
    for kind in ClockKind::ALL {
        let json = serde_json::to_string(&kind).expect("serialises");
        assert_eq!(json, format!("\"{}\"", kind.code()));
        assert_eq!(ClockKind::from_code(kind.code()), Some(kind));
        assert!(!kind.label_zh().is_empty());
    }
    for level in Level::ALL {
        let json = serde_json::to_string(&level).expect("serialises");
        assert_eq!(json, format!("\"{}\"", level.code()));
        assert_eq!(Level::from_code(level.code()), Some(level));
        assert!(!level.label_zh().is_empty());
    }
    assert_eq!(ClockKind::from_code("nope"), None);
}

#[test]
fn a_clock_round_trips_through_json() {
    let cal = Calendar::china();
    let mut clock = home_check("2026-03-02", Span::WorkingDays(3));
    clock.pause(d("2026-03-03"), &cal);
    let json = serde_json::to_string(&clock).expect("serialises");
    let back: Clock = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, clock);
    let span = serde_json::to_string(&Span::WorkingDays(5)).expect("serialises");
    assert_eq!(span, r#"{"working_days":5}"#);
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..1095)
        .prop_map(|offset| NaiveDate::from_ymd_opt(2024, 7, 1).expect("valid") + Days::new(offset))
}

fn any_span() -> impl Strategy<Value = Span> {
    prop_oneof![
        (0u32..30).prop_map(Span::WorkingDays),
        (0u32..40).prop_map(Span::CalendarDays),
        (0u32..4).prop_map(Span::Months),
    ]
}

fn rank(urgency: Urgency) -> u8 {
    match urgency {
        Urgency::OnTime => 0,
        Urgency::DueSoon => 1,
        Urgency::Overdue => 2,
        Urgency::Met | Urgency::MetLate | Urgency::Cancelled => 3,
    }
}

proptest! {
    #[test]
    fn pause_and_resume_never_make_the_due_date_earlier(
        start in any_date(),
        span in any_span(),
        pause_after in 0u64..60,
        paused_for in 0u64..60,
    ) {
        let cal = Calendar::china();
        let mut clock = Clock::start(ClockKind::HomeCheck, Level::Village, start, span, &cal);
        let due = clock.due_on;
        let paused_on = start + Days::new(pause_after);
        clock.pause(paused_on, &cal);
        clock.resume(paused_on + Days::new(paused_for), &cal);
        prop_assert!(clock.due_on >= due);
        prop_assert_eq!(clock.state, ClockState::Running);
    }

    #[test]
    fn pausing_and_resuming_the_same_day_keeps_a_working_day_deadline(
        start in any_date(),
        n in 0u32..30,
        pause_after in 0u64..60,
    ) {
        let cal = Calendar::china();
        let mut clock = Clock::start(
            ClockKind::HomeCheck, Level::Village, start, Span::WorkingDays(n), &cal,
        );
        let due = clock.due_on;
        let on = start + Days::new(pause_after);
        clock.pause(on, &cal);
        clock.resume(on, &cal);
        prop_assert_eq!(clock.due_on, due);
    }

    #[test]
    fn a_resumed_clock_has_the_working_days_it_had_when_paused(
        start in any_date(),
        n in 1u32..30,
        pause_after in 0u64..60,
        paused_for in 0u64..60,
    ) {
        let cal = Calendar::china();
        let mut clock = Clock::start(
            ClockKind::HomeCheck, Level::Village, start, Span::WorkingDays(n), &cal,
        );
        let paused_on = start + Days::new(pause_after);
        let resumed_on = paused_on + Days::new(paused_for);
        let left = cal.working_days_between(paused_on, clock.due_on);
        clock.pause(paused_on, &cal);
        clock.resume(resumed_on, &cal);
        if left > 0 {
            prop_assert_eq!(cal.working_days_between(resumed_on, clock.due_on), left);
        } else if left < 0 {
            prop_assert_eq!(cal.working_days_between(clock.due_on, resumed_on), -left);
        }
    }

    #[test]
    fn a_pause_never_cures_an_overdue_clock(
        start in any_date(),
        span in any_span(),
        pause_after in 0u64..90,
        paused_for in 0u64..30,
    ) {
        let cal = Calendar::china();
        let mut clock = Clock::start(ClockKind::HomeCheck, Level::Village, start, span, &cal);
        let paused_on = start + Days::new(pause_after);
        let resumed_on = paused_on + Days::new(paused_for);
        let before = urgency(&clock, paused_on, &cal, 1);
        clock.pause(paused_on, &cal);
        let while_paused = urgency(&clock, resumed_on, &cal, 1);
        clock.resume(resumed_on, &cal);
        let after = urgency(&clock, resumed_on, &cal, 1);
        if before == Urgency::Overdue {
            prop_assert_eq!(while_paused, Urgency::Overdue);
            prop_assert_eq!(after, Urgency::Overdue);
        }
    }

    #[test]
    fn hand_over_never_changes_the_due_date(
        start in any_date(),
        span in any_span(),
        owner in 0usize..4,
        new_owner in 0usize..4,
    ) {
        let cal = Calendar::china();
        let mut clock = Clock::start(ClockKind::NoticeWindow, Level::ALL[owner], start, span, &cal);
        let before = clock.clone();
        clock.hand_over(Level::ALL[new_owner]);
        prop_assert_eq!(clock.due_on, before.due_on);
        prop_assert_eq!(clock.started_on, before.started_on);
        prop_assert_eq!(clock.state, before.state);
        prop_assert_eq!(clock.owner, Level::ALL[new_owner]);
    }

    #[test]
    fn urgency_of_a_running_clock_only_moves_from_on_time_to_due_soon_to_overdue(
        start in any_date(),
        span in any_span(),
        policy in 0u32..4,
        first in 0u64..90,
        later in 0u64..90,
    ) {
        let cal = Calendar::china();
        let clock = Clock::start(ClockKind::HomeCheck, Level::Village, start, span, &cal);
        let earlier_day = start + Days::new(first);
        let later_day = earlier_day + Days::new(later);
        let before = urgency(&clock, earlier_day, &cal, policy);
        let after = urgency(&clock, later_day, &cal, policy);
        prop_assert!(rank(before) <= 2 && rank(after) <= 2);
        prop_assert!(rank(before) <= rank(after), "{:?} then {:?}", before, after);
    }

    #[test]
    fn an_extension_before_the_due_date_never_makes_it_earlier(
        start in any_date(),
        span in any_span(),
        extra in any_span(),
        asked_after in 0u64..60,
    ) {
        let cal = Calendar::china();
        let mut clock = Clock::start(ClockKind::AssistanceStarted, Level::Department, start, span, &cal);
        let due = clock.due_on;
        let asked_on = start + Days::new(asked_after);
        match clock.extend(extra, asked_on, &cal) {
            Ok(()) => {
                prop_assert!(asked_on <= due);
                prop_assert!(clock.due_on >= due);
                prop_assert_eq!(clock.extended, 1);
            }
            Err(error) => {
                prop_assert_eq!(error, ClockError::ExtensionAfterDue);
                prop_assert!(asked_on > due);
                prop_assert_eq!(clock.due_on, due);
            }
        }
    }
}
