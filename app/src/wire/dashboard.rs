//! Figures for each level: work by step and urgency, overdue by place, and how fast
//! identification is against the 15-day limit.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StepCount {
    /// The state's stable code (labelled in the reader's language by the page).
    #[serde(default)]
    pub step: String,
    pub step_zh: String,
    pub on_time: usize,
    pub due_soon: usize,
    pub overdue: usize,
}

/// A place (a township of a county, a village of a township) and its overdue cases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PlaceCount {
    pub code: String,
    pub name: String,
    pub overdue: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DashboardView {
    pub scope_name: String,
    pub by_step: Vec<StepCount>,
    /// Most overdue first. Counted over the cases the reader's queue lists (a liaison's:
    /// its own alerts and its department's work), exact at any size.
    pub overdue_by_place: Vec<PlaceCount>,
    /// The queue filter that narrows to one of those places: "township" or "village".
    #[serde(default)]
    pub place_filter: String,
    pub month: String,
    /// The same month as numbers, for the page to word in the reader's language
    /// (`month` stays the Chinese words of the Excel export).
    #[serde(default)]
    pub year: i32,
    #[serde(default)]
    pub month_number: u32,
    /// Decided this month and identified (纳入监测).
    pub identified_this_month: usize,
    /// Decided this month and not identified (village, township or county): the procedure
    /// ended within its limit too, but "完成认定" read as if they were identified (tester).
    #[serde(default)]
    pub not_identified_this_month: usize,
    /// Average calendar days from discovery to the county decision, this month.
    pub average_days: Option<f64>,
    pub limit_days: u32,
    pub over_limit: usize,
    /// A county officer or head: may start the yearly 集中排查 campaign.
    #[serde(default)]
    pub can_start_campaign: bool,
    /// The county's campaigns, newest end date first, with the reader's region's visits
    /// (they were listed nowhere once started: officer tester).
    #[serde(default)]
    pub campaigns: Vec<super::campaigns::CampaignProgress>,
    /// The day the figures are for (YYYY-MM-DD): the workbook said it, the page did not
    /// (officer tester).
    #[serde(default)]
    pub as_of: String,
    /// The region's monitoring objects (counts by category, tier and risk, as the reporting
    /// rules ask); none for a reader whose queue is not its region's.
    #[serde(default)]
    pub objects: Option<ObjectCounts>,
}

/// Identified households of the reader's region and this month's changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ObjectCounts {
    /// Every category (code), in the vocabulary's order.
    pub by_category: Vec<CategoryCount>,
    /// Households whose risk is not eliminated, by tier code.
    pub by_tier: Vec<CodeCount>,
    /// The same households by each risk type filed (a household may count under several),
    /// most first.
    pub by_risk: Vec<CodeCount>,
    /// This month: risk eliminated, back under monitoring after elimination, and removed
    /// (回退, 清退, moved away, deregistered).
    pub eliminated_this_month: usize,
    pub reopened_this_month: usize,
    pub removed_this_month: usize,
}

impl ObjectCounts {
    /// Households whose risk remains, and those eliminated, over every category.
    pub fn totals(&self) -> (usize, usize) {
        self.by_category
            .iter()
            .fold((0, 0), |(a, e), c| (a + c.at_risk, e + c.eliminated))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CategoryCount {
    pub category: String,
    /// 风险未消除: monitored, or in the elimination procedure.
    pub at_risk: usize,
    pub eliminated: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CodeCount {
    pub code: String,
    pub households: usize,
}
