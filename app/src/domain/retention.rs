//! How long personal data kept only for a while is kept (the county policy's `retention`).
//! Sessions, sign-in counters and drafts have their own short lives (see
//! `ssr::services::housekeeping`); these are the periods a county may set.
use serde::{Deserialize, Serialize};

use crate::domain::{
    message::{user_messages, Message},
    report::FieldProblem,
};

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

/// Bounds a county may set. Sent messages: a week to answer "did my text arrive?", at most
/// half a year (keep a mobile no longer than needed, PIPL art. 19).
pub const DELIVERED_PAYLOAD_DAYS: std::ops::RangeInclusive<u32> = 7..=180;
/// Refused filings: a household may sue within six months of learning of the decision
/// (Administrative Litigation Law art. 46; at most 184 days), after a 60-day reconsideration,
/// so the file must outlive that; at most three years (Civil Code art. 188).
pub const REFUSED_FILING_DAYS: std::ops::RangeInclusive<u32> = 185..=1095;

/// Why a retention period on the policy form was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetentionFieldError {
    DeliveredPayloadDays,
    RefusedFilingDays,
}

user_messages!(RetentionFieldError {
    DeliveredPayloadDays => retention.delivered_payload_days;
    RefusedFilingDays => retention.refused_filing_days;
});

impl Retention {
    /// The periods as typed on the policy form; a blank field keeps `self`.
    pub fn parse(&self, delivered: &str, refused: &str) -> Result<Retention, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let mut read = |raw: &str,
                        field: &'static str,
                        range: &std::ops::RangeInclusive<u32>,
                        e: RetentionFieldError,
                        current: u32| {
            match raw.trim() {
                "" => current,
                text => match text.parse::<u32>() {
                    Ok(n) if range.contains(&n) => n,
                    _ => {
                        problems.push((field, Message::of(&e)));
                        current
                    }
                },
            }
        };
        let parsed = Retention {
            delivered_payload_days: read(
                delivered,
                "retention_delivered_days",
                &DELIVERED_PAYLOAD_DAYS,
                RetentionFieldError::DeliveredPayloadDays,
                self.delivered_payload_days,
            ),
            refused_filing_days: read(
                refused,
                "retention_refused_days",
                &REFUSED_FILING_DAYS,
                RetentionFieldError::RefusedFilingDays,
                self.refused_filing_days,
            ),
        };
        if problems.is_empty() {
            Ok(parsed)
        } else {
            Err(problems)
        }
    }
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
    fn typed_periods_are_kept_within_their_legal_bounds() {
        let current = Retention::default();
        type Expected = Result<(u32, u32), &'static [&'static str]>;
        let cases: &[(&str, &str, Expected)] = &[
            ("", "", Ok((30, 200))),
            (" 14 ", "365", Ok((14, 365))),
            ("7", "185", Ok((7, 185))),
            ("180", "1095", Ok((180, 1095))),
            ("6", "200", Err(&["retention_delivered_days"])),
            ("181", "200", Err(&["retention_delivered_days"])),
            ("30", "184", Err(&["retention_refused_days"])),
            ("30", "1096", Err(&["retention_refused_days"])),
            (
                "三十",
                "-1",
                Err(&["retention_delivered_days", "retention_refused_days"]),
            ),
            ("30.5", "200", Err(&["retention_delivered_days"])),
        ];
        for (delivered, refused, expected) in cases {
            let got = current
                .parse(delivered, refused)
                .map(|r| (r.delivered_payload_days, r.refused_filing_days))
                .map_err(|p| p.into_iter().map(|(f, _)| f).collect::<Vec<_>>());
            match expected {
                Ok(pair) => assert_eq!(got, Ok(*pair), "{delivered:?} {refused:?}"),
                Err(fields) => assert_eq!(got, Err(fields.to_vec()), "{delivered:?} {refused:?}"),
            }
        }
    }

    #[test]
    fn retention_messages_are_well_formed() {
        crate::domain::message::tests::assert_messages_are_well_formed(
            "retention",
            &[
                RetentionFieldError::DeliveredPayloadDays,
                RetentionFieldError::RefusedFilingDays,
            ],
        );
    }

    #[test]
    fn a_cutoff_is_that_many_whole_days_back() {
        assert_eq!(cutoff(10 * DAY_MS, 3), 7 * DAY_MS);
        assert_eq!(cutoff(0, 0), 0);
    }
}
