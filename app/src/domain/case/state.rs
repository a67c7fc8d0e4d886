//! The case as rebuilt from its events: where it stands, what the home check found (see
//! `household`), its measures, reviews and clocks.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::elimination::Stability;
pub use super::household::{Guarantees, HomeCheckRecord, Member, MemberStatus, Relation};
pub use super::reversal::{Removal, RemovalKind};
use super::screening::{Comparison, DuplicateMatch};
use crate::domain::clock::{Clock, ClockKind, Level};
use crate::domain::money::Fen;
use crate::domain::region::RegionCode;
use crate::domain::vocab::{Category, Channel, MeasureType, RiskTier, RiskType};

/// One monitoring case (one household, one episode from report to elimination).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: String,
    pub village: RegionCode,
    pub channel: Channel,
    pub risks: Vec<RiskType>,
    pub discovered_on: NaiveDate,
    pub reported_at: NaiveDateTime,
    pub reported_by: String,
    pub state: CaseState,
    pub category: Option<Category>,
    pub tier: Option<RiskTier>,
    /// 帮扶责任人: the name (or, from events before the phone field, name and phone typed
    /// together, see `domain::responsible`).
    pub responsible: Option<String>,
    /// The 帮扶责任人's mobile, when it was entered in its own field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible_phone: Option<crate::domain::responsible::ResponsiblePhone>,
    pub measures: Vec<Measure>,
    /// Facts from the latest home check (identification or elimination).
    pub household: Option<HomeCheckRecord>,
    /// Latest village democratic review.
    pub village_review: Option<VillageReview>,
    pub objections: Vec<Objection>,
    pub visits: Vec<Visit>,
    pub clocks: Vec<Clock>,
    pub extension_requests: Vec<ExtensionRequest>,
    /// Number of events applied; the storage layer guards writes with it.
    pub version: i64,
    /// Assist-first procedure opened (review and notice still to complete).
    pub green_channel: bool,
    /// Checklist of the current or last elimination proposal.
    pub elimination_checklist: Option<EliminationChecklist>,
    pub eliminated_on: Option<NaiveDate>,
    /// 回退 / 再标注 after elimination.
    pub reopenings: Vec<Reopening>,
    /// Why the household was refused, and when it was told.
    pub refusal_reason: Option<String>,
    pub refusal_notified_on: Option<NaiveDate>,
    /// Earlier filings that look like the same household.
    #[serde(default)]
    pub duplicates: Vec<DuplicateMatch>,
    /// Why the township accepted a suspected duplicate anyway.
    #[serde(default)]
    pub duplicate_override: Option<String>,
    /// The county's latest data comparison.
    #[serde(default)]
    pub comparison: Option<Comparison>,
    /// Identified (or reopened) on: monitoring time counts from here.
    #[serde(default)]
    pub identified_on: Option<NaiveDate>,
    /// Per-capita income after rigid spending at identification (the income trend's start).
    #[serde(default)]
    pub identification_income: Option<Fen>,
    /// 暂不标注风险消除: a no-labour household with a 兜底 measure, kept monitored.
    #[serde(default)]
    pub elimination_deferred: Option<Deferral>,
    /// Why and when the case left monitoring without elimination.
    #[serde(default)]
    pub removal: Option<Removal>,
    /// Evidence of stability kept with the elimination decision.
    #[serde(default)]
    pub stability: Option<Stability>,
    /// Review and notice of the latest assistance plan.
    #[serde(default)]
    pub plan_review: Option<super::plan_review::PlanReview>,
    /// 临时救助 → 低保 reviewed on.
    #[serde(default)]
    pub relief_reviewed_on: Option<NaiveDate>,
    /// The latest 集中排查 campaign (name, end date).
    #[serde(default)]
    pub campaign: Option<(String, NaiveDate)>,
    /// The green channel's recorded preconditions.
    #[serde(default)]
    pub green_channel_approval: Option<super::green_channel::GreenChannelApproval>,
}

/// 暂不标注风险消除 ("not yet", not "never"): recorded by the county with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deferral {
    pub on: NaiveDate,
    pub reason: String,
}

