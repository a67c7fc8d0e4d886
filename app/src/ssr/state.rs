use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::{clock::Clock, db::Db};
use crate::domain::{calendar::Calendar, case::Policy};

/// Everything a request needs, handed to server functions through context.
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub calendar: Arc<Calendar>,
    pub policy: Arc<Policy>,
    /// Mark session cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
