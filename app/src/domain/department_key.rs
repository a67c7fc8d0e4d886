//! Department API keys (a line department's system pushes alerts unattended) and the 结果反馈
//! it reads back. Pure: key bytes, hashing and storage are in `ssr`.
use super::case::{CaseState, Procedure};
use super::message::user_messages;

/// Every key starts with this, so a key pasted into the wrong place is recognisable (and
/// secret scanners can find it).
pub const KEY_PREFIX: &str = "snk_";
/// Characters of a key shown in lists to tell keys apart (the prefix and 8 more): not secret.
pub const SHOWN_CHARS: usize = 12;
/// Requests per minute a key gets unless the administrator chooses otherwise.
pub const DEFAULT_REQUESTS_PER_MINUTE: i64 = 60;
/// The most an administrator may allow one key per minute.
pub const MAX_REQUESTS_PER_MINUTE: i64 = 600;

/// The token of an `Authorization: Bearer <token>` header (scheme case-insensitive).
pub fn bearer_token(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// What a list may show of a key: its first characters.
pub fn shown_part(key: &str) -> String {
    key.chars().take(SHOWN_CHARS).collect()
}

/// Why a bearer key was not accepted. Answered with 401 and this key and text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRefusal {
    /// `Authorization` is there but is not `Bearer <key>`.
    Malformed,
    /// No key with this hash was ever issued.
    Unknown,
    /// The administrator revoked it (or deactivated the department's account).
    Revoked,
    /// No `Authorization` header and no staff session: nobody to answer for.
    Missing,
}

user_messages!(KeyRefusal {
    Malformed => api_key.malformed;
    Unknown => api_key.unknown;
    Revoked => api_key.revoked;
    Missing => api_key.missing;
});

/// Why the administrator's key form was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFormError {
    Department,
    Region,
    Rate,
}

user_messages!(KeyFormError {
    Department => api_key.department;
    Region => api_key.region;
    Rate => api_key.rate;
});

/// Why one pushed alert row was refused beyond its form's own fields. Apart from the report
/// form's errors, whose words the household's WASM carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertRowError {
    /// A village of the county outside the pushing account's or key's area (it was said to
    /// be outside the county: attacker tester).
    VillageOutsideScope,
    /// A record id with invisible or direction-changing characters, or too long: it is shown
    /// beside the county's words (a right-to-left override reversed them: attacker re-tester).
    ReferenceInvalid,
}

user_messages!(AlertRowError {
    VillageOutsideScope => api_key.village_outside_scope;
    ReferenceInvalid => api_key.reference_invalid;
});

/// The longest department record id kept.
const REFERENCE_MOST_CHARS: usize = 64;

/// Whether a department's record id can be shown as it is: visible characters only, no
/// control, format (bidirectional) or line characters, at most 64.
pub fn reference_shows(reference: &str) -> bool {
    let invisible = |c: char| {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
    };
    reference.chars().count() <= REFERENCE_MOST_CHARS && !reference.chars().any(invisible)
}

#[cfg(test)]
mod reference_tests {
    #[test]
    fn a_record_id_shows_as_it_is_or_is_refused() {
        assert!(super::reference_shows("MZ-2026-001 号"));
        for bad in [
            "MZ\u{202E}01",
            "MZ\n01",
            "MZ\u{2066}1",
            "\u{200B}",
            &"9".repeat(65),
        ] {
            assert!(!super::reference_shows(bad), "{bad:?}");
        }
    }
}

/// Requests per minute from the form: empty means the default.
pub fn parse_rate(input: &str) -> Result<i64, KeyFormError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(DEFAULT_REQUESTS_PER_MINUTE);
    }
    input
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=MAX_REQUESTS_PER_MINUTE).contains(n))
        .ok_or(KeyFormError::Rate)
}

/// Where a pushed alert stands, as the department is told (结果反馈).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AlertStatus {
    /// Filed; the township and village are working on it.
    Filed,
    /// The township found it outside the mechanism (不予受理), with its reason.
    Refused,
    /// Identified as a monitoring object (later steps, elimination included, keep this).
    Identified,
    /// The procedure ended without identification, with its reason.
    NotIdentified,
}

impl AlertStatus {
    pub const ALL: &'static [AlertStatus] = &[
        AlertStatus::Filed,
        AlertStatus::Refused,
        AlertStatus::Identified,
        AlertStatus::NotIdentified,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AlertStatus::Filed => "filed",
            AlertStatus::Refused => "refused",
            AlertStatus::Identified => "identified",
            AlertStatus::NotIdentified => "not_identified",
        }
    }
}

