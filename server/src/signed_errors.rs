//! The framework's refusal in the address (`__err`) shown only when this server signed it
//! (`app::ssr::error_marks`): redirects that carry one are signed on their way out, and a page
//! asked for with an unsigned one is shown without it.
use app::ssr::{error_marks, state::AppState};
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, Method, Uri},
    middleware::Next,
    response::Response,
};

pub async fn signed_errors(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::GET {
        if let Some(query) = request.uri().query().filter(|q| q.contains("__err=")) {
            let err = error_marks::value(query, "__err").unwrap_or_default();
            let sig = error_marks::value(query, "__sig").unwrap_or_default();
            if !error_marks::holds(&state, err, sig).await.unwrap_or(false) {
                tracing::info!("an unsigned error in a page address, left out");
                let path = request.uri().path();
                let kept = error_marks::without_error(query);
                let uri = if kept.is_empty() {
                    path.to_owned()
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
    if response.status().is_redirection() {
        let location = response
            .headers()
            .get(header::LOCATION)
            .and_then(|l| l.to_str().ok())
            .filter(|l| l.contains("__err="))
            .map(str::to_owned);
        if let Some(location) = location {
            let (address, fragment) = location.split_once('#').unwrap_or((&location, ""));
            let query = address.split_once('?').map_or("", |(_, q)| q);
            let err = error_marks::value(query, "__err").unwrap_or_default();
            if let Ok(sig) = error_marks::sign(&state, err).await {
                let hash = if fragment.is_empty() {
                    String::new()
                } else {
                    format!("#{fragment}")
                };
                if let Ok(signed) = HeaderValue::from_str(&format!("{address}&__sig={sig}{hash}")) {
                    response.headers_mut().insert(header::LOCATION, signed);
                }
            }
        }
    }
    response
}
