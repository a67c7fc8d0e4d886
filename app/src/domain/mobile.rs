//! Mainland China mobile phone number (手机号码).
//!
//! Households are found by phone number more often than by reference number, so
//! the stored form is normalised to exactly 11 digits. `Debug` prints only the
//! masked form so numbers never leak into logs.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::message::user_messages;
use super::newtype::string_newtype;
use super::typed_digits::fold_number;

const LENGTH: usize = 11;

/// A normalised 11-digit mainland mobile number such as `13812345678`.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MobileNumber(String);

/// Why a string is not a valid [`MobileNumber`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MobileNumberError {
    Empty,
    InvalidCharacter,
    WrongLength,
    BadPrefix,
    /// An area code's 0 in front: a landline, said as one (it read "应以13至19开头", and in
    /// English "has 11 digits": household tester).
    Landline,
}

impl MobileNumber {
    /// Parses user input. Accepts an optional `+86` / `86` country prefix, folds full-width
    /// digits (what Chinese phone keyboards type) and ignores every kind of white space
    /// (incl. U+3000) and dashes, e.g. `+86 138-1234-5678` or `１３８ １２３４ ５６７８`.
    pub fn parse(input: &str) -> Result<MobileNumber, MobileNumberError> {
        let compact: String = fold_number(input).chars().filter(|c| *c != '-').collect();
        if compact.is_empty() {
            return Err(MobileNumberError::Empty);
        }
        // A national number starts with '1', so a leading "86" is always the country code.
        let national = compact
            .strip_prefix("+86")
            .or_else(|| compact.strip_prefix("86"))
            .unwrap_or(&compact);
        // An area code in brackets, "(0851)8612345", is a landline, not a stray bracket; so is
        // a local number of 7 or 8 digits (household re-tester: both read as mistyped).
        if national.starts_with("(0") || national.starts_with("（0") {
            return Err(MobileNumberError::Landline);
        }
        if !national.chars().all(|c| c.is_ascii_digit()) {
            return Err(MobileNumberError::InvalidCharacter);
        }
        // Counted before any "86" is taken as the country code: 8612345 is a local number.
        let local = matches!(compact.len(), 7 | 8) && !compact.starts_with('1');
        if local || (national.starts_with('0') && !national.starts_with("00")) {
            return Err(MobileNumberError::Landline);
        }
        if national.len() != LENGTH {
            return Err(MobileNumberError::WrongLength);
        }
        let bytes = national.as_bytes();
        if bytes[0] != b'1' || !(b'3'..=b'9').contains(&bytes[1]) {
            return Err(MobileNumberError::BadPrefix);
        }
        Ok(MobileNumber(national.to_owned()))
    }

    /// The 11 digits, without country code or separators.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// First 3 and last 4 digits with the middle starred: `138****5678`.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[LENGTH - 4..])
    }
}

impl fmt::Debug for MobileNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("MobileNumber").field(&self.masked()).finish()
    }
}

/// Prints the full 11 digits; use [`MobileNumber::masked`] for anything that may be logged.
impl fmt::Display for MobileNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

string_newtype!(MobileNumber, MobileNumberError);

