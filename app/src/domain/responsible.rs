//! The 帮扶责任人: a name and, in its own field, the mobile the household should call. The
//! household page shows both, the phone as a tap-to-call link. Events from before the phone
//! field hold one text, the name then the phone ("王村干 13800138000"); those are split for
//! display (`split_name_and_phone`), and only those.
use serde::{Deserialize, Serialize};

use super::{mobile::MobileNumber, typed_digits::fold_number};

/// The responsible person's mobile, kept under a `mobile` key so the vault seals it in the
/// case snapshot as it seals every mobile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponsiblePhone {
    pub mobile: MobileNumber,
}

/// The name and phone to show: the phone field when there is one, else (old events) the
/// phone split from the end of the name.
pub fn name_and_phone(person: &str, phone: Option<&ResponsiblePhone>) -> (String, Option<String>) {
    match phone {
        Some(p) => (person.trim().to_owned(), Some(p.mobile.as_str().to_owned())),
        None => split_name_and_phone(person),
    }
}

/// The name and, when the text ends with one, the phone number (a mobile, or a landline of
/// at least 7 digits such as `0851-2345678`).
pub fn split_name_and_phone(person: &str) -> (String, Option<String>) {
    let text = person.trim();
    let Some((name, last)) = text.rsplit_once(|c: char| c.is_whitespace() || c == '，' || c == ',')
    else {
        return (text.to_owned(), None);
    };
    let name = name.trim().trim_end_matches(['，', ',']).trim();
    if let Ok(mobile) = MobileNumber::parse(last) {
        return (name.to_owned(), Some(mobile.as_str().to_owned()));
    }
    let folded = fold_number(last);
    let digits = folded.chars().filter(char::is_ascii_digit).count();
    if digits >= 7 && folded.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return (name.to_owned(), Some(folded));
    }
    (text.to_owned(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phone_field_wins_and_old_text_is_split() {
        let phone = ResponsiblePhone {
            mobile: MobileNumber::parse("13900139000").expect("mobile"),
        };
        type Shown = (&'static str, Option<&'static str>);
        let cases: &[(&str, Option<&ResponsiblePhone>, Shown)] = &[
            ("王明", Some(&phone), ("王明", Some("13900139000"))),
            // A name is shown as typed when the phone has its own field.
            (
                "王明 13800138000",
                Some(&phone),
                ("王明 13800138000", Some("13900139000")),
            ),
            ("王明 13800138000", None, ("王明", Some("13800138000"))),
            ("王明", None, ("王明", None)),
        ];
        for (person, phone, (name, number)) in cases {
            let (n, p) = name_and_phone(person, *phone);
            assert_eq!((n.as_str(), p.as_deref()), (*name, *number), "{person}");
        }
    }

    #[test]
    fn a_trailing_phone_is_split_from_the_name() {
        for (person, name, phone) in [
            ("王村干 13800138000", "王村干", Some("13800138000")),
            (
                "王村干，１３８ ００１３ ８０００",
                "王村干，１３８ ００１３ ８０００",
                None,
            ),
            ("王村干，13800138000", "王村干", Some("13800138000")),
            ("李主任 0851-2345678", "李主任", Some("0851-2345678")),
            ("王村干", "王村干", None),
            ("王 村干", "王 村干", None),
            ("  ", "", None),
        ] {
            let (n, p) = split_name_and_phone(person);
            assert_eq!((n.as_str(), p.as_deref()), (name, phone), "{person}");
        }
    }
}
