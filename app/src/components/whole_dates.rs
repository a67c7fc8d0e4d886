//! Text with its dates kept on one line: at 360 px a refusal's example date broke after a
//! hyphen, "2025-" on one line and "03-01" on the next (officer tester), and at 200% text a
//! household's "2026年" / "12月21日" (household tester).
use leptos::prelude::*;

/// The byte length of the date `text` starts with: `YYYY-MM-DD`, or `YYYY年M月D日` as
/// household pages write dates.
fn date_len(text: &str) -> Option<usize> {
    if text
        .get(..10)
        .is_some_and(crate::domain::time::iso_date_shaped)
    {
        return Some(10);
    }
    let mut len = 0;
    for (unit, digits) in [("年", 4..=4), ("月", 1..=2), ("日", 1..=2)] {
        let rest = &text[len..];
        let count = rest.bytes().take_while(u8::is_ascii_digit).count();
        if !digits.contains(&count) || !rest[count..].starts_with(unit) {
            return None;
        }
        len += count + unit.len();
    }
    Some(len)
}

/// `text` split into runs, each a date (`true`) or not.
pub fn date_runs(text: &str) -> Vec<(bool, &str)> {
    let bytes = text.as_bytes();
    let (mut runs, mut start, mut at) = (Vec::new(), 0, 0);
    while at < bytes.len() {
        if let Some(len) = text.get(at..).and_then(date_len) {
            // A full stop or comma right after stays with the date: a line began with 。
            // (household tester).
            let len = len
                + text[at + len..]
                    .chars()
                    .next()
                    .filter(|c| "。，、；：）".contains(*c))
                    .map_or(0, char::len_utf8);
            if start < at {
                runs.push((false, &text[start..at]));
            }
            runs.push((true, &text[at..at + len]));
            at += len;
            start = at;
        } else {
            at += 1;
        }
    }
    if start < text.len() {
        runs.push((false, &text[start..]));
    }
    runs
}

/// `text` as a view, each date in `whole` spans: a Chinese date in two, the year and the day,
/// so 200% text may break after 年 (a whole date is wider than a phone's line there) but never
/// between 12月 and 21日.
pub fn whole_dates(text: String) -> AnyView {
    date_runs(&text)
        .into_iter()
        .flat_map(|(date, run)| match (date, run.split_once('年')) {
            (true, Some((year, day))) => vec![(true, format!("{year}年")), (true, day.to_owned())],
            _ => vec![(date, run.to_owned())],
        })
        .map(|(date, run)| {
            if date {
                view! { <span class="whole">{run}</span> }.into_any()
            } else {
                run.into_any()
            }
        })
        .collect_view()
        .into_any()
}

#[cfg(test)]
mod tests {
    use super::date_runs;

    #[test]
    fn dates_are_runs_of_their_own() {
        assert_eq!(
            date_runs("日期格式不正确，例如：2025-03-01"),
            vec![(false, "日期格式不正确，例如："), (true, "2025-03-01")]
        );
        assert_eq!(
            date_runs("2026-11-30至2026-12-31，共32天"),
            vec![
                (true, "2026-11-30"),
                (false, "至"),
                (true, "2026-12-31，"),
                (false, "共32天")
            ]
        );
        assert_eq!(
            date_runs("第12-3项 2026-1-5"),
            vec![(false, "第12-3项 2026-1-5")]
        );
        assert!(date_runs("").is_empty());
        assert_eq!(
            date_runs("最迟在2026年12月8日完成，2026年1月"),
            vec![
                (false, "最迟在"),
                (true, "2026年12月8日"),
                (false, "完成，2026年1月")
            ]
        );
        assert_eq!(
            date_runs("最迟2026年12月11日。认定"),
            vec![(false, "最迟"), (true, "2026年12月11日。"), (false, "认定")]
        );
        assert_eq!(date_runs("26年12月8日"), vec![(false, "26年12月8日")]);
    }
}
