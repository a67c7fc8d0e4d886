//! The case workflow as a pure state machine: identification in four steps, assistance,
//! monitoring visits, risk elimination in four steps, green channel, rollback, and the named
//! clocks each step starts and meets.
//!
//! `decide(case, command, actor, policy, calendar, now)` returns events or a [`Refusal`];
//! `apply(case, event)` folds an event in and never fails; [`Case::replay`] rebuilds a case
//! from its stored events. No I/O and no clock reading: `now` is Beijing local time passed in.

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
pub mod labels;
pub mod policy;
pub mod refusal;
pub mod screening;
pub mod state;

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

pub mod form;
pub use form::{parse_command, CommandForm, MeasureForm, MemberForm};
