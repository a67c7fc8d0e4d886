//! The policy and calendar forms' parsers.
use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
}

#[test]
fn the_form_of_a_policy_parses_back_to_it() {
    let policy = Policy::national_default();
    let (on, parsed) = PolicyForm::of(&policy, today())
        .parse(&policy)
        .expect("round trip");
    assert_eq!(on, today());
    assert_eq!(parsed, policy);
}

#[test]
fn the_engine_rules_parse_and_a_form_without_them_keeps_them() {
    let policy = Policy::national_default();
    let mut form = PolicyForm::of(&policy, today());
    form.rigid_spending_warning = "9000".into();
    form.sharp_fall_percent = "40".into();
    form.elimination_min_months = "6".into();
    form.elimination_min_visits = "3".into();
    form.period_rule = "off".into();
    let (_, parsed) = form.parse(&policy).expect("parses");
    let rules = &parsed.rules;
    assert_eq!(rules.rigid_spending_warning, Fen::from_fen(900_000));
    assert_eq!(rules.sharp_income_fall_percent, 40);
    assert_eq!(rules.elimination_min_monitoring, Span::Months(6));
    assert_eq!(rules.elimination_min_visits, 3);
    assert!(!rules.calendar_deadlines_end_on_working_day);

    let blank = PolicyForm {
        rigid_spending_warning: String::new(),
        sharp_fall_percent: String::new(),
        elimination_min_months: String::new(),
        elimination_min_visits: String::new(),
        period_rule: String::new(),
        ..PolicyForm::of(&parsed, today())
    };
    assert_eq!(blank.parse(&parsed).expect("parses").1.rules, parsed.rules);

    let bad = PolicyForm {
        sharp_fall_percent: "0".into(),
        period_rule: "maybe".into(),
        ..PolicyForm::of(&policy, today())
    };
    let fields: Vec<_> = bad
        .parse(&policy)
        .expect_err("refused")
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, vec!["sharp_fall_percent", "period_rule"]);
}

#[test]
fn every_bad_field_is_named_and_the_notice_is_never_under_five_days() {
    let policy = Policy::national_default();
    let mut form = PolicyForm::of(&policy, today());
    // Refused and named, not quietly raised to five (officer tester).
    form.notice_min_days = "2".into();
    let problems = form.parse(&policy).expect_err("under five days");
    assert_eq!(problems[0].0, "notice_min_days");
    assert_eq!(problems[0].1.key, "policy.notice_min");
    form.notice_min_days = "7".into();
    let (_, parsed) = form.parse(&policy).expect("valid");
    assert_eq!(parsed.notice_min, Span::CalendarDays(7));
    form.effective_from = "soon".into();
    form.home_check_days = "0".into();
    form.visit_red_days = "abc".into();
    let problems = form.parse(&policy).expect_err("invalid");
    let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
    assert_eq!(
        fields,
        ["effective_from", "home_check_days", "visit_red_days"]
    );
}

#[test]
fn a_calendar_day_needs_a_date_and_a_kind_and_gets_a_default_name() {
    let (date, kind, name) = parse_day("2027-01-01", "holiday", " ").expect("valid");
    assert_eq!(
        (date.to_string(), kind, name.as_str()),
        ("2027-01-01".into(), DayKind::Holiday, "节假日")
    );
    let problems = parse_day("x", "party", "").expect_err("invalid");
    assert_eq!(problems.len(), 2);
    // 2027-01-04 is a Monday: a working day already, not a make-up one.
    let problems = parse_day("2027-01-04", DayKind::Workday.code(), "").expect_err("weekday");
    assert_eq!(problems.len(), 1);
    assert!(
        parse_day("2027-01-09", DayKind::Workday.code(), "").is_ok(),
        "a Saturday"
    );
}

#[test]
fn messages_are_well_formed() {
    crate::domain::message::tests::assert_messages_are_well_formed(
        "policy",
        &[
            PolicyFieldError::EffectiveFrom,
            PolicyFieldError::IncomeLine,
            PolicyFieldError::Days,
            PolicyFieldError::Date,
            PolicyFieldError::DayKind,
            PolicyFieldError::WorkdayOnWeekday,
            PolicyFieldError::DayYear,
            PolicyFieldError::DayName,
            PolicyFieldError::YearIncomplete,
            PolicyFieldError::NotNumber,
            PolicyFieldError::NoChange,
            PolicyFieldError::EffectivePast,
        ],
    );
}

/// Letters in a number field are asked for as a number, not told not to be negative
/// (officer tester); a number out of its range still is.
#[test]
fn letters_in_a_number_field_ask_for_a_number() {
    let today = Policy::national_default();
    let mut form = PolicyForm::of(&today, NaiveDate::from_ymd_opt(2027, 1, 1).expect("day"));
    form.home_check_days = "abc".into();
    form.visit_red_days = "999".into();
    let problems = form.parse(&today).expect_err("refused");
    let key = |field: &str| {
        problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.text_key.to_string())
    };
    assert_eq!(key("home_check_days").as_deref(), Some("policy.not_number"));
    assert_eq!(key("visit_red_days").as_deref(), Some("policy.days"));
}

#[test]
fn a_year_is_marked_whole_only_with_a_day_off_for_each_festival() {
    let six = |_| 6;
    assert!(parse_year_mark("2027", true, six).is_err(), "six days off");
    assert!(
        parse_year_mark("2027", false, six).is_ok(),
        "a mark withdrawn any time"
    );
    let seven = |_| 7;
    assert_eq!(parse_year_mark(" 2027 ", true, seven), Ok(2027));
    for year in ["1900", "2300", "二〇二七", ""] {
        assert!(parse_year_mark(year, false, seven).is_err(), "{year}");
    }
}

#[test]
fn a_calendar_day_is_in_the_schedule_years_with_a_short_visible_name() {
    assert!(parse_day("1900-01-01", "holiday", "元旦").is_err());
    assert!(parse_day("2027-01-01", "holiday", &"节".repeat(21)).is_err());
    let (_, _, name) = parse_day("2027-01-01", "holiday", "元\u{202E}旦").expect("day");
    assert_eq!(name, "元旦");
}
