//! What phone keyboards type: Chinese input methods often produce full-width digits
//! (`１３８`), a full-width `Ｘ` and ideographic spaces (U+3000). Numbers people type are
//! folded to their ASCII form before they are checked, so "only digits" is never said to
//! someone who typed digits.

/// The ASCII form of a full-width digit, letter X, plus or hyphen; other characters as they are.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (u32::from(c) - 0xFF10) as u8),
        '\u{FF38}' => 'X',
        '\u{FF58}' => 'x',
        '\u{FF0B}' => '+',
        '\u{FF0D}' => '-',
        other => other,
    }
}

/// Any full-width ASCII character (U+FF01–U+FF5E, e.g. `Ａ`, `１`, `－`) as its ASCII form.
pub fn fold_full_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFF01 + 0x21).unwrap_or(c),
        other => other,
    }
}

/// Folds full-width characters (see [`fold_char`]) and drops every kind of white space,
/// including the ideographic space and no-break space.
pub fn fold_number(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(fold_char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_x_and_spaces_fold_to_ascii() {
        for (typed, folded) in [
            ("１２３４５６７８９０", "1234567890"),
            (
                "１１０１０５ １９４９\u{3000}１２３１００２Ｘ",
                "11010519491231002X",
            ),
            ("００２ｘ", "002x"),
            ("＋８６ １３８－１２３４", "+86138-1234"),
            ("\u{00A0}13\t8\n", "138"),
            ("abc", "abc"),
        ] {
            assert_eq!(fold_number(typed), folded, "{typed}");
        }
    }

    #[test]
    fn the_whole_full_width_block_folds_for_tracking_numbers() {
        assert_eq!(fold_full_width('Ａ'), 'A');
        assert_eq!(fold_full_width('ｚ'), 'z');
        assert_eq!(fold_full_width('－'), '-');
        assert_eq!(fold_full_width('一'), '一');
    }

    #[test]
    fn other_characters_are_left_for_the_parser_to_refuse() {
        assert_eq!(fold_char('Ａ'), 'Ａ');
        assert_eq!(fold_char('一'), '一');
    }
}
