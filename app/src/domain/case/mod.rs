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
//! | no-labour households are never eliminated | `decide_review::check_can_eliminate`, `guard` |
//! | assistance, visits by tier, quarterly re-check after elimination | `decide_assist` |
//! | every duration (per jurisdiction, effective dates) | [`policy::Policy`] |
//! | which clocks each step starts, meets or cancels | `decide*` through `emit::Emitter` |
//! | working days, holidays, makeup days | `crate::domain::calendar` |
//! | due dates, urgency, minimum clocks (the notice) | `crate::domain::clock` |
//! | why a command was refused, in zh and en | [`refusal::Refusal`] |
//! | who has a step in the queue, as columns SQL can filter on | [`work`] |

pub mod actor;
pub mod apply;
pub mod command;
mod command_labels;
pub mod decide;
mod decide_assist;
mod decide_review;
pub mod eligibility;
mod emit;
pub mod event;
pub mod guard;
pub mod household;
/// The case vocabulary's words now live in the wording layer; this keeps `case::labels` paths.
pub use crate::domain::wording::labels;
pub mod policy;
pub mod policy_form;
pub mod refusal;
#[cfg(any(test, feature = "test-support"))]
pub mod samples;
pub mod screening;
pub mod state;
pub mod work;

#[cfg(test)]
mod tests;

pub use actor::{extension_approvers, role_level, Actor, Role};
pub use apply::apply;
pub use command::{CaseCommand, CommandKind, EliminationDecision, IdentificationDecision, NewCase};
pub use decide::{decide, decide_expecting, decide_report};
pub use event::{CaseEvent, EventActor, EventKind};
pub use guard::{proxy_channels, roles_for};
pub use policy::Policy;
pub use refusal::Refusal;
pub use state::{
    AssistanceStage, Case, CaseState, EliminationChecklist, ExtensionRequest, Guarantees,
    HomeCheckRecord, Measure, MeasureStatus, Member, Objection, Procedure, Reopening, ReviewStep,
    VillageOutcome, VillageReview, Visit,
};
pub use work::{work_rev, QueueKeys, WorkOwners};

pub mod form;
pub use form::{parse_command, CommandForm, MeasureForm, MemberForm};
