use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// overdue | due_soon | on_time
    pub urgency: String,
    pub submitted_on: String,
    /// 疑似重复申报, 比对命中负面清单...
    pub warnings_zh: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCounts {
    pub todo: usize,
    pub due_soon: usize,
    pub overdue: usize,
    pub all: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueView {
    pub items: Vec<QueueItem>,
    pub counts: QueueCounts,
    /// Keyset cursor ("next_due_on|id" of the last item) for the next page; `None` on the
    /// last page.
    pub next: Option<String>,
    /// Said when deadlines run into a year whose holiday schedule is not entered yet.
    pub calendar_note: Option<String>,
}

/// Optional narrowing of the queue. Every field is a stable code; empty means "any".
/// Region codes only narrow within the officer's scope, never widen it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
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
    /// The filter with blank values dropped (GET forms send empty selects as "").
    pub fn normalised(self) -> Self {
        let keep = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
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
