//! Measures as a household reads them: what the help is in plain words, who gives it, how
//! much, and how far it has got.
use crate::domain::{case::Measure, lang::Lang, money::Fen, vocab::MeasureType};

use super::labels;

/// What a measure is, in words an elderly applicant understands.
pub fn plain(kind: MeasureType, lang: Lang) -> &'static str {
    match kind {
        MeasureType::Industry => lang.pick(
            "帮您发展种植、养殖等生产，增加收入",
            "help to grow crops or raise animals for income",
        ),
        MeasureType::Employment => lang.pick(
            "帮家里人找工作、参加技能培训，或给外出务工补贴",
            "help finding work, skills training or a travel-to-work allowance",
        ),
        MeasureType::PublicWelfareJob => lang.pick(
            "在村里安排一份公益性的工作（如保洁、护林），按月发工资",
            "a public-service job in the village (e.g. cleaning, forest care) with a monthly wage",
        ),
        MeasureType::MinimumLiving => lang.pick(
            "每月发给生活费（低保）",
            "a monthly living allowance (dibao)",
        ),
        MeasureType::ExtremePovertySupport => lang.pick(
            "为没有依靠的老人、残疾人、孩子提供基本生活保障（特困供养）",
            "basic living support for those with no one to rely on",
        ),
        MeasureType::TemporaryRelief => lang.pick(
            "遇到急难时一次性给一笔救助金（临时救助）",
            "a one-off payment in an emergency",
        ),
        MeasureType::Medical => lang.pick(
            "帮您参加医保，看病报销更多，减轻医药费负担",
            "health insurance and larger refunds of medical bills",
        ),
        MeasureType::Education => lang.pick(
            "给上学的孩子发助学金、减免学费，保证孩子不失学",
            "school grants and fee waivers so the children stay in school",
        ),
        MeasureType::Housing => lang.pick(
            "帮您修缮或改造不安全的住房",
            "repairs or rebuilding of an unsafe house",
        ),
        MeasureType::DrinkingWater => {
            lang.pick("帮您家用上安全的自来水", "safe drinking water at home")
        }
        MeasureType::Insurance => lang.pick(
            "由政府出钱买的防返贫保险，遇到大病、灾害时赔钱",
            "insurance paid by the government that pays out after serious illness or disaster",
        ),
        MeasureType::Microcredit => lang.pick(
            "低息或免息的小额贷款，用来发展生产",
            "a small low-interest loan to start or grow a business",
        ),
        MeasureType::Consumption => {
            lang.pick("帮您把农产品卖出去", "help selling your farm produce")
        }
        MeasureType::Social => lang.pick(
            "企业、社会组织或爱心人士的帮助",
            "help from companies, charities or volunteers",
        ),
        MeasureType::Motivation => lang.pick(
            "培训和鼓励，帮家里人学本事、增强信心",
            "training and encouragement to build skills and confidence",
        ),
    }
}

/// One line: "医疗保障：帮您参加医保…（医保局，2,000.00元，落实中）".
pub fn line(measure: &Measure, lang: Lang) -> String {
    let name = lang.pick(
        measure.measure_type.label_zh(),
        measure.measure_type.label_en(),
    );
    let what = plain(measure.measure_type, lang);
    let status = labels::measure_status(measure.status, lang);
    let dept = &measure.lead_department;
    let amount = if measure.amount == Fen::ZERO {
        String::new()
    } else {
        match lang {
            Lang::Zh => format!("，{}元", measure.amount),
            Lang::En => format!(", {} yuan", measure.amount),
        }
    };
    match lang {
        Lang::Zh => format!("{name}：{what}（负责单位：{dept}{amount}，{status}）"),
        Lang::En => format!("{name}: {what} (by {dept}{amount}, {status})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::MeasureStatus;
    use chrono::NaiveDate;

    #[test]
    fn a_measure_says_what_it_is_who_gives_it_how_much_and_how_far_it_got() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let m = Measure {
            measure_type: MeasureType::Medical,
            lead_department: "医保局".into(),
            amount: Fen::from_fen(200_000),
            start: day,
            end: day,
            status: MeasureStatus::InProgress,
        };
        let zh = line(&m, Lang::Zh);
        assert!(
            zh.contains("看病报销")
                && zh.contains("医保局")
                && zh.contains("2,000")
                && zh.contains("落实中"),
            "{zh}"
        );
        let en = line(&m, Lang::En);
        assert!(en.contains("medical bills") && en.contains("2,000"), "{en}");
    }
}
