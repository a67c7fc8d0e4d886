//! A plain form post is sent back to its page with what happened in the address: a refusal
//! (`__err`, the framework's base64 JSON, shown in the error's own words) or what was done
//! (`done=…`, with its figures). Anyone could write such an address: a red banner on a
//! trusted page asking for a fee at a made-up phone number, or "政策已保存" for a policy
//! never saved (attacker testers). The server signs each address it sends back (`__sig`)
//! over its page, its whole query and the sign-in that posted, so a mark is shown only to
//! that sign-in, on that page, as the server wrote it: a link someone made up or forwarded
//! is shown without it. (Text a user typed can end up inside a refusal; bound to the
//! poster's sign-in, it is shown to nobody else.)
use super::{error::ServiceError, form_keys, state::AppState};

/// Bytes of the signature kept in the address (128 bits).
const TAG_BYTES: usize = 16;

/// The query names that carry a mark (and so need the signature to be shown). `filed`: the
/// case page a proxy filing leads to reads the script to tell the applicant (anyone who could
/// open the case could add it and read a script naming dates long gone: officer re-tester).
const MARKS: [&str; 4] = ["__err", "__path", "done", "filed"];

/// A pair's name as the page reads it: percent-decoded, "+" a space. Compared as written,
/// "%64one=" was no mark and still showed as "done=" (attacker tester).
/// Plain names (nearly all) are read as written, with no copy.
fn name_of(pair: &str) -> std::borrow::Cow<'_, str> {
    let name = pair.split('=').next().unwrap_or_default();
    if !name.contains(['%', '+']) {
        return name.into();
    }
    form_urlencoded::parse(name.as_bytes())
        .next()
        .map(|(name, _)| name.into_owned().into())
        .unwrap_or_default()
}

fn is_named(pair: &str, names: &[&str]) -> bool {
    let name = name_of(pair);
    names.iter().any(|n| *n == name)
}

/// Whether `query` carries a mark.
pub fn has_mark(query: &str) -> bool {
    query.split('&').any(|pair| is_named(pair, &MARKS))
}

/// The signature of the address `path?query` (`query` without `__sig`) for `session` (the
/// sign-in's token, empty for none).
pub async fn sign(
    state: &AppState,
    path: &str,
    query: &str,
    session: &str,
) -> Result<String, ServiceError> {
    Ok(form_keys::short_tag(
        mac(state, path, query, session).await?,
        TAG_BYTES,
    ))
}

/// Whether the address `path?query` (its `__sig` in it) was signed by this server for
/// `session`.
pub async fn holds(
    state: &AppState,
    path: &str,
    query: &str,
    session: &str,
) -> Result<bool, ServiceError> {
    let sig = value(query, "__sig").unwrap_or_default();
    let unsigned = without(query, &["__sig"]);
    Ok(form_keys::short_tag_holds(
        mac(state, path, &unsigned, session).await?,
        sig,
        TAG_BYTES,
    ))
}

async fn mac(
    state: &AppState,
    path: &str,
    query: &str,
    session: &str,
) -> Result<hmac::Hmac<sha2::Sha256>, ServiceError> {
    // Each part's length first, so no two different addresses read the same.
    let subject = format!(
        "mark:v2:{}:{path}{}:{query}{}:{session}",
        path.len(),
        query.len(),
        session.len()
    );
    form_keys::keyed(&form_keys::secret(state).await?, &subject)
}

/// The value of `name` in `query`, as written.
pub fn value<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// `query` without its marks and their signature.
pub fn without_marks(query: &str) -> String {
    without(query, &["__err", "__path", "__sig", "done", "filed"])
}

fn without(query: &str, names: &[&str]) -> String {
    query
        .split('&')
        .filter(|pair| !is_named(pair, names))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::{has_mark, value, without_marks};

    #[test]
    fn the_marks_are_found_and_taken_out_whole() {
        let query = "tab=all&__path=%2Fapi%2Fx&__err=eyJ9&__sig=00&n=1";
        assert_eq!(value(query, "__err"), Some("eyJ9"));
        assert_eq!(value(query, "__sig"), Some("00"));
        assert_eq!(value(query, "__e"), None);
        assert_eq!(without_marks(query), "tab=all&n=1");
        assert_eq!(without_marks("__err=x"), "");
        assert_eq!(
            without_marks("done=campaign&started=9&skipped=0"),
            "started=9&skipped=0"
        );
        assert!(has_mark("tab=all&done=saved") && has_mark("__err=x") && has_mark("filed=1"));
        assert_eq!(without_marks("filed=1&__sig=00"), "");
        assert!(!has_mark("tab=all&undone=1"));
        // Named as the page decodes them (attacker tester).
        for encoded in [
            "%64one=x",
            "d%6Fne=x",
            "%66iled=1",
            "%5F%5Ferr=e",
            "%5F%5Fpath=p",
        ] {
            assert!(has_mark(encoded), "{encoded}");
            assert_eq!(without_marks(&format!("tab=all&{encoded}")), "tab=all");
        }
        assert_eq!(without_marks("%5F%5Fsig=00&n=1"), "n=1");
    }
}
