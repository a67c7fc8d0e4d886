//! Words of the audit log in the reader's language (texts under `audit_words` in
//! locales/*.json). The Chinese is the same as `audit::{reason_zh, verification_zh}` and the
//! `label_zh`s, which the CSV export keeps; a test holds them equal.
use crate::domain::audit::{AuditAction, BrokenLink, Outcome};
use crate::domain::lang::Lang;
use crate::domain::wording::audit::REVEAL_REASONS;
use crate::tr;

impl AuditAction {
    pub fn label(self, lang: Lang) -> &'static str {
        tr::audit_words::action::lookup(lang, self.code()).unwrap_or(self.code())
    }
}

impl Outcome {
    /// 已查看 for a read that was allowed, 已完成 for an allowed change: an administrator's
    /// new account or changed phone number read "已查看" (tester).
    pub fn label(self, action: Option<AuditAction>, lang: Lang) -> &'static str {
        let key = match self {
            Outcome::Allowed if action.is_some_and(|a| !a.is_read()) => "done",
            other => other.code(),
        };
        tr::audit_words::outcome::lookup(lang, key).unwrap_or(key)
    }

    /// The stored outcome code as shown: anything but "refused" reads as allowed.
    pub fn of_code(code: &str) -> Outcome {
        if code == Outcome::Refused.code() {
            Outcome::Refused
        } else {
            Outcome::Allowed
        }
    }
}

/// Why, in `lang`: the reason's words, then the officer's own words for "other" (Chinese
/// data, for the page to mark as such) after them.
pub fn reason(action: AuditAction, code: &str, text: &str, lang: Lang) -> (String, Option<String>) {
    if REVEAL_REASONS
        .iter()
        .any(|(c, _)| *c == code && *c != "other")
    {
        let label = tr::case_page::reveal_reasons::lookup(lang, code).unwrap_or(code);
        return (label.to_owned(), None);
    }
    if code == "other" && !text.is_empty() {
        return (
            tr::audit_words::reason_other(lang).to_owned(),
            Some(text.to_owned()),
        );
    }
    let label = tr::audit_words::default_reason::lookup(lang, action.code()).unwrap_or("");
    (label.to_owned(), None)
}

impl BrokenLink {
    pub fn describe(&self, lang: Lang) -> String {
        match *self {
            BrokenLink::ContentChanged { seq } => tr::audit_words::content_changed(lang, seq),
            BrokenLink::PrevMismatch { seq } => tr::audit_words::prev_mismatch(lang, seq),
            BrokenLink::Gap { after, found } => tr::audit_words::gap(lang, after, found),
            BrokenLink::HeadMismatch { head_seq, last_seq } => {
                tr::audit_words::head_mismatch(lang, head_seq, last_seq)
            }
        }
    }
}

/// The admin page's line about the chain, in `lang`.
pub fn verification(rows_checked: i64, first_broken: Option<&BrokenLink>, lang: Lang) -> String {
    match first_broken {
        None => tr::audit_words::verified(lang, rows_checked),
        Some(link) => tr::audit_words::failed(lang, link.describe(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wording::audit::{reason_zh, verification_zh};

    fn joined((label, note): (String, Option<String>)) -> String {
        label + &note.unwrap_or_default()
    }

    #[test]
    fn the_chinese_is_the_same_as_the_csvs_and_english_has_no_chinese() {
        let codes = [
            ("home_check", ""),
            ("data_comparison", ""),
            ("assistance", ""),
            ("duplicate_check", ""),
            ("other", "信访核实"),
            ("other", ""),
            ("", ""),
        ];
        let chinese = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for action in AuditAction::ALL {
            assert_eq!(action.label(Lang::Zh), action.label_zh());
            for (code, text) in codes {
                let zh = joined(reason(*action, code, text, Lang::Zh));
                assert_eq!(zh, reason_zh(*action, code, text), "{action:?} {code}");
                let (en, note) = reason(*action, code, text, Lang::En);
                assert!(!en.is_empty() && !chinese(&en), "{action:?} {code}: {en}");
                assert_eq!(note.is_some(), code == "other" && !text.is_empty());
            }
        }
        for outcome in [Outcome::Allowed, Outcome::Refused] {
            for action in [
                None,
                Some(AuditAction::IdRevealed),
                Some(AuditAction::PolicyChanged),
            ] {
                assert_eq!(outcome.label(action, Lang::Zh), outcome.label_zh(action));
                assert!(!chinese(outcome.label(action, Lang::En)));
            }
            assert_eq!(Outcome::of_code(outcome.code()), outcome);
        }
        let viewed = Outcome::Allowed.label_zh(Some(AuditAction::MobileRevealed));
        assert_eq!(viewed, "已查看");
        for change in [AuditAction::AccountCreated, AuditAction::CalendarChanged] {
            assert_eq!(
                Outcome::Allowed.label_zh(Some(change)),
                "已完成",
                "{change:?}"
            );
        }
        let links = [
            None,
            Some(BrokenLink::ContentChanged { seq: 3 }),
            Some(BrokenLink::PrevMismatch { seq: 4 }),
            Some(BrokenLink::Gap { after: 5, found: 8 }),
            Some(BrokenLink::HeadMismatch {
                head_seq: 9,
                last_seq: 7,
            }),
        ];
        for link in &links {
            assert_eq!(
                verification(12, link.as_ref(), Lang::Zh),
                verification_zh(12, link.as_ref())
            );
            let en = verification(12, link.as_ref(), Lang::En);
            assert!(!chinese(&en), "{en}");
        }
        assert_eq!(
            verification(12, None, Lang::En),
            "The audit log is intact: 12 rows, the hash chain checks out"
        );
    }
}
