//! The one error type that crosses the wire. It never carries internal error text.
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

use crate::domain::message::UserMessage;

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
            .map(|(field, msg)| FieldError::new(field, msg))
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
        match self {
            AppError::Validation(_) => "请检查标红的内容",
            AppError::Unauthorized => "请先登录",
            AppError::Forbidden => "您没有权限进行此操作",
            AppError::NotFound => "没有找到相关记录",
            AppError::Conflict => "该记录已被他人修改，请刷新后重试",
            AppError::Refused(_) => "此操作不符合办理规则",
            AppError::RateLimited => {
                "尝试次数过多，请稍后再试（最多等一小时）；如急需帮助请拨打12317"
            }
            AppError::Internal => "系统出现问题，请稍后重试；如急需帮助请拨打12317",
            AppError::Unavailable => {
                "系统暂时无法保存或读取数据，请几分钟后重试；如急需帮助请拨打12317"
            }
            AppError::Transport => "网络连接不稳定，请检查网络后重试",
        }
    }

    /// What the person sees, in English.
    pub fn en(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "Please check the fields marked in red",
            AppError::Unauthorized => "Please sign in first",
            AppError::Forbidden => "You are not allowed to do this",
            AppError::NotFound => "Nothing was found",
            AppError::Conflict => "Someone else changed this record; reload and try again",
            AppError::Refused(_) => "This step is not allowed by the rules",
            AppError::RateLimited => {
                "Too many attempts; try again later (within an hour), or call 12317 for urgent help"
            }
            AppError::Internal => {
                "Something went wrong; please try again later, or call 12317 for urgent help"
            }
            AppError::Unavailable => {
                "The system cannot save or read data just now; please try again in a few \
                 minutes, or call 12317 for urgent help"
            }
            AppError::Transport => "The network is unstable; check the connection and try again",
        }
    }

    /// What the person sees, in their language.
    pub fn text(&self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.zh(), self.en())
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
