//! Key rotation (data keys and the blind-index key), and the migration of plaintext stored before encryption: every sealed value
//! is opened (plaintext passes through) and sealed again under the newest key, the blind
//! indexes are (re)computed, in batches of one transaction each. Each batch saves its cursor
//! in `key_rotations` in the same transaction, so a run that stops (crash, Ctrl-C) resumes
//! after the last batch it committed and nothing is done twice or lost; every value stays
//! readable throughout, because the vault opens old keys and plaintext alike.
use sqlx::Any;

use crate::ssr::{
    db::Db,
    error::ServiceError,
    repo::sealing::{self, CaseResealed, Cursor, SealedTable},
    vault::{Field, Vault, VaultError},
};

/// Rows per transaction.
pub const BATCH: i64 = 500;

/// Told how far a rotation has come (a progress bar, or nothing).
pub trait RotationProgress: Send + Sync {
    /// A table starts: `remaining` rows to walk in it.
    fn table(&self, table: &str, remaining: u64);
    /// A batch of `rows` was committed.
    fn advance(&self, rows: u64);
}

/// No progress shown.
pub struct Quiet;

impl RotationProgress for Quiet {
    fn table(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {}
}

/// What a rotation did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RotationReport {
    pub key_id: String,
    /// Rows re-sealed (or sealed for the first time).
    pub resealed: u64,
    /// Rows changed by the app while the rotation read them: left as their writer stored
    /// them, and walked again by the next run.
    pub changed_meanwhile: u64,
    /// Rate-limit counters keyed by a plaintext mobile, dropped.
    pub counters_dropped: u64,
}

fn corrupt(what: &str, e: VaultError) -> ServiceError {
    ServiceError::Corrupt(format!("{what}: {e}"))
}

/// Rotates every stored value to the vault's newest key; see the module comment.
pub async fn rotate(
    db: &Db,
    vault: &Vault,
    progress: &dyn RotationProgress,
) -> Result<RotationReport, ServiceError> {
    rotate_in_batches(db, vault, progress, BATCH).await
}

#[tracing::instrument(skip_all, fields(key = %vault.rotation_id()))]
pub async fn rotate_in_batches(
    db: &Db,
    vault: &Vault,
    progress: &dyn RotationProgress,
    batch: i64,
) -> Result<RotationReport, ServiceError> {
    let mut report = RotationReport {
        // The data key, and the index key once one was added: a new index key walks again.
        key_id: vault.rotation_id(),
        counters_dropped: sealing::drop_plain_mobile_counters(&db.pool).await?,
        ..RotationReport::default()
    };
    for table in SealedTable::ALL {
        let cursor = match sealing::cursor(&db.pool, table).await? {
            Some(c) if c.key_id == report.key_id => c,
            // A new rotation (or the first): from the start.
            _ => Cursor {
                key_id: report.key_id.clone(),
                last_key: String::new(),
                done: 0,
            },
        };
        if cursor.done == 1 {
            continue;
        }
        let total = sealing::count(&db.pool, table).await?;
        progress.table(table.name(), u64::try_from(total).unwrap_or(0));
        walk(db, vault, table, cursor, batch, progress, &mut report).await?;
    }
    tracing::info!(?report, "key rotation finished");
    Ok(report)
}

async fn walk(
    db: &Db,
    vault: &Vault,
    table: SealedTable,
    mut cursor: Cursor,
    batch: i64,
    progress: &dyn RotationProgress,
    report: &mut RotationReport,
) -> Result<(), ServiceError> {
    let mut changed_here = 0;
    loop {
        let mut tx = db.pool.begin().await?;
        let (rows, last, resealed, changed) =
            one_batch(&mut tx, vault, table, &cursor.last_key, batch).await?;
        report.resealed += resealed;
        changed_here += changed;
        match last {
            Some(last) => cursor.last_key = last,
            // Done; rows changed meanwhile send the next run back through the table.
            None if changed_here > 0 => {
                cursor.last_key = String::new();
            }
            None => cursor.done = 1,
        }
        sealing::save_cursor(&mut *tx, table, &cursor, now_ms()).await?;
        tx.commit().await?;
        progress.advance(rows);
        if rows == 0 {
            break;
        }
    }
    report.changed_meanwhile += changed_here;
    Ok(())
}

