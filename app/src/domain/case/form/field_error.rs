//! Why one field of a case command form could not be read, in the words staff see.

use crate::domain::message::UserMessage;
use crate::tr::Lang;

/// Why one field of a [`CommandForm`] could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandFieldError {
    UnknownKind,
    Missing,
    BadDate,
    /// Written as a date, but no such day (11月31日, 2月30日): "not a date format" read as
    /// wrong for a well-typed slip of the day (officer tester).
    NoSuchDay,
    BadNumber,
    BadChoice,
    NoMembers,
    NoMeasures,
    BadAmount,
    BadIdNumber,
    /// Not a mobile number (the 帮扶责任人's phone).
    BadMobile,
    /// A phone number typed into a name field that has its own phone field.
    PhoneInName,
    /// A member's ID number gives a birth date after today.
    FutureBirthDate,
    /// The members' incomes add up to more than can be counted (a typing slip, or a probe).
    IncomeTotalTooLarge,
    /// A member after the first has no relation to the head chosen (only the first defaults).
    RelationMissing,
    /// An extension longer than [`MAX_EXTENSION_WORKING_DAYS`](crate::domain::clock::MAX_EXTENSION_WORKING_DAYS).
    TooManyDays,
    /// Zero or fewer days: a whole number, but no extension.
    TooFewDays,
    /// A measure that ends before it starts.
    EndBeforeStart,
    /// A measure starting more than a year from today (a slip in the year).
    StartFarFromToday,
    /// A measure running longer than three years.
    MeasureTooLong,
    /// A measure other than a one-off (临时救助) without an end date: said with the rule
    /// (it read only 请填写此项).
    EndDateMissing,
    /// The day something was done, after today.
    FutureDate,
    /// A campaign's visits due today or earlier, or more than a year ahead.
    CampaignDeadline,
    /// A campaign's name over [`CAMPAIGN_NAME_CHARS`](super::super::follow_up::CAMPAIGN_NAME_CHARS).
    CampaignNameTooLong,
    /// A choice left at its "please choose" option.
    NotChosen,
    /// A member row with something typed in it but no name (a row without a name is not counted).
    NameMissing,
    /// More than one member chosen as 户主.
    SecondHead,
    /// A member's yearly income over [`MEMBER_INCOME_MAX_YUAN`](super::MEMBER_INCOME_MAX_YUAN): almost surely an extra zero.
    IncomeImplausible,
    /// A measure's amount over [`MEASURE_AMOUNT_MAX_YUAN`](super::MEASURE_AMOUNT_MAX_YUAN).
    MeasureAmountImplausible,
    /// A measure row with an amount or dates typed in but no type (a row without a type is not counted).
    MeasureTypeMissing,
    /// An item of 两不愁三保障 with neither 是 nor 否 chosen.
    GuaranteeUnanswered,
    /// The home check's signed consent not ticked (the engine refuses it too; said here with
    /// the form's other problems, not in a second round).
    ConsentMissing,
}

impl CommandFieldError {
    pub const ALL: [CommandFieldError; 32] = [
        CommandFieldError::UnknownKind,
        CommandFieldError::Missing,
        CommandFieldError::BadDate,
        CommandFieldError::NoSuchDay,
        CommandFieldError::BadNumber,
        CommandFieldError::BadChoice,
        CommandFieldError::NoMembers,
        CommandFieldError::NoMeasures,
        CommandFieldError::BadAmount,
        CommandFieldError::BadIdNumber,
        CommandFieldError::BadMobile,
        CommandFieldError::PhoneInName,
        CommandFieldError::FutureBirthDate,
        CommandFieldError::IncomeTotalTooLarge,
        CommandFieldError::RelationMissing,
        CommandFieldError::TooManyDays,
        CommandFieldError::TooFewDays,
        CommandFieldError::EndBeforeStart,
        CommandFieldError::StartFarFromToday,
        CommandFieldError::MeasureTooLong,
        CommandFieldError::EndDateMissing,
        CommandFieldError::FutureDate,
        CommandFieldError::CampaignDeadline,
        CommandFieldError::CampaignNameTooLong,
        CommandFieldError::NotChosen,
        CommandFieldError::NameMissing,
        CommandFieldError::SecondHead,
        CommandFieldError::IncomeImplausible,
        CommandFieldError::MeasureAmountImplausible,
        CommandFieldError::MeasureTypeMissing,
        CommandFieldError::GuaranteeUnanswered,
        CommandFieldError::ConsentMissing,
    ];
}

