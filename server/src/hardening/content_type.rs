//! A body the server can read: a form (urlencoded or multipart) or JSON. Anything else (a
//! form's fields sent as `text/plain` or `application/xml`, or a body with no type) is
//! refused with 415 before it reaches a handler, so nothing is written from a body nobody
//! meant as a form; a request without a body needs no type.
use axum::{
    extract::Request,
    http::{header, Method},
    middleware::Next,
    response::Response,
};

use super::Refusal;

const READABLE: [&str; 3] = [
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "application/json",
];

pub async fn readable_bodies_only(request: Request, next: Next) -> Response {
    if is_readable(request.method(), request.headers()) {
        return next.run(request).await;
    }
    tracing::info!(method = %request.method(), "body of a type no route reads refused");
    Refusal::UnreadableBody.respond(request.headers())
}

fn is_readable(method: &Method, headers: &header::HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    match headers.get(header::CONTENT_TYPE) {
        Some(value) => value.to_str().is_ok_and(|v| {
            let mime = v.split(';').next().unwrap_or_default().trim();
            READABLE.iter().any(|r| mime.eq_ignore_ascii_case(r))
        }),
        None => !has_body(headers),
    }
}

fn has_body(headers: &header::HeaderMap) -> bool {
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() != "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> header::HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), v.parse().expect("value")))
            .collect()
    }

    #[test]
    fn forms_and_json_pass_and_other_bodies_do_not() {
        let post = Method::POST;
        let typed = |t: &str| headers(&[(header::CONTENT_TYPE, t), (header::CONTENT_LENGTH, "9")]);
        for ok in [
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=UTF-8",
            "multipart/form-data; boundary=x",
            "Application/JSON",
        ] {
            assert!(is_readable(&post, &typed(ok)), "{ok}");
        }
        for refused in ["text/plain", "application/xml", "text/html", "form", ""] {
            assert!(!is_readable(&post, &typed(refused)), "{refused}");
        }
        assert!(!is_readable(
            &post,
            &headers(&[(header::CONTENT_LENGTH, "9")])
        ));
        assert!(is_readable(
            &post,
            &headers(&[(header::CONTENT_LENGTH, "0")])
        ));
        assert!(is_readable(&post, &headers(&[])));
        assert!(is_readable(&Method::GET, &typed("text/plain")));
    }
}
