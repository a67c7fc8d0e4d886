//! How long personal data kept only for a while is kept (the county policy's `retention`).
//! Sessions, sign-in counters and drafts have their own short lives (see
//! `ssr::services::housekeeping`); these are the periods a county may set.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// Days a delivered text or email keeps its recipient and text; the delivery record
    /// (channel, case, status, times) stays.
    #[serde(default = "default_delivered_payload_days")]
    pub delivered_payload_days: u32,
    /// Days after a filing was finally refused (不予受理 / 不予认定) before its personal data
    /// is cleared: longer than the appeal window (township review, then administrative
    /// reconsideration 60 days and litigation 6 months).
    #[serde(default = "default_refused_filing_days")]
    pub refused_filing_days: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            delivered_payload_days: default_delivered_payload_days(),
            refused_filing_days: default_refused_filing_days(),
        }
    }
}

fn default_delivered_payload_days() -> u32 {
    30
}

fn default_refused_filing_days() -> u32 {
    200
}

const DAY_MS: i64 = 86_400_000;

/// The instant (Unix ms) before which something `days` old has expired at `now_ms`.
pub fn cutoff(now_ms: i64, days: u32) -> i64 {
    now_ms - i64::from(days) * DAY_MS
}

/// The states of a filing that was finally refused: nothing the mechanism needs is in them.
pub const REFUSED_STATES: &[&str] = &["rejected_out_of_scope", "not_identified"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_stored_before_retention_existed_gets_the_defaults() {
        let loaded: Retention = serde_json::from_str("{}").expect("defaults");
        assert_eq!(loaded, Retention::default());
        assert_eq!(loaded.delivered_payload_days, 30);
        assert_eq!(loaded.refused_filing_days, 200);
    }

    #[test]
    fn a_cutoff_is_that_many_whole_days_back() {
        assert_eq!(cutoff(10 * DAY_MS, 3), 7 * DAY_MS);
        assert_eq!(cutoff(0, 0), 0);
    }
}
