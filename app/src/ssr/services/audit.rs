//! Writing and verifying the audit log. Every read of personal data calls `record` before
//! the data leaves the server: if the row cannot be written, the read fails.
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::millis;
use crate::{
    domain::audit::{canonical, AuditAction, AuditEntry, BrokenLink, Outcome, GENESIS_HASH},
    ssr::{
        db::Db,
        error::ServiceError,
        repo::{audit as rows, Any},
        staff::Staff,
        state::AppState,
    },
};

/// Who reads, and from where: the officer and the request's client address.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    pub staff: &'a Staff,
    pub address: &'a str,
    pub now: DateTime<Utc>,
}

/// What one audit row says beyond who and when.
#[derive(Debug, Clone, Default)]
pub struct Read<'a> {
    pub case_id: Option<&'a str>,
    pub detail: String,
    pub reason: &'a str,
    pub reason_text: &'a str,
}

impl Reader<'_> {
    pub fn entry(&self, action: AuditAction, outcome: Outcome, read: &Read<'_>) -> AuditEntry {
        AuditEntry {
            at: millis(self.now),
            actor_id: self.staff.id.clone(),
            actor_role: self.staff.role.code().to_owned(),
            actor_scope: self.staff.scope.as_str().to_owned(),
            action: action.code().to_owned(),
            outcome: outcome.code().to_owned(),
            case_id: read.case_id.map(str::to_owned),
            detail: read.detail.clone(),
            reason: read.reason.to_owned(),
            reason_text: read.reason_text.to_owned(),
            client_address: self.address.to_owned(),
        }
    }

    /// Writes one row in its own transaction.
    pub async fn record(
        &self,
        state: &AppState,
        action: AuditAction,
        outcome: Outcome,
        read: &Read<'_>,
    ) -> Result<(), ServiceError> {
        append(&state.db, &[self.entry(action, outcome, read)]).await
    }

    /// An administrator's change, said by `detail` (no personal data).
    pub async fn changed(
        &self,
        state: &AppState,
        action: AuditAction,
        detail: String,
    ) -> Result<(), ServiceError> {
        let read = Read {
            detail,
            ..Read::default()
        };
        self.record(state, action, Outcome::Allowed, &read).await
    }
}

/// SHA-256 of a row's canonical form, in lowercase hex.
pub fn hash(seq: i64, entry: &AuditEntry, prev_hash: &str) -> String {
    hex::encode(Sha256::digest(canonical(seq, entry, prev_hash).as_bytes()))
}

/// Appends rows to the chain in one transaction: the chain head is taken first (one update,
/// which locks it until commit), so concurrent writers line up on both databases.
pub async fn append(db: &Db, entries: &[AuditEntry]) -> Result<(), ServiceError> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut tx = db.pool.begin().await?;
    append_in(&mut tx, entries).await?;
    tx.commit().await?;
    Ok(())
}

/// As `append`, inside the caller's transaction.
pub async fn append_in(
    tx: &mut sqlx::Transaction<'static, Any>,
    entries: &[AuditEntry],
) -> Result<(), ServiceError> {
    for entry in entries {
        let (seq, prev) = rows::take_next(&mut **tx).await?;
        let digest = hash(seq, entry, &prev);
        rows::insert(&mut **tx, seq, entry, &prev, &digest, entry.at).await?;
        rows::set_head(&mut **tx, seq, &digest).await?;
    }
    Ok(())
}

/// The result of walking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Rows checked up to the first broken link (all of them when intact).
    pub rows_checked: i64,
    pub first_broken: Option<BrokenLink>,
}

impl Verification {
    pub fn intact(&self) -> bool {
        self.first_broken.is_none()
    }
}

/// Rows read per page while verifying.
const VERIFY_PAGE: i64 = 2_000;

/// Walks the chain from the first row: each row's hash must be the hash of its content and
/// of the row before it, positions must not skip, and the head must name the last row.
/// Reports the first broken link.
pub async fn verify(db: &Db) -> Result<Verification, ServiceError> {
    let (head_seq, head_hash) = rows::head(&db.pool).await?;
    let mut expected_seq = 1;
    let mut prev = GENESIS_HASH.to_owned();
    let mut checked = 0;
    loop {
        let page = rows::after(&db.pool, expected_seq - 1, VERIFY_PAGE).await?;
        if page.is_empty() {
            break;
        }
        for row in &page {
            if row.seq != expected_seq {
                return broken(
                    checked,
                    BrokenLink::Gap {
                        after: expected_seq - 1,
                        found: row.seq,
                    },
                );
            }
            if row.prev_hash != prev {
                return broken(checked, BrokenLink::PrevMismatch { seq: row.seq });
            }
            if hash(row.seq, &row.entry(), &row.prev_hash) != row.hash {
                return broken(checked, BrokenLink::ContentChanged { seq: row.seq });
            }
            prev = row.hash.clone();
            expected_seq += 1;
            checked += 1;
        }
    }
    let last = expected_seq - 1;
    if head_seq != last || head_hash != prev {
        return broken(
            checked,
            BrokenLink::HeadMismatch {
                head_seq,
                last_seq: last,
            },
        );
    }
    Ok(Verification {
        rows_checked: checked,
        first_broken: None,
    })
}

fn broken(rows_checked: i64, link: BrokenLink) -> Result<Verification, ServiceError> {
    tracing::error!(?link, "audit chain broken");
    Ok(Verification {
        rows_checked,
        first_broken: Some(link),
    })
}
