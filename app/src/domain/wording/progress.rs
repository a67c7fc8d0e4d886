//! The household's progress page, computed from the same clocks and policy as the staff side:
//! a pure function from the case (its state, clocks and events), the policy, the calendar and
//! today to what the household reads. Each state says what has happened, what happens next,
//! by when and who does it; an overdue step says so, whom to call, and that the delay has been
//! reported up; extensions and pauses show with their reason.
use chrono::NaiveDate;

use crate::domain::{
    calendar::Calendar,
    case::{
        event::{CaseEvent, EventKind},
        AssistanceStage, Case, CaseState, Policy, Procedure, ReviewStep,
    },
    clock::{due_date, urgency, Clock, ClockKind, ClockState, Span, Urgency},
    lang::Lang,
};

/// Who does the next step: the household is told whom to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    Township,
    Village,
    County,
    /// The 帮扶责任人.
    Responsible,
}

impl Who {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Who::Township => lang.pick("乡镇人民政府", "the township government"),
            Who::Village => lang.pick("村委会", "the village committee"),
            Who::County => lang.pick("县乡村振兴局", "the county rural revitalisation bureau"),
            Who::Responsible => lang.pick("帮扶责任人", "the person responsible for helping you"),
        }
    }
}

/// What the household reads about its case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub headline: String,
    /// What has happened.
    pub done: String,
    /// What happens next, who does it and by when.
    pub next: String,
    /// The date the next step is due, if it has one.
    pub due: Option<NaiveDate>,
    /// Who does the next step (whom to call).
    pub who: Option<Who>,
    /// Set when the step is late: says so, whom to call, and that it has been reported up.
    pub overdue: Option<String>,
    /// Extensions and pauses with their reason; the green channel.
    pub notes: Vec<String>,
    /// The next visit by the responsible person (monitored or eliminated households).
    pub next_visit: Option<NaiveDate>,
}

/// A span in words: "2个工作日" / "2 working days".
pub fn span_words(span: Span, lang: Lang) -> String {
    match (span, lang) {
        (Span::WorkingDays(n), Lang::Zh) => format!("{n}个工作日"),
        (Span::WorkingDays(n), Lang::En) => format!("{n} working days"),
        (Span::CalendarDays(n), Lang::Zh) => format!("{n}天"),
        (Span::CalendarDays(n), Lang::En) => format!("{n} days"),
        (Span::Months(n), Lang::Zh) => format!("{n}个月"),
        (Span::Months(n), Lang::En) => format!("{n} months"),
    }
}

/// The home page's "after you report" steps, from the county's policy.
pub fn promises(policy: &Policy, lang: Lang) -> Vec<String> {
    let w = |span| span_words(span, lang);
    match lang {
        Lang::Zh => vec![
            format!("乡镇在{}内受理，村里在受理后{}内派人上门核实。", w(policy.township_acceptance), w(policy.home_check)),
            format!("村里开会评议，并在村务公开栏公示至少{}；乡镇审核，县里审定。", w(policy.notice_min)),
            format!("从申报起{}内告诉您结果。认定以后，{}内给您家安排帮扶责任人。", w(policy.identification_overall), w(policy.responsible_assigned)),
        ],
        Lang::En => vec![
            format!("The township accepts it within {}, and the village visits within {} after that.", w(policy.township_acceptance), w(policy.home_check)),
            format!("The village reviews it and posts a public notice for at least {}; the township checks and the county decides.", w(policy.notice_min)),
            format!("You are told the decision within {} of reporting. Once included, a person responsible for helping you is named within {}.", w(policy.identification_overall), w(policy.responsible_assigned)),
        ],
    }
}

/// Everything the progress page needs besides the case.
pub struct Inputs<'a> {
    pub events: &'a [CaseEvent],
    pub policy: &'a Policy,
    pub cal: &'a Calendar,
    pub today: NaiveDate,
    pub lang: Lang,
}

