//! A stored notification title (written in Chinese by `notices::deadline`) in the reader's
//! language: the title is one of three known patterns around the clock's name and the
//! tracking code, so it is recognised and worded again (texts under `inbox_words`).
use crate::domain::clock::{ClockKind, NoticeKind};
use crate::domain::lang::Lang;
use crate::tr;

type Pattern = fn(Lang, &'static str, &str) -> String;

fn patterns(kind: NoticeKind) -> &'static [Pattern] {
    match kind {
        NoticeKind::DueSoon => &[|l, s, t| tr::inbox_words::due_soon(l, s, t)],
        NoticeKind::Overdue => &[
            |l, s, t| tr::inbox_words::overdue(l, s, t),
            |l, s, t| tr::inbox_words::supervise(l, s, t),
        ],
    }
}

/// The title in `lang` when `stored` is a known title of this kind and clock; else None
/// (the page then shows the stored words, marked Chinese).
pub fn title(stored: &str, kind: NoticeKind, clock: ClockKind, lang: Lang) -> Option<String> {
    const MARK: &str = "\u{1}";
    patterns(kind).iter().find_map(|pattern| {
        let zh = pattern(Lang::Zh, clock.label_zh(), MARK);
        let (before, after) = zh.split_once(MARK)?;
        let tracking = stored.strip_prefix(before)?.strip_suffix(after)?;
        let plain = !tracking.is_empty()
            && tracking
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        plain.then(|| pattern(lang, clock.label(lang), tracking))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::Level;
    use crate::domain::wording::notices::deadline;

    #[test]
    fn every_title_the_sweep_writes_is_worded_again_and_others_are_not() {
        let kinds = [
            (NoticeKind::DueSoon, false),
            (NoticeKind::Overdue, false),
            (NoticeKind::Overdue, true),
        ];
        for clock in ClockKind::ALL {
            for (kind, supervisor) in kinds {
                let (stored, _) = deadline(
                    "FP7K2M",
                    clock,
                    Level::Township,
                    kind,
                    supervisor,
                    "青石村",
                    "2026-11-30",
                );
                assert_eq!(
                    title(&stored, kind, clock, Lang::Zh).as_deref(),
                    Some(stored.as_str())
                );
                let en = title(&stored, kind, clock, Lang::En).expect("known");
                assert!(en.contains("FP7K2M") && en.is_ascii(), "{en}");
            }
        }
        let clock = ClockKind::ALL[0];
        let (stored, _) = deadline(
            "FP7K2M",
            clock,
            Level::Township,
            NoticeKind::DueSoon,
            false,
            "青石村",
            "2026-11-30",
        );
        assert_eq!(title(&stored, NoticeKind::Overdue, clock, Lang::En), None);
        assert_eq!(
            title("县里来的通知", NoticeKind::DueSoon, clock, Lang::En),
            None
        );
    }
}
