//! A household's self-report (自主申报) as typed on the form, and its parsed form.
use crate::tr::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    id_number::IdNumber,
    message::{Message, UserMessage},
    mobile::MobileNumber,
    region::{RegionCode, RegionLevel},
    vocab::RiskType,
};

/// Raw form input: every field is a string so nothing typed is ever lost.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReportForm {
    pub name: String,
    pub mobile: String,
    pub id_number: String,
    pub village: String,
    /// 村民小组, optional (e.g. "3组").
    pub group: String,
    pub household_size: String,
    pub risk_types: Vec<String>,
    pub description: String,
    pub consent: String,
    /// Idempotency key the page issued with the form (hidden field); empty when absent.
    pub key: String,
}

/// A report that passed every check that needs no database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    pub name: String,
    pub mobile: MobileNumber,
    pub id_number: IdNumber,
    pub village: RegionCode,
    pub group: Option<String>,
    pub household_size: u8,
    pub risk_types: Vec<RiskType>,
    pub description: String,
}

pub const NAME_MAX_CHARS: usize = 20;
pub const DESCRIPTION_MAX_CHARS: usize = 500;
pub const HOUSEHOLD_MAX: u8 = 30;
pub const GROUP_MAX_CHARS: usize = 10;

/// Too many online filings today from this mobile number or this address (an abuse guard,
/// set in the policy). Shown over the form, which comes back filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilingLimit {
    PerMobile,
    PerAddress,
}

/// The form-level "field" a refusal that is about no one field is reported under.
pub const FORM_FIELD: &str = "form";

super::message::user_messages! {
    FilingLimit {
        PerMobile => report.limit_per_mobile;
        PerAddress => report.limit_per_address;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFieldError {
    NameMissing,
    NameTooLong,
    VillageMissing,
    /// Something given that is not a village's 12-digit code (a typed or imported value).
    VillageCodeInvalid,
    HouseholdSizeInvalid,
    RiskTypesMissing,
    DescriptionMissing,
    DescriptionTooLong,
    ConsentMissing,
    VillageUnknown,
    GroupTooLong,
    /// A proxy filing under a channel the member of staff may not use.
    ChannelNotAllowed,
    /// A department alert without the department's own record id.
    ReferenceMissing,
    /// More alerts in one push than the server takes.
    TooManyAlerts,
}

impl UserMessage for ReportFieldError {
    fn key(&self) -> &'static str {
        match self {
            Self::NameMissing => "report.name_missing",
            Self::NameTooLong => "report.name_too_long",
            Self::VillageMissing => "report.village_missing",
            Self::VillageCodeInvalid => "report.village_code_invalid",
            Self::HouseholdSizeInvalid => "report.household_size_invalid",
            Self::RiskTypesMissing => "report.risk_types_missing",
            Self::DescriptionMissing => "report.description_missing",
            Self::DescriptionTooLong => "report.description_too_long",
            Self::ConsentMissing => "report.consent_missing",
            Self::VillageUnknown => "report.village_unknown",
            Self::GroupTooLong => "report.group_too_long",
            Self::ChannelNotAllowed => "report.channel_not_allowed",
            Self::ReferenceMissing => "report.reference_missing",
            Self::TooManyAlerts => "report.too_many_alerts",
        }
    }

    /// The message in `lang` (texts under `field_error` in locales/*.json).
    fn text(&self, lang: Lang) -> &'static str {
        use crate::tr::field_error as w;
        match self {
            Self::NameMissing => w::report::name_missing(lang),
            Self::NameTooLong => w::report::name_too_long(lang),
            Self::VillageMissing => w::report::village_missing(lang),
            Self::VillageCodeInvalid => w::report::village_code_invalid(lang),
            Self::HouseholdSizeInvalid => w::report::household_size_invalid(lang),
            Self::RiskTypesMissing => w::report::risk_types_missing(lang),
            Self::DescriptionMissing => w::report::description_missing(lang),
            Self::DescriptionTooLong => w::report::description_too_long(lang),
            Self::ConsentMissing => w::report::consent_missing(lang),
            Self::VillageUnknown => w::report::village_unknown(lang),
            Self::GroupTooLong => w::report::group_too_long(lang),
            Self::ChannelNotAllowed => w::report::channel_not_allowed(lang),
            Self::ReferenceMissing => w::report::reference_missing(lang),
            Self::TooManyAlerts => w::report::too_many_alerts(lang),
        }
    }
}

