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
    /// Policy versions of the reader's county not yet in force (YYYY-MM-DD), soonest first.
    #[serde(default)]
    pub scheduled: Vec<String>,
}
