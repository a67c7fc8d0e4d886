//! What the home check records about a household (入户核查): members with relation, ID number,
//! labour capacity and schooling or job status; 两不愁三保障 and water; income and rigid
//! spending; the signed consent.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::id_number::IdNumber;
use crate::domain::money::Fen;
use crate::domain::vocab::LabourCapacity;

/// What a home visit found and recorded (入户核查).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeCheckRecord {
    pub date: NaiveDate,
    pub visitors: Vec<String>,
    pub members: Vec<Member>,
    pub guarantees: Guarantees,
    /// 承诺授权书 signed by the household.
    pub consent_signed: bool,
    /// Large rigid spending over the income window (medical, schooling, disaster repair);
    /// records stored before it existed read as zero.
    #[serde(default)]
    pub rigid_expenditure: Fen,
    /// 建档立卡脱贫户: registered as poor before 2021 (decides 脱贫不稳定户 vs 边缘易致贫户).
    #[serde(default)]
    pub formerly_poor: bool,
    /// The household's net income over the previous income window, when known: shows a sharp
    /// fall (收入大幅缩减) that qualifies a 突发严重困难户.
    #[serde(default)]
    pub previous_income: Option<Fen>,
}

impl HomeCheckRecord {
    /// This re-check, its members' empty ID numbers filled from `previous` by name: a re-check
    /// form starts from the last check but never shows a full number, so an empty box keeps
    /// the one recorded. A name that appears twice in `previous` is not guessed.
    pub fn keeping_ids_of(mut self, previous: &HomeCheckRecord) -> HomeCheckRecord {
        for member in self.members.iter_mut().filter(|m| m.id_number.is_none()) {
            let mut same = previous.members.iter().filter(|p| p.name == member.name);
            if let (Some(earlier), None) = (same.next(), same.next()) {
                member.id_number = earlier.id_number.clone();
            }
        }
        self
    }
}

/// One household member as the home check found them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub labour: LabourCapacity,
    /// Net income over the income window.
    pub annual_income: Fen,
    /// Relation to the head of household; older records read as [`Relation::Other`].
    #[serde(default)]
    pub relation: Relation,
    /// 身份证号, when the home check recorded it.
    #[serde(default)]
    pub id_number: Option<IdNumber>,
    /// Schooling or job status; older records read as [`MemberStatus::Other`].
    #[serde(default)]
    pub status: MemberStatus,
}

/// A member vocabulary: a [`vocab!`](crate::domain::vocab) with a default `Other` (其他) last,
/// so older records without the field read as `Other`.
macro_rules! member_vocab {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $variant:ident => $code:literal, $zh:literal; )+
        }
    ) => {
        crate::domain::vocab::vocab! {
            $(#[$meta])*
            #[derive(Default)]
            pub enum $name {
                $( $variant => $code, $zh; )+
                #[default]
                Other => "other", "其他";
            }
        }
    };
}

member_vocab! {
    /// A member's relation to the head of household (与户主关系).
    pub enum Relation {
        Head => "head", "户主";
        Spouse => "spouse", "配偶";
        Child => "child", "子女";
        Parent => "parent", "父母";
        Grandchild => "grandchild", "孙子女";
    }
}

member_vocab! {
    /// A member's schooling or job status (在校生、务工...).
    pub enum MemberStatus {
        AtSchool => "at_school", "在校生";
        Working => "working", "务工";
        Farming => "farming", "务农";
        Unemployed => "unemployed", "失业/无业";
        Retired => "retired", "退休/年老";
        Preschool => "preschool", "学龄前";
    }
}

/// 两不愁三保障 and safe drinking water: `true` means secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Guarantees {
    pub food: bool,
    pub clothing: bool,
    pub compulsory_education: bool,
    pub basic_medical: bool,
    pub housing_safety: bool,
    pub drinking_water: bool,
}

impl Guarantees {
    pub const ALL_SECURED: Guarantees = Guarantees {
        food: true,
        clothing: true,
        compulsory_education: true,
        basic_medical: true,
        housing_safety: true,
        drinking_water: true,
    };

    pub fn all_secured(&self) -> bool {
        self.answers().iter().all(|secured| *secured)
    }

    /// Each item, secured or not, in the order of the form's `GUARANTEE_ITEMS`.
    pub fn answers(&self) -> [bool; 6] {
        [
            self.food,
            self.clothing,
            self.compulsory_education,
            self.basic_medical,
            self.housing_safety,
            self.drinking_water,
        ]
    }
}

/// The household as a public notice (公示) lists it: the 户主 and the number of members the
/// home check recorded, which the county decides on; before a home check, or when none of its
/// members is marked 户主, the applicant and the size the report declared.
pub fn listed_as<'a>(
    record: Option<&'a HomeCheckRecord>,
    applicant: &'a str,
    declared: i64,
) -> (&'a str, i64) {
    match record {
        Some(r) if !r.members.is_empty() => (
            r.head_name().unwrap_or(applicant),
            i64::try_from(r.members.len()).unwrap_or(i64::MAX),
        ),
        _ => (applicant, declared),
    }
}

