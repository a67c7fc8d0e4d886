//! "Whom to call" advice for a household nobody has visited: it never tells people to phone a
//! number that is not published, and leads with what they can dial.
use crate::{domain::lang::Lang, tr};

/// What to do if nobody came by the promised date, given which office phones are published.
pub fn nobody_came(village_phone: bool, township_phone: bool, lang: Lang) -> &'static str {
    match (village_phone, township_phone) {
        (true, _) => tr::contacts::nobody_come_date_above(lang),
        (false, true) => tr::contacts::nobody_came_township_phone(lang),
        (false, false) => tr::contacts::nobody_came_hotline_only(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let zh = nobody_came(*village, *township, Lang::Zh);
            assert!(zh.contains(says), "{village} {township}: {zh}");
            for n in *never {
                assert!(!zh.contains(n), "{village} {township}: {zh}");
            }
            let en = nobody_came(*village, *township, Lang::En);
            assert!(en.is_ascii() && en.contains("12317"), "{en}");
        }
        // With no office phone, the first thing said is the number that can be dialled.
        let en = nobody_came(false, false, Lang::En);
        assert!(en.find("12317") < en.find("village"), "{en}");
    }
}
