//! Controlled vocabularies: risk types, categories, discovery channels, risk tiers,
//! labour capacity and assistance measures.
//!
//! Every vocabulary has a stable snake_case `code()` (stored in the database, used
//! in URLs and as the serde form), the zh-CN label the service stores in Chinese records,
//! and `ALL` in display order; the label in any language is `label(lang)` from
//! locales/*.json (`wording::by_lang`). Codes are part of the data contract: never rename one.

use serde::{Deserialize, Serialize};

/// Declares a vocabulary enum with its codes and labels.
/// The serde name comes from `rename_all = "snake_case"`; tests check it equals `code()`.
macro_rules! vocab {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident => $code:literal, $zh:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Stable snake_case ASCII code used in the database, URLs and serde.
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The value with this code, if any (exact, case-sensitive match).
            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// Label in Simplified Chinese.
            pub const fn label_zh(self) -> &'static str {
                match self {
                    $($name::$variant => $zh,)+
                }
            }
        }
    };
}

/// Also declares the member vocabularies (relation, status) in `case::household`.
pub(crate) use vocab;

vocab! {
    /// 风险类型: why a household is at risk. Multi-select: one household may have several.
    pub enum RiskType {
        Illness => "illness", "因病";
        Disability => "disability", "因残";
        Schooling => "schooling", "因学";
        NaturalDisaster => "natural_disaster", "因自然灾害";
        Accident => "accident", "因意外事故";
        BusinessFailure => "business_failure", "因产业项目失败";
        UnstableEmployment => "unstable_employment", "因务工就业不稳";
        LackOfLabour => "lack_of_labour", "缺劳动力";
        HousingSafety => "housing_safety", "住房安全";
        DrinkingWater => "drinking_water", "饮水安全";
        Epidemic => "epidemic", "因疫情";
        Other => "other", "其他";
    }
}

impl RiskType {
    /// Sudden risks (disaster, accident, epidemic) qualify for the green channel:
    /// assist first, hold the village review and public notice afterwards.
    pub const fn is_sudden(self) -> bool {
        match self {
            RiskType::NaturalDisaster | RiskType::Accident | RiskType::Epidemic => true,
            RiskType::Illness
            | RiskType::Disability
            | RiskType::Schooling
            | RiskType::BusinessFailure
            | RiskType::UnstableEmployment
            | RiskType::LackOfLabour
            | RiskType::HousingSafety
            | RiskType::DrinkingWater
            | RiskType::Other => false,
        }
    }
}

vocab! {
    /// 监测对象类别 (三类监测对象).
    pub enum Category {
        UnstableFormerlyPoor => "unstable_formerly_poor", "脱贫不稳定户";
        Marginal => "marginal", "边缘易致贫户";
        SuddenHardship => "sudden_hardship", "突发严重困难户";
    }
}

vocab! {
    /// 发现渠道: how a household came to the attention of the platform.
    pub enum Channel {
        SelfReport => "self_report", "农户自主申报";
        ProxyHotline => "proxy_hotline", "12317热线代报";
        ProxyCadre => "proxy_cadre", "干部代报";
        ProxyRelative => "proxy_relative", "亲友代报";
        GroupNomination => "group_nomination", "村民小组提名";
        CadreScreening => "cadre_screening", "基层干部排查";
        DepartmentAlert => "department_alert", "部门筛查预警";
        PublicOpinion => "public_opinion", "舆情信访";
    }
}

impl Channel {
    /// Filed by someone else on the household's behalf (他人代为申报).
    pub const fn is_proxy(self) -> bool {
        match self {
            Channel::ProxyHotline | Channel::ProxyCadre | Channel::ProxyRelative => true,
            Channel::SelfReport
            | Channel::GroupNomination
            | Channel::CadreScreening
            | Channel::DepartmentAlert
            | Channel::PublicOpinion => false,
        }
    }
}

vocab! {
    /// 风险等级: sets the monitoring visit frequency (red 15 days, yellow monthly, blue quarterly).
    pub enum RiskTier {
        Red => "red", "红色";
        Yellow => "yellow", "黄色";
        Blue => "blue", "蓝色";
    }
}

