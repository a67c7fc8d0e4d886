//! The household's forms without JavaScript, after a mistake: a refusal about the whole form
//! shows only its own words; a bad field is marked (`aria-invalid`, its message tied to it)
//! and focus starts on what went wrong; a failed look-up keeps the typed tracking number
//! (never the mobile) and puts each problem under its own field; a too-large form is worded
//! for the household.
use app::domain::TrackingNumber;

use crate::helpers::{fields, report_fields, spawn_app, TestApp, QINGSHI_VILLAGE};

/// The opening tag of the element with this `id` in `page`.
fn tag<'a>(page: &'a str, id: &str) -> &'a str {
    crate::helpers::tag_with(page, &format!("id=\"{id}\""))
}

/// The text of the element with this `id` (up to its first child tag or its end).
fn text_of<'a>(page: &'a str, id: &str) -> &'a str {
    let open = tag(page, id);
    let at = page.find(open).expect("tag") + open.len();
    &page[at..at + page[at..].find('<').expect("end")]
}

/// Posts the report as a browser without JavaScript and opens the page it is sent back to.
async fn posted_back(app: &TestApp, form: &[(String, String)]) -> String {
    let response = app
        .post_plain_form("/api/reports/submit", "/report", form)
        .await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().expect("location");
    assert!(location.starts_with("/report?draft="), "{location}");
    app.get_html(location).await
}

const FIX_FIELDS: &str = "这些地方要改一下";
const MARKED_RED: &str = "请检查标红的内容";

#[tokio::test]
async fn the_daily_limit_shows_only_its_own_words_and_takes_the_focus() {
    let app = spawn_app().await;
    let mobile = "13800138000";
    for _ in 0..app.state.policy.filings_per_mobile_per_day {
        app.submit_report("张三", mobile, QINGSHI_VILLAGE).await;
    }
    let page = posted_back(&app, &report_fields("张三", mobile, QINGSHI_VILLAGE)).await;
    let summary = tag(&page, "form-summary");
    assert!(summary.contains("autofocus"), "{summary}");
    assert!(summary.contains("tabindex=\"-1\""), "{summary}");
    assert!(
        text_of(&page, "form-summary").is_empty()
            && page.contains("这个手机号今天在网上提交的申报已达上限"),
        "the limit's own words"
    );
    assert!(
        !page.contains(FIX_FIELDS) && !page.contains(MARKED_RED),
        "no field is in error, so no banner says so"
    );
    assert!(!page.contains("aria-invalid"), "no control is marked");
}

#[tokio::test]
async fn a_bad_field_is_marked_tied_to_its_message_and_the_summary_takes_the_focus() {
    let app = spawn_app().await;
    let mut form = report_fields("王五", "1380013800", QINGSHI_VILLAGE);
    form.retain(|(k, _)| k != "form[consent]");
    let page = posted_back(&app, &form).await;
    assert!(
        page.contains(FIX_FIELDS),
        "the banner says fields need fixing"
    );
    assert!(tag(&page, "form-summary").contains("autofocus"));
    for (control, message) in [("f-mobile", "e-mobile"), ("f-name", "e-name")] {
        let input = tag(&page, control);
        assert!(
            input.contains(&format!("aria-describedby=\"{message}\"")),
            "{input}"
        );
    }
    assert!(tag(&page, "f-mobile").contains("aria-invalid=\"true\""));
    assert!(
        !text_of(&page, "e-mobile").is_empty(),
        "mobile message shown"
    );
    assert!(
        !tag(&page, "f-name").contains("aria-invalid"),
        "a good field is not marked"
    );
    let consent = crate::helpers::tag_with(&page, "name=\"form[consent]\"");
    assert!(consent.contains("aria-invalid=\"true\""), "{consent}");
    // The summary names the fields to fix, by their labels, in the form's order.
    assert!(
        page.contains("这些地方要改一下：手机号码、承诺授权；"),
        "the fields named"
    );
}

/// Posts a look-up as a browser without JavaScript; answers where it was sent.
async fn look_up(app: &TestApp, tracking: &str, mobile: &str) -> String {
    let response = app
        .post_plain_form(
            "/api/reports/track",
            "/track",
            &fields(&[("tracking", tracking), ("mobile", mobile)]),
        )
        .await;
    assert_eq!(response.status(), 302);
    response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned()
}

#[tokio::test]
async fn a_failed_look_up_keeps_the_number_and_shows_each_problem_under_its_field() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;

    let location = look_up(&app, &tracking, "1380013").await;
    let grouped = TrackingNumber::shown_back(&tracking);
    let back = format!("/track?e=mobile_number.wrong_length&n={grouped}&draft=");
    assert!(location.starts_with(&back), "{location}");
    assert!(
        !location.contains("1380013"),
        "never in an address: {location}"
    );
    let page = app.get_html(&location).await;
    // Kept, and grouped as the result and the SMS print it.
    let shown = TrackingNumber::shown_back(&tracking);
    assert!(shown.contains('-'), "{shown}");
    assert!(tag(&page, "t-tracking").contains(&format!("value=\"{shown}\"")));
    let mobile = tag(&page, "t-mobile");
    for attribute in [
        "aria-invalid=\"true\"",
        "aria-describedby=\"e-mobile\"",
        "autofocus",
    ] {
        assert!(mobile.contains(attribute), "{attribute}: {mobile}");
    }
    // Shown again to be corrected (an empty box hid which digit was wrong: tester), from
    // this browser's sealed draft; another browser with the same address sees nothing.
    assert!(mobile.contains("value=\"1380013\""), "{mobile}");
    let elsewhere = app.with_client(crate::helpers::client(&app.url("")));
    let page_elsewhere = elsewhere.get_html(&location).await;
    assert!(
        !tag(&page_elsewhere, "t-mobile").contains("value="),
        "another browser"
    );
    assert!(
        !text_of(&page, "e-mobile").is_empty(),
        "the mobile's problem"
    );
    assert!(text_of(&page, "e-tracking").is_empty());
    assert!(!tag(&page, "t-tracking").contains("aria-invalid"));

    // Both empty: each under its own field, focus on the first.
    let page = app.get_html(&look_up(&app, "", "").await).await;
    assert!(!text_of(&page, "e-tracking").is_empty());
    assert!(!text_of(&page, "e-mobile").is_empty());
    assert!(tag(&page, "t-tracking").contains("autofocus"));
    assert!(!tag(&page, "t-mobile").contains("autofocus"));
}

