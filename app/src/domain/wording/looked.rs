//! 谁查看过我的信息, as the household reads it: repeats collapsed (one cadre's morning of work
//! made 15 identical lines), in the reader's language. Never a name: the account only groups.
use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::{audit::AuditAction, lang::Lang, role::Role};

/// One staff read of the household's filing (Beijing time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Look {
    pub at: NaiveDateTime,
    /// The account: used to tell people apart, never shown.
    pub actor: String,
    pub role: Role,
    /// The office's region name (Chinese data).
    pub office: String,
    pub action: AuditAction,
    pub reason: String,
    pub reason_text: String,
}

/// Repeats of the same read by the same person on the same day, as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookGroup {
    pub first: NaiveDateTime,
    pub last: NaiveDateTime,
    pub times: u32,
    pub look: Look,
}

impl LookGroup {
    fn day(&self) -> NaiveDate {
        self.first.date()
    }
}

/// Reads by one person within this long of their previous one are one sitting: a cadre's
/// reloads while working on the case count once, not thirty times.
const SITTING_MINUTES: i64 = 30;

/// Same person, role, office, kind of access and reason on the same day → one group, in the
/// order of each group's first read; `times` counts its sittings. `looks` come in time order.
pub fn collapse(looks: impl IntoIterator<Item = Look>) -> Vec<LookGroup> {
    let mut groups: Vec<LookGroup> = Vec::new();
    for look in looks {
        let same = groups.iter_mut().find(|g| {
            g.day() == look.at.date()
                && g.look.actor == look.actor
                && g.look.role == look.role
                && g.look.office == look.office
                && g.look.action == look.action
                && g.look.reason == look.reason
                && g.look.reason_text == look.reason_text
        });
        match same {
            Some(g) => {
                if look.at - g.last > chrono::Duration::minutes(SITTING_MINUTES) {
                    g.times += 1;
                }
                g.first = g.first.min(look.at);
                g.last = g.last.max(look.at);
            }
            None => groups.push(LookGroup {
                first: look.at,
                last: look.at,
                times: 1,
                look,
            }),
        }
    }
    groups
}

/// The day as the rest of the household's page writes it, then the time: "2026年3月2日 09:00"
/// / "2 Mar 2026 09:00", or for repeats "2026年3月2日 09:00–11:30".
pub fn when(group: &LookGroup, lang: Lang) -> String {
    let (first, last) = (group.first.format("%H:%M"), group.last.format("%H:%M"));
    let day = lang.date(group.day());
    if first.to_string() == last.to_string() {
        format!("{day} {first}")
    } else {
        format!("{day} {first}–{last}")
    }
}

/// The kind of access in the household's words, with the count when repeated: "查看您的申报
/// 3 次" / "Opened your report 3 times" (not the staff log's 查看案件: 案件 reads as trouble).
pub fn what(group: &LookGroup, lang: Lang) -> String {
    let action = group.look.action;
    let label = crate::tr::looked_words::what::lookup(lang, action.code())
        .unwrap_or_else(|| action.label(lang));
    match group.times {
        1 => label.to_owned(),
        n => crate::tr::looked_words::times(lang, label, n),
    }
}

pub fn role(group: &LookGroup, lang: Lang) -> &'static str {
    group.look.role.label(lang)
}

