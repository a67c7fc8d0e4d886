//! The flat, all-strings form that staff pages post for a case command, and its parser.
//!
//! HTML forms are urlencoded (serde_qs), so nested lists arrive as `members[0][name]=…`.
//! Every field is a string so nothing typed is lost; [`parse_command`] turns the form into a
//! [`CaseCommand`] or reports every problem at once, each under the form field's own name so
//! the UI can show it beside the right input. Only the shape is checked here: the engine
//! (`decide`) applies the workflow rules (dates in the future, consent, measure indexes...).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::clock::ClockKind;
use crate::domain::measure_field::MeasureField;
use crate::domain::member_field::MemberField;
use crate::domain::message::Message;
use crate::domain::report::FieldProblem;
use crate::domain::vocab::{Category, RiskTier};

use super::command::{CaseCommand, CommandKind, EliminationDecision, IdentificationDecision};
use super::screening::NegativeItem;
use super::state::{HomeCheckRecord, MeasureStatus, VillageOutcome};

/// Raw input for any case command; which fields matter depends on `kind`
/// (see [`form_fields`]). Fields a kind does not use are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CommandForm {
    /// The [`CommandKind::code`], e.g. `"record_home_check"`.
    pub kind: String,
    pub reason: String,
    pub note: String,
    pub text: String,
    /// 帮扶责任人's name (the phone goes in `mobile`).
    pub person: String,
    /// 帮扶责任人's mobile, the number the household will call.
    pub mobile: String,
    /// `YYYY-MM-DD` (HTML date input).
    pub date: String,
    /// `"yes"` or `"no"`.
    pub approve: String,
    /// Village review: `"pass"` or `"fail"` (a failure needs `reason`).
    pub outcome: String,
    /// County: `"identify"`, `"not_identify"`, `"eliminate"` or `"keep_monitoring"`.
    pub decision: String,
    /// A [`Category`] code.
    pub category: String,
    /// A [`RiskTier`] code.
    pub tier: String,
    /// Names separated by `、`, `，`, `,` or white space.
    pub visitors: String,
    /// Rows with an empty name are ignored (blank rows of the HTML table).
    pub members: Vec<MemberForm>,
    /// Yearly large rigid spending (medical, schooling, disaster repair) in yuan; empty = 0.
    pub rigid_expenditure: String,
    /// The household's net income over the previous window, in yuan; empty = not known.
    pub previous_income: String,
    /// One answer per item of [`GUARANTEE_ITEMS`]: its code if secured, the code and
    /// [`GUARANTEE_NO`] if not. All six are required.
    pub guarantees: Vec<String>,
    /// Checkbox: non-empty means ticked.
    pub consent_signed: String,
    /// Checkbox (建档立卡脱贫户): non-empty means ticked.
    pub formerly_poor: String,
    /// Rows with an empty type are ignored.
    pub measures: Vec<MeasureForm>,
    /// Index of a measure in the case's measures (from 0).
    pub index: String,
    /// A measure status code (see [`MEASURE_STATUS_ITEMS`]).
    pub status: String,
    /// Codes of the ticked elimination criteria (see [`CHECKLIST_ITEMS`]).
    pub checklist: Vec<String>,
    /// A [`ClockKind`] code.
    pub clock: String,
    /// Working days of an extension.
    pub days: String,
    /// Why a suspected duplicate is accepted anyway (only asked when the case has one).
    pub duplicate_override: String,
    /// Codes of the negative-list items the data comparison hit (see [`NegativeItem`]).
    pub hits: Vec<String>,
    /// A [`RemovalKind`](super::reversal::RemovalKind) code.
    pub removal_kind: String,
    /// Green channel: the township's approval, `YYYY-MM-DD` (`date` is the village study).
    pub approval_date: String,
}

/// One household member row of the home-check form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberForm {
    pub name: String,
    /// A [`LabourCapacity`] code.
    pub labour: String,
    /// Net annual income in yuan, e.g. `"7300"` or `"7,300.50"`.
    pub income: String,
    /// A [`Relation`] code; empty means other.
    pub relation: String,
    /// 身份证号 as typed; empty when not recorded.
    pub id_number: String,
    /// A [`MemberStatus`] code; empty means other.
    pub status: String,
}

/// One measure row of the assistance-plan form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MeasureForm {
    /// A [`MeasureType`] code.
    pub measure_type: String,
    /// Amount in yuan.
    pub amount: String,
    /// `YYYY-MM-DD`.
    pub start: String,
    /// `YYYY-MM-DD`.
    pub end: String,
}

