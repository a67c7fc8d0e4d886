use serde::{Deserialize, Serialize};

use crate::domain::clock::Urgency;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub case_id: String,
    pub tracking: String,
    pub applicant: String,
    pub id_masked: String,
    pub village: String,
    pub township: String,
    /// Labels and dates below are in the officer's language.
    pub risk_types: Vec<String>,
    pub channel: String,
    pub category: Option<String>,
    pub state: String,
    /// The step this officer can take now, if any.
    pub next_step: Option<String>,
    /// What `clock` is: the case's nearest deadline, or on a 待办 tab the nearest that binds
    /// the reader's level (its own or set above it), which need not be the case's.
    #[serde(default)]
    pub deadline_label: String,
    pub clock: String,
    pub due_on: String,
    pub time_left: String,
    /// On a 待办 row showing its level's own deadline, the case's nearest (as 全部 shows it)
    /// when that is another: the two tabs read as contradicting each other (officer tester).
    #[serde(default)]
    pub case_nearest: Option<String>,
    /// Overdue, due soon or on time (the colour of the row).
    pub urgency: Urgency,
    pub submitted_on: String,
    /// 疑似重复申报, 比对命中负面清单...
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QueueCounts {
    pub todo: usize,
    pub due_soon: usize,
    pub overdue: usize,
    pub all: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QueueView {
    pub items: Vec<QueueItem>,
    pub counts: QueueCounts,
    /// Keyset cursor ("next_due_on|id" of the last item) for the next page; `None` on the
    /// last page.
    pub next: Option<String>,
    /// Said when deadlines run into a year whose holiday schedule is not entered yet.
    pub calendar_note: Option<String>,
    /// The townships and villages in this officer's scope, for the village filter.
    pub regions: Vec<crate::wire::regions::TownshipOption>,
    /// With a search term: closed cases it matches (decided, notified, eliminated), which
    /// are in no tab, so an appeal or a new filing can find the earlier case.
    #[serde(default)]
    pub closed: Vec<ClosedItem>,
    /// The reader's unread messages, up to 100 (the 消息 link shows them).
    #[serde(default)]
    pub unread: i64,
    /// The search this view answers, as typed (or as a sealed search held it).
    #[serde(default)]
    pub search: Option<String>,
    /// The same search sealed for this sign-in, for the page's links (`s=`): a link never
    /// carries it as typed, even from an address typed with `q=`.
    #[serde(default)]
    pub sealed_search: Option<String>,
}

/// A closed case a search found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClosedItem {
    pub case_id: String,
    pub tracking: String,
    pub applicant: String,
    pub id_masked: String,
    pub village: String,
    pub township: String,
    pub state: String,
    pub submitted_on: String,
}
