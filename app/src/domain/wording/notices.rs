//! What staff read about deadlines, in the inbox and by email. No ID or phone numbers: the
//! text also goes by email.
use crate::domain::clock::{ClockKind, Level, NoticeKind};

/// Title and body of a notification (no ID or phone numbers: the text also goes by email).
pub fn deadline(
    tracking: &str,
    clock: ClockKind,
    owner: Level,
    kind: NoticeKind,
    supervisor: bool,
    village: &str,
    due_on: &str,
) -> (String, String) {
    let step = clock.label_zh();
    match (kind, supervisor) {
        (NoticeKind::DueSoon, _) => (
            format!("即将到期：{step}（{tracking}）"),
            format!("{village}的申报 {tracking} 的“{step}”将于{due_on}到期，请及时办理。"),
        ),
        (NoticeKind::Overdue, false) => (
            format!("已逾期：{step}（{tracking}）"),
            format!("{village}的申报 {tracking} 的“{step}”已于{due_on}到期，现已逾期，请尽快办理。"),
        ),
        (NoticeKind::Overdue, true) => (
            format!("督办：{step}已逾期（{tracking}）"),
            format!(
                "{village}的申报 {tracking} 的“{step}”由{}办理，已于{due_on}到期，现已逾期，请督促办理。",
                owner.label_zh()
            ),
        ),
    }
}

/// Title and body of the note to the department account that pushed an alert when the
/// county feeds its outcome back (it sat on the alerts page unannounced: tester).
/// The department's own record id (`reference`) is named, to match the note to its list.
pub fn alert_fed_back(tracking: &str, reference: Option<&str>, note: &str) -> (String, String) {
    let zh = crate::domain::lang::Lang::Zh;
    let body = match reference {
        Some(reference) => format!("县里反馈的结果（贵部门编号 {reference}）：{note}"),
        None => format!("县里反馈的结果：{note}"),
    };
    (crate::tr::inbox_words::fed_back(zh, tracking), body)
}

/// Title and body of the note to the village when the township's review sends a case back
/// (the village heard nothing, and the reason sat at the foot of a long page: officer
/// tester).
pub fn returned_by_township(tracking: &str, note: &str) -> (String, String) {
    let zh = crate::domain::lang::Lang::Zh;
    let body = format!("退回原因：{note}。请打开案件，按退回原因补充后重新办理。");
    (crate::tr::inbox_words::returned(zh, tracking), body)
}

/// The email that carries a notification: its text and where to act on it.
pub fn email_body(notification: &str) -> String {
    format!("{notification}\n\n请登录防返贫监测帮扶服务平台，在“消息”中查看并办理。")
}
