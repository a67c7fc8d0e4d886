//! Which language this page renders in. The server reads the `lang` cookie of the request, then
//! its `Accept-Language`; the browser reads `<html lang>`, which the server wrote, so hydration
//! sees the same language.
use leptos::prelude::*;

pub use crate::domain::lang::Lang;

/// The language of the current request or page.
pub fn detect() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|parts| {
                let header = |name| parts.headers.get(name).and_then(|v| v.to_str().ok());
                Lang::for_request(
                    header(http::header::COOKIE),
                    header(http::header::ACCEPT_LANGUAGE),
                )
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .map(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Lang::default()
    }
}

/// The language the app provided for this page.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}
