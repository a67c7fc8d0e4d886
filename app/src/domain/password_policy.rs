//! What a staff password must be: long, mixed, not the username, not a published demo
//! password, not one of the passwords every attacker tries first. Pure: text in, verdict out.

use super::message::user_messages;

/// The password of every demo account (published in the README).
pub const DEMO_PASSWORD: &str = "demo-2026";

/// Passwords that are public and must never protect a real account.
pub const DEMO_PASSWORDS: &[&str] = &[DEMO_PASSWORD];

/// Fewest characters (not bytes) a password has.
pub const MIN_CHARS: usize = 12;

/// Long passwords that still head every leaked-password list (compared ignoring case).
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789abc",
    "abc123456789",
    "a123456789012",
    "aa1234567890",
    "password1234",
    "password123!",
    "password@123",
    "passw0rd1234",
    "p@ssw0rd1234",
    "admin1234567",
    "admin@123456",
    "administrator",
    "administrator1",
    "qwertyuiop12",
    "qwerty123456",
    "1qaz2wsx3edc",
    "1qaz2wsx3edc4rfv",
    "1q2w3e4r5t6y",
    "zxcvbnm12345",
    "asdfghjkl123",
    "iloveyou1234",
    "woaini1314520",
    "woaini520520",
    "5201314woaini",
    "abcd12345678",
    "qq1234567890",
    "888888888888a",
];

/// Why a password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WeakPassword {
    TooShort,
    OneCharacterClass,
    ContainsUsername,
    DemoPassword,
    Common,
}

/// Accepts a password for the account `username`, or says why not.
pub fn check(password: &str, username: &str) -> Result<(), WeakPassword> {
    let lower = password.to_lowercase();
    // The demo check comes first: its reason is the one an operator must hear.
    if DEMO_PASSWORDS
        .iter()
        .any(|d| lower.trim() == d.to_lowercase())
    {
        return Err(WeakPassword::DemoPassword);
    }
    if password.chars().count() < MIN_CHARS {
        return Err(WeakPassword::TooShort);
    }
    // A username of a few letters turns up inside strong passwords by chance; compare whole.
    let username = username.trim().to_lowercase();
    if lower == username || (username.chars().count() >= 4 && lower.contains(&username)) {
        return Err(WeakPassword::ContainsUsername);
    }
    if COMMON.contains(&lower.as_str()) {
        return Err(WeakPassword::Common);
    }
    if character_classes(password) < 2 {
        return Err(WeakPassword::OneCharacterClass);
    }
    Ok(())
}

/// How many of lower-case, upper-case, digits and anything else (symbols, Chinese) appear.
fn character_classes(password: &str) -> usize {
    let has = |f: fn(char) -> bool| usize::from(password.chars().any(f));
    has(|c| c.is_lowercase())
        + has(|c| c.is_uppercase())
        + has(|c| c.is_ascii_digit())
        + has(|c| !c.is_lowercase() && !c.is_uppercase() && !c.is_ascii_digit())
}

user_messages! {
    WeakPassword {
        TooShort => password.too_short;
        OneCharacterClass => password.one_character_class;
        ContainsUsername => password.contains_username;
        DemoPassword => password.demo_password;
        Common => password.common;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_mixed_password_is_accepted() {
        assert_eq!(check("青石县-防返贫-2026", "xian-admin"), Ok(()));
        assert_eq!(check("correct horse battery 7", "xian-admin"), Ok(()));
    }

    #[test]
    fn a_short_password_is_refused_even_when_mixed() {
        assert_eq!(check("Ab3$efgh", "u"), Err(WeakPassword::TooShort));
        // Twelve characters, not twelve bytes: four Chinese characters are four.
        assert_eq!(check("青石县防返贫", "u"), Err(WeakPassword::TooShort));
    }

    #[test]
    fn twelve_characters_are_enough() {
        assert_eq!(check("abcdefghij1k", "u"), Ok(()));
        assert_eq!(check("abcdefghij1", "u"), Err(WeakPassword::TooShort));
    }

    #[test]
    fn one_kind_of_character_is_refused() {
        assert_eq!(
            check("abcdefghijklmnop", "u"),
            Err(WeakPassword::OneCharacterClass)
        );
        assert_eq!(
            check("31415926535897", "u"),
            Err(WeakPassword::OneCharacterClass)
        );
        assert_eq!(
            check("ABCDEFGHIJKLMN", "u"),
            Err(WeakPassword::OneCharacterClass)
        );
    }

    #[test]
    fn the_username_inside_the_password_is_refused_in_any_case() {
        assert_eq!(
            check("Xian-Admin-2026!", "xian-admin"),
            Err(WeakPassword::ContainsUsername)
        );
    }

    #[test]
    fn the_demo_password_is_refused_with_its_own_reason() {
        assert_eq!(check(DEMO_PASSWORD, "x"), Err(WeakPassword::DemoPassword));
        assert_eq!(check("DEMO-2026", "x"), Err(WeakPassword::DemoPassword));
    }

    #[test]
    fn common_passwords_are_refused_ignoring_case() {
        assert_eq!(check("Password1234", "x"), Err(WeakPassword::Common));
        assert_eq!(check("1qaz2wsx3edc", "x"), Err(WeakPassword::Common));
    }

    #[test]
    fn every_reason_has_a_well_formed_message() {
        super::super::message::tests::assert_messages_are_well_formed(
            "password",
            &[
                WeakPassword::TooShort,
                WeakPassword::OneCharacterClass,
                WeakPassword::ContainsUsername,
                WeakPassword::DemoPassword,
                WeakPassword::Common,
            ],
        );
    }
}
