//! What a server function knows about its request: app state, headers, the signed-in officer.
use chrono::{DateTime, Utc};
use http::{header, request::Parts, HeaderValue};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use super::draft_owner;
use super::error::ServiceError;
use super::{
    services::auth::{self, SESSION_HOURS},
    staff::Staff,
    state::AppState,
};
use crate::{domain::report::ReportForm, wire::AppError};

pub const SESSION_COOKIE: &str = "sn_session";
/// The queue's address as last shown, for "← 返回待办" (`remember_queue`).
pub const QUEUE_COOKIE: &str = "sn_queue";

/// The session token in a `Cookie` header, if any.
pub fn session_token_in(cookies: &str) -> Option<String> {
    super::cookies::value(cookies, SESSION_COOKIE)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

pub struct RequestContext {
    pub state: AppState,
    pub parts: Option<Parts>,
}

/// The officer a request's session belongs to, looked up once: a staff page's header and each
/// of its resources ask, often at the same moment.
#[derive(Clone, Default)]
pub struct StaffOnce(std::sync::Arc<tokio::sync::OnceCell<Staff>>);

/// What every page render and server function has in its context: the state with the calendar
/// and policy current now, and room for the request's officer.
pub fn provide_request(state: &AppState) {
    provide_context(state.refreshed());
    provide_context(StaffOnce::default());
}

impl RequestContext {
    pub fn load() -> Result<Self, AppError> {
        let state = use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from context");
            AppError::Internal
        })?;
        Ok(Self {
            state,
            parts: use_context::<Parts>(),
        })
    }

    /// One staff server function: loads the context and the signed-in officer, runs `f`, and
    /// maps its error for the wire. Session, error mapping and HTTP status live here, once.
    pub async fn staff_call<T, Fut>(f: impl FnOnce(Self, Staff) -> Fut) -> Result<T, AppError>
    where
        Fut: std::future::Future<Output = Result<T, ServiceError>>,
    {
        let ctx = Self::load()?;
        let staff = ctx.staff().await.map_err(reply_error)?;
        f(ctx, staff).await.map_err(reply_error)
    }

    /// One department API server function: the caller is the department key the request
    /// presented (checked by `ssr::bearer`), else the signed-in officer.
    pub async fn department_call<T, Fut>(f: impl FnOnce(Self, Staff) -> Fut) -> Result<T, AppError>
    where
        Fut: std::future::Future<Output = Result<T, ServiceError>>,
    {
        let ctx = Self::load()?;
        let by_key = ctx.parts.as_ref().and_then(|p| {
            p.extensions
                .get::<super::services::department_keys::KeyCaller>()
                .map(|caller| caller.staff.clone())
        });
        let staff = match by_key {
            Some(staff) => staff,
            None => ctx.staff().await.map_err(reply_error)?,
        };
        f(ctx, staff).await.map_err(reply_error)
    }

    /// The department key this request presented, if it came with one (not a session).
    pub fn department_key_id(&self) -> Option<String> {
        self.parts.as_ref().and_then(|p| {
            p.extensions
                .get::<super::services::department_keys::KeyCaller>()
                .map(|caller| caller.key_id.clone())
        })
    }

    /// One public (household) server function: as `staff_call`, without a session.
    pub async fn public_call<T, Fut>(f: impl FnOnce(Self) -> Fut) -> Result<T, AppError>
    where
        Fut: std::future::Future<Output = Result<T, ServiceError>>,
    {
        let ctx = Self::load()?;
        f(ctx).await.map_err(reply_error)
    }

    /// The mobile (and ID number) typed into a failed plain-form look-up, kept as a sealed
    /// short-lived draft of this browser's (as a report form's is), so the page can show it
    /// again to be corrected: an address never carries it. The draft's token, if one was kept.
    pub async fn keep_typed_mobile(
        &self,
        mobile: &str,
        id_number: &str,
    ) -> Result<Option<String>, ServiceError> {
        if !self.is_plain_form_post() || (mobile.trim().is_empty() && id_number.trim().is_empty()) {
            return Ok(None);
        }
        // The ID number too, when one was asked for: a household retyped all 18 characters
        // to mend one (household tester).
        let form = crate::domain::report::ReportForm {
            mobile: mobile.chars().take(40).collect(),
            id_number: id_number.chars().take(40).collect(),
            ..Default::default()
        };
        let (address, owner) = (self.client_address(), self.new_draft_owner());
        super::services::reports::save_draft(
            &self.state,
            &form,
            &[],
            (&address, &owner),
            self.now(),
        )
        .await
    }

    /// A report form posted without JavaScript that came back with problems is kept as a
    /// short-lived draft, and the browser goes back to `back` (which ends in `?` or `&`) with
    /// it, so nothing typed is lost. Other outcomes pass through.
    pub async fn keep_draft_if_invalid<T>(
        &self,
        form: &ReportForm,
        result: Result<T, ServiceError>,
        back: &str,
    ) -> Result<T, ServiceError> {
        use super::services::reports;
        match result {
            // Filed: this browser's drafts (personal data) go. Its cookie (a random secret)
            // stays its day, so the old draft link, opened again, says the typing was
            // cleared and a filed report need not be sent again (`reports::load_draft`).
            Ok(filed) => {
                if let Some(owner) = self.draft_owner() {
                    if let Err(e) = reports::forget_drafts(&self.state, &owner).await {
                        tracing::warn!(error = %e, "drafts of a filed report not deleted");
                    }
                }
                Ok(filed)
            }
            Err(ServiceError::Validation(errors)) if self.is_plain_form_post() => {
                let (address, now) = (self.client_address(), self.now());
                let owner = self.new_draft_owner();
                let token =
                    reports::save_draft(&self.state, form, &errors, (&address, &owner), now)
                        .await?;
                // A draft that is not kept (too big, too many) brings the form back empty.
                let draft = token.map(|t| format!("draft={t}")).unwrap_or_default();
                leptos_axum::redirect(&format!("{back}{draft}"));
                Err(ServiceError::Validation(errors))
            }
            // The database cannot store it (disk full, database away): the form is kept in
            // memory, so the household finds it filled in with the reason above it.
            Err(ServiceError::Db(e))
                if self.is_plain_form_post() && super::db::is_unavailable(&e) =>
            {
                let owner = self.new_draft_owner();
                let token = reports::keep_unstored_draft(form, &owner, self.now())?;
                leptos_axum::redirect(&format!("{back}draft={token}"));
                Err(ServiceError::Db(e))
            }
            other => other,
        }
    }

    /// The digest of this browser's draft secret, if it sent one.
    pub fn draft_owner(&self) -> Option<String> {
        let cookies = self.header(header::COOKIE)?;
        draft_owner::secret_in(cookies).map(|secret| self.owner_of(secret))
    }

    /// The owner digest of a browser's secret, bound to the sign-in where there is one: a
    /// kept proxy filing (an ID number in full) opened after sign-out with the old cookie,
    /// and for the next account on a shared computer (attacker tester).
    fn owner_of(&self, secret: &str) -> String {
        match self.header(header::COOKIE).and_then(session_token_in) {
            Some(session) => draft_owner::digest(&format!("{secret}:{session}")),
            None => draft_owner::digest(secret),
        }
    }

    /// As `draft_owner`; a browser without a secret is given one (in an HttpOnly cookie).
    fn new_draft_owner(&self) -> String {
        if let Some(owner) = self.draft_owner() {
            return owner;
        }
        let (secret, _) = draft_owner::new_secret();
        self.set_cookie(&draft_owner::cookie(
            Some(&secret),
            self.state.secure_cookies,
        ));
        self.owner_of(&secret)
    }

    /// Whom a form key is issued to: the signed-in member of staff, else the public form.
    pub async fn form_scope(&self) -> super::form_keys::FormScope {
        match self.staff().await {
            Ok(staff) => super::form_keys::FormScope::Staff(staff.id),
            Err(_) => super::form_keys::FormScope::Public,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.state.clock.now()
    }

    pub fn header(&self, name: header::HeaderName) -> Option<&str> {
        self.parts
            .as_ref()
            .and_then(|p| p.headers.get(name))
            .and_then(|v| v.to_str().ok())
    }

    /// A browser posting a form without JavaScript asks for HTML; the WASM client asks for JSON.
    pub fn is_plain_form_post(&self) -> bool {
        self.header(header::ACCEPT)
            .is_some_and(|accept| accept.contains("text/html"))
    }

    /// The caller's address: the TCP peer, or, when the peer is a trusted reverse proxy
    /// (`TRUSTED_PROXIES`), the right-most `X-Forwarded-For` hop that is not one.
    pub fn client_address(&self) -> String {
        match self.parts.as_ref() {
            Some(parts) => client_address_of(parts, &self.state.trusted_proxies),
            None => "unknown".to_owned(),
        }
    }

    /// The visitor's language: the `lang` cookie, then `Accept-Language`, then Chinese.
    pub fn lang(&self) -> crate::domain::lang::Lang {
        crate::domain::lang::Lang::for_request(
            self.header(header::COOKIE),
            self.header(header::ACCEPT_LANGUAGE),
        )
    }

    pub fn session_token(&self) -> Option<String> {
        session_token_in(self.header(header::COOKIE)?)
    }

    pub async fn staff(&self) -> Result<Staff, AppError> {
        let token = self.session_token().ok_or(AppError::Unauthorized)?;
        let lookup = || auth::staff_for_session(&self.state, &token, self.now());
        // A refusal is not kept: it costs no more than asking again.
        let staff = match use_context::<StaffOnce>() {
            Some(once) => once.0.get_or_try_init(lookup).await?.clone(),
            None => lookup().await?,
        };
        Ok(staff)
    }

    /// Remembers the queue's address (tab, sealed search, filters, page) for the staff
    /// pages' "← 返回待办" link, which dropped them (officer tester). Gone with the browser.
    pub fn remember_queue(&self, address: &str) {
        let Some(query) = address.strip_prefix("/staff?") else {
            return;
        };
        let secure = if self.state.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        self.set_cookie(&format!(
            "{QUEUE_COOKIE}={query}; Path=/staff; HttpOnly; SameSite=Lax{secure}"
        ));
    }

    fn forget_queue(&self) {
        self.set_cookie(&format!(
            "{QUEUE_COOKIE}=; Path=/staff; HttpOnly; SameSite=Lax; Max-Age=0"
        ));
    }

    pub fn set_session_cookie(&self, token: &str) {
        let secure = if self.state.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        let max_age = SESSION_HOURS * 3600;
        self.set_cookie(&format!(
            "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
        ));
        // A search sealed for the last sign-in would not open for this one.
        self.forget_queue();
    }

    pub fn clear_session_cookie(&self) {
        self.set_cookie(&format!(
            "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
        ));
        self.forget_queue();
        // Nor a form kept by the server for this browser (a refused proxy filing without
        // JavaScript, its ID number in full): it opened on the public form after sign-out
        // (attacker tester).
        self.set_cookie(&super::draft_owner::cookie(None, self.state.secure_cookies));
        // A shared staff device keeps no report draft (sessionStorage) past sign-out.
        if let Some(response) = use_context::<ResponseOptions>() {
            response.insert_header(
                http::HeaderName::from_static("clear-site-data"),
                HeaderValue::from_static("\"storage\""),
            );
        }
    }

    pub fn set_cookie(&self, value: &str) {
        if let (Some(response), Ok(value)) = (
            use_context::<ResponseOptions>(),
            HeaderValue::from_str(value),
        ) {
            response.append_header(header::SET_COOKIE, value);
        }
    }
}

