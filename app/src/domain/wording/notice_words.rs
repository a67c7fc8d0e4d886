//! A stored notification title (written in Chinese by `notices::deadline`) in the reader's
//! language: the title is one of three known patterns around the clock's name and the
//! tracking code, so it is recognised and worded again (texts under `inbox_words`).
use chrono::NaiveDate;

use crate::domain::clock::{ClockKind, Level, NoticeKind};
use crate::domain::lang::Lang;
use crate::tr;

use super::phrase::{recognise, Fill, Part, Phrase};

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
    let names =
        || std::iter::once(clock.label_zh()).chain(clock.former_labels_zh().iter().copied());
    patterns(kind).iter().find_map(|pattern| {
        let grouped =
            names().find_map(|name| tracking_in(stored, |mark| pattern(Lang::Zh, name, mark)))?;
        Some(pattern(lang, clock.label(lang), &grouped))
    })
}

/// A stored feedback title (`notices::alert_fed_back`) in `lang`, its tracking grouped.
pub fn fed_back_title(stored: &str, lang: Lang) -> Option<String> {
    titled(stored, lang, |l, t| tr::inbox_words::fed_back(l, t))
}

/// A stored return title (`notices::returned_by_township`) in `lang`, its tracking grouped.
pub fn returned_title(stored: &str, lang: Lang) -> Option<String> {
    titled(stored, lang, |l, t| tr::inbox_words::returned(l, t))
}

/// A stored title that `words` made in Chinese around a tracking number, made in `lang`.
fn titled(stored: &str, lang: Lang, words: impl Fn(Lang, &str) -> String) -> Option<String> {
    let grouped = tracking_in(stored, |mark| words(Lang::Zh, mark))?;
    Some(words(lang, &grouped))
}

/// The tracking number in `stored` when it is the Chinese title `zh` makes around a mark,
/// grouped as the queue and the household's SMS show it (it read 89J4FE9WYJ here beside
/// 89J4-FE9W-YJ in the queue: officer tester).
fn tracking_in(stored: &str, zh: impl Fn(&str) -> String) -> Option<String> {
    const MARK: &str = "\u{1}";
    let zh = zh(MARK);
    let (before, after) = zh.split_once(MARK)?;
    let tracking = stored.strip_prefix(before)?.strip_suffix(after)?;
    let plain = !tracking.is_empty()
        && tracking
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-');
    plain.then(|| crate::domain::tracking::TrackingNumber::shown_back(tracking))
}

/// A stored body (written in Chinese by `notices::deadline`) as a key of `inbox_body` and
/// its arguments, when it is one of the sweep's; None for any other text.
pub fn body_phrase(stored: &str, kind: NoticeKind, clock: ClockKind) -> Option<Phrase> {
    use tr::inbox_body as t;
    let zh = Lang::Zh;
    let candidates: &[(&str, &[&str])] = match kind {
        NoticeKind::DueSoon => &[("due_soon", &["village", "tracking", "step", "due_on"])],
        NoticeKind::Overdue => &[
            ("overdue", &["village", "tracking", "step", "due_on"]),
            (
                "supervise",
                &["village", "tracking", "step", "owner", "due_on"],
            ),
        ],
    };
    candidates.iter().find_map(|(code, names)| {
        let found = recognise(stored, names, |a| match *code {
            "due_soon" => t::due_soon(zh, &a[0], &a[1], &a[2], &a[3]),
            "overdue" => t::overdue(zh, &a[0], &a[1], &a[2], &a[3]),
            _ => t::supervise(zh, &a[0], &a[1], &a[2], &a[3], &a[4]),
        })?;
        let step = found.get("step").map(String::as_str)?;
        if step != clock.label_zh() && !clock.former_labels_zh().contains(&step) {
            return None;
        }
        let mut phrase = Phrase::new(code);
        for (name, value) in found {
            let value = match name.as_str() {
                "step" => clock.code().to_owned(),
                // Written as Chinese words (2026年12月3日); carried as 2026-12-03.
                "due_on" => NaiveDate::parse_from_str(&value, "%Y年%m月%d日")
                    .or_else(|_| NaiveDate::parse_from_str(&value, "%Y-%m-%d"))
                    .ok()?
                    .to_string(),
                "owner" => Level::ALL
                    .into_iter()
                    .find(|l| t::owner::lookup(zh, l.code()) == Some(value.as_str()))?
                    .code()
                    .to_owned(),
                _ => value,
            };
            phrase = phrase.arg(&name, value);
        }
        Some(phrase)
    })
}

