//! Labels of the domain's vocabularies in any language, read from the translation files
//! (`locales/*.json`, through the generated `tr` module) by their stable codes.
use crate::{
    domain::{
        case::screening::NegativeItem,
        case::{
            household::{MemberStatus, Relation},
            reversal::RemovalKind,
            Case, CommandKind,
        },
        clock::{ClockKind, Level, TimeLeft},
        department_key::AlertStatus,
        lang::Lang,
        role::Role,
        vocab::{Category, Channel, LabourCapacity, MeasureType, RiskTier, RiskType},
    },
    tr,
};

/// `label(lang)` for vocabularies whose texts live under one module of the files, by code.
macro_rules! labelled {
    ($($ty:ty => $($module:ident)::+;)+) => {
        $(impl $ty {
            /// The label in `lang` (the code itself if a file lacks it; a test forbids that).
            pub fn label(self, lang: Lang) -> &'static str {
                tr::$($module)::+::lookup(lang, self.code()).unwrap_or(self.code())
            }
        })+
    };
}

labelled! {
    RiskType => vocab::risk_type;
    Category => vocab::category;
    Channel => vocab::channel;
    RiskTier => vocab::risk_tier;
    LabourCapacity => vocab::labour_capacity;
    MeasureType => vocab::measure_type;
    RemovalKind => vocab::removal_kind;
    Relation => vocab::relation;
    MemberStatus => vocab::member_status;
    ClockKind => clock;
    CommandKind => command;
    Role => role;
    NegativeItem => timeline_words::hit;
    Level => level_words;
    AlertStatus => alert_status;
}

/// A case state's name by its stable code ("办理中" / "In progress" for one we do not know).
pub fn state(code: &str, lang: Lang) -> &'static str {
    tr::state::lookup(lang, code).unwrap_or_else(|| tr::state::in_progress(lang))
}

/// What staff should notice about a case before anything else.
pub fn warnings(case: &Case, lang: Lang) -> Vec<&'static str> {
    let mut warnings = Vec::new();
    if case.duplicate_unresolved() {
        warnings.push(tr::warning::duplicate(lang));
    }
    if !case.negative_hits().is_empty() {
        warnings.push(tr::warning::negative_hit(lang));
    }
    warnings
}

