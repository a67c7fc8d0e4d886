//! The monitoring ledger (台账) of the officer's region as a CSV file.
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::Action,
        audit::{AuditAction, Outcome},
        case::Case,
        id_number::IdNumber,
        ledger::{csv_line, is_listed, row, LedgerFacts, HEADER},
        region::RegionLevel,
        time::beijing_date,
        vocab::Channel,
    },
    ssr::{
        error::ServiceError,
        repo::{cases, cases::RegionColumn, regions},
        services::{
            audit::{Read, Reader},
            auth::Staff,
        },
        state::AppState,
    },
};

/// More households than any county monitors; the file is built in memory.
const MAX_ROWS: i64 = 200_000;

/// A ledger file: its name and its UTF-8 body (with a byte-order mark so Excel reads Chinese).
pub struct LedgerFile {
    pub file_name: String,
    pub body: String,
}

#[tracing::instrument(skip_all, fields(user = %staff.id))]
pub async fn csv(
    state: &AppState,
    staff: &Staff,
    address: &str,
    now: DateTime<Utc>,
) -> Result<LedgerFile, ServiceError> {
    staff.require(Action::ExportLedger)?;
    let column = match staff.scope.level() {
        RegionLevel::County => RegionColumn::County,
        RegionLevel::Township => RegionColumn::Township,
        RegionLevel::Village => RegionColumn::Village,
    };
    let rows = cases::all_in_region(&state.db.pool, column, staff.scope.as_str(), MAX_ROWS).await?;
    let names: HashMap<String, String> = regions::all(&state.db.pool)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let name = |code: &str| names.get(code).map_or("", String::as_str);
    let mut body = String::from("\u{feff}");
    body.push_str(&csv_line(&HEADER));
    let mut listed = 0usize;
    for (case_row, snapshot) in rows {
        let case: Case = serde_json::from_str(snapshot.as_deref().unwrap_or_default())
            .map_err(|e| ServiceError::Corrupt(format!("case {} snapshot: {e}", case_row.id)))?;
        if !is_listed(&case) {
            continue;
        }
        let id_masked = IdNumber::parse(&case_row.applicant_id_number)
            .map(|i| i.masked())
            .unwrap_or_default();
        let facts = LedgerFacts {
            tracking: &case_row.tracking_number,
            township: name(&case_row.township_code),
            village: name(&case_row.village_code),
            group: case_row.village_group.as_deref().unwrap_or_default(),
            applicant: &case_row.applicant_name,
            id_masked: &id_masked,
            household_size: case_row.household_size,
            channel_zh: Channel::from_code(&case_row.channel).map_or("", |c| c.label_zh()),
        };
        body.push_str(&csv_line(&row(&case, &facts)));
        listed += 1;
    }
    let reader = Reader {
        staff,
        address,
        now,
    };
    let read = Read {
        detail: format!("region={} rows={listed}", staff.scope.as_str()),
        ..Read::default()
    };
    reader
        .record(state, AuditAction::LedgerExported, Outcome::Allowed, &read)
        .await?;
    Ok(LedgerFile {
        file_name: format!(
            "台账-{}-{}.csv",
            name(staff.scope.as_str()),
            beijing_date(now)
        ),
        body,
    })
}
