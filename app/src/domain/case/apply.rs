//! `apply`: folds one event into the case. Total: it never fails, and every event adds one
//! to the version.

use crate::domain::clock::{ClockKind, ClockState};
use crate::domain::responsible::ResponsiblePhone;

use super::event::{CaseEvent, EventKind};
use super::green_channel::GreenChannelApproval;
use super::plan_review::PlanReview;
use super::screening::Comparison;
use super::state::{
    Case, CaseState, Deferral, ExtensionRequest, Measure, MeasureStatus, Objection, Procedure,
    Removal, Reopening, ReviewStep, VillageReview, Visit,
};

/// Applies one event.
pub fn apply(mut case: Case, event: &CaseEvent) -> Case {
    apply_kind(&mut case, event);
    case.version += 1;
    case
}

impl Case {
    /// The case a `Reported` event creates, at version 0 (applying it makes version 1).
    fn opened(event: &CaseEvent) -> Option<Case> {
        if let EventKind::Reported {
            id,
            village,
            channel,
            risks,
            discovered_on,
        } = &event.kind
        {
            Some(Case {
                id: id.clone(),
                village: village.clone(),
                channel: *channel,
                risks: risks.clone(),
                discovered_on: *discovered_on,
                reported_at: event.at,
                reported_by: event.by.user_id.clone(),
                state: CaseState::Reported,
                category: None,
                tier: None,
                responsible: None,
                responsible_phone: None,
                measures: Vec::new(),
                household: None,
                village_review: None,
                objections: Vec::new(),
                visits: Vec::new(),
                clocks: Vec::new(),
                extension_requests: Vec::new(),
                version: 0,
                green_channel: false,
                elimination_checklist: None,
                eliminated_on: None,
                reopenings: Vec::new(),
                refusal_reason: None,
                refusal_notified_on: None,
                duplicates: Vec::new(),
                duplicate_override: None,
                comparison: None,
                identified_on: None,
                identification_income: None,
                elimination_deferred: None,
                removal: None,
                stability: None,
                green_channel_approval: None,
                plan_review: None,
                relief_reviewed_on: None,
                campaign: None,
            })
        } else {
            None
        }
    }

    /// Rebuilds a case from its events. `None` when there are none or the first is not
    /// `Reported`.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a CaseEvent>) -> Option<Case> {
        let mut events = events.into_iter();
        let first = events.next()?;
        let case = Case::opened(first)?;
        let case = apply(case, first);
        Some(events.fold(case, apply))
    }
}