/// 两不愁三保障 and drinking water, in display order: the codes are the [`Guarantees`] field
/// names, the words `case_items.guarantee` in locales/*.json.
pub const GUARANTEE_ITEMS: [&str; 6] = [
    "food",
    "clothing",
    "compulsory_education",
    "basic_medical",
    "housing_safety",
    "drinking_water",
];

/// Appended to a [`GUARANTEE_ITEMS`] code: the item is not secured.
pub const GUARANTEE_NO: &str = ":no";

/// The elimination criteria: the codes are the [`EliminationChecklist`] field names, the
/// words `case_items.checklist`.
pub const CHECKLIST_ITEMS: [&str; 4] = [
    "income_above_line",
    "three_guarantees_and_water_secured",
    "rigid_spending_resolved",
    "measures_delivered",
];

/// A member's yearly income above this (yuan) is refused as a typing slip: a household
/// with it is never a monitoring object.
pub const MEMBER_INCOME_MAX_YUAN: i64 = 1_000_000;

/// A measure's amount above this (yuan, over its whole period) is refused as a typing slip:
/// a measure of ¥92 quadrillion was taken and the ledger's total then overflowed (attacker).
pub const MEASURE_AMOUNT_MAX_YUAN: i64 = 1_000_000;

/// Measure statuses: the codes are the serde names of [`MeasureStatus`], the words
/// `case_items.measure_status`.
pub const MEASURE_STATUS_ITEMS: [&str; 4] = ["planned", "in_progress", "delivered", "withdrawn"];

/// The update form's first status choice: whatever follows the picked measure's own.
pub const NEXT_MEASURE_STATUS: &str = "next";

/// The [`CommandForm`] fields the form for `kind` shows, in display order
/// (`kind` itself is a hidden field and not listed).
pub fn form_fields(kind: CommandKind) -> &'static [&'static str] {
    match kind {
        CommandKind::Accept => &["duplicate_override"],
        CommandKind::EndNotice => &[],
        CommandKind::OpenGreenChannel => &["date", "approval_date"],
        CommandKind::RecordComparison => &["hits", "note"],
        CommandKind::RejectOutOfScope => &["reason"],
        CommandKind::RecordHomeCheck => &[
            "date",
            "visitors",
            "members",
            "rigid_expenditure",
            "previous_income",
            "formerly_poor",
            "guarantees",
            "consent_signed",
        ],
        CommandKind::HoldVillageReview => &["date", "outcome", "reason"],
        CommandKind::StartNotice | CommandKind::NotifyRefusal => &["date"],
        CommandKind::RecordObjection => &["text"],
        CommandKind::TownshipReview => &["approve", "note"],
        CommandKind::CountyDecide => &["decision", "category", "tier", "note", "reason"],
        CommandKind::CountyDecideElimination => &["decision", "reason"],
        CommandKind::AssignResponsible => &["person", "mobile"],
        CommandKind::AddPlan => &["measures"],
        CommandKind::UpdateMeasureStatus => &["index", "status"],
        CommandKind::LogVisit => &["date", "note", "tier"],
        CommandKind::ChangeTier => &["tier", "reason"],
        CommandKind::ProposeElimination => &["checklist"],
        CommandKind::Reopen => &["tier", "reason"],
        CommandKind::RequestExtension => &["clock", "days", "reason"],
        CommandKind::ApproveExtension => &["clock", "approve"],
        CommandKind::PauseClock => &["clock", "reason"],
        CommandKind::ResumeClock => &["clock"],
        CommandKind::Remove => &["removal_kind", "reason"],
        CommandKind::DeferElimination => &["reason"],
        CommandKind::ReviewPlan => &["date", "outcome", "reason"],
        CommandKind::StartPlanNotice => &["date"],
        CommandKind::EndPlanNotice => &[],
        CommandKind::ReviewRelief | CommandKind::FeedBackAlert => &["note"],
        CommandKind::StartCampaign => &["text", "date"],
    }
}

type Parsed<T> = Result<T, CommandFieldError>;

