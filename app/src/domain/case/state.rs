//! The case as rebuilt from its events: where it stands, what the home check found, clocks.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::screening::{Comparison, DuplicateMatch};
use crate::domain::clock::{Clock, ClockKind, Level};
use crate::domain::id_number::IdNumber;
use crate::domain::money::Fen;
use crate::domain::region::RegionCode;
use crate::domain::vocab::{Category, Channel, LabourCapacity, MeasureType, RiskTier, RiskType};

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
    /// 帮扶责任人.
    pub responsible: Option<String>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    Planned,
    InProgress,
    Delivered,
}

impl MeasureStatus {
    /// Planned, in progress or delivered: a started measure counts for the assistance clock.
    pub fn is_started(self) -> bool {
        match self {
            MeasureStatus::Planned => false,
            MeasureStatus::InProgress | MeasureStatus::Delivered => true,
        }
    }

    /// Not delivered yet, so it can still move forward.
    pub fn can_advance(self) -> bool {
        match self {
            MeasureStatus::Planned | MeasureStatus::InProgress => true,
            MeasureStatus::Delivered => false,
        }
    }
}

/// What a home visit found and recorded (入户核查).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeCheckRecord {
    pub date: NaiveDate,
    pub visitors: Vec<String>,
    pub members: Vec<Member>,
    pub guarantees: Guarantees,
    /// 承诺授权书 signed by the household.
    pub consent_signed: bool,
    /// Large rigid spending over the income window (medical, schooling, disaster repair);
    /// records stored before it existed read as zero.
    #[serde(default)]
    pub rigid_expenditure: Fen,
    /// 建档立卡脱贫户: registered as poor before 2021 (decides 脱贫不稳定户 vs 边缘易致贫户).
    #[serde(default)]
    pub formerly_poor: bool,
}

/// One household member as the home check found them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub labour: LabourCapacity,
    /// Net income over the income window.
    pub annual_income: Fen,
    /// Relation to the head of household; older records read as [`Relation::Other`].
    #[serde(default)]
    pub relation: Relation,
    /// 身份证号, when the home check recorded it.
    #[serde(default)]
    pub id_number: Option<IdNumber>,
    /// Schooling or job status; older records read as [`MemberStatus::Other`].
    #[serde(default)]
    pub status: MemberStatus,
}

/// Declares a small member vocabulary: `ALL`, `code`, `from_code`, `label_zh`, `label_en`.
macro_rules! member_vocab {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $variant:ident => $code:literal, $zh:literal, $en:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize,
            Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $variant, )+
            #[default]
            Other,
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+ $name::Other];

            /// Stable snake_case code (the serde name).
            pub const fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                    $name::Other => "other",
                }
            }

            /// The value with this code, if any (exact match).
            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    "other" => Some($name::Other),
                    _ => None,
                }
            }

            /// Label in Simplified Chinese.
            pub const fn label_zh(self) -> &'static str {
                match self {
                    $($name::$variant => $zh,)+
                    $name::Other => "其他",
                }
            }

            /// Label in English.
            pub const fn label_en(self) -> &'static str {
                match self {
                    $($name::$variant => $en,)+
                    $name::Other => "Other",
                }
            }
        }
    };
}

member_vocab! {
    /// A member's relation to the head of household (与户主关系).
    pub enum Relation {
        Head => "head", "户主", "Head of household";
        Spouse => "spouse", "配偶", "Spouse";
        Child => "child", "子女", "Child";
        Parent => "parent", "父母", "Parent";
        Grandchild => "grandchild", "孙子女", "Grandchild";
    }
}

member_vocab! {
    /// A member's schooling or job status (在校生、务工...).
    pub enum MemberStatus {
        AtSchool => "at_school", "在校生", "At school";
        Working => "working", "务工", "Working away";
        Farming => "farming", "务农", "Farming";
        Unemployed => "unemployed", "失业/无业", "Unemployed";
        Retired => "retired", "退休/年老", "Retired or elderly";
        Preschool => "preschool", "学龄前", "Preschool";
    }
}

/// 两不愁三保障 and safe drinking water: `true` means secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Guarantees {
    pub food: bool,
    pub clothing: bool,
    pub compulsory_education: bool,
    pub basic_medical: bool,
    pub housing_safety: bool,
    pub drinking_water: bool,
}

impl Guarantees {
    pub const ALL_SECURED: Guarantees = Guarantees {
        food: true,
        clothing: true,
        compulsory_education: true,
        basic_medical: true,
        housing_safety: true,
        drinking_water: true,
    };

    pub fn all_secured(&self) -> bool {
        self.food
            && self.clothing
            && self.compulsory_education
            && self.basic_medical
            && self.housing_safety
            && self.drinking_water
    }
}

impl HomeCheckRecord {
    /// Household net income divided by the number of members; `None` without members.
    pub fn per_capita_income(&self) -> Option<Fen> {
        let count = i64::try_from(self.members.len()).ok().filter(|n| *n > 0)?;
        let total: i64 = self.members.iter().map(|m| m.annual_income.fen()).sum();
        Some(Fen::from_fen(total / count))
    }

    /// Household net income minus the rigid expenditure, divided by the number of members;
    /// negative when spending exceeds income, `None` without members.
    pub fn per_capita_net_income(&self) -> Option<Fen> {
        let count = i64::try_from(self.members.len()).ok().filter(|n| *n > 0)?;
        let total = self
            .members
            .iter()
            .fold(0i64, |sum, m| sum.saturating_add(m.annual_income.fen()));
        let net = total.saturating_sub(self.rigid_expenditure.fen());
        Some(Fen::from_fen(net / count))
    }

    /// Every member lacks labour capacity (the household can never be marked eliminated).
    pub fn no_member_can_work(&self) -> bool {
        !self.members.is_empty()
            && self
                .members
                .iter()
                .all(|m| m.labour == LabourCapacity::None)
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
            | CaseState::Eliminated { .. } => None,
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
            | CaseState::Eliminated { .. } => false,
        }
    }

    /// No further workflow step (only refusal notices and clock housekeeping remain).
    pub fn is_closed(&self) -> bool {
        match self {
            CaseState::RejectedOutOfScope { .. }
            | CaseState::NotIdentified { .. }
            | CaseState::Eliminated { .. } => true,
            CaseState::Reported | CaseState::Reviewing { .. } | CaseState::Monitored => false,
        }
    }
}

impl Case {
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
        } else if !self.measures.is_empty() {
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