vocab! {
    /// 劳动能力 of a household.
    pub enum LabourCapacity {
        Full => "full", "有劳动能力";
        Partial => "partial", "弱劳动能力";
        None => "none", "无劳动能力";
    }
}

vocab! {
    /// 帮扶措施 catalogue.
    pub enum MeasureType {
        Industry => "industry", "产业帮扶";
        Employment => "employment", "就业帮扶";
        PublicWelfareJob => "public_welfare_job", "公益岗位";
        MinimumLiving => "minimum_living", "低保";
        ExtremePovertySupport => "extreme_poverty_support", "特困供养";
        TemporaryRelief => "temporary_relief", "临时救助";
        Medical => "medical", "医疗保障";
        Education => "education", "教育资助";
        Housing => "housing", "危房改造";
        DrinkingWater => "drinking_water", "饮水安全";
        Insurance => "insurance", "防贫保险";
        Microcredit => "microcredit", "小额信贷";
        Consumption => "consumption", "消费帮扶";
        Social => "social", "社会帮扶";
        Motivation => "motivation", "扶志扶智";
    }
}

/// The line departments that lead measures, each once, in the vocabulary's order: what a
/// liaison's account names (its measures are the ones it carries out).
pub fn lead_departments() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for m in MeasureType::ALL {
        if !out.contains(&m.lead_department_zh()) {
            out.push(m.lead_department_zh());
        }
    }
    out
}

impl MeasureType {
    /// Lead department (牵头单位): stored with each measure as data, in Chinese (a department's
    /// name, marked `lang="zh-CN"` on English pages like other names).
    pub const fn lead_department_zh(self) -> &'static str {
        self.lead_department()
    }

    /// Paid once (临时救助): its period may be the one day it is paid, so the plan form does
    /// not ask it for an end date (tester).
    pub const fn is_one_off(self) -> bool {
        matches!(self, MeasureType::TemporaryRelief)
    }

    /// Developmental measures (开发式帮扶) that need labour capacity.
    pub const fn is_developmental(self) -> bool {
        matches!(self.kind(), MeasureKind::Developmental)
    }

    /// Social-security backstop measures (兜底保障: 低保, 特困供养).
    pub const fn is_backstop(self) -> bool {
        matches!(self.kind(), MeasureKind::Backstop)
    }

    const fn lead_department(self) -> &'static str {
        match self {
            MeasureType::Industry => "农业农村局",
            MeasureType::Employment | MeasureType::PublicWelfareJob => "人社局",
            MeasureType::MinimumLiving
            | MeasureType::ExtremePovertySupport
            | MeasureType::TemporaryRelief => "民政局",
            MeasureType::Medical => "医保局",
            MeasureType::Education => "教育局",
            MeasureType::Housing => "住建局",
            MeasureType::DrinkingWater => "水利局",
            MeasureType::Insurance => "财政局",
            MeasureType::Microcredit => "农商行",
            MeasureType::Consumption => "商务局",
            MeasureType::Social => "工商联",
            MeasureType::Motivation => "乡村振兴局",
        }
    }

    /// Which kind of help a measure is; exhaustive, so a new measure must be placed.
    const fn kind(self) -> MeasureKind {
        match self {
            MeasureType::Industry | MeasureType::Employment | MeasureType::PublicWelfareJob => {
                MeasureKind::Developmental
            }
            MeasureType::MinimumLiving | MeasureType::ExtremePovertySupport => {
                MeasureKind::Backstop
            }
            MeasureType::TemporaryRelief
            | MeasureType::Medical
            | MeasureType::Education
            | MeasureType::Housing
            | MeasureType::DrinkingWater
            | MeasureType::Insurance
            | MeasureType::Microcredit
            | MeasureType::Consumption
            | MeasureType::Social
            | MeasureType::Motivation => MeasureKind::Other,
        }
    }
}

/// Developmental help (开发式帮扶), the social-security backstop (兜底保障), or neither.
#[derive(Clone, Copy)]
enum MeasureKind {
    Developmental,
    Backstop,
    Other,
}

