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

/// Clears household members' names and ID numbers wherever a stored event or snapshot
/// lists them (`members: [{name, id_number, …}]`), keeping labour, income and status so the
/// procedure's record still reads. Returns whether anything changed.
pub fn scrub_members(value: &mut serde_json::Value) -> bool {
    use serde_json::Value;
    let mut changed = false;
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(members)) = map.get_mut("members") {
                for member in members.iter_mut() {
                    if let Value::Object(m) = member {
                        if m.get("name").is_some_and(|n| n != "") {
                            m.insert("name".into(), Value::String(String::new()));
                            changed = true;
                        }
                        if m.get("id_number").is_some_and(|i| !i.is_null()) {
                            m.insert("id_number".into(), Value::Null);
                            changed = true;
                        }
                    }
                }
            }
            for (_, v) in map.iter_mut() {
                changed |= scrub_members(v);
            }
        }
        Value::Array(items) => {
            for v in items {
                changed |= scrub_members(v);
            }
        }
        _ => {}
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_lose_names_and_id_numbers_wherever_they_are_listed() {
        let mut event = serde_json::json!({
            "kind": {"HomeCheckRecorded": {"record": {"members": [
                {"name": "张三", "id_number": "522799199001011234", "labour": "full", "annual_income": 300000},
                {"name": "", "id_number": null, "labour": "none", "annual_income": 0}
            ], "visitors": ["王村干"]}}}
        });
        assert!(scrub_members(&mut event));
        let members = &event["kind"]["HomeCheckRecorded"]["record"]["members"];
        assert_eq!(members[0]["name"], "");
        assert!(members[0]["id_number"].is_null());
        assert_eq!(members[0]["annual_income"], 300000);
        assert_eq!(members[0]["labour"], "full");
        // Staff names are not household data.
        assert_eq!(
            event["kind"]["HomeCheckRecorded"]["record"]["visitors"][0],
            "王村干"
        );
        assert!(!scrub_members(&mut event), "a second pass changes nothing");
    }

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
