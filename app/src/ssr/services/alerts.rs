//! Department screening alerts pushed in bulk: each row is filed like a proxy report under the
//! 部门筛查预警 channel, independently, so one bad row does not hold up the rest.
use chrono::{DateTime, Utc};

use crate::{
    domain::{
        case::{proxy_channels, Refusal},
        report::{ReportFieldError, ReportForm},
        vocab::Channel,
    },
    ssr::{
        error::ServiceError,
        form_keys::alert_key,
        services::{
            alert_file::{self, AlertUpload},
            auth::Staff,
            reports,
        },
        state::AppState,
    },
    wire::{
        alerts::{AlertOutcome, AlertRow, MAX_ALERTS_PER_PUSH},
        FieldError,
    },
};

#[tracing::instrument(skip_all, fields(user = %staff.id, rows = rows.len()))]
pub async fn push(
    state: &AppState,
    staff: &Staff,
    rows: &[AlertRow],
    now: DateTime<Utc>,
) -> Result<Vec<AlertOutcome>, ServiceError> {
    if !proxy_channels(staff.role).contains(&Channel::DepartmentAlert) {
        return Err(ServiceError::Forbidden);
    }
    if rows.len() > MAX_ALERTS_PER_PUSH {
        return Err(ServiceError::Validation(vec![FieldError::new(
            "alerts",
            &ReportFieldError::TooManyAlerts,
        )]));
    }
    let actor = staff.actor();
    let mut outcomes = Vec::with_capacity(rows.len());
    for row in rows {
        let mut outcome = AlertOutcome {
            reference: row.reference.clone(),
            tracking: None,
            possible_duplicate: false,
            errors: Vec::new(),
            filed_before: false,
            case_id: None,
        };
        if row.reference.trim().is_empty() {
            outcome.errors.push(FieldError::new(
                "reference",
                &ReportFieldError::ReferenceMissing,
            ));
            outcomes.push(outcome);
            continue;
        }
        if !crate::domain::department_key::reference_shows(&row.reference) {
            outcome.errors.push(FieldError::new(
                "reference",
                &crate::domain::department_key::AlertRowError::ReferenceInvalid,
            ));
            outcomes.push(outcome);
            continue;
        }
        // The household signs the pledge at the home check; the department cannot sign it.
        let form = ReportForm {
            consent: "on".to_owned(),
            key: String::new(),
            ..row.household.clone()
        };
        // The key is the server's, from the account and the record, never from the request.
        let key = Some(alert_key(&staff.id, &row.reference));
        match reports::file_form(
            state,
            &actor,
            &form,
            Channel::DepartmentAlert,
            None,
            key,
            now,
        )
        .await
        {
            // A record id the department used before under a key for another area: the
            // earlier filing's number and duplicates are not this key's to learn (attacker
            // tester: a township's key got the number of a filing in another township).
            Ok(filed) if !staff.scope.contains(&filed.case.village) => {
                outcome.errors.push(FieldError::from_locale(
                    "reference",
                    "alerts.reference_taken",
                    "alerts.reference_taken",
                    [],
                ));
            }
            Ok(filed) => {
                super::alert_feedback::remember(state, staff, row, &filed, now).await?;
                outcome.tracking = Some(filed.tracking.as_str().to_owned());
                outcome.filed_before = filed.earlier;
                outcome.case_id = Some(filed.case_id.clone());
                // Only a likely duplicate within the key's own area is said.
                outcome.possible_duplicate = filed.case.duplicates.iter().any(|d| {
                    crate::domain::region::RegionCode::parse(&d.village)
                        .is_ok_and(|village| staff.scope.contains(&village))
                });
            }
            Err(ServiceError::Validation(errors)) => outcome.errors = errors,
            Err(ServiceError::Refused(Refusal::OutOfScope)) => {
                outcome.errors.push(FieldError::new(
                    "village",
                    &crate::domain::department_key::AlertRowError::VillageOutsideScope,
                ))
            }
            Err(other) => return Err(other),
        }
        outcomes.push(outcome);
    }
    let filed = outcomes.iter().filter(|o| o.tracking.is_some()).count();
    tracing::info!(target: "audit", user = %staff.id, filed, rows = rows.len(), "department alerts pushed");
    Ok(outcomes)
}

/// A pasted or uploaded list: parsed (see `domain::alert_csv`), then pushed like JSON rows.
pub async fn upload(
    state: &AppState,
    staff: &Staff,
    csv: &str,
    now: DateTime<Utc>,
) -> Result<Vec<AlertOutcome>, ServiceError> {
    // Who may push is asked before a 4 MB list is read (a village cadre got the parser's
    // missing column, not a refusal: attacker tester).
    if !proxy_channels(staff.role).contains(&Channel::DepartmentAlert) {
        return Err(ServiceError::Forbidden);
    }
    let rows = crate::domain::alert_csv::parse(csv).map_err(|e| {
        ServiceError::Validation(vec![FieldError::from_locale(
            "csv",
            "alerts.csv",
            e.text_key(),
            e.args(),
        )])
    })?;
    let rows: Vec<AlertRow> = rows
        .into_iter()
        .map(|row| AlertRow {
            reference: row.reference,
            household: row.household,
        })
        .collect();
    push(state, staff, &rows, now).await
}

/// The rows of an import form (a chosen .xlsx/.xls/.csv file, or pasted text), read on the
/// server; a list refused as a whole is a `file` field error and nothing is filed.
pub fn rows_of_upload(staff: &Staff, upload: &AlertUpload) -> Result<Vec<AlertRow>, ServiceError> {
    if !proxy_channels(staff.role).contains(&Channel::DepartmentAlert) {
        return Err(ServiceError::Forbidden);
    }
    alert_file::rows(upload).map_err(|e| {
        ServiceError::Validation(vec![FieldError::from_locale(
            "file",
            "alerts.file",
            e.text_key(),
            e.args(),
        )])
    })
}

/// A whole import form filed at once (the JavaScript-off path): every row's outcome.
pub async fn import(
    state: &AppState,
    staff: &Staff,
    upload: &AlertUpload,
    now: DateTime<Utc>,
) -> Result<Vec<AlertOutcome>, ServiceError> {
    let rows = rows_of_upload(staff, upload)?;
    push(state, staff, &rows, now).await
}

/// Where a browser without JavaScript lands after posting the list: the queue, where the
/// filed alerts are listed, or back on the import page saying it could not be read.
pub fn landing_after_upload(filed: bool) -> &'static str {
    if filed {
        "/staff?tab=all"
    } else {
        "/staff/alerts?failed=1"
    }
}
