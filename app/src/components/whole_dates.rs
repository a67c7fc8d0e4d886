//! Text with its dates kept on one line: at 360 px a refusal's example date broke after a
//! hyphen, "2025-" on one line and "03-01" on the next (officer tester).
use leptos::prelude::*;

/// `text` split into runs, each a date (`YYYY-MM-DD`, `true`) or not.
pub fn date_runs(text: &str) -> Vec<(bool, &str)> {
    let bytes = text.as_bytes();
    let is_date = |at: usize| {
        text.get(at..at + 10)
            .is_some_and(crate::domain::time::iso_date_shaped)
    };
    let (mut runs, mut start, mut at) = (Vec::new(), 0, 0);
    while at < bytes.len() {
        if is_date(at) {
            if start < at {
                runs.push((false, &text[start..at]));
            }
            runs.push((true, &text[at..at + 10]));
            at += 10;
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

/// `text` as a view, each date in a `nowrap` span.
pub fn whole_dates(text: String) -> AnyView {
    date_runs(&text)
        .into_iter()
        .map(|(date, run)| {
            let run = run.to_owned();
            if date {
                view! { <span class="nowrap">{run}</span> }.into_any()
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
                (true, "2026-12-31"),
                (false, "，共32天")
            ]
        );
        assert_eq!(
            date_runs("第12-3项 2026-1-5"),
            vec![(false, "第12-3项 2026-1-5")]
        );
        assert!(date_runs("").is_empty());
    }
}
