//! Money as an integer number of fen (分, 1/100 yuan). No floating point anywhere.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::message::user_messages;

const FEN_PER_YUAN: i64 = 100;

/// An amount of money in fen. Serialised as the bare integer number of fen.
///
/// Parsed amounts are never negative; differences computed with
/// [`Fen::checked_sub`] may be.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Fen(i64);

/// Why a string is not a valid yuan amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoneyError {
    Empty,
    InvalidNumber,
    TooManyDecimals,
    Negative,
    TooLarge,
}

impl Fen {
    pub const ZERO: Fen = Fen(0);

    pub const fn from_fen(fen: i64) -> Fen {
        Fen(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// Parses a yuan amount as typed by a person: `7300`, `7300.5`, `7,300.50`,
    /// `¥7300`, `￥7,300.00`, `7300元`. At most two decimals; thousands separators
    /// must be in the right places (`73,00` is rejected rather than guessed).
    pub fn parse_yuan(input: &str) -> Result<Fen, MoneyError> {
        // Full-width digits, point and comma (１，２００．５) are what many Chinese
        // keyboards type.
        let folded: String = input
            .chars()
            .map(super::typed_digits::fold_full_width)
            .collect();
        let text = folded.trim();
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, text),
        };
        let text = text.strip_prefix(['¥', '￥']).unwrap_or(text).trim_start();
        let text = text.strip_suffix('元').unwrap_or(text).trim_end();
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) if !negative => (true, rest),
            _ => (negative, text),
        };
        if text.is_empty() {
            return Err(if negative {
                MoneyError::InvalidNumber
            } else {
                MoneyError::Empty
            });
        }
        let (integer, fraction) = match text.split_once('.') {
            Some((integer, fraction)) => (integer, Some(fraction)),
            None => (text, None),
        };
        let integer_digits = ungrouped(integer).ok_or(MoneyError::InvalidNumber)?;
        let fraction_digits = match fraction {
            None => "",
            Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => f,
            Some(_) => return Err(MoneyError::InvalidNumber),
        };
        if fraction_digits.len() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let mut fen: i64 = 0;
        for digit in integer_digits.bytes().chain(
            fraction_digits
                .bytes()
                .chain(std::iter::repeat(b'0'))
                .take(2),
        ) {
            fen = fen
                .checked_mul(10)
                .and_then(|f| f.checked_add(i64::from(digit - b'0')))
                .ok_or(MoneyError::TooLarge)?;
        }
        if negative {
            return Err(MoneyError::Negative);
        }
        Ok(Fen(fen))
    }

    pub fn checked_add(self, other: Fen) -> Option<Fen> {
        self.0.checked_add(other.0).map(Fen)
    }

    pub fn checked_sub(self, other: Fen) -> Option<Fen> {
        self.0.checked_sub(other.0).map(Fen)
    }

    /// The sum of `amounts`; `None` when it does not fit (never wraps, never panics).
    pub fn checked_sum(amounts: impl IntoIterator<Item = Fen>) -> Option<Fen> {
        amounts
            .into_iter()
            .try_fold(Fen::ZERO, |sum, amount| sum.checked_add(amount))
    }

    /// Yuan as a spreadsheet number (display only: arithmetic stays in whole fen).
    pub fn yuan_for_spreadsheet(self) -> f64 {
        self.0 as f64 / FEN_PER_YUAN as f64
    }

    /// Plain decimal yuan without symbol or separators, e.g. `7300.50`, for
    /// pre-filling form inputs; it parses back with [`Fen::parse_yuan`] when
    /// non-negative.
    pub fn plain_yuan(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let per_yuan = FEN_PER_YUAN.unsigned_abs();
        format!("{sign}{}.{:02}", abs / per_yuan, abs % per_yuan)
    }
}

/// The integer digits of `integer` with thousands separators removed, or `None`
/// unless it is a non-empty run of ASCII digits, optionally grouped `1,234,567`.
fn ungrouped(integer: &str) -> Option<String> {
    let mut groups = integer.split(',');
    let first = groups.next()?;
    let grouped = integer.contains(',');
    let first_ok = !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && (!grouped || first.len() <= 3);
    if !first_ok {
        return None;
    }
    let mut digits = first.to_owned();
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    Some(digits)
}

impl Fen {
    /// `7,300.00` without a currency sign, for Chinese text that ends in "元" (`3,000.00 元`);
    /// negative amounts as `-12.50`.
    pub fn grouped_yuan(self) -> String {
        let (sign, digits) = self.sign_and_digits();
        format!("{sign}{digits}")
    }

