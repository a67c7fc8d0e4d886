//! Which clocks a clock step (延期, 审批延期, 暂停, 恢复) may name on a case today, for this
//! officer: the step forms offer only these, and the engine refuses any other. It mirrors the
//! checks in `decide_assist` so the form never offers a clock the engine would refuse.
use chrono::NaiveDate;

use super::{actor::role_level, extension_approvers, guard::can_pause, Actor, Case, CommandKind};
use crate::domain::clock::{ClockKind, ClockState};

/// The clock kinds `step` may name now, in workflow order; empty for other steps.
pub fn clock_choices(
    step: CommandKind,
    case: &Case,
    actor: &Actor,
    today: NaiveDate,
) -> Vec<ClockKind> {
    let level = role_level(actor.role);
    let mut kinds: Vec<ClockKind> = case
        .open_clocks()
        .filter(|c| {
            let own = level == Some(c.owner);
            let pending = case.pending_extension(c.kind);
            match step {
                // A minimum (公示期) is never extended; it has no deadline to move.
                CommandKind::RequestExtension => {
                    own && c.state == ClockState::Running
                        && !c.kind.is_minimum()
                        && pending.is_none()
                        && today <= c.due_on
                }
                CommandKind::ApproveExtension => pending.is_some_and(|r| {
                    extension_approvers(r.owner).contains(&actor.role)
                        && r.requested_by != actor.user_id
                }),
                CommandKind::PauseClock => {
                    own && c.state == ClockState::Running && can_pause(c.kind) && pending.is_none()
                }
                CommandKind::ResumeClock => own && matches!(c.state, ClockState::Paused { .. }),
                _ => false,
            }
        })
        .map(|c| c.kind)
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Whether `step` may name `clock` now (false for a step that names no clock).
pub fn may_name(
    step: CommandKind,
    clock: ClockKind,
    case: &Case,
    actor: &Actor,
    today: NaiveDate,
) -> bool {
    clock_choices(step, case, actor, today).contains(&clock)
}
