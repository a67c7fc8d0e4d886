//! A step form's problems as the page shows them: a member's problem is reported under the
//! wrong control's own name (`members[1][income]`, so the page marks that control only) and
//! names the member by the name typed in the row (第2位成员 李芳（年收入）：…); a plan
//! measure's, under its control too (`measures[1][amount]`).
use super::FieldError;
use crate::domain::{case::CommandForm, lang::Lang, report::FieldProblem};

pub fn step_errors(problems: &[FieldProblem], form: &CommandForm) -> Vec<FieldError> {
    let mut errors = FieldError::from_problems(problems);
    for (error, (_, message)) in errors.iter_mut().zip(problems) {
        if let Some(measure) = message.measure {
            error.field = measure.field();
        }
        let Some(member) = message.member else {
            continue;
        };
        let name = form.members.get(member.row).map_or("", |m| m.name.as_str());
        error.field = member.field();
        if !name.trim().is_empty() {
            error.args.insert("name".into(), name.trim().to_owned());
        }
        error.message = error.words(Lang::default());
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{parse_command, MemberForm};

    #[test]
    fn every_problem_of_every_member_is_under_its_control_and_names_the_member() {
        let member = |name: &str, relation: &str, labour: &str, income: &str| MemberForm {
            name: name.into(),
            relation: relation.into(),
            labour: labour.into(),
            income: income.into(),
            ..MemberForm::default()
        };
        let form = CommandForm {
            kind: "record_home_check".into(),
            members: vec![
                member("张三", "head", "full", "3000"),
                member("", "", "", ""),
                member("李芳", "", "", "abc"),
                member("  ", "", "", "x"),
            ],
            ..CommandForm::default()
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        let problems = parse_command(&form, today).expect_err("refused");
        let errors = step_errors(&problems, &form);
        let members: Vec<(&str, String)> = errors
            .iter()
            .filter(|e| e.field.starts_with("members["))
            .map(|e| (e.field.as_str(), e.words(Lang::Zh)))
            .collect();
        assert_eq!(
            members.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            [
                "members[2][relation]",
                "members[2][labour]",
                "members[2][income]",
                // A row with an income typed but no name is told, not dropped.
                "members[3][name]"
            ],
            "{members:?}"
        );
        for (_, zh) in members.iter().filter(|(f, _)| f.starts_with("members[2]")) {
            // Numbered as the form titles the row, the blank row before it counted.
            assert!(zh.starts_with("第3位成员 李芳（"), "{zh}");
        }
        // Worded again from its key and arguments, as the server does in the reader's language:
        // the member named as the domain names them.
        let (income, (_, problem)) = errors
            .iter()
            .zip(&problems)
            .find(|(e, _)| e.field == "members[2][income]")
            .expect("income");
        let en = income.words(Lang::En);
        assert!(en.starts_with("Member 3, 李芳 (yearly income): "), "{en}");
        let member = problem.member.expect("a member's problem");
        for (lang, text) in [(Lang::Zh, problem.zh), (Lang::En, problem.en)] {
            assert_eq!(
                income.words(lang),
                member.words_named(lang, "李芳", text),
                "{lang:?}"
            );
        }
        assert_eq!(income.message, income.words(Lang::Zh));
    }
}
