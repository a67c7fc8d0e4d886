//! The in-app inbox: deadline notifications from the clock sweep.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NotificationView {
    pub id: String,
    pub case_id: String,
    /// due_soon | overdue
    pub kind: String,
    pub kind_zh: String,
    /// The deadline concerned, e.g. 乡镇受理.
    pub clock_zh: String,
    pub title: String,
    pub body: String,
    /// Beijing time, "2026-11-24 10:00".
    pub created_at: String,
    pub read: bool,
}
