//! Service errors keep their causes for the log; the client only sees `AppError`.
use crate::domain::message::UserMessage;
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
    /// A held-back look-up offered the ID number, but the number's ID-number tries for the
    /// hour are used up: said apart, as right details were told they did not match
    /// (household tester). To a script it is a rate limit.
    #[error("ID-number tries for this number are used up")]
    ProofTriesUsedUp,
    /// The right password for an account that is turned off: told so on the sign-in page
    /// (told "wrong password", its owner kept retrying into the lock: officer tester). Only
    /// whoever has the password learns it; to a script it is a refused sign-in.
    #[error("the account is turned off")]
    AccountTurnedOff,
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
            ServiceError::Unauthorized | ServiceError::AccountTurnedOff => AppError::Unauthorized,
            ServiceError::Forbidden => AppError::Forbidden,
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Conflict => AppError::Conflict,
            ServiceError::Refused(refusal) => {
                tracing::info!(refusal = %refusal, "command refused");
                let field = refusal.field().unwrap_or("command");
                // With its arguments: some words name them (the unticked item, visits done).
                AppError::Refused(FieldError::from_locale(
                    field,
                    refusal.key(),
                    refusal.text_key(),
                    refusal.args(),
                ))
            }
            ServiceError::RateLimited => AppError::RateLimited,
            ServiceError::LookUpsPaused => AppError::LookUpsPaused,
            // Not "give the ID number" (a pause's words): it was given, and the tries are out.
            ServiceError::ProofTriesUsedUp => AppError::RateLimited,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{elimination::EliminationGap, Refusal};
    use crate::domain::lang::Lang;

    fn shown(refusal: Refusal, lang: Lang) -> (String, String) {
        match AppError::from(ServiceError::Refused(refusal)).in_lang(lang) {
            AppError::Refused(e) => (e.field, e.message),
            other => panic!("{other:?}"),
        }
    }

    /// A refusal with fixed words left the officer guessing which tick was missing and how
    /// many visits were short (officer tester): the words now carry the refusal's details.
    #[test]
    fn an_elimination_refusal_names_the_unticked_item_the_visits_and_the_day() {
        let unticked = Refusal::CriteriaNotMet {
            which: "rigid_spending_resolved",
        };
        let (field, zh) = shown(unticked.clone(), Lang::Zh);
        assert_eq!(field, "checklist", "shown under the four ticks");
        assert!(zh.contains("“刚性支出问题已解决”"), "{zh}");
        assert!(shown(unticked, Lang::En).1.contains("\"Rigid spending"));
        let visits = Refusal::Elimination {
            gap: EliminationGap::TooFewVisits { needed: 3, done: 1 },
        };
        let (_, zh) = shown(visits.clone(), Lang::Zh);
        assert!(zh.contains("走访了1次") && zh.contains("至少3次"), "{zh}");
        let (_, en) = shown(visits, Lang::En);
        assert!(en.starts_with("1 monitoring visits") && en.contains("at least 3"));
        let until = chrono::NaiveDate::from_ymd_opt(2027, 3, 1).expect("day");
        let short = Refusal::Elimination {
            gap: EliminationGap::MonitoredTooShort { until },
        };
        let (_, zh) = shown(short, Lang::Zh);
        assert!(zh.contains("（2027年3月1日期满）"), "{zh}");
        assert!(!zh.contains('{'), "every argument filled in: {zh}");
        // The measure or the risk by name, not only "marked on this page" (tester).
        use crate::domain::vocab::{MeasureType, RiskType};
        let measure = Refusal::Elimination {
            gap: EliminationGap::MeasureNotCarriedOut {
                measure: Some(MeasureType::PublicWelfareJob),
            },
        };
        assert!(shown(measure, Lang::Zh).1.contains("“公益岗位”"));
        let risk = Refusal::Elimination {
            gap: EliminationGap::RiskNotAddressed {
                risk: RiskType::Illness,
            },
        };
        let (_, zh) = shown(risk.clone(), Lang::Zh);
        assert!(zh.contains(RiskType::Illness.label(Lang::Zh)), "{zh}");
        assert!(!shown(risk, Lang::En).1.contains('{'));
    }
}
