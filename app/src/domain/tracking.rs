//! Tracking number (查询码; one name for it everywhere a household reads it) handed to whoever files a report.
//!
//! Ten characters from a 31-symbol alphabet without look-alikes (no 0/O, 1/I/L):
//! nine random symbols and one check symbol. The check makes the weighted sum
//! `Σ (i + 1) · value(cᵢ)` over all ten positions ≡ 0 (mod 31). Because 31 is prime
//! and the weights 1..=10 are distinct and non-zero mod 31, every single-symbol
//! typo and every transposition of two different symbols is detected.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::message::user_messages;
use super::newtype::string_newtype;

/// The 31 symbols, in value order.
pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const BASE: u32 = 31;
const RANDOM_LEN: usize = 9;
const LENGTH: usize = RANDOM_LEN + 1;
/// Inverse of the check position's weight (10) modulo 31: 10 · 28 = 280 = 9 · 31 + 1.
const INVERSE_OF_CHECK_WEIGHT: u32 = 28;

/// A valid 10-character tracking number, stored upper-case without separators.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TrackingNumber(String);

/// Why a string is not a valid [`TrackingNumber`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrackingNumberError {
    Empty,
    WrongLength,
    InvalidCharacter,
    BadCheckCharacter,
}

/// The symbol read for `symbol` in handwriting or a small font, if any.
fn look_alike(symbol: char) -> Option<char> {
    const PAIRS: [(char, char); 4] = [('2', 'Z'), ('5', 'S'), ('8', 'B'), ('U', 'V')];
    PAIRS.iter().find_map(|&(a, b)| match symbol {
        s if s == a => Some(b),
        s if s == b => Some(a),
        _ => None,
    })
}

/// The input's symbols, upper case, without spaces or hyphens, full-width digits folded.
fn compact(input: &str) -> Vec<char> {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| crate::domain::typed_digits::fold_full_width(c).to_ascii_uppercase())
        .filter(|c| *c != '-')
        .collect()
}

/// Value (0..31) of an upper-case alphabet symbol.
fn value_of(symbol: u8) -> Option<u32> {
    ALPHABET
        .iter()
        .position(|&s| s == symbol)
        .and_then(|v| u32::try_from(v).ok())
}

/// Symbol for a value; callers pass values already reduced modulo 31.
fn symbol_of(value: u32) -> u8 {
    ALPHABET[(value % BASE) as usize]
}

/// Check symbol for nine symbol values.
fn check_symbol(values: &[u32; RANDOM_LEN]) -> u8 {
    let partial = values
        .iter()
        .zip(1u32..)
        .map(|(value, weight)| value * weight)
        .sum::<u32>()
        % BASE;
    // Solve partial + 10·c ≡ 0 (mod 31).
    symbol_of((BASE - partial) % BASE * INVERSE_OF_CHECK_WEIGHT)
}

impl TrackingNumber {
    /// Builds a fresh number from 16 bytes of OS randomness supplied by the caller.
    /// The nine symbols are the lowest base-31 digits of the bytes read as a `u128`;
    /// 2¹²⁸ is so much larger than 31⁹ that the bias is negligible (< 10⁻²⁴).
    pub fn from_random(bytes: [u8; 16]) -> TrackingNumber {
        let mut n = u128::from_le_bytes(bytes);
        let mut values = [0u32; RANDOM_LEN];
        for value in &mut values {
            // `n % 31` is below 31, so the narrowing cannot lose anything.
            *value = (n % u128::from(BASE)) as u32;
            n /= u128::from(BASE);
        }
        let mut text: Vec<u8> = values.iter().map(|&v| symbol_of(v)).collect();
        text.push(check_symbol(&values));
        TrackingNumber(text.into_iter().map(char::from).collect())
    }

    /// Parses user input: case-insensitive, spaces and `-` ignored. Look-alike
    /// characters (0, O, 1, I, L) are rejected, not guessed.
    pub fn parse(input: &str) -> Result<TrackingNumber, TrackingNumberError> {
        let compact = compact(input);
        if compact.is_empty() {
            return Err(TrackingNumberError::Empty);
        }
        let mut values = Vec::with_capacity(compact.len());
        for c in &compact {
            let value = u8::try_from(*c).ok().and_then(value_of);
            values.push(value.ok_or(TrackingNumberError::InvalidCharacter)?);
        }
        let Ok(values) = <[u32; LENGTH]>::try_from(values) else {
            return Err(TrackingNumberError::WrongLength);
        };
        let weighted = values
            .iter()
            .zip(1u32..)
            .map(|(value, weight)| value * weight)
            .sum::<u32>();
        if weighted % BASE != 0 {
            return Err(TrackingNumberError::BadCheckCharacter);
        }
        Ok(TrackingNumber(compact.into_iter().collect()))
    }