/// Sends a browser that posted a plain form (no JavaScript) to `path`; JSON callers get the
/// answer itself.
pub fn redirect_plain_form(path: &str) {
    if is_plain_form_request() {
        leptos_axum::redirect(path);
    }
}

fn is_plain_form_request() -> bool {
    use_context::<Parts>()
        .and_then(|p| p.headers.get(header::ACCEPT).cloned())
        .and_then(|v| v.to_str().ok().map(|s| s.contains("text/html")))
        .unwrap_or(false)
}

/// Maps an error for the wire and gives JSON clients a meaningful HTTP status. Plain form
/// posts keep the redirect leptos sets for them.
///
/// While a page renders, its server functions run in the page's own request and share its
/// response: a failing side resource (a picker's region list, the contacts card) must not
/// turn the whole page into an error, so only a server function's own request (`/api/…`)
/// gets the error's status here. A page whose main content failed says so itself
/// (`components::page_status`).
pub fn reply_error(e: impl Into<AppError>) -> AppError {
    // Field messages in the request's language (cookie, then Accept-Language).
    let lang = use_context::<Parts>().map_or_else(Default::default, |p| {
        crate::domain::lang::Lang::for_request(
            p.headers.get(header::COOKIE).and_then(|v| v.to_str().ok()),
            p.headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok()),
        )
    });
    let e = e.into().in_lang(lang);
    if is_server_fn_request() && !is_plain_form_request() {
        if let Some(response) = use_context::<ResponseOptions>() {
            response.set_status(status_of(&e));
        }
    }
    e
}

/// The request is a call of a server function, not a page being rendered.
fn is_server_fn_request() -> bool {
    use_context::<Parts>().is_some_and(|p| p.uri.path().starts_with("/api/"))
}

/// The HTTP status of an error answer.
pub fn status_of(e: &AppError) -> http::StatusCode {
    use http::StatusCode;
    match e {
        AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Unauthorized => StatusCode::UNAUTHORIZED,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Conflict => StatusCode::CONFLICT,
        AppError::Refused(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::RateLimited | AppError::LookUpsPaused => StatusCode::TOO_MANY_REQUESTS,
        AppError::Internal | AppError::Transport => StatusCode::INTERNAL_SERVER_ERROR,
        AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// A request's client address: the TCP peer, or, when the peer is a trusted reverse proxy,
/// the right-most `X-Forwarded-For` hop that is not one.
pub fn client_address_of(parts: &Parts, proxies: &super::proxies::TrustedProxies) -> String {
    let Some(peer) = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return "unknown".to_owned();
    };
    let forwarded: Vec<&str> = parts
        .headers
        .get_all(header::HeaderName::from_static("x-forwarded-for"))
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    proxies.client_of(peer, &forwarded).to_string()
}
