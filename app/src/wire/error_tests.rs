//! Field errors worded from the locale files in each language.
use std::collections::BTreeMap;

use super::FieldError;
use crate::{
    domain::{
        lang::Lang,
        member_field::{MemberField, MemberPart},
        message::{Message, UserMessage},
        report::ReportFieldError,
    },
    tr_parse::{args, flatten},
};

fn field_error_texts() -> Vec<(String, String)> {
    let path = format!("{}/../locales/zh-CN.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("locale file");
    let flat = flatten(&serde_json::from_str(&text).expect("json")).expect("flat");
    flat.into_iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("field_error.")?.to_owned(), v)))
        .collect()
}

fn is_chinese(c: char) -> bool {
    ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
}

/// English texts that quote what a Chinese file may hold (the level column of a region list).
const QUOTES_CHINESE: &[&str] = &["region_row.unknown_level", "report.group_too_long"];

#[test]
fn every_field_error_key_is_worded_in_every_language() {
    let texts = field_error_texts();
    assert!(texts.len() > 50, "the field_error group holds the texts");
    let mut chinese_in_english = Vec::new();
    for (key, default_text) in &texts {
        let names = args(default_text).expect("arguments");
        let error = FieldError {
            field: "f".to_owned(),
            key: key.clone(),
            args: names.iter().map(|n| (n.clone(), "7".to_owned())).collect(),
            message: String::new(),
        };
        for lang in Lang::ALL {
            let words = error.words(*lang);
            assert!(!words.trim().is_empty(), "{key} in {}", lang.code());
            assert!(!words.contains('{'), "{key} in {}: {words}", lang.code());
            if *lang == Lang::En
                && !QUOTES_CHINESE.contains(&key.as_str())
                && words.chars().any(is_chinese)
            {
                chinese_in_english.push(format!("{key}: {words}"));
            }
        }
    }
    assert!(chinese_in_english.is_empty(), "{chinese_in_english:#?}");
}

#[test]
fn the_message_follows_the_language_and_names_the_member() {
    let member = MemberField {
        position: 2,
        row: 1,
        part: MemberPart::Income,
    };
    let problems = [
        ("name", Message::of(&ReportFieldError::NameMissing)),
        (
            "members",
            Message::about(member, &ReportFieldError::NameMissing),
        ),
    ];
    let errors = FieldError::from_problems(&problems);
    assert_eq!(errors[0].key, "report.name_missing");
    assert!(errors[0].args.is_empty());
    assert_eq!(
        errors[1].args,
        BTreeMap::from([
            ("member".to_owned(), "2".to_owned()),
            ("part".to_owned(), "income".to_owned())
        ])
    );
    let cases = [
        (
            Lang::Zh,
            0,
            ReportFieldError::NameMissing.text(Lang::Zh).to_owned(),
        ),
        (
            Lang::En,
            0,
            ReportFieldError::NameMissing.text(Lang::En).to_owned(),
        ),
        (
            Lang::En,
            1,
            format!(
                "Member 2 (yearly income): {}",
                ReportFieldError::NameMissing.text(Lang::En)
            ),
        ),
        (
            Lang::Zh,
            1,
            format!(
                "第2位成员（年收入）：{}",
                ReportFieldError::NameMissing.text(Lang::Zh)
            ),
        ),
    ];
    for (lang, i, want) in cases {
        assert_eq!(
            errors[i].clone().in_lang(lang).message,
            want,
            "{lang:?} {i}"
        );
    }
    // Built in the default language; an unknown key reads as itself, never as nothing.
    assert_eq!(
        errors[0].message,
        ReportFieldError::NameMissing.text(Lang::Zh)
    );
    let unknown = FieldError::worded("f", "no.such_text", BTreeMap::new());
    assert_eq!(unknown.in_lang(Lang::En).message, "no.such_text");
}

#[test]
fn a_refusal_worded_by_its_sub_case_keeps_its_key_in_every_language() {
    use crate::domain::case::{elimination::EliminationGap, refusal::Refusal};
    let refusal = Refusal::Elimination {
        gap: EliminationGap::IncomeFalling,
    };
    let error = FieldError::new("command", &refusal);
    assert_eq!(error.key, "case_refusal.elimination");
    assert_eq!(
        error.args.get("text_key").map(String::as_str),
        Some("elimination_gap.income_falling")
    );
    assert_eq!(
        error.message,
        "家庭人均纯收入低于纳入监测时的水平，收入不稳定，不能标注风险消除"
    );
    assert_eq!(
        error.in_lang(Lang::En).message,
        "Per-capita income is below its level at identification: not stable"
    );
    let plain = FieldError::new("command", &Refusal::OwnExtension).in_lang(Lang::En);
    assert!(plain.args.is_empty(), "{plain:?}");
    assert_eq!(
        plain.message,
        "You cannot approve your own extension request"
    );
}

#[test]
fn a_whole_file_refusal_keeps_its_key_and_is_worded_with_its_arguments() {
    use crate::domain::{alert_csv::AlertCsvError, alert_file::AlertFileError};
    for (problem, zh, en) in [
        (
            AlertFileError::TooManyRows(500),
            "一次最多导入500条，请分批导入",
            "At most 500 rows per import; split the list",
        ),
        (
            AlertFileError::Sheet(AlertCsvError::NoRows),
            "表中只有表头，没有要导入的行",
            "The sheet has a header row and no rows under it",
        ),
    ] {
        let error =
            FieldError::from_locale("file", "alerts.file", problem.text_key(), problem.args());
        assert_eq!(error.key, "alerts.file");
        assert_eq!(error.message, zh, "the default language");
        assert_eq!(error.clone().in_lang(Lang::En).message, en);
    }
}

/// The texts written as zh/en literals beside `FieldError::worded` before they moved to the
/// locale files read the same from there.
#[test]
fn texts_once_written_in_rust_read_the_same_from_the_locale_files() {
    use crate::wire::AppError;
    let unavailable = AppError::Unavailable;
    for (key, zh, en) in [
        (
            "alerts.since",
            "since应为RFC 3339时间，例如2026-11-23T00:00:00Z",
            "`since` must be an RFC 3339 time, e.g. 2026-11-23T00:00:00Z",
        ),
        (
            "audit.bad_date",
            "日期格式应为 2026-11-30",
            "Dates look like 2026-11-30",
        ),
        ("unavailable", unavailable.zh(), unavailable.en()),
        (
            "alert_file.signed_out",
            "登录已过期，请重新登录后再导入",
            "Signed out: sign in again",
        ),
        (
            "alert_file.forbidden",
            "您的角色不能导入部门预警",
            "Your role cannot import department alerts",
        ),
        (
            "alert_file.not_read",
            "读取失败，请稍后重试",
            "Could not read the list; try again later",
        ),
    ] {
        let error = FieldError::from_locale("f", key, key, []);
        assert_eq!(error.words(Lang::Zh), zh, "{key}");
        assert_eq!(error.words(Lang::En), en, "{key}");
    }
}