/// Problems in form order, each (field, message) pair once.
#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn add(&mut self, problem: FieldProblem) {
        if !self.0.contains(&problem) {
            self.0.push(problem);
        }
    }

    fn push(&mut self, field: &'static str, error: CommandFieldError) {
        self.add((field, Message::of(&error)));
    }

    fn keep<T>(&mut self, field: &'static str, result: Parsed<T>) -> Option<T> {
        result.map_err(|e| self.push(field, e)).ok()
    }

    /// A problem of one field of a plan's measure, reported under `measures` naming the
    /// measure and the field (措施2（金额）：…); the page puts it under that control.
    fn push_measure(&mut self, field: MeasureField, error: CommandFieldError) {
        self.add(("measures", Message::about_measure(field, &error)));
    }

    fn keep_measure<T>(&mut self, field: MeasureField, result: Parsed<T>) -> Option<T> {
        result.map_err(|e| self.push_measure(field, e)).ok()
    }

    /// A member row's field, reported under `members` naming the member: every problem of
    /// every member, so the officer sees them all at once.
    fn keep_member<T>(&mut self, member: MemberField, result: Parsed<T>) -> Option<T> {
        result
            .map_err(|e| self.0.push(("members", Message::about(member, &e))))
            .ok()
    }
}

impl CommandForm {
    /// The form with its free texts as anyone will read them: invisible characters dropped
    /// (`visible_text`) from names, notes and reasons.
    fn visible(&self) -> CommandForm {
        use crate::domain::visible_text::visible;
        let mut f = self.clone();
        for (text, keep_lines) in [
            (&mut f.reason, true),
            (&mut f.note, true),
            (&mut f.text, true),
            (&mut f.duplicate_override, true),
            (&mut f.person, false),
            (&mut f.visitors, false),
        ] {
            *text = visible(text, keep_lines);
        }
        for member in &mut f.members {
            member.name = visible(&member.name, false);
        }
        f
    }
}

/// Parses the form for its `kind` and reports every problem at once, in form order. `today`
/// (Beijing) bounds what can already have happened, such as a member's birth date.
pub fn parse_command(
    form: &CommandForm,
    today: NaiveDate,
) -> Result<CaseCommand, Vec<FieldProblem>> {
    let form = &form.visible();
    let mut p = Problems::default();
    let command = match p.keep("kind", parse_kind(&form.kind)) {
        Some(kind) => parse_kind_fields(kind, form, today, &mut p),
        None => None,
    };
    match command {
        Some(command) if p.0.is_empty() => Ok(command),
        _ => Err(p.0),
    }
}

/// A village review's outcome: passed, or not with its reason (the identification's and the
/// plan's reviews alike).
fn village_outcome(p: &mut Problems, f: &CommandForm) -> Option<VillageOutcome> {
    match p.keep("outcome", choice(&f.outcome, &["pass", "fail"])) {
        Some("pass") => Some(VillageOutcome::Pass),
        Some(_) => p
            .keep("reason", required(&f.reason))
            .map(|reason| VillageOutcome::Fail { reason }),
        None => None,
    }
}

