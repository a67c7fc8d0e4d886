//! The one error type that crosses the wire. It never carries internal error text.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};
#[cfg(not(feature = "hydrate"))]
use std::collections::BTreeMap;

use crate::domain::{lang::Lang, message::UserMessage};

/// A user-facing message for one form field: a stable `key` (a `field_error` text in
/// locales/*.json) with its `args`, and the `message` worded in the request's language by the
/// server (`in_lang`), so a new language needs only a locale file and islands show `message`.
/// The browser build holds only `field`, `key` and `message` (what islands read, nothing more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldError {
    pub field: String,
    pub key: String,
    /// Values of the `{name}` arguments of the key's text; a household member's problem
    /// carries `member` (its row, from 1), `part` (a `field_error.member_part` key) and, on a
    /// step form, `name` (the name typed in its row); a plan measure's, `measure` (its title
    /// number) and `measure_part` (a `field_error.measure_part` key).
    #[cfg(not(feature = "hydrate"))]
    #[serde(default)]
    pub args: BTreeMap<String, String>,
    /// What the person reads, in the request's language.
    #[serde(default)]
    pub message: String,
}

/// In the browser a field error is what the server worded; nothing is worded again.
#[cfg(feature = "hydrate")]
impl FieldError {
    pub fn new(field: &str, msg: &dyn UserMessage) -> Self {
        Self::shown(field.to_owned(), msg.key().to_owned(), msg.zh().to_owned())
    }

    /// A field error as an island read it.
    pub fn shown(field: String, key: String, message: String) -> Self {
        Self {
            field,
            key,
            message,
        }
    }

    /// The text (worded by the server in the page's language).
    pub fn words(&self, _: Lang) -> String {
        self.message.clone()
    }
}

/// An argument as its words show it: an elimination criterion by its name on the form, a
/// day as the page writes days (2026年12月4日), anything else as it came.
#[cfg(not(feature = "hydrate"))]
fn shown_argument<'a>(lang: Lang, name: &str, value: &'a str) -> std::borrow::Cow<'a, str> {
    use crate::domain::vocab::{MeasureType, RiskType};
    let word = match name {
        "which" => crate::tr::case_items::checklist::lookup(lang, value),
        "risk" => RiskType::from_code(value).map(|r| r.label(lang)),
        "measure_type" => MeasureType::from_code(value).map(|m| m.label(lang)),
        _ => None,
    };
    if let Some(word) = word {
        return word.into();
    }
    match chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(day) => lang.date(day).into(),
        Err(_) => value.into(),
    }
}

/// The argument naming the `field_error` text when it is not the key's own: a workflow
/// refusal's words depend on a sub-case (`case_refusal.elimination` → `elimination_gap.*`).
#[cfg(not(feature = "hydrate"))]
const TEXT_KEY: &str = "text_key";

#[cfg(not(feature = "hydrate"))]
impl FieldError {
    pub fn new(field: &str, msg: &dyn UserMessage) -> Self {
        // A text chosen by a sub-case the key does not name (a refusal's misfit or gap).
        let args = if msg.text_key() == msg.key() {
            BTreeMap::new()
        } else {
            BTreeMap::from([(TEXT_KEY.to_owned(), msg.text_key().to_owned())])
        };
        Self::worded(field, msg.key(), args)
    }

