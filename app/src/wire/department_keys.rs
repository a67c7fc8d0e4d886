//! Department API keys (issued by the county administrator) and the 结果反馈 a department
//! reads back with its key.
use serde::{Deserialize, Serialize};

/// One key in the administrator's list. The key itself is never shown again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DepartmentKeyView {
    pub id: String,
    /// The key's first characters (`snk_` and 8 more), to tell keys apart.
    pub shown: String,
    /// The department liaison account the key acts as.
    pub department: String,
    pub region: String,
    pub channel: String,
    pub requests_per_minute: i64,
    /// Beijing time, `YYYY-MM-DD HH:MM`.
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

/// A department liaison account a key can be issued for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KeyDepartment {
    pub user_id: String,
    pub name: String,
    pub region_code: String,
}

/// The key page: keys, whom keys can be issued for, and a key just issued (shown once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct KeysPage {
    pub keys: Vec<DepartmentKeyView>,
    pub departments: Vec<KeyDepartment>,
    pub fresh: Option<IssuedKey>,
}

/// A key just issued: the only time the whole key leaves the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IssuedKey {
    pub id: String,
    pub key: String,
    pub shown: String,
}

/// The administrator's form for a new key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewKeyForm {
    pub user_id: String,
    pub region: String,
    /// Empty: the default (60).
    pub requests_per_minute: String,
}

/// What became of one alert the department pushed (结果反馈).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AlertFeedback {
    /// The department's own record id, as pushed.
    pub reference: String,
    pub tracking: String,
    /// `filed`, `refused`, `identified` or `not_identified`.
    pub status: String,
    pub status_zh: String,
    pub status_en: String,
    /// Why it was refused or not identified.
    pub reason: Option<String>,
    /// The household's ID number as pushed, masked (first 3 and last 4 characters).
    pub id_number_masked: String,
    /// When the department pushed it, RFC 3339 (UTC).
    pub pushed_at: String,
    /// When the case last changed, RFC 3339 (UTC).
    pub updated_at: String,
    /// The county's latest 结果反馈 in its own words (向预警部门反馈结果), once given: the
    /// department saw the status but never what the county wrote (officer tester).
    #[serde(default)]
    pub feedback: Option<String>,
    /// The case, for a department's link to it (it may open the cases it alerted).
    #[serde(default)]
    pub case_id: Option<String>,
}
