//! Names of states, events and measure progress, for staff pages and household pages.
use crate::domain::lang::Lang;
use crate::tr;

use crate::domain::case::{
    event::{CaseEvent, EventKind},
    state::{CaseState, MeasureStatus, VillageOutcome},
};

pub fn state_zh(state: &CaseState) -> &'static str {
    state_code_zh(state.code())
}

/// By stable state code, so rows that only carry the code can be labelled too.
pub fn state_code_zh(code: &str) -> &'static str {
    match code {
        "reported" => "待乡镇受理",
        "accepted" => "待入户核查",
        "home_checked" => "待村级评议",
        "village_reviewed" => "待公示",
        "notice_running" => "公示中",
        "notice_ended" => "待乡镇审核",
        "township_reviewed" => "待县级审定",
        "rejected_out_of_scope" => "不予受理",
        "not_identified" => "未认定",
        "identified" => "监测帮扶中",
        "elimination_proposed" => "风险消除：待入户核查",
        "elimination_home_checked" => "风险消除：待村级评议",
        "elimination_village_reviewed" => "风险消除：待公示",
        "elimination_notice_running" => "风险消除：公示中",
        "elimination_notice_ended" => "风险消除：待乡镇审核",
        "elimination_township_reviewed" => "风险消除：待县级审定",
        "eliminated" => "风险已消除",
        other => super::engine::state_code_zh(other).unwrap_or("办理中"),
    }
}

/// A measure's progress in the household's language.
pub fn measure_status(status: MeasureStatus, lang: Lang) -> &'static str {
    match status {
        MeasureStatus::Planned => tr::labels::planned(lang),
        MeasureStatus::InProgress => tr::labels::progress(lang),
        MeasureStatus::Delivered => tr::labels::delivered(lang),
        MeasureStatus::Withdrawn => tr::labels::withdrawn(lang),
    }
}

pub fn measure_status_zh(status: MeasureStatus) -> &'static str {
    measure_status(status, Lang::Zh)
}

fn measure_names_zh(measures: &[crate::domain::case::Measure]) -> String {
    measures
        .iter()
        .map(|m| m.measure_type.label_zh())
        .collect::<Vec<_>>()
        .join("、")
}

/// A plan added after the first, in Chinese: measures added, not the plan made again (it read
/// 制定帮扶计划 twice: officer tester). See [`super::timeline_words::later_plans`].
pub fn measures_added_zh(event: &CaseEvent) -> Option<String> {
    match &event.kind {
        EventKind::PlanAdded { measures } => {
            Some(format!("增加帮扶措施：{}", measure_names_zh(measures)))
        }
        _ => None,
    }
}