impl UserMessage for CommandFieldError {
    fn key(&self) -> &'static str {
        match self {
            Self::UnknownKind => "command.unknown_kind",
            Self::Missing => "command.missing",
            Self::BadDate => "command.bad_date",
            Self::NoSuchDay => "command.no_such_day",
            Self::BadNumber => "command.bad_number",
            Self::BadChoice => "command.bad_choice",
            Self::NoMembers => "command.no_members",
            Self::NoMeasures => "command.no_measures",
            Self::BadAmount => "command.bad_amount",
            Self::BadIdNumber => "command.bad_id_number",
            Self::BadMobile => "command.bad_mobile",
            Self::PhoneInName => "command.phone_in_name",
            Self::FutureBirthDate => "command.future_birth_date",
            Self::IncomeTotalTooLarge => "command.income_total_too_large",
            Self::RelationMissing => "command.relation_missing",
            Self::TooManyDays => "command.too_many_days",
            Self::TooFewDays => "command.too_few_days",
            Self::EndBeforeStart => "command.end_before_start",
            Self::StartFarFromToday => "command.start_far_from_today",
            Self::MeasureTooLong => "command.measure_too_long",
            Self::EndDateMissing => "command.end_date_missing",
            Self::FutureDate => "command.future_date",
            Self::CampaignDeadline => "command.campaign_deadline",
            Self::CampaignNameTooLong => "command.campaign_name_too_long",
            Self::NotChosen => "command.not_chosen",
            Self::NameMissing => "command.name_missing",
            Self::SecondHead => "command.second_head",
            Self::IncomeImplausible => "command.income_implausible",
            Self::MeasureAmountImplausible => "command.measure_amount_implausible",
            Self::MeasureTypeMissing => "command.measure_type_missing",
            Self::GuaranteeUnanswered => "command.guarantee_unanswered",
            Self::ConsentMissing => "command.consent_missing",
        }
    }

    /// The message in `lang` (texts under `field_error` in locales/*.json).
    fn text(&self, lang: Lang) -> &'static str {
        use crate::tr::field_error as w;
        match self {
            Self::UnknownKind => w::command::unknown_kind(lang),
            Self::Missing => w::command::missing(lang),
            Self::BadDate => w::command::bad_date(lang),
            Self::NoSuchDay => w::command::no_such_day(lang),
            Self::BadNumber => w::command::bad_number(lang),
            Self::BadChoice => w::command::bad_choice(lang),
            Self::NoMembers => w::command::no_members(lang),
            Self::NoMeasures => w::command::no_measures(lang),
            Self::BadAmount => w::command::bad_amount(lang),
            Self::BadIdNumber => w::command::bad_id_number(lang),
            Self::BadMobile => w::command::bad_mobile(lang),
            Self::PhoneInName => w::command::phone_in_name(lang),
            Self::FutureBirthDate => w::command::future_birth_date(lang),
            Self::IncomeTotalTooLarge => w::command::income_total_too_large(lang),
            Self::RelationMissing => w::command::relation_missing(lang),
            Self::TooManyDays => w::command::too_many_days(lang),
            Self::TooFewDays => w::command::too_few_days(lang),
            Self::EndBeforeStart => w::command::end_before_start(lang),
            Self::StartFarFromToday => w::command::start_far_from_today(lang),
            Self::MeasureTooLong => w::command::measure_too_long(lang),
            Self::EndDateMissing => w::command::end_date_missing(lang),
            Self::FutureDate => w::command::future_date(lang),
            Self::CampaignDeadline => w::command::campaign_deadline(lang),
            Self::CampaignNameTooLong => w::command::campaign_name_too_long(lang),
            Self::NotChosen => w::command::not_chosen(lang),
            Self::NameMissing => w::command::name_missing(lang),
            Self::SecondHead => w::command::second_head(lang),
            Self::IncomeImplausible => w::command::income_implausible(lang),
            Self::MeasureAmountImplausible => w::command::measure_amount_implausible(lang),
            Self::MeasureTypeMissing => w::command::measure_type_missing(lang),
            Self::GuaranteeUnanswered => w::command::guarantee_unanswered(lang),
            Self::ConsentMissing => w::command::consent_missing(lang),
        }
    }
}
