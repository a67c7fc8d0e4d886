//! The case page: what staff see of one case, and the steps they may take on it.
use serde::{Deserialize, Serialize};

use crate::domain::clock::Urgency;
use crate::domain::wording::phrase::Phrase;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberView {
    pub name: String,
    pub labour_zh: String,
    pub income: String,
    /// 与户主关系.
    pub relation_zh: String,
    /// Schooling or job status.
    pub status_zh: String,
    /// Masked ID number (never the full number); empty when not recorded.
    pub id_masked: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MeasureView {
    pub type_zh: String,
    pub department: String,
    /// The reader may move it on (a liaison only its own department's).
    #[serde(default)]
    pub yours: bool,
    /// Money paid with the measure; empty when it carries none (a job, a training place).
    pub amount: String,
    pub period: String,
    /// The day it began (`YYYY-MM-DD`) when not its planned first day: a late start showed
    /// only the plan's dates (officer tester).
    #[serde(default)]
    pub started_on: Option<String>,
    pub status_zh: String,
    /// Monitored: this measure keeps the risk from being marked eliminated (still planned, or
    /// a one-off not delivered).
    #[serde(default)]
    pub holds_back_elimination: bool,
    /// Of a kind that may run on after elimination (under way is enough).
    #[serde(default)]
    pub may_run_on: bool,
    /// The status it moves to next (`planned`… code), none once delivered.
    #[serde(default)]
    pub next_status: Option<String>,
    /// Its update falls due first of the plan's (a planned start, a running end): the update
    /// form starts on it.
    #[serde(default)]
    pub update_due_first: bool,
    /// The day this measure's update falls due (`YYYY-MM-DD`), none once delivered: the
    /// queue's "更新措施进度的日期", which the case page did not show (officer tester).
    #[serde(default)]
    pub update_due_on: Option<String>,
    /// The numbers (1-based) of the earlier measures of the same kind whose periods overlap
    /// this one: most often the same measure entered twice.
    #[serde(default)]
    pub overlaps: Vec<usize>,
    /// One of those, or this one, is still planned, so it can be withdrawn (已撤销); a measure
    /// under way cannot (the warning said to, and the step was refused: officer tester).
    #[serde(default)]
    pub overlap_withdrawable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ClockView {
    pub kind_zh: String,
    pub owner_zh: String,
    pub due_on: String,
    pub time_left_zh: String,
    pub urgency: Urgency,
    /// A minimum (the notice), not a deadline: `due_on` is the earliest end.
    pub is_minimum: bool,
    /// The codes the page words in the reader's language (`*_zh` above: the same in Chinese):
    /// the clock's kind (domain::clock::ClockKind), its owner (domain::clock::Level) and the
    /// time left.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub time_left: Option<crate::domain::clock::TimeLeft>,
    /// The day a met or cancelled clock ended (ISO): rounds of the same step differ by it.
    #[serde(default)]
    pub ended_on: Option<String>,
    /// The procedure's overall limit (ISO), when this step's deadline falls after it (a pause
    /// and an extension moved a home check past the 15-day limit unsaid: officer tester).
    #[serde(default)]
    pub after_limit: Option<String>,
    /// The overall limit can no longer be met (the notice's minimum is still ahead): said
    /// when the household's page says the result will be late (officer tester).
    #[serde(default)]
    pub cannot_meet: bool,
}

/// An earlier filing that looks like the same household, shown beside this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DuplicateView {
    pub tracking: String,
    /// Link to the other case when this officer may open it.
    pub case_id: Option<String>,
    /// The other applicant's name when in this officer's region, else empty.
    pub applicant: String,
    pub village: String,
    pub state_zh: String,
    pub reported_on: String,
    pub reasons_zh: String,
    /// The state and the reasons in the reader's language, worded by the server where the
    /// answer goes to an island (the proxy page's look-up); empty: only the `*_zh` words.
    #[serde(default)]
    pub state_words: String,
    #[serde(default)]
    pub reasons_words: String,
}

/// The county data comparison (县级比对) as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ComparisonView {
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = Date))]
    pub on: chrono::NaiveDate,
    pub by: String,
    /// Negative-list hits (负面清单), empty when nothing was found.
    pub hits_zh: Vec<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TimelineEntry {
    pub at: String,
    /// Who acted, in Chinese (kept for older readers; the page words `by_role`/`by_name`).
    pub who: String,
    /// What happened, in Chinese (shown when the page does not know `what`'s code).
    pub what_zh: String,
    /// What happened: a key of `timeline_words.event` and its arguments.
    #[serde(default)]
    pub what: Phrase,
    /// The actor's role code.
    #[serde(default)]
    pub by_role: String,
    /// The actor's display name (Chinese data); None for the household itself or an account
    /// that no longer exists.
    #[serde(default)]
    pub by_name: Option<String>,
    /// A step of a risk elimination that reads like identification's (完成入户核查): the page
    /// marks it (`procedure_marks`).
    #[serde(default)]
    pub of_elimination: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Choice {
    pub code: String,
    pub label_zh: String,
}

/// A request to extend a clock, waiting for the level above: what the approver decides on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PendingExtension {
    /// The clock's kind code.
    pub clock: String,
    pub days: u32,
    pub reason: String,
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = Date))]
    pub requested_on: chrono::NaiveDate,
    #[cfg_attr(feature = "ssr", schema(value_type = String, format = Date))]
    pub new_due: chrono::NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CaseView {
    pub id: String,
    pub tracking: String,
    pub version: i64,
    pub applicant: String,
    pub id_masked: String,
    pub mobile_masked: String,
    /// The reader may reveal the full numbers (a liaison never may: its form was always
    /// refused: attacker re-tester).
    #[serde(default)]
    pub may_reveal: bool,
    pub household_size: i64,
    pub village: String,
    pub village_code: String,
    pub group: Option<String>,
    pub township: String,
    pub state_code: String,
    pub state_zh: String,
    pub channel_zh: String,
    /// The channel's code (`proxy_hotline`…): what is read back after filing depends on it.
    #[serde(default)]
    pub channel: String,
    pub risk_types_zh: Vec<String>,
    pub description: String,
    pub discovered_on: String,
    pub category_zh: Option<String>,
    pub tier_zh: Option<String>,
    pub responsible: Option<String>,
    pub green_channel: bool,
    pub members: Vec<MemberView>,
    pub guarantees_zh: Vec<(String, bool)>,
    pub per_capita_income: Option<String>,
    /// Large rigid spending recorded by the home check (yuan per year).
    pub rigid_expenditure: Option<String>,
    /// (Total income − rigid expenditure) / members.
    pub per_capita_net_income: Option<String>,
    /// The household's income the year before, as the home check recorded it (yuan).
    pub previous_income: Option<String>,
    /// Per clock step (request/approve extension, pause, resume): the clocks it may name now.
    pub clock_choices: Vec<(String, Vec<Choice>)>,
    /// The step just taken, when the page was reached with the server's `?done=` mark.
    #[serde(default)]
    pub done_step: Option<String>,
    /// Extension requests awaiting approval, shown on the approval form.
    #[serde(default)]
    pub pending_extensions: Vec<PendingExtension>,
    pub measures: Vec<MeasureView>,
    pub clocks: Vec<ClockView>,
    pub timeline: Vec<TimelineEntry>,
    /// The steps this officer may take now (command kind codes with labels), the one due
    /// first.
    pub available: Vec<Choice>,
    /// The first of `available` is work to do, not only allowed (an extension, a reopening).
    #[serde(default)]
    pub first_step_due: bool,
    /// 缺什么补什么: measures suggested from the risks and labour capacity.
    pub suggested_measures: Vec<Choice>,
    /// Role codes of whoever takes the case's next step, when the reader's role does not.
    #[serde(default)]
    pub waiting_on: Vec<String>,
    /// `YYYY-MM-DD`: the day the village may end the running notice, when nobody has a step
    /// of the procedure before it.
    #[serde(default)]
    pub waiting_until: Option<String>,
    /// The reader is the one who ends that notice (a village cadre): told so, not of
    /// themselves in the third person (officer tester).
    #[serde(default)]
    pub waiting_until_yours: bool,
    /// The last home check as its form's fields (`form[members][0][name]` …), without ID
    /// numbers: a re-check's form starts from it. Empty before the first.
    #[serde(default)]
    pub home_check_prefill: Vec<(String, String)>,
    /// Before an elimination's home check: the `EliminationGap` codes the prefilled (last)
    /// check already shows, said on the form before it is saved.
    #[serde(default)]
    pub prefill_refused: Vec<String>,
    /// Why a 风险消除 proposed today would be refused, in the reader's words, said on its
    /// form before it is sent (they came only after: officer tester).
    #[serde(default)]
    pub proposal_gaps: Vec<crate::wire::FieldError>,
    /// While an elimination runs: the `EliminationGap` codes its home check already shows
    /// the county must refuse (`net_income_not_above_line`, `guarantees_not_secured`).
    #[serde(default)]
    pub elimination_refused: Vec<String>,
    /// Monitored: the household's risks (Chinese labels) no measure of the plan answers yet.
    #[serde(default)]
    pub risks_unanswered_zh: Vec<String>,
    /// The plan is back with the township: why the village did not pass it (data as typed).
    #[serde(default)]
    pub plan_returned: Option<String>,
    /// Back at the home check: who sent it back ("township" or "objection") and the reason
    /// or objection as typed (it sat only in the timeline: officer tester).
    #[serde(default)]
    pub sent_back: Option<(String, String)>,
    /// Monitored: the items of 两不愁三保障 and drinking water (short Chinese names) the home
    /// check found not secured and no measure answers.
    #[serde(default)]
    pub guarantees_unanswered_zh: Vec<String>,
    pub today: String,
    /// Earlier filings that look like the same household.
    pub duplicates: Vec<DuplicateView>,
    /// Suspected duplicates not shown to this reader (a liaison): only that there are.
    #[serde(default)]
    pub duplicates_unshown: usize,
    /// Filings made after this one that look like the same household (this one is flagged
    /// on none of them otherwise).
    #[serde(default)]
    pub later_filings: Vec<DuplicateView>,
    /// Why the township accepted a suspected duplicate anyway.
    pub duplicate_override: Option<String>,
    pub comparison: Option<ComparisonView>,
    /// Identification is under way and the county has not compared data yet.
    pub comparison_pending: bool,
    /// The recorded comparison matters to the step at hand (identification under way, or a
    /// negative-list hit) and leads the page; otherwise it sits below the household.
    #[serde(default)]
    pub comparison_first: bool,
    /// How the 承诺授权 was given: ticked by the household, or read aloud by a proxy.
    pub consent_zh: String,
    /// A proxy filing awaiting acceptance whose tracking number went to the household by
    /// text (not when the phone's texts for the hour were used up).
    #[serde(default)]
    pub tracking_texted: bool,
    /// 建档立卡脱贫户, as the latest home check recorded.
    pub formerly_poor: Option<bool>,
    /// The category code the home check supports (pre-selected in the county's form).
    pub suggested_category: Option<String>,
    /// Why: per-capita income against the line, worded for the county.
    pub category_hint_zh: Option<String>,
    /// `consent_zh` as a key of `case_words.consent` and its arguments.
    #[serde(default)]
    pub consent: Phrase,
    /// `category_hint_zh` as a key of `case_words.hint` and its arguments.
    #[serde(default)]
    pub category_hint: Option<Phrase>,
}

/// The answer to a plain (JavaScript-off) reveal post, handed to the case page it renders:
/// the full ID number or mobile (shown in that one response only), or why it was not shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevealAnswer {
    pub case_id: String,
    /// What was asked for (`id_number`, or empty for it; `mobile`).
    pub what: String,
    pub full: Option<String>,
    /// Why not, in the reader's language.
    pub error: Option<String>,
    /// The reason chosen and the words typed, kept for a refused reveal so the form comes
    /// back as the officer left it (a bare "Other" was refused and came back empty).
    pub reason: String,
    pub reason_text: String,
}

/// What was typed into a step form posted without JavaScript that was refused: the case page
/// is rendered again with it (and the errors), so nothing typed is lost. Only that response
/// holds it; nothing is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTyped {
    /// The step (`form[kind]`) whose form was posted.
    pub kind: String,
    pub pairs: std::sync::Arc<Vec<(String, String)>>,
}

impl StepTyped {
    /// The value posted under `name` (the first, when there are several).
    pub fn value(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}
