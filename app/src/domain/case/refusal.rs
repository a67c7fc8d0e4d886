//! Why the engine refused a command, in words a form can show.

use serde::Serialize;

use crate::domain::clock::ClockKind;
use crate::domain::lang::Lang;
use crate::domain::message::UserMessage;

use super::actor::Role;
use super::eligibility::Misfit;
use super::elimination::EliminationGap;

/// A refused command. Each variant has a stable key and zh / en text ([`UserMessage`]);
/// [`Refusal::args`] gives the details for interpolation or logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "refusal", rename_all = "snake_case")]
pub enum Refusal {
    /// The actor's role may not do this; one of `needed` may.
    WrongRole {
        needed: Vec<Role>,
    },
    /// The case's village is outside the actor's region.
    OutOfScope,
    /// Not possible in the case's current state (its code).
    WrongState {
        state: &'static str,
    },
    /// A required field is empty.
    MissingData {
        field: &'static str,
    },
    /// A field has an impossible value (not a village, an amount below zero...).
    InvalidData {
        field: &'static str,
    },
    /// A date later than today.
    DateAfterToday {
        field: &'static str,
    },
    /// A date before the step it follows (`earliest`, that step's date).
    DateTooEarly {
        field: &'static str,
        earliest: chrono::NaiveDate,
    },
    /// The household has not signed the commitment and authorisation.
    ConsentNotSigned,
    /// The public notice has not run its minimum length yet.
    NoticeTooShort {
        days_left: i64,
    },
    /// Every member lacks labour capacity: keep monitoring with backstop measures.
    NoLabourCannotEliminate,
    /// An elimination criterion (by name) is not met.
    CriteriaNotMet {
        which: &'static str,
    },
    GreenChannelClosed,
    NotSuddenRisk,
    GreenChannelAlreadyOpen,
    /// No open clock of this kind on the case.
    NoSuchClock {
        clock: ClockKind,
    },
    ExtensionAfterDue,
    ExtensionPending,
    NoExtensionPending,
    /// The requester cannot approve their own extension.
    OwnExtension,
    /// The case changed since the form was loaded.
    StaleVersion {
        expected: i64,
        actual: i64,
    },
    /// No measure at this index.
    UnknownMeasure {
        index: usize,
    },
    /// A liaison's move of a measure another department leads.
    OtherDepartmentsMeasure,
    /// Measures only move forward: planned, in progress, delivered.
    MeasureStatusBackwards,
    /// A measure cannot be started (落实中) or delivered (已落实) before the day it starts.
    StartedBeforeStart {
        start: chrono::NaiveDate,
    },
    /// A household's plan holds at most this many measures (withdrawn ones count: each is
    /// on the page).
    TooManyMeasures {
        most: usize,
    },
    /// This clock may not be paused (the statutory identification limit).
    ClockNotPausable {
        clock: ClockKind,
    },
    /// Only a running clock can be paused.
    ClockNotRunning {
        clock: ClockKind,
    },
    /// Only a paused clock can be resumed.
    ClockNotPaused {
        clock: ClockKind,
    },
    /// The filing looks like an earlier one for the same household: reject it as a
    /// duplicate, or accept it with a reason.
    PossibleDuplicate,
    /// The county has not recorded its data comparison.
    ComparisonMissing,
    /// The same comparison is already on the case (a second click, a form sent twice).
    ComparisonUnchanged,
    /// The notice drew an objection, so the comparison may not be skipped.
    ComparisonNotSkippable,
    /// The comparison hit the negative list: identifying anyway needs an explanation.
    NegativeListUnexplained,
    /// The home check does not support the chosen category.
    CategoryDoesNotFit {
        misfit: Misfit,
    },
    /// The county's own elimination check found a gap (measures, income, stability).
    Elimination {
        gap: EliminationGap,
    },
    /// A negative-list removal (清退) needs a comparison hit on record.
    NoNegativeListHit,
    /// 暂不标注风险消除 needs a 兜底 measure (低保, 特困) under way.
    NoBackstopMeasure,
    /// Only a household without (full) labour capacity is deferred this way.
    NotBackstopHousehold,
    /// An elimination's home check already shows what the county would refuse: its village
    /// review and township review cannot pass it (a notice named the household publicly for
    /// an exit blocked from the start: officer tester).
    HomeCheckRefusesElimination,
}

