//! 办理经过 on the household's page: what happened to its filing and when, in plain words,
//! from its events. It showed only where the filing stands now, undated, and the one dated
//! list (谁查看过我的信息) read as a progress log (household tester).
use chrono::NaiveDate;

use crate::domain::{
    case::{
        event::{CaseEvent, EventKind},
        MeasureStatus, VillageOutcome,
    },
    lang::Lang,
};
use crate::tr::household_history as w;

/// The newest this many steps are listed (monthly visits would make it long).
const LISTED: usize = 15;

/// One line per step the household would recognise, oldest first: "2026年12月5日：…".
pub fn history(events: &[CaseEvent], lang: Lang) -> Vec<String> {
    let lines: Vec<String> = events
        .iter()
        .filter_map(|e| {
            let (day, words) = step(e, lang)?;
            Some(format!(
                "{}{}{words}",
                lang.date(day),
                crate::tr::common::colon(lang)
            ))
        })
        .collect();
    let skip = lines.len().saturating_sub(LISTED);
    lines.into_iter().skip(skip).collect()
}

fn step(event: &CaseEvent, lang: Lang) -> Option<(NaiveDate, &'static str)> {
    let on = event.at.date();
    Some(match &event.kind {
        EventKind::Reported { .. } => (on, w::reported(lang)),
        EventKind::Accepted => (on, w::accepted(lang)),
        EventKind::RejectedOutOfScope { .. } => (on, w::not_accepted(lang)),
        EventKind::HomeCheckRecorded { .. } => (on, w::home_check(lang)),
        EventKind::VillageReviewHeld { date, outcome } => match outcome {
            VillageOutcome::Pass => (*date, w::village_passed(lang)),
            VillageOutcome::Fail { .. } => (*date, w::village_not_passed(lang)),
        },
        EventKind::NoticeStarted { from, .. } => (*from, w::notice_started(lang)),
        EventKind::ObjectionRecorded { .. } => (on, w::objection(lang)),
        EventKind::NoticeEnded { on } => (*on, w::notice_ended(lang)),
        EventKind::TownshipReviewed { approve: true, .. } => (on, w::township_passed(lang)),
        EventKind::TownshipReviewed { approve: false, .. } => (on, w::township_returned(lang)),
        EventKind::Identified { .. } => (on, w::identified(lang)),
        EventKind::NotIdentified { .. } => (on, w::not_identified(lang)),
        EventKind::ResponsibleAssigned { .. } => (on, w::responsible(lang)),
        EventKind::PlanAdded { .. } => (on, w::plan(lang)),
        // The plan's own review and notice, as the identification's are (household
        // re-tester: the page said the plan was on the board, the list did not).
        EventKind::PlanReviewed { date } => (*date, w::plan_passed(lang)),
        EventKind::PlanReturned { date, .. } => (*date, w::plan_returned(lang)),
        EventKind::PlanNoticeStarted { from, .. } => (*from, w::plan_notice_started(lang)),
        EventKind::PlanObjectionRecorded { .. } => (on, w::plan_objection(lang)),
        EventKind::PlanNoticeEnded { on } => (*on, w::plan_notice_ended(lang)),
        EventKind::MeasureStatusUpdated { status, .. } => match status {
            MeasureStatus::InProgress => (on, w::measure_started(lang)),
            MeasureStatus::Delivered => (on, w::measure_delivered(lang)),
            MeasureStatus::Planned | MeasureStatus::Withdrawn => return None,
        },
        EventKind::VisitLogged { date, .. } => (*date, w::visited(lang)),
        EventKind::Eliminated { .. } => (on, w::eliminated(lang)),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::tests::setups::identified;

    /// An identified household reads each step with its day, oldest first, in plain words.
    #[test]
    fn each_step_is_dated_in_order() {
        let j = identified();
        let lines = history(&j.events, Lang::Zh);
        let at = |words: &str| {
            lines
                .iter()
                .position(|l| l.contains(words))
                .unwrap_or_else(|| panic!("{words}: {lines:?}"))
        };
        assert!(at("提交了申报") < at("乡镇受理了申报"));
        assert!(at("乡镇受理了申报") < at("村里上门核查"));
        assert!(at("张榜公示") < at("县里认定"));
        assert!(
            lines.iter().all(|l| l.contains("年") && l.contains("日：")),
            "{lines:?}"
        );
        let en = history(&j.events, Lang::En);
        assert!(en.iter().any(|l| l.contains("Report sent")), "{en:?}");
    }

    /// The plan's village review and notice are listed after it, as the identification's are
    /// (household re-tester).
    #[test]
    fn the_plans_review_and_notice_are_listed() {
        let mut j = crate::domain::case::tests::setups::plan_notice_over();
        j.act(
            crate::domain::case::Role::VillageCadre,
            crate::domain::case::CaseCommand::EndPlanNotice,
        );
        let lines = history(&j.events, Lang::Zh);
        let at = |words: &str| {
            lines
                .iter()
                .position(|l| l.ends_with(words))
                .unwrap_or_else(|| panic!("{words}: {lines:?}"))
        };
        assert!(at("定了帮扶措施") < at("村里评议通过了帮扶措施"));
        assert!(at("村里评议通过了帮扶措施") < at("帮扶措施在村务公开栏公示"));
        assert!(at("帮扶措施在村务公开栏公示") < at("帮扶措施公示结束"));
    }
}
