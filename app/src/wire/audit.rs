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
}

/// The admin page: the chain's verification and the rows the filter found (newest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AuditPageView {
    pub intact: bool,
    pub verification_zh: String,
    pub rows: Vec<AuditRowView>,
    /// The action filter's choices: (code, label).
    pub actions: Vec<(String, String)>,
}

/// One read of a household's data, as the household sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct LookedView {
    pub at: String,
    /// The office (region) and role, e.g. "青石镇 · 乡镇工作人员".
    pub office: String,
    pub what: String,
    pub why: String,
}
