//! The in-app inbox: deadline notifications from the clock sweep.
use serde::{Deserialize, Serialize};

use crate::domain::wording::phrase::Phrase;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NotificationView {
    pub id: String,
    pub case_id: String,
    /// due_soon | overdue
    pub kind: String,
    /// The kind in the reader's language.
    pub kind_label: String,
    /// The deadline concerned in the reader's language, e.g. 乡镇受理.
    pub clock_label: String,
    /// Written in Chinese when the notice was made.
    pub title: String,
    /// The title in the reader's language when it is one the sweep writes; None: only the
    /// Chinese `title`.
    #[serde(default)]
    pub title_words: Option<String>,
    pub body: String,
    /// The body as a key of `inbox_body` and its arguments when it is one the sweep writes;
    /// None: only the Chinese `body`.
    #[serde(default)]
    pub body_phrase: Option<Phrase>,
    /// Beijing time, "2026-11-24 10:00".
    pub created_at: String,
    pub read: bool,
}
