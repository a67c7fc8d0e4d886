//! Query values in links the pages build.

/// Percent-encodes a query value (everything but unreserved ASCII).
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_unreserved_ascii_stays_as_it_is() {
        assert_eq!(super::encode("a-Z_0.~"), "a-Z_0.~");
        assert_eq!(super::encode("/s?a=1&b 张"), "%2Fs%3Fa%3D1%26b%20%E5%BC%A0");
    }
}
