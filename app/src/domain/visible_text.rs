//! Text people type is kept to what can be seen. Invisible characters pasted or sent into a
//! name or a note (zero-width spaces, a right-to-left override, a bell) would make a stored
//! name differ from what anyone reads, and a direction override turns the words around it
//! on a staff page (张三丰 shown as 张丰三, the case's status read backwards). They are
//! dropped before a text is checked or stored.

/// Whether `c` is invisible formatting or a control character (tab and line break aside,
/// which `keep_lines` keeps).
fn invisible(c: char, keep_lines: bool) -> bool {
    match c {
        '\n' | '\t' => !keep_lines,
        // Soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width and
        // direction marks, embeddings and overrides, word joiner and invisible operators,
        // isolates, deprecated format controls, byte-order mark, interlinear annotation.
        '\u{AD}'
        | '\u{61C}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}' => true,
        c => c.is_control(),
    }
}

/// `raw` without invisible characters, trimmed; line breaks (as `\n`: a `\r` is dropped)
/// and tabs are kept only in a text of several lines. Char by char, with no string search:
/// this runs in the household's WASM.
pub fn visible(raw: &str, keep_lines: bool) -> String {
    raw.chars()
        .filter(|&c| !invisible(c, keep_lines))
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::visible;

    #[test]
    fn invisible_characters_are_dropped_from_a_name() {
        for (typed, kept) in [
            ("张\u{200B}\u{202E}三丰\u{7}", "张三丰"),
            ("\u{FEFF} 李芳\u{2066}\u{2069} ", "李芳"),
            ("王\n五\t", "王五"),
            ("Ａnna Müller", "Ａnna Müller"),
        ] {
            assert_eq!(visible(typed, false), kept, "{typed:?}");
        }
    }

    #[test]
    fn a_note_keeps_its_lines() {
        assert_eq!(
            visible("住院\r\n费用\u{202E}高\t三万\u{1B}[31m", true),
            "住院\n费用高\t三万[31m"
        );
    }
}
