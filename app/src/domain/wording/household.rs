//! What a household reads: its case's status on the look-up page, and the SMS it gets.
//! Plain words, what happens next, and whom to call.
use chrono::NaiveDate;

use crate::domain::{
    case::{
        event::{CaseEvent, EventKind},
        Case, CaseState,
    },
    lang::Lang,
};

use super::labels;

/// What the household reads about its case: where it stands and what happens next.
pub fn status(
    case: &Case,
    accept_by: NaiveDate,
    decide_by: NaiveDate,
    lang: Lang,
) -> (String, String) {
    let headline = labels::state_for_household(case.state.code(), lang).to_owned();
    let detail = match &case.state {
        CaseState::Reported => match lang {
            Lang::Zh => format!(
                "乡镇将在{}前受理并安排入户核查，{}前完成认定。",
                lang.date(accept_by),
                lang.date(decide_by)
            ),
            Lang::En => format!(
                "The township will accept it and arrange a visit by {}, and decide by {}.",
                lang.date(accept_by),
                lang.date(decide_by)
            ),
        },
        CaseState::RejectedOutOfScope { reason } | CaseState::NotIdentified { reason } => {
            match lang {
                Lang::Zh => format!("原因：{reason}。如有异议，可向乡镇人民政府申诉，或拨打12317。"),
                Lang::En => format!(
                    "Reason: {reason}. If you disagree, you can appeal to the township government or call 12317."
                ),
            }
        }
        CaseState::Monitored => lang
            .pick(
                "帮扶责任人会定期走访。如情况有变化，请及时告诉责任人或村委会。",
                "The person responsible for helping you will visit regularly. If things change, tell them or the village committee.",
            )
            .to_owned(),
        CaseState::Eliminated { .. } => lang
            .pick(
                "如再遇到困难，可以随时重新申报。",
                "If hardship returns, you can report again at any time.",
            )
            .to_owned(),
        // Engine state added in issue 10; the household helper words it in full.
        CaseState::Removed { .. } => lang
            .pick(
                "您家已不再作为监测对象。如有疑问，可向乡镇人民政府咨询，或拨打12317。",
                "Your household is no longer monitored. If you have questions, ask the township government or call 12317.",
            )
            .to_owned(),
        CaseState::Reviewing { .. } => match lang {
            Lang::Zh => format!("最迟在{}前告诉您认定结果。", lang.date(decide_by)),
            Lang::En => format!("You will be told the decision by {} at the latest.", lang.date(decide_by)),
        },
    };
    (headline, detail)
}

/// Households hear about decisions by SMS (sent by the outbox worker, never inline).
pub fn sms(event: &CaseEvent, tracking: &str) -> Option<(&'static str, String)> {
    match &event.kind {
        EventKind::Identified { .. } => Some((
            "identified",
            format!("【防返贫监测】您的申报（{tracking}）已认定为监测对象，帮扶责任人将很快与您联系。"),
        )),
        EventKind::NotIdentified { reason } | EventKind::RejectedOutOfScope { reason } => Some((
            "refused",
            format!("【防返贫监测】您的申报（{tracking}）未被认定，原因：{reason}。如有异议可向乡镇申诉，或拨打12317。"),
        )),
        EventKind::Eliminated { .. } => Some((
            "eliminated",
            format!("【防返贫监测】经核实，您家（{tracking}）风险已消除。如再遇困难，可随时申报。"),
        )),
        _ => None,
    }
}
