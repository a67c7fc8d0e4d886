//! What a household reads: its case's status on the look-up page, and the SMS it gets.
//! Plain words, what happens next, and whom to call.
//! (The progress page itself is `super::progress`.)
use super::sms_templates::SIGN_NAME;
use crate::{
    domain::{
        case::event::{CaseEvent, EventKind},
        lang::Lang,
    },
    tr::sms_words as w,
};

/// Households hear about decisions by SMS (sent by the outbox worker, never inline). The SMS
/// is in the default language (zh-CN, `sms_words`): providers send only the Chinese templates
/// registered with them (`super::sms_templates`).
pub fn sms(event: &CaseEvent, tracking: &str) -> Option<(&'static str, String)> {
    let lang = Lang::default();
    // Grouped as every page and the filing's own text write it ("N4MGDCQMT4" read as
    // another number beside "N4MG-DCQM-T4": household tester).
    let tracking = &crate::domain::tracking::TrackingNumber::shown_back(tracking);
    let (kind, text) = match &event.kind {
        EventKind::Identified { .. } => ("identified", w::identified(lang, tracking)),
        EventKind::NotIdentified { reason } => {
            ("refused", w::not_identified(lang, tracking, reason))
        }
        EventKind::RejectedOutOfScope { reason } => {
            ("refused", w::not_accepted(lang, tracking, reason))
        }
        EventKind::Eliminated { .. } => ("eliminated", w::eliminated(lang, tracking)),
        _ => return None,
    };
    Some((kind, format!("【{SIGN_NAME}】{text}")))
}

/// The text giving one filing's tracking number back (忘记查询码), and its kind.
pub fn tracking_sms(tracking: &str, filed_on: &str) -> (&'static str, String) {
    let text = w::tracking_number(Lang::default(), tracking, filed_on);
    ("tracking_number", format!("【{SIGN_NAME}】{text}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::wording::sms_templates::tests::event;

    /// The texts read as they did when they were written here.
    #[test]
    fn the_sms_reads_as_before() {
        let refused = EventKind::NotIdentified {
            reason: "收入高".into(),
        };
        assert_eq!(
            sms(&event(refused), "T"),
            Some((
                "refused",
                "【防返贫监测】您的申报（T）经审核未被认定为监测对象，原因：收入高。如有异议可向乡镇申诉，或拨打12317。".to_owned()
            ))
        );
        let out = EventKind::RejectedOutOfScope {
            reason: "不属于本乡镇".into(),
        };
        assert_eq!(
            sms(&event(out), "T").map(|(_, text)| text),
            Some("【防返贫监测】您的申报（T）乡镇不予受理，原因：不属于本乡镇。如有异议可向乡镇申诉，或拨打12317。".to_owned())
        );
    }
}
