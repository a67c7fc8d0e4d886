//! 村级公示: the printable public notice for one village. Public by design (it is posted on
//! the village board), so it never carries ID numbers, phones, bank or health details.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticeEntry {
    pub name: String,
    pub group: Option<String>,
    pub household_size: i64,
    /// The [`Procedure`](crate::domain::case::Procedure) in notice, as its serde code
    /// (`identification` or `elimination`), or `plan` for an assistance plan (落实帮扶措施); the page words it in the reader's language.
    pub procedure: String,
    /// A [`Category`](crate::domain::vocab::Category) code.
    pub category: Option<String>,
    /// A plan's notice (`procedure` = `plan`) on the board copy: its measures'
    /// [`MeasureType`](crate::domain::vocab::MeasureType) codes. Empty on the open web.
    #[serde(default)]
    pub measures: Vec<String>,
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = Date))]
    pub from: chrono::NaiveDate,
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = Date))]
    pub until: chrono::NaiveDate,
    /// The minimum period ended before today: the notice stays up until the village ends it,
    /// and the page says so rather than show a past period as if current.
    #[serde(default)]
    pub period_over: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticeView {
    pub village: String,
    pub township: String,
    pub county: String,
    pub entries: Vec<NoticeEntry>,
    /// Names are partly hidden (the open web); signed-in staff see them in full to print.
    #[serde(default)]
    pub masked: bool,
    /// Where an objection goes: the village committee, the township, the 12317 hotline.
    #[serde(default)]
    pub contacts: Vec<super::reports::ContactLine>,
}