    /// The one number `input` is with a single symbol read as its look-alike (2/Z, 5/S, 8/B,
    /// U/V), when `input` fails its check and exactly one such number passes it: a number
    /// copied by hand as PZA5 for PZAS was only called wrong (household tester). Any number
    /// with a good check symbol can be made by anyone: offering one tells nothing of filings.
    pub fn look_alike_of(input: &str) -> Option<TrackingNumber> {
        if TrackingNumber::parse(input) != Err(TrackingNumberError::BadCheckCharacter) {
            return None;
        }
        let typed = compact(input);
        let mut found = None;
        for (at, symbol) in typed.iter().enumerate() {
            let Some(other) = look_alike(*symbol) else {
                continue;
            };
            let mut candidate = typed.clone();
            candidate[at] = other;
            let text: String = candidate.into_iter().collect();
            if let Ok(number) = TrackingNumber::parse(&text) {
                if found.replace(number).is_some() {
                    return None;
                }
            }
        }
        found
    }

    /// The ten symbols without separators, e.g. `ABCDEFGHJK`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Grouped 4-4-2 for reading aloud and printing, e.g. `ABCD-EFGH-JK`.
    pub fn grouped(&self) -> String {
        format!("{}-{}-{}", &self.0[..4], &self.0[4..8], &self.0[8..])
    }

    /// What a form shows back of `input`: the grouped number when it is one (so the box
    /// reads as the result and the SMS do), else the input as typed, to be corrected.
    pub fn shown_back(input: &str) -> String {
        TrackingNumber::parse(input).map_or_else(|_| input.to_owned(), |n| n.grouped())
    }

    /// [`shown_back`](Self::shown_back) for a number that came in an address (`/track?n=`):
    /// a slip is shown back to be mended only if it could be one. The address is anyone's to
    /// write, and a sentence in it read as the site's own words (attacker tester).
    pub fn typed_back(input: &str) -> String {
        // Ten characters and two hyphens, give or take a space or two. Digits alone are a
        // mobile or ID number typed in the wrong box, not a slip: personal data is never put
        // back in an address (attacker tester); a number all of digits 2-9 still parses.
        // Seven digits in a row are a phone number with a letter slipped in (13900000001a),
        // never a number of ten random symbols that fails to parse.
        let longest_digits = input
            .split(|c: char| !c.is_ascii_digit())
            .map(str::len)
            .max()
            .unwrap_or(0);
        let could_be = input.chars().count() <= 14
            && input
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
            && input.chars().any(|c| c.is_ascii_alphabetic())
            && longest_digits < 7;
        if could_be || TrackingNumber::parse(input).is_ok() {
            TrackingNumber::shown_back(input)
        } else {
            String::new()
        }
    }
}

/// A tracking number as someone who may not open its case sees it: its first four symbols
/// (`ABCD-****-**`), enough to tell two apart, not to look one up.
pub fn masked(number: &str) -> String {
    let first: String = number.chars().take(4).collect();
    format!("{first}-****-**")
}

/// `text` with each tracking number in it masked to its first four symbols (`ABCD-****-**`):
/// a refusal's reason written as "重复申报，原申报查询码 GM32-HC5P-F3" went to whoever filed the
/// refused report and to the alerting department, who then had a neighbour's number
/// (attacker tester).
pub fn masked_in(text: &str) -> String {
    fn flush(out: &mut String, token: &mut String) {
        match TrackingNumber::parse(token) {
            Ok(number) => out.push_str(&masked(number.as_str())),
            Err(_) => out.push_str(token),
        }
        token.clear();
    }
    let (mut out, mut token) = (String::with_capacity(text.len()), String::new());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            token.push(c);
        } else {
            flush(&mut out, &mut token);
            out.push(c);
        }
    }
    flush(&mut out, &mut token);
    out
}

/// Prints the grouped form `ABCD-EFGH-JK`.
impl fmt::Display for TrackingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.grouped())
    }
}

string_newtype!(TrackingNumber, TrackingNumberError);

