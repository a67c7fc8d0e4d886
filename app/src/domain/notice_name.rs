//! The name a public notice shows on the open web. The village board carries the full name
//! (the 公示 rule: neighbours must recognise the household); this site's notice page is open
//! to anyone without login, so it shows the name only partly, as the confirmation page says.

/// "张三" → "张*", "张小明" → "张*明", "欧阳娜娜" → "欧**娜"; one character → "*".
pub fn masked(name: &str) -> String {
    let chars: Vec<char> = name.trim().chars().collect();
    match chars.as_slice() {
        [] => String::new(),
        [_] => "*".to_owned(),
        [first, _] => format!("{first}*"),
        [first, middle @ .., last] => {
            format!("{first}{}{last}", "*".repeat(middle.len()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::masked;

    #[test]
    fn the_web_notice_shows_a_name_only_partly() {
        for (name, shown) in [
            ("张三", "张*"),
            ("张小明", "张*明"),
            ("欧阳娜娜", "欧**娜"),
            ("王", "*"),
            (" 李四 ", "李*"),
            ("", ""),
        ] {
            assert_eq!(masked(name), shown, "{name}");
        }
    }
}