/// One field's problem: the field name as used in the form, and the message.
pub type FieldProblem = (&'static str, Message);

/// Trimmed text that must be present and at most `max` characters long.
/// `raw` as seen (invisible characters dropped, `visible_text`), within `max` characters.
fn bounded_text(
    raw: &str,
    keep_lines: bool,
    max: usize,
    missing: ReportFieldError,
    too_long: ReportFieldError,
) -> Result<String, ReportFieldError> {
    let text = super::visible_text::visible(raw, keep_lines);
    if text.is_empty() {
        Err(missing)
    } else if text.chars().count() > max {
        Err(too_long)
    } else {
        Ok(text)
    }
}

pub fn parse_name(raw: &str) -> Result<String, ReportFieldError> {
    bounded_text(
        raw,
        false,
        NAME_MAX_CHARS,
        ReportFieldError::NameMissing,
        ReportFieldError::NameTooLong,
    )
}

/// Nothing chosen reads "choose a village"; a value that is not a village's code (a
/// department's import, a tampered form) says so, rather than asking to choose.
pub fn parse_village(raw: &str) -> Result<RegionCode, ReportFieldError> {
    if raw.trim().is_empty() {
        return Err(ReportFieldError::VillageMissing);
    }
    match RegionCode::parse(raw) {
        Ok(code) if code.level() == RegionLevel::Village => Ok(code),
        _ => Err(ReportFieldError::VillageCodeInvalid),
    }
}

/// Optional: empty means not given.
pub fn parse_group(raw: &str) -> Result<Option<String>, ReportFieldError> {
    let group = super::visible_text::visible(raw, false);
    if group.is_empty() {
        Ok(None)
    } else if group.chars().count() > GROUP_MAX_CHARS {
        Err(ReportFieldError::GroupTooLong)
    } else {
        Ok(Some(group))
    }
}

pub fn parse_household_size(raw: &str) -> Result<u8, ReportFieldError> {
    // Full-width digits (２) are what many Chinese keyboards type.
    match super::typed_digits::fold_number(raw).parse::<u8>() {
        Ok(n) if (1..=HOUSEHOLD_MAX).contains(&n) => Ok(n),
        _ => Err(ReportFieldError::HouseholdSizeInvalid),
    }
}

pub fn parse_risk_types(raw: &[String]) -> Result<Vec<RiskType>, ReportFieldError> {
    let mut risks: Vec<RiskType> = Vec::new();
    for code in raw {
        if let Some(risk) = RiskType::from_code(code.trim()) {
            if !risks.contains(&risk) {
                risks.push(risk);
            }
        }
    }
    if risks.is_empty() {
        Err(ReportFieldError::RiskTypesMissing)
    } else {
        Ok(risks)
    }
}

pub fn parse_description(raw: &str) -> Result<String, ReportFieldError> {
    bounded_text(
        raw,
        true,
        DESCRIPTION_MAX_CHARS,
        ReportFieldError::DescriptionMissing,
        ReportFieldError::DescriptionTooLong,
    )
}

/// A ticked HTML checkbox sends "on" (or whatever its value is); an unticked one sends nothing.
pub fn parse_consent(raw: &str) -> Result<(), ReportFieldError> {
    if raw.trim().is_empty() {
        Err(ReportFieldError::ConsentMissing)
    } else {
        Ok(())
    }
}

fn keep<T, E: UserMessage>(
    field: &'static str,
    result: Result<T, E>,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            problems.push((field, Message::of(&e)));
            None
        }
    }
}

impl NewReport {
    /// Parses every field and reports every problem at once, in form order. `today` is the
    /// report's date (Beijing): a birth date after it is refused.
    pub fn parse(form: &ReportForm, today: NaiveDate) -> Result<Self, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let name = keep("name", parse_name(&form.name), &mut problems);
        let mobile = keep("mobile", MobileNumber::parse(&form.mobile), &mut problems);
        let id_number = keep(
            "id_number",
            IdNumber::parse_on(&form.id_number, today),
            &mut problems,
        );
        let village = keep("village", parse_village(&form.village), &mut problems);
        let group = keep("group", parse_group(&form.group), &mut problems);
        let household_size = keep(
            "household_size",
            parse_household_size(&form.household_size),
            &mut problems,
        );
        let risk_types = keep(
            "risk_types",
            parse_risk_types(&form.risk_types),
            &mut problems,
        );
        let description = keep(
            "description",
            parse_description(&form.description),
            &mut problems,
        );
        let consent = keep("consent", parse_consent(&form.consent), &mut problems);
        match (
            name,
            mobile,
            id_number,
            village,
            group,
            household_size,
            risk_types,
            description,
            consent,
        ) {
            (
                Some(name),
                Some(mobile),
                Some(id_number),
                Some(village),
                Some(group),
                Some(household_size),
                Some(risk_types),
                Some(description),
                Some(()),
            ) => Ok(NewReport {
                name,
                mobile,
                id_number,
                village,
                group,
                household_size,
                risk_types,
                description,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filing_limit_names_the_hotline_and_the_village_office() {
        use super::super::message::UserMessage;
        let all = [FilingLimit::PerMobile, FilingLimit::PerAddress];
        super::super::message::tests::assert_messages_are_well_formed("report", &all);
        for limit in all {
            assert!(limit.zh().contains("12317") && limit.zh().contains("村委会"));
            assert!(limit.en().contains("12317") && limit.en().contains("village office"));
        }
    }
    use crate::domain::id_number::check_digit;

    #[test]
    fn a_household_size_in_full_width_digits_is_read() {
        assert_eq!(parse_household_size("２"), Ok(2));
        assert_eq!(parse_household_size(" 1２ "), Ok(12));
        assert!(parse_household_size("二").is_err());
    }

    #[test]
    fn a_name_with_a_direction_override_is_stored_as_it_reads() {
        assert_eq!(
            parse_name("张\u{200B}\u{202E}三丰\u{7}"),
            Ok("张三丰".to_owned())
        );
        assert_eq!(
            parse_name("\u{202E}\u{200B}"),
            Err(ReportFieldError::NameMissing),
            "nothing visible is no name"
        );
        assert_eq!(
            parse_description("住院\r\n费用高"),
            Ok("住院\n费用高".to_owned())
        );
    }

    fn report_day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
    }

    #[test]
    fn a_report_with_a_birth_date_after_its_own_date_is_refused_on_the_id_field() {
        let first17 = "52272720990101001";
        let mut form = valid_form();
        form.id_number = format!("{first17}{}", check_digit(first17).expect("digits"));
        let problems = NewReport::parse(&form, report_day()).expect_err("future birth");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "id_number");
        assert_eq!(problems[0].1.key, "id_number.birth_date_in_future");
    }

    fn valid_id() -> String {
        let first17 = "52272719800101001";
        format!("{first17}{}", check_digit(first17).expect("digits"))
    }

    fn valid_form() -> ReportForm {
        ReportForm {
            name: "张三".into(),
            mobile: "13800138000".into(),
            id_number: valid_id(),
            village: "522799101201".into(),
            group: String::new(),
            household_size: "4".into(),
            risk_types: vec!["illness".into()],
            description: "父亲住院，医疗费用高".into(),
            consent: "on".into(),
            key: String::new(),
        }
    }

    fn fields(form: &ReportForm) -> Vec<&'static str> {
        match NewReport::parse(form, report_day()) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.iter().map(|(f, _)| *f).collect(),
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let report = NewReport::parse(&valid_form(), report_day()).expect("valid");
        assert_eq!(report.household_size, 4);
        assert_eq!(report.risk_types, vec![RiskType::Illness]);
    }

