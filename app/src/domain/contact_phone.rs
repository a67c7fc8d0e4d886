//! A phone the county publishes for households to call (village committee, township office):
//! a mobile or a landline with its area code, typed any way a phone keyboard does.
use super::{message::user_messages, mobile::MobileNumber, typed_digits::fold_number};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactPhoneError {
    Invalid,
}

user_messages! {
    ContactPhoneError {
        Invalid => contact_phone.invalid;
    }
}

/// Digits an extension may have.
const MAX_EXTENSION: usize = 6;

/// `None` for a blank input (the phone is removed); otherwise the normalised number. A
/// landline may carry an extension, kept as `转N` (township offices have switchboards; "转8"
/// was refused: officer tester).
pub fn parse_contact_phone(raw: &str) -> Result<Option<String>, ContactPhoneError> {
    let folded = fold_number(raw);
    if folded.is_empty() {
        return Ok(None);
    }
    let lower = folded.to_lowercase();
    let split = ["转", "分机", "ext.", "ext", "x"]
        .iter()
        .find_map(|mark| lower.split_once(mark));
    if let Some((main, extension)) = split {
        let main = main.trim_end_matches('-');
        let extension = extension.trim_start_matches(['.', '-']);
        let fine = (1..=MAX_EXTENSION).contains(&extension.len())
            && extension.chars().all(|c| c.is_ascii_digit());
        return match (landline(main), fine) {
            (Some(main), true) => Ok(Some(format!("{main}转{extension}"))),
            _ => Err(ContactPhoneError::Invalid),
        };
    }
    if let Ok(mobile) = MobileNumber::parse(&folded) {
        return Ok(Some(mobile.as_str().to_owned()));
    }
    landline(&folded)
        .map(Some)
        .ok_or(ContactPhoneError::Invalid)
}

/// A landline with its area code, as typed (digits and hyphens).
fn landline(folded: &str) -> Option<String> {
    let digits = folded.chars().filter(char::is_ascii_digit).count();
    let fine = folded.starts_with('0')
        && (10..=12).contains(&digits)
        && folded.chars().all(|c| c.is_ascii_digit() || c == '-');
    fine.then(|| folded.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_and_landlines_with_area_codes_are_accepted() {
        for (raw, stored) in [
            ("138 0013 8000", Some("13800138000")),
            ("０８５１－２３４５６７８", Some("0851-2345678")),
            ("010-12345678", Some("010-12345678")),
            ("0854-7321203转8", Some("0854-7321203转8")),
            ("0854-7321203 分机 812", Some("0854-7321203转812")),
            ("0854-7321203-ext.8", Some("0854-7321203转8")),
            ("  ", None),
        ] {
            assert_eq!(
                parse_contact_phone(raw),
                Ok(stored.map(str::to_owned)),
                "{raw}"
            );
        }
    }

    #[test]
    fn short_numbers_and_text_are_refused() {
        for raw in [
            "2345678",
            "12317",
            "村委会",
            "0851-23",
            "13800138000转8",
            "0854-7321203转",
            "0854-7321203转1234567",
            "0854-7321203转8a",
        ] {
            assert_eq!(
                parse_contact_phone(raw),
                Err(ContactPhoneError::Invalid),
                "{raw}"
            );
        }
    }

    #[test]
    fn the_error_has_a_well_formed_message() {
        super::super::message::tests::assert_messages_are_well_formed(
            "contact_phone",
            &[ContactPhoneError::Invalid],
        );
    }
}
