//! A page whose main content could not be loaded answers with that error's status (404 for a
//! case outside one's work, 401 without a session). Side resources never set it: see
//! `ssr::context::reply_error`.
use crate::wire::AppError;

/// Sets the page's HTTP status for the error shown instead of its content (server render).
pub fn main_content_failed(error: &AppError) {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(crate::ssr::context::status_of(error));
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = error;
}
