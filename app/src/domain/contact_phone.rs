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

/// `None` for a blank input (the phone is removed); otherwise the normalised number.
pub fn parse_contact_phone(raw: &str) -> Result<Option<String>, ContactPhoneError> {
    let folded = fold_number(raw);
    if folded.is_empty() {
        return Ok(None);
    }
    if let Ok(mobile) = MobileNumber::parse(&folded) {
        return Ok(Some(mobile.as_str().to_owned()));
    }
    let digits = folded.chars().filter(char::is_ascii_digit).count();
    let landline = folded.starts_with('0')
        && (10..=12).contains(&digits)
        && folded.chars().all(|c| c.is_ascii_digit() || c == '-');
    if landline {
        Ok(Some(folded))
    } else {
        Err(ContactPhoneError::Invalid)
    }
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
        for raw in ["2345678", "12317", "村委会", "0851-23"] {
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