/// The measure that answers one risk, given the household's labour capacity.
/// `None` for [`RiskType::Other`]: that plan is made by hand.
fn measure_for(risk: RiskType, labour: LabourCapacity) -> Option<MeasureType> {
    let measure = match (risk, labour) {
        (RiskType::Illness, _) => MeasureType::Medical,
        (RiskType::Disability, LabourCapacity::Full) => MeasureType::Medical,
        (RiskType::Disability, LabourCapacity::Partial | LabourCapacity::None) => {
            MeasureType::MinimumLiving
        }
        (RiskType::Schooling, _) => MeasureType::Education,
        (RiskType::NaturalDisaster | RiskType::Accident | RiskType::Epidemic, _) => {
            MeasureType::TemporaryRelief
        }
        (RiskType::BusinessFailure, LabourCapacity::Full | LabourCapacity::Partial) => {
            MeasureType::Industry
        }
        (RiskType::UnstableEmployment, LabourCapacity::Full) => MeasureType::Employment,
        (RiskType::UnstableEmployment, LabourCapacity::Partial) => MeasureType::PublicWelfareJob,
        (RiskType::BusinessFailure | RiskType::UnstableEmployment, LabourCapacity::None) => {
            MeasureType::MinimumLiving
        }
        (RiskType::LackOfLabour, _) => MeasureType::MinimumLiving,
        (RiskType::HousingSafety, _) => MeasureType::Housing,
        (RiskType::DrinkingWater, _) => MeasureType::DrinkingWater,
        (RiskType::Other, _) => return None,
    };
    Some(measure)
}

