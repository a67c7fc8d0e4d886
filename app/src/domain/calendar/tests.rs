//! Tests of `calendar`.
use super::*;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("valid test date")
}

/// Reference implementation: one day at a time.
fn naive_add(cal: &Calendar, start: NaiveDate, n: u32) -> NaiveDate {
    let mut current = start;
    if n == 0 {
        while !cal.is_working_day(current) {
            current = current.succ_opt().expect("in range");
        }
        return current;
    }
    let mut left = n;
    while left > 0 {
        current = current.succ_opt().expect("in range");
        if cal.is_working_day(current) {
            left -= 1;
        }
    }
    current
}

fn naive_between(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> i64 {
    let (low, high, sign) = if to < from {
        (to, from, -1)
    } else {
        (from, to, 1)
    };
    let count = low
        .iter_days()
        .skip(1)
        .take_while(|day| *day <= high)
        .filter(|day| cal.is_working_day(*day))
        .count();
    sign * i64::try_from(count).expect("small")
}

#[test]
fn every_row_of_the_cn_tables_parses_and_is_consistent() {
    for (date, name) in CN_HOLIDAYS {
        let parsed: NaiveDate = date.parse().expect("holiday date parses");
        assert!(CN_KNOWN_YEARS.contains(&parsed.year()), "{date}");
        assert!(!name.is_empty());
    }
    for date in CN_MAKEUP_WORKDAYS {
        let parsed: NaiveDate = date.parse().expect("makeup date parses");
        assert!(CN_KNOWN_YEARS.contains(&parsed.year()), "{date}");
        assert!(
            !is_weekday(parsed),
            "makeup workday {date} is a weekend day"
        );
        assert!(!CN_HOLIDAYS.iter().any(|(h, _)| h == date), "{date}");
    }
    let cal = Calendar::china();
    assert_eq!(cal.holidays().count(), CN_HOLIDAYS.len());
    assert_eq!(cal.makeup_workdays().count(), CN_MAKEUP_WORKDAYS.len());
}

#[test]
fn the_cn_tables_have_the_official_number_of_days_off_per_year() {
    let cal = Calendar::china();
    let days_off = |year: i32| cal.holidays().filter(|(d, _)| d.year() == year).count();
    // 2025: 1 + 8 + 3 + 5 + 3 + 8; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7.
    assert_eq!(days_off(2025), 28);
    assert_eq!(days_off(2026), 33);
}

#[test]
fn working_days_in_2025_follow_the_state_council_schedule() {
    let cal = Calendar::china();
    let table = [
        ("2025-01-01", false), // 元旦, Wednesday
        ("2025-01-02", true),
        ("2025-01-26", true),  // makeup, Sunday
        ("2025-01-27", true),  // Monday before the holiday
        ("2025-01-28", false), // 除夕, Tuesday
        ("2025-02-04", false), // 初七, Tuesday
        ("2025-02-05", true),
        ("2025-02-08", true), // makeup, Saturday
        ("2025-02-09", false),
        ("2025-04-04", false), // 清明, Friday
        ("2025-04-07", true),
        ("2025-04-27", true),  // makeup, Sunday
        ("2025-05-01", false), // 劳动节, Thursday
        ("2025-05-05", false), // Monday
        ("2025-05-06", true),
        ("2025-06-02", false), // 端午, Monday
        ("2025-06-03", true),
        ("2025-09-28", true),  // makeup, Sunday
        ("2025-10-06", false), // 中秋, Monday
        ("2025-10-08", false), // Wednesday
        ("2025-10-09", true),
        ("2025-10-11", true), // makeup, Saturday
        ("2025-10-12", false),
    ];
    for (date, working) in table {
        assert_eq!(cal.is_working_day(d(date)), working, "{date}");
    }
}

#[test]
fn working_days_in_2026_follow_the_state_council_schedule() {
    let cal = Calendar::china();
    let table = [
        ("2026-01-01", false), // 元旦, Thursday
        ("2026-01-02", false), // Friday
        ("2026-01-03", false), // Saturday
        ("2026-01-04", true),  // makeup, Sunday
        ("2026-01-05", true),
        ("2026-02-13", true),  // Friday
        ("2026-02-14", true),  // makeup, Saturday
        ("2026-02-15", false), // Sunday, first day of 春节
        ("2026-02-16", false), // Monday
        ("2026-02-23", false), // Monday, last day
        ("2026-02-24", true),
        ("2026-02-28", true), // makeup, Saturday
        ("2026-03-01", false),
        ("2026-04-03", true),  // Friday
        ("2026-04-06", false), // 清明, Monday
        ("2026-04-07", true),
        ("2026-05-01", false), // Friday
        ("2026-05-04", false), // Monday
        ("2026-05-05", false), // Tuesday
        ("2026-05-06", true),
        ("2026-05-09", true),  // makeup, Saturday
        ("2026-06-19", false), // 端午, Friday
        ("2026-06-22", true),
        ("2026-09-20", true),  // makeup, Sunday
        ("2026-09-25", false), // 中秋, Friday
        ("2026-09-28", true),
        ("2026-10-01", false), // 国庆, Thursday
        ("2026-10-07", false), // Wednesday
        ("2026-10-08", true),
        ("2026-10-10", true), // makeup, Saturday
        ("2026-10-11", false),
    ];
    for (date, working) in table {
        assert_eq!(cal.is_working_day(d(date)), working, "{date}");
    }
}

#[test]
fn holiday_names_are_given_in_chinese() {
    let cal = Calendar::china();
    assert_eq!(cal.holiday_name(d("2026-02-17")), Some("春节"));
    assert_eq!(cal.holiday_name(d("2025-10-06")), Some("国庆节、中秋节"));
    assert_eq!(cal.holiday_name(d("2026-09-26")), Some("中秋节"));
    assert_eq!(cal.holiday_name(d("2026-02-14")), None);
    assert!(cal.is_makeup_workday(d("2026-02-14")));
}

#[test]
fn adding_one_working_day_on_friday_lands_on_monday() {
    let cal = Calendar::china();
    assert_eq!(cal.add_working_days(d("2026-03-06"), 1), d("2026-03-09"));
}

#[test]
fn adding_one_working_day_before_national_day_2026_lands_on_october_8() {
    let cal = Calendar::china();
    assert_eq!(cal.add_working_days(d("2026-09-30"), 1), d("2026-10-08"));
    // 10-08 (Thu), 10-09 (Fri), 10-10 (makeup Saturday).
    assert_eq!(cal.add_working_days(d("2026-09-30"), 3), d("2026-10-10"));
    assert_eq!(cal.add_working_days(d("2026-09-30"), 4), d("2026-10-12"));
}

#[test]
fn makeup_saturday_before_spring_festival_2026_counts_as_a_working_day() {
    let cal = Calendar::china();
    // Friday 02-13 -> makeup Saturday 02-14 -> after the holiday 02-24.
    assert_eq!(cal.add_working_days(d("2026-02-13"), 1), d("2026-02-14"));
    assert_eq!(cal.add_working_days(d("2026-02-13"), 2), d("2026-02-24"));
    assert_eq!(
        cal.working_days_between(d("2026-02-13"), d("2026-02-24")),
        2
    );
}

#[test]
fn five_working_days_from_the_eve_of_spring_festival_2025() {
    let cal = Calendar::china();
    // 01-27 (Mon) -> 02-05, 02-06, 02-07, 02-08 (makeup Sat), 02-10.
    assert_eq!(cal.add_working_days(d("2025-01-27"), 5), d("2025-02-10"));
    assert_eq!(cal.add_working_days(d("2025-01-24"), 1), d("2025-01-26"));
}

#[test]
fn adding_zero_working_days_returns_the_next_working_day() {
    let cal = Calendar::china();
    assert_eq!(cal.add_working_days(d("2026-03-04"), 0), d("2026-03-04"));
    assert_eq!(cal.add_working_days(d("2026-10-01"), 0), d("2026-10-08"));
    assert_eq!(
        cal.next_working_day_on_or_after(d("2026-03-07")),
        d("2026-03-09")
    );
}

#[test]
fn subtracting_working_days_skips_holidays_backwards() {
    let cal = Calendar::china();
    assert_eq!(
        cal.subtract_working_days(d("2026-10-08"), 1),
        d("2026-09-30")
    );
    assert_eq!(
        cal.subtract_working_days(d("2026-10-05"), 0),
        d("2026-09-30")
    );
    assert_eq!(
        cal.subtract_working_days(d("2026-02-24"), 2),
        d("2026-02-13")
    );
}

#[test]
fn working_days_between_is_negative_when_the_end_is_before_the_start() {
    let cal = Calendar::china();
    assert_eq!(
        cal.working_days_between(d("2026-03-02"), d("2026-03-06")),
        4
    );
    assert_eq!(
        cal.working_days_between(d("2026-03-06"), d("2026-03-02")),
        -4
    );
    assert_eq!(
        cal.working_days_between(d("2026-03-06"), d("2026-03-06")),
        0
    );
}

#[test]
fn a_year_outside_the_data_falls_back_to_monday_to_friday() {
    let cal = Calendar::china();
    assert!(!cal.is_known_year(2027));
    assert!(cal.is_known_year(2026));
    // 2027-01-01 is a Friday: no data, so it counts as a working day.
    assert!(cal.is_working_day(d("2027-01-01")));
    assert!(!cal.is_working_day(d("2027-01-02")));
    assert_eq!(cal.add_working_days(d("2027-01-01"), 1), d("2027-01-04"));
    assert_eq!(cal.holiday_name(d("2027-01-01")), None);
}

#[test]
fn weekdays_only_knows_no_year_and_no_holiday() {
    let cal = Calendar::weekdays_only();
    assert!(!cal.is_known_year(2026));
    assert!(cal.is_working_day(d("2026-10-01")));
    assert!(!cal.is_working_day(d("2026-02-14")));
}

#[test]
fn an_admin_calendar_applies_its_entries_and_holidays_win_over_makeup_days() {
    let cal = Calendar::new(
        [
            (d("2027-01-01"), "元旦".to_owned()),
            (d("2027-01-02"), "元旦".to_owned()),
        ],
        [d("2027-01-02"), d("2027-01-09")],
        [2027],
    );
    assert!(cal.is_known_year(2027));
    assert!(!cal.is_working_day(d("2027-01-01")));
    assert!(!cal.is_working_day(d("2027-01-02")));
    assert!(cal.is_working_day(d("2027-01-09")));
    assert_eq!(
        cal.working_days_between(d("2026-12-31"), d("2027-01-10")),
        naive_between(&cal, d("2026-12-31"), d("2027-01-10"))
    );
}

#[test]
fn far_future_additions_saturate_instead_of_panicking() {
    let cal = Calendar::china();
    assert_eq!(cal.add_working_days(NaiveDate::MAX, 1), NaiveDate::MAX);
    assert_eq!(cal.subtract_working_days(NaiveDate::MIN, 1), NaiveDate::MIN);
    let far = cal.add_working_days(d("2026-01-01"), u32::MAX);
    assert!(far > d("2026-01-01"));
}

#[test]
fn the_calendar_round_trips_through_json() {
    let cal = Calendar::china();
    let json = serde_json::to_string(&cal).expect("serialises");
    let back: Calendar = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, cal);
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    // 2024-07-01 .. 2027-06-30: both known years plus unknown ones around them.
    (0u64..1095)
        .prop_map(|offset| NaiveDate::from_ymd_opt(2024, 7, 1).expect("valid") + Days::new(offset))
}

