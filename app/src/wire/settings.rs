//! The county administrator's policy and calendar.
use serde::{Deserialize, Serialize};

use crate::domain::case::policy_form::PolicyForm;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SettingsView {
    pub policy: PolicyForm,
    /// (day, "放假" | "调休上班", name)
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Vec<String>>))]
    pub days: Vec<(String, String, String)>,
    pub known_years: Vec<i32>,
    /// Years with days off listed but not marked entered whole, and how many days off each.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = Vec<Vec<u64>>))]
    pub open_years: Vec<(i32, usize)>,
    /// Policy versions of the reader's county not yet in force, soonest first.
    #[serde(default)]
    pub scheduled: Vec<ScheduledPolicy>,
}

/// A policy version saved for a later date, and what it changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ScheduledPolicy {
    /// YYYY-MM-DD.
    pub effective_from: String,
    /// Field by field, old → new from the version before it, in the county's words (Chinese,
    /// as the audit log says it); empty when it changes nothing. It showed only its date, so
    /// the administrator could not tell what withdrawing would undo (quick tester).
    pub changes: String,
}
