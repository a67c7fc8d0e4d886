//! Why the engine refused a command, in words a form can show.

use serde::Serialize;

use crate::domain::clock::ClockKind;
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
    /// A field has an impossible value (date in the future or out of order, not a village...).
    InvalidData {
        field: &'static str,
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
    /// Measures only move forward: planned, in progress, delivered.
    MeasureStatusBackwards,
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
}

impl Refusal {
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
            Refusal::MissingData { field } | Refusal::InvalidData { field } => {
                vec![("field", (*field).to_owned())]
            }
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
            Refusal::OutOfScope
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
            | Refusal::NotBackstopHousehold => Vec::new(),
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
            Refusal::MeasureStatusBackwards => "case_refusal.measure_status_backwards",
            Refusal::ClockNotPausable { .. } => "case_refusal.clock_not_pausable",
            Refusal::ClockNotRunning { .. } => "case_refusal.clock_not_running",
            Refusal::ClockNotPaused { .. } => "case_refusal.clock_not_paused",
            Refusal::PossibleDuplicate => "case_refusal.possible_duplicate",
            Refusal::ComparisonMissing => "case_refusal.comparison_missing",
            Refusal::ComparisonNotSkippable => "case_refusal.comparison_not_skippable",
            Refusal::NegativeListUnexplained => "case_refusal.negative_list_unexplained",
            Refusal::CategoryDoesNotFit { .. } => "case_refusal.category_does_not_fit",
            Refusal::Elimination { .. } => "case_refusal.elimination",
            Refusal::NoNegativeListHit => "case_refusal.no_negative_list_hit",
            Refusal::NoBackstopMeasure => "case_refusal.no_backstop_measure",
            Refusal::NotBackstopHousehold => "case_refusal.not_backstop_household",
        }
    }

    fn zh(&self) -> &'static str {
        match self {
            Refusal::WrongRole { .. } => "您的角色不能办理此项操作",
            Refusal::OutOfScope => "该农户不在您负责的区域内",
            Refusal::WrongState { .. } => "案件当前所处环节不能办理此项操作",
            Refusal::MissingData { .. } => "请填写必填项",
            Refusal::InvalidData { .. } => "填写的内容不符合要求，请检查日期和数值",
            Refusal::ConsentNotSigned => "农户尚未签署承诺授权书，不能完成入户核查",
            Refusal::NoticeTooShort { .. } => "公示期不足规定天数，暂不能结束公示",
            Refusal::NoLabourCannotEliminate => {
                "该户无劳动能力（或部分丧失劳动能力、无稳定收入），落实低保、特困等兜底保障后暂不标注风险消除，继续监测"
            }
            Refusal::CriteriaNotMet { .. } => "风险消除条件尚未全部满足",
            Refusal::GreenChannelClosed => "本县未开通绿色通道",
            Refusal::NotSuddenRisk => "只有突发灾害、意外或疫情风险可以走绿色通道",
            Refusal::GreenChannelAlreadyOpen => "该户已走绿色通道",
            Refusal::NoSuchClock { .. } => "该环节没有正在计时的时限",
            Refusal::ExtensionAfterDue => "已过期限，不能再申请延期",
            Refusal::ExtensionPending => "已有待审批的延期申请",
            Refusal::NoExtensionPending => "没有待审批的延期申请",
            Refusal::OwnExtension => "不能审批本人提出的延期申请",
            Refusal::StaleVersion { .. } => "案件已被他人更新，请刷新后重试",
            Refusal::UnknownMeasure { .. } => "找不到该帮扶措施",
            Refusal::MeasureStatusBackwards => "帮扶措施状态只能按计划、实施中、已落实的顺序推进",
            Refusal::ClockNotPausable { .. } => {
                "识别认定总时限和公示期不能暂停计时（法定时限或最短期限）"
            }
            Refusal::ClockNotRunning { .. } => "该时限未在计时，不能暂停",
            Refusal::ClockNotPaused { .. } => "该时限未暂停，无需恢复计时",
            Refusal::PossibleDuplicate => {
                "疑似重复申报：请核对下方列出的同一身份证号或手机号的申报，作为重复申报不予受理，或填写受理理由"
            }
            Refusal::ComparisonMissing => "县级尚未完成数据比对，暂不能审定",
            Refusal::ComparisonNotSkippable => "公示期间有异议，须完成数据比对后再审定",
            Refusal::NegativeListUnexplained => {
                "数据比对命中负面清单，认定为监测对象须填写认定说明"
            }
            Refusal::CategoryDoesNotFit { misfit } => match misfit {
                Misfit::NoHomeCheck => "尚无入户核查的家庭成员和收入，不能认定类别",
                Misfit::NotFormerlyPoor => "脱贫不稳定户须为建档立卡脱贫户，请核对入户核查记录",
                Misfit::FormerlyPoor => "该户为建档立卡脱贫户，收入低于监测标准的应认定为脱贫不稳定户",
                Misfit::IncomeAboveLine => "家庭人均纯收入不低于监测标准，不能认定为该类别",
                Misfit::IncomeAboveLineAfterSpending => {
                    "扣除刚性支出后人均收入不低于预警标准，收入也没有大幅缩减，不能认定为突发严重困难户"
                }
            },
            Refusal::Elimination { gap } => gap.zh(),
            Refusal::NoNegativeListHit => "数据比对未命中负面清单，不能按负面清单清退；请先录入比对结果",
            Refusal::NoBackstopMeasure => "请先落实低保或特困供养等兜底保障措施",
            Refusal::NotBackstopHousehold => "该户有劳动能力，应通过开发式帮扶消除风险",
        }
    }

    fn en(&self) -> &'static str {
        match self {
            Refusal::WrongRole { .. } => "Your role cannot do this",
            Refusal::OutOfScope => "This household is outside your area",
            Refusal::WrongState { .. } => "This cannot be done at the case's current step",
            Refusal::MissingData { .. } => "Please fill in the required field",
            Refusal::InvalidData { .. } => "A value is not valid; check the dates and amounts",
            Refusal::ConsentNotSigned => {
                "The household has not signed the commitment and authorisation form"
            }
            Refusal::NoticeTooShort { .. } => {
                "The public notice has not run its minimum number of days"
            }
            Refusal::NoLabourCannotEliminate => {
                "This household cannot work (or has partly lost labour capacity and has no \
                 stable income): with backstop support in place it is not yet marked as risk \
                 eliminated; keep monitoring"
            }
            Refusal::CriteriaNotMet { .. } => "Not every risk-elimination criterion is met",
            Refusal::GreenChannelClosed => "The green channel is not open in this county",
            Refusal::NotSuddenRisk => {
                "Only sudden disaster, accident or epidemic risks may use the green channel"
            }
            Refusal::GreenChannelAlreadyOpen => "The green channel is already open for this case",
            Refusal::NoSuchClock { .. } => "There is no running deadline for this step",
            Refusal::ExtensionAfterDue => "An extension must be requested before the deadline",
            Refusal::ExtensionPending => "An extension request is already waiting for approval",
            Refusal::NoExtensionPending => "There is no extension request to decide",
            Refusal::OwnExtension => "You cannot approve your own extension request",
            Refusal::StaleVersion { .. } => {
                "Someone else updated this case; reload it and try again"
            }
            Refusal::UnknownMeasure { .. } => "This assistance measure does not exist",
            Refusal::MeasureStatusBackwards => {
                "A measure only moves forward: planned, in progress, delivered"
            }
            Refusal::ClockNotPausable { .. } => {
                "The statutory identification limit and the notice minimum cannot be paused"
            }
            Refusal::ClockNotRunning { .. } => "Only a running deadline can be paused",
            Refusal::ClockNotPaused { .. } => "This deadline is not paused",
            Refusal::PossibleDuplicate => {
                "This looks like a duplicate of the filings listed below (same ID number or \
                 mobile): reject it as a duplicate, or give the reason for accepting it"
            }
            Refusal::ComparisonMissing => "The county data comparison has not been recorded yet",
            Refusal::ComparisonNotSkippable => {
                "The public notice drew an objection: complete the data comparison first"
            }
            Refusal::NegativeListUnexplained => {
                "The data comparison hit the negative list: explain why the household is \
                 identified anyway"
            }
            Refusal::CategoryDoesNotFit { misfit } => match misfit {
                Misfit::NoHomeCheck => "No home check with members and incomes is on record",
                Misfit::NotFormerlyPoor => {
                    "Only a formerly registered poor household can be an unstable formerly-poor household"
                }
                Misfit::FormerlyPoor => {
                    "A formerly registered poor household under the line is an unstable \
                     formerly-poor household"
                }
                Misfit::IncomeAboveLine => {
                    "Per-capita net income is not under the monitoring line for this category"
                }
                Misfit::IncomeAboveLineAfterSpending => {
                    "After rigid spending, per-capita income is not under the warning standard, \
                     and income did not fall sharply"
                }
            },
            Refusal::Elimination { gap } => gap.en(),
            Refusal::NoNegativeListHit => {
                "The data comparison found no negative-list item: record it before this removal"
            }
            Refusal::NoBackstopMeasure => {
                "Put a backstop measure (minimum living allowance, extreme-poverty support) in place first"
            }
            Refusal::NotBackstopHousehold => {
                "This household can work: its risk is eliminated through developmental help"
            }
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
                Refusal::MeasureStatusBackwards,
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
            ],
        );
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
