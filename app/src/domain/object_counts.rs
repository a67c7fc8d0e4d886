//! Counts of monitoring objects (监测对象) by category, risk tier and risk type, as the
//! reporting rules ask ("counts by category, risk"): identified households whose risk is not
//! yet eliminated, and those eliminated. Folded from grouped rows, so exact at any size.
use super::{
    risk_list::RiskList,
    vocab::{Category, RiskTier, RiskType},
};

/// Where an identified household stands, by its case's state code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Monitored, or in the elimination procedure (风险未消除).
    RiskRemains,
    /// 已消除风险 (re-checked quarterly; a re-entry makes it monitored again).
    Eliminated,
}

impl Standing {
    /// None for a household no longer counted (removed: 回退, 清退, moved, deregistered)
    /// and for states before identification.
    pub fn of_state(code: &str) -> Option<Standing> {
        match code {
            "identified" => Some(Standing::RiskRemains),
            "eliminated" => Some(Standing::Eliminated),
            c if c.starts_with("elimination_") => Some(Standing::RiskRemains),
            _ => None,
        }
    }
}

/// One group of identified households with the same state, category, tier and risk types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectGroup {
    pub state: String,
    pub category: String,
    pub tier: Option<String>,
    /// Stored form (comma-separated codes).
    pub risk_types: String,
    pub households: u64,
}

/// The counts, each list in its vocabulary's order (risk types: most households first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectTally {
    /// Every category: (risk remains, eliminated).
    pub by_category: Vec<(Category, u64, u64)>,
    /// Households whose risk remains, by tier (every tier listed).
    pub by_tier: Vec<(RiskTier, u64)>,
    /// Households whose risk remains, by each risk type filed; a household with two risks
    /// counts under both. Types nobody has are left out.
    pub by_risk: Vec<(RiskType, u64)>,
}

impl ObjectTally {
    pub fn of(groups: &[ObjectGroup]) -> ObjectTally {
        let mut by_category: Vec<(Category, u64, u64)> =
            Category::ALL.iter().map(|c| (*c, 0, 0)).collect();
        let mut by_tier: Vec<(RiskTier, u64)> = RiskTier::ALL.iter().map(|t| (*t, 0)).collect();
        let mut by_risk: Vec<(RiskType, u64)> = RiskType::ALL.iter().map(|r| (*r, 0)).collect();
        for g in groups {
            let (Some(standing), Some(category)) = (
                Standing::of_state(&g.state),
                Category::from_code(&g.category),
            ) else {
                continue;
            };
            if let Some(row) = by_category.iter_mut().find(|(c, _, _)| *c == category) {
                match standing {
                    Standing::RiskRemains => row.1 += g.households,
                    Standing::Eliminated => row.2 += g.households,
                }
            }
            if standing != Standing::RiskRemains {
                continue;
            }
            let tier = g.tier.as_deref().and_then(RiskTier::from_code);
            if let Some(row) = by_tier.iter_mut().find(|(t, _)| Some(*t) == tier) {
                row.1 += g.households;
            }
            let risks = RiskList::try_from(g.risk_types.clone()).unwrap_or_default();
            for risk in risks.0 {
                if let Some(row) = by_risk.iter_mut().find(|(r, _)| *r == risk) {
                    row.1 += g.households;
                }
            }
        }
        by_risk.retain(|(_, n)| *n > 0);
        // Stable: equal counts keep the vocabulary's order.
        by_risk.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        ObjectTally {
            by_category,
            by_tier,
            by_risk,
        }
    }

    /// Households whose risk remains, and those eliminated, over every category.
    pub fn totals(&self) -> (u64, u64) {
        self.by_category
            .iter()
            .fold((0, 0), |(a, b), (_, r, e)| (a + r, b + e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(state: &str, category: &str, tier: &str, risks: &str, n: u64) -> ObjectGroup {
        ObjectGroup {
            state: state.into(),
            category: category.into(),
            tier: Some(tier.into()),
            risk_types: risks.into(),
            households: n,
        }
    }

    #[test]
    fn households_in_the_elimination_procedure_still_count_as_at_risk() {
        let tally = ObjectTally::of(&[
            group("identified", "marginal", "red", "illness", 3),
            group(
                "elimination_notice_running",
                "marginal",
                "yellow",
                "illness",
                2,
            ),
            group("eliminated", "marginal", "blue", "illness", 4),
        ]);
        assert_eq!(tally.by_category[1], (Category::Marginal, 5, 4));
        assert_eq!(tally.totals(), (5, 4));
        // Tiers and risks count only households whose risk remains.
        assert_eq!(
            tally.by_tier,
            vec![
                (RiskTier::Red, 3),
                (RiskTier::Yellow, 2),
                (RiskTier::Blue, 0)
            ]
        );
        assert_eq!(tally.by_risk, vec![(RiskType::Illness, 5)]);
    }

    #[test]
    fn identified_eliminated_and_the_elimination_steps_are_the_counted_states() {
        let counted: Vec<&str> = crate::domain::case::state::STATE_CODES
            .into_iter()
            .filter(|c| Standing::of_state(c).is_some())
            .collect();
        assert_eq!(counted.len(), 8, "{counted:?}");
        assert_eq!(Standing::of_state("notice_running"), None);
    }

    #[test]
    fn removed_households_and_unknown_codes_are_not_counted() {
        let tally = ObjectTally::of(&[
            group("removed", "marginal", "red", "illness", 7),
            group("identified", "no_such_category", "red", "illness", 1),
        ]);
        assert_eq!(tally.totals(), (0, 0));
        assert!(tally.by_risk.is_empty());
        assert_eq!(tally.by_category.len(), Category::ALL.len());
    }

    #[test]
    fn a_household_with_two_risks_counts_under_each_and_most_come_first() {
        let tally = ObjectTally::of(&[
            group(
                "identified",
                "sudden_hardship",
                "red",
                "illness,disability",
                2,
            ),
            group("identified", "sudden_hardship", "red", "disability", 1),
        ]);
        assert_eq!(
            tally.by_risk,
            vec![(RiskType::Disability, 3), (RiskType::Illness, 2)]
        );
        assert_eq!(tally.totals(), (3, 0));
    }
}
