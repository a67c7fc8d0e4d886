//! Statistical division code (统计用区划代码), 12 digits:
//! 6 county digits + 3 township digits + 3 village digits.
//!
//! The level is derived from the trailing zeros: `130102000000` is a county,
//! `130102001000` a township in it, `130102001203` a village in that township.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::message::user_messages;
use super::newtype::string_newtype;

const LENGTH: usize = 12;
const COUNTY_LEN: usize = 6;
const TOWNSHIP_LEN: usize = 9;

/// Level of a [`RegionCode`] in the county > township > village tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    County,
    Township,
    Village,
}

/// A 12-digit region code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(String);

/// Why a string is not a valid [`RegionCode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RegionCodeError {
    Empty,
    WrongLength,
    InvalidCharacter,
}

impl RegionCode {
    /// Parses a 12-digit code; surrounding whitespace is ignored.
    pub fn parse(input: &str) -> Result<RegionCode, RegionCodeError> {
        let code = input.trim();
        if code.is_empty() {
            return Err(RegionCodeError::Empty);
        }
        if !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(RegionCodeError::InvalidCharacter);
        }
        if code.len() != LENGTH {
            return Err(RegionCodeError::WrongLength);
        }
        Ok(RegionCode(code.to_owned()))
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// County if the last 6 digits are zero, township if the last 3 are, else village.
    pub fn level(&self) -> RegionLevel {
        if is_zero(&self.0[COUNTY_LEN..]) {
            RegionLevel::County
        } else if is_zero(&self.0[TOWNSHIP_LEN..]) {
            RegionLevel::Township
        } else {
            RegionLevel::Village
        }
    }

    /// The region one level up: village -> township, township -> county, county -> none.
    /// A village code whose township digits are `000` has the county as parent.
    pub fn parent(&self) -> Option<RegionCode> {
        match self.level() {
            RegionLevel::County => None,
            RegionLevel::Township => Some(self.truncated(COUNTY_LEN)),
            RegionLevel::Village => Some(self.truncated(TOWNSHIP_LEN)),
        }
    }

    /// The county this region belongs to (itself for a county).
    pub fn county(&self) -> RegionCode {
        self.truncated(COUNTY_LEN)
    }

    /// The township containing a village, the township itself, or `None` for a county
    /// (and for a malformed village code whose township digits are `000`).
    pub fn township(&self) -> Option<RegionCode> {
        match self.level() {
            RegionLevel::County => None,
            RegionLevel::Township => Some(self.clone()),
            RegionLevel::Village => {
                Some(self.truncated(TOWNSHIP_LEN)).filter(|t| t.level() == RegionLevel::Township)
            }
        }
    }

    /// Whether `other` lies within this region. Reflexive: a region contains itself.
    /// A county contains its townships and villages, a township its villages, and a
    /// village only itself.
    pub fn contains(&self, other: &RegionCode) -> bool {
        let prefix_len = match self.level() {
            RegionLevel::County => COUNTY_LEN,
            RegionLevel::Township => TOWNSHIP_LEN,
            RegionLevel::Village => LENGTH,
        };
        self.0[..prefix_len] == other.0[..prefix_len]
    }

    /// This code with every digit from `keep` on set to zero.
    fn truncated(&self, keep: usize) -> RegionCode {
        RegionCode(format!("{}{}", &self.0[..keep], "0".repeat(LENGTH - keep)))
    }
}

fn is_zero(digits: &str) -> bool {
    digits.bytes().all(|b| b == b'0')
}

impl TryFrom<String> for RegionLevel {
    type Error = String;

    /// The level from its stored code.
    fn try_from(code: String) -> Result<Self, Self::Error> {
        RegionLevel::from_code(&code).ok_or_else(|| format!("unknown region level {code}"))
    }
}

impl RegionLevel {
    pub fn from_code(code: &str) -> Option<RegionLevel> {
        [
            RegionLevel::County,
            RegionLevel::Township,
            RegionLevel::Village,
        ]
        .into_iter()
        .find(|l| l.code() == code)
    }