/// One step's wording: headline, done, next, the clock that times it and who does it.
struct Step {
    headline: (&'static str, &'static str),
    done: String,
    next: String,
    clock: Option<ClockKind>,
    who: Option<Who>,
    /// Said after the due date (what follows the step).
    then: String,
}

/// The household's view of `case` on `today`.
pub fn progress(case: &Case, inputs: &Inputs<'_>) -> Progress {
    let lang = inputs.lang;
    let step = step_of(case, inputs);
    let clock = step.clock.and_then(|kind| case.open_clock(kind));
    let due = clock.map(|c| c.due_on);
    let mut next = step.next;
    if let (Some(due), Some(clock)) = (due, clock) {
        if !clock.kind.is_minimum() && !matches!(clock.state, ClockState::Paused { .. }) {
            next.push_str(&match lang {
                Lang::Zh => format!("最迟在{}前完成。", lang.date(due)),
                Lang::En => format!(" Due by {}.", lang.date(due)),
            });
        }
    }
    next.push_str(&step.then);
    let overdue =
        late_clock(case, clock, inputs).map(|late| overdue_sentence(late, step.who, lang));
    Progress {
        headline: lang.pick(step.headline.0, step.headline.1).to_owned(),
        done: step.done,
        next,
        due,
        who: step.who,
        overdue,
        notes: notes(case, inputs),
        next_visit: case
            .open_clock(ClockKind::MonitoringVisit)
            .map(|c| c.due_on),
    }
}

/// The step's own clock when it is overdue; during identification also the overall limit.
fn late_clock<'c>(
    case: &'c Case,
    step: Option<&'c Clock>,
    inputs: &Inputs<'_>,
) -> Option<&'c Clock> {
    let late = |c: &&Clock| {
        urgency(
            c,
            inputs.today,
            inputs.cal,
            inputs.policy.due_soon_working_days,
        ) == Urgency::Overdue
    };
    step.filter(late).or_else(|| {
        let identifying = matches!(
            case.state,
            CaseState::Reported
                | CaseState::Reviewing {
                    procedure: Procedure::Identification,
                    ..
                }
        );
        if identifying {
            case.open_clock(ClockKind::IdentificationOverall)
                .filter(late)
        } else {
            None
        }
    })
}

fn overdue_sentence(late: &Clock, who: Option<Who>, lang: Lang) -> String {
    let who = who.unwrap_or(Who::Township).label(lang);
    match lang {
        Lang::Zh => format!(
            "这一步已经超过规定时间（应在{}前完成）。系统已自动报告上级督办。您可以打电话催问{}，也可以拨打12317热线。",
            lang.date(late.due_on),
            who
        ),
        Lang::En => format!(
            "This step is late (it was due by {}). The delay has been reported to the level above, which will follow it up. You can call {} to ask, or the 12317 hotline.",
            lang.date(late.due_on),
            who
        ),
    }
}

/// Approved extensions and pauses of the case's open clocks, with their reason.
fn notes(case: &Case, inputs: &Inputs<'_>) -> Vec<String> {
    let lang = inputs.lang;
    let mut notes = Vec::new();
    if case.green_channel && !case.state.is_closed() {
        notes.push(
            lang.pick(
                "已开通绿色通道：先帮扶，评议和公示随后补办。",
                "The fast track is open: help comes first, the review and notice follow.",
            )
            .to_owned(),
        );
    }
    for clock in case.open_clocks() {
        let label = lang.pick(clock.kind.label_zh(), clock.kind.label_en());
        if clock.extended > 0 {
            let reason = extension_reason(inputs.events, clock.kind).unwrap_or_default();
            notes.push(match lang {
                Lang::Zh => format!(
                    "“{label}”的期限已延长到{}，原因：{reason}。",
                    lang.date(clock.due_on)
                ),
                Lang::En => format!(
                    "The deadline for \"{label}\" was extended to {}. Reason: {reason}.",
                    lang.date(clock.due_on)
                ),
            });
        }
        if let ClockState::Paused { .. } = clock.state {
            let reason = pause_reason(inputs.events, clock.kind).unwrap_or_default();
            notes.push(match lang {
                Lang::Zh => format!("“{label}”暂停计时，原因：{reason}。暂停的日子不算在期限内。"),
                Lang::En => {
                    format!("\"{label}\" is paused. Reason: {reason}. Paused days do not count.")
                }
            });
        }
    }
    notes
}