    /// A field error under the wire `key` whose words are `field_error.<text_key>` in the
    /// locale files with `args` (a file refused as a whole says why: `alerts.file` worded by
    /// `alert_file.too_big`), worded in the default language.
    pub fn from_locale(
        field: &str,
        key: &str,
        text_key: &str,
        args: impl IntoIterator<Item = (&'static str, String)>,
    ) -> Self {
        let mut args: BTreeMap<String, String> =
            args.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        if text_key != key {
            args.insert(TEXT_KEY.to_owned(), text_key.to_owned());
        }
        Self::worded(field, key, args)
    }

    /// A field error as an island read it (the server worded `message`).
    pub fn shown(field: String, key: String, message: String) -> Self {
        Self {
            field,
            key,
            args: BTreeMap::new(),
            message,
        }
    }

    /// A message from its key (a `field_error` text in locales/*.json) and arguments,
    /// worded in the default language.
    pub fn worded(field: &str, key: &str, args: BTreeMap<String, String>) -> Self {
        Self {
            field: field.to_owned(),
            key: key.to_owned(),
            args,
            message: String::new(),
        }
        .in_lang(Lang::default())
    }

    /// The domain's field problems as the form shows them.
    pub fn from_problems(problems: &[crate::domain::report::FieldProblem]) -> Vec<Self> {
        problems
            .iter()
            .map(|(field, msg)| {
                // A member's problem names the member (第2位成员（年收入）：…), a
                // measure's the measure (措施2：…).
                let mut args = msg
                    .member
                    .map(|m| {
                        BTreeMap::from([
                            ("member".to_owned(), m.position.to_string()),
                            ("part".to_owned(), m.part.code().to_owned()),
                        ])
                    })
                    .unwrap_or_default();
                if let Some(m) = msg.measure {
                    args.insert("measure".to_owned(), m.position.to_string());
                    args.insert("measure_part".to_owned(), m.part.code().to_owned());
                }
                FieldError::worded(field, msg.key, args)
            })
            .collect()
    }

    /// This error with `message` worded in `lang`.
    pub fn in_lang(mut self, lang: Lang) -> Self {
        self.message = self.words(lang);
        self
    }

    /// The text in `lang` from locales/*.json (`field_error.<key>` with `args`). Every key
    /// has a text (the tests check each message); an unknown one keeps what it says already,
    /// or shows the key rather than nothing.
    pub fn words(&self, lang: Lang) -> String {
        let key = self.args.get(TEXT_KEY).unwrap_or(&self.key);
        let Some(template) = crate::tr::field_error_template(lang, key) else {
            return if self.message.is_empty() {
                self.key.clone()
            } else {
                self.message.clone()
            };
        };
        let mut text = template.to_owned();
        for (name, value) in &self.args {
            text = text.replace(&format!("{{{name}}}"), &shown_argument(lang, name, value));
        }
        let text = text.replace("{{", "{").replace("}}", "}");
        match (self.args.get("member"), self.args.get("part")) {
            (Some(position), Some(part)) => {
                let part = crate::tr::field_error::member_part::lookup(lang, part).unwrap_or(part);
                // A step form names the member by the name typed in its row, when there is one.
                match self.args.get("name") {
                    Some(name) => crate::tr::member_words::named(lang, position, name, part, text),
                    None => crate::tr::field_error::member(lang, position, part, text),
                }
            }
            _ => match (self.args.get("measure"), self.args.get("measure_part")) {
                (Some(n), Some(part)) => {
                    let part =
                        crate::tr::field_error::measure_part::lookup(lang, part).unwrap_or(part);
                    crate::tr::field_error::measure(lang, n, part, text)
                }
                _ => text,
            },
        }
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
    /// Look-ups of this tracking number are paused for an hour: it was tried with many wrong
    /// mobiles, from anywhere. Not the caller's own doing, so not `RateLimited`.
    #[error("look-ups of this number are paused")]
    LookUpsPaused,
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
    /// This error with its field messages worded in `lang` (where a service error becomes
    /// the client's answer).
    #[cfg(not(feature = "hydrate"))]
    pub fn in_lang(self, lang: Lang) -> Self {
        match self {
            AppError::Validation(errors) => {
                AppError::Validation(errors.into_iter().map(|e| e.in_lang(lang)).collect())
            }
            AppError::Refused(error) => AppError::Refused(error.in_lang(lang)),
            other => other,
        }
    }

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
            // Never sent to an island (none posts a look-up): its words stay on the server.
            #[cfg(not(feature = "hydrate"))]
            AppError::LookUpsPaused => crate::tr::track::number_paused(lang),
            #[cfg(feature = "hydrate")]
            AppError::LookUpsPaused => e::rate_limited(lang),
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

#[cfg(test)]
#[path = "error_tests.rs"]
mod tests;

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
