//! What happened to a case. Events carry everything needed to rebuild it: who, when, data,
//! and every clock change with its computed due date (so `apply` needs no calendar).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::clock::{Clock, ClockKind, Level};
use crate::domain::mobile::MobileNumber;
use crate::domain::region::RegionCode;
use crate::domain::vocab::{Category, Channel, MeasureType, RiskTier, RiskType};

use super::actor::{Actor, Role};
use super::screening::{DuplicateMatch, NegativeItem};
use super::state::{EliminationChecklist, HomeCheckRecord, Measure, MeasureStatus, VillageOutcome};

/// One stored event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// Beijing local time the command was decided.
    pub at: NaiveDateTime,
    pub by: EventActor,
    pub kind: EventKind,
}

/// Who caused an event (the scope is not needed to rebuild the case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    pub user_id: String,
    pub role: Role,
}

impl From<&Actor> for EventActor {
    fn from(actor: &Actor) -> Self {
        EventActor {
            user_id: actor.user_id.clone(),
            role: actor.role,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum EventKind {
    /// Always the first event: creates the case.
    Reported {
        id: String,
        village: RegionCode,
        channel: Channel,
        risks: Vec<RiskType>,
        discovered_on: NaiveDate,
    },
    /// The filing looks like earlier ones for the same household (found when filed).
    DuplicateSuspected {
        matches: Vec<DuplicateMatch>,
    },
    /// The township accepted a suspected duplicate anyway, and said why (audited).
    DuplicateOverridden {
        reason: String,
    },
    Accepted,
    RejectedOutOfScope {
        reason: String,
    },
    HomeCheckRecorded {
        record: HomeCheckRecord,
    },
    VillageReviewHeld {
        date: NaiveDate,
        outcome: VillageOutcome,
    },
    NoticeStarted {
        from: NaiveDate,
        min_until: NaiveDate,
    },
    ObjectionRecorded {
        text: String,
    },
    NoticeEnded {
        on: NaiveDate,
    },
    TownshipReviewed {
        approve: bool,
        note: String,
    },
    ComparisonRecorded {
        hits: Vec<NegativeItem>,
        note: String,
    },
    Identified {
        category: Category,
        tier: RiskTier,
        /// The county's explanation (negative-list hits, skipped comparison); may be empty.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
    NotIdentified {
        reason: String,
    },
    RefusalNotified {
        on: NaiveDate,
    },
    ResponsibleAssigned {
        person: String,
        /// Absent in events from before the phone field (the phone was in `person`). Stored
        /// under `mobile`, so the vault seals it like every mobile.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        mobile: Option<MobileNumber>,
    },
    PlanAdded {
        measures: Vec<Measure>,
    },
    MeasureStatusUpdated {
        index: usize,
        status: MeasureStatus,
        /// Which measure, so the timeline can name it (absent in events from before).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measure: Option<MeasureType>,
    },
    VisitLogged {
        date: NaiveDate,
        notes: String,
        new_tier: Option<RiskTier>,
    },
    TierChanged {
        tier: RiskTier,
        reason: String,
    },
    EliminationProposed {
        checklist: EliminationChecklist,
    },
    /// The elimination procedure ended with the household still monitored.
    KeptMonitoring {
        reason: String,
    },
    Eliminated {
        on: NaiveDate,
        /// Evidence of stability the county decided on (absent in events stored before it).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stability: Option<super::elimination::Stability>,
    },
    /// Removed from monitoring without elimination (audited with its reason).
    Removed {
        kind: super::reversal::RemovalKind,
        reason: String,
        on: NaiveDate,
    },
    PlanReviewed {
        date: NaiveDate,
    },
    /// The village's review did not pass the plan: the township revises it.
    PlanReturned {
        date: NaiveDate,
        reason: String,
    },
    /// An objection during the plan's notice: the plan goes back to the village's review.
    PlanObjectionRecorded {
        text: String,
    },
    PlanNoticeStarted {
        from: NaiveDate,
        min_until: NaiveDate,
    },
    PlanNoticeEnded {
        on: NaiveDate,
    },
    ReliefReviewed {
        note: String,
    },
    AlertFedBack {
        note: String,
    },
    CampaignStarted {
        name: String,
        until: NaiveDate,
    },
    /// 暂不标注风险消除 after the 兜底 measure; monitoring continues.
    EliminationDeferred {
        reason: String,
        on: NaiveDate,
    },
    Reopened {
        reason: String,
        tier: RiskTier,
        on: NaiveDate,
    },
    GreenChannelOpened,
    /// The green channel's preconditions, recorded when the county opened it.
    GreenChannelApproved {
        home_checked_on: NaiveDate,
        village_study_on: NaiveDate,
        township_approved_on: NaiveDate,
    },
    ExtensionRequested {
        clock: ClockKind,
        owner: Level,
        days: u32,
        reason: String,
        new_due: NaiveDate,
    },
    ExtensionDecided {
        clock: ClockKind,
        approved: bool,
        new_due: NaiveDate,
    },
    ClockStarted {
        clock: Clock,
    },
    ClockMet {
        clock: ClockKind,
        on: NaiveDate,
    },
    ClockCancelled {
        clock: ClockKind,
        on: NaiveDate,
    },
    /// A running clock stopped; `remaining_working_days` is what it had left (computed with
    /// the calendar by `decide`, see [`crate::domain::clock::Clock::pause`]).
    ClockPaused {
        clock: ClockKind,
        on: NaiveDate,
        reason: String,
        remaining_working_days: i64,
    },
    /// A paused clock restarted, now due on `new_due` (see
    /// [`crate::domain::clock::Clock::resume`]).
    ClockResumed {
        clock: ClockKind,
        on: NaiveDate,
        new_due: NaiveDate,
    },
}

impl EventKind {
    /// Stable snake_case name (matches the serde tag).
    pub fn code(&self) -> &'static str {
        match self {
            EventKind::Reported { .. } => "reported",
            EventKind::DuplicateSuspected { .. } => "duplicate_suspected",
            EventKind::DuplicateOverridden { .. } => "duplicate_overridden",
            EventKind::Accepted => "accepted",
            EventKind::RejectedOutOfScope { .. } => "rejected_out_of_scope",
            EventKind::HomeCheckRecorded { .. } => "home_check_recorded",
            EventKind::VillageReviewHeld { .. } => "village_review_held",
            EventKind::NoticeStarted { .. } => "notice_started",
            EventKind::ObjectionRecorded { .. } => "objection_recorded",
            EventKind::NoticeEnded { .. } => "notice_ended",
            EventKind::TownshipReviewed { .. } => "township_reviewed",
            EventKind::ComparisonRecorded { .. } => "comparison_recorded",
            EventKind::Identified { .. } => "identified",
            EventKind::NotIdentified { .. } => "not_identified",
            EventKind::RefusalNotified { .. } => "refusal_notified",
            EventKind::ResponsibleAssigned { .. } => "responsible_assigned",
            EventKind::PlanAdded { .. } => "plan_added",
            EventKind::MeasureStatusUpdated { .. } => "measure_status_updated",
            EventKind::VisitLogged { .. } => "visit_logged",
            EventKind::TierChanged { .. } => "tier_changed",
            EventKind::EliminationProposed { .. } => "elimination_proposed",
            EventKind::KeptMonitoring { .. } => "kept_monitoring",
            EventKind::Eliminated { .. } => "eliminated",
            EventKind::Removed { .. } => "removed",
            EventKind::PlanReviewed { .. } => "plan_reviewed",
            EventKind::PlanReturned { .. } => "plan_returned",
            EventKind::PlanObjectionRecorded { .. } => "plan_objection_recorded",
            EventKind::PlanNoticeStarted { .. } => "plan_notice_started",
            EventKind::PlanNoticeEnded { .. } => "plan_notice_ended",
            EventKind::ReliefReviewed { .. } => "relief_reviewed",
            EventKind::AlertFedBack { .. } => "alert_fed_back",
            EventKind::CampaignStarted { .. } => "campaign_started",
            EventKind::EliminationDeferred { .. } => "elimination_deferred",
            EventKind::Reopened { .. } => "reopened",
            EventKind::GreenChannelOpened => "green_channel_opened",
            EventKind::GreenChannelApproved { .. } => "green_channel_approved",
            EventKind::ExtensionRequested { .. } => "extension_requested",
            EventKind::ExtensionDecided { .. } => "extension_decided",
            EventKind::ClockStarted { .. } => "clock_started",
            EventKind::ClockMet { .. } => "clock_met",
            EventKind::ClockCancelled { .. } => "clock_cancelled",
            EventKind::ClockPaused { .. } => "clock_paused",
            EventKind::ClockResumed { .. } => "clock_resumed",
        }
    }
}