    fn sign_and_digits(self) -> (&'static str, String) {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let per_yuan = FEN_PER_YUAN.unsigned_abs();
        let yuan = (abs / per_yuan).to_string();
        let mut grouped = String::with_capacity(yuan.len() + yuan.len() / 3 + 3);
        for (i, digit) in yuan.chars().enumerate() {
            if i > 0 && (yuan.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        grouped.push_str(&format!(".{:02}", abs % per_yuan));
        (sign, grouped)
    }
}

/// `num / den` rounded to the nearest whole number, halves away from zero, in integers only
/// (`-500000 / 3` is `-166667`, not the truncated `-166666`). `den` must be positive.
pub fn div_round_half_away(num: i128, den: i128) -> i128 {
    debug_assert!(den > 0);
    let (q, r) = (num / den, num % den);
    // `r` has the sign of `num`; `2|r| >= den`, written without doubling so it cannot overflow.
    if r.abs() >= den - r.abs() {
        q + num.signum()
    } else {
        q
    }
}

/// `¥7,300.00`; negative amounts as `-¥12.50`.
impl fmt::Display for Fen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (sign, digits) = self.sign_and_digits();
        write!(f, "{sign}¥{digits}")
    }
}

impl FromStr for Fen {
    type Err = MoneyError;
    /// Parses yuan, like [`Fen::parse_yuan`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Fen::parse_yuan(s)
    }
}

