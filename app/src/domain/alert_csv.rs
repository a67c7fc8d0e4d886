//! A line department's screening list as CSV (exported from Excel / WPS): one household per
//! row, columns named in Chinese or English in any order. Pure: text in, rows out.

use super::report::ReportForm;
use super::vocab::RiskType;

/// One row: the department's record id and the household fields as a report form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AlertCsvRow {
    /// 1-based line in the file (after the header), for messages.
    pub line: usize,
    pub reference: String,
    pub household: ReportForm,
}

/// Why the file as a whole could not be read (worded in `wording::import_files`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlertCsvError {
    Empty,
    /// A header row and nothing under it.
    NoRows,
    /// A required column is missing from the header (its Chinese name).
    MissingColumn(&'static str),
    /// A quoted cell is never closed.
    UnclosedQuote,
}

/// (field, Chinese header, English header, required)
const COLUMNS: [(&str, &str, &str, bool); 9] = [
    ("reference", "记录编号", "reference", true),
    ("name", "姓名", "name", true),
    ("mobile", "手机号码", "mobile", true),
    ("id_number", "身份证号码", "id_number", true),
    ("village", "村代码", "village", true),
    ("group", "村民小组", "group", false),
    ("household_size", "家庭人口", "household_size", true),
    ("risk_types", "困难类型", "risk_types", true),
    ("description", "情况说明", "description", true),
];

/// A row problem's column as a header names it (`risk_types` → 困难类型): the English header
/// on English pages, else the Chinese one department files carry (a file format, not words).
pub fn column_header(field: &str, lang: crate::domain::lang::Lang) -> &str {
    use crate::domain::lang::Lang;
    COLUMNS.iter().find(|(f, ..)| *f == field).map_or(
        field,
        |(_, zh, en, _)| if lang == Lang::En { en } else { zh },
    )
}

/// Parses the whole file; problems inside a row are left for the row's own checks.
pub fn parse(text: &str) -> Result<Vec<AlertCsvRow>, AlertCsvError> {
    from_records(records(text.trim_start_matches('\u{feff}'))?)
}

/// Rows from a grid of cells whose first row is the header (a CSV, or a spreadsheet's sheet).
pub fn from_records(records: Vec<Vec<String>>) -> Result<Vec<AlertCsvRow>, AlertCsvError> {
    let mut records = records.into_iter();
    let header = records.next().ok_or(AlertCsvError::Empty)?;
    let mut index = Vec::with_capacity(COLUMNS.len());
    for (field, zh, en, required) in COLUMNS {
        let at = header
            .iter()
            .position(|h| h.trim() == zh || h.trim().eq_ignore_ascii_case(en));
        if required && at.is_none() {
            return Err(AlertCsvError::MissingColumn(zh));
        }
        index.push((field, at));
    }
    let rows = records
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, cells)| {
            let cell = |field: &str| {
                index
                    .iter()
                    .find(|(f, _)| *f == field)
                    .and_then(|(_, at)| *at)
                    .and_then(|at| cells.get(at))
                    .map(|c| c.trim().to_owned())
                    .unwrap_or_default()
            };
            AlertCsvRow {
                line: i + 1,
                reference: cell("reference"),
                household: ReportForm {
                    name: cell("name"),
                    mobile: cell("mobile"),
                    id_number: cell("id_number"),
                    village: cell("village"),
                    group: cell("group"),
                    household_size: cell("household_size"),
                    risk_types: risk_codes(&cell("risk_types")),
                    description: cell("description"),
                    ..ReportForm::default()
                },
            }
        })
        .collect::<Vec<_>>();
    if rows.is_empty() {
        return Err(AlertCsvError::NoRows);
    }
    Ok(rows)
}

