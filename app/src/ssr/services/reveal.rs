//! Deliberate, audited reads of personal data that pages otherwise show masked.
use crate::{
    domain::{
        access::Action,
        audit::{AuditAction, Outcome, RevealReason},
    },
    ssr::{
        error::ServiceError,
        repo::cases as rows,
        services::{
            audit::{Read, Reader},
            cases,
        },
        state::AppState,
    },
    wire::FieldError,
};

/// What a reveal shows in full: the applicant's ID number or mobile number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revealed {
    IdNumber,
    Mobile,
}

impl Revealed {
    /// The form's `what`; empty is the ID number (the form's first use, kept for old pages).
    pub fn from_code(code: &str) -> Option<Revealed> {
        match code.trim() {
            "" | "id_number" => Some(Revealed::IdNumber),
            "mobile" => Some(Revealed::Mobile),
            _ => None,
        }
    }

    fn audited_as(self) -> AuditAction {
        match self {
            Revealed::IdNumber => AuditAction::IdRevealed,
            Revealed::Mobile => AuditAction::MobileRevealed,
        }
    }
}

/// The full ID number or mobile, for an officer whose work covers the case, with a reason
/// from the list (free text for 其他). Allowed and refused reveals each write an audit row
/// before the answer leaves; a refusal looks like a case that does not exist.
pub async fn personal(
    state: &AppState,
    reader: Reader<'_>,
    case_id: &str,
    what: &str,
    reason_code: &str,
    reason_text: &str,
) -> Result<String, ServiceError> {
    let what = Revealed::from_code(what).ok_or(ServiceError::NotFound)?;
    let reason = RevealReason::parse(reason_code, reason_text)
        .map_err(|e| ServiceError::Validation(vec![FieldError::new("reason", &e)]))?;
    let case = cases::load_unscoped(state, case_id).await?;
    let read = Read {
        case_id: Some(case_id),
        detail: String::new(),
        reason: reason.code(),
        reason_text: reason.text(),
    };
    let action = what.audited_as();
    if !reader
        .staff
        .may_on_case(Action::RevealId, &case, &state.policy)
    {
        reader
            .record(state, action, Outcome::Refused, &read)
            .await?;
        tracing::warn!(target: "audit", user = %reader.staff.id, case_id, ?what, "reveal refused");
        return Err(ServiceError::NotFound);
    }
    let row = rows::by_id(&state.db.pool, &state.vault, case_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    reader
        .record(state, action, Outcome::Allowed, &read)
        .await?;
    Ok(match what {
        Revealed::IdNumber => row.applicant_id_number,
        Revealed::Mobile => row.applicant_mobile,
    })
}
