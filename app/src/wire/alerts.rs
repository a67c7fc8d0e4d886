//! Line departments push screening alerts (部门筛查预警: new serious illness, 低保/特困, severe
//! disability, large medical bills, disaster victims) as JSON, many at a time.
use super::FieldError;
use crate::domain::report::ReportForm;
use serde::{Deserialize, Serialize};

/// One household a department's data flags. `reference` is the department's own record id:
/// pushing the same reference again returns the first filing instead of filing twice.
/// The household fields are those of the report form (`consent` and `key` are ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AlertRow {
    pub reference: String,
    #[serde(flatten)]
    pub household: ReportForm,
}

/// What became of one pushed row, in the order pushed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AlertOutcome {
    pub reference: String,
    /// The tracking number when filed (or filed before under this reference).
    pub tracking: Option<String>,
    /// The household already has another filing: the township will see the pair.
    pub possible_duplicate: bool,
    /// Why the row was not filed (field problems, a village outside the department's area).
    pub errors: Vec<FieldError>,
    /// Filed by an earlier push under this reference (a list imported again after a fix):
    /// "已登记2条" counted it as new (officer tester).
    #[serde(default)]
    pub filed_before: bool,
    /// The filing's case, for a link to it.
    #[serde(default)]
    pub case_id: Option<String>,
}

#[cfg(not(feature = "hydrate"))]
impl AlertOutcome {
    /// This outcome with its messages worded in `lang` (on the server, before it is sent).
    pub fn in_lang(mut self, lang: crate::domain::lang::Lang) -> Self {
        self.errors = self.errors.into_iter().map(|e| e.in_lang(lang)).collect();
        self
    }
}

/// At most this many rows per push (split larger lists).
pub const MAX_ALERTS_PER_PUSH: usize = 500;

/// `POST /staff/alerts/parse`: the rows the server read from a chosen file (or pasted text),
/// as the request bodies of `alerts/push` batches the browser then posts one by one (so the
/// browser never decodes a row); or why the list as a whole was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AlertFileAnswer {
    Batches { rows: usize, bodies: Vec<String> },
    Refused(FieldError),
}

/// Rows per `alerts/push` request from the import page.
pub const ALERT_BATCH: usize = 25;

/// The answer to a plain (JavaScript-off) import post, handed to the import page to show
/// row by row: what became of each row, or why the list as a whole was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertImportAnswer(pub Result<Vec<AlertOutcome>, FieldError>);
