//! The 帮扶责任人 as staff write it: a name, then the phone the household should call
//! ("王村干 13800138000"). The household page shows both, the phone as a tap-to-call link.
//! (The engine stores one text; a separate phone field is a later engine change.)
use super::{mobile::MobileNumber, typed_digits::fold_number};

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
