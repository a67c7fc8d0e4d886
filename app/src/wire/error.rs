//! The one error type that crosses the wire. It never carries internal error text.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::domain::{lang::Lang, message::UserMessage};

/// A user-facing message for one form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub key: String,
    pub zh: String,
    pub en: String,
}

impl FieldError {
    pub fn new(field: &str, msg: &dyn UserMessage) -> Self {
        Self {
            field: field.to_owned(),
            key: msg.key().to_owned(),
            zh: msg.zh().to_owned(),
            en: msg.en().to_owned(),
        }
    }

    /// The domain's field problems as the form shows them.
    pub fn from_problems(problems: &[crate::domain::report::FieldProblem]) -> Vec<Self> {
        problems
            .iter()
            .map(|(field, msg)| FieldError {
                // A member's problem names the member (第2位成员（年收入）：…).
                zh: msg.words(Lang::Zh),
                en: msg.words(Lang::En),
                ..FieldError::new(field, msg)
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub enum AppError {
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("not logged in")]
    Unauthorized,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("changed by someone else")]
    Conflict,
    /// The workflow engine refused the step; the message says which rule and what is missing.
    #[error("refused by a rule")]
    Refused(FieldError),
    #[error("too many attempts")]
    RateLimited,
    #[error("internal error")]
    Internal,
    /// The database cannot be reached or cannot store just now (restart, network, disk
    /// full): nothing was done, and trying again later may work.
    #[error("temporarily unavailable")]
    Unavailable,
    /// The request did not reach the server or its answer could not be read.
    #[error("network error")]
    Transport,
}

impl AppError {
    /// What the person sees, in Chinese.
    pub fn zh(&self) -> &'static str {
        self.text(Lang::Zh)
    }

    /// What the person sees, in English.
    pub fn en(&self) -> &'static str {
        self.text(Lang::En)
    }

    /// What the person sees, in their language (texts under `error` in locales/*.json).
    pub fn text(&self, lang: Lang) -> &'static str {
        use crate::tr::error as e;
        match self {
            AppError::Validation(_) => e::validation(lang),
            AppError::Unauthorized => e::unauthorized(lang),
            AppError::Forbidden => e::forbidden(lang),
            AppError::NotFound => e::not_found(lang),
            AppError::Conflict => e::conflict(lang),
            AppError::Refused(_) => e::refused(lang),
            AppError::RateLimited => e::rate_limited(lang),
            AppError::Internal => e::internal(lang),
            AppError::Unavailable => e::unavailable(lang),
            AppError::Transport => e::transport(lang),
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Validation(errors) => errors,
            _ => &[],
        }
    }

    pub fn field(&self, name: &str) -> Option<&FieldError> {
        self.field_errors().iter().find(|e| e.field == name)
    }
}

/// A request the server could not read, with a sentence saying so (not an empty list).
fn unreadable() -> AppError {
    use crate::domain::wording::requests::RequestProblem;
    AppError::Validation(vec![FieldError::new(
        "request",
        &RequestProblem::Unreadable,
    )])
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // A request the server could not read is the sender's fault, not the network's.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => unreadable(),
            // On the server these describe the request it received (a body it cannot decode,
            // a method or content type it does not take); in the browser, the network.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => unreadable(),
            _ => AppError::Transport,
        }
    }
}
