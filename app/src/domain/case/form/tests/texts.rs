//! Free texts of the case forms: visitors' names, trimming, invisible characters.
use super::*;

#[test]
fn visitors_split_on_chinese_and_ascii_separators() {
    let form = CommandForm {
        visitors: " 李四、王五，赵六,钱七\u{3000}孙八  李四 ".into(),
        ..complete_form(CommandKind::RecordHomeCheck)
    };
    match parse_command(&form, today()) {
        Ok(CaseCommand::RecordHomeCheck { record }) => {
            assert_eq!(record.visitors, ["李四", "王五", "赵六", "钱七", "孙八"]);
        }
        other => panic!("{other:?}"),
    }
    let only_separators = CommandForm {
        visitors: "、 ，,".into(),
        ..complete_form(CommandKind::RecordHomeCheck)
    };
    assert_eq!(
        problem_keys(&only_separators),
        vec![("visitors", "command.missing")]
    );
}

#[test]
fn text_fields_are_trimmed() {
    let form = CommandForm {
        person: "  赵六\n".into(),
        ..complete_form(CommandKind::AssignResponsible)
    };
    assert_eq!(
        parse_command(&form, today()),
        Ok(CaseCommand::AssignResponsible {
            person: "赵六".into(),
            mobile: crate::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
        })
    );
}

#[test]
fn invisible_characters_are_dropped_from_names_and_notes() {
    let mut form = complete_form(CommandKind::RecordHomeCheck);
    form.members[0].name = "张\u{200B}\u{202E}三丰".into();
    form.visitors = "王村干\u{202E}".into();
    match parse_command(&form, today()) {
        Ok(CaseCommand::RecordHomeCheck { record, .. }) => {
            assert_eq!(record.members[0].name, "张三丰");
            assert_eq!(record.visitors, ["王村干"]);
        }
        other => panic!("{other:?}"),
    }
}