fn any_calendar() -> impl Strategy<Value = Calendar> {
    (
        proptest::collection::vec(any_date(), 0..60),
        proptest::collection::vec(any_date(), 0..30),
    )
        .prop_map(|(holidays, makeup)| {
            Calendar::new(
                holidays.into_iter().map(|day| (day, "假日".to_owned())),
                makeup,
                [2025],
            )
        })
}

proptest! {
    #[test]
    fn adding_working_days_always_lands_on_a_working_day(start in any_date(), n in 0u32..400) {
        let cal = Calendar::china();
        prop_assert!(cal.is_working_day(cal.add_working_days(start, n)));
    }

    #[test]
    fn adding_working_days_is_strictly_monotonic_in_n(start in any_date(), n in 1u32..400) {
        let cal = Calendar::china();
        prop_assert!(cal.add_working_days(start, n) < cal.add_working_days(start, n + 1));
    }

    #[test]
    fn adding_zero_or_one_working_day_differs_only_from_a_working_day(start in any_date()) {
        let cal = Calendar::china();
        let zero = cal.add_working_days(start, 0);
        let one = cal.add_working_days(start, 1);
        prop_assert_eq!(zero < one, cal.is_working_day(start));
        prop_assert!(zero <= one);
    }

    #[test]
    fn counting_back_the_added_working_days_gives_n(start in any_date(), n in 1u32..400) {
        let cal = Calendar::china();
        let end = cal.add_working_days(start, n);
        prop_assert_eq!(cal.working_days_between(start, end), i64::from(n));
        prop_assert_eq!(cal.working_days_between(end, start), -i64::from(n));
    }

    #[test]
    fn adding_zero_working_days_counts_zero_only_from_a_working_day(start in any_date()) {
        let cal = Calendar::china();
        let end = cal.add_working_days(start, 0);
        let expected = if cal.is_working_day(start) { 0 } else { 1 };
        prop_assert_eq!(cal.working_days_between(start, end), expected);
    }

    #[test]
    fn holidays_are_skipped(index in 0..CN_HOLIDAYS.len()) {
        let cal = Calendar::china();
        let holiday: NaiveDate = CN_HOLIDAYS[index].0.parse().expect("valid");
        let eve = holiday.pred_opt().expect("in range");
        let next = cal.add_working_days(eve, 1);
        prop_assert!(next > holiday);
        prop_assert!(cal.holiday_name(next).is_none());
        prop_assert_eq!(cal.working_days_between(eve, holiday), 0);
    }

    #[test]
    fn makeup_days_are_counted(index in 0..CN_MAKEUP_WORKDAYS.len()) {
        let cal = Calendar::china();
        let makeup: NaiveDate = CN_MAKEUP_WORKDAYS[index].parse().expect("valid");
        let eve = makeup.pred_opt().expect("in range");
        prop_assert_eq!(cal.add_working_days(eve, 1), makeup);
        prop_assert_eq!(cal.working_days_between(eve, makeup), 1);
    }

    #[test]
    fn fast_arithmetic_matches_counting_day_by_day(
        cal in any_calendar(),
        start in any_date(),
        other in any_date(),
        n in 0u32..120,
    ) {
        prop_assert_eq!(cal.add_working_days(start, n), naive_add(&cal, start, n));
        prop_assert_eq!(cal.working_days_between(start, other), naive_between(&cal, start, other));
        let back = cal.subtract_working_days(start, n);
        prop_assert!(cal.is_working_day(back));
        if n > 0 {
            // n - 1 working days strictly between, plus `start` itself if working.
            let expected = i64::from(n) - 1 + i64::from(cal.is_working_day(start));
            prop_assert_eq!(cal.working_days_between(back, start), expected);
        }
    }
}
