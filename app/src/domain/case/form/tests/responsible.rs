//! The 帮扶责任人 on the assign form: a name field and a mobile field, each with its own error.
use super::super::*;
use super::fixtures::{complete_form, today};
use crate::domain::{case::CommandKind, mobile::MobileNumber};

#[test]
fn the_name_and_the_mobile_are_separate_fields_each_with_its_own_error() {
    // (name typed, mobile typed, expected: the parsed pair or the (field, message key) problems)
    type Expected = Result<(&'static str, &'static str), &'static [(&'static str, &'static str)]>;
    let cases: &[(&str, &str, Expected)] = &[
        ("王明", "13800138000", Ok(("王明", "13800138000"))),
        // Full-width digits and spaces, as a phone keyboard may give them.
        (
            " 王明 ",
            "１３８ ００１３ ８０００",
            Ok(("王明", "13800138000")),
        ),
        ("王明", "", Err(&[("mobile", "command.missing")])),
        (
            "王明",
            "1380013800",
            Err(&[("mobile", "command.bad_mobile")]),
        ),
        (
            "王明",
            "0851-2345678",
            Err(&[("mobile", "command.bad_mobile")]),
        ),
        // The old habit of typing both into the name is refused with a pointer to the field.
        (
            "王明 13800138000",
            "13800138000",
            Err(&[("person", "command.phone_in_name")]),
        ),
        (
            "",
            "abc",
            Err(&[
                ("person", "command.missing"),
                ("mobile", "command.bad_mobile"),
            ]),
        ),
    ];
    for (person, mobile, expected) in cases {
        let form = CommandForm {
            person: (*person).into(),
            mobile: (*mobile).into(),
            ..complete_form(CommandKind::AssignResponsible)
        };
        let got = parse_command(&form, today());
        match expected {
            Ok((name, number)) => assert_eq!(
                got,
                Ok(CaseCommand::AssignResponsible {
                    person: (*name).into(),
                    mobile: MobileNumber::parse(number).expect("mobile"),
                }),
                "{person:?} {mobile:?}"
            ),
            Err(problems) => {
                let keys: Vec<(&str, &str)> = got
                    .expect_err("refused")
                    .iter()
                    .map(|(f, m)| (*f, m.key))
                    .collect();
                assert_eq!(keys, problems.to_vec(), "{person:?} {mobile:?}");
            }
        }
    }
}
