//! 结果反馈: a department reads back what became of the alerts it pushed (filed, refused with
//! the reason, identified, not identified). Only its own alerts, within its key's region, and
//! no personal data beyond what it sent (the ID number masked).
use chrono::{DateTime, TimeZone, Utc};

use super::millis;
use crate::{
    domain::{
        audit::{AuditAction, Outcome},
        department_key::status_of,
        id_number::IdNumber,
        lang::Lang,
        region::RegionCode,
        vocab::Channel,
    },
    ssr::{
        error::ServiceError,
        repo::department_keys as rows,
        services::{
            audit::{Read, Reader},
            cases,
            cases::Filed,
        },
        staff::Staff,
        state::AppState,
    },
    wire::{alerts::AlertRow, department_keys::AlertFeedback, FieldError},
};

/// At most this many outcomes per answer; ask again with `since` = the last `updated_at`.
pub const MAX_OUTCOMES: i64 = 1000;

/// Remembers a filed alert under the department's record id. Written after the filing (a
/// lost row comes back when the department pushes the record again: the filing is
/// idempotent and this insert keeps the first row).
pub async fn remember(
    state: &AppState,
    staff: &Staff,
    row: &AlertRow,
    filed: &Filed,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let masked = IdNumber::parse(row.household.id_number.trim())
        .map(|id| id.masked())
        .unwrap_or_default();
    let push = rows::Push {
        user_id: &staff.id,
        reference: row.reference.trim(),
        case_id: &filed.case_id,
        tracking_number: filed.tracking.as_str(),
        id_number_masked: &masked,
    };
    rows::record_push(&state.db.pool, &push, millis(now)).await?;
    Ok(())
}

/// The note of the case's latest 向预警部门反馈结果, if any.
async fn latest_feedback(state: &AppState, case_id: &str) -> Result<Option<String>, ServiceError> {
    let events = crate::ssr::repo::cases::events(&state.db.pool, &state.vault, case_id).await?;
    Ok(events.iter().rev().find_map(|(_, payload)| {
        match serde_json::from_str::<crate::domain::case::CaseEvent>(payload)
            .ok()?
            .kind
        {
            crate::domain::case::EventKind::AlertFedBack { note } => Some(note),
            _ => None,
        }
    }))
}

fn rfc3339(ms: i64) -> String {
    Utc.timestamp_millis_opt(ms)
        .single()
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}

/// The outcomes of the department's alerts whose case changed at or after `since` (RFC 3339;
/// empty: all), oldest change first.
#[tracing::instrument(skip_all, fields(user = %reader.staff.id))]
pub async fn outcomes(
    state: &AppState,
    reader: &Reader<'_>,
    key_id: Option<&str>,
    since: Option<&str>,
) -> Result<Vec<AlertFeedback>, ServiceError> {
    let staff = reader.staff;
    if !crate::domain::case::proxy_channels(staff.role).contains(&Channel::DepartmentAlert) {
        return Err(ServiceError::Forbidden);
    }
    let since_ms = match since.map(str::trim).filter(|s| !s.is_empty()) {
        None => 0,
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|t| t.timestamp_millis())
            .map_err(|_| {
                ServiceError::Validation(vec![FieldError::from_locale(
                    "since",
                    "alerts.since",
                    "alerts.since",
                    [],
                )])
            })?,
    };
    let pushed =
        rows::pushes_changed_since(&state.db.pool, &staff.id, since_ms, MAX_OUTCOMES).await?;
    let mut out = Vec::with_capacity(pushed.len());
    for row in pushed {
        // A key for one township sees that township's alerts only.
        if !RegionCode::parse(&row.village_code).is_ok_and(|v| staff.scope.contains(&v)) {
            continue;
        }
        let case = cases::load_unscoped(state, &row.case_id).await?;
        let (status, reason) = status_of(&case.state);
        let feedback = latest_feedback(state, &row.case_id).await?;
        out.push(AlertFeedback {
            reference: row.reference,
            tracking: row.tracking_number,
            status: status.code().to_owned(),
            status_zh: status.label(Lang::Zh).to_owned(),
            status_en: status.label(Lang::En).to_owned(),
            reason: reason.map(crate::domain::tracking::masked_in),
            id_number_masked: row.id_number_masked,
            pushed_at: rfc3339(row.created_at),
            updated_at: rfc3339(row.updated_at),
            feedback: feedback.map(|note| crate::domain::tracking::masked_in(&note)),
            case_id: Some(row.case_id.clone()),
        });
    }
    // The rows hold masked personal data: who read them, with which key, and how many.
    let read = Read {
        detail: format!("key={} rows={}", key_id.unwrap_or("session"), out.len()),
        ..Read::default()
    };
    reader
        .record(state, AuditAction::OutcomesRead, Outcome::Allowed, &read)
        .await?;
    Ok(out)
}

/// Who reads the outcomes, for the audit row.
pub fn reader<'a>(staff: &'a Staff, address: &'a str, now: DateTime<Utc>) -> Reader<'a> {
    Reader {
        staff,
        address,
        now,
    }
}
