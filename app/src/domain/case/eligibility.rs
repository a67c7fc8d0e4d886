//! Which of the three monitoring categories (三类监测对象) a household's home check supports.
//!
//! - 脱贫不稳定户: a formerly registered poor household (建档立卡脱贫户) whose per-capita net
//!   income is under the monitoring line.
//! - 边缘易致贫户: an ordinary household under the line.
//! - 突发严重困难户: income may be above the line, but after its large rigid spending
//!   (illness, schooling, disaster repair) the per-capita income is under the warning standard
//!   (预警标准, its own policy value), or income fell sharply (收入大幅缩减).
//!
//! The county decides; the engine refuses a category the recorded facts cannot support, and
//! the case page suggests the one they do.

use serde::{Deserialize, Serialize};

use crate::domain::money::Fen;
use crate::domain::vocab::Category;

use super::state::HomeCheckRecord;

/// Why the home check does not support a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Misfit {
    /// No home check with members is on record.
    NoHomeCheck,
    /// 脱贫不稳定户 needs a formerly registered poor household.
    NotFormerlyPoor,
    /// A formerly registered poor household under the line is 脱贫不稳定户, not 边缘易致贫户.
    FormerlyPoor,
    /// Per-capita net income is not under the line.
    IncomeAboveLine,
    /// Even after the rigid spending, per-capita income is not under the warning standard,
    /// and income did not fall sharply.
    IncomeAboveLineAfterSpending,
}

impl Misfit {
    pub fn code(self) -> &'static str {
        match self {
            Misfit::NoHomeCheck => "no_home_check",
            Misfit::NotFormerlyPoor => "not_formerly_poor",
            Misfit::FormerlyPoor => "formerly_poor",
            Misfit::IncomeAboveLine => "income_above_line",
            Misfit::IncomeAboveLineAfterSpending => "income_above_line_after_spending",
        }
    }
}

/// The figures a category is checked against (from the policy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lines {
    /// Monitoring line (per-capita net income).
    pub line: Fen,
    /// 预警标准 for income after rigid spending.
    pub warning: Fen,
    /// 收入大幅缩减: fall in percent.
    pub sharp_fall_percent: u32,
}

impl Lines {
    pub fn of(policy: &super::policy::Policy) -> Lines {
        Lines {
            line: policy.income_line,
            warning: policy.rules.rigid_spending_warning,
            sharp_fall_percent: policy.rules.sharp_income_fall_percent,
        }
    }

    /// Warning standard equal to the line, 50 % fall (the national defaults).
    pub fn at(line: Fen) -> Lines {
        Lines {
            line,
            warning: line,
            sharp_fall_percent: 50,
        }
    }
}

/// Whether the home check supports `category` under the policy's `lines`.
pub fn check_category(
    category: Category,
    household: Option<&HomeCheckRecord>,
    lines: Lines,
) -> Result<(), Misfit> {
    let line = lines.line;
    let household = household.ok_or(Misfit::NoHomeCheck)?;
    let income = household.per_capita_income().ok_or(Misfit::NoHomeCheck)?;
    let net = household
        .per_capita_net_income()
        .ok_or(Misfit::NoHomeCheck)?;
    match category {
        Category::UnstableFormerlyPoor if !household.formerly_poor => Err(Misfit::NotFormerlyPoor),
        Category::Marginal if household.formerly_poor => Err(Misfit::FormerlyPoor),
        Category::UnstableFormerlyPoor | Category::Marginal if income >= line => {
            Err(Misfit::IncomeAboveLine)
        }
        Category::SuddenHardship
            if net >= lines.warning && !household.income_fell_sharply(lines.sharp_fall_percent) =>
        {
            Err(Misfit::IncomeAboveLineAfterSpending)
        }
        Category::UnstableFormerlyPoor | Category::Marginal | Category::SuddenHardship => Ok(()),
    }
}

