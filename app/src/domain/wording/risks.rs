//! Risk types as people read them.
use crate::domain::{lang::Lang, risk_list::RiskList};

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