    #[test]
    fn an_empty_form_reports_every_field() {
        assert_eq!(
            fields(&ReportForm::default()),
            vec![
                "name",
                "mobile",
                "id_number",
                "village",
                "household_size",
                "risk_types",
                "description",
                "consent"
            ]
        );
    }

    #[test]
    fn a_missing_consent_is_refused() {
        let form = ReportForm {
            consent: String::new(),
            ..valid_form()
        };
        assert_eq!(fields(&form), vec!["consent"]);
    }

    #[test]
    fn the_village_group_is_optional_but_short() {
        assert_eq!(
            NewReport::parse(&valid_form(), report_day())
                .expect("valid")
                .group,
            None
        );
        let with_group = ReportForm {
            group: " 3组 ".into(),
            ..valid_form()
        };
        assert_eq!(
            NewReport::parse(&with_group, report_day())
                .expect("valid")
                .group
                .as_deref(),
            Some("3组")
        );
        let too_long = ReportForm {
            group: "第".repeat(GROUP_MAX_CHARS + 1),
            ..valid_form()
        };
        assert_eq!(fields(&too_long), vec!["group"]);
    }

    #[test]
    fn a_township_code_is_not_a_village() {
        let form = ReportForm {
            village: "522799101000".into(),
            ..valid_form()
        };
        assert_eq!(fields(&form), vec!["village"]);
    }

    /// A department's import with a malformed village code used to read "choose your
    /// township and village", which no one importing a file can do.
    #[test]
    fn a_malformed_village_code_says_so_and_only_an_empty_one_asks_to_choose() {
        assert_eq!(parse_village(" "), Err(ReportFieldError::VillageMissing));
        for bad in ["52279910120", "52279910120x", "522799101000", "abc"] {
            assert_eq!(
                parse_village(bad),
                Err(ReportFieldError::VillageCodeInvalid),
                "{bad}"
            );
        }
        assert!(parse_village("522799101201").is_ok());
    }

    #[test]
    fn unknown_risk_codes_are_ignored_and_duplicates_merged() {
        let form = ReportForm {
            risk_types: vec!["illness".into(), "bogus".into(), "illness".into()],
            ..valid_form()
        };
        let report = NewReport::parse(&form, report_day()).expect("valid");
        assert_eq!(report.risk_types, vec![RiskType::Illness]);
        let only_bogus = ReportForm {
            risk_types: vec!["bogus".into()],
            ..valid_form()
        };
        assert_eq!(fields(&only_bogus), vec!["risk_types"]);
    }

    #[test]
    fn household_size_must_be_between_one_and_thirty() {
        for bad in ["0", "31", "abc", "", "-1"] {
            let form = ReportForm {
                household_size: bad.into(),
                ..valid_form()
            };
            assert_eq!(fields(&form), vec!["household_size"], "{bad}");
        }
    }

    #[test]
    fn an_overlong_description_is_refused() {
        let form = ReportForm {
            description: "困".repeat(DESCRIPTION_MAX_CHARS + 1),
            ..valid_form()
        };
        assert_eq!(fields(&form), vec!["description"]);
    }
}
