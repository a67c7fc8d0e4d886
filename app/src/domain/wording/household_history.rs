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

/// The newest this many visits are listed (monthly visits would make it long); every other
/// step is: the oldest ones, the filing and its acceptance, went first and said nothing of it
/// (household tester).
const VISITS_LISTED: usize = 3;

/// One line per step the household would recognise, oldest first: "2026年12月5日：…".
pub fn history(events: &[CaseEvent], lang: Lang) -> Vec<String> {
    let steps: Vec<(bool, String)> = events
        .iter()
        .filter_map(|e| {
            let (day, words) = step(e, lang)?;
            let visit = matches!(e.kind, EventKind::VisitLogged { .. });
            let line = format!(
                "{}{}{words}",
                lang.date(day),
                crate::tr::common::colon(lang)
            );
            Some((visit, line))
        })
        .collect();
    let visits = steps.iter().filter(|(visit, _)| *visit).count();
    let left_out = visits.saturating_sub(VISITS_LISTED);
    let mut skipped = 0;
    let mut lines = Vec::with_capacity(steps.len());
    for (visit, line) in steps {
        if !visit || skipped == left_out {
            lines.push(line);
            continue;
        }
        // Said where the first of them was, not above the filing (household re-tester).
        if skipped == 0 {
            lines.push(w::visits_not_listed(lang, left_out));
        }
        skipped += 1;
    }
    lines
}

fn step(event: &CaseEvent, lang: Lang) -> Option<(NaiveDate, String)> {
    let on = event.at.date();
    let (day, words) = match &event.kind {
        // Which measure, where the event says (household tester: "一项帮扶措施开始落实" twice).
        EventKind::MeasureStatusUpdated {
            status,
            measure: Some(measure),
            ..
        } => {
            let name = measure.label(lang);
            return match status {
                MeasureStatus::InProgress => Some((on, w::measure_started_named(lang, name))),
                MeasureStatus::Delivered => Some((on, w::measure_delivered_named(lang, name))),
                MeasureStatus::Planned | MeasureStatus::Withdrawn => None,
            };
        }
        EventKind::Reported { .. } => (on, w::reported(lang)),
        EventKind::Accepted => (on, w::accepted(lang)),
        EventKind::RejectedOutOfScope { .. } => (on, w::not_accepted(lang)),
        EventKind::RefusalNotified { on } => (*on, w::refusal_told(lang)),
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
    };
    Some((day, words.to_owned()))
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

    /// Visits past the newest three are counted, not listed, and nothing else is dropped: the
    /// filing and its acceptance went first (household tester). A measure is named.
    #[test]
    fn old_visits_are_counted_and_every_other_step_kept() {
        let mut events = identified().events;
        let last = events.last().expect("events").clone();
        for day in 1..=5 {
            let mut visit = last.clone();
            visit.kind = EventKind::VisitLogged {
                date: last.at.date() + chrono::Duration::days(day),
                notes: "走访".into(),
                new_tier: None,
            };
            events.push(visit);
        }
        let mut started = last.clone();
        started.kind = EventKind::MeasureStatusUpdated {
            index: 0,
            status: MeasureStatus::InProgress,
            measure: Some(crate::domain::vocab::MeasureType::Medical),
        };
        events.push(started);
        let lines = history(&events, Lang::Zh);
        assert!(lines[0].ends_with("提交了申报"), "{lines:?}");
        let summary = lines
            .iter()
            .position(|l| l == "更早的2次上门走访没有列出")
            .expect("summarised");
        // In the visits' place, after the steps before them (household re-tester).
        assert!(
            lines[summary - 1].ends_with("县里认定为监测对象"),
            "{lines:?}"
        );
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.ends_with("上门走访，了解家里的情况"))
                .count(),
            3
        );
        assert!(
            lines.last().expect("line").ends_with("医疗保障开始落实"),
            "{lines:?}"
        );
    }
}