fn extension_reason(events: &[CaseEvent], kind: ClockKind) -> Option<String> {
    events.iter().rev().find_map(|e| match &e.kind {
        EventKind::ExtensionRequested { clock, reason, .. } if *clock == kind => {
            Some(reason.clone())
        }
        _ => None,
    })
}

fn pause_reason(events: &[CaseEvent], kind: ClockKind) -> Option<String> {
    events.iter().rev().find_map(|e| match &e.kind {
        EventKind::ClockPaused { clock, reason, .. } if *clock == kind => Some(reason.clone()),
        _ => None,
    })
}

fn step_of(case: &Case, inputs: &Inputs<'_>) -> Step {
    let lang = inputs.lang;
    let l = |zh: &str, en: &str| lang.pick(zh, en).to_owned();
    match &case.state {
        CaseState::Reported => {
            let visit_by = case
                .open_clock(ClockKind::TownshipAcceptance)
                .map(|c| due_date(c.due_on, inputs.policy.home_check, inputs.cal));
            let visit = visit_by.map_or_else(String::new, |d| match lang {
                Lang::Zh => format!("受理后，村干部会上门了解情况，一般在{}前。", lang.date(d)),
                Lang::En => format!(" Then someone from the village visits you, usually by {}.", lang.date(d)),
            });
            Step {
                headline: ("已提交，等待乡镇受理", "Sent; waiting for the township to accept it"),
                done: match lang {
                    Lang::Zh => format!("您的申报已于{}提交。", lang.date(case.discovered_on)),
                    Lang::En => format!("Your report was sent on {}.", lang.date(case.discovered_on)),
                },
                next: l("乡镇工作人员会受理，并转给村里。", "The township will accept it and pass it to the village."),
                clock: Some(ClockKind::TownshipAcceptance),
                who: Some(Who::Township),
                then: visit,
            }
        }
        CaseState::Reviewing { procedure, step } => review_step(case, *procedure, *step, inputs),
        CaseState::RejectedOutOfScope { reason } => refusal(
            case,
            reason,
            ("不予受理", "Not accepted"),
            l(
                "乡镇认为您反映的情况不属于防返贫监测帮扶的范围，没有受理。",
                "The township found that what you reported is outside this assistance scheme and did not accept it.",
            ),
            lang,
        ),
        CaseState::NotIdentified { reason } => refusal(
            case,
            reason,
            ("经审核，未被认定为监测对象", "Checked; not included for monitoring"),
            l(
                "经过上门核实和审核，您家这次没有被认定为监测对象。",
                "After the visit and the review, your household was not included for monitoring this time.",
            ),
            lang,
        ),
        CaseState::Monitored => monitored(case, inputs),
        CaseState::Removed { kind, on } => Step {
            headline: ("已不再作为监测对象", "No longer monitored"),
            done: match lang {
                Lang::Zh => format!("县里于{}把您家移出了监测名单，原因：{}。", lang.date(*on), kind.label_zh()),
                Lang::En => format!("On {} the county took your household off the monitoring list: {}.", lang.date(*on), kind.label_en()),
            },
            next: if kind.notifies_household() {
                l(
                    "村干部或乡镇工作人员会当面告诉您原因。如有异议，可以向乡镇人民政府申诉，或拨打12317热线。",
                    "Someone from the village or township will tell you why in person. If you disagree, you can appeal to the township government or call the 12317 hotline.",
                )
            } else {
                l(
                    "如有疑问，可以向乡镇人民政府咨询，或拨打12317热线。如再遇到困难，可以随时重新申报。",
                    "If you have questions, ask the township government or call the 12317 hotline. If hardship returns, you can report again at any time.",
                )
            },
            clock: None,
            who: Some(Who::Township),
            then: String::new(),
        },
        CaseState::Eliminated { on } => Step {
            headline: ("困难已解决（风险已消除）", "Hardship resolved (risk eliminated)"),
            done: match lang {
                Lang::Zh => format!("经过核实、评议和公示，县里于{}确认您家的困难已经解决。", lang.date(*on)),
                Lang::En => format!("After a visit, a review and a public notice, the county confirmed on {} that your hardship is resolved.", lang.date(*on)),
            },
            next: match lang {
                Lang::Zh => format!(
                    "之后村里大约每{}还会回访一次。如再遇到困难，可以随时重新申报。",
                    span_words(inputs.policy.recheck_eliminated, lang)
                ),
                Lang::En => format!(
                    "The village will still visit about every {}. If hardship returns, you can report again at any time.",
                    span_words(inputs.policy.recheck_eliminated, lang)
                ),
            },
            clock: None,
            who: Some(Who::Village),
            then: String::new(),
        },
    }
}

