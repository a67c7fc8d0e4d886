//! The case workflow as a pure state machine: identification in four steps, assistance,
//! monitoring visits, risk elimination in four steps, green channel, rollback, and the named
//! clocks each step starts and meets.
//!
//! `decide(case, command, actor, policy, calendar, now)` returns events or a [`Refusal`];
//! `apply(case, event)` folds an event in and never fails; [`Case::replay`] rebuilds a case
//! from its stored events. No I/O and no clock reading: `now` is Beijing local time passed in.
//!
//! Where each rule lives:
//!
//! | rule | place |
//! |---|---|
//! | who may issue each command | [`guard::roles_for`] |
//! | which commands each state admits (incl. the Hebei parallel review) | `guard::kinds_in_state` |
//! | extensions, pauses (owner level, before the due date, next level approves) | `guard`, `decide_assist` |
//! | what each step needs (visitors, consent, dates, reasons) | `decide`, `decide_review` |
//! | category fits the home check (line, formerly poor, rigid spending) | [`eligibility`] |
//! | duplicates block acceptance; negative-list hits need an explanation | [`screening`], `decide_review::accept`, `decide_review::county_decide` |
//! | comparison before the county decides (skippable in Hebei without objection) | `decide_review::check_comparison` |
//! | no-labour households (and partly lost labour living on 低保/特困) are 暂不标注风险消除 once a 兜底 measure is under way (`DeferElimination`) and stay monitored | [`elimination::backstop_rule_applies`], `guard` |
//! | elimination: targeted measures for every risk carried out (ongoing sector measures may run on), income net of rigid spending above the line, 两不愁三保障 + water, stability evidence (time monitored, visits, income trend) kept with the decision | [`elimination`], `decide_review::check_can_eliminate`, `decide_assist::propose_elimination`; policy `rules.elimination_min_monitoring`, `rules.elimination_min_visits` |
//! | 突发严重困难户: income after rigid spending under the warning standard (预警标准), or a sharp income fall (收入大幅缩减) | [`eligibility`]; policy `rules.rigid_spending_warning`, `rules.sharp_income_fall_percent` |
//! | removal without elimination (标注回退, 清退 on a negative-list hit, moved away, deregistered): county, reason, audited event; the household is told when wrongly identified or 清退 | [`reversal`] |
//! | an eliminated household back under monitoring (风险消除标注回退) | `decide_assist::reopen` |
//! | assistance, visits by tier, quarterly re-check after elimination | `decide_assist` |
//! | green channel: opened by the county after the home check, the village committee's study and the township's approval (dates in order, recorded); assist first, review and notice later | [`green_channel`], `guard` (sudden risk, policy open) |
//! | assistance plans get the village's democratic review and a public notice (≥ notice minimum), with their own clocks; measures may start meanwhile | [`plan_review`]; policy `rules.plan_review`, `notice_min` |
//! | 临时救助 → 低保 review six months after temporary relief starts | [`follow_up`]; policy `rules.relief_review` |
//! | department alert chain: township acceptance (county → township 2 working days), home check, decision, then 结果反馈 to the department | [`follow_up`], `decide_review`; policy `township_acceptance`, `rules.alert_feedback` |
//! | yearly 集中排查: the county starts a campaign visit due by its end date on every monitored or eliminated household; any visit meets it | [`follow_up`], `services::campaigns` |
//! | every monitored household visited at least monthly, whatever its tier | `Policy::visit_span`; policy `rules.visit_floor` |
//! | a calendar-day or month deadline ending on a rest day ends on the next working day (every deadline clock, never the notice minimum) | [`period`], `emit::Emitter::start`; policy `rules.calendar_deadlines_end_on_working_day` |
//! | the three categories and the monitoring line (per province and year, effective dates) | [`eligibility`], [`policy::Policy`] (stored with `effective_from`) |
//! | no quota: nothing counts or caps identifications (national guidance) | deliberately absent |
//! | risk types (multi-select), tiers, measure catalogue, 缺什么补什么 suggestions | `crate::domain::vocab` (`suggest_measures`) |
//! | discovery channels; proxy filing (代为申报) by role | `guard::proxy_channels`, [`decide_report`] |
//! | identification in four steps; 承诺授权 signed at the home check; an objection sends it back | `decide`, `decide_review` |
//! | refusals explained to the household (5 working days, appealable) | `decide_review::refuse_household`, `RefusalNotice` clock |
//! | deadlines: discovery → identified 15 days; township accepts / county → township 2 working days; home check 3 working days (same day when found locally); notice ≥ 5 days; responsible person 2 days; first measure 1 month; elimination review 15 days | [`policy::Policy`] through `emit::Emitter` |
//! | not case clocks (reporting or outside the county system): prefecture → county alert (3 working days, before the case exists), self-application to county (5 working days, inside the 15 days), hand-over to departments (measures carry their lead department), monthly 台账 by the 10th (`crate::domain::ledger`), departments' monthly comparison by the 5th, quarterly report, monthly county 会商 | — |
//! | every duration (per jurisdiction, effective dates) | [`policy::Policy`] |
//! | which clocks each step starts, meets or cancels | `decide*` through `emit::Emitter` |
//! | working days, holidays, makeup days | `crate::domain::calendar` |
//! | due dates, urgency, minimum clocks (the notice) | `crate::domain::clock` |
//! | why a command was refused, in zh and en | [`refusal::Refusal`] |
//! | who has a step in the queue, as columns SQL can filter on | [`work`] |

pub mod actor;
pub mod apply;
pub mod clock_choice;
pub mod command;
mod command_labels;
pub mod decide;
mod decide_assist;
mod decide_review;
pub mod eligibility;
pub mod elimination;
mod emit;
pub mod event;
pub mod green_channel;
pub mod guard;
pub mod household;
pub mod measure_dates;
/// The case vocabulary's words now live in the wording layer; this keeps `case::labels` paths.
pub use crate::domain::wording::labels;
pub mod department_work;
pub mod period;
pub mod plan_review;
pub mod policy;
pub mod policy_changes;
pub mod policy_form;
pub mod policy_rules;
pub mod refusal;
pub mod reversal;
#[cfg(any(test, feature = "test-support"))]
pub mod samples;
pub mod screening;
pub mod state;
pub mod work;
pub mod work_due;

#[cfg(test)]
mod state_codes_tests;
#[cfg(test)]
pub(crate) mod tests;

pub use actor::{extension_approvers, role_level, Actor, Role};
pub use apply::apply;
pub use command::{CaseCommand, CommandKind, EliminationDecision, IdentificationDecision, NewCase};
pub use decide::{decide, decide_expecting, decide_report};
pub use event::{CaseEvent, EventActor, EventKind};
pub use guard::{proxy_channels, roles_for};
pub use policy::{Policy, PolicyRules};
pub use refusal::Refusal;
pub use state::{
    AssistanceStage, Case, CaseState, EliminationChecklist, ExtensionRequest, Guarantees,
    HomeCheckRecord, Measure, MeasureStatus, Member, Objection, Procedure, Reopening, ReviewStep,
    VillageOutcome, VillageReview, Visit,
};
pub use work::{work_rev, QueueKeys, WorkOwners};

pub mod follow_up;
pub mod form;
pub use form::{parse_command, CommandForm, MeasureForm, MemberForm};
