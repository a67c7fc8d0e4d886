//! The error body for callers other than the site's own pages and scripts (curl, another
//! system): a stable code and a plain sentence in the request's language, instead of the
//! typed `AppError` the site's scripts read (`{"error":"NotFound","message":"…"}`). Built by
//! the server from the `AppError` a server function answered with; never internal text.
use serde::Serialize;

use super::AppError;
use crate::domain::lang::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// Stable code: `Validation`, `Unauthorized`, `Forbidden`, `NotFound`, `Conflict`,
    /// `Refused`, `RateLimited`, `LookUpsPaused`, `Internal` or `Unavailable`.
    pub error: &'static str,
    /// What went wrong, in the request's language (a refusal: the rule's own sentence).
    pub message: String,
    /// A refusal's rule, e.g. `command.relation_missing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// `Validation`: each field's problem.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub key: String,
    pub message: String,
}

impl ErrorBody {
    pub fn of(error: &AppError, lang: Lang) -> ErrorBody {
        let code = match error {
            AppError::Validation(_) => "Validation",
            AppError::Unauthorized => "Unauthorized",
            AppError::Forbidden => "Forbidden",
            AppError::NotFound => "NotFound",
            AppError::Conflict => "Conflict",
            AppError::Refused(_) => "Refused",
            AppError::RateLimited => "RateLimited",
            AppError::LookUpsPaused => "LookUpsPaused",
            AppError::Internal => "Internal",
            AppError::Unavailable => "Unavailable",
            AppError::Transport => "Transport",
        };
        let (message, key) = match error {
            AppError::Refused(reason) => (reason.words(lang), Some(reason.key.clone())),
            other => (other.text(lang).to_owned(), None),
        };
        let fields = error
            .field_errors()
            .iter()
            .map(|e| FieldProblem {
                field: e.field.clone(),
                key: e.key.clone(),
                message: e.words(lang),
            })
            .collect();
        ErrorBody {
            error: code,
            message,
            key,
            fields,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::FieldError;

    #[test]
    fn each_error_has_its_code_and_a_sentence_in_the_language_asked() {
        let field = FieldError::worded("mobile", "mobile_number.wrong_length", Default::default());
        let json = |e: &AppError, lang| serde_json::to_value(ErrorBody::of(e, lang)).expect("json");
        assert_eq!(
            json(&AppError::NotFound, Lang::En),
            serde_json::json!({"error": "NotFound", "message": AppError::NotFound.en()})
        );
        assert_eq!(
            json(&AppError::RateLimited, Lang::Zh)["message"],
            AppError::RateLimited.zh()
        );
        let refused = json(&AppError::Refused(field.clone()), Lang::En);
        assert_eq!(refused["error"], "Refused");
        assert_eq!(refused["key"], "mobile_number.wrong_length");
        assert_eq!(refused["message"], "A mobile number has 11 digits.");
        let invalid = json(&AppError::Validation(vec![field]), Lang::Zh);
        assert_eq!(invalid["error"], "Validation");
        assert_eq!(invalid["fields"][0]["field"], "mobile");
        assert_eq!(invalid["fields"][0]["message"], "手机号码应为11位数字。");
    }
}
