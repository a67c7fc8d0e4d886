//! Glue shared by the validated string newtypes ([`super::IdNumber`],
//! [`super::MobileNumber`], [`super::RegionCode`], [`super::TrackingNumber`]).

/// Implements the conversions of a `struct $name(String)` whose only constructor
/// is `$name::parse(&str) -> Result<$name, $error>`:
///
/// - `AsRef<str>` for the stored string;
/// - `FromStr` and `TryFrom<String>`, both through `parse`;
/// - `From<$name> for String`, giving back the stored string.
///
/// The last two are what `#[serde(try_from = "String", into = "String")]` on the
/// struct relies on, so deserialising always goes through `parse`.
macro_rules! string_newtype {
    ($name:ident, $error:ty) => {
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = $error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $error;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $name::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

pub(crate) use string_newtype;
