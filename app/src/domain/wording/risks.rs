//! Risk types as people read them.
use crate::domain::{lang::Lang, vocab::RiskType};

pub fn risk_labels(codes: &str) -> Vec<String> {
    risk_labels_in(codes, Lang::Zh)
}

/// Risk-type labels from the stored comma-separated codes, in `lang`.
pub fn risk_labels_in(codes: &str, lang: Lang) -> Vec<String> {
    codes
        .split(',')
        .filter_map(RiskType::from_code)
        .map(|r| lang.pick(r.label_zh(), r.label_en()).to_owned())
        .collect()
}
