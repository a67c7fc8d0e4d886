//! Resident identity card number (居民身份证号码), GB 11643-1999.
//!
//! Parse, don't validate: an [`IdNumber`] always holds 18 characters with a known
//! province code, a real birth date and a correct check character. `Debug` prints
//! only the masked form so a number never leaks into logs; `Display` and serde use
//! the full number and must only be used where the full number is really needed.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::message::user_messages;
use super::newtype::string_newtype;
use super::typed_digits::fold_number;

/// Weights of the first 17 digits (GB 11643-1999, ISO 7064 MOD 11-2).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character indexed by the weighted sum modulo 11.
const CHECK_CHARS: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
/// Province-level codes (first two digits) in use.
const PROVINCES: [u8; 34] = [
    11, 12, 13, 14, 15, // 华北
    21, 22, 23, // 东北
    31, 32, 33, 34, 35, 36, 37, // 华东
    41, 42, 43, 44, 45, 46, // 中南
    50, 51, 52, 53, 54, // 西南
    61, 62, 63, 64, 65, // 西北
    71, 81, 82, // 台湾, 香港, 澳门
];
const MIN_BIRTH_YEAR: i32 = 1900;
const MAX_BIRTH_YEAR: i32 = 2100;
const LENGTH: usize = 18;
const LEGACY_LENGTH: usize = 15;

/// A valid 18-character resident identity card number.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber(String);

/// Why a string is not a valid [`IdNumber`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdNumberError {
    Empty,
    WrongLength,
    InvalidCharacter,
    UnknownRegion,
    InvalidBirthDate,
    BadCheckDigit,
    /// A 15-digit first-generation number (issued before 1999), no longer accepted.
    LegacyFifteenDigits,
    /// The birth date is after the day of the report.
    BirthDateInFuture,
}

/// The GB 11643-1999 check character for the first 17 digits, or `None` when
/// `first17` is not exactly 17 ASCII digits.
pub fn check_digit(first17: &str) -> Option<char> {
    if first17.len() != WEIGHTS.len() {
        return None;
    }
    let mut sum = 0u32;
    for (c, weight) in first17.chars().zip(WEIGHTS) {
        sum += c.to_digit(10)? * weight;
    }
    CHECK_CHARS.get((sum % 11) as usize).copied()
}

impl IdNumber {
    /// Parses user input: folds full-width digits and `Ｘ` (what Chinese phone keyboards
    /// type), removes every kind of white space (incl. U+3000) and accepts a lower-case
    /// trailing `x`. Checks the form of the number only; a filing also checks the birth
    /// date against its own date with [`IdNumber::parse_on`].
    pub fn parse(input: &str) -> Result<IdNumber, IdNumberError> {
        let mut chars: Vec<char> = fold_number(input).chars().collect();
        if chars.is_empty() {
            return Err(IdNumberError::Empty);
        }
        if let Some(last) = chars.last_mut() {
            last.make_ascii_uppercase();
        }
        let last_index = chars.len() - 1;
        let allowed = |(i, c): (usize, &char)| c.is_ascii_digit() || (i == last_index && *c == 'X');
        if !chars.iter().enumerate().all(allowed) {
            return Err(IdNumberError::InvalidCharacter);
        }
        if chars.len() == LEGACY_LENGTH && chars.iter().all(char::is_ascii_digit) {
            return Err(IdNumberError::LegacyFifteenDigits);
        }
        if chars.len() != LENGTH {
            return Err(IdNumberError::WrongLength);
        }
        let number: String = chars.into_iter().collect();
        let province = number[0..2].parse::<u8>().ok();
        if !province.is_some_and(|p| PROVINCES.contains(&p)) {
            return Err(IdNumberError::UnknownRegion);
        }
        if birth_date_of(&number).is_none() {
            return Err(IdNumberError::InvalidBirthDate);
        }
        if check_digit(&number[..17]) != number.chars().last() {
            return Err(IdNumberError::BadCheckDigit);
        }
        Ok(IdNumber(number))
    }

    /// Like [`IdNumber::parse`], and refuses a birth date after `today` (the report's date,
    /// passed in by the caller: the domain never reads the clock).
    pub fn parse_on(input: &str, today: NaiveDate) -> Result<IdNumber, IdNumberError> {
        let id = IdNumber::parse(input)?;
        if id.birth_date() > today {
            return Err(IdNumberError::BirthDateInFuture);
        }
        Ok(id)
    }

