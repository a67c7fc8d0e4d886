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

/// The full ID number, for an officer whose work covers the case, with a reason from the
/// list (free text for 其他). Allowed and refused reveals each write an audit row before
/// the answer leaves; a refusal looks like a case that does not exist.
pub async fn id_number(
    state: &AppState,
    reader: Reader<'_>,
    case_id: &str,
    reason_code: &str,
    reason_text: &str,
) -> Result<String, ServiceError> {
    let reason = RevealReason::parse(reason_code, reason_text)
        .map_err(|e| ServiceError::Validation(vec![FieldError::new("reason", &e)]))?;
    let case = cases::load_unscoped(state, case_id).await?;
    let read = Read {
        case_id: Some(case_id),
        detail: String::new(),
        reason: reason.code(),
        reason_text: reason.text(),
    };
    if !reader
        .staff
        .may_on_case(Action::RevealId, &case, &state.policy)
    {
        reader
            .record(state, AuditAction::IdRevealed, Outcome::Refused, &read)
            .await?;
        tracing::warn!(target: "audit", user = %reader.staff.id, case_id, "ID reveal refused");
        return Err(ServiceError::NotFound);
    }
    let row = rows::by_id(&state.db.pool, &state.vault, case_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    reader
        .record(state, AuditAction::IdRevealed, Outcome::Allowed, &read)
        .await?;
    Ok(row.applicant_id_number)
}
