//! The PostgreSQL seed by COPY (text format) on a native connection of its own: the same rows
//! as the SQLite INSERTs (`households_rows.rs`), sent 1,000
//! households at a time so the progress bar moves as the data goes.
use sqlx::{postgres::PgConnection, Connection, Executor};

use super::{
    rows::{case_values, clock_values, Value, CASE_COLUMNS, CLOCK_COLUMNS},
    Seed, BATCH, PER_TX,
};

/// `value` as a COPY text field: `\N` for null; backslash, tab, newline and carriage return
/// escaped (the snapshots' JSON holds backslashes).
fn field(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("\\N"),
        Value::Int(n) => out.push_str(&n.to_string()),
        Value::Text(s) => {
            for c in s.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
    }
}

fn lines<const N: usize>(rows: impl IntoIterator<Item = [Value; N]>) -> String {
    let mut out = String::new();
    for row in rows {
        for (k, value) in row.iter().enumerate() {
            if k > 0 {
                out.push('\t');
            }
            field(&mut out, value);
        }
        out.push('\n');
    }
    out
}

/// Households `0..households` into `cases` and `case_clocks` by COPY, one transaction of
/// `PER_TX` households at a time (commits not waiting for the disk, as the INSERT seed).
pub(super) async fn copy_households(
    url: &str,
    households: usize,
    seed: &Seed<'_>,
    bar: &indicatif::ProgressBar,
) {
    let mut conn = PgConnection::connect(url)
        .await
        .expect("a native connection");
    conn.execute("set synchronous_commit = off")
        .await
        .expect("synchronous_commit");
    for tx_start in (0..households).step_by(PER_TX) {
        let tx_end = (tx_start + PER_TX).min(households);
        let mut tx = conn.begin().await.expect("begin");
        let mut cases = tx
            .copy_in_raw(&format!("copy cases ({CASE_COLUMNS}) from stdin"))
            .await
            .expect("copy cases");
        for start in (tx_start..tx_end).step_by(BATCH) {
            let batch = start..(start + BATCH).min(tx_end);
            let data = lines(batch.clone().map(|i| case_values(i, seed)));
            cases.send(data.into_bytes()).await.expect("send cases");
            bar.inc(batch.len() as u64);
        }
        cases.finish().await.expect("copy cases done");
        let mut clocks = tx
            .copy_in_raw(&format!("copy case_clocks ({CLOCK_COLUMNS}) from stdin"))
            .await
            .expect("copy clocks");
        clocks
            .send(lines(clock_values(tx_start..tx_end, seed)).into_bytes())
            .await
            .expect("send clocks");
        clocks.finish().await.expect("copy clocks done");
        tx.commit().await.expect("commit");
    }
    conn.close().await.expect("close");
}