user_messages! {
    MobileNumberError {
        Empty => mobile_number.empty;
        InvalidCharacter => mobile_number.invalid_character;
        WrongLength => mobile_number.wrong_length;
        BadPrefix => mobile_number.bad_prefix;
        Landline => mobile_number.landline;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::value::{Error as DeError, StrDeserializer};
    use serde::de::IntoDeserializer;

    #[test]
    fn a_plain_eleven_digit_number_is_accepted() {
        let mobile = MobileNumber::parse("13812345678").expect("valid");
        assert_eq!(mobile.as_str(), "13812345678");
    }

    #[test]
    fn country_codes_spaces_and_dashes_are_removed() {
        for input in [
            "+86 138 1234 5678",
            "+86-138-1234-5678",
            "86 13812345678",
            "8613812345678",
            " 138-1234-5678 ",
        ] {
            let mobile = MobileNumber::parse(input).expect(input);
            assert_eq!(mobile.as_str(), "13812345678", "{input}");
        }
    }

    #[test]
    fn full_width_digits_and_ideographic_spaces_are_accepted() {
        for input in [
            "１３８１２３４５６７８",
            "＋８６\u{3000}１３８－１２３４－５６７８",
            "138\u{3000}1234\u{3000}5678",
        ] {
            let mobile = MobileNumber::parse(input).expect(input);
            assert_eq!(mobile.as_str(), "13812345678", "{input}");
        }
    }

    #[test]
    fn an_empty_or_separator_only_input_is_empty() {
        assert_eq!(MobileNumber::parse(""), Err(MobileNumberError::Empty));
        assert_eq!(MobileNumber::parse(" - - "), Err(MobileNumberError::Empty));
    }

    #[test]
    fn letters_brackets_and_stray_plus_signs_are_invalid_characters() {
        for input in [
            "1381234567a",
            "(138)12345678",
            "+1 13812345678",
            "138.1234.5678",
        ] {
            assert_eq!(
                MobileNumber::parse(input),
                Err(MobileNumberError::InvalidCharacter),
                "{input}"
            );
        }
    }

    #[test]
    fn too_few_or_too_many_digits_is_the_wrong_length() {
        for input in ["1381234567", "138123456789", "+86", "0086 13812345678"] {
            assert_eq!(
                MobileNumber::parse(input),
                Err(MobileNumberError::WrongLength),
                "{input}"
            );
        }
    }

    #[test]
    fn landlines_and_unassigned_prefixes_are_rejected() {
        for input in ["12012345678", "10086100861", "23812345678"] {
            assert_eq!(
                MobileNumber::parse(input),
                Err(MobileNumberError::BadPrefix),
                "{input}"
            );
        }
        // With an area code, whatever its length, it is said to be a landline.
        for input in [
            "01012345678",
            "0851-8612345",
            "085486121234",
            "0854 7321201",
            "(0851)8612345",
            "（0851）8612345",
            "8612345",
            "86123456",
            "5812345",
        ] {
            assert_eq!(
                MobileNumber::parse(input),
                Err(MobileNumberError::Landline),
                "{input}"
            );
        }
    }

    #[test]
    fn the_masked_form_hides_the_middle_four_digits() {
        let mobile = MobileNumber::parse("13812345678").expect("valid");
        assert_eq!(mobile.masked(), "138****5678");
    }

    #[test]
    fn debug_output_never_contains_the_full_number() {
        let mobile = MobileNumber::parse("13812345678").expect("valid");
        assert_eq!(format!("{mobile:?}"), "MobileNumber(\"138****5678\")");
        assert_eq!(mobile.to_string(), "13812345678");
    }

    #[test]
    fn serde_round_trips_through_the_normalised_digits() {
        let de: StrDeserializer<'_, DeError> = "+86 138-1234-5678".into_deserializer();
        let mobile = MobileNumber::deserialize(de).expect("valid");
        assert_eq!(String::from(mobile), "13812345678");
        let bad: StrDeserializer<'_, DeError> = "12345".into_deserializer();
        assert!(MobileNumber::deserialize(bad).is_err());
    }

    #[test]
    fn every_error_has_a_well_formed_message() {
        super::super::message::tests::assert_messages_are_well_formed(
            "mobile_number",
            &[
                MobileNumberError::Empty,
                MobileNumberError::InvalidCharacter,
                MobileNumberError::WrongLength,
                MobileNumberError::BadPrefix,
                MobileNumberError::Landline,
            ],
        );
    }

    proptest! {
        #[test]
        fn any_valid_number_survives_formatting_noise(
            digits in "1[3-9][0-9]{9}",
            prefix in prop::sample::select(vec!["", "+86", "86", "+86 ", "86-"]),
        ) {
            let formatted = format!("{prefix}{} {}-{}", &digits[..3], &digits[3..7], &digits[7..]);
            let mobile = MobileNumber::parse(&formatted).expect("valid");
            prop_assert_eq!(mobile.as_str(), digits.as_str());
            let reparsed = MobileNumber::parse(&mobile.masked());
            prop_assert_eq!(reparsed, Err(MobileNumberError::InvalidCharacter));
        }

        #[test]
        fn full_width_and_half_width_forms_parse_to_the_same_number(
            digits in "1[3-9][0-9]{9}",
            widths in prop::collection::vec(any::<bool>(), 11),
        ) {
            let typed: String = digits
                .chars()
                .zip(widths)
                .map(|(c, wide)| if wide { char::from_u32(u32::from(c) - 0x30 + 0xFF10).expect("digit") } else { c })
                .collect();
            let mobile = MobileNumber::parse(&typed).expect("valid");
            prop_assert_eq!(mobile.as_str(), digits.as_str());
        }

        #[test]
        fn spaces_anywhere_are_ignored(
            digits in "1[3-9][0-9]{9}",
            spaces in prop::collection::vec((0usize..12, prop::sample::select(vec![' ', '\u{3000}', '\t', '\u{00A0}'])), 0..6),
        ) {
            let mut chars: Vec<char> = digits.chars().collect();
            for (at, space) in spaces {
                chars.insert(at.min(chars.len()), space);
            }
            let typed: String = chars.into_iter().collect();
            let mobile = MobileNumber::parse(&typed).expect("valid");
            prop_assert_eq!(mobile.as_str(), digits.as_str());
        }

        #[test]
        fn parsing_never_panics(input in "\\PC{0,20}") {
            let _ = MobileNumber::parse(&input);
        }
    }
}