/// Suggested measures following 缺什么补什么 ("supply what is missing"):
///
/// - each risk maps to one measure (a single risk gives a single measure, to avoid
///   a welfare trap); several risks give a combined plan (一户一策) without duplicates,
///   in the order the risks are given;
/// - with labour capacity, income risks get developmental help (industry, employment;
///   a public-welfare job for limited capacity);
/// - without labour capacity, never industry or employment: the backstop
///   (minimum living allowance) instead, and it is always part of the plan;
/// - [`RiskType::Other`] gets no automatic suggestion.
///
/// This is a starting point for the cadre, who edits the plan.
pub fn suggest_measures(risks: &[RiskType], labour: LabourCapacity) -> Vec<MeasureType> {
    let mut plan: Vec<MeasureType> = Vec::new();
    for measure in risks.iter().filter_map(|&risk| measure_for(risk, labour)) {
        if !plan.contains(&measure) {
            plan.push(measure);
        }
    }
    let needs_backstop = labour == LabourCapacity::None && !risks.is_empty();
    if needs_backstop && !plan.contains(&MeasureType::MinimumLiving) {
        plan.push(MeasureType::MinimumLiving);
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::value::{Error as DeError, StrDeserializer};
    use serde::de::DeserializeOwned;
    use serde::de::IntoDeserializer;
    use std::collections::HashSet;
    use std::fmt::Debug;

    /// Codes are unique snake_case ASCII, round-trip through `from_code`, equal the
    /// serde name, and every value has both labels.
    fn check_vocabulary<T>(all: &[T], code: fn(T) -> &'static str, from: fn(&str) -> Option<T>)
    where
        T: Copy + PartialEq + Debug + DeserializeOwned,
    {
        let mut seen = HashSet::new();
        for &value in all {
            let c = code(value);
            assert!(seen.insert(c), "duplicate code {c}");
            assert!(
                !c.is_empty()
                    && c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                    && !c.starts_with('_')
                    && !c.ends_with('_'),
                "code {c} is not snake_case"
            );
            assert_eq!(from(c), Some(value));
            let de: StrDeserializer<'_, DeError> = c.into_deserializer();
            assert_eq!(T::deserialize(de).ok(), Some(value), "serde name of {c}");
        }
        assert_eq!(from(""), None);
        assert_eq!(from("ILLNESS"), None);
    }

    macro_rules! check_labels {
        ($t:ty) => {
            for value in <$t>::ALL {
                assert!(!value.label_zh().is_ascii(), "{value:?} zh label");
            }
        };
    }

    #[test]
    fn every_vocabulary_has_stable_unique_codes_matching_serde() {
        check_vocabulary(RiskType::ALL, RiskType::code, RiskType::from_code);
        check_vocabulary(Category::ALL, Category::code, Category::from_code);
        check_vocabulary(Channel::ALL, Channel::code, Channel::from_code);
        check_vocabulary(RiskTier::ALL, RiskTier::code, RiskTier::from_code);
        check_vocabulary(
            LabourCapacity::ALL,
            LabourCapacity::code,
            LabourCapacity::from_code,
        );
        check_vocabulary(MeasureType::ALL, MeasureType::code, MeasureType::from_code);
    }

    #[test]
    fn every_value_has_a_chinese_and_an_english_label() {
        check_labels!(RiskType);
        check_labels!(Category);
        check_labels!(Channel);
        check_labels!(RiskTier);
        check_labels!(LabourCapacity);
        check_labels!(MeasureType);
        for measure in MeasureType::ALL {
            assert!(!measure.lead_department_zh().is_ascii());
        }
    }

    #[test]
    fn the_vocabularies_have_the_expected_sizes() {
        assert_eq!(RiskType::ALL.len(), 12);
        assert_eq!(Category::ALL.len(), 3);
        assert_eq!(Channel::ALL.len(), 8);
        assert_eq!(RiskTier::ALL.len(), 3);
        assert_eq!(LabourCapacity::ALL.len(), 3);
        assert_eq!(MeasureType::ALL.len(), 15);
    }

    #[test]
    fn known_codes_and_labels_are_pinned() {
        assert_eq!(RiskType::NaturalDisaster.code(), "natural_disaster");
        assert_eq!(RiskType::UnstableEmployment.label_zh(), "因务工就业不稳");
        assert_eq!(Category::from_code("marginal"), Some(Category::Marginal));
        assert_eq!(Channel::ProxyHotline.label_zh(), "12317热线代报");
        assert_eq!(
            LabourCapacity::from_code("none"),
            Some(LabourCapacity::None)
        );
        assert_eq!(MeasureType::Microcredit.lead_department_zh(), "农商行");
        assert_eq!(MeasureType::Housing.lead_department_zh(), "住建局");
    }

    #[test]
    fn only_disasters_accidents_and_epidemics_are_sudden() {
        let sudden: Vec<RiskType> = RiskType::ALL
            .iter()
            .copied()
            .filter(|r| r.is_sudden())
            .collect();
        assert_eq!(
            sudden,
            vec![
                RiskType::NaturalDisaster,
                RiskType::Accident,
                RiskType::Epidemic
            ]
        );
    }

    #[test]
    fn only_the_proxy_channels_are_proxies() {
        let proxies: Vec<&str> = Channel::ALL
            .iter()
            .filter(|c| c.is_proxy())
            .map(|c| c.code())
            .collect();
        assert_eq!(
            proxies,
            vec!["proxy_hotline", "proxy_cadre", "proxy_relative"]
        );
    }

    #[test]
    fn a_single_risk_gets_a_single_matching_measure() {
        use LabourCapacity::Full;
        assert_eq!(
            suggest_measures(&[RiskType::Illness], Full),
            vec![MeasureType::Medical]
        );
        assert_eq!(
            suggest_measures(&[RiskType::Schooling], Full),
            vec![MeasureType::Education]
        );
        assert_eq!(
            suggest_measures(&[RiskType::HousingSafety], Full),
            vec![MeasureType::Housing]
        );
        assert_eq!(
            suggest_measures(&[RiskType::UnstableEmployment], Full),
            vec![MeasureType::Employment]
        );
        assert_eq!(
            suggest_measures(&[RiskType::BusinessFailure], Full),
            vec![MeasureType::Industry]
        );
        assert_eq!(
            suggest_measures(&[RiskType::LackOfLabour], Full),
            vec![MeasureType::MinimumLiving]
        );
        assert_eq!(
            suggest_measures(&[RiskType::NaturalDisaster], Full),
            vec![MeasureType::TemporaryRelief]
        );
    }

    #[test]
    fn limited_labour_capacity_gets_a_public_welfare_job_instead_of_employment() {
        assert_eq!(
            suggest_measures(&[RiskType::UnstableEmployment], LabourCapacity::Partial),
            vec![MeasureType::PublicWelfareJob]
        );
    }

    #[test]
    fn several_risks_give_a_combined_plan_without_duplicates() {
        let plan = suggest_measures(
            &[
                RiskType::Illness,
                RiskType::Schooling,
                RiskType::Illness,
                RiskType::Accident,
                RiskType::NaturalDisaster,
            ],
            LabourCapacity::Full,
        );
        assert_eq!(
            plan,
            vec![
                MeasureType::Medical,
                MeasureType::Education,
                MeasureType::TemporaryRelief
            ]
        );
    }

    #[test]
    fn a_household_without_labour_gets_the_backstop_instead_of_work() {
        assert_eq!(
            suggest_measures(&[RiskType::UnstableEmployment], LabourCapacity::None),
            vec![MeasureType::MinimumLiving]
        );
        assert_eq!(
            suggest_measures(
                &[RiskType::Illness, RiskType::BusinessFailure],
                LabourCapacity::None
            ),
            vec![MeasureType::Medical, MeasureType::MinimumLiving]
        );
        assert_eq!(
            suggest_measures(&[RiskType::Schooling], LabourCapacity::None),
            vec![MeasureType::Education, MeasureType::MinimumLiving]
        );
    }

    #[test]
    fn no_risks_or_only_other_gives_no_suggestion_with_labour() {
        assert!(suggest_measures(&[], LabourCapacity::Full).is_empty());
        assert!(suggest_measures(&[], LabourCapacity::None).is_empty());
        assert!(suggest_measures(&[RiskType::Other], LabourCapacity::Full).is_empty());
        assert_eq!(
            suggest_measures(&[RiskType::Other], LabourCapacity::None),
            vec![MeasureType::MinimumLiving]
        );
    }

    fn risks() -> impl Strategy<Value = Vec<RiskType>> {
        prop::collection::vec(prop::sample::select(RiskType::ALL.to_vec()), 0..8)
    }

    fn labour() -> impl Strategy<Value = LabourCapacity> {
        prop::sample::select(LabourCapacity::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn a_plan_never_repeats_a_measure(risks in risks(), labour in labour()) {
            let plan = suggest_measures(&risks, labour);
            let unique: HashSet<_> = plan.iter().collect();
            prop_assert_eq!(unique.len(), plan.len());
        }

        #[test]
        fn a_plan_has_at_most_one_measure_per_distinct_risk_plus_the_backstop(
            risks in risks(),
            labour in labour(),
        ) {
            let plan = suggest_measures(&risks, labour);
            let distinct: HashSet<_> = risks.iter().collect();
            prop_assert!(plan.len() <= distinct.len() + 1);
            if labour != LabourCapacity::None {
                prop_assert!(plan.len() <= distinct.len());
            }
        }

        #[test]
        fn without_labour_there_is_no_developmental_help_and_always_a_backstop(
            risks in risks(),
        ) {
            let plan = suggest_measures(&risks, LabourCapacity::None);
            prop_assert!(plan.iter().all(|m| !m.is_developmental()));
            prop_assert_eq!(risks.is_empty(), !plan.contains(&MeasureType::MinimumLiving));
        }

        #[test]
        fn the_order_of_risks_does_not_change_the_set_of_measures(
            risks in risks(),
            labour in labour(),
        ) {
            let forward: HashSet<_> = suggest_measures(&risks, labour).into_iter().collect();
            let mut reversed_risks = risks.clone();
            reversed_risks.reverse();
            let backward: HashSet<_> =
                suggest_measures(&reversed_risks, labour).into_iter().collect();
            prop_assert_eq!(forward, backward);
        }
    }
}
