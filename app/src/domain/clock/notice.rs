//! Deadline notices: what the sweep tells an officer about a clock.
use super::Urgency;

/// The kind of a notification, stored as its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    DueSoon,
    Overdue,
}

impl NoticeKind {
    pub fn code(self) -> &'static str {
        match self {
            NoticeKind::DueSoon => "due_soon",
            NoticeKind::Overdue => "overdue",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            NoticeKind::DueSoon => "即将到期",
            NoticeKind::Overdue => "已逾期",
        }
    }

    pub fn from_code(code: &str) -> Option<NoticeKind> {
        [NoticeKind::DueSoon, NoticeKind::Overdue]
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// The notification an urgency calls for, if any.
    pub fn of(urgency: Urgency) -> Option<NoticeKind> {
        match urgency {
            Urgency::DueSoon => Some(NoticeKind::DueSoon),
            Urgency::Overdue => Some(NoticeKind::Overdue),
            Urgency::OnTime | Urgency::Met | Urgency::MetLate | Urgency::Cancelled => None,
        }
    }
}
