//! Dates that reach a page in ISO form (`2026-12-01`, `2026-12-01 09:30`: the case view keeps
//! them so for the department API) are shown as people write them, as the household pages
//! and the work list do: 2026年12月1日 / 1 Dec 2026.
use chrono::NaiveDate;

use crate::domain::lang::Lang;

/// `text` with a leading ISO date in `lang`'s form and the rest (a time) kept; text that does
/// not start with a date is returned as it is.
pub fn day_words(text: &str, lang: Lang) -> String {
    let (Some(day), Some(rest)) = (text.get(..10), text.get(10..)) else {
        return text.to_owned();
    };
    match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
        Ok(date) => format!("{}{rest}", lang.date(date)),
        Err(_) => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_read_as_people_write_them() {
        for (text, lang, words) in [
            ("2026-12-01", Lang::En, "1 Dec 2026"),
            ("2026-12-01", Lang::Zh, "2026年12月1日"),
            ("2026-12-04 09:30", Lang::En, "4 Dec 2026 09:30"),
            ("2026-03-09 17:05", Lang::Zh, "2026年3月9日 17:05"),
            ("", Lang::En, ""),
            ("2026-1-1", Lang::En, "2026-1-1"),
            ("not a date", Lang::Zh, "not a date"),
            ("一二三四五六七", Lang::En, "一二三四五六七"),
            ("2026-13-01", Lang::En, "2026-13-01"),
        ] {
            assert_eq!(day_words(text, lang), words, "{text} {lang:?}");
        }
    }
}
