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
    pub risk_types_zh: Vec<String>,
    pub channel_zh: String,
    pub category_zh: Option<String>,
    pub state_zh: String,
    /// The step this officer can take now, if any.
    pub next_step_zh: Option<String>,
    pub clock_zh: String,
    pub due_on: String,
    pub time_left_zh: String,
    /// Overdue, due soon or on time (the colour of the row).
    pub urgency: Urgency,
    pub submitted_on: String,
    /// 疑似重复申报, 比对命中负面清单...
    pub warnings_zh: Vec<String>,
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
}
