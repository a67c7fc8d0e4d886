//! A plain form post the server refuses is sent back to its page with the error in the
//! address (`__err`, the framework's base64 JSON), and the page shows the error's own words.
//! Anyone could write such an address: a red banner on a trusted page asking for a fee at a
//! made-up phone number (attacker tester). The server signs each error it sends back
//! (`__sig`); an address carrying an error without this server's signature is shown without
//! it.
use super::{error::ServiceError, form_keys, state::AppState};

/// Bytes of the signature kept in the address (128 bits).
const TAG_BYTES: usize = 16;

/// The signature of `err`, the `__err` value exactly as it stands in the address.
pub async fn sign(state: &AppState, err: &str) -> Result<String, ServiceError> {
    Ok(form_keys::short_tag(mac(state, err).await?, TAG_BYTES))
}

/// Whether `sig` is this server's signature of `err`.
pub async fn holds(state: &AppState, err: &str, sig: &str) -> Result<bool, ServiceError> {
    Ok(form_keys::short_tag_holds(
        mac(state, err).await?,
        sig,
        TAG_BYTES,
    ))
}

async fn mac(state: &AppState, err: &str) -> Result<hmac::Hmac<sha2::Sha256>, ServiceError> {
    form_keys::keyed(&form_keys::secret(state).await?, &format!("err:v1:{err}"))
}

/// The value of `name` in `query`, as written.
pub fn value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// `query` without the framework's error (`__err`, `__path`) and its signature.
pub fn without_error(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| {
            !["__err=", "__path=", "__sig="]
                .iter()
                .any(|p| pair.starts_with(p))
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::{value, without_error};

    #[test]
    fn the_error_is_found_and_taken_out_whole() {
        let query = "tab=all&__path=%2Fapi%2Fx&__err=eyJ9&__sig=00&n=1";
        assert_eq!(value(query, "__err"), Some("eyJ9"));
        assert_eq!(value(query, "__sig"), Some("00"));
        assert_eq!(value(query, "__e"), None);
        assert_eq!(without_error(query), "tab=all&n=1");
        assert_eq!(without_error("__err=x"), "");
    }
}