/// The category the home check supports, preferring the one under the line on income alone.
pub fn suggest_category(household: Option<&HomeCheckRecord>, lines: Lines) -> Option<Category> {
    let formerly_poor = household.is_some_and(|h| h.formerly_poor);
    let under_line = if formerly_poor {
        Category::UnstableFormerlyPoor
    } else {
        Category::Marginal
    };
    [under_line, Category::SuddenHardship]
        .into_iter()
        .find(|c| check_category(*c, household, lines).is_ok())
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::case::state::{Guarantees, Member, MemberStatus, Relation};
    use crate::domain::vocab::LabourCapacity;

    const LINE: Lines = Lines {
        line: Fen::from_fen(730_000),
        warning: Fen::from_fen(730_000),
        sharp_fall_percent: 50,
    };

    fn household(yuan_each: &[i64], rigid_yuan: i64, formerly_poor: bool) -> HomeCheckRecord {
        HomeCheckRecord {
            date: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
            visitors: vec!["王村干".to_owned()],
            members: yuan_each
                .iter()
                .map(|yuan| Member {
                    name: "成员".to_owned(),
                    labour: LabourCapacity::Full,
                    annual_income: Fen::from_fen(yuan * 100),
                    relation: Relation::Other,
                    id_number: None,
                    status: MemberStatus::Other,
                })
                .collect(),
            guarantees: Guarantees::ALL_SECURED,
            consent_signed: true,
            rigid_expenditure: Fen::from_fen(rigid_yuan * 100),
            formerly_poor,
            previous_income: None,
        }
    }

    #[test]
    fn a_household_under_the_line_is_marginal_or_if_formerly_poor_unstable() {
        let ordinary = household(&[6_000, 5_000], 0, false);
        assert_eq!(
            check_category(Category::Marginal, Some(&ordinary), LINE),
            Ok(())
        );
        assert_eq!(
            check_category(Category::UnstableFormerlyPoor, Some(&ordinary), LINE),
            Err(Misfit::NotFormerlyPoor)
        );
        assert_eq!(
            suggest_category(Some(&ordinary), LINE),
            Some(Category::Marginal)
        );

        let formerly = household(&[6_000, 5_000], 0, true);
        assert_eq!(
            check_category(Category::Marginal, Some(&formerly), LINE),
            Err(Misfit::FormerlyPoor)
        );
        assert_eq!(
            suggest_category(Some(&formerly), LINE),
            Some(Category::UnstableFormerlyPoor)
        );
    }

    #[test]
    fn above_the_line_only_large_rigid_spending_makes_sudden_hardship() {
        let comfortable = household(&[20_000, 10_000], 0, false);
        assert_eq!(
            check_category(Category::Marginal, Some(&comfortable), LINE),
            Err(Misfit::IncomeAboveLine)
        );
        assert_eq!(
            check_category(Category::SuddenHardship, Some(&comfortable), LINE),
            Err(Misfit::IncomeAboveLineAfterSpending)
        );
        assert_eq!(suggest_category(Some(&comfortable), LINE), None);

        // 30 000 yuan of medical bills: 15 000 - 15 000 = 0 per head after spending.
        let ill = household(&[20_000, 10_000], 30_000, false);
        assert_eq!(
            check_category(Category::SuddenHardship, Some(&ill), LINE),
            Ok(())
        );
        assert_eq!(
            suggest_category(Some(&ill), LINE),
            Some(Category::SuddenHardship)
        );
    }

    #[test]
    fn sudden_hardship_uses_its_own_warning_standard_and_a_sharp_income_fall() {
        // 20 000 + 10 000 yuan, 10 000 of rigid spending: 10 000 per head after spending.
        let spending = household(&[20_000, 10_000], 10_000, false);
        let cases = [
            // (warning standard in yuan, previous household income in yuan, fits?)
            (7_300, None, false),
            (12_000, None, true),
            (7_300, Some(60_000), true),
            (7_300, Some(59_999), false),
            (7_300, Some(0), false),
        ];
        for (warning, previous, fits) in cases {
            let lines = Lines {
                warning: Fen::from_fen(warning * 100),
                ..LINE
            };
            let h = HomeCheckRecord {
                previous_income: previous.map(|y: i64| Fen::from_fen(y * 100)),
                ..spending.clone()
            };
            assert_eq!(
                check_category(Category::SuddenHardship, Some(&h), lines).is_ok(),
                fits,
                "warning {warning}, previous {previous:?}"
            );
        }
    }

    #[test]
    fn exactly_on_the_line_is_not_under_it() {
        let on_line = household(&[7_300], 0, false);
        assert_eq!(
            check_category(Category::Marginal, Some(&on_line), LINE),
            Err(Misfit::IncomeAboveLine)
        );
    }

    #[test]
    fn without_a_home_check_no_category_is_supported() {
        assert_eq!(
            check_category(Category::SuddenHardship, None, LINE),
            Err(Misfit::NoHomeCheck)
        );
        assert_eq!(suggest_category(None, LINE), None);
    }

    proptest! {
        #[test]
        fn a_suggested_category_always_passes_the_check(
            incomes in prop::collection::vec(0i64..40_000, 1..6),
            rigid in 0i64..100_000,
            formerly_poor in any::<bool>(),
            line_yuan in 1i64..20_000,
        ) {
            let h = household(&incomes, rigid, formerly_poor);
            let line = Lines::at(Fen::from_fen(line_yuan * 100));
            if let Some(category) = suggest_category(Some(&h), line) {
                prop_assert_eq!(check_category(category, Some(&h), line), Ok(()));
            } else {
                for category in Category::ALL {
                    prop_assert!(check_category(*category, Some(&h), line).is_err());
                }
            }
        }
    }
}
