//! The jurisdiction's rules: monitoring line, step durations, green channel.

use serde::{Deserialize, Serialize};

use crate::domain::clock::{Span, DEFAULT_DUE_SOON_WORKING_DAYS};
use crate::domain::money::Fen;
use crate::domain::vocab::RiskTier;

use super::policy_rules::approx_days;
pub use super::policy_rules::PolicyRules;

/// Configurable rules the state machine applies. Every duration is a [`Span`] so a county can
/// count in working days, calendar days or months as its own plan says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Monitoring line: per-capita net income per year.
    pub income_line: Fen,
    /// Township accepts an online / hotline / app filing and passes it to the village.
    pub township_acceptance: Span,
    /// Home check after acceptance.
    pub home_check: Span,
    /// Home check when a cadre found the case locally (基层干部排查): same day.
    pub home_check_local: Span,
    /// Discovery to completed identification (county decision).
    pub identification_overall: Span,
    /// Minimum length of the village public notice (a minimum, not a deadline).
    pub notice_min: Span,
    /// A refusal is notified to the household within this span.
    pub refusal_notice: Span,
    /// Assign the responsible person (帮扶责任人) after identification.
    pub responsible_assigned: Span,
    /// First measure under way after identification.
    pub assistance_started: Span,
    /// Visit interval for red-tier households.
    pub visit_red: Span,
    /// Visit interval for yellow-tier households.
    pub visit_yellow: Span,
    /// Visit interval for blue-tier households.
    pub visit_blue: Span,
    /// Elimination proposal to county decision.
    pub elimination_review: Span,
    /// Eliminated households are re-checked at this interval (quarterly) and may re-enter.
    #[serde(default = "quarterly")]
    pub recheck_eliminated: Span,
    /// Whether the county has opened the green channel (突发严重困难 assist-first procedure).
    pub green_channel_open: bool,
    /// A running clock is "due soon" within this many working days of its due date.
    pub due_soon_working_days: u32,
    /// Hebei 2022: the township may review while the village notice is still running.
    #[serde(default)]
    pub notice_parallel_township: bool,
    /// Hebei 2022: the county may decide without the data comparison when the notice drew no
    /// objection (it must say why).
    #[serde(default)]
    pub comparison_skippable: bool,
    /// Households' own online filings a day from one mobile number (abuse guard; staff filing
    /// for someone is not counted). Over it the form names the 12317 hotline and village office.
    #[serde(default = "default_filings_per_mobile")]
    pub filings_per_mobile_per_day: u32,
    /// Households' own online filings a day from one network address (a village office or a
    /// shared phone files for several families, so it is higher than the per-mobile limit).
    #[serde(default = "default_filings_per_address")]
    pub filings_per_address_per_day: u32,
    /// How long delivered message payloads and refused filings' personal data are kept.
    #[serde(default)]
    pub retention: crate::domain::retention::Retention,
    /// Rules from the seed texts (warning standard, stability, visit floor, period rule...).
    #[serde(default)]
    pub rules: PolicyRules,
}

impl Policy {
    /// Defaults from national guidance and the cited county plans; line 7 300 yuan (Hebei 2022).
    pub fn national_default() -> Policy {
        Policy {
            income_line: Fen::from_fen(730_000),
            township_acceptance: Span::WorkingDays(2),
            home_check: Span::WorkingDays(3),
            home_check_local: Span::WorkingDays(0),
            identification_overall: Span::CalendarDays(15),
            notice_min: Span::CalendarDays(5),
            refusal_notice: Span::WorkingDays(5),
            responsible_assigned: Span::CalendarDays(2),
            assistance_started: Span::Months(1),
            visit_red: Span::CalendarDays(15),
            visit_yellow: Span::Months(1),
            visit_blue: Span::Months(3),
            elimination_review: Span::CalendarDays(15),
            recheck_eliminated: quarterly(),
            green_channel_open: false,
            due_soon_working_days: DEFAULT_DUE_SOON_WORKING_DAYS,
            notice_parallel_township: false,
            comparison_skippable: false,
            filings_per_mobile_per_day: default_filings_per_mobile(),
            filings_per_address_per_day: default_filings_per_address(),
            retention: crate::domain::retention::Retention::default(),
            rules: PolicyRules::default(),
        }
    }

    /// Visit interval for a risk tier, never longer than the monthly floor every monitored
    /// household gets (the tier changes intensity, not the floor).
    pub fn visit_span(&self, tier: RiskTier) -> Span {
        let span = match tier {
            RiskTier::Red => self.visit_red,
            RiskTier::Yellow => self.visit_yellow,
            RiskTier::Blue => self.visit_blue,
        };
        let floor = self.rules.visit_floor;
        if approx_days(span) > approx_days(floor) {
            floor
        } else {
            span
        }
    }
}

fn default_filings_per_mobile() -> u32 {
    5
}

fn default_filings_per_address() -> u32 {
    20
}

fn quarterly() -> Span {
    Span::Months(3)
}

impl Default for Policy {
    fn default() -> Self {
        Policy::national_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_stored_before_the_filing_limits_loads_with_the_defaults() {
        let mut stored = serde_json::to_value(Policy::national_default()).expect("json");
        let fields = stored.as_object_mut().expect("object");
        fields.remove("filings_per_mobile_per_day");
        fields.remove("filings_per_address_per_day");
        let loaded: Policy = serde_json::from_value(stored).expect("loads");
        assert_eq!(loaded.filings_per_mobile_per_day, 5);
        assert_eq!(loaded.filings_per_address_per_day, 20);
    }
}
