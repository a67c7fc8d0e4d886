//! The staff queue's query as posted (tab, search, filters, page cursor), parsed once: unknown
//! codes are refused rather than silently ignored, and a search term is normalised the way
//! it is stored.
use serde::{Deserialize, Serialize};

use super::{
    case::state::STATE_CODES,
    id_number::IdNumber,
    message::{user_messages, Message},
    mobile::MobileNumber,
    report::FieldProblem,
    tracking::TrackingNumber,
    vocab::{Category, Channel, RiskTier, RiskType},
};

/// Optional narrowing of the queue. Every field is a stable code; empty means "any".
/// Region codes only narrow within the officer's scope, never widen it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QueueFilter {
    pub village: Option<String>,
    pub township: Option<String>,
    /// Case state code, e.g. "reported", "accepted", "notice_running", "identified".
    pub state: Option<String>,
    /// RiskType code.
    pub risk: Option<String>,
    /// Channel code.
    pub channel: Option<String>,
    /// Category code.
    pub category: Option<String>,
    /// RiskTier code.
    pub tier: Option<String>,
}

impl QueueFilter {
    /// The filter with blank values dropped (GET forms send empty selects as ""), each cut to
    /// 32 characters (every code is shorter; a 40 KB value went into an address: attacker
    /// tester).
    pub fn normalised(self) -> Self {
        let keep = |v: Option<String>| {
            v.map(|s| s.trim().chars().take(32).collect::<String>())
                .filter(|s| !s.is_empty())
        };
        QueueFilter {
            village: keep(self.village),
            township: keep(self.township),
            state: keep(self.state),
            risk: keep(self.risk),
            channel: keep(self.channel),
            category: keep(self.category),
            tier: keep(self.tier),
        }
    }

    /// (query name, value) pairs of the set fields, for links that keep the filter.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("village", &self.village),
            ("township", &self.township),
            ("state", &self.state),
            ("risk", &self.risk),
            ("channel", &self.channel),
            ("category", &self.category),
            ("tier", &self.tier),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect()
    }
}

/// `/staff?…` with the tab, the search (`("q", typed)` or `("s", sealed)`), the filter and
/// the page cursor.
pub fn queue_address(
    tab: &str,
    search: Option<(&'static str, &str)>,
    filter: &QueueFilter,
    after: Option<&str>,
) -> String {
    let mut pairs = vec![("tab", tab)];
    pairs.extend(search.filter(|(_, v)| !v.is_empty()));
    pairs.extend(filter.pairs());
    pairs.extend(after.map(|a| ("after", a)));
    let query: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", super::url::encode(v)))
        .collect();
    format!("/staff?{}", query.join("&"))
}

/// The queue's tabs: the officer's own work, due soon, overdue, everything open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueTab {
    #[default]
    Todo,
    DueSoon,
    Overdue,
    All,
}

impl QueueTab {
    pub fn code(self) -> &'static str {
        match self {
            QueueTab::Todo => "todo",
            QueueTab::DueSoon => "due_soon",
            QueueTab::Overdue => "overdue",
            QueueTab::All => "all",
        }
    }

    /// A tab from its code; anything else is the default 待办 tab.
    pub fn from_code(code: &str) -> QueueTab {
        [QueueTab::DueSoon, QueueTab::Overdue, QueueTab::All]
            .into_iter()
            .find(|t| t.code() == code)
            .unwrap_or_default()
    }
}

/// Why a queue query was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueFieldError {
    State,
    Risk,
    Channel,
    Category,
    Tier,
    After,
}

user_messages!(QueueFieldError {
    State => queue.invalid_state;
    Risk => queue.invalid_risk;
    Channel => queue.invalid_channel;
    Category => queue.invalid_category;
    Tier => queue.invalid_tier;
    After => queue.invalid_after;
});

/// A checked queue query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueueQuery {
    pub tab: QueueTab,
    /// Exact name, or a tracking number, mobile or ID number in its stored form.
    pub search: Option<String>,
    /// Blank values dropped, vocabulary codes known.
    pub filter: QueueFilter,
    /// The previous page's last (due date, case id).
    pub after: Option<(String, String)>,
}

