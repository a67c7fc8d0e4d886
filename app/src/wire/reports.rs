use super::FieldError;
use crate::domain::report::ReportForm;
use serde::{Deserialize, Serialize};

/// What the confirmation page shows: no personal data, only dates and the number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SubmissionInfo {
    pub tracking: String,
    pub submitted_on: String,
    pub accept_by: String,
    pub decide_by: String,
    /// The latest day the village should visit (acceptance plus the county's home-check span).
    #[serde(default)]
    pub visit_by: String,
    /// Whom to call, with tap-to-call numbers where the county has set them.
    #[serde(default)]
    pub contacts: Vec<ContactLine>,
    /// What to do if nobody came, asking only for numbers that are published.
    #[serde(default)]
    pub contact_advice: String,
    /// An earlier filing has the same ID number: say it need not be filed again.
    #[serde(default)]
    pub filed_before: bool,
    /// The household's village (its public notice page is `/notice/{village}`).
    #[serde(default)]
    pub village: String,
    /// Set when a promised date falls in a year whose holidays are not entered: it may move.
    #[serde(default)]
    pub dates_may_move: Option<String>,
    /// Set once the township has acted (accepted, refused): the steps promised at filing no
    /// longer say what happens, this does, as the progress look-up words it.
    #[serde(default)]
    pub moved_on: Option<MovedOn>,
}

/// Where a filing stands once it has left 已提交: the progress look-up's headline and next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MovedOn {
    pub headline: String,
    /// What happened.
    pub done: String,
    /// A refusal's reason, its typed words marked as Chinese data.
    #[serde(default)]
    pub reason: Option<Vec<crate::domain::wording::phrase::Part>>,
    pub next: String,
}

/// Someone the household can call: who they are, their name and their phone (if known).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ContactLine {
    pub who: String,
    pub name: Option<String>,
    pub phone: Option<String>,
    /// The place's name, then `who` (青石村 + 村委会, 青石镇 + 人民政府; 青石村 + Village
    /// Committee). It read "村委会 青石村" (quick tester).
    #[serde(default)]
    pub name_first: bool,
}

/// A form that came back with problems, kept so nothing typed is lost without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReportDraft {
    pub form: ReportForm,
    pub errors: Vec<FieldError>,
}

/// Where a household's report stands, worded in the visitor's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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
    pub measures: Vec<MeasureLineView>,
    /// 谁查看过我的信息: each staff read of this filing (office and reason, never a name).
    #[serde(default)]
    pub looked: Vec<super::audit::LookedView>,
    /// What has happened so far.
    #[serde(default)]
    pub done: String,
    /// A refusal's reason, its typed words marked as Chinese data.
    #[serde(default)]
    pub reason: Option<Vec<crate::domain::wording::phrase::Part>>,
    /// Set when the current step is late: says so, whom to call, and that it was reported up.
    #[serde(default)]
    pub overdue: Option<String>,
    /// Extensions and pauses with their reason.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The next visit by the responsible person.
    #[serde(default)]
    pub next_visit: Option<String>,
    /// Whom to call: the responsible person, the village committee, the township, 12317.
    #[serde(default)]
    pub contacts: Vec<ContactLine>,
    /// What to do if nobody came, asking only for numbers that are published.
    #[serde(default)]
    pub contact_advice: String,
    /// The village's code while the household is on its public notice board (a link to it).
    #[serde(default)]
    pub notice_village: Option<String>,
    /// How the board lists the household (the head's name partly hidden, and its group): the
    /// applicant looked for her own name and did not find it (household tester).
    #[serde(default)]
    pub notice_listed_as: Option<Vec<crate::domain::wording::phrase::Part>>,
    /// 办理经过: each step so far with its day, oldest first.
    #[serde(default)]
    pub history: Vec<String>,
}

/// One assistance measure as the household reads it, split around the lead department (a
/// Chinese proper name in every language, marked `lang="zh-CN"` on the page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MeasureLineView {
    pub before: String,
    pub department: String,
    pub after: String,
}
