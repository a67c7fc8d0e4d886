//! Where a failed plain-form look-up goes back to: the look-up page with what went wrong
//! (`e=`) and the tracking number as typed (`n=`), so it need not be typed again. Never the
//! mobile number: an address is kept in histories and logs, and the mobile is personal data
//! (it comes back as a sealed draft of the browser's, `draft=`, added by the caller).

/// At most this many characters of the typed number come back (a real one has 12).
const KEPT: usize = 40;

/// `/track?e=<problem>&n=<typed>`; without `n` when nothing was typed.
pub fn back_to_form(problem: &str, typed: &str) -> String {
    let typed: String = typed.trim().chars().take(KEPT).collect();
    if typed.is_empty() {
        format!("/track?e={problem}")
    } else {
        format!("/track?e={problem}&n={}", percent_encode(&typed))
    }
}

/// Every byte but the URL's unreserved characters as `%XX`.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::back_to_form;

    #[test]
    fn the_typed_number_comes_back_encoded_and_bounded() {
        let long = "A".repeat(100);
        let kept = format!("/track?e=x&n={}", "A".repeat(40));
        for (problem, typed, want) in [
            (
                "not_found",
                "ZSVH-XFCX-B5",
                "/track?e=not_found&n=ZSVH-XFCX-B5",
            ),
            (
                "mobile_number.empty",
                " zsvh xfcx b5 ",
                "/track?e=mobile_number.empty&n=zsvh%20xfcx%20b5",
            ),
            (
                "tracking_number.empty",
                "",
                "/track?e=tracking_number.empty",
            ),
            ("x", "a&t=1#", "/track?e=x&n=a%26t%3D1%23"),
            ("x", "查询", "/track?e=x&n=%E6%9F%A5%E8%AF%A2"),
            ("x", long.as_str(), kept.as_str()),
        ] {
            assert_eq!(back_to_form(problem, typed), want, "{typed:?}");
        }
    }
}
