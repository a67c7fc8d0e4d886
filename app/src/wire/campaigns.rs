//! The answer to starting a yearly 集中排查 campaign.
use serde::{Deserialize, Serialize};

/// How many households got a campaign visit, and how many were left for another run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CampaignReport {
    pub started: u32,
    pub skipped: u32,
}
