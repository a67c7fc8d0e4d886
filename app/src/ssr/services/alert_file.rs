//! Reads a department's uploaded list (.xlsx, .xls or .csv) into rows with `calamine`, on the
//! server only: the household's bundle never carries a spreadsheet reader.
use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xls, Xlsx};

use super::sheet_bounds;
use crate::{
    domain::{
        alert_csv::{self, AlertCsvRow},
        alert_file::{kind_of, AlertFileError, AlertFileKind},
    },
    wire::alerts::{AlertRow, MAX_ALERTS_PER_PUSH},
};

/// What the import form sent: a chosen file (name and bytes) or pasted text.
#[derive(Debug, Default)]
pub struct AlertUpload {
    pub file: Option<(String, Vec<u8>)>,
    pub pasted: String,
}

/// The rows of the upload: the file when one was chosen, else the pasted text.
pub fn rows(upload: &AlertUpload) -> Result<Vec<AlertRow>, AlertFileError> {
    let rows = match &upload.file {
        Some((name, bytes)) => read(name, bytes)?,
        None => alert_csv::parse(&upload.pasted)?,
    };
    if rows.len() > MAX_ALERTS_PER_PUSH {
        return Err(AlertFileError::TooManyRows(MAX_ALERTS_PER_PUSH));
    }
    Ok(rows
        .into_iter()
        .map(|row| AlertRow {
            reference: row.reference,
            household: row.household,
        })
        .collect())
}

fn read(name: &str, bytes: &[u8]) -> Result<Vec<AlertCsvRow>, AlertFileError> {
    let grid = match kind_of(name, bytes)? {
        AlertFileKind::Xlsx => {
            sheet_bounds::check_xlsx(bytes)?;
            xlsx_cells(bytes)?
        }
        AlertFileKind::Xls => {
            sheet_bounds::check_xls(bytes)?;
            let mut book: Xls<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|_| AlertFileError::Unreadable)?;
            sheet(book.worksheet_range_at(0))?
        }
        AlertFileKind::Csv => return Ok(alert_csv::parse(&decode(bytes))?),
    };
    Ok(alert_csv::from_records(grid)?)
}

/// The first sheet of an .xlsx as text cells, read cell by cell: a cell out of bounds is
/// refused before anything is laid out for it.
fn xlsx_cells(bytes: &[u8]) -> Result<Vec<Vec<String>>, AlertFileError> {
    let unreadable = |_| AlertFileError::Unreadable;
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or(AlertFileError::Unreadable)?;
    let mut reader = book.worksheet_cells_reader(&first).map_err(unreadable)?;
    let mut grid: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        sheet_bounds::check_cell(row, column)?;
        let (row, column) = (row as usize, column as usize);
        if grid.len() <= row {
            grid.resize_with(row + 1, Vec::new);
        }
        let cells = &mut grid[row];
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = cell_text(&Data::from(cell.get_value().clone()));
    }
    Ok(grid)
}

/// The first sheet as text cells (an empty sheet gives no rows, refused as empty).
fn sheet<E>(
    first: Option<Result<calamine::Range<Data>, E>>,
) -> Result<Vec<Vec<String>>, AlertFileError> {
    let range = first
        .ok_or(AlertFileError::Unreadable)?
        .map_err(|_| AlertFileError::Unreadable)?;
    Ok(range
        .rows()
        .map(|cells| cells.iter().map(cell_text).collect())
        .collect())
}

/// A cell as the department typed it: whole numbers without ".0" (a phone number or a
/// household size saved as a number), text as is.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(text) => text.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// A CSV saved by Excel or WPS in China is often GBK rather than UTF-8.
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GBK.decode(bytes).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_into_a_sheet_read_as_the_digits_the_department_typed() {
        let cases = [
            (Data::Float(13511112222.0), "13511112222"),
            (Data::Float(3.0), "3"),
            (Data::Float(2.5), "2.5"),
            (Data::Int(4), "4"),
            (Data::String(" 因病 ".to_owned()), " 因病 "),
            (Data::Empty, ""),
        ];
        for (cell, text) in cases {
            assert_eq!(cell_text(&cell), text, "{cell:?}");
        }
    }

    #[test]
    fn a_gbk_csv_reads_as_chinese() {
        let (bytes, _, _) = encoding_rs::GBK.encode("记录编号,姓名");
        assert_eq!(decode(&bytes), "记录编号,姓名");
    }
}
