//! What a household reads: its case's status on the look-up page, and the SMS it gets.
//! Plain words, what happens next, and whom to call.
//! (The progress page itself is `super::progress`.)
use crate::domain::case::event::{CaseEvent, EventKind};

/// Households hear about decisions by SMS (sent by the outbox worker, never inline).
pub fn sms(event: &CaseEvent, tracking: &str) -> Option<(&'static str, String)> {
    match &event.kind {
        EventKind::Identified { .. } => Some((
            "identified",
            format!("【防返贫监测】您的申报（{tracking}）已认定为监测对象，帮扶责任人将很快与您联系。"),
        )),
        EventKind::NotIdentified { reason } => Some((
            "refused",
            format!("【防返贫监测】您的申报（{tracking}）经审核未被认定为监测对象，原因：{reason}。如有异议可向乡镇申诉，或拨打12317。"),
        )),
        EventKind::RejectedOutOfScope { reason } => Some((
            "refused",
            format!("【防返贫监测】您的申报（{tracking}）乡镇不予受理，原因：{reason}。如有异议可向乡镇申诉，或拨打12317。"),
        )),
        EventKind::Eliminated { .. } => Some((
            "eliminated",
            format!("【防返贫监测】经核实，您家（{tracking}）风险已消除。如再遇困难，可随时申报。"),
        )),
        _ => None,
    }
}
