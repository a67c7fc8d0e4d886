//! A county's regions as CSV in the shape of the national statistical division codes
//! (统计用区划代码): code, name, level, parent; Chinese or English headers in any order,
//! UTF-8 with or without a byte-order mark. Pure: text in, one verdict per row out, and a
//! plan against the regions already stored, so an import can be checked whole before any
//! row is written.

use std::collections::{HashMap, HashSet};

use super::alert_csv::{records, AlertCsvError};
use super::message::user_messages;
use super::region::{RegionCode, RegionCodeError, RegionLevel};

/// Longest region name kept (the longest official names are about 20 characters).
pub const MAX_NAME_CHARS: usize = 60;

/// One valid row: a region and its parent (none for a county, the root of the tree here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionRecord {
    pub code: RegionCode,
    pub name: String,
    pub parent: Option<RegionCode>,
}

impl RegionRecord {
    pub fn level(&self) -> RegionLevel {
        self.code.level()
    }
}

/// A data row and what it says; `line` counts the header as line 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionCsvLine {
    pub line: usize,
    pub result: Result<RegionRecord, RegionRowError>,
}

/// Why the file as a whole cannot be read (worded in `wording::import_files`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionCsvError {
    Empty,
    /// A required column is missing from the header (its English name).
    MissingColumn(&'static str),
    UnclosedQuote,
}

/// Why one row cannot be imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegionRowError {
    CodeEmpty,
    CodeWrongLength,
    CodeInvalidCharacter,
    NameMissing,
    NameTooLong,
    UnknownLevel,
    /// Provinces and cities (levels 1 and 2) are above the county tree the product keeps.
    LevelAboveCounty,
    LevelNotMatchingCode,
    ParentNotMatchingCode,
    UnknownParent,
    Duplicate,
}

impl From<RegionCodeError> for RegionRowError {
    fn from(e: RegionCodeError) -> Self {
        match e {
            RegionCodeError::Empty => RegionRowError::CodeEmpty,
            RegionCodeError::WrongLength => RegionRowError::CodeWrongLength,
            RegionCodeError::InvalidCharacter => RegionRowError::CodeInvalidCharacter,
        }
    }
}

user_messages! {
    RegionRowError {
        CodeEmpty => region_row.code_empty;
        CodeWrongLength => region_row.code_wrong_length;
        CodeInvalidCharacter => region_row.code_invalid_character;
        NameMissing => region_row.name_missing;
        NameTooLong => region_row.name_too_long;
        UnknownLevel => region_row.unknown_level;
        LevelAboveCounty => region_row.level_above_county;
        LevelNotMatchingCode => region_row.level_not_matching_code;
        ParentNotMatchingCode => region_row.parent_not_matching_code;
        UnknownParent => region_row.unknown_parent;
        Duplicate => region_row.duplicate;
    }
}

/// What importing one row does to the stored regions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    Created(RegionRecord),
    /// Same code, new name (the stored name is `previous`).
    Renamed {
        record: RegionRecord,
        previous: String,
    },
    Unchanged(RegionRecord),
    Failed(RegionRowError),
}

/// One line of the plan, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRow {
    pub line: usize,
    pub outcome: RowOutcome,
}

/// (field, Chinese headers, English headers, required)
const COLUMNS: [(&str, &[&str], &[&str], bool); 4] = [
    (
        "code",
        &["代码", "区划代码", "统计用区划代码", "行政区划代码"],
        &["code"],
        true,
    ),
    ("name", &["名称", "区划名称", "名字"], &["name"], true),
    ("level", &["级别", "层级", "等级"], &["level"], true),
    (
        "parent",
        &["上级代码", "上级", "父级代码", "上级区划代码"],
        &["parent", "parent_code", "pcode"],
        false,
    ),
];

/// Reads the whole file; every data row gets its own verdict. Blank rows are skipped.
pub fn parse(text: &str) -> Result<Vec<RegionCsvLine>, RegionCsvError> {
    let mut records = records(text.trim_start_matches('\u{feff}')).map_err(|e| match e {
        AlertCsvError::UnclosedQuote => RegionCsvError::UnclosedQuote,
        AlertCsvError::Empty | AlertCsvError::NoRows | AlertCsvError::MissingColumn(_) => {
            RegionCsvError::Empty
        }
    })?;
    if records.is_empty() {
        return Err(RegionCsvError::Empty);
    }
    let header = records.remove(0);
    let mut index = HashMap::new();
    for (field, zh, en, required) in COLUMNS {
        let at = header.iter().position(|h| {
            let h = h.trim();
            zh.contains(&h) || en.iter().any(|e| h.eq_ignore_ascii_case(e))
        });
        match at {
            Some(at) => {
                index.insert(field, at);
            }
            None if required => return Err(RegionCsvError::MissingColumn(field)),
            None => {}
        }
    }
    let mut seen = HashSet::new();
    let lines = records
        .into_iter()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, cells)| {
            let cell = |field: &str| {
                index
                    .get(field)
                    .and_then(|at| cells.get(*at))
                    .map_or("", |c| c.trim())
            };
            let result =
                row(cell("code"), cell("name"), cell("level"), cell("parent")).and_then(|record| {
                    if seen.insert(record.code.clone()) {
                        Ok(record)
                    } else {
                        Err(RegionRowError::Duplicate)
                    }
                });
            RegionCsvLine {
                line: i + 2,
                result,
            }
        })
        .collect();
    Ok(lines)
}