/// Where the case stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CaseState {
    /// Filed; the township has not accepted it yet.
    Reported,
    /// In one of the two four-step procedures.
    Reviewing {
        procedure: Procedure,
        step: ReviewStep,
    },
    /// The township found the filing outside the mechanism.
    RejectedOutOfScope { reason: String },
    /// The procedure ended without identification.
    NotIdentified { reason: String },
    /// Identified monitoring object: assisted and visited.
    Monitored,
    /// 风险消除.
    Eliminated { on: NaiveDate },
    /// Left monitoring without elimination: 标注回退, 清退, moved away, deregistered.
    Removed { kind: RemovalKind, on: NaiveDate },
}

/// Which four-step procedure a reviewing case is in ("怎么进怎么出").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    Identification,
    Elimination,
}

/// The step reached within a procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum ReviewStep {
    /// Accepted (identification) or proposed (elimination); home check next.
    AwaitingHomeCheck,
    HomeChecked,
    VillageReviewed,
    /// Public notice posted on `from`; may end on or after `min_until`. Where policy lets the
    /// township review while the notice runs (Hebei), `township_reviewed` records that it has.
    NoticeRunning {
        from: NaiveDate,
        min_until: NaiveDate,
        #[serde(default)]
        township_reviewed: bool,
    },
    /// Notice taken down; township review next.
    NoticeEnded,
    TownshipReviewed,
}

/// Derived sub-stage of assistance for a monitored case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssistanceStage {
    AwaitingResponsible,
    ResponsibleAssigned,
    PlanMade,
    Assisting,
}

/// One assistance measure (缺什么补什么).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    pub measure_type: MeasureType,
    pub lead_department: String,
    pub amount: Fen,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub status: MeasureStatus,
    /// The day it was first recorded as started (落实中 or 已落实), which may be after its
    /// planned start: the household read the planned days of help begun later (household
    /// re-tester). Set by the engine, never by a form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_on: Option<NaiveDate>,
    /// The day it was recorded as delivered (已落实): a one-off's payment day (it read as
    /// paid the day it was started: household tester). Set by the engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_on: Option<NaiveDate>,
    /// The day the plan's notice it was decided by ended: measures added later go through a
    /// review of their own, and this one's lateness still stands meanwhile (it vanished while
    /// a new measure awaited review: both testers). Set by the engine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noticed_on: Option<NaiveDate>,
}

impl Measure {
    /// The day it began, when not the day planned: said beside the plan's dates.
    pub fn began_off_plan(&self) -> Option<NaiveDate> {
        self.started_on
            .filter(|day| self.status.is_started() && *day != self.start)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    Planned,
    InProgress,
    Delivered,
    /// Taken out of the plan before it started (the village did not pass it, or it was
    /// entered by mistake): no help, no hold on 风险消除, not shown to the household.
    Withdrawn,
}

impl MeasureStatus {
    pub const ALL: [MeasureStatus; 4] = [
        MeasureStatus::Planned,
        MeasureStatus::InProgress,
        MeasureStatus::Delivered,
        MeasureStatus::Withdrawn,
    ];

    /// The status of a serde name ([`MeasureStatus::code`]).
    pub fn from_code(code: &str) -> Option<MeasureStatus> {
        MeasureStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Planned, in progress or delivered: a started measure counts for the assistance clock.
    pub fn is_started(self) -> bool {
        match self {
            MeasureStatus::Planned | MeasureStatus::Withdrawn => false,
            MeasureStatus::InProgress | MeasureStatus::Delivered => true,
        }
    }

    /// Part of the plan: not withdrawn.
    pub fn counts(self) -> bool {
        self != MeasureStatus::Withdrawn
    }

    /// The status a measure moves to next, if it can still move.
    pub fn next(self) -> Option<MeasureStatus> {
        match self {
            MeasureStatus::Planned => Some(MeasureStatus::InProgress),
            MeasureStatus::InProgress => Some(MeasureStatus::Delivered),
            MeasureStatus::Delivered | MeasureStatus::Withdrawn => None,
        }
    }

    /// The serde name (`case_items.measure_status` in locales/*.json).
    pub fn code(self) -> &'static str {
        match self {
            MeasureStatus::Planned => "planned",
            MeasureStatus::InProgress => "in_progress",
            MeasureStatus::Delivered => "delivered",
            MeasureStatus::Withdrawn => "withdrawn",
        }
    }

