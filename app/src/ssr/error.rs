//! Service errors keep their causes for the log; the client only sees `AppError`.
use crate::wire::{AppError, FieldError};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("not authenticated")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("version conflict")]
    Conflict,
    #[error("refused by the workflow: {0}")]
    Refused(crate::domain::case::Refusal),
    #[error("rate limited")]
    RateLimited,
    /// Look-ups of one tracking number are paused: others tried it with wrong mobiles.
    #[error("look-ups of this number are paused")]
    LookUpsPaused,
    #[error("database error")]
    Db(#[from] sqlx::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("password hashing failed")]
    Hash,
}

impl ServiceError {
    /// The domain's field problems as a refusal of the form.
    pub fn invalid(problems: Vec<crate::domain::report::FieldProblem>) -> ServiceError {
        ServiceError::Validation(FieldError::from_problems(&problems))
    }
}

impl From<ServiceError> for AppError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Validation(errors) => AppError::Validation(errors),
            ServiceError::Unauthorized => AppError::Unauthorized,
            ServiceError::Forbidden => AppError::Forbidden,
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Conflict => AppError::Conflict,
            ServiceError::Refused(refusal) => {
                tracing::info!(refusal = %refusal, "command refused");
                let field = refusal.field().unwrap_or("command");
                AppError::Refused(FieldError::new(field, &refusal))
            }
            ServiceError::RateLimited => AppError::RateLimited,
            ServiceError::LookUpsPaused => AppError::LookUpsPaused,
            ServiceError::Db(e) if super::db::is_unavailable(&e) => {
                tracing::error!(error = %e, "database unavailable; answered 503");
                AppError::Unavailable
            }
            internal => {
                tracing::error!(error = %internal, cause = ?cause_chain(&internal), "request failed");
                AppError::Internal
            }
        }
    }
}

fn cause_chain(e: &dyn std::error::Error) -> Vec<String> {
    let mut chain = Vec::new();
    let mut current = e.source();
    while let Some(cause) = current {
        chain.push(cause.to_string());
        current = cause.source();
    }
    chain
}
