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
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(same_site_path)
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

/// The path (and query) of a referring URL, never another site.
fn same_site_path(referer: &str) -> Option<String> {
    let after_scheme = referer.split_once("://").map_or(referer, |(_, rest)| rest);
    let path = after_scheme.find('/').map(|i| &after_scheme[i..])?;
    (path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/lang/"))
        .then(|| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::same_site_path;

    #[test]
    fn only_a_local_path_is_kept() {
        assert_eq!(
            same_site_path("http://127.0.0.1:3000/report?x=1").as_deref(),
            Some("/report?x=1")
        );
        assert_eq!(same_site_path("http://host").as_deref(), None);
        assert_eq!(
            same_site_path("http://host//evil.example/").as_deref(),
            None
        );
        assert_eq!(same_site_path("http://host/lang/en").as_deref(), None);
    }
}