    /// Not delivered yet, so it can still move forward.
    pub fn can_advance(self) -> bool {
        match self {
            MeasureStatus::Planned | MeasureStatus::InProgress => true,
            MeasureStatus::Delivered | MeasureStatus::Withdrawn => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VillageReview {
    pub date: NaiveDate,
    pub outcome: VillageOutcome,
}

/// Result of the village democratic review (村级评议).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum VillageOutcome {
    Pass,
    Fail { reason: String },
}

impl VillageOutcome {
    /// What a plan review stored before it could fail said.
    pub fn passed() -> VillageOutcome {
        VillageOutcome::Pass
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objection {
    pub at: NaiveDateTime,
    pub by: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub date: NaiveDate,
    pub by: String,
    pub notes: String,
    pub tier_after: Option<RiskTier>,
}

/// The four elimination criteria, each attested by the proposer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct EliminationChecklist {
    pub income_above_line: bool,
    pub three_guarantees_and_water_secured: bool,
    pub rigid_spending_resolved: bool,
    pub measures_delivered: bool,
}

impl EliminationChecklist {
    pub const ALL_MET: EliminationChecklist = EliminationChecklist {
        income_above_line: true,
        three_guarantees_and_water_secured: true,
        rigid_spending_resolved: true,
        measures_delivered: true,
    };

    /// The first unmet criterion, by its field name.
    pub fn first_unmet(&self) -> Option<&'static str> {
        [
            (self.income_above_line, "income_above_line"),
            (
                self.three_guarantees_and_water_secured,
                "three_guarantees_and_water_secured",
            ),
            (self.rigid_spending_resolved, "rigid_spending_resolved"),
            (self.measures_delivered, "measures_delivered"),
        ]
        .into_iter()
        .find(|(met, _)| !met)
        .map(|(_, name)| name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reopening {
    pub on: NaiveDate,
    pub reason: String,
}

/// A pending request to extend a clock, awaiting the next level up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionRequest {
    pub clock: ClockKind,
    pub owner: Level,
    pub requested_by: String,
    pub requested_on: NaiveDate,
    pub days: u32,
    pub reason: String,
    /// Due date if approved (computed when requested).
    pub new_due: NaiveDate,
}

/// Every [`CaseState::code`] in procedure order: identification, its endings, monitoring,
/// the elimination review, the endings after it. Lists of states are slices of this one.
pub const STATE_CODES: [&str; 18] = [
    "reported",
    "accepted",
    "home_checked",
    "village_reviewed",
    "notice_running",
    "notice_ended",
    "township_reviewed",
    "rejected_out_of_scope",
    "not_identified",
    "identified",
    "elimination_proposed",
    "elimination_home_checked",
    "elimination_village_reviewed",
    "elimination_notice_running",
    "elimination_notice_ended",
    "elimination_township_reviewed",
    "eliminated",
    "removed",
];

impl CaseState {
    /// Stable snake_case code for APIs, refusals and filters.
    pub fn code(&self) -> &'static str {
        match self {
            CaseState::Reported => "reported",
            CaseState::Reviewing { procedure, step } => match (procedure, step) {
                (Procedure::Identification, ReviewStep::AwaitingHomeCheck) => "accepted",
                (Procedure::Identification, ReviewStep::HomeChecked) => "home_checked",
                (Procedure::Identification, ReviewStep::VillageReviewed) => "village_reviewed",
                (Procedure::Identification, ReviewStep::NoticeRunning { .. }) => "notice_running",
                (Procedure::Identification, ReviewStep::NoticeEnded) => "notice_ended",
                (Procedure::Identification, ReviewStep::TownshipReviewed) => "township_reviewed",
                (Procedure::Elimination, ReviewStep::AwaitingHomeCheck) => "elimination_proposed",
                (Procedure::Elimination, ReviewStep::HomeChecked) => "elimination_home_checked",
                (Procedure::Elimination, ReviewStep::VillageReviewed) => {
                    "elimination_village_reviewed"
                }
                (Procedure::Elimination, ReviewStep::NoticeRunning { .. }) => {
                    "elimination_notice_running"
                }
                (Procedure::Elimination, ReviewStep::NoticeEnded) => "elimination_notice_ended",
                (Procedure::Elimination, ReviewStep::TownshipReviewed) => {
                    "elimination_township_reviewed"
                }
            },
            CaseState::RejectedOutOfScope { .. } => "rejected_out_of_scope",
            CaseState::NotIdentified { .. } => "not_identified",
            CaseState::Monitored => "identified",
            CaseState::Eliminated { .. } => "eliminated",
            CaseState::Removed { .. } => "removed",
        }
    }

    /// The procedure and step while reviewing.
    pub fn review_step(&self) -> Option<(Procedure, ReviewStep)> {
        match self {
            CaseState::Reviewing { procedure, step } => Some((*procedure, *step)),
            CaseState::Reported
            | CaseState::RejectedOutOfScope { .. }
            | CaseState::NotIdentified { .. }
            | CaseState::Monitored
            | CaseState::Eliminated { .. }
            | CaseState::Removed { .. } => None,
        }
    }

    /// The case is a monitoring object now (identified, possibly under elimination review).
    pub fn is_monitored(&self) -> bool {
        match self {
            CaseState::Monitored
            | CaseState::Reviewing {
                procedure: Procedure::Elimination,
                ..
            } => true,
            CaseState::Reported
            | CaseState::Reviewing {
                procedure: Procedure::Identification,
                ..
            }
            | CaseState::RejectedOutOfScope { .. }
            | CaseState::NotIdentified { .. }
            | CaseState::Eliminated { .. }
            | CaseState::Removed { .. } => false,
        }
    }

    /// No further workflow step (only refusal notices and clock housekeeping remain).
    pub fn is_closed(&self) -> bool {
        match self {
            CaseState::RejectedOutOfScope { .. }
            | CaseState::NotIdentified { .. }
            | CaseState::Eliminated { .. }
            | CaseState::Removed { .. } => true,
            CaseState::Reported | CaseState::Reviewing { .. } | CaseState::Monitored => false,
        }
    }
}

impl Case {
    /// The plan's measures, less those withdrawn.
    pub fn plan_measures(&self) -> impl Iterator<Item = &Measure> {
        self.measures.iter().filter(|m| m.status.counts())
    }

    /// Clocks still counting (running or paused).
    pub fn open_clocks(&self) -> impl Iterator<Item = &Clock> {
        self.clocks.iter().filter(|c| c.is_open())
    }

    /// The deadline that matters next: the earliest open clock that is a deadline, not a
    /// minimum (the notice window only when nothing else is open).
    pub fn next_deadline(&self) -> Option<&Clock> {
        self.open_clocks()
            .min_by_key(|c| (c.kind.is_minimum(), c.due_on))
    }

    /// Warnings staff should see before acting: an unresolved duplicate, negative-list hits.
    pub fn warnings_zh(&self) -> Vec<&'static str> {
        let mut warnings = Vec::new();
        if self.duplicate_unresolved() {
            warnings.push("疑似重复申报");
        }
        if !self.negative_hits().is_empty() {
            warnings.push("比对命中负面清单");
        }
        warnings
    }

    /// The open clock of `kind`, if any (at most one per kind is open).
    pub fn open_clock(&self, kind: ClockKind) -> Option<&Clock> {
        self.open_clocks().find(|c| c.kind == kind)
    }

    pub fn pending_extension(&self, kind: ClockKind) -> Option<&ExtensionRequest> {
        self.extension_requests.iter().find(|r| r.clock == kind)
    }

    /// Sub-stage of assistance (meaningful once identified or under the green channel).
    pub fn assistance_stage(&self) -> AssistanceStage {
        if self.measures.iter().any(|m| m.status.is_started()) {
            AssistanceStage::Assisting
        } else if self.plan_measures().next().is_some() {
            AssistanceStage::PlanMade
        } else if self.responsible.is_some() {
            AssistanceStage::ResponsibleAssigned
        } else {
            AssistanceStage::AwaitingResponsible
        }
    }

    /// The latest home check shows a household where nobody can work.
    pub fn no_member_can_work(&self) -> bool {
        self.household
            .as_ref()
            .is_some_and(HomeCheckRecord::no_member_can_work)
    }

    /// A suspected duplicate still blocks acceptance.
    pub fn duplicate_unresolved(&self) -> bool {
        !self.duplicates.is_empty() && self.duplicate_override.is_none()
    }

    /// Negative-list hits of the latest comparison (none without a comparison).
    pub fn negative_hits(&self) -> &[super::screening::NegativeItem] {
        self.comparison.as_ref().map_or(&[], |c| c.hits.as_slice())
    }

    /// Some risk on the case is sudden (illness, disaster, accident, epidemic...).
    pub fn has_sudden_risk(&self) -> bool {
        self.risks.iter().any(|r| r.is_sudden())
    }
}
