use std::sync::{Arc, RwLock};

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use super::{clock::Clock, db::Db};
use crate::domain::{calendar::Calendar, case::Policy};

/// Everything a request needs, handed to server functions through context. It is cloned for
/// every request, middleware and server function, so what never changes sits behind one
/// reference count (cloning each field was about 5 % of a filing's CPU).
#[derive(Clone, Debug)]
pub struct AppState {
    shared: Arc<Shared>,
    /// This request's snapshot of the live calendar and policy (see [`Shared::settings`]).
    pub calendar: Arc<Calendar>,
    pub policy: Arc<Policy>,
}

/// The part of [`AppState`] the whole process shares.
#[derive(Clone, Debug)]
pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    /// The live calendar and policy, which administrators can change while the server runs;
    /// `AppState::calendar` and `AppState::policy` are a request's snapshot of them.
    pub settings: Settings,
    /// Mark session cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`).
    pub trusted_proxies: super::proxies::TrustedProxies,
    /// Keys that seal ID numbers and mobiles at rest, and their blind-index key.
    pub vault: super::vault::Vault,
    /// What never changes once stored, read once per process (see `memo`).
    pub memo: super::memo::Memo,
    /// Staff sessions read in the last second (see `session_memo`).
    pub sessions: Arc<super::session_memo::SessionMemo>,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.shared
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The state of a process holding `shared`, with its settings' current calendar and policy.
    pub fn new(shared: Shared) -> AppState {
        let (calendar, policy) = shared.settings.snapshot();
        AppState {
            shared: Arc::new(shared),
            calendar,
            policy,
        }
    }

    /// A copy carrying the current calendar and policy (taken once per request or worker pass,
    /// so one command never sees two different calendars).
    pub fn refreshed(&self) -> AppState {
        let (calendar, policy) = self.settings.snapshot();
        AppState {
            shared: self.shared.clone(),
            calendar,
            policy,
        }
    }

    /// A copy holding other keys, as another app server with them would (key rotation).
    pub fn with_vault(&self, vault: super::vault::Vault) -> AppState {
        AppState {
            shared: Arc::new(Shared {
                vault,
                ..(*self.shared).clone()
            }),
            ..self.clone()
        }
    }
}

/// Shared, swappable calendar and policy.
#[derive(Clone, Debug)]
pub struct Settings(Arc<RwLock<(Arc<Calendar>, Arc<Policy>)>>);

impl Settings {
    pub fn new(calendar: Calendar, policy: Policy) -> Settings {
        Settings(Arc::new(RwLock::new((
            Arc::new(calendar),
            Arc::new(policy),
        ))))
    }

    pub fn set(&self, calendar: Calendar, policy: Policy) {
        let mut guard = match self.0.write() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        *guard = (Arc::new(calendar), Arc::new(policy));
    }

    pub fn snapshot(&self) -> (Arc<Calendar>, Arc<Policy>) {
        let guard = match self.0.read() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        (guard.0.clone(), guard.1.clone())
    }
}