/// One row's cells, checked against each other.
fn row(code: &str, name: &str, level: &str, parent: &str) -> Result<RegionRecord, RegionRowError> {
    let code = RegionCode::parse(code)?;
    if name.is_empty() {
        return Err(RegionRowError::NameMissing);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(RegionRowError::NameTooLong);
    }
    if stated_level(level)? != code.level() {
        return Err(RegionRowError::LevelNotMatchingCode);
    }
    let parent = match code.level() {
        // The county is the root here; the statistical file names its city, which we do not keep.
        RegionLevel::County => None,
        RegionLevel::Township | RegionLevel::Village => {
            let derived = code.parent();
            if !parent.is_empty() && RegionCode::parse(parent).ok() != derived {
                return Err(RegionRowError::ParentNotMatchingCode);
            }
            derived
        }
    };
    Ok(RegionRecord {
        code,
        name: name.to_owned(),
        parent,
    })
}

/// The level column as written by the statistics bureau (1-5), in Chinese or in English.
fn stated_level(cell: &str) -> Result<RegionLevel, RegionRowError> {
    let lower = cell.to_ascii_lowercase();
    match lower.as_str() {
        "1" | "2" | "province" | "city" | "省" | "省级" | "市" | "地级" | "市级" | "地市级" => {
            Err(RegionRowError::LevelAboveCounty)
        }
        "3" | "county" | "district" | "县" | "区" | "县级" | "县区" | "县/区" => {
            Ok(RegionLevel::County)
        }
        "4" | "township" | "town" | "乡镇" | "乡" | "镇" | "街道" | "乡级" => {
            Ok(RegionLevel::Township)
        }
        "5" | "village" | "村" | "社区" | "村级" | "居委会" | "村委会" => {
            Ok(RegionLevel::Village)
        }
        _ => Err(RegionRowError::UnknownLevel),
    }
}