impl Refusal {
    /// The form field this refusal is about, when it is about one: the page shows it there.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Refusal::MissingData { field }
            | Refusal::InvalidData { field }
            | Refusal::DateAfterToday { field }
            | Refusal::DateTooEarly { field, .. } => Some(field),
            // Checked by the engine, each about the one control the officer must change.
            Refusal::NegativeListUnexplained => Some("note"),
            // Shown under the four ticks, naming the one left unticked.
            Refusal::CriteriaNotMet { .. } => Some("checklist"),
            Refusal::ConsentNotSigned => Some("consent_signed"),
            _ => None,
        }
    }

    /// Details for interpolation and logs: (name, value) pairs.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Refusal::WrongRole { needed } => vec![(
                "needed",
                needed
                    .iter()
                    .map(|r| r.code())
                    .collect::<Vec<_>>()
                    .join(","),
            )],
            Refusal::WrongState { state } => vec![("state", (*state).to_owned())],
            Refusal::MissingData { field }
            | Refusal::InvalidData { field }
            | Refusal::DateAfterToday { field } => vec![("field", (*field).to_owned())],
            Refusal::DateTooEarly { field, earliest } => vec![
                ("field", (*field).to_owned()),
                ("earliest", earliest.to_string()),
            ],
            Refusal::NoticeTooShort { days_left } => vec![("days_left", days_left.to_string())],
            Refusal::CriteriaNotMet { which } => vec![("which", (*which).to_owned())],
            Refusal::NoSuchClock { clock }
            | Refusal::ClockNotPausable { clock }
            | Refusal::ClockNotRunning { clock }
            | Refusal::ClockNotPaused { clock } => vec![("clock", clock.code().to_owned())],
            Refusal::StaleVersion { expected, actual } => vec![
                ("expected", expected.to_string()),
                ("actual", actual.to_string()),
            ],
            Refusal::UnknownMeasure { index } => vec![("index", index.to_string())],
            Refusal::StartedBeforeStart { start } => vec![("start", start.to_string())],
            Refusal::TooManyMeasures { most } => vec![("most", most.to_string())],
            Refusal::OutOfScope
            | Refusal::OtherDepartmentsMeasure
            | Refusal::ConsentNotSigned
            | Refusal::NoLabourCannotEliminate
            | Refusal::GreenChannelClosed
            | Refusal::NotSuddenRisk
            | Refusal::GreenChannelAlreadyOpen
            | Refusal::ExtensionAfterDue
            | Refusal::ExtensionPending
            | Refusal::NoExtensionPending
            | Refusal::OwnExtension
            | Refusal::MeasureStatusBackwards
            | Refusal::PossibleDuplicate
            | Refusal::ComparisonMissing
            | Refusal::ComparisonUnchanged
            | Refusal::ComparisonNotSkippable
            | Refusal::NegativeListUnexplained => Vec::new(),
            Refusal::CategoryDoesNotFit { misfit } => vec![("misfit", misfit.code().to_owned())],
            Refusal::Elimination { gap } => {
                let mut args = vec![("gap", gap.code().to_owned())];
                args.extend(gap.args());
                args
            }
            Refusal::NoNegativeListHit
            | Refusal::NoBackstopMeasure
            | Refusal::NotBackstopHousehold
            | Refusal::HomeCheckRefusesElimination => Vec::new(),
        }
    }
}