impl TimeLeft {
    /// "还剩3个工作日" / "3 working days left", "逾期办结" / "Concluded late"...
    pub fn words(self, lang: Lang) -> String {
        use tr::time_left as t;
        let days = |one: fn(Lang) -> &'static str, many: fn(Lang, i64) -> String, n: i64| {
            if n.unsigned_abs() == 1 {
                one(lang).to_owned()
            } else {
                many(lang, n.abs())
            }
        };
        match self {
            TimeLeft::WorkingDaysLeft { days: n } => {
                days(t::one_working_day_left, t::working_days_left, n)
            }
            TimeLeft::DueToday => t::due_today(lang).to_owned(),
            TimeLeft::LastWorkingDay => t::last_working_day(lang).to_owned(),
            TimeLeft::WorkingDaysOverdue { days: n } => {
                days(t::one_working_day_overdue, t::working_days_overdue, n)
            }
            TimeLeft::OverdueToday => t::overdue_today(lang).to_owned(),
            TimeLeft::DaysLeft { days: n } => days(t::one_day_left, t::days_left, n),
            TimeLeft::DaysOverdue { days: n } => days(t::one_day_overdue, t::days_overdue, n),
            TimeLeft::Paused {
                remaining_working_days: n,
            } => match n {
                0 => t::paused_due_day(lang).to_owned(),
                n if n > 0 => days(t::paused_one_left, t::paused_left, n),
                n => days(t::paused_one_overdue, t::paused_overdue, n),
            },
            TimeLeft::MetOnTime => t::met_on_time(lang).to_owned(),
            TimeLeft::MetLate => t::met_late(lang).to_owned(),
            TimeLeft::Cancelled => t::cancelled(lang).to_owned(),
            TimeLeft::MinimumDaysLeft { days: n } => {
                days(t::minimum_one_day_left, t::minimum_days_left, n)
            }
            TimeLeft::MinimumReached => t::minimum_reached(lang).to_owned(),
            TimeLeft::MinimumEnded => t::minimum_ended(lang).to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code of every vocabulary has a text in every language (no code shown raw).
    #[test]
    fn every_vocabulary_value_has_a_label_in_every_language() {
        fn check<T: Copy + std::fmt::Debug>(
            all: &[T],
            label: fn(T, Lang) -> &'static str,
            code: fn(T) -> &'static str,
        ) {
            for lang in Lang::ALL {
                for value in all {
                    assert_ne!(label(*value, *lang), code(*value), "{value:?} in {lang:?}");
                }
            }
        }
        check(RiskType::ALL, RiskType::label, RiskType::code);
        check(Category::ALL, Category::label, Category::code);
        check(Channel::ALL, Channel::label, Channel::code);
        check(RiskTier::ALL, RiskTier::label, RiskTier::code);
        check(
            LabourCapacity::ALL,
            LabourCapacity::label,
            LabourCapacity::code,
        );
        check(MeasureType::ALL, MeasureType::label, MeasureType::code);
        check(RemovalKind::ALL, RemovalKind::label, RemovalKind::code);
        check(Relation::ALL, Relation::label, Relation::code);
        check(MemberStatus::ALL, MemberStatus::label, MemberStatus::code);
        check(&ClockKind::ALL, ClockKind::label, ClockKind::code);
        check(&CommandKind::ALL, CommandKind::label, CommandKind::code);
        check(Role::ALL, Role::label, Role::code);
    }

    /// The files agree with the words the code had before they moved (zh-CN and English).
    #[test]
    fn the_files_keep_the_words_staff_know() {
        assert_eq!(
            RiskType::Illness.label(Lang::Zh),
            RiskType::Illness.label_zh()
        );
        assert_eq!(
            Channel::ProxyHotline.label(Lang::En),
            "Filed for the household via the 12317 hotline"
        );
        assert_eq!(ClockKind::HomeCheck.label(Lang::Zh), "入户核查");
        assert_eq!(CommandKind::Accept.label(Lang::En), "Accept");
        assert_eq!(state("notice_running", Lang::Zh), "公示中");
        assert_eq!(state("notice_running", Lang::En), "Public notice running");
        assert_eq!(state("no_such_state", Lang::En), "In progress");
    }

    #[test]
    fn time_left_is_worded_with_singular_and_plural() {
        let cases = [
            (
                TimeLeft::WorkingDaysLeft { days: 3 },
                "还剩3个工作日",
                "3 working days left",
            ),
            (
                TimeLeft::WorkingDaysLeft { days: 1 },
                "还剩1个工作日",
                "1 working day left",
            ),
            (
                TimeLeft::WorkingDaysOverdue { days: 2 },
                "逾期2个工作日",
                "2 working days overdue",
            ),
            (
                TimeLeft::Paused {
                    remaining_working_days: -1,
                },
                "已暂停（逾期1个工作日）",
                "Paused (1 working day overdue)",
            ),
            (
                TimeLeft::Paused {
                    remaining_working_days: 0,
                },
                "已暂停（到期当天）",
                "Paused (on its due day)",
            ),
            (
                TimeLeft::MinimumDaysLeft { days: 1 },
                "还需1天方可结束",
                "May end in 1 day",
            ),
            (TimeLeft::MetLate, "逾期办结", "Concluded late"),
        ];
        for (left, zh, en) in cases {
            assert_eq!(left.words(Lang::Zh), zh);
            assert_eq!(left.words(Lang::En), en);
        }
    }

    /// The case page's negative-list hits, duplicate reasons and clock owners read in Chinese
    /// from the locale files as the service stores them (`label_zh`).
    #[test]
    fn screening_and_level_labels_read_as_before() {
        use crate::domain::case::screening::MatchReason;
        for item in NegativeItem::ALL {
            assert_eq!(item.label(Lang::Zh), item.label_zh(), "{item:?}");
        }
        for reason in MatchReason::ALL {
            assert_eq!(reason.label(Lang::Zh), reason.label_zh(), "{reason:?}");
        }
        for level in Level::ALL {
            assert_eq!(level.label(Lang::Zh), level.label_zh(), "{level:?}");
        }
    }
}
