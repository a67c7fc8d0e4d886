//! Reading one cookie out of a request's `Cookie` header.

/// The value of the first cookie called `name` in a `Cookie` header, if any.
pub fn value<'c>(cookies: &'c str, name: &str) -> Option<&'c str> {
    cookies.split(';').find_map(|pair| {
        let (found, value) = pair.trim().split_once('=')?;
        (found == name).then_some(value)
    })
}

/// The value of cookie `name` in the request being rendered (server-rendered pages).
pub fn in_request(name: &str) -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let cookies = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
    value(cookies, name).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_named_cookie_is_found_among_others_and_a_prefix_is_not_it() {
        let header = "sn_track=abc; sn_draft=def;sn=x";
        assert_eq!(super::value(header, "sn_draft"), Some("def"));
        assert_eq!(super::value(header, "sn"), Some("x"));
        assert_eq!(super::value(header, "sn_dr"), None);
        assert_eq!(super::value("", "sn"), None);
    }
}
