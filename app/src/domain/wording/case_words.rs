//! The case page's consent line and the county's category hint as phrases (texts under
//! `case_words` in locales/*.json). The service words them in Chinese from the same phrases.
use crate::domain::lang::Lang;
use crate::domain::money::Fen;
use crate::domain::vocab::Category;
use crate::tr;

use super::phrase::{Fill, Part, Phrase};

/// How the pledge and authorisation (承诺授权) was given: at the home check after a
/// department alert, ticked online by the applicant, or read aloud by the named officer.
pub fn consent_phrase(department_alert: bool, read_by: Option<String>) -> Phrase {
    match (read_by, department_alert) {
        (Some(by), _) => Phrase::new("read_aloud").arg("by", by),
        (None, true) => Phrase::new("department_alert"),
        (None, false) => Phrase::new("self_ticked"),
    }
}

pub fn consent_words(phrase: &Phrase, lang: Lang) -> Option<Vec<Part>> {
    use tr::case_words::consent as t;
    let mut a = Fill::new(phrase);
    let text = match phrase.code.as_str() {
        "department_alert" => t::department_alert(lang).to_owned(),
        "self_ticked" => t::self_ticked(lang).to_owned(),
        "read_aloud" => t::read_aloud(lang, a.data("by")?),
        _ => return None,
    };
    Some(a.finish(text))
}

/// Per-capita income against the line, and the category it suggests (None: above the line).
pub fn hint_phrase(income: Fen, net: Fen, line: Fen, suggested: Option<Category>) -> Phrase {
    let phrase = match suggested {
        Some(c) => Phrase::new("suggest").arg("category", c.code()),
        None => Phrase::new("above"),
    };
    phrase
        .arg("income", income)
        .arg("net", net)
        .arg("line", line)
}

pub fn hint_words(phrase: &Phrase, lang: Lang) -> Option<Vec<Part>> {
    use tr::case_words::hint as t;
    let a = Fill::new(phrase);
    let (income, net, line) = (a.raw("income")?, a.raw("net")?, a.raw("line")?);
    let text = match phrase.code.as_str() {
        "suggest" => {
            let category = a.word("category", Category::from_code, |c| c.label(lang))?;
            t::suggest(lang, income, net, line, category)
        }
        "above" => t::above(lang, income, net, line),
        _ => return None,
    };
    Some(a.finish(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wording::phrase::plain;

    #[test]
    fn the_consent_line_is_worded_with_the_officers_name_as_data() {
        let by = || Some("王坐席".to_owned());
        let cases = [
            (
                consent_phrase(true, None),
                "部门预警，入户核查时由农户签署承诺授权书",
            ),
            (consent_phrase(false, None), "申请人本人在线勾选"),
            (
                consent_phrase(false, by()),
                "由王坐席向申请人宣读并征得同意",
            ),
            (consent_phrase(true, by()), "由王坐席向申请人宣读并征得同意"),
        ];
        for (phrase, zh) in cases {
            let words = |lang| consent_words(&phrase, lang).expect("known");
            assert_eq!(plain(&words(Lang::Zh)), zh);
            let en = words(Lang::En);
            assert!(
                en.iter().all(
                    |p| matches!(p, Part::Data(_)) || plain(std::slice::from_ref(p)).is_ascii()
                ),
                "{en:?}"
            );
        }
        let read = consent_words(&consent_phrase(false, by()), Lang::En).expect("known");
        assert!(read.contains(&Part::Data("王坐席".into())), "{read:?}");
        assert_eq!(consent_words(&Phrase::new("by_pigeon"), Lang::En), None);
    }

    #[test]
    fn the_category_hint_reads_the_same_in_chinese_and_names_the_category_in_english() {
        let fen = Fen::from_fen;
        let suggest = hint_phrase(
            fen(500_000),
            fen(450_000),
            fen(730_000),
            Some(Category::Marginal),
        );
        let above = hint_phrase(fen(900_000), fen(800_000), fen(730_000), None);
        let zh = |p: &Phrase| plain(&hint_words(p, Lang::Zh).expect("known"));
        let en = |p: &Phrase| plain(&hint_words(p, Lang::En).expect("known"));
        assert_eq!(
            zh(&suggest),
            format!(
                "人均纯收入{}，扣除刚性支出后{}，监测标准{}：建议认定为边缘易致贫户",
                fen(500_000),
                fen(450_000),
                fen(730_000)
            )
        );
        assert_eq!(
            zh(&above),
            format!(
                "人均纯收入{}，扣除刚性支出后{}，均不低于监测标准{}：不符合三类监测对象条件",
                fen(900_000),
                fen(800_000),
                fen(730_000)
            )
        );
        assert!(
            en(&suggest).ends_with("Marginal, at risk of poverty"),
            "{}",
            en(&suggest)
        );
        for p in [&suggest, &above] {
            assert!(!en(p).contains(|c: char| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        }
        assert_eq!(hint_words(&Phrase::new("suggest"), Lang::En), None);
    }
}
