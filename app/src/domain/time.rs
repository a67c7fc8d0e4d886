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

/// A day typed or stored as `YYYY-MM-DD`, four-digit year: chrono alone also reads
/// "+10000-01-01", which sorted as text before every real date, so a policy version dated so
/// took effect at once and could not be withdrawn (attacker tester).
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    iso_date_shaped(text)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

pub fn to_beijing(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.naive_utc() + Duration::hours(BEIJING_OFFSET_HOURS)
}

pub fn beijing_date(instant: DateTime<Utc>) -> NaiveDate {
    to_beijing(instant).date()
}

/// Midnight in Beijing that starts `day`, as Unix milliseconds (how events store `at`).
pub fn beijing_day_start_ms(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map_or(0, |t| t.and_utc().timestamp_millis())
        - BEIJING_OFFSET_HOURS * 3_600_000
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
    fn a_beijing_day_starts_at_four_in_the_afternoon_utc_the_day_before() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).expect("valid");
        let start = Utc
            .with_ymd_and_hms(2026, 11, 30, 16, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(beijing_day_start_ms(day), start.timestamp_millis());
        assert_eq!(beijing_date(start), day);
    }

    #[test]
    fn only_four_digit_years_are_read_as_days() {
        assert_eq!(
            parse_iso_date("2027-01-01"),
            NaiveDate::from_ymd_opt(2027, 1, 1)
        );
        for slip in [
            "+10000-01-01",
            "10000-01-01",
            "2027-1-1",
            "2027-02-30",
            " 2027-01-01",
        ] {
            assert_eq!(parse_iso_date(slip), None, "{slip}");
        }
        assert!(NaiveDate::parse_from_str("+10000-01-01", "%Y-%m-%d").is_ok());
    }

    #[test]
    fn dates_are_written_the_chinese_way() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 5).expect("valid");
        assert_eq!(date_zh(d), "2026年2月5日");
    }
}
