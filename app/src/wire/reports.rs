use super::FieldError;
use crate::domain::report::ReportForm;
use serde::{Deserialize, Serialize};

/// What the confirmation page shows: no personal data, only dates and the number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionInfo {
    pub tracking: String,
    pub submitted_on: String,
    pub accept_by: String,
    pub decide_by: String,
}

/// A form that came back with problems, kept so nothing typed is lost without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDraft {
    pub form: ReportForm,
    pub errors: Vec<FieldError>,
}

/// Where a household's report stands, worded in the visitor's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackResult {
    pub tracking: String,
    pub status: String,
    pub status_detail: String,
    pub submitted_on: String,
    pub village: String,
    pub risk_types: Vec<String>,
    /// 帮扶责任人, once assigned.
    pub responsible: Option<String>,
    /// Assistance measures with their lead department and progress.
    pub measures: Vec<String>,
    /// 谁查看过我的信息: each staff read of this filing (office and reason, never a name).
    #[serde(default)]
    pub looked: Vec<super::audit::LookedView>,
}
