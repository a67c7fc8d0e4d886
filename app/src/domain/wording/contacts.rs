//! "Whom to call" advice for a household nobody has got back to: it never tells people to
//! phone a number that is not published, leads with what they can dial, and names first the
//! one the contact list puts first (whoever does the current step).
use crate::{
    domain::{lang::Lang, wording::progress::Who},
    tr,
};

/// Which of the household's contacts have a published phone number.
#[derive(Debug, Clone, Copy, Default)]
pub struct Dialable {
    pub responsible: bool,
    pub village: bool,
    pub township: bool,
}

/// What to do if nobody came by the promised date. `first` is whoever does the current step
/// (the list shows them on top when they can be dialled, and so does the advice).
pub fn nobody_came(first: Option<Who>, dial: Dialable, lang: Lang) -> &'static str {
    match first {
        Some(Who::Responsible) if dial.responsible => {
            tr::contacts::nobody_came_responsible_first(lang)
        }
        Some(Who::Township) if dial.township => tr::contacts::nobody_came_township_first(lang),
        _ => match (dial.village, dial.township) {
            (true, _) => tr::contacts::nobody_come_date_above(lang),
            (false, true) => tr::contacts::nobody_came_township_phone(lang),
            (false, false) => tr::contacts::nobody_came_hotline_only(lang),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dial(responsible: bool, village: bool, township: bool) -> Dialable {
        Dialable {
            responsible,
            village,
            township,
        }
    }

    #[test]
    fn the_advice_only_asks_to_phone_offices_whose_number_is_published() {
        // (village phone, township phone, says in Chinese, never says)
        let rows: &[(bool, bool, &str, &[&str])] = &[
            (true, true, "先找村委会（打电话或直接去）", &[]),
            (true, false, "先找村委会（打电话或直接去）", &[]),
            (false, true, "打乡镇电话", &["打电话或直接去", "村委会电话"]),
            (false, false, "拨打12317", &["乡镇电话", "打电话或直接去"]),
        ];
        for (village, township, says, never) in rows {
            let zh = nobody_came(
                Some(Who::Village),
                dial(false, *village, *township),
                Lang::Zh,
            );
            assert!(zh.contains(says), "{village} {township}: {zh}");
            for n in *never {
                assert!(!zh.contains(n), "{village} {township}: {zh}");
            }
            let en = nobody_came(None, dial(false, *village, *township), Lang::En);
            assert!(en.is_ascii() && en.contains("12317"), "{en}");
        }
        // With no office phone, the first thing said is the number that can be dialled.
        let en = nobody_came(None, dial(false, false, false), Lang::En);
        assert!(en.find("12317") < en.find("village"), "{en}");
    }

    /// The contact list puts whoever does the current step on top; the advice under it
    /// must not send the household to someone else first.
    #[test]
    fn the_advice_names_first_whoever_does_the_step_when_they_can_be_dialled() {
        let all = dial(true, true, true);
        let township = nobody_came(Some(Who::Township), all, Lang::Zh);
        assert!(township.contains("请先打乡镇电话"), "{township}");
        assert!(!township.contains("先找村委会"), "{township}");
        let responsible = nobody_came(Some(Who::Responsible), all, Lang::Zh);
        assert!(
            responsible.contains("请先打帮扶责任人的电话"),
            "{responsible}"
        );
        // Not dialable: the advice falls back to the offices that are.
        let no_phone = nobody_came(Some(Who::Township), dial(false, true, false), Lang::Zh);
        assert!(no_phone.contains("先找村委会"), "{no_phone}");
        let no_phone = nobody_came(Some(Who::Responsible), dial(false, false, true), Lang::Zh);
        assert!(no_phone.contains("打乡镇电话"), "{no_phone}");
        // The county's step: nobody on the list is the county, so the usual order stands.
        let county = nobody_came(Some(Who::County), all, Lang::Zh);
        assert!(county.contains("先找村委会"), "{county}");
        for who in [Who::Township, Who::Responsible] {
            let en = nobody_came(Some(who), all, Lang::En);
            assert!(en.is_ascii() && en.contains("12317"), "{en}");
        }
    }
}
