//! 两不愁三保障: every item answered 是 or 否, none read from silence.
use super::*;

fn home_check_with(answers: &[&str]) -> CommandForm {
    CommandForm {
        guarantees: answers.iter().map(|a| (*a).to_owned()).collect(),
        ..complete_form(CommandKind::RecordHomeCheck)
    }
}

fn guarantees_of(form: &CommandForm) -> Guarantees {
    match parse_command(form, today()) {
        Ok(CaseCommand::RecordHomeCheck { record }) => record.guarantees,
        other => panic!("{other:?}"),
    }
}

#[test]
fn each_item_is_read_as_answered() {
    let form = home_check_with(&[
        "food",
        "clothing:no",
        "compulsory_education",
        "basic_medical:no",
        " housing_safety ",
        "drinking_water",
    ]);
    assert_eq!(
        guarantees_of(&form),
        Guarantees {
            clothing: false,
            basic_medical: false,
            ..Guarantees::ALL_SECURED
        }
    );
    let all_no: Vec<String> = GUARANTEE_ITEMS
        .iter()
        .map(|c| format!("{c}{GUARANTEE_NO}"))
        .collect();
    let form = CommandForm {
        guarantees: all_no,
        ..complete_form(CommandKind::RecordHomeCheck)
    };
    assert_eq!(guarantees_of(&form), Guarantees::default());
}

#[test]
fn an_item_left_unanswered_is_asked_for_not_recorded_as_at_risk() {
    // Five answered, water skipped: before, this saved water as not secured.
    let form = home_check_with(&[
        "food",
        "clothing",
        "compulsory_education",
        "basic_medical",
        "housing_safety",
    ]);
    assert_eq!(
        problem_keys(&form),
        vec![("guarantees", "command.guarantee_unanswered")]
    );
    assert_eq!(
        problem_keys(&home_check_with(&["", ""])),
        vec![("guarantees", "command.guarantee_unanswered")]
    );
}

#[test]
fn an_unknown_item_or_two_answers_for_one_item_is_refused() {
    let mut answers: Vec<&str> = GUARANTEE_ITEMS.to_vec();
    answers.push("food:no");
    assert_eq!(
        problem_keys(&home_check_with(&answers)),
        vec![("guarantees", "command.bad_choice")]
    );
    let mut answers: Vec<&str> = GUARANTEE_ITEMS.to_vec();
    answers.push("food");
    assert_eq!(
        guarantees_of(&home_check_with(&answers)),
        Guarantees::ALL_SECURED
    );
    for odd in ["wifi", "food:maybe", ":no"] {
        let mut answers: Vec<&str> = GUARANTEE_ITEMS.to_vec();
        answers.push(odd);
        assert_eq!(
            problem_keys(&home_check_with(&answers)),
            vec![("guarantees", "command.bad_choice")],
            "{odd}"
        );
    }
}