/// One line of the case timeline; `None` for bookkeeping events shown with the clocks.
pub fn event_zh(event: &CaseEvent) -> Option<String> {
    let text = match &event.kind {
        EventKind::Reported { channel, .. } => format!("提交申报（{}）", channel.label_zh()),
        EventKind::Accepted => "乡镇受理，转村入户核查".into(),
        EventKind::RejectedOutOfScope { reason } => format!("不予受理：{reason}"),
        EventKind::HomeCheckRecorded { record } => format!(
            "完成入户核查（{}人，人均年收入{}）",
            record.members.len(),
            record
                .per_capita_income()
                .map(|f| f.to_string())
                .unwrap_or_else(|| "未知".into())
        ),
        EventKind::VillageReviewHeld { outcome, .. } => match outcome {
            VillageOutcome::Pass => "村级评议通过".into(),
            VillageOutcome::Fail { reason } => format!("村级评议未通过：{reason}"),
        },
        EventKind::NoticeStarted { from, min_until } => {
            format!(
                "开始公示（{} 起，最早 {} 结束）",
                zh_date(*from),
                zh_date(*min_until)
            )
        }
        EventKind::ObjectionRecorded { text } => format!("公示有异议，退回核查：{text}"),
        EventKind::NoticeEnded { on } => format!("公示结束（{}）", zh_date(*on)),
        EventKind::TownshipReviewed {
            approve: true,
            note,
        } if note.is_empty() => "乡镇审核通过".to_owned(),
        EventKind::TownshipReviewed { approve, note } => {
            format!(
                "乡镇审核{}：{note}",
                if *approve { "通过" } else { "未通过" }
            )
        }
        EventKind::Identified {
            category,
            tier,
            note,
        } => {
            let mut text = format!(
                "县级审定：认定为{}，风险等级{}",
                category.label_zh(),
                tier.label_zh()
            );
            if !note.is_empty() {
                text.push_str(&format!("（说明：{note}）"));
            }
            text
        }
        EventKind::DuplicateSuspected { matches } => format!(
            "系统提示疑似重复申报：{}",
            matches
                .iter()
                .map(|m| m.tracking.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ),
        EventKind::DuplicateOverridden { reason } => format!("确认不是重复申报：{reason}"),
        EventKind::ComparisonRecorded { hits, note } => {
            let found = if hits.is_empty() {
                "未命中负面清单".to_owned()
            } else {
                format!(
                    "命中负面清单：{}",
                    hits.iter()
                        .map(|h| h.label_zh())
                        .collect::<Vec<_>>()
                        .join("、")
                )
            };
            if note.is_empty() {
                format!("县级数据比对：{found}")
            } else {
                format!("县级数据比对：{found}（{note}）")
            }
        }
        EventKind::NotIdentified { .. } if super::timeline_words::by_village(event) => {
            "村级评议未通过，不予认定".to_owned()
        }
        EventKind::NotIdentified { reason } => format!("县级审定：不予认定，{reason}"),
        EventKind::RefusalNotified { on } => format!("已告知农户结果（{}）", zh_date(*on)),
        EventKind::ResponsibleAssigned {
            person,
            mobile: Some(mobile),
        } => format!("确定帮扶责任人：{person}（{}）", mobile.as_str()),
        EventKind::ResponsibleAssigned {
            person,
            mobile: None,
        } => {
            format!("确定帮扶责任人：{person}")
        }
        EventKind::PlanAdded { measures } => {
            format!("制定帮扶计划：{}", measure_names_zh(measures))
        }
        EventKind::MeasureStatusUpdated {
            status, measure, ..
        } => match measure {
            Some(m) => format!("帮扶措施“{}”{}", m.label_zh(), measure_status_zh(*status)),
            None => format!("帮扶措施{}", measure_status_zh(*status)),
        },
        // A tier changed at a visit is said (it was only in the cadre's note: tester).
        EventKind::VisitLogged {
            notes, new_tier, ..
        } => match new_tier {
            Some(tier) => format!("走访：{notes}（风险等级调整为{}）", tier.label_zh()),
            None => format!("走访：{notes}"),
        },
        EventKind::TierChanged { tier, reason } => {
            format!("风险等级调整为{}：{reason}", tier.label_zh())
        }
        EventKind::EliminationProposed { .. } => "提出风险消除".into(),
        EventKind::KeptMonitoring { reason } => format!("继续监测：{reason}"),
        EventKind::Eliminated { stability, .. } => super::engine::eliminated_zh(stability.as_ref()),
        EventKind::Removed { kind, reason, .. } => super::engine::removed_zh(*kind, reason),
        EventKind::EliminationDeferred { reason, .. } => super::engine::deferred_zh(reason),
        EventKind::PlanReviewed { date } => {
            format!("帮扶措施村级民主评议通过（{}）", zh_date(*date))
        }
        EventKind::PlanReturned { date, reason } => format!(
            "帮扶措施村级民主评议未通过（{}），退回乡镇修改：{reason}",
            zh_date(*date)
        ),
        EventKind::PlanObjectionRecorded { text } => {
            format!("帮扶措施公示有异议，退回村级评议：{text}")
        }
        EventKind::PlanNoticeStarted { from, min_until } => {
            format!(
                "帮扶措施开始公示（{} 起，最早 {} 结束）",
                zh_date(*from),
                zh_date(*min_until)
            )
        }
        EventKind::PlanNoticeEnded { on } => format!("帮扶措施公示结束（{}）", zh_date(*on)),
        EventKind::ReliefReviewed { note } => format!("临时救助转低保评估：{note}"),
        EventKind::AlertFedBack { note } => format!("已向预警部门反馈结果：{note}"),
        EventKind::CampaignStarted { name, until } => {
            format!("集中排查：{name}，{}前完成走访", zh_date(*until))
        }
        EventKind::Reopened { reason, .. } => format!("回退，重新纳入监测：{reason}"),
        EventKind::GreenChannelOpened => "开通绿色通道，先帮扶后公示".into(),
        EventKind::GreenChannelApproved {
            village_study_on,
            township_approved_on,
            ..
        } => super::engine::green_channel_zh(*village_study_on, *township_approved_on),
        EventKind::ExtensionRequested {
            clock,
            days,
            reason,
            ..
        } => {
            format!("申请延期{days}个工作日（{}）：{reason}", clock.label_zh())
        }
        EventKind::ExtensionDecided {
            clock, approved, ..
        } => format!(
            "{}延期申请{}",
            clock.label_zh(),
            if *approved { "已批准" } else { "未批准" }
        ),
        EventKind::ClockPaused { clock, reason, .. } => {
            format!("暂停计时（{}）：{reason}", clock.label_zh())
        }
        EventKind::ClockResumed { clock, .. } => format!("恢复计时（{}）", clock.label_zh()),
        EventKind::ClockStarted { .. }
        | EventKind::ClockMet { .. }
        | EventKind::ClockCancelled { .. } => return None,
    };
    Some(text)
}

/// A date in the Chinese timeline as the page writes it (2026年11月25日).
pub(super) fn zh_date(date: chrono::NaiveDate) -> String {
    crate::domain::lang::Lang::Zh.date(date)
}
