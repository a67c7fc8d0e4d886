//! "Whom to call": the order of the household's contacts and the advice under them. Numbers
//! that can be dialled come first, then whoever does the current step; the advice names first
//! whoever the list has on top, so the two never disagree, and it never asks anyone to phone
//! a number that is not published.
use crate::{
    domain::{lang::Lang, wording::progress::Who},
    tr,
};

/// Where a contact goes in the list (lower first; a stable sort keeps the given order
/// otherwise). `who` is `None` for the 12317 hotline; `step` is whoever does the current step.
pub fn rank(who: Option<Who>, dialable: bool, step: Option<Who>) -> (bool, bool) {
    (!dialable, step.is_none() || who != step)
}

/// What to do if nobody came by the promised date, given whoever the list has on top (`None`:
/// the 12317 hotline, on top only when no other number is published). `dated`: the page
/// shows the step's date; a paused step shows none, and "上面写的日期" pointed at nothing
/// (household tester).
pub fn nobody_came(top: Option<Who>, dated: bool, lang: Lang) -> String {
    let lead = if dated {
        tr::contacts::lead_dated(lang)
    } else {
        tr::contacts::lead_undated(lang)
    };
    match top {
        Some(Who::Responsible) => tr::contacts::nobody_came_responsible_first(lang, lead),
        Some(Who::Township) => tr::contacts::nobody_came_township_first(lang, lead),
        Some(Who::Village) => tr::contacts::nobody_come_date_above(lang, lead),
        Some(Who::County) | None => tr::contacts::nobody_came_hotline_only(lang, lead),
    }
}

/// A label as it starts a line of the list: "the person responsible…" began an English line
/// in lower case (household tester). Chinese is unchanged.
pub fn line_start(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_starts_with_a_capital_in_english_and_chinese_is_unchanged() {
        assert_eq!(
            line_start(Who::Responsible.label(Lang::En)),
            "The person responsible for helping you"
        );
        assert_eq!(line_start(Who::Responsible.label(Lang::Zh)), "帮扶责任人");
        assert_eq!(line_start(""), "");
    }

    /// The household's list as the page builds it: the responsible person (once named), the
    /// village, the township, the hotline, each with whether its number is published.
    fn top(phones: [bool; 3], step: Option<Who>) -> Option<Who> {
        let mut list = [
            (Some(Who::Responsible), phones[0]),
            (Some(Who::Village), phones[1]),
            (Some(Who::Township), phones[2]),
            (None, true),
        ];
        list.sort_by_key(|(who, dialable)| rank(*who, *dialable, step));
        list[0].0
    }

    #[test]
    fn the_advice_only_asks_to_phone_offices_whose_number_is_published() {
        // (village phone, township phone, says in Chinese, never says); no responsible person.
        let rows: &[(bool, bool, &str, &[&str])] = &[
            (true, true, "先找村委会（打电话或直接去）", &[]),
            (true, false, "先找村委会（打电话或直接去）", &[]),
            (false, true, "打乡镇电话", &["打电话或直接去", "村委会电话"]),
            (false, false, "拨打12317", &["乡镇电话", "打电话或直接去"]),
        ];
        for (village, township, says, never) in rows {
            let first = top([false, *village, *township], Some(Who::Village));
            let zh = nobody_came(first, true, Lang::Zh);
            assert!(zh.contains(says), "{village} {township}: {zh}");
            for n in *never {
                assert!(!zh.contains(n), "{village} {township}: {zh}");
            }
            let en = nobody_came(first, true, Lang::En);
            assert!(en.is_ascii() && en.contains("12317"), "{en}");
        }
        // With no office phone, the first thing said is the number that can be dialled.
        let en = nobody_came(top([false, false, false], None), true, Lang::En);
        assert!(en.find("12317") < en.find("village"), "{en}");
    }

    /// The list puts whoever does the current step on top when they can be dialled; the
    /// advice under it follows the list, whatever the step.
    #[test]
    fn the_advice_names_first_whoever_the_list_has_on_top() {
        let all = [true, true, true];
        assert_eq!(top(all, Some(Who::Township)), Some(Who::Township));
        let township = nobody_came(top(all, Some(Who::Township)), true, Lang::Zh);
        assert!(township.contains("请先打乡镇电话"), "{township}");
        assert!(!township.contains("先找村委会"), "{township}");
        let village = nobody_came(top(all, Some(Who::Village)), true, Lang::Zh);
        assert!(village.contains("先找村委会"), "{village}");
        // The county's step: nobody on the list is the county, so the list keeps its order
        // (the responsible person first, once named), and so does the advice.
        let county = top(all, Some(Who::County));
        assert_eq!(county, Some(Who::Responsible));
        assert!(nobody_came(county, true, Lang::Zh).contains("请先打帮扶责任人的电话"));
        assert_eq!(
            top([false, true, true], Some(Who::County)),
            Some(Who::Village)
        );
        // Not dialable: whoever does the step goes below the numbers that can be dialled.
        assert_eq!(
            top([true, true, false], Some(Who::Township)),
            Some(Who::Responsible)
        );
        assert_eq!(
            top([false, true, false], Some(Who::Township)),
            Some(Who::Village)
        );
        for who in [Who::Township, Who::Responsible, Who::Village] {
            let en = nobody_came(Some(who), true, Lang::En);
            assert!(en.is_ascii() && en.contains("12317"), "{en}");
        }
    }

    /// A paused step shows no date: the advice points at none (household tester).
    #[test]
    fn without_a_date_the_advice_points_at_none() {
        for lang in [Lang::Zh, Lang::En] {
            let dated = nobody_came(Some(Who::Village), true, lang);
            let undated = nobody_came(Some(Who::Village), false, lang);
            assert!(dated.contains(tr::contacts::lead_dated(lang)), "{dated}");
            assert!(
                undated.starts_with(tr::contacts::lead_undated(lang)),
                "{undated}"
            );
            assert!(
                !undated.contains("上面写的日期") && !undated.contains("date above"),
                "{undated}"
            );
        }
    }
}
