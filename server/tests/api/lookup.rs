//! "Forgot the tracking number": the numbers go by SMS to the phone they were filed with.
use crate::helpers::{fields, spawn_app, TestApp, QINGSHI_VILLAGE};

/// Texts about no case sent to `mobile` (recipients are stored sealed: opened here).
async fn texts_to(app: &TestApp, mobile: &str) -> Vec<String> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "select recipient, body from outbox where channel = 'sms' and case_id is null",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("outbox");
    rows.into_iter()
        .filter(|(to, _)| {
            app::ssr::repo::outbox::open_recipient(&app.state.vault, to).expect("opens") == mobile
        })
        .map(|(_, body)| body)
        .collect()
}

async fn resend(app: &TestApp, mobile: &str) -> reqwest::Response {
    app.post_api("/api/reports/resend", &fields(&[("mobile", mobile)]))
        .await
}

#[tokio::test]
async fn a_household_gets_its_tracking_numbers_by_text_and_nobody_learns_more() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    assert_eq!(resend(&app, "13800138000").await.status(), 200);
    let texts = texts_to(&app, "13800138000").await;
    assert_eq!(texts.len(), 1);
    let grouped = format!("{}-{}-{}", &tracking[..4], &tracking[4..8], &tracking[8..]);
    assert!(texts[0].contains(&grouped), "{} in {}", grouped, texts[0]);
    // A provider sends only approved templates: the text is one, with the number its variable.
    let template = app::domain::wording::sms_templates::template_of(&texts[0])
        .unwrap_or_else(|| panic!("no template fits {}", texts[0]));
    assert_eq!(template.key, "tracking_number");
    assert_eq!(template.params[0], ("tracking", grouped.clone()));

    // Two filings under one mobile: a text each, each a template.
    let second = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    assert_eq!(resend(&app, "13800138000").await.status(), 200);
    let texts = texts_to(&app, "13800138000").await;
    assert_eq!(texts.len(), 3, "one more text per filing");
    assert!(texts.iter().any(|t| t.contains(&second[..4])));
    assert!(texts
        .iter()
        .all(|t| app::domain::wording::sms_templates::template_of(t).is_some()));

    // A number with no filings gets the same answer and no text.
    assert_eq!(resend(&app, "13900139000").await.status(), 200);
    assert!(texts_to(&app, "13900139000").await.is_empty());

    assert_eq!(
        resend(&app, "1380013800").await.status(),
        422,
        "not a mobile number"
    );
}

#[tokio::test]
async fn texts_to_one_number_are_limited() {
    let app = spawn_app().await;
    for _ in 0..3 {
        assert_eq!(resend(&app, "13700137000").await.status(), 200);
    }
    assert_eq!(resend(&app, "13700137000").await.status(), 429);
}

/// Attacker tester: texts decided the answer, so a mobile with two filings was refused at its
/// third ask and one with a single filing at its fourth: the refusal counted the filings.
#[tokio::test]
async fn the_answers_do_not_tell_how_many_filings_a_number_has() {
    let app = spawn_app().await;
    let (two, one, none) = ("13700137002", "13700137003", "13700137004");
    app.submit_report("张三", two, QINGSHI_VILLAGE).await;
    app.submit_report("张三", two, QINGSHI_VILLAGE).await;
    app.submit_report("李四", one, QINGSHI_VILLAGE).await;
    let mut answers = Vec::new();
    for mobile in [two, one, none] {
        let mut statuses = Vec::new();
        for _ in 0..4 {
            statuses.push(resend(&app, mobile).await.status().as_u16());
        }
        answers.push(statuses);
    }
    assert_eq!(answers, vec![vec![200, 200, 200, 429]; 3]);
    // Nor the time taken: a text queued per filing cost about a millisecond, which told a
    // prober over many asks (attacker re-tester). Every answer waits the same floor (a lower
    // bound, so this cannot flake; the old answers took 2 to 8 ms).
    let floor = app::ssr::services::lookup::ANSWER_FLOOR;
    for mobile in [two, none] {
        let asked = std::time::Instant::now();
        resend(&app, mobile).await;
        assert!(asked.elapsed() >= floor, "{mobile}: {:?}", asked.elapsed());
    }
    // Still no more than the hour's three texts to a phone.
    assert_eq!(texts_to(&app, two).await.len(), 3);
    assert_eq!(texts_to(&app, one).await.len(), 3);
    assert!(texts_to(&app, none).await.is_empty());
}

#[tokio::test]
async fn without_javascript_the_answer_shows_on_the_look_up_page() {
    let app = spawn_app().await;
    let response = app
        .post_plain_form(
            "/api/reports/resend",
            "/track",
            &fields(&[("mobile", "13700137000")]),
        )
        .await;
    assert_eq!(response.status(), 302);
    // Scrolled to the answer: on a phone it is below the look-up form, out of sight.
    assert_eq!(response.headers()["location"], "/track?sent=ok#forgot");
    let page = app.get_html("/track?sent=ok").await;
    let forgot = &page[page.find(r#"id="forgot""#).expect("the anchor")..];
    let said = forgot
        .find("查询码会以短信发到这个手机")
        .expect("the answer");
    assert!(
        said < forgot.find("<form").expect("the form"),
        "above its form"
    );
}

/// A number that is not a mobile is told under its box, which is marked and takes the focus;
/// the banner above the form is for answers about the whole form.
#[tokio::test]
async fn without_javascript_a_wrong_number_is_told_under_its_box() {
    let app = spawn_app().await;
    let response = app
        .post_plain_form(
            "/api/reports/resend",
            "/track",
            &fields(&[("mobile", "1380013800")]),
        )
        .await;
    let back = response.headers()["location"].to_str().expect("location");
    assert!(
        back.starts_with("/track?sent=bad&draft=") && back.ends_with("#forgot"),
        "{back}"
    );
    assert!(!back.contains("1380013800"), "never in an address: {back}");
    let page = app.get_html(back).await;
    let under = crate::helpers::paragraph(&page, "e-r-mobile");
    assert!(under.contains("请填写11位手机号码"), "{under}");
    let input = crate::helpers::tag_with(&page, r#"id="r-mobile""#);
    for mark in [
        r#"aria-invalid="true""#,
        r#"aria-describedby="e-r-mobile""#,
        "autofocus",
    ] {
        assert!(input.contains(mark), "{mark} in {input}");
    }
    // What was typed comes back in its box, from this browser's sealed draft (household
    // tester: an empty box hid which digit was missing); not in the look-up's box.
    assert!(input.contains(r#"value="1380013800""#), "{input}");
    let look_up = crate::helpers::tag_with(&page, r#"id="t-mobile""#);
    assert!(!look_up.contains("1380013800"), "{look_up}");
    // Another browser with the address sees no number.
    let other = crate::helpers::page_in(&app, &reqwest::Client::new(), back).await;
    assert!(!other.contains("1380013800"));
    assert!(
        !page.contains(r#"class="banner error" role="status""#),
        "no banner for one field"
    );
}