fn apply_kind(case: &mut Case, event: &CaseEvent) {
    let today = event.at.date();
    match &event.kind {
        EventKind::Reported { .. } => {
            // Re-reporting restarts the case; the version keeps counting events.
            if let Some(opened) = Case::opened(event) {
                *case = Case {
                    version: case.version,
                    ..opened
                };
            }
        }
        EventKind::DuplicateSuspected { matches } => case.duplicates = matches.clone(),
        EventKind::DuplicateOverridden { reason } => {
            case.duplicate_override = Some(reason.clone());
        }
        EventKind::ComparisonRecorded { hits, note } => {
            case.comparison = Some(Comparison {
                on: today,
                by: event.by.user_id.clone(),
                hits: hits.clone(),
                note: note.clone(),
            });
        }
        EventKind::Accepted => {
            case.state = CaseState::Reviewing {
                procedure: Procedure::Identification,
                step: ReviewStep::AwaitingHomeCheck,
            }
        }
        EventKind::RejectedOutOfScope { reason } => {
            case.refusal_reason = Some(reason.clone());
            case.state = CaseState::RejectedOutOfScope {
                reason: reason.clone(),
            };
        }
        EventKind::HomeCheckRecorded { record } => {
            case.household = Some(record.clone());
            set_step(case, ReviewStep::HomeChecked);
        }
        EventKind::VillageReviewHeld { date, outcome } => {
            case.village_review = Some(VillageReview {
                date: *date,
                outcome: outcome.clone(),
            });
            set_step(case, ReviewStep::VillageReviewed);
        }
        EventKind::NoticeStarted { from, min_until } => set_step(
            case,
            ReviewStep::NoticeRunning {
                from: *from,
                min_until: *min_until,
                township_reviewed: false,
            },
        ),
        EventKind::ObjectionRecorded { text } => {
            case.objections.push(Objection {
                at: event.at,
                by: event.by.user_id.clone(),
                text: text.clone(),
            });
            set_step(case, ReviewStep::AwaitingHomeCheck);
        }
        EventKind::NoticeEnded { .. } => {
            // A township review held while the notice ran (Hebei) leaves only the county.
            let step = match case.state.review_step() {
                Some((
                    _,
                    ReviewStep::NoticeRunning {
                        township_reviewed: true,
                        ..
                    },
                )) => ReviewStep::TownshipReviewed,
                _ => ReviewStep::NoticeEnded,
            };
            set_step(case, step);
        }
        EventKind::TownshipReviewed { approve, .. } => match case.state.review_step() {
            Some((
                _,
                ReviewStep::NoticeRunning {
                    from, min_until, ..
                },
            )) if *approve => set_step(
                case,
                ReviewStep::NoticeRunning {
                    from,
                    min_until,
                    township_reviewed: true,
                },
            ),
            _ => set_step(
                case,
                if *approve {
                    ReviewStep::TownshipReviewed
                } else {
                    ReviewStep::AwaitingHomeCheck
                },
            ),
        },
        EventKind::Identified { category, tier, .. } => {
            case.category = Some(*category);
            case.tier = Some(*tier);
            case.state = CaseState::Monitored;
            case.identified_on = Some(today);
            case.identification_income = case
                .household
                .as_ref()
                .and_then(|h| h.per_capita_net_income());
        }
        EventKind::NotIdentified { reason } => {
            case.refusal_reason = Some(reason.clone());
            case.state = CaseState::NotIdentified {
                reason: reason.clone(),
            };
        }
        EventKind::RefusalNotified { on } => case.refusal_notified_on = Some(*on),
        EventKind::ResponsibleAssigned { person, mobile } => {
            case.responsible = Some(person.clone());
            case.responsible_phone = mobile.clone().map(|mobile| ResponsiblePhone { mobile });
        }
        EventKind::PlanAdded { measures } => {
            // One entered as already under way started the day it was entered.
            case.measures.extend(measures.iter().map(|m| Measure {
                started_on: m.status.is_started().then_some(today),
                delivered_on: (m.status == MeasureStatus::Delivered).then_some(today),
                noticed_on: None,
                ..m.clone()
            }));
            case.plan_review = Some(PlanReview::AwaitingReview);
        }
        EventKind::PlanReviewed { date } => {
            case.plan_review = Some(PlanReview::Reviewed { date: *date })
        }
        EventKind::PlanReturned { date, .. } => {
            case.plan_review = Some(PlanReview::Returned { date: *date })
        }
        EventKind::PlanObjectionRecorded { text } => {
            case.objections.push(Objection {
                at: event.at,
                by: event.by.user_id.clone(),
                text: text.clone(),
            });
            case.plan_review = Some(PlanReview::AwaitingReview);
        }
        EventKind::PlanNoticeStarted { from, min_until } => {
            case.plan_review = Some(PlanReview::NoticeRunning {
                from: *from,
                min_until: *min_until,
            })
        }
        EventKind::PlanNoticeEnded { on } => {
            case.plan_review = Some(PlanReview::Noticed { on: *on });
            for measure in case.measures.iter_mut().filter(|m| m.noticed_on.is_none()) {
                measure.noticed_on = Some(*on);
            }
        }
        EventKind::ReliefReviewed { .. } => case.relief_reviewed_on = Some(today),
        EventKind::AlertFedBack { .. } => {}
        EventKind::CampaignStarted { name, until } => case.campaign = Some((name.clone(), *until)),
        EventKind::MeasureStatusUpdated { index, status, .. } => {
            if let Some(measure) = case.measures.get_mut(*index) {
                measure.status = *status;
                if status.is_started() && measure.started_on.is_none() {
                    measure.started_on = Some(today);
                }
                if *status == MeasureStatus::Delivered {
                    measure.delivered_on = Some(today);
                }
            }
        }
        EventKind::VisitLogged {
            date,
            notes,
            new_tier,
        } => {
            case.visits.push(Visit {
                date: *date,
                by: event.by.user_id.clone(),
                notes: notes.clone(),
                tier_after: *new_tier,
            });
            if new_tier.is_some() {
                case.tier = *new_tier;
            }
        }
        EventKind::TierChanged { tier, .. } => case.tier = Some(*tier),
        EventKind::EliminationProposed { checklist } => {
            case.elimination_checklist = Some(*checklist);
            case.state = CaseState::Reviewing {
                procedure: Procedure::Elimination,
                step: ReviewStep::AwaitingHomeCheck,
            };
        }
        EventKind::KeptMonitoring { .. } => case.state = CaseState::Monitored,
        EventKind::Eliminated { on, stability } => {
            case.eliminated_on = Some(*on);
            case.stability = *stability;
            case.state = CaseState::Eliminated { on: *on };
        }
        EventKind::Removed { kind, reason, on } => {
            case.removal = Some(Removal {
                kind: *kind,
                reason: reason.clone(),
                on: *on,
                from_state: case.state.code().to_owned(),
            });
            if kind.notifies_household() {
                case.refusal_reason = Some(reason.clone());
                case.refusal_notified_on = None;
            }
            case.state = CaseState::Removed {
                kind: *kind,
                on: *on,
            };
        }
        EventKind::EliminationDeferred { reason, on } => {
            case.elimination_deferred = Some(Deferral {
                on: *on,
                reason: reason.clone(),
            });
        }
        EventKind::Reopened { reason, tier, on } => {
            case.reopenings.push(Reopening {
                on: *on,
                reason: reason.clone(),
            });
            case.tier = Some(*tier);
            case.state = CaseState::Monitored;
            case.identified_on = Some(*on);
        }
        EventKind::GreenChannelOpened => case.green_channel = true,
        EventKind::GreenChannelApproved {
            home_checked_on,
            village_study_on,
            township_approved_on,
        } => {
            case.green_channel_approval = Some(GreenChannelApproval {
                home_checked_on: *home_checked_on,
                village_study_on: *village_study_on,
                township_approved_on: *township_approved_on,
                county_approved_on: today,
                county_by: event.by.user_id.clone(),
            });
        }
        EventKind::ExtensionRequested {
            clock,
            owner,
            days,
            reason,
            new_due,
        } => case.extension_requests.push(ExtensionRequest {
            clock: *clock,
            owner: *owner,
            requested_by: event.by.user_id.clone(),
            requested_on: today,
            days: *days,
            reason: reason.clone(),
            new_due: *new_due,
        }),
        EventKind::ExtensionDecided {
            clock,
            approved,
            new_due,
        } => {
            drop_request(case, *clock);
            if *approved {
                if let Some(open) = open_clock_mut(case, *clock) {
                    open.due_on = open.due_on.max(*new_due);
                    open.extended = open.extended.saturating_add(1);
                }
            }
        }
        EventKind::ClockStarted { clock } => case.clocks.push(clock.clone()),
        EventKind::ClockMet { clock, on } => {
            if let Some(open) = open_clock_mut(case, *clock) {
                open.meet(*on);
            }
            drop_request(case, *clock);
        }
        EventKind::ClockCancelled { clock, on } => {
            if let Some(open) = open_clock_mut(case, *clock) {
                open.cancel(*on);
            }
            drop_request(case, *clock);
        }
        EventKind::ClockPaused {
            clock,
            remaining_working_days,
            ..
        } => {
            if let Some(open) = open_clock_mut(case, *clock) {
                if open.state == ClockState::Running {
                    open.state = ClockState::Paused {
                        remaining_working_days: *remaining_working_days,
                    };
                }
            }
        }
        EventKind::ClockResumed { clock, new_due, .. } => {
            if let Some(open) = open_clock_mut(case, *clock) {
                if let ClockState::Paused { .. } = open.state {
                    open.due_on = open.due_on.max(*new_due);
                    open.state = ClockState::Running;
                }
            }
        }
    }
}

/// Moves a reviewing case to `step` within its procedure; other states are left alone.
fn set_step(case: &mut Case, step: ReviewStep) {
    if let Some((procedure, _)) = case.state.review_step() {
        case.state = CaseState::Reviewing { procedure, step };
    }
}

fn open_clock_mut(case: &mut Case, kind: ClockKind) -> Option<&mut crate::domain::clock::Clock> {
    case.clocks
        .iter_mut()
        .find(|c| c.kind == kind && c.is_open())
}

fn drop_request(case: &mut Case, kind: ClockKind) {
    case.extension_requests.retain(|r| r.clock != kind);
}
