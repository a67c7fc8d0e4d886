//! Risk types as people read them.
use crate::domain::{lang::Lang, risk_list::RiskList, vocab::RiskType};

pub fn risk_labels(risks: &RiskList) -> Vec<String> {
    risk_labels_in(risks, Lang::Zh)
}

/// Risk-type labels in `lang`.
pub fn risk_labels_in(risks: &RiskList, lang: Lang) -> Vec<String> {
    risks
        .0
        .iter()
        .map(|r| lang.pick(r.label_zh(), r.label_en()).to_owned())
        .collect()
}

/// What a household ticks: the hardship in everyday words (the official term is shown beside
/// it in small type, see the report form).
pub fn plain(risk: RiskType, lang: Lang) -> &'static str {
    match risk {
        RiskType::Illness => lang.pick(
            "家里有人生了大病、看病花钱多",
            "Someone is seriously ill; medical bills are high",
        ),
        RiskType::Disability => lang.pick("家里有人残疾", "Someone in the family is disabled"),
        RiskType::Schooling => lang.pick("孩子上学花钱多，负担不起", "School costs are too high"),
        RiskType::NaturalDisaster => lang.pick(
            "遭了灾（洪水、干旱、冰雹、地震等）",
            "A disaster struck (flood, drought, hail, earthquake)",
        ),
        RiskType::Accident => lang.pick(
            "出了意外（车祸、受伤、火灾等）",
            "An accident (road accident, injury, fire)",
        ),
        RiskType::BusinessFailure => lang.pick(
            "种养殖或做生意亏了本",
            "Farming or a small business lost money",
        ),
        RiskType::UnstableEmployment => {
            lang.pick("打工没了活、收入不稳定", "Lost work or income is unsteady")
        }
        RiskType::LackOfLabour => {
            lang.pick("家里没有能干活挣钱的人", "Nobody in the family can work")
        }
        RiskType::HousingSafety => lang.pick("房子危险、不安全", "The house is unsafe"),
        RiskType::DrinkingWater => lang.pick("喝水困难或水不干净", "No safe drinking water"),
        RiskType::Epidemic => lang.pick("因为疫情收入减少", "Income fell because of an epidemic"),
        RiskType::Other => lang.pick("其他困难", "Other hardship"),
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