    /// The full 18-character number. Handle with care: personal data.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Date of birth encoded in characters 7-14.
    pub fn birth_date(&self) -> NaiveDate {
        // Checked in `parse`; the fallback is unreachable for a constructed value.
        birth_date_of(&self.0).unwrap_or_default()
    }

    /// First 3 and last 4 characters, the rest replaced by `*` (18 characters),
    /// e.g. `110***********123X`. Safe for logs, screens and 公示 lists.
    pub fn masked(&self) -> String {
        let head = &self.0[..3];
        let tail = &self.0[LENGTH - 4..];
        format!("{head}{}{tail}", "*".repeat(LENGTH - 7))
    }
}

/// Birth date from digits 7-14 when it is a real date with a plausible year.
fn birth_date_of(number: &str) -> Option<NaiveDate> {
    let digits = number.get(6..14)?;
    let year: i32 = digits[0..4].parse().ok()?;
    let month: u32 = digits[4..6].parse().ok()?;
    let day: u32 = digits[6..8].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
        .filter(|date| (MIN_BIRTH_YEAR..=MAX_BIRTH_YEAR).contains(&date.year()))
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IdNumber").field(&self.masked()).finish()
    }
}

/// Prints the full number; use [`IdNumber::masked`] for anything that may be logged.
impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

string_newtype!(IdNumber, IdNumberError);

