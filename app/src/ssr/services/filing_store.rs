//! How one filing is stored: the case, its events and clocks, its limits' hits and (a proxy
//! filing) the text with its tracking number, in one transaction; on PostgreSQL in one
//! statement when it has no text, on SQLite sharing a commit with the filings beside it.
use super::cases::{clock_case, clock_rows, event_rows, new_id, write_clocks, write_events};
use crate::domain::case::{Case, CaseEvent};
use crate::ssr::{
    error::ServiceError,
    repo::{
        cases::{self, CaseRow, QueueColumns},
        filing_statement::{self, Filing, Written},
        outbox::{self, NewMessage},
    },
    state::AppState,
};

/// Everything one filing writes, in one transaction.
pub(super) struct NewFiling {
    pub(super) vault: crate::ssr::vault::Vault,
    pub(super) hits: Vec<super::filing_limits::Hit>,
    /// The tracking number's text to the household (a proxy filing).
    pub(super) text: Option<Text>,
    pub(super) row: CaseRow,
    pub(super) snapshot: String,
    pub(super) next_due: Option<String>,
    pub(super) queue: QueueColumns,
    pub(super) events: Vec<CaseEvent>,
    pub(super) case: Case,
    pub(super) now_ms: i64,
}

/// A text to the household's phone, within the phone's hourly texts (`bucket`).
pub(super) struct Text {
    pub(super) kind: &'static str,
    pub(super) body: String,
    pub(super) bucket: String,
}

/// Stores `write`, handing it back with the outcome. On SQLite the filing shares its commit
/// with the filings beside it (`Db::write_grouped`); PostgreSQL groups commits itself.
pub(super) async fn store_filing(
    state: &AppState,
    write: NewFiling,
) -> (NewFiling, Result<(), ServiceError>) {
    if state.db.backend == crate::ssr::db::Backend::Postgres {
        // The one statement writes no text: a proxy filing's goes in the transaction below.
        if write.text.is_none() {
            match write_filing_at_once(state, &write).await {
                Ok(Written::Stored) => return (write, Ok(())),
                // Over a limit: nothing was written; the transaction below names the limit.
                Ok(Written::OverALimit) => {}
                Err(e) => return (write, Err(e)),
            }
        }
        let stored = async {
            let mut tx = state.db.pool.begin().await?;
            write_filing(&mut tx, &write).await?;
            tx.commit().await.map_err(ServiceError::from)
        }
        .await;
        return (write, stored);
    }
    let slot = std::sync::Arc::new(std::sync::Mutex::new(None));
    let (mine, back) = (slot.clone(), std::sync::Arc::new(write));
    let write = back.clone();
    let committed = state
        .db
        .write_grouped(Box::new(move |tx| {
            Box::pin(async move {
                let outcome = write_filing(tx, &write).await;
                let keep = outcome.is_ok();
                *mine.lock().unwrap_or_else(|p| p.into_inner()) = Some(outcome);
                keep
            })
        }))
        .await;
    let own = slot.lock().unwrap_or_else(|p| p.into_inner()).take();
    let stored = match own {
        // Its own refusal (a limit, the key taken) stands whatever the batch did.
        Some(Err(e)) => Err(e),
        _ => committed.map_err(ServiceError::from),
    };
    let write = std::sync::Arc::try_unwrap(back)
        .unwrap_or_else(|_| unreachable!("the grouped write has finished with its copy"));
    (write, stored)
}

/// The filing in one statement (PostgreSQL), see `repo::filing_statement`.
async fn write_filing_at_once(state: &AppState, w: &NewFiling) -> Result<Written, ServiceError> {
    let hits = super::filing_limits::window_hits(&w.hits);
    let events = event_rows(0, &w.events)?;
    let clocks = clock_rows(&w.case);
    let filing = Filing {
        hits: &hits,
        row: &w.row,
        snapshot: &w.snapshot,
        next_due_on: w.next_due.as_deref(),
        queue: &w.queue,
        events: &events,
        clock_case: clock_case(&w.row, &w.case),
        clocks: &clocks,
        now_ms: w.now_ms,
    };
    Ok(filing_statement::write(&state.db.pool, &w.vault, &filing).await?)
}

async fn write_filing(tx: &mut sqlx::AnyConnection, w: &NewFiling) -> Result<(), ServiceError> {
    super::filing_limits::take_all(tx, &w.hits, w.now_ms).await?;
    cases::insert(
        &mut *tx,
        &w.vault,
        &w.row,
        &w.snapshot,
        w.next_due.as_deref(),
        &w.queue,
    )
    .await?;
    write_events(tx, &w.vault, &w.case.id, 0, &w.events).await?;
    write_clocks(tx, &w.row, &w.case, w.now_ms).await?;
    let Some(text) = &w.text else {
        return Ok(());
    };
    // Within the phone's texts for the hour, shared with 忘记查询码; past them the filing
    // stands and the number is only read out (attacker tester: filing again and again for
    // one number texted it each time).
    use super::lookup::{MAX_PER_MOBILE, WINDOW_MS};
    let bucket = &text.bucket;
    if !crate::ssr::repo::rate_limits::take_in_window(
        &mut *tx,
        bucket,
        MAX_PER_MOBILE,
        WINDOW_MS,
        w.now_ms,
    )
    .await?
    {
        tracing::info!(case_id = %w.row.id, "tracking text held back: the phone's texts are used up");
        return Ok(());
    }
    let message = NewMessage {
        id: &new_id(),
        channel: outbox::MessageChannel::Sms,
        recipient: &w.row.applicant_mobile,
        subject: text.kind,
        body: &text.body,
        case_id: Some(&w.row.id),
    };
    outbox::enqueue(&mut *tx, &w.vault, &message, w.now_ms).await?;
    Ok(())
}
