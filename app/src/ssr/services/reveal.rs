//! Deliberate, audited reads of personal data that pages otherwise show masked.
use crate::ssr::{
    error::ServiceError, repo::cases as rows, services::cases, staff::Staff, state::AppState,
};

/// A deliberate, logged reveal of the full ID number, for a case in the officer's scope.
pub async fn id_number(
    state: &AppState,
    staff: &Staff,
    case_id: &str,
) -> Result<String, ServiceError> {
    cases::load(state, &staff.actor(), case_id).await?;
    let row = rows::by_id(&state.db.pool, &state.vault, case_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    tracing::warn!(target: "audit", user = %staff.id, case_id, "ID number revealed");
    Ok(row.applicant_id_number)
}
