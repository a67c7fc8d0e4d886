//! The progress page's headline for open cases: it names the real next step and who does it,
//! so it never contradicts the "what happens next" line below it (a tester read "等待县里决定"
//! above "公示结束后，由乡镇审核").
use crate::domain::{
    case::{AssistanceStage, Procedure, ReviewStep},
    lang::Lang,
};
use crate::tr::progress_headline as t;

/// During identification or elimination review.
pub(super) fn review(procedure: Procedure, step: ReviewStep, lang: Lang) -> String {
    let text = match step {
        ReviewStep::AwaitingHomeCheck => t::review::awaiting_home_check(lang),
        ReviewStep::HomeChecked => t::review::home_checked(lang),
        ReviewStep::VillageReviewed => t::review::village_reviewed(lang),
        ReviewStep::NoticeRunning {
            township_reviewed: false,
            ..
        } => t::review::notice_running(lang),
        ReviewStep::NoticeRunning {
            township_reviewed: true,
            ..
        } => t::review::notice_running_township_reviewed(lang),
        ReviewStep::NoticeEnded => t::review::notice_ended(lang),
        ReviewStep::TownshipReviewed => t::review::township_reviewed(lang),
    };
    let lead = match procedure {
        Procedure::Identification => t::lead::identification(lang),
        Procedure::Elimination => t::lead::elimination(lang),
    };
    format!("{lead}{text}")
}

/// While the household is monitored: what the next step of the help is.
pub(super) fn monitored(stage: AssistanceStage, lang: Lang) -> String {
    match stage {
        AssistanceStage::AwaitingResponsible => t::monitored::awaiting_responsible(lang),
        AssistanceStage::ResponsibleAssigned => t::monitored::responsible_assigned(lang),
        AssistanceStage::PlanMade => t::monitored::plan_made(lang),
        AssistanceStage::Assisting => t::monitored::assisting(lang),
    }
    .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every headline, as it read when it was written in Rust, in both languages.
    #[test]
    fn headlines_read_as_before_in_both_languages() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        let notice = |township_reviewed| ReviewStep::NoticeRunning {
            from: day,
            min_until: day,
            township_reviewed,
        };
        let steps = [
            (
                ReviewStep::AwaitingHomeCheck,
                "等待村里上门核实",
                "the village will visit you",
            ),
            (
                ReviewStep::HomeChecked,
                "已上门核实，等待村里评议",
                "visited; the village will review it",
            ),
            (
                ReviewStep::VillageReviewed,
                "村里评议已通过，等待村里张贴公示",
                "village review passed; the village will post the notice",
            ),
            (
                notice(false),
                "正在公示，公示结束后由乡镇审核",
                "public notice under way; then the township reviews",
            ),
            (
                notice(true),
                "正在公示，乡镇已审核，之后由县里决定",
                "public notice under way; then the county decides",
            ),
            (
                ReviewStep::NoticeEnded,
                "公示已结束，等待乡镇审核",
                "notice ended; the township will review",
            ),
            (
                ReviewStep::TownshipReviewed,
                "乡镇已审核，等待县里决定",
                "township review passed; the county will decide",
            ),
        ];
        for (step, zh, en) in steps {
            assert_eq!(
                review(Procedure::Identification, step, Lang::Zh),
                format!("正在核实：{zh}")
            );
            assert_eq!(
                review(Procedure::Identification, step, Lang::En),
                format!("Being checked: {en}")
            );
            assert_eq!(
                review(Procedure::Elimination, step, Lang::Zh),
                format!("正在核实您家的困难是否已经解决：{zh}")
            );
            assert_eq!(
                review(Procedure::Elimination, step, Lang::En),
                format!("Checking whether your hardship is resolved: {en}")
            );
        }
        for (stage, zh, en) in [
            (
                AssistanceStage::AwaitingResponsible,
                "已认定为监测对象，等待乡镇安排专人帮扶您家",
                "Included for monitoring; the township will name a person to help you",
            ),
            (
                AssistanceStage::ResponsibleAssigned,
                "已认定为监测对象，帮扶责任人会和您商量帮扶办法",
                "Included for monitoring; the person helping you will agree the help with you",
            ),
            (
                AssistanceStage::PlanMade,
                // Not yet under way: "正在落实" beside measures all 计划中 read as help
                // already given (household tester).
                "已认定为监测对象，帮扶办法已定好，等帮扶责任人组织开始落实",
                "Included for monitoring; the help is decided and the person helping you will get it started",
            ),
            (
                AssistanceStage::Assisting,
                "已认定为监测对象，正在帮扶，帮扶责任人定期走访",
                "Included for monitoring; help is under way and the person helping you visits you regularly",
            ),
        ] {
            assert_eq!(monitored(stage, Lang::Zh), zh);
            assert_eq!(monitored(stage, Lang::En), en);
        }
        for (text, zh, en) in [
            (
                t::reported as fn(Lang) -> &'static str,
                "已提交，等待乡镇受理",
                "Sent; waiting for the township to accept it",
            ),
            (t::rejected_out_of_scope, "不予受理", "Not accepted"),
            (
                t::not_identified,
                "经审核，未被认定为监测对象",
                "Checked; not included for monitoring",
            ),
            (t::removed, "已不再作为监测对象", "No longer monitored"),
            (
                t::eliminated,
                "困难已解决（风险已消除）",
                "Hardship resolved (risk eliminated)",
            ),
        ] {
            assert_eq!((text(Lang::Zh), text(Lang::En)), (zh, en));
        }
    }
}