impl QueueQuery {
    pub fn parse(
        tab: Option<&str>,
        q: Option<&str>,
        filter: QueueFilter,
        after: Option<&str>,
    ) -> Result<QueueQuery, Vec<FieldProblem>> {
        let filter = filter.normalised();
        let mut problems: Vec<FieldProblem> = Vec::new();
        let known = |v: &Option<String>, ok: fn(&str) -> bool| v.as_deref().is_none_or(ok);
        let checks: [(&'static str, bool, QueueFieldError); 5] = [
            (
                "state",
                known(&filter.state, |c| STATE_CODES.contains(&c)),
                QueueFieldError::State,
            ),
            (
                "risk",
                known(&filter.risk, |c| RiskType::from_code(c).is_some()),
                QueueFieldError::Risk,
            ),
            (
                "channel",
                known(&filter.channel, |c| Channel::from_code(c).is_some()),
                QueueFieldError::Channel,
            ),
            (
                "category",
                known(&filter.category, |c| Category::from_code(c).is_some()),
                QueueFieldError::Category,
            ),
            (
                "tier",
                known(&filter.tier, |c| RiskTier::from_code(c).is_some()),
                QueueFieldError::Tier,
            ),
        ];
        for (field, ok, e) in checks {
            if !ok {
                problems.push((field, Message::of(&e)));
            }
        }
        let after = match after.map(str::trim).filter(|a| !a.is_empty()) {
            None => None,
            Some(cursor) => match cursor.split_once('|') {
                Some((due, id)) if !due.is_empty() && !id.is_empty() => {
                    Some((due.to_owned(), id.to_owned()))
                }
                _ => {
                    problems.push(("after", Message::of(&QueueFieldError::After)));
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(QueueQuery {
            tab: tab.map(QueueTab::from_code).unwrap_or_default(),
            search: q.and_then(normalise_search),
            filter,
            after,
        })
    }
}

/// A search term normalised the way it is stored (tracking and mobile formats vary).
fn normalise_search(q: &str) -> Option<String> {
    let q = q.trim();
    if q.is_empty() {
        return None;
    }
    if let Ok(t) = TrackingNumber::parse(q) {
        return Some(t.as_str().to_owned());
    }
    if let Ok(m) = MobileNumber::parse(q) {
        return Some(m.as_str().to_owned());
    }
    if let Ok(id) = IdNumber::parse(q) {
        return Some(id.as_str().to_owned());
    }
    // A name as names are kept (`person_name`).
    Some(super::person_name::joined(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_and_a_broken_cursor_are_refused_together() {
        let filter = QueueFilter {
            risk: Some("gambling".into()),
            tier: Some(" ".into()),
            ..QueueFilter::default()
        };
        let problems = QueueQuery::parse(None, None, filter, Some("2026-11-30|")).expect_err("bad");
        let fields: Vec<_> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["risk", "after"]);
    }

    #[test]
    fn a_step_the_queue_cannot_hold_is_refused_and_one_it_can_is_kept() {
        let state = |code: &str| QueueFilter {
            state: Some(code.into()),
            ..QueueFilter::default()
        };
        let problems = QueueQuery::parse(None, None, state("xyz"), None).expect_err("bad");
        assert_eq!(
            problems.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            ["state"]
        );
        let code = STATE_CODES[0];
        let query = QueueQuery::parse(None, None, state(code), None).expect("valid");
        assert_eq!(query.filter.state.as_deref(), Some(code));
    }

    #[test]
    fn blanks_are_dropped_and_the_tab_defaults_to_todo() {
        let filter = QueueFilter {
            village: Some("".into()),
            ..QueueFilter::default()
        };
        let query =
            QueueQuery::parse(Some("nonsense"), Some("  "), filter, Some("")).expect("valid");
        assert_eq!(query, QueueQuery::default());
        let paged = QueueQuery::parse(
            Some("overdue"),
            None,
            QueueFilter::default(),
            Some("2026-12-01|abc"),
        )
        .expect("valid");
        assert_eq!(paged.tab, QueueTab::Overdue);
        assert_eq!(paged.after, Some(("2026-12-01".into(), "abc".into())));
    }

    #[test]
    fn messages_are_well_formed() {
        crate::domain::message::tests::assert_messages_are_well_formed(
            "queue",
            &[
                QueueFieldError::State,
                QueueFieldError::Risk,
                QueueFieldError::Channel,
                QueueFieldError::Category,
                QueueFieldError::Tier,
                QueueFieldError::After,
            ],
        );
    }
}
