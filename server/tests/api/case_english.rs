//! The staff queue and case page in English (issue 13): on the demo's morning (filings, home
//! checks, a notice, a household under assistance, a duplicate filing) every case page each
//! role opens, with every step form it may use, shows no Chinese outside `lang="zh-CN"`.
use std::collections::BTreeSet;

use app::domain::case::{screening::NegativeItem, CaseCommand};

use crate::{
    access::self_filed,
    english_page::{assert_english, choose_english, unmarked_chinese},
    fixtures::{county_officer, township_officer},
    helpers::{fields, spawn_app_with},
    storage::{file_case, home_check_to_township, run},
};

/// The case pages a queue page links to.
fn case_links(queue: &str) -> BTreeSet<String> {
    queue
        .split("href=\"/staff/cases/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|id| format!("/staff/cases/{id}"))
        .collect()
}

#[tokio::test]
async fn the_queue_is_in_english_with_names_and_places_marked() {
    let app = spawn_app_with(true).await;
    let officer = app.login("zhen-qingshi").await;
    choose_english(&officer).await;
    let queue = assert_english(&officer, "/staff?tab=all").await;
    assert!(
        queue.contains("<strong lang=\"zh-CN\">张桂英</strong>"),
        "{queue}"
    );
    assert!(case_links(&queue).len() >= 5, "{queue}");
    assert_english(&officer, "/staff").await;
}

#[tokio::test]
async fn every_case_page_and_step_form_is_in_english_with_data_marked() {
    let app = spawn_app_with(true).await;
    // Two more at the county's decision: one not yet compared, one with a negative-list hit.
    for hits in [None, Some(vec![NegativeItem::PrivateCar])] {
        let id = file_case(&app).await;
        run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
        home_check_to_township(&app, &id, 300_000).await;
        if let Some(hits) = hits {
            let note = "有车".into();
            run(
                &app,
                &county_officer(),
                &id,
                CaseCommand::RecordComparison { hits, note },
            )
            .await;
        }
    }
    let mut forms = BTreeSet::new();
    let mut seen_hit = false;
    let mut seen_clock = false;
    let mut seen_words = BTreeSet::new();
    for user in ["zhen-qingshi", "cun-qingshi", "xian-officer"] {
        let staff = app.login(user).await;
        choose_english(&staff).await;
        let queue = assert_english(&staff, "/staff?tab=all").await;
        for case in case_links(&queue) {
            let page = assert_english(&staff, &case).await;
            seen_hit |= page.contains("County data comparison: negative-list hits");
            // Clocks are worded from their codes, not shown as marked Chinese.
            assert!(!page.contains("<strong lang=\"zh-CN\">"), "{page}");
            seen_clock |= page.contains("<strong>Township acceptance</strong>")
                || page.contains("<strong>Home check</strong>");
            seen_words.extend(worded_from_codes(&page));
            // Named by the tab the queue was left on.
            assert!(page.contains(">← Back to All</a>"), "{page}");
            assert!(page.contains(">Household</h2>"), "{page}");
            forms.extend(
                page.split("name=\"form[kind]\" value=\"")
                    .skip(1)
                    .filter_map(|rest| rest.split('"').next().map(str::to_owned)),
            );
        }
    }
    // The demo's stages put many different step forms in front of these three roles.
    for kind in [
        "accept",
        "reject_out_of_scope",
        "record_home_check",
        "pause_clock",
        "county_decide",
        "add_plan",
        "remove",
    ] {
        assert!(forms.contains(kind), "{kind} not seen in {forms:?}");
    }
    assert!(forms.len() >= 15, "{forms:?}");
    for words in WORDED {
        assert!(
            seen_words.contains(words),
            "{words} not seen in {seen_words:?}"
        );
    }
    assert!(seen_hit, "the negative-list card was shown");
    assert!(seen_clock, "a clock was named in English");
}

/// Words the demo's case pages show, worded from codes (timeline, consent, category hint).
const WORDED: &[&str] = &[
    "Report filed (",
    "Accepted by the township; sent to the village for a home check",
    "Township officer (<span lang=\"zh-CN\">",
    "The household",
    "Ticked online by the applicant",
    "Net income per person ",
    "County data comparison: negative-list hits: Owns a private car (<span lang=\"zh-CN\">有车</span>)",
    // The measure-progress step's choices (type and status stored as Chinese words).
    ">No. 1: Medical security (In progress) · ",
];

/// The timeline, consent line and category hint: worded from their codes (never the marked
/// Chinese the service also sends), with names and free text marked. Returns what it saw.
fn worded_from_codes(page: &str) -> BTreeSet<&'static str> {
    let page = page.replace("<!>", "");
    let timeline = page
        .split("<ol class=\"timeline\">")
        .nth(1)
        .and_then(|rest| rest.split("</ol>").next())
        .expect("a timeline");
    assert!(!timeline.contains("<div lang=\"zh-CN\">"), "{timeline}");
    assert!(!timeline.contains("· <span lang=\"zh-CN\">"), "{timeline}");
    assert!(
        !page.contains("<p class=\"hint\" lang=\"zh-CN\">"),
        "{page}"
    );
    let consent = page
        .split("<dt>Pledge and consent</dt><dd>")
        .nth(1)
        .and_then(|rest| rest.split("</dd>").next())
        .expect("a consent line");
    assert!(!consent.starts_with("<span lang"), "{consent}");
    WORDED
        .iter()
        .copied()
        .filter(|words| page.contains(words))
        .collect()
}

#[tokio::test]
async fn a_reveal_refused_without_javascript_answers_in_english() {
    let app = spawn_app_with(false).await;
    let id = self_filed(&app, "13512359002").await;
    let township = app.login("zhen-qingshi").await;
    choose_english(&township).await;
    let refused = township
        .post_plain_form(
            "/api/cases/reveal",
            &format!("/staff/cases/{id}"),
            &fields(&[("case_id", &id), ("reason", ""), ("reason_text", "")]),
        )
        .await;
    assert_eq!(refused.status(), 200);
    let page = refused.text().await.expect("html");
    assert!(
        page.contains("Choose why you need the full number"),
        "{page}"
    );
    let unmarked = unmarked_chinese(&page);
    assert!(
        unmarked.is_empty(),
        "Chinese outside lang=\"zh-CN\": {unmarked:?}"
    );
}
