//! The household forms (/report, /track) word their errors one way: "请填写…" (never "请输入…")
//! and every message a full sentence, in both languages.
use super::{
    id_number::IdNumberError as I, message::UserMessage, mobile::MobileNumberError as M,
    report::ReportFieldError as R, tracking::TrackingNumberError as T,
};

fn all() -> Vec<&'static dyn UserMessage> {
    vec![
        &I::Empty,
        &I::WrongLength,
        &I::InvalidCharacter,
        &I::UnknownRegion,
        &I::InvalidBirthDate,
        &I::BadCheckDigit,
        &I::LegacyFifteenDigits,
        &I::BirthDateInFuture,
        &M::Empty,
        &M::InvalidCharacter,
        &M::WrongLength,
        &M::BadPrefix,
        &T::Empty,
        &T::WrongLength,
        &T::InvalidCharacter,
        &T::BadCheckCharacter,
        &R::NameMissing,
        &R::NameTooLong,
        &R::VillageMissing,
        &R::VillageCodeInvalid,
        &R::HouseholdSizeInvalid,
        &R::RiskTypesMissing,
        &R::DescriptionMissing,
        &R::DescriptionTooLong,
        &R::ConsentMissing,
        &R::VillageUnknown,
        &R::GroupTooLong,
        &R::ChannelNotAllowed,
        &R::ReferenceMissing,
        &R::TooManyAlerts,
    ]
}

#[test]
fn household_form_errors_say_write_in_and_end_with_a_full_stop() {
    for m in all() {
        let (zh, en) = (m.zh(), m.en());
        assert!(!zh.contains("请输入"), "{}: {zh}", m.key());
        assert!(zh.ends_with('。'), "{}: {zh}", m.key());
        assert!(en.ends_with('.'), "{}: {en}", m.key());
        assert!(!en.starts_with("Please enter"), "{}: {en}", m.key());
    }
}