user_messages! {
    IdNumberError {
        Empty => id_number.empty;
        WrongLength => id_number.wrong_length;
        InvalidCharacter => id_number.invalid_character;
        UnknownRegion => id_number.unknown_region;
        InvalidBirthDate => id_number.invalid_birth_date;
        BadCheckDigit => id_number.bad_check_digit;
        LegacyFifteenDigits => id_number.legacy_fifteen_digits;
        BirthDateInFuture => id_number.birth_date_in_future;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::value::{Error as DeError, StrDeserializer};
    use serde::de::IntoDeserializer;

    /// The full-width form of an ASCII digit or X, as a Chinese phone keyboard types it.
    fn to_full_width(c: char) -> char {
        char::from_u32(u32::from(c) - 0x20 + 0xFF00).expect("full width")
    }

    /// Builds a valid number from a 17-digit body.
    fn with_check(first17: &str) -> String {
        let check = check_digit(first17).expect("17 digits");
        format!("{first17}{check}")
    }

    #[test]
    fn the_standard_example_number_is_accepted() {
        // Example from GB 11643-1999.
        let id = IdNumber::parse("11010519491231002X").expect("valid");
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(1949, 12, 31).expect("date")
        );
    }

    #[test]
    fn the_check_digit_helper_matches_the_standard_example() {
        assert_eq!(check_digit("11010519491231002"), Some('X'));
        assert_eq!(check_digit("44052418800101001"), Some('4'));
    }

    #[test]
    fn the_check_digit_helper_rejects_anything_but_seventeen_digits() {
        assert_eq!(check_digit(""), None);
        assert_eq!(check_digit("1101051949123100"), None);
        assert_eq!(check_digit("110105194912310021"), None);
        assert_eq!(check_digit("1101051949123100A"), None);
        assert_eq!(check_digit("１１０１０５１９４９１２３１００"), None);
    }

    #[test]
    fn spaces_and_a_lower_case_x_are_tolerated() {
        let id = IdNumber::parse("  110105 19491231 002x ").expect("valid");
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn an_empty_or_blank_input_is_empty() {
        assert_eq!(IdNumber::parse(""), Err(IdNumberError::Empty));
        assert_eq!(IdNumber::parse("  \t "), Err(IdNumberError::Empty));
    }

    #[test]
    fn a_short_or_long_number_has_the_wrong_length() {
        assert_eq!(
            IdNumber::parse("1101051949123100"),
            Err(IdNumberError::WrongLength)
        );
        assert_eq!(
            IdNumber::parse("1101051949123100211"),
            Err(IdNumberError::WrongLength)
        );
    }

    #[test]
    fn a_fifteen_digit_legacy_number_asks_for_the_new_eighteen_digit_one() {
        for input in [
            "110105491231002",
            "１１０１０５４９１２３１００２",
            "110105 491231 002",
        ] {
            assert_eq!(
                IdNumber::parse(input),
                Err(IdNumberError::LegacyFifteenDigits),
                "{input}"
            );
        }
        let message = IdNumberError::LegacyFifteenDigits;
        assert!(crate::domain::UserMessage::zh(&message).contains("请填写新的18位身份证号码"));
        assert!(crate::domain::UserMessage::en(&message).contains("new 18-digit"));
    }

    #[test]
    fn full_width_digits_and_x_typed_on_a_phone_are_accepted() {
        for input in [
            "１１０１０５１９４９１２３１００２Ｘ",
            "１１０１０５１９４９１２３１００２ｘ",
            "110105\u{3000}19491231\u{3000}002X",
            "１１０１０５ 19491231 ００２X",
        ] {
            let id = IdNumber::parse(input).expect(input);
            assert_eq!(id.as_str(), "11010519491231002X", "{input}");
        }
    }

    #[test]
    fn a_birth_date_after_the_report_date_is_refused() {
        let id = with_check("11010520990101002");
        let report_day = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        assert!(
            IdNumber::parse(&id).is_ok(),
            "the form of the number is fine"
        );
        assert_eq!(
            IdNumber::parse_on(&id, report_day),
            Err(IdNumberError::BirthDateInFuture)
        );
        let born_today = with_check("11010520261130002");
        assert!(IdNumber::parse_on(&born_today, report_day).is_ok());
        let born_tomorrow = with_check("11010520261201002");
        assert_eq!(
            IdNumber::parse_on(&born_tomorrow, report_day),
            Err(IdNumberError::BirthDateInFuture)
        );
    }

    #[test]
    fn letters_or_an_x_before_the_end_are_invalid_characters() {
        assert_eq!(
            IdNumber::parse("1101051949123100AX"),
            Err(IdNumberError::InvalidCharacter)
        );
        assert_eq!(
            IdNumber::parse("X10105194912310021"),
            Err(IdNumberError::InvalidCharacter)
        );
        assert_eq!(
            IdNumber::parse("11010519491231-002X"),
            Err(IdNumberError::InvalidCharacter)
        );
    }

    #[test]
    fn an_unknown_province_code_is_rejected() {
        assert_eq!(
            IdNumber::parse(&with_check("99010519491231002")),
            Err(IdNumberError::UnknownRegion)
        );
        assert_eq!(
            IdNumber::parse(&with_check("01010519491231002")),
            Err(IdNumberError::UnknownRegion)
        );
    }

    #[test]
    fn an_impossible_birth_date_is_rejected() {
        for body in [
            "11010519490230002", // 30 February
            "11010519491301002", // month 13
            "11010518991231002", // before 1900
            "11010521010101002", // after 2100
            "11010519490000002", // month 0
        ] {
            assert_eq!(
                IdNumber::parse(&with_check(body)),
                Err(IdNumberError::InvalidBirthDate),
                "{body}"
            );
        }
    }

    #[test]
    fn leap_days_are_real_birth_dates() {
        let id = IdNumber::parse(&with_check("11010520000229002")).expect("valid");
        assert_eq!(
            id.birth_date(),
            NaiveDate::from_ymd_opt(2000, 2, 29).expect("date")
        );
        assert_eq!(
            IdNumber::parse(&with_check("11010519000229002")),
            Err(IdNumberError::InvalidBirthDate)
        );
    }

    #[test]
    fn a_wrong_check_digit_is_rejected() {
        assert_eq!(
            IdNumber::parse("110105194912310021"),
            Err(IdNumberError::BadCheckDigit)
        );
    }

    #[test]
    fn the_masked_form_keeps_three_leading_and_four_trailing_characters() {
        let id = IdNumber::parse("11010519491231002X").expect("valid");
        assert_eq!(id.masked(), "110***********002X");
        assert_eq!(id.masked().chars().count(), 18);
    }

    #[test]
    fn debug_output_never_contains_the_full_number() {
        let id = IdNumber::parse("11010519491231002X").expect("valid");
        let debug = format!("{id:?}");
        assert_eq!(debug, "IdNumber(\"110***********002X\")");
        assert!(!debug.contains("19491231"));
        let nested = format!("{:?}", Some(vec![id.clone()]));
        assert!(!nested.contains("19491231"));
    }

    #[test]
    fn display_prints_the_full_number() {
        let id = IdNumber::parse("11010519491231002X").expect("valid");
        assert_eq!(id.to_string(), "11010519491231002X");
    }

    #[test]
    fn deserializing_parses_and_serializing_gives_the_full_number() {
        let de: StrDeserializer<'_, DeError> = " 11010519491231002x".into_deserializer();
        let id = IdNumber::deserialize(de).expect("valid");
        assert_eq!(String::from(id), "11010519491231002X");

        let bad: StrDeserializer<'_, DeError> = "110105194912310021".into_deserializer();
        let err = IdNumber::deserialize(bad).expect_err("bad check digit");
        assert!(
            err.to_string()
                .contains("One digit of the ID number is wrong"),
            "{err}"
        );
    }

    #[test]
    fn every_error_has_a_well_formed_message() {
        super::super::message::tests::assert_messages_are_well_formed(
            "id_number",
            &[
                IdNumberError::Empty,
                IdNumberError::WrongLength,
                IdNumberError::InvalidCharacter,
                IdNumberError::UnknownRegion,
                IdNumberError::InvalidBirthDate,
                IdNumberError::BadCheckDigit,
                IdNumberError::LegacyFifteenDigits,
                IdNumberError::BirthDateInFuture,
            ],
        );
    }

    fn valid_body() -> impl Strategy<Value = String> {
        (
            prop::sample::select(PROVINCES.to_vec()),
            0u32..10_000,
            NaiveDate::from_ymd_opt(1900, 1, 1)
                .map(|d| d.num_days_from_ce())
                .unwrap_or_default()
                ..NaiveDate::from_ymd_opt(2100, 12, 31)
                    .map(|d| d.num_days_from_ce())
                    .unwrap_or_default(),
            0u32..1000,
        )
            .prop_map(|(province, county, days, seq)| {
                let date = NaiveDate::from_num_days_from_ce_opt(days).expect("in range");
                format!("{province:02}{county:04}{}{seq:03}", date.format("%Y%m%d"))
            })
    }

    proptest! {
        #[test]
        fn any_number_built_with_the_check_digit_helper_parses(body in valid_body()) {
            let number = with_check(&body);
            let id = IdNumber::parse(&number).expect("valid");
            prop_assert_eq!(id.as_str(), number.as_str());
            prop_assert_eq!(id.birth_date().format("%Y%m%d").to_string(), &body[6..14]);
        }

        #[test]
        fn changing_any_single_character_is_detected(
            body in valid_body(),
            position in 0usize..18,
            replacement in prop::sample::select("0123456789X".chars().collect::<Vec<_>>()),
        ) {
            let number = with_check(&body);
            let mut chars: Vec<char> = number.chars().collect();
            prop_assume!(chars[position] != replacement);
            chars[position] = replacement;
            let typo: String = chars.into_iter().collect();
            prop_assert!(IdNumber::parse(&typo).is_err());
        }

        #[test]
        fn full_width_and_half_width_forms_parse_to_the_same_number(
            body in valid_body(),
            widths in prop::collection::vec(any::<bool>(), 18),
        ) {
            let number = with_check(&body);
            let typed: String = number
                .chars()
                .zip(widths)
                .map(|(c, wide)| if wide { to_full_width(c) } else { c })
                .collect();
            let id = IdNumber::parse(&typed).expect("valid");
            prop_assert_eq!(id.as_str(), number.as_str());
        }

        #[test]
        fn spaces_anywhere_are_ignored(
            body in valid_body(),
            spaces in prop::collection::vec((0usize..19, prop::sample::select(vec![' ', '\u{3000}', '\t', '\u{00A0}'])), 0..6),
        ) {
            let number = with_check(&body);
            let mut chars: Vec<char> = number.chars().collect();
            for (at, space) in spaces {
                chars.insert(at.min(chars.len()), space);
            }
            let typed: String = chars.into_iter().collect();
            let id = IdNumber::parse(&typed).expect("valid");
            prop_assert_eq!(id.as_str(), number.as_str());
        }

        #[test]
        fn parsing_never_panics(input in "\\PC{0,24}") {
            let _ = IdNumber::parse(&input);
        }
    }
}
