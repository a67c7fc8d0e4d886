//! Why one field of a case command form could not be read, in the words staff see.

use crate::domain::message::UserMessage;

/// Why one field of a [`CommandForm`] could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandFieldError {
    UnknownKind,
    Missing,
    BadDate,
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
}

impl CommandFieldError {
    pub const ALL: [CommandFieldError; 14] = [
        CommandFieldError::UnknownKind,
        CommandFieldError::Missing,
        CommandFieldError::BadDate,
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
    ];
}

impl UserMessage for CommandFieldError {
    fn key(&self) -> &'static str {
        match self {
            Self::UnknownKind => "command.unknown_kind",
            Self::Missing => "command.missing",
            Self::BadDate => "command.bad_date",
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
        }
    }

    fn zh(&self) -> &'static str {
        match self {
            Self::UnknownKind => "无法识别要办理的事项，请刷新页面后重试",
            Self::Missing => "请填写此项",
            Self::BadDate => "日期格式不正确，例如：2025-03-01",
            Self::BadNumber => "请填写正确的整数",
            Self::BadChoice => "所选内容无效，请重新选择",
            Self::NoMembers => "请至少填写一名家庭成员",
            Self::NoMeasures => "请至少添加一项帮扶措施",
            Self::BadAmount => {
                "金额格式不正确：以元为单位，最多两位小数，不能为负数，例如：7300 或 7,300.50"
            }
            Self::BadIdNumber => "身份证号码不正确，请核对18位号码（可不填）",
            Self::BadMobile => "手机号码不正确，请填写11位手机号码，如：13800138000",
            Self::PhoneInName => "这里只填姓名，手机号码请填在下面一栏",
            Self::FutureBirthDate => "身份证号码里的出生日期晚于今天，请核对号码（可不填）",
            Self::IncomeTotalTooLarge => "家庭成员年收入合计过大，请核对各成员的收入金额",
            Self::RelationMissing => "请为每位家庭成员选择与户主的关系",
        }
    }

    fn en(&self) -> &'static str {
        match self {
            Self::UnknownKind => "Unknown action; reload the page and try again",
            Self::Missing => "This field is required",
            Self::BadDate => "Not a valid date, e.g. 2025-03-01",
            Self::BadNumber => "Enter a valid whole number",
            Self::BadChoice => "Not a valid choice; choose again",
            Self::NoMembers => "Enter at least one household member",
            Self::NoMeasures => "Add at least one assistance measure",
            Self::BadAmount => {
                "Not a valid amount: yuan with at most two decimals, not negative, e.g. 7300 or 7,300.50"
            }
            Self::BadIdNumber => "Not a valid 18-character ID number (it may be left empty)",
            Self::BadMobile => "Not a valid mobile number; enter the 11 digits, e.g. 13800138000",
            Self::PhoneInName => "Enter only the name here; the mobile number has its own field below",
            Self::FutureBirthDate => {
                "The birth date in this ID number is after today; check the number (it may be left empty)"
            }
            Self::IncomeTotalTooLarge => {
                "The members' incomes add up to too much; check each member's income"
            }
            Self::RelationMissing => "Choose each member's relation to the head of household",
        }
    }
}
