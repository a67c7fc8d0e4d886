//! Members' ID numbers in the home check are checked against the day the form is filled in.
use chrono::NaiveDate;

use super::super::*;
use super::fixtures::{complete_form, today};
use crate::domain::case::CommandKind;

#[test]
fn a_members_id_number_is_checked_against_the_day_the_form_is_filled_in() {
    let id_born = |day: &str| {
        let first17 = format!("110105{day}002");
        let check = crate::domain::id_number::check_digit(&first17).expect("digits");
        format!("{first17}{check}")
    };
    // (birth date in the number, the day the form is filled in, expected problems)
    type Problems = &'static [(&'static str, &'static str)];
    let cases: &[(&str, NaiveDate, Problems)] = &[
        ("20261129", today(), &[]),
        ("20261130", today(), &[]),
        (
            "20261201",
            today(),
            &[("members", "command.future_birth_date")],
        ),
        (
            "20270101",
            today(),
            &[("members", "command.future_birth_date")],
        ),
        // The same number is fine once that day has come.
        (
            "20261201",
            NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            &[],
        ),
    ];
    for (born, on, expected) in cases {
        let mut form = complete_form(CommandKind::RecordHomeCheck);
        form.members[1].id_number = id_born(born);
        let got: Vec<(&str, &str)> = match parse_command(&form, *on) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(|(f, m)| (*f, m.key)).collect(),
        };
        assert_eq!(got, expected.to_vec(), "born {born}, filled in on {on}");
    }
}
