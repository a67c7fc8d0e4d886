//! The ledger as an Excel workbook (rust_xlsxwriter): dates as dates, amounts as numbers in
//! yuan, a frozen and filterable header row, and columns wide enough to read. Text is always
//! written as text, so a cell starting with `=` is never a formula.
use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use crate::domain::ledger::LedgerCell;

/// Column width in Excel's character units: CJK characters count twice; clamped to readable.
fn width(text: &str) -> f64 {
    let units: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    (units as f64 + 2.0).clamp(8.0, 60.0)
}

pub fn workbook(header: &[&str], rows: &[Vec<LedgerCell>]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("台账")?;
    let title = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color("#DDEBF7");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let yuan = Format::new().set_num_format("#,##0.00");
    let mut widths: Vec<f64> = header.iter().map(|h| width(h)).collect();
    for (column, name) in header.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *name, &title)?;
    }
    for (index, cells) in rows.iter().enumerate() {
        let row = index as u32 + 1;
        for (column, cell) in cells.iter().enumerate() {
            let col = column as u16;
            match cell {
                LedgerCell::Text(text) => {
                    sheet.write_string(row, col, text)?;
                }
                LedgerCell::Count(n) => {
                    sheet.write_number(row, col, *n as f64)?;
                }
                LedgerCell::Date(day) => {
                    let excel = ExcelDateTime::from_ymd(
                        day.year() as u16,
                        day.month() as u8,
                        day.day() as u8,
                    )?;
                    sheet.write_datetime_with_format(row, col, &excel, &date)?;
                }
                LedgerCell::NoDate => {}
                LedgerCell::Yuan(amount) => {
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
    workbook.save_to_buffer()
}