/// The household size the report declared and the members the home check recorded, when a
/// home check is on record and they differ: income per person divides by the members, so a
/// member left out makes the household look better off than it is.
pub fn members_differ(declared: i64, recorded: usize) -> Option<(i64, usize)> {
    (recorded > 0 && i64::try_from(recorded).ok() != Some(declared)).then_some((declared, recorded))
}

impl HomeCheckRecord {
    /// The member the home check recorded as 户主, if any.
    pub fn head_name(&self) -> Option<&str> {
        self.members
            .iter()
            .find(|m| m.relation == Relation::Head)
            .map(|m| m.name.as_str())
    }

    /// Household net income divided by the number of members; `None` without members.
    /// Summed in 128 bits: a mean of 64-bit amounts always fits, so no overflow and no panic.
    pub fn per_capita_income(&self) -> Option<Fen> {
        self.per_capita_after(Fen::ZERO)
    }

    /// Household net income minus the rigid expenditure, divided by the number of members;
    /// negative when spending exceeds income, `None` without members.
    pub fn per_capita_net_income(&self) -> Option<Fen> {
        self.per_capita_after(self.rigid_expenditure)
    }

    fn per_capita_after(&self, spending: Fen) -> Option<Fen> {
        let count = i128::try_from(self.members.len()).ok().filter(|n| *n > 0)?;
        let total: i128 = self
            .members
            .iter()
            .map(|m| i128::from(m.annual_income.fen()))
            .sum();
        // Rounded to the nearest fen (halves away from zero): truncating showed -1,666.66 for
        // a share of -1,666.666….
        let per_capita =
            crate::domain::money::div_round_half_away(total - i128::from(spending.fen()), count);
        // Out of range only when the spending alone is beyond i64; clamp rather than wrap.
        Some(Fen::from_fen(
            i64::try_from(per_capita).unwrap_or(if per_capita < 0 { i64::MIN } else { i64::MAX }),
        ))
    }

    /// Household net income over the window (members summed, saturating).
    pub fn total_income(&self) -> Fen {
        let total: i128 = self
            .members
            .iter()
            .map(|m| i128::from(m.annual_income.fen()))
            .sum();
        Fen::from_fen(i64::try_from(total).unwrap_or(i64::MAX))
    }

    /// Income fell by at least `percent` against the previous window (收入大幅缩减).
    pub fn income_fell_sharply(&self, percent: u32) -> bool {
        let Some(previous) = self.previous_income.filter(|p| p.fen() > 0) else {
            return false;
        };
        let previous = i128::from(previous.fen());
        let now = i128::from(self.total_income().fen());
        (previous - now) * 100 >= previous * i128::from(percent)
    }

    /// The household's labour capacity as a whole: none when nobody can work, full when
    /// anyone can work fully, partial otherwise (drives 缺什么补什么).
    pub fn labour_capacity(&self) -> LabourCapacity {
        if self.no_member_can_work() {
            LabourCapacity::None
        } else if self
            .members
            .iter()
            .any(|m| m.labour == LabourCapacity::Full)
        {
            LabourCapacity::Full
        } else {
            LabourCapacity::Partial
        }
    }

    /// Every member lacks labour capacity (the household can never be marked eliminated).
    pub fn no_member_can_work(&self) -> bool {
        !self.members.is_empty()
            && self
                .members
                .iter()
                .all(|m| m.labour == LabourCapacity::None)
    }
}

#[cfg(test)]
mod listed_tests {
    use super::*;

    #[test]
    fn a_notice_lists_the_head_and_the_members_the_home_check_recorded() {
        let mut record = crate::domain::case::samples::record(
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            300_000,
        );
        assert_eq!(
            listed_as(None, "申请人", 5),
            ("申请人", 5),
            "before a home check"
        );
        // No member marked 户主: the applicant's name, the members counted.
        assert_eq!(listed_as(Some(&record), "申请人", 5), ("申请人", 2));
        record.members[1].relation = Relation::Head;
        assert_eq!(listed_as(Some(&record), "申请人", 5), ("李梅", 2));
        record.members.clear();
        assert_eq!(listed_as(Some(&record), "申请人", 5), ("申请人", 5));
    }

    #[test]
    fn members_differ_only_after_a_home_check_that_disagrees() {
        assert_eq!(members_differ(4, 0), None, "no home check yet");
        assert_eq!(members_differ(4, 4), None);
        assert_eq!(members_differ(4, 2), Some((4, 2)));
        assert_eq!(
            members_differ(2, 3),
            Some((2, 3)),
            "a member added at the visit"
        );
    }
}
