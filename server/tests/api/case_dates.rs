//! The case page writes dates as the household pages and the work list do (23 Nov 2026 /
//! 2026年11月23日), not in ISO form: the date found and the time-limit lines.
use crate::{
    english_page::choose_english,
    helpers::{spawn_app, QINGSHI_VILLAGE},
};

/// Whether `text` holds a date written as 2026-11-23.
fn has_iso_day(text: &str) -> bool {
    text.as_bytes().windows(10).any(|w| {
        w.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
    })
}

/// The part of the page from `start` to the next `end`.
fn between<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {page}"));
    let rest = &page[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[tokio::test]
async fn the_case_page_writes_dates_in_the_readers_language() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let path = format!("/staff/cases/{}", app.case_id_of(&tracking).await);
    let officer = app.login("zhen-qingshi").await;

    for (english, label, found, due) in [
        (false, "发现日期", "2026年11月23日", "截止2026年11月"),
        (true, "Date found", "23 Nov 2026", "Due "),
    ] {
        if english {
            choose_english(&officer).await;
        }
        let page = officer.get_html(&path).await;
        let details = between(&page, &format!("<dt>{label}</dt>"), "</dd>");
        assert!(details.ends_with(&format!("<dd>{found}")), "{details}");
        let clocks = between(&page, "class=\"clocks\"", "</ul>");
        assert!(clocks.contains(due), "{clocks}");
        for (part, text) in [("details", details), ("clocks", clocks)] {
            assert!(!has_iso_day(text), "{part} in ISO form: {text}");
        }
    }
}

/// A pause and an extension that carry a step past the 15-day limit are marked on the case
/// page: the home check read 截止12月24日 under a limit of 12月21日, unsaid (officer tester).
#[tokio::test]
async fn a_step_moved_past_the_overall_limit_is_marked() {
    use app::domain::{case::CaseCommand, clock::ClockKind};
    let app = spawn_app().await;
    let id = crate::fixtures::accepted_case(&app, "13800138093").await;
    let (cadre, township) = (
        crate::fixtures::village_cadre(),
        crate::fixtures::township_officer(),
    );
    let home_check = ClockKind::HomeCheck;
    let steps = [
        (
            &cadre,
            CaseCommand::RequestExtension {
                clock: home_check,
                days: 5,
                reason: "户主外出务工".into(),
            },
        ),
        (
            &township,
            CaseCommand::ApproveExtension {
                clock: home_check,
                approve: true,
            },
        ),
        (
            &cadre,
            CaseCommand::PauseClock {
                clock: home_check,
                reason: "农户住院".into(),
            },
        ),
    ];
    for (actor, step) in steps {
        crate::storage::run(&app, actor, &id, step).await;
    }
    app.clock.advance(chrono::Duration::days(10));
    let resume = CaseCommand::ResumeClock { clock: home_check };
    crate::storage::run(&app, &cadre, &id, resume).await;
    let page = app
        .login("cun-qingshi")
        .await
        .get_html(&format!("/staff/cases/{id}"))
        .await;
    let marked = between(&page, r#"data-testid="after-limit""#, "</span>");
    assert!(marked.contains("晚于总时限"), "{marked}");
}