fn now_ms() -> i64 {
    // Only the row's creation stamp; the rotation's logic never reads it.
    chrono::Utc::now().timestamp_millis()
}

/// One batch after `after`: (rows read, cursor after them or None at the end, rows
/// re-sealed, rows changed meanwhile).
async fn one_batch(
    tx: &mut sqlx::Transaction<'static, Any>,
    vault: &Vault,
    table: SealedTable,
    after: &str,
    batch: i64,
) -> Result<(u64, Option<String>, u64, u64), ServiceError> {
    let (mut resealed, mut changed) = (0, 0);
    let mut count = |written: bool| {
        if written {
            resealed += 1;
        } else {
            changed += 1;
        }
    };
    let (rows, last) = match table {
        SealedTable::Cases => {
            let rows = sealing::cases_after(&mut **tx, after, batch).await?;
            for row in &rows {
                let mobile = vault
                    .open(Field::Mobile, &row.applicant_mobile)
                    .map_err(|e| corrupt(&row.id, e))?;
                let id_number = vault
                    .open(Field::IdNumber, &row.applicant_id_number)
                    .map_err(|e| corrupt(&row.id, e))?;
                let new = CaseResealed {
                    mobile: vault.seal(Field::Mobile, &mobile),
                    id_number: vault.seal(Field::IdNumber, &id_number),
                    snapshot: row
                        .snapshot
                        .as_deref()
                        .map(|s| vault.reseal_json(s))
                        .transpose()
                        .map_err(|e| corrupt(&row.id, e))?,
                    mobile_index: vault.index(Field::Mobile, &mobile),
                    id_number_index: vault.index(Field::IdNumber, &id_number),
                };
                count(sealing::reseal_case(&mut **tx, &row.id, row.version, &new).await?);
            }
            (rows.len(), rows.last().map(|r| r.id.clone()))
        }
        SealedTable::CaseEvents => {
            let (case, seq) = after.split_once('|').unwrap_or(("", "0"));
            let seq = seq.parse().unwrap_or(0);
            let rows = sealing::events_after(&mut **tx, case, seq, batch).await?;
            for (case_id, seq, payload) in &rows {
                if vault
                    .json_needs_reseal(payload)
                    .map_err(|e| corrupt(case_id, e))?
                {
                    let new = vault
                        .reseal_json(payload)
                        .map_err(|e| corrupt(case_id, e))?;
                    count(sealing::reseal_event(&mut **tx, case_id, *seq, payload, &new).await?);
                }
            }
            (rows.len(), rows.last().map(|(c, s, _)| format!("{c}|{s}")))
        }
        SealedTable::FormDrafts => {
            let rows = sealing::drafts_after(&mut **tx, after, batch).await?;
            for (token, payload) in &rows {
                if vault
                    .json_needs_reseal(payload)
                    .map_err(|e| corrupt("draft", e))?
                {
                    let new = vault
                        .reseal_json(payload)
                        .map_err(|e| corrupt("draft", e))?;
                    count(sealing::reseal_draft(&mut **tx, token, payload, &new).await?);
                }
            }
            (rows.len(), rows.last().map(|(t, _)| t.clone()))
        }
        SealedTable::Outbox => {
            let rows = sealing::texts_after(&mut **tx, after, batch).await?;
            for (id, recipient) in &rows {
                if !vault.is_current(recipient) {
                    let new = vault
                        .reseal(Field::Mobile, recipient)
                        .map_err(|e| corrupt(id, e))?;
                    count(sealing::reseal_text(&mut **tx, id, recipient, &new).await?);
                }
            }
            (rows.len(), rows.last().map(|(i, _)| i.clone()))
        }
    };
    Ok((rows as u64, last, resealed, changed))
}