    /// Stable snake_case code.
    pub fn code(self) -> &'static str {
        match self {
            RegionLevel::County => "county",
            RegionLevel::Township => "township",
            RegionLevel::Village => "village",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            RegionLevel::County => "县",
            RegionLevel::Township => "乡镇",
            RegionLevel::Village => "村",
        }
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

string_newtype!(RegionCode, RegionCodeError);

user_messages! {
    RegionCodeError {
        Empty => region_code.empty;
        WrongLength => region_code.wrong_length;
        InvalidCharacter => region_code.invalid_character;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::value::{Error as DeError, StrDeserializer};
    use serde::de::IntoDeserializer;

    fn code(s: &str) -> RegionCode {
        RegionCode::parse(s).expect("valid region code")
    }

    #[test]
    fn trailing_zeros_decide_the_level() {
        assert_eq!(code("130102000000").level(), RegionLevel::County);
        assert_eq!(code("130102001000").level(), RegionLevel::Township);
        assert_eq!(code("130102001203").level(), RegionLevel::Village);
        assert_eq!(code("130102100000").level(), RegionLevel::Township);
        assert_eq!(code("130102001010").level(), RegionLevel::Village);
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        assert_eq!(code(" 130102001203\n").as_str(), "130102001203");
    }

    #[test]
    fn bad_input_gets_a_specific_error() {
        assert_eq!(RegionCode::parse("  "), Err(RegionCodeError::Empty));
        assert_eq!(
            RegionCode::parse("130102"),
            Err(RegionCodeError::WrongLength)
        );
        assert_eq!(
            RegionCode::parse("1301020010001"),
            Err(RegionCodeError::WrongLength)
        );
        assert_eq!(
            RegionCode::parse("130102-001-000"),
            Err(RegionCodeError::InvalidCharacter)
        );
        assert_eq!(
            RegionCode::parse("13010200100０"),
            Err(RegionCodeError::InvalidCharacter)
        );
    }

    #[test]
    fn parents_walk_up_the_tree_and_stop_at_the_county() {
        let village = code("130102001203");
        let township = village.parent().expect("village has a parent");
        assert_eq!(township, code("130102001000"));
        let county = township.parent().expect("township has a parent");
        assert_eq!(county, code("130102000000"));
        assert_eq!(county.parent(), None);
        assert_eq!(village.county(), county);
        assert_eq!(county.county(), county);
    }

    #[test]
    fn the_township_of_a_village_is_its_parent_and_of_a_township_itself() {
        let township = code("130102001000");
        assert_eq!(code("130102001203").township(), Some(township.clone()));
        assert_eq!(township.township(), Some(township));
        assert_eq!(code("130102000000").township(), None);
    }

    #[test]
    fn a_village_without_township_digits_belongs_directly_to_the_county() {
        let odd = code("130102000123");
        assert_eq!(odd.level(), RegionLevel::Village);
        assert_eq!(odd.township(), None);
        assert_eq!(odd.parent(), Some(code("130102000000")));
        assert!(code("130102000000").contains(&odd));
    }

    #[test]
    fn a_county_contains_its_townships_and_villages_but_not_its_neighbours() {
        let county = code("130102000000");
        assert!(county.contains(&county));
        assert!(county.contains(&code("130102001000")));
        assert!(county.contains(&code("130102001203")));
        assert!(!county.contains(&code("130103001203")));
        assert!(!county.contains(&code("130103000000")));
    }

    #[test]
    fn a_township_contains_only_its_own_villages() {
        let township = code("130102001000");
        assert!(township.contains(&code("130102001203")));
        assert!(township.contains(&township));
        assert!(!township.contains(&code("130102002203")));
        assert!(!township.contains(&code("130102000000")));
    }

    #[test]
    fn a_village_contains_only_itself() {
        let village = code("130102001203");
        assert!(village.contains(&village));
        assert!(!village.contains(&code("130102001204")));
        assert!(!village.contains(&code("130102001000")));
    }

    #[test]
    fn serde_uses_the_digits_and_levels_use_snake_case() {
        let de: StrDeserializer<'_, DeError> = "130102001203".into_deserializer();
        let parsed = RegionCode::deserialize(de).expect("valid");
        assert_eq!(String::from(parsed), "130102001203");
        for level in [
            RegionLevel::County,
            RegionLevel::Township,
            RegionLevel::Village,
        ] {
            let de: StrDeserializer<'_, DeError> = level.code().into_deserializer();
            assert_eq!(RegionLevel::deserialize(de), Ok(level));
            assert!(!level.label_zh().is_ascii());
        }
    }

    #[test]
    fn every_error_has_a_well_formed_message() {
        super::super::message::tests::assert_messages_are_well_formed(
            "region_code",
            &[
                RegionCodeError::Empty,
                RegionCodeError::WrongLength,
                RegionCodeError::InvalidCharacter,
            ],
        );
    }

    /// Codes from a small tree, so related pairs come up often.
    fn small_tree_code() -> impl Strategy<Value = RegionCode> {
        (
            prop::sample::select(vec!["130102", "130103"]),
            prop::sample::select(vec!["000", "001", "002"]),
            prop::sample::select(vec!["000", "001", "002"]),
        )
            .prop_map(|(county, township, village)| code(&format!("{county}{township}{village}")))
    }

    proptest! {
        #[test]
        fn every_ancestor_contains_its_descendant(digits in "[0-9]{12}") {
            let region = code(&digits);
            let mut current = region.clone();
            while let Some(parent) = current.parent() {
                prop_assert!(parent.level() < current.level());
                prop_assert!(parent.contains(&region));
                prop_assert!(!region.contains(&parent));
                current = parent;
            }
            prop_assert_eq!(current.level(), RegionLevel::County);
            prop_assert_eq!(current, region.county());
            if let Some(township) = region.township() {
                prop_assert!(township.contains(&region));
                prop_assert_eq!(township.level(), RegionLevel::Township);
            }
        }

        #[test]
        fn containment_is_transitive_and_antisymmetric(
            a in small_tree_code(),
            b in small_tree_code(),
            c in small_tree_code(),
        ) {
            if a.contains(&b) && b.contains(&c) {
                prop_assert!(a.contains(&c));
            }
            if a.contains(&b) && b.contains(&a) {
                prop_assert_eq!(&a, &b);
            }
        }

        #[test]
        fn parsing_never_panics(input in "\\PC{0,16}") {
            let _ = RegionCode::parse(&input);
        }
    }
}