/// Why, in the reader's language (`looked_words`); the officer's own words for "other" come
/// back separately (Chinese data, marked as such by the page).
pub fn why(group: &LookGroup, lang: Lang) -> (String, Option<String>) {
    use crate::tr::looked_words as t;
    let look = &group.look;
    if look.reason == "other" && !look.reason_text.is_empty() {
        return (t::other(lang).to_owned(), Some(look.reason_text.clone()));
    }
    // A listed reason; "other" without words, or none, reads as what the action was for.
    let text = t::reason::lookup(lang, &look.reason)
        .or_else(|| t::default::lookup(lang, look.action.code()))
        .unwrap_or_default();
    (text.to_owned(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, day)
            .and_then(|d| d.and_hms_opt(h, m, 0))
            .expect("time")
    }

    fn look(at: NaiveDateTime, actor: &str, action: AuditAction) -> Look {
        Look {
            at,
            actor: actor.into(),
            role: Role::TownshipOfficer,
            office: "青石镇".into(),
            action,
            reason: String::new(),
            reason_text: String::new(),
        }
    }

    #[test]
    fn repeats_by_one_person_on_one_day_become_one_line_with_a_count() {
        let mut looks: Vec<Look> = (0..15)
            .map(|i| look(at(2, 9, i), "a", AuditAction::CaseOpened))
            .collect();
        looks.push(look(at(2, 10, 0), "a", AuditAction::IdRevealed));
        looks.push(look(at(2, 10, 5), "b", AuditAction::CaseOpened));
        // Back after lunch: a second sitting, its reloads within it not counted.
        looks.push(look(at(2, 13, 0), "a", AuditAction::CaseOpened));
        looks.push(look(at(2, 13, 25), "a", AuditAction::CaseOpened));
        looks.push(look(at(3, 9, 0), "a", AuditAction::CaseOpened));
        let groups = collapse(looks);
        let lines: Vec<(String, String, String)> = groups
            .iter()
            .map(|g| (when(g, Lang::Zh), what(g, Lang::Zh), what(g, Lang::En)))
            .collect();
        let want = [
            (
                "2026年3月2日 09:00–13:25",
                "查看您的申报 2 次",
                "Opened your report 2 times",
            ),
            (
                "2026年3月2日 10:00",
                "查看您的完整身份证号",
                "Saw your full ID number",
            ),
            ("2026年3月2日 10:05", "查看您的申报", "Opened your report"),
            ("2026年3月3日 09:00", "查看您的申报", "Opened your report"),
        ];
        assert_eq!(lines.len(), want.len(), "{lines:?}");
        for (line, (w, zh, en)) in lines.iter().zip(want) {
            assert_eq!(
                (line.0.as_str(), line.1.as_str(), line.2.as_str()),
                (w, zh, en)
            );
        }
    }

    #[test]
    fn different_reasons_stay_apart_and_read_in_english() {
        let mut revealed = look(at(2, 9, 0), "a", AuditAction::IdRevealed);
        revealed.reason = "home_check".into();
        let mut other = revealed.clone();
        other.reason = "other".into();
        other.reason_text = "核对户籍".into();
        let groups = collapse([revealed, other]);
        assert_eq!(groups.len(), 2);
        assert_eq!(when(&groups[0], Lang::En), "2 Mar 2026 09:00");
        let (en, note) = why(&groups[0], Lang::En);
        assert!(en.is_ascii() && note.is_none(), "{en}");
        assert_eq!(why(&groups[0], Lang::Zh).0, "入户核查核对身份");
        assert_eq!(
            why(&groups[1], Lang::En),
            ("Other".to_owned(), Some("核对户籍".to_owned()))
        );
        assert!(role(&groups[0], Lang::En).is_ascii());
    }

    /// What was done and the default reason never read alike: a hotline's check read
    /// 代为申报时核对是否重复 · 代为申报时核对是否重复 (regression tester).
    #[test]
    fn what_was_done_is_not_its_reason_again() {
        for action in AuditAction::ALL.iter().copied() {
            for lang in [Lang::Zh, Lang::En] {
                let what = crate::tr::looked_words::what::lookup(lang, action.code());
                let why = crate::tr::looked_words::default::lookup(lang, action.code());
                assert!(
                    what.is_none() || what != why,
                    "{action:?} {lang:?}: {what:?}"
                );
            }
        }
    }

    /// Every action with every reason code: the household reads in Chinese what the staff's
    /// Chinese audit export says (`reason_zh`), and each has English words.
    #[test]
    fn why_reads_the_same_from_the_locale_files() {
        for action in AuditAction::ALL.iter().copied() {
            for reason in [
                "home_check",
                "data_comparison",
                "assistance",
                "duplicate_check",
                "other",
                "",
                "unknown",
            ] {
                let mut look = look(at(2, 9, 0), "a", action);
                look.reason = reason.into();
                let group = LookGroup {
                    first: look.at,
                    last: look.at,
                    times: 1,
                    look,
                };
                let zh = super::super::audit::reason_zh(action, reason, "");
                assert_eq!(why(&group, Lang::Zh), (zh, None), "{action:?} {reason}");
                let (en, _) = why(&group, Lang::En);
                assert!(!en.is_empty() && en.is_ascii(), "{action:?} {reason}: {en}");
            }
        }
        let mut other = look(at(2, 9, 0), "a", AuditAction::IdRevealed);
        other.reason = "other".into();
        other.reason_text = "核对低保".into();
        let mut group = LookGroup {
            first: other.at,
            last: other.at,
            times: 1,
            look: other,
        };
        let typed = Some("核对低保".to_owned());
        assert_eq!(why(&group, Lang::Zh), ("其他".to_owned(), typed.clone()));
        assert_eq!(why(&group, Lang::En), ("Other".to_owned(), typed));
        group.look.reason = "home_check".into();
        assert_eq!(
            why(&group, Lang::En).0,
            "checking your identity at the home visit"
        );
        group.look.reason = String::new();
        group.look.action = AuditAction::OutcomesRead;
        assert_eq!(
            why(&group, Lang::En).0,
            "a department reading the outcome of its alerts"
        );
    }

    /// What and who read in Chinese as the labels the service stores (`label_zh`).
    #[test]
    fn what_and_role_read_as_before() {
        for action in AuditAction::ALL.iter().copied() {
            for role in [
                Role::VillageCadre,
                Role::TownshipOfficer,
                Role::DepartmentLiaison,
            ] {
                let mut look = look(at(2, 9, 0), "a", action);
                look.role = role;
                let mut group = LookGroup {
                    first: look.at,
                    last: look.at,
                    times: 1,
                    look,
                };
                let (zh, en) = (what(&group, Lang::Zh), what(&group, Lang::En));
                assert!(!zh.is_empty() && !en.is_empty(), "{action:?}");
                assert!(
                    !zh.contains("案件"),
                    "household words, not the staff log's: {zh}"
                );
                assert_eq!(role_of(&group).0, role.label_zh());
                group.times = 2;
                assert_eq!(what(&group, Lang::Zh), format!("{zh} 2 次"));
                assert_eq!(what(&group, Lang::En), format!("{en} 2 times"));
            }
        }
    }

    fn role_of(group: &LookGroup) -> (&'static str, &'static str) {
        (role(group, Lang::Zh), role(group, Lang::En))
    }
}