user_messages! {
    TrackingNumberError {
        Empty => tracking_number.empty;
        WrongLength => tracking_number.wrong_length;
        InvalidCharacter => tracking_number.invalid_character;
        BadCheckCharacter => tracking_number.bad_check_character;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::value::{Error as DeError, StrDeserializer};
    use serde::de::IntoDeserializer;

    fn symbol() -> impl Strategy<Value = u8> {
        prop::sample::select(ALPHABET.to_vec())
    }

    #[test]
    fn the_alphabet_has_thirty_one_distinct_unambiguous_symbols() {
        let mut symbols = ALPHABET.to_vec();
        symbols.sort_unstable();
        symbols.dedup();
        assert_eq!(symbols.len(), 31);
        for look_alike in *b"01ILO" {
            assert!(!ALPHABET.contains(&look_alike));
        }
    }

    /// A look-alike slip (5 for S) is offered back as the number it must be, or nothing
    /// when two numbers would fit; a number that passes is offered nothing.
    #[test]
    fn a_look_alike_slip_is_offered_back_as_the_number_it_must_be() {
        let mut offered = 0;
        for seed in 0u8..=255 {
            let good = TrackingNumber::from_random([seed; 16]);
            let text = good.as_str().to_owned();
            assert_eq!(TrackingNumber::look_alike_of(&text), None, "{text} passes");
            for (at, symbol) in text.char_indices() {
                let Some(other) = look_alike(symbol) else {
                    continue;
                };
                let mut slip = text.clone();
                slip.replace_range(at..=at, &other.to_string());
                if let Some(back) = TrackingNumber::look_alike_of(&slip.to_lowercase()) {
                    assert_eq!(back, good, "{slip}");
                    offered += 1;
                }
            }
        }
        assert!(offered > 100, "{offered}");
    }

    #[test]
    fn all_zero_randomness_gives_a_valid_number() {
        let number = TrackingNumber::from_random([0; 16]);
        assert_eq!(number.as_str(), "2222222222");
        assert_eq!(TrackingNumber::parse(number.as_str()), Ok(number));
    }

    #[test]
    fn a_known_number_parses_in_any_case_and_with_separators() {
        let number = TrackingNumber::from_random([7; 16]);
        let lower = number.grouped().to_lowercase();
        let spaced = format!(" {} ", number.grouped().replace('-', " "));
        assert_eq!(TrackingNumber::parse(&lower), Ok(number.clone()));
        assert_eq!(TrackingNumber::parse(&spaced), Ok(number));
    }

    #[test]
    fn grouped_and_display_use_four_four_two() {
        let number = TrackingNumber::from_random([0xA5; 16]);
        let grouped = number.grouped();
        assert_eq!(grouped.len(), 12);
        assert_eq!(&grouped[4..5], "-");
        assert_eq!(&grouped[9..10], "-");
        assert_eq!(grouped.replace('-', ""), number.as_str());
        assert_eq!(number.to_string(), grouped);
    }

    #[test]
    fn a_number_is_shown_back_grouped_and_anything_else_as_typed() {
        let number = TrackingNumber::from_random([0x3C; 16]);
        let compact = number.as_str().to_lowercase();
        assert_eq!(TrackingNumber::shown_back(&compact), number.grouped());
        assert_eq!(TrackingNumber::shown_back("ABCD-EFG"), "ABCD-EFG");
        assert_eq!(TrackingNumber::typed_back("abcd efg"), "abcd efg");
        assert_eq!(
            TrackingNumber::typed_back(&compact.to_lowercase()),
            number.grouped()
        );
        let sentence = "号码已冻结，请立即拨打客服 400-000-0000";
        assert_eq!(TrackingNumber::typed_back(sentence), "");
        assert_eq!(TrackingNumber::typed_back(&"A".repeat(15)), "");
        assert_eq!(TrackingNumber::typed_back("CALL 4008123456 NOW"), "");
        let number = TrackingNumber::from_random([7; 16]).grouped();
        assert_eq!(
            masked_in(&format!("重复申报，原申报查询码 {number}。")),
            format!("重复申报，原申报查询码 {}-****-**。", &number[..4])
        );
        assert_eq!(
            masked_in("户籍不在本县 2026-12-01"),
            "户籍不在本县 2026-12-01"
        );
        // A mobile typed in the wrong box is personal data, not a slip to mend.
        assert_eq!(TrackingNumber::typed_back("13900000001"), "");
        assert_eq!(TrackingNumber::typed_back("139 0000 0001"), "");
        assert_eq!(TrackingNumber::typed_back("13900000001a"), "");
        assert_eq!(TrackingNumber::typed_back("tel13900000001"), "");
        assert_eq!(TrackingNumber::shown_back(""), "");
    }

    #[test]
    fn an_empty_input_is_empty() {
        assert_eq!(TrackingNumber::parse(""), Err(TrackingNumberError::Empty));
        assert_eq!(
            TrackingNumber::parse(" - -"),
            Err(TrackingNumberError::Empty)
        );
    }

    #[test]
    fn look_alike_and_foreign_characters_are_invalid() {
        for input in [
            "O222222222",
            "2222222220",
            "I222222222",
            "L222222222",
            "2222_22222",
            "２２２２＿２２２２２",
        ] {
            assert_eq!(
                TrackingNumber::parse(input),
                Err(TrackingNumberError::InvalidCharacter),
                "{input}"
            );
        }
    }

    #[test]
    fn too_short_or_too_long_is_the_wrong_length() {
        assert_eq!(
            TrackingNumber::parse("222222222"),
            Err(TrackingNumberError::WrongLength)
        );
        assert_eq!(
            TrackingNumber::parse("22222222222"),
            Err(TrackingNumberError::WrongLength)
        );
    }

    #[test]
    fn a_wrong_check_character_is_rejected() {
        assert_eq!(
            TrackingNumber::parse("2222222223"),
            Err(TrackingNumberError::BadCheckCharacter)
        );
    }

    #[test]
    fn a_number_typed_in_full_width_on_a_phone_is_the_same_number() {
        let number = TrackingNumber::from_random([42; 16]);
        let typed: String = number
            .grouped()
            .chars()
            .map(|c| char::from_u32(u32::from(c) - 0x21 + 0xFF01).expect("full width"))
            .collect();
        assert_eq!(TrackingNumber::parse(&typed), Ok(number.clone()));
        assert_eq!(TrackingNumber::parse(&typed.to_lowercase()), Ok(number));
    }

    #[test]
    fn serde_uses_the_compact_string() {
        let number = TrackingNumber::from_random([42; 16]);
        let grouped = number.grouped();
        let de: StrDeserializer<'_, DeError> = grouped.as_str().into_deserializer();
        let parsed = TrackingNumber::deserialize(de).expect("valid");
        assert_eq!(String::from(parsed), number.as_str());
    }

    #[test]
    fn every_error_has_a_well_formed_message() {
        super::super::message::tests::assert_messages_are_well_formed(
            "tracking_number",
            &[
                TrackingNumberError::Empty,
                TrackingNumberError::WrongLength,
                TrackingNumberError::InvalidCharacter,
                TrackingNumberError::BadCheckCharacter,
            ],
        );
    }

    proptest! {
        #[test]
        fn every_random_number_is_valid_and_round_trips(bytes in any::<[u8; 16]>()) {
            let number = TrackingNumber::from_random(bytes);
            prop_assert_eq!(number.as_str().len(), 10);
            prop_assert!(number.as_str().bytes().all(|b| ALPHABET.contains(&b)));
            prop_assert_eq!(TrackingNumber::parse(number.as_str()), Ok(number.clone()));
            prop_assert_eq!(TrackingNumber::parse(&number.grouped()), Ok(number));
        }

        #[test]
        fn any_single_character_typo_is_caught(
            bytes in any::<[u8; 16]>(),
            position in 0usize..10,
            replacement in symbol(),
        ) {
            let number = TrackingNumber::from_random(bytes);
            let mut typo = number.as_str().as_bytes().to_vec();
            prop_assume!(typo[position] != replacement);
            typo[position] = replacement;
            let typo = String::from_utf8(typo).expect("ascii");
            prop_assert_eq!(
                TrackingNumber::parse(&typo),
                Err(TrackingNumberError::BadCheckCharacter)
            );
        }

        #[test]
        fn any_adjacent_transposition_of_different_characters_is_caught(
            bytes in any::<[u8; 16]>(),
            position in 0usize..9,
        ) {
            let number = TrackingNumber::from_random(bytes);
            let mut swapped = number.as_str().as_bytes().to_vec();
            prop_assume!(swapped[position] != swapped[position + 1]);
            swapped.swap(position, position + 1);
            let swapped = String::from_utf8(swapped).expect("ascii");
            prop_assert_eq!(
                TrackingNumber::parse(&swapped),
                Err(TrackingNumberError::BadCheckCharacter)
            );
        }

        #[test]
        fn parsing_never_panics(input in "\\PC{0,16}") {
            let _ = TrackingNumber::parse(&input);
        }
    }

    /// Exhaustive companion to the property tests: for every position and every
    /// pair of different symbols, a typo or a swap with the next position changes
    /// the weighted sum modulo 31.
    #[test]
    fn the_weights_detect_every_typo_and_transposition_exhaustively() {
        let base = i64::from(BASE);
        for a in 0..base {
            for b in (0..base).filter(|&b| b != a) {
                for weight in 1..=10i64 {
                    assert_ne!((weight * (a - b)).rem_euclid(base), 0);
                }
                for weight in 1..=9i64 {
                    let before = weight * a + (weight + 1) * b;
                    let after = weight * b + (weight + 1) * a;
                    assert_ne!((before - after).rem_euclid(base), 0);
                }
            }
        }
    }
}