user_messages! {
    MoneyError {
        Empty => money.empty;
        InvalidNumber => money.invalid_number;
        TooManyDecimals => money.too_many_decimals;
        Negative => money.negative;
        TooLarge => money.too_large;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn common_ways_of_writing_yuan_are_accepted() {
        for (input, fen) in [
            ("7300", 730_000),
            ("7300.5", 730_050),
            ("7300.50", 730_050),
            ("7,300.50", 730_050),
            ("¥7300", 730_000),
            ("￥ 7,300.00", 730_000),
            ("7300元", 730_000),
            (" 0.05 ", 5),
            ("0", 0),
            ("1,234,567.89", 123_456_789),
            ("007", 700),
            // What Chinese keyboards type: full-width digits, comma and point.
            ("０", 0),
            ("￥１，２００．５", 120_050),
        ] {
            assert_eq!(Fen::parse_yuan(input), Ok(Fen::from_fen(fen)), "{input}");
        }
    }

    #[test]
    fn blank_input_is_empty() {
        assert_eq!(Fen::parse_yuan(""), Err(MoneyError::Empty));
        assert_eq!(Fen::parse_yuan("  "), Err(MoneyError::Empty));
        assert_eq!(Fen::parse_yuan("¥"), Err(MoneyError::Empty));
    }

    #[test]
    fn malformed_numbers_are_invalid() {
        for input in [
            "abc",
            "7300.",
            ".5",
            "7.3.0",
            "7 300",
            "73,00",
            "7,3000",
            ",730",
            "730,",
            "1e3",
            "+5",
            "7300.5a",
            "-",
            "¥-",
            "7,300.5,0",
            "NaN",
        ] {
            assert_eq!(
                Fen::parse_yuan(input),
                Err(MoneyError::InvalidNumber),
                "{input}"
            );
        }
    }

    #[test]
    fn more_than_two_decimals_is_rejected() {
        assert_eq!(
            Fen::parse_yuan("7300.505"),
            Err(MoneyError::TooManyDecimals)
        );
        assert_eq!(
            Fen::parse_yuan("7300.500"),
            Err(MoneyError::TooManyDecimals)
        );
    }

    #[test]
    fn negative_amounts_are_rejected() {
        for input in ["-5", "-¥5", "¥-5", "- 7,300.00"] {
            assert_eq!(Fen::parse_yuan(input), Err(MoneyError::Negative), "{input}");
        }
    }

    #[test]
    fn amounts_beyond_i64_fen_are_too_large() {
        assert_eq!(
            Fen::parse_yuan("92233720368547758.07"),
            Ok(Fen::from_fen(i64::MAX))
        );
        assert_eq!(
            Fen::parse_yuan("92233720368547758.08"),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(
            Fen::parse_yuan("99999999999999999999"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn display_uses_the_yuan_sign_thousands_separators_and_two_decimals() {
        assert_eq!(Fen::from_fen(730_000).to_string(), "¥7,300.00");
        assert_eq!(Fen::from_fen(5).to_string(), "¥0.05");
        assert_eq!(Fen::ZERO.to_string(), "¥0.00");
        assert_eq!(Fen::from_fen(100_000_000).to_string(), "¥1,000,000.00");
        assert_eq!(Fen::from_fen(12_345).to_string(), "¥123.45");
        assert_eq!(Fen::from_fen(-1_250).to_string(), "-¥12.50");
        assert_eq!(
            Fen::from_fen(i64::MIN).to_string(),
            "-¥92,233,720,368,547,758.08"
        );
    }

    #[test]
    fn plain_yuan_has_no_symbol_or_separators() {
        assert_eq!(Fen::from_fen(730_050).plain_yuan(), "7300.50");
        assert_eq!(Fen::from_fen(-5).plain_yuan(), "-0.05");
    }

    #[test]
    fn checked_arithmetic_reports_overflow() {
        let line = Fen::from_fen(730_000);
        let income = Fen::from_fen(650_000);
        assert_eq!(line.checked_sub(income), Some(Fen::from_fen(80_000)));
        assert_eq!(income.checked_sub(line), Some(Fen::from_fen(-80_000)));
        assert_eq!(line.checked_add(income), Some(Fen::from_fen(1_380_000)));
        assert_eq!(Fen::from_fen(i64::MAX).checked_add(Fen::from_fen(1)), None);
        assert_eq!(Fen::from_fen(i64::MIN).checked_sub(Fen::from_fen(1)), None);
        let max = Fen::from_fen(i64::MAX);
        assert_eq!(
            Fen::checked_sum([line, income]),
            Some(Fen::from_fen(1_380_000))
        );
        assert_eq!(Fen::checked_sum([]), Some(Fen::ZERO));
        assert_eq!(Fen::checked_sum([max, Fen::from_fen(1)]), None);
        assert_eq!(
            Fen::checked_sum([max, Fen::from_fen(1), Fen::from_fen(-1)]),
            None
        );
        assert!(income < line);
    }

    #[test]
    fn every_error_has_a_well_formed_message() {
        super::super::message::tests::assert_messages_are_well_formed(
            "money",
            &[
                MoneyError::Empty,
                MoneyError::InvalidNumber,
                MoneyError::TooManyDecimals,
                MoneyError::Negative,
                MoneyError::TooLarge,
            ],
        );
    }

    proptest! {
        #[test]
        fn display_and_plain_yuan_round_trip_through_parse(fen in 0i64..=i64::MAX) {
            let amount = Fen::from_fen(fen);
            prop_assert_eq!(Fen::parse_yuan(&amount.to_string()), Ok(amount));
            prop_assert_eq!(Fen::parse_yuan(&amount.plain_yuan()), Ok(amount));
        }

        #[test]
        fn order_matches_the_number_of_fen(a in any::<i64>(), b in any::<i64>()) {
            prop_assert_eq!(Fen::from_fen(a).cmp(&Fen::from_fen(b)), a.cmp(&b));
        }

        #[test]
        fn parsing_never_panics(input in "\\PC{0,24}") {
            let _ = Fen::parse_yuan(&input);
        }

        #[test]
        fn a_share_is_the_nearest_fen_with_halves_away_from_zero(
            num in -(1i128 << 70)..(1i128 << 70),
            den in 1i128..20,
        ) {
            let q = div_round_half_away(num, den);
            let off = num - q * den;
            // The nearest: at most half a share away, ...
            prop_assert!(2 * off.abs() <= den, "{num}/{den} gave {q}");
            // ... an exact half goes away from zero, ...
            if 2 * off.abs() == den {
                prop_assert!(q.abs() * den > num.abs(), "{num}/{den} gave {q}");
            }
            // ... and the sign is symmetric.
            prop_assert_eq!(div_round_half_away(-num, den), -q);
        }
    }

    #[test]
    fn shares_round_to_the_nearest_fen_not_towards_zero() {
        for (num, den, want) in [
            (-500_000, 3, -166_667),
            (500_000, 3, 166_667),
            (100, 3, 33),
            (5, 2, 3),
            (-5, 2, -3),
            (6, 3, 2),
            (0, 7, 0),
        ] {
            assert_eq!(div_round_half_away(num, den), want, "{num}/{den}");
        }
    }

    #[test]
    fn chinese_text_shows_yuan_without_the_sign_and_english_with_it() {
        assert_eq!(Fen::from_fen(300_000).grouped_yuan(), "3,000.00");
        assert_eq!(Fen::from_fen(-166_667).grouped_yuan(), "-1,666.67");
        assert_eq!(Fen::from_fen(-166_667).to_string(), "-¥1,666.67");
    }
}
