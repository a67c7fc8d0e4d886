use super::*;
use crate::tr::field_error_template;

fn alert_file_errors() -> Vec<AlertFileError> {
    let mut all = vec![
        AlertFileError::WrongType,
        AlertFileError::TooBig,
        AlertFileError::Unreadable,
        AlertFileError::TooManyRows(500),
    ];
    all.extend(
        [
            AlertCsvError::Empty,
            AlertCsvError::NoRows,
            AlertCsvError::MissingColumn("记录编号"),
            AlertCsvError::UnclosedQuote,
        ]
        .map(AlertFileError::Sheet),
    );
    all
}

/// The text a reader of another language gets after the key and arguments crossed the wire.
fn from_template(lang: Lang, key: &str, args: &TextArgs) -> String {
    let template =
        field_error_template(lang, key).unwrap_or_else(|| panic!("field_error.{key} missing"));
    let mut text = template.to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text.replace("{{", "{").replace("}}", "}")
}

#[test]
fn every_import_file_error_is_worded_from_the_locale_files_by_its_key_and_arguments() {
    for error in alert_file_errors() {
        for lang in Lang::ALL.iter().copied() {
            assert_eq!(
                from_template(lang, error.text_key(), &error.args()),
                error.text(lang),
                "{error:?} {}",
                lang.code()
            );
        }
    }
}

#[test]
fn import_file_errors_read_as_before_in_both_languages() {
    let cases: [(AlertFileError, &str, &str); 4] = [
        (
            AlertFileError::TooBig,
            "文件太大（超过1024KB），没有导入任何内容。请分批导入",
            "The file is larger than 1024 KB; nothing was imported. Split the list",
        ),
        (
            AlertFileError::TooManyRows(500),
            "一次最多导入500条，请分批导入",
            "At most 500 rows per import; split the list",
        ),
        (
            AlertFileError::Sheet(AlertCsvError::MissingColumn("身份证号码")),
            "表头缺少“身份证号码”一列",
            "The header has no “身份证号码” column",
        ),
        (
            AlertFileError::WrongType,
            "文件类型不对：请选择Excel（.xlsx、.xls）或CSV（.csv）文件",
            "Wrong file type: choose an Excel (.xlsx, .xls) or CSV (.csv) file",
        ),
    ];
    for (error, zh, en) in cases {
        assert_eq!(error.text(Lang::Zh), zh);
        assert_eq!(error.text(Lang::En), en);
    }
    for (error, zh, en) in [
        (
            RegionCsvError::MissingColumn("level"),
            "表头缺少“级别”一列",
            "The header has no 'level' column",
        ),
        (
            RegionCsvError::MissingColumn("parent"),
            "表头缺少“上级代码”一列",
            "The header has no 'parent' column",
        ),
        (
            RegionCsvError::Empty,
            "文件是空的：第一行应为表头（代码,名称,级别,上级代码）",
            "The file is empty: the first line is the header (code,name,level,parent)",
        ),
    ] {
        assert_eq!(error.text(Lang::Zh), zh);
        assert_eq!(error.text(Lang::En), en);
    }
}