impl UserMessage for Refusal {
    fn key(&self) -> &'static str {
        match self {
            Refusal::WrongRole { .. } => "case_refusal.wrong_role",
            Refusal::OutOfScope => "case_refusal.out_of_scope",
            Refusal::WrongState { .. } => "case_refusal.wrong_state",
            Refusal::MissingData { .. } => "case_refusal.missing_data",
            Refusal::InvalidData { .. } => "case_refusal.invalid_data",
            Refusal::DateAfterToday { .. } => "case_refusal.date_after_today",
            Refusal::DateTooEarly { .. } => "case_refusal.date_too_early",
            Refusal::ConsentNotSigned => "case_refusal.consent_not_signed",
            Refusal::NoticeTooShort { .. } => "case_refusal.notice_too_short",
            Refusal::NoLabourCannotEliminate => "case_refusal.no_labour_cannot_eliminate",
            Refusal::CriteriaNotMet { .. } => "case_refusal.criteria_not_met",
            Refusal::GreenChannelClosed => "case_refusal.green_channel_closed",
            Refusal::NotSuddenRisk => "case_refusal.not_sudden_risk",
            Refusal::GreenChannelAlreadyOpen => "case_refusal.green_channel_already_open",
            Refusal::NoSuchClock { .. } => "case_refusal.no_such_clock",
            Refusal::ExtensionAfterDue => "case_refusal.extension_after_due",
            Refusal::ExtensionPending => "case_refusal.extension_pending",
            Refusal::NoExtensionPending => "case_refusal.no_extension_pending",
            Refusal::OwnExtension => "case_refusal.own_extension",
            Refusal::StaleVersion { .. } => "case_refusal.stale_version",
            Refusal::UnknownMeasure { .. } => "case_refusal.unknown_measure",
            Refusal::OtherDepartmentsMeasure => "case_refusal.other_departments_measure",
            Refusal::MeasureStatusBackwards => "case_refusal.measure_status_backwards",
            Refusal::StartedBeforeStart { .. } => "case_refusal.started_before_start",
            Refusal::TooManyMeasures { .. } => "case_refusal.too_many_measures",
            Refusal::ClockNotPausable { .. } => "case_refusal.clock_not_pausable",
            Refusal::ClockNotRunning { .. } => "case_refusal.clock_not_running",
            Refusal::ClockNotPaused { .. } => "case_refusal.clock_not_paused",
            Refusal::PossibleDuplicate => "case_refusal.possible_duplicate",
            Refusal::ComparisonMissing => "case_refusal.comparison_missing",
            Refusal::ComparisonUnchanged => "case_refusal.comparison_unchanged",
            Refusal::ComparisonNotSkippable => "case_refusal.comparison_not_skippable",
            Refusal::NegativeListUnexplained => "case_refusal.negative_list_unexplained",
            Refusal::CategoryDoesNotFit { .. } => "case_refusal.category_does_not_fit",
            Refusal::Elimination { .. } => "case_refusal.elimination",
            Refusal::NoNegativeListHit => "case_refusal.no_negative_list_hit",
            Refusal::NoBackstopMeasure => "case_refusal.no_backstop_measure",
            Refusal::NotBackstopHousehold => "case_refusal.not_backstop_household",
            Refusal::HomeCheckRefusesElimination => "case_refusal.home_check_refuses_elimination",
        }
    }

    /// A category misfit and an elimination gap have a text each (`field_error` in locales/*.json).
    fn text_key(&self) -> &'static str {
        match self {
            Refusal::CategoryDoesNotFit { misfit } => match misfit {
                Misfit::NoHomeCheck => "case_refusal.category_does_not_fit.no_home_check",
                Misfit::NotFormerlyPoor => "case_refusal.category_does_not_fit.not_formerly_poor",
                Misfit::FormerlyPoor => "case_refusal.category_does_not_fit.formerly_poor",
                Misfit::IncomeAboveLine => "case_refusal.category_does_not_fit.income_above_line",
                Misfit::IncomeAboveLineAfterSpending => {
                    "case_refusal.category_does_not_fit.income_above_line_after_spending"
                }
            },
            Refusal::Elimination { gap } => gap.key(),
            other => other.key(),
        }
    }

    /// The message in `lang` (texts under `field_error.case_refusal` in locales/*.json).
    fn text(&self, lang: Lang) -> &'static str {
        use crate::tr::field_error::case_refusal as t;
        match self {
            Refusal::WrongRole { .. } => t::wrong_role(lang),
            Refusal::OutOfScope => t::out_of_scope(lang),
            Refusal::WrongState { .. } => t::wrong_state(lang),
            Refusal::MissingData { .. } => t::missing_data(lang),
            Refusal::InvalidData { .. } => t::invalid_data(lang),
            Refusal::DateAfterToday { .. } => t::date_after_today(lang),
            // Names the day (tester: "早于上一步办理的日期" did not say which).
            Refusal::DateTooEarly { .. } => {
                crate::domain::message::with_arguments(lang, self.key())
            }
            Refusal::ConsentNotSigned => t::consent_not_signed(lang),
            Refusal::NoticeTooShort { .. } => t::notice_too_short(lang),
            Refusal::NoLabourCannotEliminate => t::no_labour_cannot_eliminate(lang),
            Refusal::CriteriaNotMet { .. } => {
                crate::domain::message::with_arguments(lang, self.key())
            }
            Refusal::GreenChannelClosed => t::green_channel_closed(lang),
            Refusal::NotSuddenRisk => t::not_sudden_risk(lang),
            Refusal::GreenChannelAlreadyOpen => t::green_channel_already_open(lang),
            Refusal::NoSuchClock { .. } => t::no_such_clock(lang),
            Refusal::ExtensionAfterDue => t::extension_after_due(lang),
            Refusal::ExtensionPending => t::extension_pending(lang),
            Refusal::NoExtensionPending => t::no_extension_pending(lang),
            Refusal::OwnExtension => t::own_extension(lang),
            Refusal::StaleVersion { .. } => t::stale_version(lang),
            Refusal::UnknownMeasure { .. } => t::unknown_measure(lang),
            Refusal::OtherDepartmentsMeasure => t::other_departments_measure(lang),
            Refusal::MeasureStatusBackwards => t::measure_status_backwards(lang),
            Refusal::StartedBeforeStart { .. } | Refusal::TooManyMeasures { .. } => {
                crate::domain::message::with_arguments(lang, self.key())
            }
            Refusal::ClockNotPausable { .. } => t::clock_not_pausable(lang),
            Refusal::ClockNotRunning { .. } => t::clock_not_running(lang),
            Refusal::ClockNotPaused { .. } => t::clock_not_paused(lang),
            Refusal::PossibleDuplicate => t::possible_duplicate(lang),
            Refusal::ComparisonMissing => t::comparison_missing(lang),
            Refusal::ComparisonUnchanged => t::comparison_unchanged(lang),
            Refusal::ComparisonNotSkippable => t::comparison_not_skippable(lang),
            Refusal::NegativeListUnexplained => t::negative_list_unexplained(lang),
            Refusal::CategoryDoesNotFit { misfit } => {
                use t::category_does_not_fit as m;
                match misfit {
                    Misfit::NoHomeCheck => m::no_home_check(lang),
                    Misfit::NotFormerlyPoor => m::not_formerly_poor(lang),
                    Misfit::FormerlyPoor => m::formerly_poor(lang),
                    Misfit::IncomeAboveLine => m::income_above_line(lang),
                    Misfit::IncomeAboveLineAfterSpending => {
                        m::income_above_line_after_spending(lang)
                    }
                }
            }
            Refusal::Elimination { gap } => gap.text(lang),
            Refusal::NoNegativeListHit => t::no_negative_list_hit(lang),
            Refusal::NoBackstopMeasure => t::no_backstop_measure(lang),
            Refusal::NotBackstopHousehold => t::not_backstop_household(lang),
            Refusal::HomeCheckRefusesElimination => t::home_check_refuses_elimination(lang),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.en())?;
        for (name, value) in self.args() {
            write!(f, " [{name}={value}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for Refusal {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_a_well_formed_message() {
        crate::domain::message::tests::assert_messages_are_well_formed(
            "case_refusal",
            &[
                Refusal::WrongRole { needed: Vec::new() },
                Refusal::OutOfScope,
                Refusal::WrongState { state: "reported" },
                Refusal::MissingData { field: "x" },
                Refusal::InvalidData { field: "x" },
                Refusal::DateAfterToday { field: "x" },
                Refusal::DateTooEarly {
                    field: "x",
                    earliest: chrono::NaiveDate::MIN,
                },
                Refusal::ConsentNotSigned,
                Refusal::NoticeTooShort { days_left: 1 },
                Refusal::NoLabourCannotEliminate,
                Refusal::CriteriaNotMet { which: "x" },
                Refusal::GreenChannelClosed,
                Refusal::NotSuddenRisk,
                Refusal::GreenChannelAlreadyOpen,
                Refusal::NoSuchClock {
                    clock: ClockKind::HomeCheck,
                },
                Refusal::ExtensionAfterDue,
                Refusal::ExtensionPending,
                Refusal::NoExtensionPending,
                Refusal::OwnExtension,
                Refusal::StaleVersion {
                    expected: 1,
                    actual: 2,
                },
                Refusal::UnknownMeasure { index: 0 },
                Refusal::OtherDepartmentsMeasure,
                Refusal::MeasureStatusBackwards,
                Refusal::StartedBeforeStart {
                    start: chrono::NaiveDate::MIN,
                },
                Refusal::TooManyMeasures { most: 40 },
                Refusal::ClockNotPausable {
                    clock: ClockKind::IdentificationOverall,
                },
                Refusal::ClockNotRunning {
                    clock: ClockKind::HomeCheck,
                },
                Refusal::ClockNotPaused {
                    clock: ClockKind::HomeCheck,
                },
                Refusal::PossibleDuplicate,
                Refusal::ComparisonMissing,
                Refusal::ComparisonUnchanged,
                Refusal::ComparisonNotSkippable,
                Refusal::NegativeListUnexplained,
                Refusal::CategoryDoesNotFit {
                    misfit: Misfit::IncomeAboveLine,
                },
                Refusal::Elimination {
                    gap: EliminationGap::NoMeasures,
                },
                Refusal::NoNegativeListHit,
                Refusal::NoBackstopMeasure,
                Refusal::NotBackstopHousehold,
                Refusal::HomeCheckRefusesElimination,
            ],
        );
    }

    #[test]
    fn every_misfit_and_gap_is_worded_from_the_locale_files() {
        use crate::domain::vocab::RiskType;
        let misfits = [
            Misfit::NoHomeCheck,
            Misfit::NotFormerlyPoor,
            Misfit::FormerlyPoor,
            Misfit::IncomeAboveLine,
            Misfit::IncomeAboveLineAfterSpending,
        ];
        let gaps = [
            EliminationGap::NoMeasures,
            EliminationGap::RiskNotAddressed {
                risk: RiskType::Illness,
            },
            EliminationGap::MeasureNotCarriedOut { measure: None },
            EliminationGap::NetIncomeNotAboveLine,
            EliminationGap::GuaranteesNotSecured,
            EliminationGap::MonitoredTooShort {
                until: chrono::NaiveDate::MIN,
            },
            EliminationGap::TooFewVisits { needed: 1, done: 0 },
            EliminationGap::IncomeFalling,
            EliminationGap::PlanNotNoticed,
        ];
        let refusals = misfits
            .into_iter()
            .map(|misfit| Refusal::CategoryDoesNotFit { misfit })
            .chain(gaps.into_iter().map(|gap| Refusal::Elimination { gap }));
        for refusal in refusals {
            crate::domain::message::tests::assert_worded_from_locales(&refusal);
        }
    }

    #[test]
    fn a_wrong_role_refusal_names_the_roles_that_may_act() {
        let refusal = Refusal::WrongRole {
            needed: vec![Role::TownshipOfficer, Role::TownshipHead],
        };
        assert_eq!(
            refusal.args(),
            vec![("needed", "township_officer,township_head".to_owned())]
        );
    }
}