/// Risk types written as codes or Chinese labels, separated by 、 ， ; or |; unknown words
/// are kept so the row's own check names them.
fn risk_codes(cell: &str) -> Vec<String> {
    cell.split(['、', '，', ',', ';', '；', '|'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|w| {
            RiskType::ALL
                .iter()
                .find(|r| r.code() == w || r.label_zh() == w)
                .map_or_else(|| w.to_owned(), |r| r.code().to_owned())
        })
        .collect()
}

/// RFC 4180 records: commas, double-quoted cells with "" escapes, CRLF or LF line ends. Cells
/// pasted straight from Excel are separated by tabs instead, which the first line tells.
pub(crate) fn records(text: &str) -> Result<Vec<Vec<String>>, AlertCsvError> {
    let separator = if text.lines().next().is_some_and(|l| l.contains('\t')) {
        '\t'
    } else {
        ','
    };
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, other) => cell.push(other),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, c) if c == separator => record.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            (false, other) => cell.push(other),
        }
    }
    if quoted {
        return Err(AlertCsvError::UnclosedQuote);
    }
    if !cell.is_empty() || !record.is_empty() {
        record.push(cell);
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_problem_names_its_column_as_the_header_does() {
        use crate::domain::lang::Lang;
        assert_eq!(column_header("risk_types", Lang::Zh), "困难类型");
        assert_eq!(column_header("id_number", Lang::Zh), "身份证号码");
        assert_eq!(column_header("id_number", Lang::En), "id_number");
        assert_eq!(column_header("unknown", Lang::Zh), "unknown");
    }

    use super::*;

    const FILE: &str = "\u{feff}记录编号,姓名,手机号码,身份证号码,村代码,家庭人口,困难类型,情况说明\r\n\
        YB-1,钱大伯,13511112222,11010519491231002X,522799101201,3,因病、因残,\"自付医疗费3万元，\"\"大病\"\"\"\r\n\
        \r\n\
        YB-2,孙大娘,13511113333,110105194912310021,522799101202,2,unstable_employment;飞来横祸,务工中断\n";

    #[test]
    fn a_chinese_excel_export_becomes_rows_with_codes() {
        let rows = parse(FILE).expect("parsed");
        assert_eq!(rows.len(), 2, "blank lines are skipped");
        assert_eq!(rows[0].reference, "YB-1");
        assert_eq!(rows[0].household.risk_types, vec!["illness", "disability"]);
        assert_eq!(rows[0].household.description, "自付医疗费3万元，\"大病\"");
        assert_eq!(rows[1].line, 3);
        assert_eq!(
            rows[1].household.risk_types,
            vec!["unstable_employment", "飞来横祸"],
            "an unknown word is kept for the row's own check"
        );
        assert_eq!(
            rows[1].household.group, "",
            "an optional column may be absent"
        );
    }

    #[test]
    fn cells_pasted_from_a_spreadsheet_are_tab_separated() {
        let rows = parse(
            "记录编号\t姓名\t手机号码\t身份证号码\t村代码\t家庭人口\t困难类型\t情况说明\n\
             YB-9\t钱大伯\t13511112222\t11010519491231002X\t522799101201\t3\t因病\t住院，花费大\n",
        )
        .expect("parsed");
        assert_eq!(rows[0].household.description, "住院，花费大");
        assert_eq!(rows[0].household.risk_types, vec!["illness"]);
    }

    #[test]
    fn english_headers_in_any_order_work_too() {
        let rows = parse(
            "name,reference,mobile,id_number,village,household_size,risk_types,description\n\
             钱大伯,R1,13511112222,11010519491231002X,522799101201,3,illness,住院\n",
        )
        .expect("parsed");
        assert_eq!(rows[0].reference, "R1");
        assert_eq!(rows[0].household.name, "钱大伯");
    }

    #[test]
    fn a_file_without_a_required_column_or_with_an_open_quote_is_refused() {
        assert_eq!(
            parse("姓名,手机号码\n张三,13800138000\n"),
            Err(AlertCsvError::MissingColumn("记录编号"))
        );
        assert_eq!(parse(""), Err(AlertCsvError::Empty));
        assert_eq!(
            parse("记录编号,姓名,手机号码,身份证号码,村代码,家庭人口,困难类型,情况说明\n,,\n"),
            Err(AlertCsvError::NoRows),
            "a header with only blank rows under it is an empty sheet"
        );
        assert_eq!(
            parse("记录编号\n\"unclosed\n"),
            Err(AlertCsvError::UnclosedQuote)
        );
    }
}
