//! A department's list as an uploaded file: which kind it is (by name and by its first bytes,
//! which must agree) and why a file as a whole is refused. Pure: the reading itself is the
//! server's (`ssr::services::alert_file`).
use super::alert_csv::AlertCsvError;

/// Largest file accepted: a 500-row sheet is well under 100 KB in any of the three formats.
pub const MAX_ALERT_FILE_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertFileKind {
    Xlsx,
    Xls,
    Csv,
}

/// Why an uploaded list was refused as a whole (nothing is filed); worded in
/// `wording::import_files`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlertFileError {
    /// Not .xlsx, .xls or .csv, or its content is not what its name says.
    WrongType,
    TooBig,
    /// A spreadsheet the reader cannot open (damaged, encrypted, no sheet).
    Unreadable,
    /// More rows than one import takes.
    TooManyRows(usize),
    /// A cell further right than this many columns.
    TooManyColumns(usize),
    Sheet(AlertCsvError),
}

impl From<AlertCsvError> for AlertFileError {
    fn from(e: AlertCsvError) -> Self {
        AlertFileError::Sheet(e)
    }
}

/// The kind of an uploaded file from its name and first bytes. An .xlsx is a zip archive, an
/// .xls an OLE compound document; a CSV is text (no NUL byte in its first kilobyte).
pub fn kind_of(file_name: &str, bytes: &[u8]) -> Result<AlertFileKind, AlertFileError> {
    if bytes.len() > MAX_ALERT_FILE_BYTES {
        return Err(AlertFileError::TooBig);
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let text = !bytes.iter().take(1024).any(|b| *b == 0);
    match extension.as_str() {
        "xlsx" if zip => Ok(AlertFileKind::Xlsx),
        "xls" if ole => Ok(AlertFileKind::Xls),
        "csv" | "txt" if text && !zip && !ole => Ok(AlertFileKind::Csv),
        _ => Err(AlertFileError::WrongType),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_taken_only_when_its_name_and_its_bytes_agree() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        let cases: [(&str, &[u8], Result<AlertFileKind, AlertFileError>); 8] = [
            ("名单.xlsx", b"PK\x03\x04rest", Ok(AlertFileKind::Xlsx)),
            ("名单.XLS", &ole, Ok(AlertFileKind::Xls)),
            (
                "名单.csv",
                "记录编号,姓名".as_bytes(),
                Ok(AlertFileKind::Csv),
            ),
            ("名单.xlsx", b"not a zip", Err(AlertFileError::WrongType)),
            ("名单.csv", b"PK\x03\x04", Err(AlertFileError::WrongType)),
            ("名单.docx", b"PK\x03\x04", Err(AlertFileError::WrongType)),
            (
                "photo.jpg",
                b"\xFF\xD8\xFF\xE0\0",
                Err(AlertFileError::WrongType),
            ),
            ("名单", b"a,b", Err(AlertFileError::WrongType)),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(kind_of(name, bytes), expected, "{name}");
        }
    }

    #[test]
    fn a_file_over_the_limit_is_too_big_whatever_its_kind() {
        let big = vec![b'a'; MAX_ALERT_FILE_BYTES + 1];
        assert_eq!(kind_of("名单.csv", &big), Err(AlertFileError::TooBig));
    }
}
