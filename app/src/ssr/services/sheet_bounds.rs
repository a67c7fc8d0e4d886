//! Bounds an uploaded spreadsheet must keep before `calamine` reads it. calamine allocates
//! one cell for every position between a sheet's first and last cell, and an .xls reserves
//! what its dimensions record declares: a 1.5 KB file with a cell at J500000 took 300 MB, and
//! one at the sheet's last cell would abort the server (attacker tester). An .xlsx is a zip,
//! so its declared unpacked size is bounded too (a zip bomb of shared strings).
use std::io::{Cursor, Read};

use crate::domain::alert_file::AlertFileError;

/// The furthest row a list may use (0-based): a header, 500 rows and some blank lines.
pub const MAX_SHEET_ROW: u32 = 600;
/// The furthest column a list may use (0-based): the template has about a dozen; a
/// department's own sheet may keep notes of its own beside them.
pub const MAX_SHEET_COLUMN: u32 = 63;
/// What an .xlsx may unpack to: a 500-row list is well under 1 MB unpacked.
const MAX_UNPACKED_BYTES: u64 = 16 * 1024 * 1024;

/// Refuses a cell at (row, column) outside the bounds.
pub fn check_cell(row: u32, column: u32) -> Result<(), AlertFileError> {
    if row > MAX_SHEET_ROW {
        return Err(AlertFileError::TooManyRows(
            crate::wire::alerts::MAX_ALERTS_PER_PUSH,
        ));
    }
    if column > MAX_SHEET_COLUMN {
        return Err(AlertFileError::TooManyColumns(
            MAX_SHEET_COLUMN as usize + 1,
        ));
    }
    Ok(())
}

/// An .xlsx whose entries declare more than [`MAX_UNPACKED_BYTES`] in all is refused.
pub fn check_xlsx(bytes: &[u8]) -> Result<(), AlertFileError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| AlertFileError::Unreadable)?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|_| AlertFileError::Unreadable)?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(AlertFileError::TooBig);
    }
    Ok(())
}

/// BIFF records that place cells (number, label, rich string, bool/error, RK, label by
/// shared string, formula, blank): each begins with the cell's row and column (u16, u16).
const CELL_RECORDS: [u16; 8] = [
    0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006, 0x0201,
];
const DIMENSIONS: u16 = 0x0200;
/// Several RK numbers in one row: row, first column, ..., last column (u16 at the end).
const MUL_RK: u16 = 0x00BD;

/// Every dimensions and cell record of an .xls workbook stream within the bounds.
pub fn check_xls(bytes: &[u8]) -> Result<(), AlertFileError> {
    let mut book =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| AlertFileError::Unreadable)?;
    let path = ["/Workbook", "/Book"]
        .into_iter()
        .find(|p| book.is_stream(p))
        .ok_or(AlertFileError::Unreadable)?;
    let mut stream = Vec::new();
    book.open_stream(path)
        .and_then(|mut s| s.read_to_end(&mut stream))
        .map_err(|_| AlertFileError::Unreadable)?;
    let mut rest = stream.as_slice();
    while rest.len() >= 4 {
        let kind = u16::from_le_bytes([rest[0], rest[1]]);
        let len = usize::from(u16::from_le_bytes([rest[2], rest[3]]));
        let data = rest.get(4..4 + len).unwrap_or(&rest[4..]);
        rest = rest.get(4 + len..).unwrap_or(&[]);
        let place = match kind {
            DIMENSIONS => dimensions_end(data),
            MUL_RK => u16_at(data, 0).zip(data.len().checked_sub(2).and_then(|e| u16_at(data, e))),
            k if CELL_RECORDS.contains(&k) => u16_at(data, 0).zip(u16_at(data, 2)),
            _ => None,
        };
        if let Some((row, column)) = place {
            check_cell(row, column)?;
        }
    }
    Ok(())
}

/// The last row and column a dimensions record declares (BIFF8: u32 rows; BIFF5: u16).
fn dimensions_end(data: &[u8]) -> Option<(u32, u32)> {
    let (last_row_plus_one, last_column_plus_one) = match data.len() {
        10 => (u16_at(data, 2)?, u16_at(data, 6)?),
        14 | 16 => {
            let b = data.get(4..8)?;
            (
                u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
                u16_at(data, 10)?,
            )
        }
        _ => return None,
    };
    Some((
        last_row_plus_one.saturating_sub(1),
        last_column_plus_one.saturating_sub(1),
    ))
}

/// A little-endian u16 of a record's data at `at`.
fn u16_at(data: &[u8], at: usize) -> Option<u32> {
    data.get(at..at + 2)
        .map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
}