fn parse_kind_fields(
    kind: CommandKind,
    f: &CommandForm,
    today: NaiveDate,
    p: &mut Problems,
) -> Option<CaseCommand> {
    match kind {
        CommandKind::Accept => Some(CaseCommand::Accept {
            duplicate_override: Some(f.duplicate_override.trim().to_owned())
                .filter(|r| !r.is_empty()),
        }),
        CommandKind::RecordComparison => {
            let hits = f
                .hits
                .iter()
                .filter(|code| !code.trim().is_empty())
                .map(|code| vocab(code, NegativeItem::from_code))
                .collect::<Result<Vec<_>, _>>();
            let hits = p.keep("hits", hits);
            let note = p.keep("note", required(&f.note));
            Some(CaseCommand::RecordComparison {
                hits: hits?,
                note: note?,
            })
        }
        CommandKind::RejectOutOfScope => p
            .keep("reason", required(&f.reason))
            .map(|reason| CaseCommand::RejectOutOfScope { reason }),
        CommandKind::RecordHomeCheck => {
            let date = p.keep("date", parse_past_date(&f.date, today));
            let visitors = p.keep("visitors", parse_visitors(&f.visitors));
            let members = parse_members(&f.members, today, p);
            let rigid_expenditure = p.keep(
                "rigid_expenditure",
                parse_optional_amount(&f.rigid_expenditure),
            );
            let previous_income = p.keep(
                "previous_income",
                parse_optional_amount(&f.previous_income)
                    .map(|fen| (!f.previous_income.trim().is_empty()).then_some(fen)),
            );
            let guarantees = p.keep("guarantees", parse_guarantees(&f.guarantees));
            let consent_signed = !f.consent_signed.trim().is_empty();
            if !consent_signed {
                p.push("consent_signed", CommandFieldError::ConsentMissing);
            }
            match (
                date,
                visitors,
                members,
                rigid_expenditure,
                guarantees,
                previous_income,
            ) {
                (
                    Some(date),
                    Some(visitors),
                    Some(members),
                    Some(rigid_expenditure),
                    Some(guarantees),
                    Some(previous_income),
                ) => Some(CaseCommand::RecordHomeCheck {
                    record: HomeCheckRecord {
                        date,
                        visitors,
                        members,
                        guarantees,
                        consent_signed,
                        rigid_expenditure,
                        formerly_poor: !f.formerly_poor.trim().is_empty(),
                        previous_income,
                    },
                }),
                _ => None,
            }
        }
        CommandKind::HoldVillageReview => {
            let date = p.keep("date", parse_past_date(&f.date, today));
            date.zip(village_outcome(p, f))
                .map(|(date, outcome)| CaseCommand::HoldVillageReview { date, outcome })
        }
        CommandKind::StartNotice => p
            .keep("date", parse_past_date(&f.date, today))
            .map(|from| CaseCommand::StartNotice { from }),
        CommandKind::RecordObjection => p
            .keep("text", required(&f.text))
            .map(|text| CaseCommand::RecordObjection { text }),
        CommandKind::EndNotice => Some(CaseCommand::EndNotice),
        CommandKind::TownshipReview => {
            let approve = p.keep("approve", parse_yes_no(&f.approve))?;
            let note = if approve {
                f.note.trim().to_owned()
            } else {
                p.keep("note", required(&f.note))?
            };
            Some(CaseCommand::TownshipReview { approve, note })
        }
        CommandKind::CountyDecide => {
            let decision = match p.keep(
                "decision",
                choice(&f.decision, &["identify", "not_identify"]),
            )? {
                "identify" => {
                    let category = p.keep("category", vocab(&f.category, Category::from_code));
                    let tier = p.keep("tier", vocab(&f.tier, RiskTier::from_code));
                    let (category, tier) = category.zip(tier)?;
                    IdentificationDecision::Identify {
                        category,
                        tier,
                        note: f.note.trim().to_owned(),
                    }
                }
                _ => IdentificationDecision::NotIdentify {
                    reason: p.keep("reason", required(&f.reason))?,
                },
            };
            Some(CaseCommand::CountyDecide { decision })
        }
        CommandKind::CountyDecideElimination => {
            let decision = match p.keep(
                "decision",
                choice(&f.decision, &["eliminate", "keep_monitoring"]),
            )? {
                "eliminate" => EliminationDecision::Eliminate,
                _ => EliminationDecision::KeepMonitoring {
                    reason: p.keep("reason", required(&f.reason))?,
                },
            };
            Some(CaseCommand::CountyDecideElimination { decision })
        }
        CommandKind::NotifyRefusal => p
            .keep("date", parse_past_date(&f.date, today))
            .map(|on| CaseCommand::NotifyRefusal { on }),
        CommandKind::AssignResponsible => {
            let person = p.keep("person", responsible_name(&f.person));
            let mobile = p.keep("mobile", parse_mobile(&f.mobile));
            person
                .zip(mobile)
                .map(|(person, mobile)| CaseCommand::AssignResponsible { person, mobile })
        }
        CommandKind::AddPlan => {
            parse_measures(&f.measures, today, p).map(|measures| CaseCommand::AddPlan { measures })
        }
        CommandKind::UpdateMeasureStatus => {
            let index = p.keep("index", parse_number::<usize>(&f.index));
            if f.status.trim() == NEXT_MEASURE_STATUS {
                return index.map(|index| CaseCommand::AdvanceMeasure { index });
            }
            let status = p.keep("status", vocab(&f.status, MeasureStatus::from_code));
            index
                .zip(status)
                .map(|(index, status)| CaseCommand::UpdateMeasureStatus { index, status })
        }
        CommandKind::LogVisit => {
            let date = p.keep("date", parse_past_date(&f.date, today));
            let notes = p.keep("note", required(&f.note));
            let new_tier = p.keep("tier", optional_vocab(&f.tier, RiskTier::from_code));
            match (date, notes, new_tier) {
                (Some(date), Some(notes), Some(new_tier)) => Some(CaseCommand::LogVisit {
                    date,
                    notes,
                    new_tier,
                }),
                _ => None,
            }
        }
        CommandKind::ChangeTier => {
            let tier = p.keep("tier", vocab(&f.tier, RiskTier::from_code));
            let reason = p.keep("reason", required(&f.reason));
            tier.zip(reason)
                .map(|(tier, reason)| CaseCommand::ChangeTier { tier, reason })
        }
        CommandKind::ProposeElimination => p
            .keep("checklist", parse_checklist(&f.checklist))
            .map(|checklist| CaseCommand::ProposeElimination { checklist }),
        CommandKind::Reopen => {
            let tier = p.keep("tier", vocab(&f.tier, RiskTier::from_code));
            let reason = p.keep("reason", required(&f.reason));
            tier.zip(reason)
                .map(|(tier, reason)| CaseCommand::Reopen { reason, tier })
        }
        CommandKind::OpenGreenChannel => {
            let study = p.keep("date", parse_past_date(&f.date, today));
            let approval = p.keep("approval_date", parse_past_date(&f.approval_date, today));
            study
                .zip(approval)
                .map(
                    |(village_study_on, township_approved_on)| CaseCommand::OpenGreenChannel {
                        village_study_on,
                        township_approved_on,
                    },
                )
        }
        CommandKind::RequestExtension => {
            let clock = p.keep("clock", vocab(&f.clock, ClockKind::from_code));
            let days = p.keep("days", parse_days(&f.days));
            let reason = p.keep("reason", required(&f.reason));
            match (clock, days, reason) {
                (Some(clock), Some(days), Some(reason)) => Some(CaseCommand::RequestExtension {
                    clock,
                    days,
                    reason,
                }),
                _ => None,
            }
        }
        CommandKind::ApproveExtension => {
            let clock = p.keep("clock", vocab(&f.clock, ClockKind::from_code));
            let approve = p.keep("approve", parse_yes_no(&f.approve));
            clock
                .zip(approve)
                .map(|(clock, approve)| CaseCommand::ApproveExtension { clock, approve })
        }
        CommandKind::PauseClock => {
            let clock = p.keep("clock", vocab(&f.clock, ClockKind::from_code));
            let reason = p.keep("reason", required(&f.reason));
            clock
                .zip(reason)
                .map(|(clock, reason)| CaseCommand::PauseClock { clock, reason })
        }
        CommandKind::ResumeClock => p
            .keep("clock", vocab(&f.clock, ClockKind::from_code))
            .map(|clock| CaseCommand::ResumeClock { clock }),
        CommandKind::Remove => {
            let kind = p.keep(
                "removal_kind",
                vocab(&f.removal_kind, super::reversal::RemovalKind::from_code),
            );
            let reason = p.keep("reason", required(&f.reason));
            kind.zip(reason)
                .map(|(kind, reason)| CaseCommand::Remove { kind, reason })
        }
        CommandKind::DeferElimination => p
            .keep("reason", required(&f.reason))
            .map(|reason| CaseCommand::DeferElimination { reason }),
        CommandKind::ReviewPlan => {
            let date = p.keep("date", parse_past_date(&f.date, today));
            date.zip(village_outcome(p, f))
                .map(|(date, outcome)| CaseCommand::ReviewPlan { date, outcome })
        }
        CommandKind::StartPlanNotice => p
            .keep("date", parse_past_date(&f.date, today))
            .map(|from| CaseCommand::StartPlanNotice { from }),
        CommandKind::EndPlanNotice => Some(CaseCommand::EndPlanNotice),
        CommandKind::ReviewRelief => p
            .keep("note", required(&f.note))
            .map(|note| CaseCommand::ReviewRelief { note }),
        CommandKind::FeedBackAlert => p
            .keep("note", required(&f.note))
            .map(|note| CaseCommand::FeedBackAlert { note }),
        CommandKind::StartCampaign => {
            let name = p.keep("text", required(&f.text));
            let until = p.keep("date", parse_date(&f.date));
            name.zip(until)
                .map(|(name, until)| CaseCommand::StartCampaign { name, until })
        }
    }
}

mod field_error;
mod fields;
pub mod prefill;
pub use field_error::CommandFieldError;
pub use fields::date_box_shows;
use fields::*;

#[cfg(test)]
mod tests;
