//! Which control of which plan measure a form message is about, so a refused plan says where
//! to look (措施2（金额）：金额格式不正确) and the page marks that control only.
use crate::tr::{field_error::measure_part as part, Lang};

/// One field of one measure row: `position` is the row's title number (措施2), its index in
/// the form plus one (every row is shown, filled or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasureField {
    pub position: usize,
    pub part: MeasurePart,
}

/// The measure row's fields that can be wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasurePart {
    Type,
    Amount,
    Start,
    End,
}

impl MeasurePart {
    pub const ALL: [MeasurePart; 4] = [
        MeasurePart::Type,
        MeasurePart::Amount,
        MeasurePart::Start,
        MeasurePart::End,
    ];

    /// The part's code: its name in the form's control names (`form[measures][0][amount]`)
    /// and its key under `field_error.measure_part` (crosses the wire).
    pub fn code(self) -> &'static str {
        match self {
            MeasurePart::Type => "measure_type",
            MeasurePart::Amount => "amount",
            MeasurePart::Start => "start",
            MeasurePart::End => "end",
        }
    }

    /// The field's name (texts under `field_error.measure_part` in locales/*.json).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            MeasurePart::Type => part::measure_type(lang),
            MeasurePart::Amount => part::amount(lang),
            MeasurePart::Start => part::start(lang),
            MeasurePart::End => part::end(lang),
        }
    }
}

impl MeasureField {
    /// `message` (already in `lang`) said about this measure's field.
    pub fn words(self, lang: Lang, message: &str) -> String {
        crate::tr::field_error::measure(lang, self.position, self.part.label(lang), message)
    }

    /// The field the problem is reported under: the wrong control's name inside `form[…]`
    /// (`measures[1][amount]` for 措施2's amount).
    pub fn field(self) -> String {
        format!(
            "measures[{}][{}]",
            self.position.saturating_sub(1),
            self.part.code()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_measure_part_is_named_in_each_language() {
        for part in MeasurePart::ALL {
            let zh = part.label(Lang::Zh);
            let en = part.label(Lang::En);
            assert!(!zh.is_ascii() && !zh.is_empty(), "{part:?} zh");
            assert!(en.is_ascii() && !en.is_empty(), "{part:?} en");
        }
    }

    #[test]
    fn the_message_names_the_measure_and_the_field_and_the_field_is_the_control() {
        let field = MeasureField {
            position: 2,
            part: MeasurePart::Amount,
        };
        assert_eq!(
            field.words(Lang::Zh, "金额格式不正确"),
            "措施2（金额）：金额格式不正确"
        );
        assert_eq!(
            field.words(Lang::En, "Not a valid amount"),
            "Measure 2 (amount): Not a valid amount"
        );
        assert_eq!(field.field(), "measures[1][amount]");
    }
}