fn refusal(
    case: &Case,
    reason: &str,
    headline: (&'static str, &'static str),
    done: String,
    lang: Lang,
) -> Step {
    let (next, clock) = match case.refusal_notified_on {
        Some(on) => (
            match lang {
                Lang::Zh => format!("{}已当面告诉您原因：{reason}。如有异议，可以向乡镇人民政府申诉，或拨打12317热线。", lang.date(on)),
                Lang::En => format!("You were told why on {}: {reason}. If you disagree, you can appeal to the township government or call the 12317 hotline.", lang.date(on)),
            },
            None,
        ),
        None => (
            match lang {
                Lang::Zh => format!("原因：{reason}。乡镇工作人员会当面或打电话向您说明。如有异议，可以向乡镇人民政府申诉，或拨打12317热线。"),
                Lang::En => format!("Reason: {reason}. Someone from the township will explain it to you in person or by phone. If you disagree, you can appeal to the township government or call the 12317 hotline."),
            },
            Some(ClockKind::RefusalNotice),
        ),
    };
    Step {
        headline,
        done,
        next,
        clock,
        who: Some(Who::Township),
        then: String::new(),
    }
}

fn monitored(case: &Case, inputs: &Inputs<'_>) -> Step {
    let lang = inputs.lang;
    let headline = (
        "已认定为监测对象，正在帮扶",
        "Included for monitoring; help is under way",
    );
    let done = lang
        .pick(
            "县里已批准：您家是防返贫监测对象，会得到帮扶。",
            "The county has approved: your household is included for monitoring and will get help.",
        )
        .to_owned();
    let (next, clock, who) = match case.assistance_stage() {
        AssistanceStage::AwaitingResponsible => (
            lang.pick(
                "乡镇会给您家安排一名帮扶责任人，由他（她）负责帮您。",
                "The township will name a person responsible for helping your household.",
            )
            .to_owned(),
            ClockKind::ResponsibleAssigned,
            Who::Township,
        ),
        AssistanceStage::ResponsibleAssigned => (
            lang.pick(
                "帮扶责任人会和您一起商量帮扶办法（帮扶措施），并开始落实。",
                "The person responsible will agree with you what help you get (the measures) and start it.",
            )
            .to_owned(),
            ClockKind::AssistanceStarted,
            Who::Responsible,
        ),
        AssistanceStage::PlanMade => (
            lang.pick(
                "帮扶办法已经定了，下面开始落实。",
                "The help has been agreed; it starts next.",
            )
            .to_owned(),
            ClockKind::AssistanceStarted,
            Who::Responsible,
        ),
        AssistanceStage::Assisting => (
            lang.pick(
                "帮扶责任人会定期上门走访。情况有变化，请及时告诉责任人或村委会。",
                "The person responsible visits you regularly. If things change, tell them or the village committee.",
            )
            .to_owned(),
            ClockKind::MonitoringVisit,
            Who::Responsible,
        ),
    };
    Step {
        headline,
        done,
        next,
        clock: Some(clock),
        who: Some(who),
        then: String::new(),
    }
}