/// The status of a case for the department that pushed it, and the reason when it was
/// refused or not identified.
pub fn status_of(state: &CaseState) -> (AlertStatus, Option<&str>) {
    match state {
        CaseState::Reported
        | CaseState::Reviewing {
            procedure: Procedure::Identification,
            ..
        } => (AlertStatus::Filed, None),
        CaseState::RejectedOutOfScope { reason } => (AlertStatus::Refused, Some(reason)),
        CaseState::NotIdentified { reason } => (AlertStatus::NotIdentified, Some(reason)),
        // Once identified, later steps (elimination, removal) are the county's monitoring,
        // not the alert's outcome.
        CaseState::Monitored
        | CaseState::Reviewing {
            procedure: Procedure::Elimination,
            ..
        }
        | CaseState::Eliminated { .. }
        | CaseState::Removed { .. } => (AlertStatus::Identified, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{reversal::RemovalKind, ReviewStep};
    use crate::domain::message::tests::assert_messages_are_well_formed;
    use chrono::NaiveDate;

    #[test]
    fn only_a_bearer_header_with_a_token_names_a_key() {
        let cases = [
            ("Bearer snk_abc", Some("snk_abc")),
            ("bearer   snk_abc ", Some("snk_abc")),
            ("BEARER snk_abc", Some("snk_abc")),
            ("Basic dXNlcjpwYXNz", None),
            ("Bearer ", None),
            ("Bearer", None),
            ("", None),
        ];
        for (header, want) in cases {
            assert_eq!(bearer_token(header), want, "{header:?}");
        }
    }

    #[test]
    fn a_list_shows_the_prefix_and_eight_characters_only() {
        assert_eq!(shown_part("snk_ABCDEFGHIJKLMNOP"), "snk_ABCDEFGH");
        assert_eq!(shown_part("snk_AB"), "snk_AB");
    }

    #[test]
    fn the_rate_is_a_whole_number_within_bounds_and_defaults_when_empty() {
        let cases = [
            ("", Ok(DEFAULT_REQUESTS_PER_MINUTE)),
            (" 5 ", Ok(5)),
            ("600", Ok(600)),
            ("601", Err(KeyFormError::Rate)),
            ("0", Err(KeyFormError::Rate)),
            ("-3", Err(KeyFormError::Rate)),
            ("ten", Err(KeyFormError::Rate)),
        ];
        for (input, want) in cases {
            assert_eq!(parse_rate(input), want, "{input:?}");
        }
    }

    #[test]
    fn each_case_state_tells_the_department_one_status() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let reviewing = |procedure| CaseState::Reviewing {
            procedure,
            step: ReviewStep::AwaitingHomeCheck,
        };
        let cases = [
            (CaseState::Reported, AlertStatus::Filed, None),
            (
                reviewing(Procedure::Identification),
                AlertStatus::Filed,
                None,
            ),
            (
                CaseState::RejectedOutOfScope {
                    reason: "不属于本县".into(),
                },
                AlertStatus::Refused,
                Some("不属于本县"),
            ),
            (
                CaseState::NotIdentified {
                    reason: "收入高于监测线".into(),
                },
                AlertStatus::NotIdentified,
                Some("收入高于监测线"),
            ),
            (CaseState::Monitored, AlertStatus::Identified, None),
            (
                reviewing(Procedure::Elimination),
                AlertStatus::Identified,
                None,
            ),
            (
                CaseState::Eliminated { on: day },
                AlertStatus::Identified,
                None,
            ),
            (
                CaseState::Removed {
                    kind: RemovalKind::MovedAway,
                    on: day,
                },
                AlertStatus::Identified,
                None,
            ),
        ];
        for (state, status, reason) in cases {
            assert_eq!(status_of(&state), (status, reason), "{state:?}");
        }
    }

    #[test]
    fn messages_and_labels_are_complete() {
        assert_messages_are_well_formed(
            "api_key",
            &[
                KeyRefusal::Malformed,
                KeyRefusal::Unknown,
                KeyRefusal::Revoked,
                KeyRefusal::Missing,
            ],
        );
        assert_messages_are_well_formed(
            "api_key",
            &[
                KeyFormError::Department,
                KeyFormError::Region,
                KeyFormError::Rate,
            ],
        );
        for status in AlertStatus::ALL {
            for lang in crate::domain::lang::Lang::ALL {
                assert_ne!(status.label(*lang), status.code(), "{status:?} in {lang:?}");
            }
        }
    }
}
