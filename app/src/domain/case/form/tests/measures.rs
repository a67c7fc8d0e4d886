//! Measure rows of the plan form: dates, one-off relief, and problems told under their row.
use super::*;

#[test]
fn a_bad_measure_date_is_reported_under_measures() {
    let mut form = complete_form(CommandKind::AddPlan);
    form.measures[0].end = "2026/12/01".into();
    assert_eq!(problem_keys(&form), vec![("measures", "command.bad_date")]);
}

/// 临时救助 is paid once: without an end date it runs the day it starts. Any other measure
/// still needs one.
#[test]
fn a_one_off_relief_needs_no_end_date() {
    let mut form = complete_form(CommandKind::AddPlan);
    form.measures.truncate(1);
    form.measures[0].measure_type = "temporary_relief".into();
    form.measures[0].start = "2026-03-05".into();
    form.measures[0].end = String::new();
    let Ok(CaseCommand::AddPlan { measures }) = parse_command(&form, today()) else {
        panic!("accepted without an end date");
    };
    assert_eq!(measures[0].end, measures[0].start);
    form.measures[0].measure_type = "employment".into();
    assert_eq!(
        problem_keys(&form),
        vec![("measures", "command.end_date_missing")],
        "employment runs for a while, and the message says which may go without"
    );
    let said = crate::tr::field_error::command::end_date_missing(crate::domain::lang::Lang::Zh);
    let relief = crate::domain::vocab::MeasureType::TemporaryRelief.label_zh();
    assert!(said.contains(relief), "{said}");
}

#[test]
fn a_measure_ending_before_it_starts_is_told_with_the_other_problems() {
    let mut form = complete_form(CommandKind::AddPlan);
    form.measures[0].start = "2026-03-05".into();
    form.measures[0].end = "2026-03-04".into();
    form.measures[1].amount = "abc".into();
    assert_eq!(
        problem_keys(&form),
        vec![
            ("measures", "command.end_before_start"),
            ("measures", "command.bad_amount")
        ]
    );
    // Each names its measure, as the form titles the rows.
    let words: Vec<String> = parse_command(&form, today())
        .expect_err("refused")
        .iter()
        .map(|(_, m)| m.words(crate::domain::lang::Lang::Zh))
        .collect();
    // …and the field: the page puts each under its measure's row.
    assert!(words[0].starts_with("措施1（结束日期）："), "{words:?}");
    assert!(words[1].starts_with("措施2（金额）："), "{words:?}");
    form.measures[0].end = "2026-03-05".into();
    form.measures[1].amount = "100".into();
    assert!(
        parse_command(&form, today()).is_ok(),
        "one day is a measure"
    );
}

#[test]
fn a_measure_dated_in_the_wrong_year_is_told_under_its_row() {
    let mut form = complete_form(CommandKind::AddPlan);
    form.measures[0].start = "2016-12-10".into();
    form.measures[1].end = "2062-12-31".into();
    assert_eq!(
        problem_keys(&form),
        vec![
            ("measures", "command.start_far_from_today"),
            ("measures", "command.measure_too_long")
        ]
    );
    let words: Vec<String> = parse_command(&form, today())
        .expect_err("refused")
        .iter()
        .map(|(_, m)| m.words(crate::domain::lang::Lang::Zh))
        .collect();
    assert!(words[0].starts_with("措施1（开始日期）："), "{words:?}");
    assert!(words[1].starts_with("措施2（结束日期）："), "{words:?}");
}

/// A suggested row left with its type only is not counted: the suggestions blocked the plan
/// until each unwanted row was cleared (officer tester). A row with anything typed is checked,
/// and a plan of untouched suggestions only is told to add a measure.
#[test]
fn a_suggested_row_left_with_its_type_only_is_not_counted() {
    let mut form = complete_form(CommandKind::AddPlan);
    form.measures.truncate(1);
    let mut left = form.measures[0].clone();
    left.measure_type = "temporary_relief".into();
    (left.amount, left.end) = (String::new(), String::new());
    left.start = today().format("%Y-%m-%d").to_string();
    form.measures.push(left.clone());
    let Ok(CaseCommand::AddPlan { measures }) = parse_command(&form, today()) else {
        panic!("the filled row is the plan");
    };
    assert_eq!(measures.len(), 1);
    form.measures[1].amount = "500".into();
    form.measures[1].start = String::new();
    assert_eq!(
        problem_keys(&form),
        vec![("measures", "command.missing")],
        "a started row is checked: its start is missing"
    );
    form.measures = vec![left];
    assert_eq!(
        problem_keys(&form),
        vec![("measures", "command.no_measures")]
    );
}

/// A measure over a million yuan is a typing slip, told under its amount (attacker: ¥92
/// quadrillion was taken and the ledger's total overflowed).
#[test]
fn a_measure_over_a_million_yuan_is_refused_under_its_amount() {
    let mut form = complete_form(CommandKind::AddPlan);
    form.measures.truncate(1);
    form.measures[0].amount = "1000000".into();
    assert!(parse_command(&form, today()).is_ok(), "a million is kept");
    for slip in ["1000000.01", "92233720368547758.07", "9999999999999"] {
        form.measures[0].amount = slip.into();
        assert_eq!(
            problem_keys(&form),
            vec![("measures", "command.measure_amount_implausible")],
            "{slip}"
        );
    }
}
