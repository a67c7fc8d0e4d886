//! What a plain form post's answer says in the address (a refusal `__err`, or `done=`) is
//! shown only when this server signed it for the sign-in that posted
//! (`app::ssr::error_marks`): addresses sent back (`Location`) that carry a mark are signed on
//! their way out, and a page asked for with a mark not signed for its reader is shown without
//! it.
use app::ssr::{context::session_token_in, error_marks, state::AppState};
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, Method, Uri},
    middleware::Next,
    response::Response,
};

/// The sign-in's token in the request's cookies, empty for none.
fn session(cookies: Option<&HeaderValue>) -> String {
    cookies
        .and_then(|c| c.to_str().ok())
        .and_then(session_token_in)
        .unwrap_or_default()
}

pub async fn signed_errors(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    // Read only where a mark is: most requests carry none (a header clone is a count).
    let cookies = request.headers().get(header::COOKIE).cloned();
    // A page sent back to the address it came from (a refusal, the language switch) carried
    // that address's marks, and they came back signed: a made-up banner in a Referer became
    // a signed link anyone could send (attacker tester). Marks are the server's own only.
    strip_referer_marks(&mut request);
    if request.method() == Method::GET {
        let path = request.uri().path().to_owned();
        if let Some(query) = request
            .uri()
            .query()
            .filter(|q| error_marks::has_mark(q))
            .map(str::to_owned)
        {
            let signed = error_marks::holds(&state, &path, &query, &session(cookies.as_ref()))
                .await
                .unwrap_or(false);
            if !signed {
                tracing::info!("a mark in a page address not signed for its reader, left out");
                let kept = error_marks::without_marks(&query);
                let uri = if kept.is_empty() {
                    path
                } else {
                    format!("{path}?{kept}")
                };
                if let Ok(uri) = uri.parse::<Uri>() {
                    *request.uri_mut() = uri;
                }
            }
        }
    }
    let mut response = next.run(request).await;
    // A redirect, or a script's answer naming where to go next (the framework sends the
    // `Location` with a 200 to a request asking for JSON; the proxy form's island follows it).
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned);
    if let Some((address, path, query, hash)) = location.and_then(|l| sign_location(&l)) {
        let session = session(cookies.as_ref());
        if let Ok(sig) = error_marks::sign(&state, &path, &query, &session).await {
            if let Ok(value) = HeaderValue::from_str(&format!("{address}&__sig={sig}{hash}")) {
                response.headers_mut().insert(header::LOCATION, value);
            }
        }
    }
    response
}

/// The request's `Referer` without marks or their signature; one that is not plain text (a
/// tab, bytes that are not UTF-8) is dropped whole: read past, its marks came back signed
/// (attacker tester). No browser sends such a Referer.
fn strip_referer_marks(request: &mut Request) {
    let Some(referer) = request.headers().get(header::REFERER) else {
        return;
    };
    let Ok(referer) = referer.to_str().map(str::to_owned) else {
        request.headers_mut().remove(header::REFERER);
        return;
    };
    let Some((address, query)) = referer.split_once('?') else {
        return;
    };
    if !error_marks::has_mark(query) && !query.contains("__sig=") {
        return;
    }
    let (query, fragment) = query.split_once('#').unwrap_or((query, ""));
    let kept = error_marks::without_marks(query);
    let mut cleaned = address.to_owned();
    if !kept.is_empty() {
        cleaned = format!("{cleaned}?{kept}");
    }
    if !fragment.is_empty() {
        cleaned = format!("{cleaned}#{fragment}");
    }
    match HeaderValue::from_str(&cleaned) {
        Ok(value) => {
            request.headers_mut().insert(header::REFERER, value);
        }
        Err(_) => {
            request.headers_mut().remove(header::REFERER);
        }
    }
}

/// A location carrying a mark, split: (the address before any `#`, its path, its query, the
/// `#…` part); None for one without a mark.
fn sign_location(location: &str) -> Option<(String, String, String, String)> {
    let (address, fragment) = location.split_once('#').unwrap_or((location, ""));
    let (before, query) = address.split_once('?')?;
    if !error_marks::has_mark(query) {
        return None;
    }
    // An absolute address (the framework's refusal goes back to the Referer) or a path.
    let path = match before.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |at| &rest[at..]),
        None => before,
    };
    let hash = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    Some((address.to_owned(), path.to_owned(), query.to_owned(), hash))
}

#[cfg(test)]
mod tests {
    use super::sign_location;

    #[test]
    fn a_location_is_split_into_its_page_and_query() {
        let (address, path, query, hash) =
            sign_location("http://127.0.0.1:3000/staff/cases/ab?x=1&__err=e#step-accept")
                .expect("a mark");
        assert_eq!(address, "http://127.0.0.1:3000/staff/cases/ab?x=1&__err=e");
        assert_eq!(
            (path.as_str(), query.as_str()),
            ("/staff/cases/ab", "x=1&__err=e")
        );
        assert_eq!(hash, "#step-accept");
        let (_, path, query, _) = sign_location("/staff/settings?done=saved").expect("a mark");
        assert_eq!(
            (path.as_str(), query.as_str()),
            ("/staff/settings", "done=saved")
        );
        assert_eq!(sign_location("/staff?tab=all"), None);
        assert_eq!(sign_location("/staff/settings"), None);
    }
}
