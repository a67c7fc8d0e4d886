//! Which household member a form message is about, so a home check with several members says
//! whose income (or ID number...) to fix: 第2位成员（年收入）：请填写此项.
use crate::tr::{field_error::member_part as part, Lang};

/// One field of one member row: `position` counts the named rows from 1, as the form shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberField {
    pub position: usize,
    pub part: MemberPart,
}

/// The member row's fields that can be wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberPart {
    Labour,
    Income,
    Relation,
    IdNumber,
    Status,
}

impl MemberPart {
    pub const ALL: [MemberPart; 5] = [
        MemberPart::Labour,
        MemberPart::Income,
        MemberPart::Relation,
        MemberPart::IdNumber,
        MemberPart::Status,
    ];

    /// The key of the field's name under `field_error.member_part` (crosses the wire).
    pub fn code(self) -> &'static str {
        match self {
            MemberPart::Labour => "labour",
            MemberPart::Income => "income",
            MemberPart::Relation => "relation",
            MemberPart::IdNumber => "id_number",
            MemberPart::Status => "status",
        }
    }

    /// The field's name (texts under `field_error.member_part` in locales/*.json).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MemberPart::Labour => part::labour(lang),
            MemberPart::Income => part::income(lang),
            MemberPart::Relation => part::relation(lang),
            MemberPart::IdNumber => part::id_number(lang),
            MemberPart::Status => part::status(lang),
        }
    }
}

impl MemberField {
    /// `message` (already in `lang`) said about this member's field.
    pub fn words(self, lang: Lang, message: &str) -> String {
        crate::tr::field_error::member(lang, self.position, self.part.label(lang), message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_member_part_is_named_in_each_language() {
        for part in MemberPart::ALL {
            let zh = part.label(Lang::Zh);
            let en = part.label(Lang::En);
            assert!(!zh.is_ascii() && !zh.is_empty(), "{part:?} zh");
            assert!(en.is_ascii() && !en.is_empty(), "{part:?} en");
        }
    }

    #[test]
    fn the_message_names_the_member_and_the_field() {
        let cases = [
            (
                Lang::Zh,
                2,
                MemberPart::Income,
                "请填写此项",
                "第2位成员（年收入）：请填写此项",
            ),
            (
                Lang::En,
                2,
                MemberPart::Income,
                "This field is required",
                "Member 2 (yearly income): This field is required",
            ),
            (
                Lang::Zh,
                1,
                MemberPart::IdNumber,
                "身份证号码不正确",
                "第1位成员（身份证号码）：身份证号码不正确",
            ),
        ];
        for (lang, position, part, message, said) in cases {
            assert_eq!(MemberField { position, part }.words(lang, message), said);
        }
    }
}
