//! Leaving monitoring other than by elimination (seed 001 reports both): 风险标注回退 of a
//! wrongly identified household, 清退 for negative-list findings, and a whole household that
//! moved away (整户迁出) or was deregistered (整户注销). Each needs a reason and is an audited
//! event; wrongly identified and negative-list removals are told to the household like a
//! refusal. (An eliminated household re-entering monitoring is `Reopen`.)

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::clock::{ClockKind, Level};

use super::decide::{required, Ctx};
use super::emit::Emitter;
use super::event::EventKind;
use super::refusal::Refusal;
use super::state::Case;

crate::domain::vocab::vocab! {
    /// Why a case left monitoring without elimination.
    pub enum RemovalKind {
        WronglyIdentified => "wrongly_identified", "识别错误，标注回退";
        NegativeList => "negative_list", "负面清单清退";
        MovedAway => "moved_away", "整户迁出";
        Deregistered => "deregistered", "整户注销";
    }
}

impl RemovalKind {
    /// The household is told why (refusal notice clock); a household that moved away or no
    /// longer exists is not.
    pub fn notifies_household(self) -> bool {
        match self {
            RemovalKind::WronglyIdentified | RemovalKind::NegativeList => true,
            RemovalKind::MovedAway | RemovalKind::Deregistered => false,
        }
    }
}

/// Where the case stood when it was removed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    pub kind: RemovalKind,
    pub reason: String,
    pub on: NaiveDate,
    /// State code before the removal (identified, eliminated...), for the audit.
    pub from_state: String,
}

/// County decision to remove a monitored or eliminated household. A negative-list removal
/// needs a comparison hit on record (the county records the comparison first).
pub(super) fn remove(
    case: &Case,
    kind: RemovalKind,
    reason: &str,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let reason = required(reason, "reason")?;
    if kind == RemovalKind::NegativeList && case.negative_hits().is_empty() {
        return Err(Refusal::NoNegativeListHit);
    }
    let today = ctx.today();
    out.push(EventKind::Removed {
        kind,
        reason,
        on: today,
    });
    out.cancel_all(today);
    if kind.notifies_household() {
        out.start(
            ClockKind::RefusalNotice,
            Level::Township,
            today,
            ctx.policy.refusal_notice,
            ctx.cal,
        );
    }
    Ok(())
}
