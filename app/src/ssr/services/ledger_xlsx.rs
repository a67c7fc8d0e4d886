//! The ledger (and the dashboard's tables) as an Excel workbook (rust_xlsxwriter): dates as dates, amounts as numbers in
//! yuan, a frozen and filterable header row, and columns wide enough to read. Text is always
//! written as text, so a cell starting with `=` is never a formula.
use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use crate::domain::{ledger::LedgerCell, measure_counts::MeasureTally, money::Fen};

/// Column width in Excel's character units: CJK characters count twice; clamped to readable.
fn width(text: &str) -> f64 {
    let units: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    (units as f64 + 2.0).clamp(8.0, 60.0)
}

/// Characters an Excel cell holds at most.
const CELL_CHARS: usize = 32_767;

/// `text` cut to what a cell holds, so one over-long value (a 60,000-character campaign
/// name stored before names were capped: attacker tester) cannot fail the whole workbook.
fn within_cell(text: &str) -> &str {
    match text.char_indices().nth(CELL_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// One cell of a sheet; the ledger's cells and the dashboard's figures both become these.
#[derive(Debug, Clone, PartialEq)]
pub enum XlsxCell {
    Text(String),
    Count(i64),
    /// A figure with one decimal (average days).
    Decimal(f64),
    Date(chrono::NaiveDate),
    Blank,
    Yuan(Fen),
}

impl XlsxCell {
    fn text(&self) -> String {
        match self {
            XlsxCell::Text(text) => text.clone(),
            XlsxCell::Count(n) => n.to_string(),
            XlsxCell::Decimal(x) => format!("{x:.1}"),
            XlsxCell::Date(day) => day.to_string(),
            XlsxCell::Blank => String::new(),
            XlsxCell::Yuan(amount) => amount.plain_yuan(),
        }
    }
}

impl From<&LedgerCell> for XlsxCell {
    fn from(cell: &LedgerCell) -> Self {
        match cell {
            LedgerCell::Text(text) => XlsxCell::Text(text.clone()),
            LedgerCell::Count(n) => XlsxCell::Count(*n),
            LedgerCell::Date(day) => XlsxCell::Date(*day),
            LedgerCell::NoDate => XlsxCell::Blank,
            LedgerCell::Yuan(amount) => XlsxCell::Yuan(*amount),
        }
    }
}

/// A named sheet: a header row and typed rows under it.
pub struct XlsxSheet<'a> {
    pub name: &'a str,
    pub header: &'a [&'a str],
    pub rows: Vec<Vec<XlsxCell>>,
}

/// The ledger's workbook: the households, then the measures counted by type.
pub fn workbook(
    header: &[&str],
    rows: &[Vec<LedgerCell>],
    measures: &[MeasureTally],
) -> Result<Vec<u8>, XlsxError> {
    use crate::tr::export_words::measure_counts as m;
    let lang = crate::domain::lang::Lang::Zh;
    let measure_header = [
        m::measure(lang),
        m::households(lang),
        m::planned(lang),
        m::in_progress(lang),
        m::delivered(lang),
        m::amount(lang),
    ];
    let count = |n: u64| XlsxCell::Count(i64::try_from(n).unwrap_or(i64::MAX));
    let measure_rows = measures
        .iter()
        .map(|t| {
            let name = t.measure.map_or(m::all(lang), |x| x.label(lang));
            vec![
                XlsxCell::Text(name.to_owned()),
                count(t.households),
                count(t.planned),
                count(t.in_progress),
                count(t.delivered),
                t.amount.map_or_else(
                    || XlsxCell::Text(crate::domain::ledger::TOTAL_TOO_LARGE.to_owned()),
                    XlsxCell::Yuan,
                ),
            ]
        })
        .collect();
    workbook_of(&[
        XlsxSheet {
            name: m::ledger_sheet(lang),
            header,
            rows: rows
                .iter()
                .map(|cells| cells.iter().map(XlsxCell::from).collect())
                .collect(),
        },
        XlsxSheet {
            name: m::sheet(lang),
            header: &measure_header,
            rows: measure_rows,
        },
    ])
}

/// Sheets in order, each with a bold frozen filterable header and readable widths.
pub fn workbook_of(sheets: &[XlsxSheet]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let title = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color("#DDEBF7");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let yuan = Format::new().set_num_format("#,##0.00");
    let decimal = Format::new().set_num_format("0.0");
    for XlsxSheet { name, header, rows } in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name)?;
        let mut widths: Vec<f64> = header.iter().map(|h| width(h)).collect();
        for (column, name) in header.iter().enumerate() {
            sheet.write_string_with_format(0, column as u16, *name, &title)?;
        }
        for (index, cells) in rows.iter().enumerate() {
            let row = index as u32 + 1;
            for (column, cell) in cells.iter().enumerate() {
                let col = column as u16;
                match cell {
                    XlsxCell::Text(text) => {
                        sheet.write_string(row, col, within_cell(text))?;
                    }
                    XlsxCell::Count(n) => {
                        sheet.write_number(row, col, *n as f64)?;
                    }
                    XlsxCell::Decimal(x) => {
                        sheet.write_number_with_format(row, col, *x, &decimal)?;
                    }
                    XlsxCell::Date(day) => {
                        let excel = ExcelDateTime::from_ymd(
                            day.year() as u16,
                            day.month() as u8,
                            day.day() as u8,
                        )?;
                        sheet.write_datetime_with_format(row, col, &excel, &date)?;
                    }
                    XlsxCell::Blank => {}
                    XlsxCell::Yuan(amount) => {
                        sheet.write_number_with_format(
                            row,
                            col,
                            amount.yuan_for_spreadsheet(),
                            &yuan,
                        )?;
                    }
                }
                if let Some(w) = widths.get_mut(column) {
                    *w = w.max(width(&cell.text()));
                }
            }
        }
        for (column, w) in widths.iter().enumerate() {
            sheet.set_column_width(column as u16, *w)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        if !header.is_empty() {
            sheet.autofilter(0, 0, rows.len() as u32, header.len() as u16 - 1)?;
        }
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_over_long_text_is_cut_to_a_cell_and_the_workbook_still_writes() {
        let long = "排".repeat(CELL_CHARS + 5);
        assert_eq!(within_cell(&long).chars().count(), CELL_CHARS);
        assert_eq!(within_cell("青石村"), "青石村");
        let sheet = XlsxSheet {
            name: "集中排查",
            header: &["名称"],
            rows: vec![vec![XlsxCell::Text(long)]],
        };
        assert!(workbook_of(&[sheet]).is_ok());
    }
}
