//! Stable codes and the words staff see for each kind of command (buttons, forms).

use super::command::CommandKind;

impl CommandKind {
    /// Stable snake_case code, identical to the serde representation.
    pub fn code(self) -> &'static str {
        match self {
            CommandKind::Accept => "accept",
            CommandKind::RejectOutOfScope => "reject_out_of_scope",
            CommandKind::RecordHomeCheck => "record_home_check",
            CommandKind::HoldVillageReview => "hold_village_review",
            CommandKind::StartNotice => "start_notice",
            CommandKind::RecordObjection => "record_objection",
            CommandKind::EndNotice => "end_notice",
            CommandKind::TownshipReview => "township_review",
            CommandKind::RecordComparison => "record_comparison",
            CommandKind::CountyDecide => "county_decide",
            CommandKind::CountyDecideElimination => "county_decide_elimination",
            CommandKind::NotifyRefusal => "notify_refusal",
            CommandKind::AssignResponsible => "assign_responsible",
            CommandKind::AddPlan => "add_plan",
            CommandKind::UpdateMeasureStatus => "update_measure_status",
            CommandKind::LogVisit => "log_visit",
            CommandKind::ChangeTier => "change_tier",
            CommandKind::ProposeElimination => "propose_elimination",
            CommandKind::Reopen => "reopen",
            CommandKind::OpenGreenChannel => "open_green_channel",
            CommandKind::RequestExtension => "request_extension",
            CommandKind::ApproveExtension => "approve_extension",
            CommandKind::PauseClock => "pause_clock",
            CommandKind::ResumeClock => "resume_clock",
            CommandKind::Remove => "remove",
            CommandKind::DeferElimination => "defer_elimination",
            CommandKind::ReviewPlan => "review_plan",
            CommandKind::StartPlanNotice => "start_plan_notice",
            CommandKind::EndPlanNotice => "end_plan_notice",
            CommandKind::ReviewRelief => "review_relief",
            CommandKind::FeedBackAlert => "feed_back_alert",
            CommandKind::StartCampaign => "start_campaign",
        }
    }

    /// Parses a [`CommandKind::code`] (exact match).
    pub fn from_code(code: &str) -> Option<CommandKind> {
        CommandKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
    }

    /// Short verb phrase for buttons, in Simplified Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            CommandKind::Accept => "受理",
            CommandKind::RejectOutOfScope => "不予受理",
            CommandKind::RecordHomeCheck => "录入入户核查",
            CommandKind::HoldVillageReview => "村级评议",
            CommandKind::StartNotice => "开始公示",
            CommandKind::RecordObjection => "登记异议",
            CommandKind::EndNotice => "结束公示",
            CommandKind::TownshipReview => "乡镇审核",
            CommandKind::RecordComparison => "录入县级数据比对",
            CommandKind::CountyDecide => "县级审定",
            CommandKind::CountyDecideElimination => "县级审定（风险消除）",
            // A removal is told too, not only a refusal (officer tester).
            CommandKind::NotifyRefusal => "告知农户结果和原因",
            CommandKind::AssignResponsible => "确定帮扶责任人",
            CommandKind::AddPlan => "制定帮扶计划",
            CommandKind::UpdateMeasureStatus => "更新措施进度",
            CommandKind::LogVisit => "登记走访",
            CommandKind::ChangeTier => "调整风险等级",
            CommandKind::ProposeElimination => "提出风险消除",
            // Not 回退 beside 标注回退/清退: officers read the two as one (tester).
            CommandKind::Reopen => "重新纳入监测",
            CommandKind::OpenGreenChannel => "开通绿色通道",
            CommandKind::RequestExtension => "申请延期",
            CommandKind::ApproveExtension => "审批延期",
            CommandKind::PauseClock => "暂停计时",
            CommandKind::ResumeClock => "恢复计时",
            CommandKind::Remove => "退出监测（识别错误、清退等）",
            CommandKind::DeferElimination => "暂不标注风险消除",
            CommandKind::ReviewPlan => "帮扶措施村级评议",
            CommandKind::StartPlanNotice => "开始公示帮扶措施",
            CommandKind::EndPlanNotice => "结束帮扶措施公示",
            CommandKind::ReviewRelief => "临时救助转低保评估",
            CommandKind::FeedBackAlert => "向预警部门反馈结果",
            CommandKind::StartCampaign => "开展集中排查走访",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CommandKind;
    use crate::{domain::lang::Lang, tr};

    /// The button was `确认{step}`, which read "确认确定帮扶责任人" for one step. The step's
    /// name now stands apart after a colon, so no verb of it runs into the button's own.
    #[test]
    fn every_step_button_sets_the_step_name_apart_from_its_verb() {
        for kind in CommandKind::ALL {
            for lang in [Lang::Zh, Lang::En] {
                let label = kind.label_zh();
                let button = tr::case_page::confirm(lang, label);
                let verb = button
                    .strip_suffix(label)
                    .expect("the button ends with the step");
                assert!(verb.ends_with('：') || verb.ends_with(": "), "{button}");
            }
        }
    }

    /// Going back under monitoring and leaving it were 回退 and 标注回退/清退: officers read
    /// them as one step (tester). Neither name now holds the other's key word.
    #[test]
    fn reopening_and_removing_read_apart() {
        let (back, out) = (
            CommandKind::Reopen.label_zh(),
            CommandKind::Remove.label_zh(),
        );
        assert!(
            !back.contains("回退") && !out.contains("回退"),
            "{back} / {out}"
        );
        assert!(
            back.contains("纳入") && out.contains("退出"),
            "{back} / {out}"
        );
    }
}
