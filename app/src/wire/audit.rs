//! The audit log as pages show it: the county admin's page, and the household's
//! "who has looked at my information" list (office and reason, never a name).
use serde::{Deserialize, Serialize};

/// The admin page's filter, as typed (every part optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditFilterForm {
    /// A staff username.
    #[serde(default)]
    pub person: String,
    /// A household's tracking number.
    #[serde(default)]
    pub tracking: String,
    /// An action code (domain::audit::AuditAction).
    #[serde(default)]
    pub action: String,
    /// First day, YYYY-MM-DD (Beijing).
    #[serde(default)]
    pub from: String,
    /// Last day, YYYY-MM-DD (Beijing), inclusive.
    #[serde(default)]
    pub until: String,
}

/// One audit row on the admin page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditRowView {
    pub seq: i64,
    pub at: String,
    pub who: String,
    pub role_zh: String,
    pub action_zh: String,
    pub outcome_zh: String,
    pub tracking: String,
    pub reason_zh: String,
    pub detail: String,
    pub client_address: String,
    /// Codes the page words in the reader's language: the role, the action
    /// (domain::audit::AuditAction), the outcome and the reason; `reason_text` is the
    /// officer's own words for "other". The `*_zh` fields above are the CSV's words.
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub reason_text: String,
}

/// The admin page: the chain's verification and the rows the filter found (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditPageView {
    pub intact: bool,
    pub verification_zh: String,
    /// The same line in the reader's language.
    #[serde(default)]
    pub verification: String,
    pub rows: Vec<AuditRowView>,
    /// The action filter's choices: (code, label).
    pub actions: Vec<(String, String)>,
}

/// One read of a household's data, as the household sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LookedView {
    /// When: "2026-03-02 09:00", or "2026-03-02 09:00–11:30" for repeats.
    pub at: String,
    /// The office (region) and role, e.g. "青石镇 · 乡镇工作人员" (JSON readers; the page
    /// shows `place` and `role` so the Chinese place name can be marked as such).
    pub office: String,
    /// The office's region name: Chinese data in every language.
    pub place: String,
    /// The role in the reader's language.
    pub role: String,
    /// The kind of access, with the count when repeated: "查看案件 3 次".
    pub what: String,
    pub why: String,
    /// The officer's own words when the reason was "other" (Chinese data).
    pub note: Option<String>,
    /// How many reads this line stands for (same person, access and reason, same day).
    pub times: u32,
}
