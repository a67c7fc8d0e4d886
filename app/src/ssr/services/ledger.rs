//! The monitoring ledger (台账) of the officer's region as a CSV or an Excel file.
use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        access::Action,
        audit::{AuditAction, Outcome},
        case::{household::listed_as, Case},
        id_number::IdNumber,
        ledger::{csv_line, header, is_listed, row, LedgerCell, LedgerFacts},
        measure_counts::{MeasureCounter, MeasureTally},
        object_counts::Standing,
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

/// The file formats the ledger downloads as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LedgerFormat {
    /// UTF-8 with a byte-order mark, so Excel and WPS read the Chinese.
    Csv,
    /// A real workbook: typed cells, frozen header, column widths.
    Xlsx,
}

/// A ledger file: its name, media type and bytes.
pub struct LedgerFile {
    pub file_name: String,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

/// The ledger rows of the officer's region, and the file name's stem.
struct LedgerTable {
    stem: String,
    rows: Vec<Vec<LedgerCell>>,
    /// The listed households' measures by type (the workbook's second sheet).
    measures: Vec<MeasureTally>,
}

#[tracing::instrument(skip_all, fields(user = %staff.id))]
pub async fn export(
    state: &AppState,
    staff: &Staff,
    address: &str,
    format: LedgerFormat,
    now: DateTime<Utc>,
) -> Result<LedgerFile, ServiceError> {
    let reader = Reader {
        staff,
        address,
        now,
    };
    if let Err(refused) = staff.require(Action::ExportLedger) {
        // A refused download is in the audit log too (attacker tester: repeated tries by an
        // account without access left no trace).
        let read = Read {
            detail: format!("region={} refused", staff.scope.as_str()),
            ..Read::default()
        };
        reader
            .record(state, AuditAction::LedgerExported, Outcome::Refused, &read)
            .await?;
        return Err(refused);
    }
    let table = table(state, staff, now).await?;
    // Recorded before the file leaves: no audit row, no file.
    let read = Read {
        detail: format!(
            "region={} rows={} format={format:?}",
            staff.scope.as_str(),
            table.rows.len()
        ),
        ..Read::default()
    };
    reader
        .record(state, AuditAction::LedgerExported, Outcome::Allowed, &read)
        .await?;
    // The county's record: its columns in the default language, like its rows.
    let header = header(crate::domain::lang::Lang::default());
    Ok(match format {
        LedgerFormat::Csv => {
            let mut body = String::from("\u{feff}");
            body.push_str(&csv_line(&header));
            for row in &table.rows {
                body.push_str(&csv_line(
                    &row.iter().map(LedgerCell::text).collect::<Vec<_>>(),
                ));
            }
            LedgerFile {
                file_name: format!("{}.csv", table.stem),
                content_type: "text/csv; charset=utf-8",
                body: body.into_bytes(),
            }
        }
        LedgerFormat::Xlsx => LedgerFile {
            file_name: format!("{}.xlsx", table.stem),
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            body: super::ledger_xlsx::workbook(&header, &table.rows, &table.measures)
                .map_err(|e| ServiceError::Corrupt(format!("ledger workbook: {e}")))?,
        },
    })
}

async fn table(
    state: &AppState,
    staff: &Staff,
    now: DateTime<Utc>,
) -> Result<LedgerTable, ServiceError> {
    let column = match staff.scope.level() {
        RegionLevel::County => RegionColumn::County,
        RegionLevel::Township => RegionColumn::Township,
        RegionLevel::Village => RegionColumn::Village,
    };
    let rows = cases::all_in_region(
        &state.db.pool,
        &state.vault,
        column,
        staff.scope.as_str(),
        MAX_ROWS,
    )
    .await?;
    let names: HashMap<String, String> = regions::all(&state.db.pool)
        .await?
        .into_iter()
        .map(|r| (r.code, r.name))
        .collect();
    let name = |code: &str| names.get(code).map_or("", String::as_str);
    let mut listed = Vec::new();
    let mut measures = MeasureCounter::default();
    for (case_row, snapshot) in rows {
        let case: Case = serde_json::from_str(snapshot.as_deref().unwrap_or_default())
            .map_err(|e| ServiceError::Corrupt(format!("case {} snapshot: {e}", case_row.id)))?;
        if !is_listed(&case) {
            continue;
        }
        // The household as the notice lists it (the home check's 户主 and members), with
        // that person's ID number: the ledger named the applicant where the notice named
        // the head (tester).
        let (head, household_size) = listed_as(
            case.household.as_ref(),
            &case_row.applicant_name,
            case_row.household_size,
        );
        let head_id = match head == case_row.applicant_name {
            true => IdNumber::parse(&case_row.applicant_id_number).ok(),
            false => case.household.as_ref().and_then(|h| {
                h.members
                    .iter()
                    .find(|m| m.name == head)
                    .and_then(|m| m.id_number.clone())
            }),
        };
        let id_masked = head_id.map(|i| i.masked()).unwrap_or_default();
        // Grouped as every page writes it: searching the file for the number on screen
        // found nothing (officer tester).
        let tracking =
            crate::domain::tracking::TrackingNumber::shown_back(&case_row.tracking_number);
        let facts = LedgerFacts {
            tracking: &tracking,
            township: name(&case_row.township_code),
            village: name(&case_row.village_code),
            group: case_row.village_group.as_deref().unwrap_or_default(),
            applicant: head,
            id_masked: &id_masked,
            household_size,
            channel_zh: Channel::from_code(&case_row.channel).map_or("", |c| c.label_zh()),
        };
        listed.push(row(&case, &facts));
        // Counted over the dashboard's 监测对象 (not the households removed from monitoring,
        // which the ledger still lists): the two read as disagreeing (officer tester).
        if Standing::of_state(case.state.code()).is_some() {
            measures.add(&case);
        }
    }
    Ok(LedgerTable {
        stem: format!("台账-{}-{}", name(staff.scope.as_str()), beijing_date(now)),
        rows: listed,
        measures: measures.rows(),
    })
}