/// A body phrase in `lang`, the village name as data; None for a phrase this build cannot word.
pub fn body_words(phrase: &Phrase, lang: Lang) -> Option<Vec<Part>> {
    use tr::inbox_body as t;
    let mut a = Fill::new(phrase);
    let village = a.data("village")?;
    let tracking = &crate::domain::tracking::TrackingNumber::shown_back(a.raw("tracking")?);
    let due_on = lang.date(a.raw("due_on")?.parse().ok()?);
    let step = a.word("step", ClockKind::from_code, |k| k.label(lang))?;
    let text = match phrase.code.as_str() {
        "due_soon" => t::due_soon(lang, village, tracking, step, due_on),
        "overdue" => t::overdue(lang, village, tracking, step, due_on),
        "supervise" => {
            let owner = a.word("owner", Level::from_code, |l| {
                t::owner::lookup(lang, l.code()).unwrap_or(l.code())
            })?;
            t::supervise(lang, village, tracking, step, owner, due_on)
        }
        _ => return None,
    };
    Some(a.finish(text))
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

    /// A real tracking number reads grouped, as in the queue (officer tester).
    #[test]
    fn a_tracking_number_reads_grouped_as_in_the_queue() {
        let number = crate::domain::tracking::TrackingNumber::from_random([7; 16]);
        let (plain, grouped) = (number.as_str(), number.grouped());
        let clock = ClockKind::HomeCheck;
        let (stored, body) = deadline(
            plain,
            clock,
            Level::Village,
            NoticeKind::Overdue,
            false,
            "青石村",
            "2026-11-30",
        );
        let shown = title(&stored, NoticeKind::Overdue, clock, Lang::Zh).expect("known");
        assert!(shown.contains(&grouped), "{shown}");
        let phrase = body_phrase(&body, NoticeKind::Overdue, clock).expect("known");
        let words = super::super::phrase::plain(&body_words(&phrase, Lang::Zh).expect("worded"));
        assert!(words.contains(&grouped), "{words}");
    }

    /// Notifications stored while the refusal notice was called 不予纳入告知 read with its
    /// name of today, in both languages.
    #[test]
    fn a_title_and_body_stored_under_a_clock_s_former_name_read_with_today_s() {
        let clock = ClockKind::RefusalNotice;
        let (title_now, body_now) = deadline(
            "FP7K2M",
            clock,
            Level::Township,
            NoticeKind::Overdue,
            false,
            "青石村",
            "2026年12月3日",
        );
        let (title_then, body_then) = (
            title_now.replace(clock.label_zh(), "不予纳入告知"),
            body_now.replace(clock.label_zh(), "不予纳入告知"),
        );
        assert_ne!(title_then, title_now, "the name is in the title");
        assert_ne!(body_then, body_now, "and in the body");
        assert_eq!(
            title(&title_then, NoticeKind::Overdue, clock, Lang::Zh).as_deref(),
            Some(title_now.as_str())
        );
        let en = title(&title_then, NoticeKind::Overdue, clock, Lang::En).expect("known");
        assert!(en.contains("Tell the household"), "{en}");
        let phrase = body_phrase(&body_then, NoticeKind::Overdue, clock).expect("known");
        let zh = super::super::phrase::plain(&body_words(&phrase, Lang::Zh).expect("worded"));
        assert_eq!(zh, body_now);
        assert_eq!(
            body_phrase(&body_then, NoticeKind::Overdue, ClockKind::HomeCheck),
            None,
            "another clock's name is not taken for it"
        );
    }

    #[test]
    fn every_body_the_sweep_writes_is_worded_again_with_the_village_as_data() {
        use crate::domain::wording::phrase::plain;
        let kinds = [
            (NoticeKind::DueSoon, false),
            (NoticeKind::Overdue, false),
            (NoticeKind::Overdue, true),
        ];
        // The sweep writes the date in Chinese words.
        let due_on =
            crate::domain::time::date_zh(NaiveDate::from_ymd_opt(2026, 12, 3).expect("a day"));
        for clock in ClockKind::ALL {
            for owner in Level::ALL {
                for (kind, supervisor) in kinds {
                    let (_, stored) =
                        deadline("FP7K2M", clock, owner, kind, supervisor, "青石村", &due_on);
                    let phrase = body_phrase(&stored, kind, clock).expect("recognised");
                    let zh = body_words(&phrase, Lang::Zh).expect("worded");
                    assert_eq!(plain(&zh), stored);
                    let en = body_words(&phrase, Lang::En).expect("worded");
                    assert!(en.contains(&Part::Data("青石村".into())), "{en:?}");
                    for part in &en {
                        if let Part::Words(words) = part {
                            assert!(words.is_ascii(), "{words}");
                        }
                    }
                    assert!(plain(&en).contains("FP7K2M") && plain(&en).contains("3 Dec 2026"));
                }
            }
        }
        let clock = ClockKind::ALL[0];
        let (_, stored) = deadline(
            "FP7K2M",
            clock,
            Level::Township,
            NoticeKind::DueSoon,
            false,
            "青石村",
            "2026-11-30",
        );
        assert_eq!(
            body_phrase(&stored, NoticeKind::DueSoon, ClockKind::ALL[1]),
            None
        );
        assert_eq!(
            body_phrase("县里来的通知", NoticeKind::DueSoon, clock),
            None
        );
        assert_eq!(body_words(&Phrase::new("a_new_notice"), Lang::En), None);
    }

    #[test]
    fn a_feedback_title_is_worded_in_the_readers_language_and_nothing_else_is() {
        let (stored, _) =
            crate::domain::wording::notices::alert_fed_back("89J4FE9WYJ", None, "已认定");
        assert_eq!(
            fed_back_title(&stored, Lang::En).as_deref(),
            Some("Alert outcome fed back (89J4-FE9W-YJ)")
        );
        assert_eq!(
            fed_back_title(&stored, Lang::Zh).as_deref(),
            Some("预警结果反馈（89J4-FE9W-YJ）")
        );
        assert_eq!(fed_back_title("县里来的通知", Lang::En), None);
    }
}
