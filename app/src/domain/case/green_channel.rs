//! The green channel's preconditions (seed 003; Hebei 2022): the home check, the village
//! committee's (村"两委") study and the township's approval are recorded with their dates, and
//! the county approves by opening it; then assistance comes first and the village review and
//! notice follow.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::{check_date, Ctx};
use super::decide_assist as assist;
use super::emit::Emitter;
use super::event::EventKind;
use super::refusal::Refusal;
use super::state::Case;

/// The recorded preconditions of an opened green channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GreenChannelApproval {
    pub home_checked_on: NaiveDate,
    pub village_study_on: NaiveDate,
    pub township_approved_on: NaiveDate,
    /// The county officer who opened it, and when.
    pub county_approved_on: NaiveDate,
    pub county_by: String,
}

/// Records the preconditions in order (home check ≤ village study ≤ township approval ≤
/// today) and opens the channel with the assistance clocks.
pub(super) fn open(
    case: &Case,
    village_study_on: NaiveDate,
    township_approved_on: NaiveDate,
    ctx: &Ctx<'_>,
    out: &mut Emitter,
) -> Result<(), Refusal> {
    let home_checked_on = case
        .household
        .as_ref()
        .map(|h| h.date)
        .ok_or(Refusal::MissingData { field: "household" })?;
    check_date(village_study_on, Some(home_checked_on), ctx.today(), "date")?;
    check_date(
        township_approved_on,
        Some(village_study_on),
        ctx.today(),
        "approval_date",
    )?;
    out.push(EventKind::GreenChannelApproved {
        home_checked_on,
        village_study_on,
        township_approved_on,
    });
    out.push(EventKind::GreenChannelOpened);
    assist::start_assistance_clocks(case, ctx, out);
    Ok(())
}