fn review_step(case: &Case, procedure: Procedure, step: ReviewStep, inputs: &Inputs<'_>) -> Step {
    let lang = inputs.lang;
    let l = |zh: &str, en: &str| lang.pick(zh, en).to_owned();
    let elimination = procedure == Procedure::Elimination;
    let overall = if elimination {
        ClockKind::EliminationReview
    } else {
        ClockKind::IdentificationOverall
    };
    let headline = if elimination {
        (
            "正在核实您家的困难是否已经解决",
            "Checking whether your hardship is resolved",
        )
    } else {
        (
            "正在核实，等待县里决定",
            "Being checked; the county will decide",
        )
    };
    let notice_days = span_words(inputs.policy.notice_min, lang);
    let (done, next, clock, who) = match step {
        ReviewStep::AwaitingHomeCheck if elimination => (
            l("帮扶责任人认为您家的困难可能已经解决，提出了核实（风险消除）。帮扶还在继续。",
              "The person responsible thinks your hardship may be resolved and asked for a check (risk elimination). Help continues meanwhile."),
            l("村干部会上门核实您家现在的收入和生活情况。", "Someone from the village will visit to check your income and living conditions now."),
            ClockKind::HomeCheck,
            Who::Village,
        ),
        ReviewStep::AwaitingHomeCheck => (
            l("乡镇已受理您的申报。", "The township has accepted your report."),
            l("村干部会到您家上门核实情况，来之前会先给您打电话。请准备好户口本、身份证。",
              "Someone from the village will visit your home to check, and will phone you first. Please have your household register and ID card ready."),
            ClockKind::HomeCheck,
            Who::Village,
        ),
        ReviewStep::HomeChecked => (
            l("村干部已经上门核实过。", "Someone from the village has visited to check."),
            l("村里会开会评议（村民代表民主评议）。", "The village will hold a meeting to review it (democratic review)."),
            overall,
            Who::Village,
        ),
        ReviewStep::VillageReviewed => (
            l("村里已经评议通过。", "The village review has passed."),
            match lang {
                Lang::Zh => format!("村里会在村务公开栏张贴公示，至少{notice_days}。"),
                Lang::En => format!("The village will post a public notice on its notice board for at least {notice_days}."),
            },
            overall,
            Who::Village,
        ),
        ReviewStep::NoticeRunning { from, min_until, township_reviewed } => (
            match lang {
                Lang::Zh => format!("名单从{}起在村务公开栏公示，最早{}结束。", lang.date(from), lang.date(min_until)),
                Lang::En => format!("The notice has been on the village board since {}; it ends on {} at the earliest.", lang.date(from), lang.date(min_until)),
            },
            if township_reviewed {
                l("乡镇已经审核过。公示结束后，报县里审定。", "The township has already reviewed it. After the notice, the county decides.")
            } else {
                l("公示结束后，由乡镇审核。", "After the notice, the township reviews it.")
            },
            overall,
            if township_reviewed { Who::County } else { Who::Township },
        ),
        ReviewStep::NoticeEnded => (
            l("村里的公示已经结束。", "The village notice has ended."),
            l("乡镇会审核村里报上来的意见。", "The township checks what the village decided."),
            overall,
            Who::Township,
        ),
        ReviewStep::TownshipReviewed => (
            l("乡镇已经审核通过。", "The township review has passed."),
            l("县里核对有关数据后作出决定，并通知您。", "The county checks the records, decides and tells you."),
            overall,
            Who::County,
        ),
    };
    let done = if elimination || !case.green_channel {
        done
    } else {
        done + &l("帮扶已经先行开始。", " Help has already started.")
    };
    Step {
        headline,
        done,
        next,
        clock: Some(clock),
        who: Some(who),
        then: String::new(),
    }
}

#[cfg(test)]
#[path = "progress_tests.rs"]
mod tests;
