//! Which household member a form message is about, so a home check with several members says
//! whose income (or ID number...) to fix: 第2位成员（年收入）：请填写此项.
use crate::tr::{field_error::member_part as part, Lang};

/// One field of one member row: `position` is the row's title number (第2位成员), its index
/// in the form plus one; `row` is that index (its controls are `form[members][{row}][…]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemberField {
    pub position: usize,
    pub row: usize,
    pub part: MemberPart,
}

/// The member row's fields that can be wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberPart {
    Name,
    Labour,
    Income,
    Relation,
    IdNumber,
    Status,
}

impl MemberPart {
    pub const ALL: [MemberPart; 6] = [
        MemberPart::Name,
        MemberPart::Labour,
        MemberPart::Income,
        MemberPart::Relation,
        MemberPart::IdNumber,
        MemberPart::Status,
    ];

    /// The part's code: its name in the form's control names (`form[members][0][income]`)
    /// and its key under `field_error.member_part` (crosses the wire).
    pub fn code(self) -> &'static str {
        match self {
            MemberPart::Name => "name",
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
            MemberPart::Name => part::name(lang),
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

    /// The same, naming the member by the name typed in the row when there is one:
    /// 第2位成员 李芳（年收入）：….
    pub fn words_named(self, lang: Lang, name: &str, message: &str) -> String {
        let name = name.trim();
        if name.is_empty() {
            return self.words(lang, message);
        }
        let part = self.part.label(lang);
        crate::tr::member_words::named(lang, self.position, name, part, message)
    }

    /// The field the problem is reported under: the wrong control's name inside `form[…]`,
    /// so the page marks that control only (`members[1][income]`).
    pub fn field(self) -> String {
        format!("members[{}][{}]", self.row, self.part.code())
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
            let member = MemberField {
                position,
                row: position,
                part,
            };
            assert_eq!(member.words(lang, message), said);
        }
    }

    #[test]
    fn a_named_member_is_called_by_name_and_the_field_is_the_control() {
        let member = MemberField {
            position: 2,
            row: 3,
            part: MemberPart::Income,
        };
        let cases = [
            (Lang::Zh, "李芳", "第2位成员 李芳（年收入）：请填写此项"),
            (Lang::Zh, "  ", "第2位成员（年收入）：请填写此项"),
            (
                Lang::En,
                " 李芳 ",
                "Member 2, 李芳 (yearly income): 请填写此项",
            ),
        ];
        for (lang, name, said) in cases {
            assert_eq!(member.words_named(lang, name, "请填写此项"), said);
        }
        assert_eq!(member.field(), "members[3][income]");
    }
}
