//! Tables that stack on a phone (style: `table.audit`, `table.stacked`): each row becomes a
//! card of "column: value" lines, the column named by the cell's `data-label`.
use crate::{domain::lang::Lang, tr};

/// A cell's `data-label`: its column's name and a colon, in `lang`.
pub fn cell_label(column: &str, lang: Lang) -> String {
    format!("{column}{}", tr::common::colon(lang))
}
