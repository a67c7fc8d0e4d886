//! Where a failed plain-form look-up goes back to: the look-up page with what went wrong
//! (`e=`) and the tracking number as typed (`n=`), so it need not be typed again. Never the
//! mobile number: an address is kept in histories and logs, and the mobile is personal data
//! (it comes back as a sealed draft of the browser's, `draft=`, added by the caller).

/// `/track?e=<problem>&n=<typed>`; without `n` when nothing was typed or what was typed
/// could not be a tracking number (a mobile or ID number in the wrong box went into the
/// address: attacker tester), as `/track?n=` shows back (`TrackingNumber::typed_back`).
pub fn back_to_form(problem: &str, typed: &str) -> String {
    let typed = crate::domain::tracking::TrackingNumber::typed_back(typed.trim());
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
    fn the_typed_number_comes_back_encoded_and_only_if_it_could_be_one() {
        let long = "A".repeat(100);
        for (problem, typed, want) in [
            (
                "not_found",
                "ZSVH-XFCX-B5",
                "/track?e=not_found&n=ZSVH-XFCX-B5",
            ),
            (
                "mobile_number.empty",
                " zsvh xfcx b5 ",
                "/track?e=mobile_number.empty&n=ZSVH-XFCX-B5",
            ),
            (
                "tracking_number.empty",
                "",
                "/track?e=tracking_number.empty",
            ),
            ("x", "a&t=1#", "/track?e=x"),
            ("x", "查询", "/track?e=x"),
            ("x", long.as_str(), "/track?e=x"),
            ("x", "13900000001", "/track?e=x"),
            ("x", "522799197001010012", "/track?e=x"),
            ("x", "52279919700101001X", "/track?e=x"),
            ("x", "ZSVH XFCX B", "/track?e=x&n=ZSVH%20XFCX%20B"),
        ] {
            assert_eq!(back_to_form(problem, typed), want, "{typed:?}");
        }
    }
}
