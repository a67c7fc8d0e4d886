//! Why an imported file is refused as a whole: a department's alert list (file or paste) and
//! the county's region CSV. The words are `field_error.alert_file`, `field_error.alert_csv` and
//! `field_error.region_csv` in locales/*.json; `text_key` and `args` name the same text for a
//! field error that crosses the wire and is worded again in the reader's language.
use crate::domain::alert_csv::AlertCsvError;
use crate::domain::alert_file::{AlertFileError, MAX_ALERT_FILE_BYTES};
use crate::domain::lang::Lang;
use crate::domain::region_csv::RegionCsvError;
use crate::tr::field_error as t;

/// A `{name}` argument of a locale text and its value.
pub type TextArgs = Vec<(&'static str, String)>;

impl AlertCsvError {
    /// The `field_error` key of the text.
    pub fn text_key(&self) -> &'static str {
        match self {
            AlertCsvError::Empty => "alert_csv.empty",
            AlertCsvError::NoRows => "alert_csv.no_rows",
            AlertCsvError::MissingColumn(_) => "alert_csv.missing_column",
            AlertCsvError::UnclosedQuote => "alert_csv.unclosed_quote",
        }
    }

    /// The values of the text's arguments (the missing column's Chinese header).
    pub fn args(&self) -> TextArgs {
        match self {
            AlertCsvError::MissingColumn(name) => vec![("name", (*name).to_owned())],
            _ => Vec::new(),
        }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            AlertCsvError::Empty => t::alert_csv::empty(lang).to_owned(),
            AlertCsvError::NoRows => t::alert_csv::no_rows(lang).to_owned(),
            AlertCsvError::MissingColumn(name) => t::alert_csv::missing_column(lang, name),
            AlertCsvError::UnclosedQuote => t::alert_csv::unclosed_quote(lang).to_owned(),
        }
    }
}

impl AlertFileError {
    /// The `field_error` key of the text.
    pub fn text_key(&self) -> &'static str {
        match self {
            AlertFileError::WrongType => "alert_file.wrong_type",
            AlertFileError::TooBig => "alert_file.too_big",
            AlertFileError::Unreadable => "alert_file.unreadable",
            AlertFileError::TooManyRows(_) => "alert_file.too_many_rows",
            AlertFileError::TooManyColumns(_) => "alert_file.too_many_columns",
            AlertFileError::Sheet(e) => e.text_key(),
        }
    }

    /// The values of the text's arguments.
    pub fn args(&self) -> TextArgs {
        match self {
            AlertFileError::TooBig => vec![("kb", (MAX_ALERT_FILE_BYTES / 1024).to_string())],
            AlertFileError::TooManyRows(max) | AlertFileError::TooManyColumns(max) => {
                vec![("max", max.to_string())]
            }
            AlertFileError::Sheet(e) => e.args(),
            _ => Vec::new(),
        }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            AlertFileError::WrongType => t::alert_file::wrong_type(lang).to_owned(),
            AlertFileError::TooBig => t::alert_file::too_big(lang, MAX_ALERT_FILE_BYTES / 1024),
            AlertFileError::Unreadable => t::alert_file::unreadable(lang).to_owned(),
            AlertFileError::TooManyRows(max) => t::alert_file::too_many_rows(lang, max),
            AlertFileError::TooManyColumns(max) => t::alert_file::too_many_columns(lang, max),
            AlertFileError::Sheet(e) => e.text(lang),
        }
    }
}

impl RegionCsvError {
    /// The message in `lang` (a missing column named as that language's header names it).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            RegionCsvError::Empty => t::region_csv::empty(lang).to_owned(),
            RegionCsvError::MissingColumn(field) => {
                let column = t::region_csv::column::lookup(lang, field).unwrap_or(field);
                t::region_csv::missing_column(lang, column)
            }
            RegionCsvError::UnclosedQuote => t::region_csv::unclosed_quote(lang).to_owned(),
        }
    }
}

#[cfg(test)]
#[path = "import_files_tests.rs"]
mod tests;
