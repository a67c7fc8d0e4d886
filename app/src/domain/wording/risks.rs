//! Risk types as people read them.
use crate::domain::{lang::Lang, risk_list::RiskList, vocab::RiskType};
use crate::tr;

pub fn risk_labels(risks: &RiskList) -> Vec<String> {
    risk_labels_in(risks, Lang::Zh)
}

/// Risk-type labels in `lang`.
pub fn risk_labels_in(risks: &RiskList, lang: Lang) -> Vec<String> {
    risks.0.iter().map(|r| r.label(lang).to_owned()).collect()
}

/// What a household ticks: the hardship in everyday words (the official term is shown beside
/// it in small type, see the report form).
pub fn plain(risk: RiskType, lang: Lang) -> &'static str {
    match risk {
        RiskType::Illness => tr::risks::someone_seriously_ill_medical(lang),
        RiskType::Disability => tr::risks::someone_family_disabled(lang),
        RiskType::Schooling => tr::risks::school_costs_too_high(lang),
        RiskType::NaturalDisaster => tr::risks::disaster_struck_flood_drought(lang),
        RiskType::Accident => tr::risks::accident_road_accident_injury(lang),
        RiskType::BusinessFailure => tr::risks::farming_small_business_lost(lang),
        RiskType::UnstableEmployment => tr::risks::lost_work_income_unsteady(lang),
        RiskType::LackOfLabour => tr::risks::nobody_family_work(lang),
        RiskType::HousingSafety => tr::risks::house_unsafe(lang),
        RiskType::DrinkingWater => tr::risks::safe_drinking_water(lang),
        RiskType::Epidemic => tr::risks::income_fell_because_epidemic(lang),
        RiskType::Other => tr::risks::other_hardship(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_risk_has_plain_words_that_differ_from_the_official_term() {
        for &risk in RiskType::ALL {
            let zh = plain(risk, Lang::Zh);
            assert!(!zh.is_empty() && zh != risk.label_zh(), "{risk:?}");
            assert!(plain(risk, Lang::En).is_ascii(), "{risk:?}");
        }
        assert!(!plain(RiskType::LackOfLabour, Lang::Zh).contains("劳动力"));
    }
}
