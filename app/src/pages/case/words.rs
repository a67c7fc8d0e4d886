//! The case view carries some vocabulary as Chinese words (`*_zh` fields). Where a word is one
//! of the domain's vocabularies it is shown in the reader's language; anything else (free text,
//! stored wording) stays as it is, marked `lang="zh-CN"` so the English page is honest.
use leptos::prelude::*;

use crate::{
    domain::{
        case::form::{GUARANTEE_ITEMS, MEASURE_STATUS_ITEMS},
        case::household::{MemberStatus, Relation},
        clock::{ClockKind, Level},
        lang::Lang,
        vocab::{Category, Channel, LabourCapacity, MeasureType, RiskTier, RiskType},
    },
    tr::{self, case_items as items},
    wire::{cases::ClockView, FieldError},
};

/// The vocabularies a `*_zh` word of the case view can come from.
#[derive(Clone, Copy)]
pub enum Vocab {
    Risk,
    Channel,
    Category,
    Tier,
    Relation,
    Labour,
    MemberStatus,
    Measure,
    MeasureStatus,
    Guarantee,
    /// A case state's name (`tr::state`, the same words as `labels::state_code_zh`).
    State,
}

/// The state codes whose names `tr::state` holds: every state, and the queue's 办理中.
fn state_codes() -> impl Iterator<Item = &'static str> {
    crate::domain::case::state::STATE_CODES
        .into_iter()
        .chain(["in_progress"])
}

fn find<T: Copy>(
    all: &[T],
    zh_of: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
    zh: &str,
    lang: Lang,
) -> Option<&'static str> {
    all.iter()
        .find(|v| zh_of(**v) == zh)
        .map(|v| label(*v, lang))
}

/// `zh` in `lang` when it is the Chinese text of one of `codes` under a `case_items` module.
fn item(
    codes: &[&str],
    words: fn(Lang, &str) -> Option<&'static str>,
    zh: &str,
    lang: Lang,
) -> Option<&'static str> {
    codes
        .iter()
        .find(|code| words(Lang::Zh, code) == Some(zh))
        .and_then(|code| words(lang, code))
}

/// `zh` in `lang` when it is a word of `vocab`.
pub fn known(vocab: Vocab, zh: &str, lang: Lang) -> Option<&'static str> {
    match vocab {
        Vocab::Risk => find(RiskType::ALL, RiskType::label_zh, RiskType::label, zh, lang),
        Vocab::Channel => find(Channel::ALL, Channel::label_zh, Channel::label, zh, lang),
        Vocab::Category => find(Category::ALL, Category::label_zh, Category::label, zh, lang),
        Vocab::Tier => find(RiskTier::ALL, RiskTier::label_zh, RiskTier::label, zh, lang),
        Vocab::Relation => find(Relation::ALL, Relation::label_zh, Relation::label, zh, lang),
        Vocab::Labour => find(
            LabourCapacity::ALL,
            LabourCapacity::label_zh,
            LabourCapacity::label,
            zh,
            lang,
        ),
        Vocab::MemberStatus => find(
            MemberStatus::ALL,
            MemberStatus::label_zh,
            MemberStatus::label,
            zh,
            lang,
        ),
        Vocab::Measure => find(
            MeasureType::ALL,
            MeasureType::label_zh,
            MeasureType::label,
            zh,
            lang,
        ),
        Vocab::MeasureStatus => item(
            &MEASURE_STATUS_ITEMS,
            items::measure_status::lookup,
            zh,
            lang,
        ),
        // The case view's short 三保障 names (义务教育, not 义务教育有保障) too, so
        // "Compulsory education: at risk" does not contradict itself.
        Vocab::Guarantee => item(&GUARANTEE_ITEMS, items::guarantee::lookup, zh, lang)
            .or_else(|| item(&GUARANTEE_ITEMS, items::guarantee_short::lookup, zh, lang)),
        Vocab::State => state_codes()
            .find(|code| tr::state::lookup(Lang::Zh, code) == Some(zh))
            .and_then(|code| tr::state::lookup(lang, code)),
    }
}

