//! The answer to starting a yearly 集中排查 campaign.
use serde::{Deserialize, Serialize};

/// How many households got a campaign visit, and how many were left for another run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CampaignReport {
    pub started: u32,
    pub skipped: u32,
}

/// One 集中排查 campaign and its visits in the reader's region: planned, done, overdue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CampaignProgress {
    pub name: String,
    /// The visits' due day (YYYY-MM-DD).
    pub until: String,
    pub visits: u32,
    pub done: u32,
    pub overdue: u32,
    /// Its end day is today or later: the form to start one is folded away meanwhile (it
    /// stood open beside a running campaign: quick tester).
    #[serde(default)]
    pub running: bool,
}