/// What importing `lines` into the stored regions (`existing`: code -> name) would do, row by
/// row in file order. A parent must be stored already or be a valid row of the file (in any
/// order); a row whose parent failed fails too.
pub fn plan(lines: Vec<RegionCsvLine>, existing: &HashMap<String, String>) -> Vec<PlannedRow> {
    let mut outcomes: Vec<Option<RowOutcome>> = vec![None; lines.len()];
    let mut available: HashSet<String> = existing.keys().cloned().collect();
    // Parents before children: counties, then townships, then villages.
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by_key(|&i| lines[i].result.as_ref().map(RegionRecord::level).ok());
    for i in order {
        let outcome = match &lines[i].result {
            Err(e) => RowOutcome::Failed(*e),
            Ok(record) => match &record.parent {
                Some(parent) if !available.contains(parent.as_str()) => {
                    RowOutcome::Failed(RegionRowError::UnknownParent)
                }
                _ => {
                    available.insert(record.code.as_str().to_owned());
                    match existing.get(record.code.as_str()) {
                        None => RowOutcome::Created(record.clone()),
                        Some(name) if *name == record.name => RowOutcome::Unchanged(record.clone()),
                        Some(name) => RowOutcome::Renamed {
                            record: record.clone(),
                            previous: name.clone(),
                        },
                    }
                }
            },
        };
        outcomes[i] = Some(outcome);
    }
    lines
        .iter()
        .zip(outcomes)
        .map(|(line, outcome)| PlannedRow {
            line: line.line,
            outcome: outcome.unwrap_or(RowOutcome::Failed(RegionRowError::UnknownParent)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\u{feff}统计用区划代码,名称,级别,上级代码\r\n\
        522799000000,青石县,3,522700000000\r\n\
        522799101000,青石镇,4,522799000000\r\n\
        522799101201,青石村,5,522799101000\r\n";

    fn ok(lines: &[RegionCsvLine]) -> Vec<&str> {
        lines
            .iter()
            .filter_map(|l| l.result.as_ref().ok())
            .map(|r| r.code.as_str())
            .collect()
    }

    fn errors(text: &str) -> Vec<(usize, RegionRowError)> {
        parse(text)
            .expect("readable")
            .into_iter()
            .filter_map(|l| l.result.err().map(|e| (l.line, e)))
            .collect()
    }

    #[test]
    fn a_chinese_statistics_file_with_a_bom_becomes_a_county_tree() {
        let lines = parse(FILE).expect("readable");
        assert_eq!(ok(&lines), ["522799000000", "522799101000", "522799101201"]);
        let village = lines[2].result.as_ref().expect("valid");
        assert_eq!(village.name, "青石村");
        assert_eq!(village.level(), RegionLevel::Village);
        assert_eq!(
            village.parent.as_ref().map(RegionCode::as_str),
            Some("522799101000")
        );
        // The county's city is not kept: the county is the root.
        assert_eq!(lines[0].result.as_ref().expect("valid").parent, None);
        assert_eq!(lines[2].line, 4, "the header is line 1");
    }

    #[test]
    fn english_headers_in_any_order_and_word_levels_work_too() {
        let text = "level,parent,name,code\nvillage,,Longjing,522799101202\ntownship,,Qingshi,522799101000\n";
        let lines = parse(text).expect("readable");
        assert_eq!(ok(&lines), ["522799101202", "522799101000"]);
    }

    #[test]
    fn each_bad_row_gets_its_own_reason_and_line() {
        let text = "code,name,level,parent\n\
            52279910100,短代码,4,\n\
            522799101000,,4,\n\
            522799101000,青石镇,5,\n\
            522799101201,青石村,5,522799102000\n\
            522700000000,黔南州,2,\n\
            522799101203,新田村,hamlet,\n\
            522799101204,石桥村,村,\n\
            522799101204,石桥村,村,\n";
        assert_eq!(
            errors(text),
            [
                (2, RegionRowError::CodeWrongLength),
                (3, RegionRowError::NameMissing),
                (4, RegionRowError::LevelNotMatchingCode),
                (5, RegionRowError::ParentNotMatchingCode),
                (6, RegionRowError::LevelAboveCounty),
                (7, RegionRowError::UnknownLevel),
                (9, RegionRowError::Duplicate),
            ]
        );
    }

    #[test]
    fn a_file_without_a_required_column_is_refused_whole() {
        assert_eq!(
            parse("code,name\n522799000000,青石县\n"),
            Err(RegionCsvError::MissingColumn("level"))
        );
        assert_eq!(parse("\u{feff}"), Err(RegionCsvError::Empty));
        assert_eq!(
            parse("code,name,level\n\"522799000000,青石县,3\n"),
            Err(RegionCsvError::UnclosedQuote)
        );
        assert!(RegionCsvError::MissingColumn("level")
            .text(crate::domain::lang::Lang::Zh)
            .contains("级别"));
        // A missing column is named by the first header this file reads for it.
        use crate::domain::lang::Lang;
        use crate::tr::field_error::region_csv::column;
        for (field, zh, en, _) in COLUMNS {
            assert_eq!(column::lookup(Lang::Zh, field), Some(zh[0]), "{field}");
            assert_eq!(column::lookup(Lang::En, field), Some(en[0]), "{field}");
        }
    }

    #[test]
    fn the_plan_creates_renames_and_leaves_alone() {
        let existing: HashMap<String, String> = [
            ("522799000000".to_owned(), "青石县".to_owned()),
            ("522799101000".to_owned(), "青石乡".to_owned()),
        ]
        .into();
        let plan = plan(parse(FILE).expect("readable"), &existing);
        assert!(matches!(plan[0].outcome, RowOutcome::Unchanged(_)));
        assert!(
            matches!(&plan[1].outcome, RowOutcome::Renamed { previous, .. } if previous == "青石乡")
        );
        assert!(matches!(plan[2].outcome, RowOutcome::Created(_)));
    }

    #[test]
    fn parents_may_come_after_children_but_must_exist_somewhere() {
        let text = "code,name,level\n\
            522799101201,青石村,5\n\
            522799101000,青石镇,4\n\
            522799000000,青石县,3\n\
            522799102201,河口村,5\n";
        let plan = plan(parse(text).expect("readable"), &HashMap::new());
        let failed: Vec<(usize, &RowOutcome)> = plan
            .iter()
            .filter(|p| matches!(p.outcome, RowOutcome::Failed(_)))
            .map(|p| (p.line, &p.outcome))
            .collect();
        assert_eq!(
            failed,
            [(5, &RowOutcome::Failed(RegionRowError::UnknownParent))]
        );
    }

    #[test]
    fn a_row_under_a_failed_parent_fails_too() {
        let text = "code,name,level\n\
            522799101000,青石镇,4\n\
            522799101201,青石村,5\n";
        let plan = plan(parse(text).expect("readable"), &HashMap::new());
        assert!(plan
            .iter()
            .all(|p| p.outcome == RowOutcome::Failed(RegionRowError::UnknownParent)));
    }

    #[test]
    fn every_row_error_has_a_well_formed_message() {
        super::super::message::tests::assert_messages_are_well_formed(
            "region_row",
            &[
                RegionRowError::CodeEmpty,
                RegionRowError::CodeWrongLength,
                RegionRowError::CodeInvalidCharacter,
                RegionRowError::NameMissing,
                RegionRowError::NameTooLong,
                RegionRowError::UnknownLevel,
                RegionRowError::LevelAboveCounty,
                RegionRowError::LevelNotMatchingCode,
                RegionRowError::ParentNotMatchingCode,
                RegionRowError::UnknownParent,
                RegionRowError::Duplicate,
            ],
        );
    }
}