#[tokio::test]
async fn not_found_is_about_the_form_and_the_same_whether_the_number_exists_or_not() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let unknown = TrackingNumber::from_random([7; 16]);
    let unknown = unknown.as_str();
    assert_ne!(unknown, tracking);

    let mut pages = Vec::new();
    for number in [tracking.as_str(), unknown] {
        let location = look_up(&app, number, "13900139000").await;
        let grouped = TrackingNumber::shown_back(number);
        let back = format!("/track?e=not_found&n={grouped}&draft=");
        assert!(location.starts_with(&back), "{location}");
        assert!(!location.contains("13900139000"));
        let page = app.get_html(&location).await;
        let banner = tag(&page, "track-problem");
        assert!(banner.contains("autofocus"), "{banner}");
        assert!(text_of(&page, "track-problem").contains("没有找到"));
        assert!(!page.contains("aria-invalid"), "no field is blamed");
        // The page itself (each answer's script nonce differs).
        let page = &page[..page.find("</html>").expect("end")];
        pages.push(page.replace(&TrackingNumber::shown_back(number), "NUMBER"));
    }
    assert_eq!(pages[0], pages[1], "nothing tells the two apart");
}

/// A mobile or ID number typed in the tracking-number box went back into the address
/// (`n=`), into the browser's history on a shared village-office computer (attacker tester).
#[tokio::test]
async fn a_mobile_or_id_number_in_the_wrong_box_stays_out_of_the_address() {
    let app = spawn_app().await;
    for typed in ["13900139000", "522799197001010012"] {
        let location = look_up(&app, typed, "").await;
        assert!(location.starts_with("/track?e="), "{location}");
        assert!(
            !location.contains(&typed[..11]) && !location.contains("&n="),
            "{location}"
        );
    }
}

#[tokio::test]
async fn a_too_large_report_is_worded_for_the_household() {
    let app = spawn_app().await;
    let mut form = report_fields("张三", "13800138000", QINGSHI_VILLAGE);
    form.push(("form[description]".into(), "很".repeat(40_000)));
    let response = app
        .client
        .post(app.url("/api/reports/submit"))
        .header(reqwest::header::ACCEPT, "text/html")
        .header(reqwest::header::COOKIE, "lang=en")
        .form(&form)
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 413);
    let page = response.text().await.expect("body");
    assert!(page.contains("shorten the description"), "{page}");
    assert!(page.contains("12317") && page.contains("village office"));
    assert!(!page.contains("import"), "not the staff's words: {page}");
}

/// The 忘记查询码 form (a mobile number only) refused as too large is not told to fill in a
/// tracking number it never asked for.
#[tokio::test]
async fn a_too_large_resend_is_worded_for_its_one_field() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/reports/resend"))
        .header(reqwest::header::ACCEPT, "text/html")
        .form(&[("mobile", "1".repeat(200_000))])
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 413);
    let page = response.text().await.expect("body");
    assert!(page.contains("找回查询码只需要手机号码"), "{page}");
    assert!(!page.contains("这两项"), "{page}");
}

/// A browser set to send no Referer: a look-up it cannot read comes back to the look-up page
/// with the reason, not to the home page with nothing said.
#[tokio::test]
async fn an_unreadable_look_up_without_a_referer_comes_back_to_its_form() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/reports/track"))
        .header(reqwest::header::ACCEPT, "text/html")
        .header(
            reqwest::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded",
        )
        .body("%%%%")
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let path = location.strip_prefix(&app.base).unwrap_or(&location);
    assert!(path.starts_with("/track?"), "{location}");
    let page = app.get_html(path).await;
    assert!(page.contains("无法读取提交的内容"), "the reason is shown");
}

/// A notice address with no village behind it is the not-found page: a way home and whom to
/// call, a tap away (it was a bare "没有找到相关记录").
#[tokio::test]
async fn an_unknown_village_notice_is_not_a_dead_end() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/notice/999"))
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), 404);
    let page = app.get_html("/notice/999").await;
    assert!(
        page.contains(r#"<a href="/" class="button">"#),
        "a way home: {page}"
    );
    assert!(
        page.contains(r#"<a href="tel:12317">12317</a>"#),
        "whom to call: {page}"
    );
}

/// The form says a child's or a relative's mobile will do, before the form's island, so the
/// words cost the phone no WASM (household tester: no hint that a relative's number may be
/// used; the report island is at its byte ceiling).
#[tokio::test]
async fn the_report_form_says_a_relatives_mobile_will_do() {
    let app = spawn_app().await;
    for (language, said) in [
        ("zh-CN", "可以填子女或亲友的手机号码"),
        ("en", "Give a child's or a relative's"),
    ] {
        let page = crate::helpers::html_with_accept_language(&app, "/report", language).await;
        let at = page
            .find(said)
            .unwrap_or_else(|| panic!("{said} in {language}"));
        let island = page.find("<leptos-island").expect("the form's island");
        assert!(at < island, "said by the server, outside the island");
    }
}
