//! What a user asks the engine to do with a case.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::clock::ClockKind;
use crate::domain::mobile::MobileNumber;
use crate::domain::region::RegionCode;
use crate::domain::vocab::{Category, Channel, RiskTier, RiskType};

use super::screening::{DuplicateMatch, NegativeItem};
use super::state::{EliminationChecklist, HomeCheckRecord, Measure, MeasureStatus, VillageOutcome};

/// A new filing; becomes the case's first event (`Reported`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCase {
    pub id: String,
    pub village: RegionCode,
    pub channel: Channel,
    pub risks: Vec<RiskType>,
    pub discovered_on: NaiveDate,
    /// Earlier filings that look like the same household, found by the service before
    /// filing; they block acceptance until rejected or overridden.
    #[serde(default)]
    pub duplicates: Vec<DuplicateMatch>,
}

/// A command on an existing case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
pub enum CaseCommand {
    /// Township accepts the filing and passes it to the village. A suspected duplicate
    /// needs `duplicate_override`: why this filing is a separate request.
    Accept {
        #[serde(default)]
        duplicate_override: Option<String>,
    },
    /// Township finds the filing outside the mechanism.
    RejectOutOfScope {
        reason: String,
    },
    /// 入户核查 (identification or elimination).
    RecordHomeCheck {
        record: HomeCheckRecord,
    },
    /// 村级民主评议.
    HoldVillageReview {
        date: NaiveDate,
        outcome: VillageOutcome,
    },
    /// Post the public notice (公示) from `from`.
    StartNotice {
        from: NaiveDate,
    },
    /// An objection during the notice: back to the home check. During the plan's notice
    /// (and no review's notice): the plan goes back to the village's review.
    RecordObjection {
        text: String,
    },
    /// Take the notice down (after the minimum length).
    EndNotice,
    /// 乡镇核查初审.
    TownshipReview {
        approve: bool,
        note: String,
    },
    /// The county's data comparison (县级比对) and its negative-list hits.
    RecordComparison {
        hits: Vec<NegativeItem>,
        note: String,
    },
    /// 县级比对审定 of an identification.
    CountyDecide {
        decision: IdentificationDecision,
    },
    /// 县级审定 of an elimination.
    CountyDecideElimination {
        decision: EliminationDecision,
    },
    /// The household was told why it was refused.
    NotifyRefusal {
        on: NaiveDate,
    },
    /// 帮扶责任人.
    AssignResponsible {
        person: String,
        /// The phone the household should call.
        mobile: MobileNumber,
    },
    /// 一户一策: add measures.
    AddPlan {
        measures: Vec<Measure>,
    },
    /// Move a measure forward (by its index in the case's measures).
    UpdateMeasureStatus {
        index: usize,
        status: MeasureStatus,
    },
    /// Move a measure to the status after its own: the update form's default, so the status
    /// follows whichever measure is picked (a page without scripts cannot change the status
    /// choice when the measure changes: tester).
    AdvanceMeasure {
        index: usize,
    },
    /// A monitoring visit, optionally re-tiering the household.
    LogVisit {
        date: NaiveDate,
        notes: String,
        new_tier: Option<RiskTier>,
    },
    ChangeTier {
        tier: RiskTier,
        reason: String,
    },
    /// Start the elimination procedure; every criterion must be attested.
    ProposeElimination {
        checklist: EliminationChecklist,
    },
    /// 回退: an eliminated household re-enters monitoring.
    Reopen {
        reason: String,
        tier: RiskTier,
    },
    /// Assist first, review and notice later (sudden severe hardship). The county opens it
    /// after the home check, the village committee's study and the township's approval.
    OpenGreenChannel {
        village_study_on: NaiveDate,
        township_approved_on: NaiveDate,
    },
    /// The county removes a monitored or eliminated household without elimination
    /// (标注回退, 清退, moved away, deregistered), with its reason.
    Remove {
        kind: super::reversal::RemovalKind,
        reason: String,
    },
    /// 暂不标注风险消除: a no-labour household has its 兜底 measure and stays monitored.
    DeferElimination {
        reason: String,
    },
    /// The village's democratic review of the assistance plan (落实帮扶措施). Not passed:
    /// back to the township to revise the plan.
    ReviewPlan {
        date: NaiveDate,
        #[serde(default = "VillageOutcome::passed")]
        outcome: VillageOutcome,
    },
    /// Post the assistance plan's public notice from `from`.
    StartPlanNotice {
        from: NaiveDate,
    },
    /// Take the plan's notice down (after the minimum length).
    EndPlanNotice,
    /// 临时救助 → 低保 review: what the township decided and why.
    ReviewRelief {
        note: String,
    },
    /// 结果反馈: what the county told the alerting department.
    FeedBackAlert {
        note: String,
    },
    /// The yearly 集中排查 campaign: a visit due by `until`.
    StartCampaign {
        name: String,
        until: NaiveDate,
    },
    /// The clock's owner asks for more time, before it is due.
    RequestExtension {
        clock: ClockKind,
        days: u32,
        reason: String,
    },
    /// The next level up decides a pending extension request.
    ApproveExtension {
        clock: ClockKind,
        approve: bool,
    },
    /// The clock's owner stops a running clock while the step cannot go on (农户外出、住院无法
    /// 入户). The statutory identification limit cannot be paused.
    PauseClock {
        clock: ClockKind,
        reason: String,
    },
    /// The clock's owner restarts a paused clock; its due date moves by the working days
    /// spent paused.
    ResumeClock {
        clock: ClockKind,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum IdentificationDecision {
    /// `note` explains identifying despite negative-list hits, or why the comparison was
    /// skipped (where policy allows); otherwise it may be empty.
    Identify {
        category: Category,
        tier: RiskTier,
        #[serde(default)]
        note: String,
    },
    NotIdentify {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum EliminationDecision {
    Eliminate,
    KeepMonitoring { reason: String },
}

/// Data-free name of a command: what the UI shows a form for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommandKind {
    Accept,
    RejectOutOfScope,
    RecordHomeCheck,
    HoldVillageReview,
    StartNotice,
    RecordObjection,
    EndNotice,
    TownshipReview,
    RecordComparison,
    CountyDecide,
    CountyDecideElimination,
    NotifyRefusal,
    AssignResponsible,
    AddPlan,
    UpdateMeasureStatus,
    LogVisit,
    ChangeTier,
    ProposeElimination,
    Reopen,
    OpenGreenChannel,
    RequestExtension,
    ApproveExtension,
    PauseClock,
    ResumeClock,
    Remove,
    DeferElimination,
    ReviewPlan,
    StartPlanNotice,
    EndPlanNotice,
    ReviewRelief,
    FeedBackAlert,
    StartCampaign,
}

impl CommandKind {
    pub const ALL: [CommandKind; 32] = [
        CommandKind::Accept,
        CommandKind::RejectOutOfScope,
        CommandKind::RecordHomeCheck,
        CommandKind::HoldVillageReview,
        CommandKind::StartNotice,
        CommandKind::RecordObjection,
        CommandKind::EndNotice,
        CommandKind::TownshipReview,
        CommandKind::RecordComparison,
        CommandKind::CountyDecide,
        CommandKind::CountyDecideElimination,
        CommandKind::NotifyRefusal,
        CommandKind::AssignResponsible,
        CommandKind::AddPlan,
        CommandKind::UpdateMeasureStatus,
        CommandKind::LogVisit,
        CommandKind::ChangeTier,
        CommandKind::ProposeElimination,
        CommandKind::Reopen,
        CommandKind::OpenGreenChannel,
        CommandKind::RequestExtension,
        CommandKind::ApproveExtension,
        CommandKind::PauseClock,
        CommandKind::ResumeClock,
        CommandKind::Remove,
        CommandKind::DeferElimination,
        CommandKind::ReviewPlan,
        CommandKind::StartPlanNotice,
        CommandKind::EndPlanNotice,
        CommandKind::ReviewRelief,
        CommandKind::FeedBackAlert,
        CommandKind::StartCampaign,
    ];
}

impl CaseCommand {
    /// Plain acceptance (no suspected duplicate to override).
    pub const ACCEPT: CaseCommand = CaseCommand::Accept {
        duplicate_override: None,
    };

    pub fn kind(&self) -> CommandKind {
        match self {
            CaseCommand::Accept { .. } => CommandKind::Accept,
            CaseCommand::RejectOutOfScope { .. } => CommandKind::RejectOutOfScope,
            CaseCommand::RecordHomeCheck { .. } => CommandKind::RecordHomeCheck,
            CaseCommand::HoldVillageReview { .. } => CommandKind::HoldVillageReview,
            CaseCommand::StartNotice { .. } => CommandKind::StartNotice,
            CaseCommand::RecordObjection { .. } => CommandKind::RecordObjection,
            CaseCommand::EndNotice => CommandKind::EndNotice,
            CaseCommand::TownshipReview { .. } => CommandKind::TownshipReview,
            CaseCommand::RecordComparison { .. } => CommandKind::RecordComparison,
            CaseCommand::CountyDecide { .. } => CommandKind::CountyDecide,
            CaseCommand::CountyDecideElimination { .. } => CommandKind::CountyDecideElimination,
            CaseCommand::NotifyRefusal { .. } => CommandKind::NotifyRefusal,
            CaseCommand::AssignResponsible { .. } => CommandKind::AssignResponsible,
            CaseCommand::AddPlan { .. } => CommandKind::AddPlan,
            CaseCommand::UpdateMeasureStatus { .. } | CaseCommand::AdvanceMeasure { .. } => {
                CommandKind::UpdateMeasureStatus
            }
            CaseCommand::LogVisit { .. } => CommandKind::LogVisit,
            CaseCommand::ChangeTier { .. } => CommandKind::ChangeTier,
            CaseCommand::ProposeElimination { .. } => CommandKind::ProposeElimination,
            CaseCommand::Reopen { .. } => CommandKind::Reopen,
            CaseCommand::OpenGreenChannel { .. } => CommandKind::OpenGreenChannel,
            CaseCommand::RequestExtension { .. } => CommandKind::RequestExtension,
            CaseCommand::ApproveExtension { .. } => CommandKind::ApproveExtension,
            CaseCommand::PauseClock { .. } => CommandKind::PauseClock,
            CaseCommand::ResumeClock { .. } => CommandKind::ResumeClock,
            CaseCommand::Remove { .. } => CommandKind::Remove,
            CaseCommand::DeferElimination { .. } => CommandKind::DeferElimination,
            CaseCommand::ReviewPlan { .. } => CommandKind::ReviewPlan,
            CaseCommand::StartPlanNotice { .. } => CommandKind::StartPlanNotice,
            CaseCommand::EndPlanNotice => CommandKind::EndPlanNotice,
            CaseCommand::ReviewRelief { .. } => CommandKind::ReviewRelief,
            CaseCommand::FeedBackAlert { .. } => CommandKind::FeedBackAlert,
            CaseCommand::StartCampaign { .. } => CommandKind::StartCampaign,
        }
    }
}
