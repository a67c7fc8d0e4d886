//! `GET /lang/{code}`: remembers the chosen language in a cookie and sends the visitor back
//! to the page they were on (same site only). Works without JavaScript.
use axum::{
    extract::Path,
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Redirect, Response},
};

use crate::domain::lang::{Lang, LANG_COOKIE};

pub async fn switch_language(Path(code): Path<String>, headers: HeaderMap) -> Response {
    let lang = Lang::from_code(&code);
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|referer| same_site_path(referer, host))
        .unwrap_or_else(|| "/".to_owned());
    let mut response = Redirect::to(&back).into_response();
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// The path (and query) of a referring URL from this site (`host`), never another site's:
/// no backslash (browsers read `/\evil` as `//evil`) and no control character (attacker
/// tester).
fn same_site_path(referer: &str, host: Option<&str>) -> Option<String> {
    let (_, after_scheme) = referer.split_once("://")?;
    let (authority, path) = after_scheme.split_at(after_scheme.find('/')?);
    // By name, not port: a proxy passes `Host: $host`, which drops a non-default port.
    let name = |a: &str| {
        a.rsplit_once(':')
            .map_or(a, |(name, _)| name)
            .to_ascii_lowercase()
    };
    let ours = host.is_some_and(|h| name(h) == name(authority));
    let plain = !path.contains('\\') && !path.chars().any(char::is_control);
    (ours && plain && !path.starts_with("//") && !path.starts_with("/lang/"))
        .then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::same_site_path;

    #[test]
    fn only_a_local_path_is_kept() {
        let host = Some("127.0.0.1:3000");
        let back = |referer| same_site_path(referer, host);
        assert_eq!(
            back("http://127.0.0.1:3000/report?x=1").as_deref(),
            Some("/report?x=1")
        );
        assert_eq!(back("http://127.0.0.1:3000").as_deref(), None);
        assert_eq!(
            back("http://127.0.0.1:3000//evil.example/").as_deref(),
            None
        );
        assert_eq!(back("http://127.0.0.1:3000/lang/en").as_deref(), None);
        assert_eq!(
            back("http://127.0.0.1:3000/\\evil.example").as_deref(),
            None
        );
        assert_eq!(
            back("https://evil.example/track").as_deref(),
            None,
            "another site"
        );
        assert_eq!(same_site_path("http://host/track", None).as_deref(), None);
        let proxied = same_site_path("http://127.0.0.1:8080/track", Some("127.0.0.1"));
        assert_eq!(proxied.as_deref(), Some("/track"), "a proxy drops the port");
    }
}
