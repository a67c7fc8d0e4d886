//! Text from outside (a gateway's error, a cause chain) made safe to store and to log: no
//! credentials in URLs, no query strings, no values of key-like parameters, no long opaque
//! tokens. Pure, so it is tested with the domain; `ssr::services::outbox` uses it.

const REDACTED: &str = "[redacted]";
/// Stored error text is for an administrator to read, not a dump.
pub const MAX_CHARS: usize = 500;

const SECRET_NAMES: [&str; 14] = [
    "key",
    "apikey",
    "api_key",
    "token",
    "access_token",
    "secret",
    "password",
    "passwd",
    "pwd",
    "sig",
    "signature",
    "auth",
    "authorization",
    "credential",
];

/// `text` without anything that looks like a secret, at most [`MAX_CHARS`] characters.
pub fn scrub_secrets(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_CHARS * 4));
    let mut after_scheme_word = false;
    for (i, word) in text.split(char::is_whitespace).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let (lead, core, trail) = split_punctuation(word);
        out.push_str(lead);
        if after_scheme_word && !core.is_empty() {
            out.push_str(REDACTED);
        } else {
            out.push_str(&scrub_word(core));
        }
        out.push_str(trail);
        let lower = core.to_ascii_lowercase();
        after_scheme_word = matches!(lower.as_str(), "bearer" | "basic" | "token");
    }
    match out.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &out[..cut]),
        None => out,
    }
}

/// Quotes, brackets and trailing `:` `,` `.` around a word.
fn split_punctuation(word: &str) -> (&str, &str, &str) {
    let is_punct = |c: char| {
        matches!(
            c,
            '(' | ')' | '[' | ']' | '<' | '>' | '"' | '\'' | '`' | ',' | ';' | ':' | '.'
        )
    };
    let start = word.len() - word.trim_start_matches(is_punct).len();
    let rest = &word[start..];
    let core = rest.trim_end_matches(is_punct);
    (&word[..start], core, &rest[core.len()..])
}

fn scrub_word(word: &str) -> String {
    if let Some((scheme, rest)) = word.split_once("://") {
        return scrub_url(scheme, rest);
    }
    if let Some((name, _)) = word.split_once('=') {
        let name = name.rsplit(['&', '?']).next().unwrap_or(name);
        if is_secret_name(name) {
            return format!("{}={REDACTED}", &word[..word.find('=').unwrap_or(0)]);
        }
    }
    if looks_like_a_token(word) {
        return REDACTED.to_owned();
    }
    word.to_owned()
}

fn scrub_url(scheme: &str, rest: &str) -> String {
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let host = match authority.rsplit_once('@') {
        Some((_, host)) => format!("{REDACTED}@{host}"),
        None => authority.to_owned(),
    };
    let path = match path.find(['?', '#']) {
        Some(cut) => format!("{}?{REDACTED}", &path[..cut]),
        None => path.to_owned(),
    };
    format!("{scheme}://{host}{path}")
}

fn is_secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SECRET_NAMES
        .iter()
        .any(|s| name == *s || name.ends_with(&format!("_{s}")) || name.ends_with(&format!("-{s}")))
}

/// Long runs of letters, digits and base64/hex symbols with both letters and digits.
fn looks_like_a_token(word: &str) -> bool {
    word.len() >= 24
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '='))
        && word.chars().any(|c| c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_and_query_strings_leave_urls() {
        let text = "error sending request for url (https://sms:hunter2@gw.example.cn/send?apikey=abc123&to=138): connection refused";
        let clean = scrub_secrets(text);
        assert_eq!(
            clean,
            "error sending request for url (https://[redacted]@gw.example.cn/send?[redacted]): connection refused"
        );
    }

    #[test]
    fn key_like_values_and_bearer_tokens_are_removed() {
        let clean =
            scrub_secrets("rejected api_key=s3cr3t, token=xyz Authorization: Bearer abc.def");
        assert!(
            !clean.contains("s3cr3t") && !clean.contains("xyz") && !clean.contains("abc.def"),
            "{clean}"
        );
        assert!(clean.contains("api_key=[redacted]"), "{clean}");
        let opaque =
            scrub_secrets("signature mismatch for 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b");
        assert_eq!(opaque, "signature mismatch for [redacted]");
    }

    #[test]
    fn ordinary_error_text_is_kept_and_long_text_is_cut() {
        let text = "SMS gateway answered 503: Service Unavailable";
        assert_eq!(scrub_secrets(text), text);
        assert_eq!(
            scrub_secrets("SMTP delivery failed: 550 mailbox unavailable"),
            "SMTP delivery failed: 550 mailbox unavailable"
        );
        let long = "错".repeat(2 * MAX_CHARS);
        assert_eq!(scrub_secrets(&long).chars().count(), MAX_CHARS + 1);
    }
}
