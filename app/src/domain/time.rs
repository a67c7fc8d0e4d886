//! China has one time zone and no daylight saving: Beijing time is UTC+8 all year.
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};

pub const BEIJING_OFFSET_HOURS: i64 = 8;

/// Whether `text` is shaped as `YYYY-MM-DD` (digits and two hyphens), a real day or not.
pub fn iso_date_shaped(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

pub fn to_beijing(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.naive_utc() + Duration::hours(BEIJING_OFFSET_HOURS)
}

pub fn beijing_date(instant: DateTime<Utc>) -> NaiveDate {
    to_beijing(instant).date()
}

/// "2026年11月23日"
pub fn date_zh(date: NaiveDate) -> String {
    date.format("%Y年%-m月%-d日").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn late_evening_utc_is_already_the_next_day_in_beijing() {
        let instant = Utc
            .with_ymd_and_hms(2026, 11, 23, 17, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(
            beijing_date(instant),
            NaiveDate::from_ymd_opt(2026, 11, 24).expect("valid")
        );
    }

    #[test]
    fn dates_are_written_the_chinese_way() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 5).expect("valid");
        assert_eq!(date_zh(d), "2026年2月5日");
    }
}
