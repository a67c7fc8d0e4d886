//! The lead departments the plan offers (`MeasureType`'s), glossed in the reader's language
//! after their Chinese name: an English page read "民政局" with nothing to say what it was
//! (household tester). A name typed otherwise has no gloss.
use crate::domain::lang::Lang;
use crate::tr::department_names as n;

/// A department's words in a language.
type Words = fn(Lang) -> &'static str;

const KNOWN: [(&str, Words); 12] = [
    ("农业农村局", n::agriculture),
    ("人社局", n::human_resources),
    ("民政局", n::civil_affairs),
    ("医保局", n::medical_insurance),
    ("教育局", n::education),
    ("住建局", n::housing),
    ("水利局", n::water),
    ("财政局", n::finance),
    ("农商行", n::rural_bank),
    ("商务局", n::commerce),
    ("工商联", n::industry_federation),
    ("乡村振兴局", n::rural_revitalization),
];

/// The department's name in `lang`, when it is one of the plan's and `lang` words it
/// otherwise than its Chinese name.
pub fn gloss(name: &str, lang: Lang) -> Option<&'static str> {
    let name = name.trim();
    KNOWN
        .iter()
        .find(|(zh, _)| *zh == name)
        .map(|(_, words)| words(lang))
        .filter(|words| *words != name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plans_departments_are_glossed_in_english_only() {
        assert_eq!(gloss("民政局", Lang::En), Some("Civil Affairs Bureau"));
        assert_eq!(gloss("民政局", Lang::Zh), None);
        assert_eq!(gloss("县民政局", Lang::En), None, "typed otherwise");
        for (zh, words) in KNOWN {
            assert_eq!(words(Lang::Zh), zh, "the Chinese text is the name itself");
            assert!(gloss(zh, Lang::En).is_some(), "{zh}");
        }
    }
}