/// The word in `lang` if known, else as given inside `<span lang="zh-CN">`.
pub fn word(vocab: Vocab, zh: &str, lang: Lang) -> AnyView {
    match known(vocab, zh, lang) {
        Some(text) => text.into_any(),
        None => zh_text(zh.to_owned()),
    }
}

/// Text that is Chinese by nature (names, places, stored wording).
pub fn zh_text(text: String) -> AnyView {
    view! { <span lang="zh-CN">{text}</span> }.into_any()
}

/// A clock's kind, owner and time left, each in the reader's language from its code, or the
/// Chinese words (marked) when a view lacks the code.
pub struct ClockWords {
    pub kind: AnyView,
    pub owner: AnyView,
    pub time_left: AnyView,
}

pub fn clock_words(c: &ClockView, lang: Lang) -> ClockWords {
    ClockWords {
        kind: ClockKind::from_code(&c.kind)
            .map_or_else(|| zh_text(c.kind_zh.clone()), |k| k.label(lang).into_any()),
        owner: Level::from_code(&c.owner)
            .map_or_else(|| zh_text(c.owner_zh.clone()), |l| l.label(lang).into_any()),
        time_left: c.time_left.map_or_else(
            || zh_text(c.time_left_zh.clone()),
            |left| left.words(lang).into_any(),
        ),
    }
}

/// A field or refusal message in the reader's language.
pub fn message(error: &FieldError, lang: Lang) -> String {
    error.words(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_name_is_the_one_the_services_send() {
        use crate::domain::wording::labels::state_code_zh;
        for code in state_codes().filter(|c| *c != "in_progress") {
            assert_eq!(
                tr::state::lookup(Lang::Zh, code),
                Some(state_code_zh(code)),
                "{code}"
            );
        }
    }

    #[test]
    fn vocabulary_words_are_translated_and_other_words_are_not() {
        let cases = [
            (Vocab::Risk, "因病", Lang::En, Some("Illness")),
            (Vocab::Risk, "因病", Lang::Zh, Some("因病")),
            (Vocab::Guarantee, "不愁吃", Lang::En, Some("Enough food")),
            (
                Vocab::Guarantee,
                "义务教育",
                Lang::En,
                Some("Compulsory education"),
            ),
            (
                Vocab::Guarantee,
                "饮水安全",
                Lang::En,
                Some("Safe drinking water"),
            ),
            (Vocab::Guarantee, "饮水安全", Lang::Zh, Some("饮水安全")),
            (Vocab::MeasureStatus, "已落实", Lang::En, Some("Delivered")),
            (Vocab::Relation, "户主", Lang::En, Some("Head of household")),
            (Vocab::Risk, "村里说的", Lang::En, None),
            (
                Vocab::State,
                "待乡镇受理",
                Lang::En,
                Some("Waiting for the township to accept"),
            ),
            (
                Vocab::State,
                "风险消除：公示中",
                Lang::Zh,
                Some("风险消除：公示中"),
            ),
        ];
        for (vocab, zh, lang, want) in cases {
            assert_eq!(known(vocab, zh, lang), want, "{zh} in {lang:?}");
        }
    }

    /// The Chinese page keeps the words the service sends (`label_zh`): the files agree.
    #[test]
    fn step_and_clock_names_in_chinese_are_the_services_words() {
        use crate::domain::{case::CommandKind, clock::ClockKind};
        for kind in CommandKind::ALL {
            assert_eq!(kind.label(Lang::Zh), kind.label_zh(), "{kind:?}");
        }
        for kind in ClockKind::ALL {
            assert_eq!(kind.label(Lang::Zh), kind.label_zh(), "{kind:?}");
        }
        for relation in Relation::ALL {
            assert_eq!(relation.label(Lang::Zh), relation.label_zh());
        }
        for category in Category::ALL {
            assert_eq!(category.label(Lang::Zh), category.label_zh());
        }
    }
}
