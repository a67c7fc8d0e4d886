//! A person's name as it is kept and searched. Names are found by the whole name only, so
//! "王 秀英" (a space typed on a phone) and "王秀英" must be one name: a household whose name
//! went in with a space could not be found by it (household tester).

/// `name` with whitespace between two Chinese characters dropped; other runs of whitespace
/// (between Latin words) kept as one space.
pub fn joined(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !c.is_whitespace() {
            out.push(c);
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| !chars[j].is_whitespace())
            .unwrap_or(chars.len());
        let between_han =
            out.chars().last().is_some_and(is_han) && chars.get(end).copied().is_some_and(is_han);
        if !between_han {
            out.push(' ');
        }
        i = end;
    }
    out
}

/// A CJK unified ideograph (the common and extension-A blocks).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

#[cfg(test)]
mod tests {
    use super::joined;

    #[test]
    fn spaces_inside_a_chinese_name_are_dropped_and_others_kept() {
        for (typed, kept) in [
            ("王 秀英", "王秀英"),
            ("王\u{3000}秀 英", "王秀英"),
            ("  王秀英 ", "王秀英"),
            ("阿卜杜拉·艾买提", "阿卜杜拉·艾买提"),
            ("Maria  Lopez", "Maria Lopez"),
            ("王 Li", "王 Li"),
        ] {
            assert_eq!(joined(typed), kept, "{typed:?}");
        }
    }
}
