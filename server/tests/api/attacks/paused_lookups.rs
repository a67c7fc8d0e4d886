//! A paused tracking number (someone tried it with many wrong mobiles) still opens for its
//! household when the applicant's ID number is given too: a household that filed through a
//! proxy has no browser the number knows (household tester). So does a household behind a
//! carrier's shared address whose misses others used up. A wrong ID number lifts nothing, and
//! an address gets only so many tries.
use super::{
    caller_at,
    keys_and_lookups::{
        post_track, sent_to, spend_address_misses, spend_number_misses, track_status,
        tracking_number,
    },
};
use crate::helpers::{id_number_for, page_in, spawn_app, TestApp, QINGSHI_VILLAGE};

/// A look-up with the applicant's ID number, posted as a plain form: where it is sent.
async fn with_id_plain(app: &TestApp, client: &reqwest::Client, asked: [&str; 3]) -> String {
    sent_to(&post_track(app, client, &id_form(asked), true).await)
}

/// The same look-up by another system reading the JSON answer (it sends no Accept header, so it
/// is answered `{"error","message"}`): its status and error code.
async fn with_id_json(app: &TestApp, client: &reqwest::Client, asked: [&str; 3]) -> (u16, String) {
    let response = post_track(app, client, &id_form(asked), false).await;
    let status = response.status().as_u16();
    let body: serde_json::Value = response.json().await.unwrap_or_default();
    (
        status,
        body["error"].as_str().unwrap_or_default().to_owned(),
    )
}

fn id_form([tracking, mobile, id_number]: [&str; 3]) -> [(&'static str, &str); 3] {
    [
        ("tracking", tracking),
        ("mobile", mobile),
        ("id_number", id_number),
    ]
}

#[tokio::test]
async fn a_household_gets_past_a_pause_with_the_applicants_id_number() {
    let app = spawn_app().await;
    let mobile = "13612340036";
    let tracking = app.submit_report("赵六", mobile, QINGSHI_VILLAGE).await;
    let id_number = id_number_for(mobile);
    spend_number_misses(&app, &tracking, "1390000").await;
    // The household at home, on a phone that never looked it up: paused, and asked for the
    // ID number on the page it is sent back to.
    let home = caller_at(&app, 210);
    let paused = with_id_plain(&app, &home, [&tracking, mobile, ""]).await;
    assert!(paused.starts_with("/track?e=paused&"), "{paused}");
    let page = app.get_html(&paused).await;
    assert!(
        page.contains("申报人的身份证号"),
        "the ID number is asked for"
    );
    assert!(page.contains(r#"name="id_number""#), "a box to type it in");
    // In this browser the mobile comes back typed, so the ID number is the one box left: it
    // takes the focus (it sat below the first screen under the notice: household tester).
    let mine = page_in(&app, &home, &paused).await;
    let id_box = crate::helpers::tag_with(&mine, r#"id="t-id""#);
    assert!(id_box.contains("autofocus"), "{id_box}");
    // With why beside it: the notice at the top is out of sight there (household tester).
    assert!(
        id_box.contains(r#"aria-describedby="h-id e-id""#),
        "{id_box}"
    );
    assert!(crate::helpers::paragraph(&mine, "h-id").contains("查询暂停中"));
    let banner = crate::helpers::tag_with(&mine, r#"id="track-problem""#);
    assert!(!banner.contains("autofocus"), "{banner}");
    // Words put in the address are not shown as the site's own (attacker tester).
    let planted = app
        .get_html("/track?e=paused&n=%E5%8F%B7%E7%A0%81%E5%B7%B2%E5%86%BB%E7%BB%93%EF%BC%8C%E8%AF%B7%E6%8B%A8%E6%89%93400-000-0000")
        .await;
    assert!(!planted.contains("号码已冻结") && !planted.contains("400-000-0000"));
    let plain_page = app.get_html("/track").await;
    assert!(
        !plain_page.contains(r#"name="id_number""#),
        "an ordinary look-up asks for no ID number"
    );
    // With it the look-up goes through, and this phone is known from then on.
    let found = with_id_plain(&app, &home, [&tracking, mobile, &id_number]).await;
    assert!(found.starts_with("/track?n="), "{found}");
    // The result comes first on the page, and no box takes the focus away from it (it sat
    // under the form, below the first screen: household tester).
    let shown = page_in(&app, &home, &found).await;
    let result_at = shown
        .find(r#"data-testid="track-result""#)
        .expect("the result");
    assert!(result_at < shown.find("track-form").expect("the form"));
    assert!(!crate::helpers::tag_with(&shown, r#"id="t-mobile""#).contains("autofocus"));
    assert_eq!(track_status(&app, &home, &tracking, mobile).await, 200);
    // Another phone is still paused without it, and a lower-case x or spaces are fine.
    assert_eq!(
        track_status(&app, &caller_at(&app, 211), &tracking, mobile).await,
        429
    );
    let typed = format!(" {} ", id_number.to_lowercase());
    let (status, _) = with_id_json(&app, &caller_at(&app, 212), [&tracking, mobile, &typed]).await;
    assert_eq!(status, 200);
}

/// An ID number is no secret in a village: a number has only a few ID-number tries an hour,
/// from anywhere, so they are no way to try mobiles past its pause (attacker tester: 110
/// guesses against a pause of 20), nor ID numbers against a known mobile.
#[tokio::test]
async fn a_wrong_id_number_lifts_no_pause_and_a_number_has_few_tries() {
    let app = spawn_app().await;
    let mobile = "13612340046";
    let tracking = app.submit_report("赵六", mobile, QINGSHI_VILLAGE).await;
    let id_number = id_number_for(mobile);
    let other_id = id_number_for("13612340047");
    assert_ne!(id_number, other_id);
    spend_number_misses(&app, &tracking, "1390000").await;
    let guesser = caller_at(&app, 213);
    // Right mobile, wrong ID; wrong mobile, right ID: told the same, and not which.
    let wrong_id = with_id_plain(&app, &guesser, [&tracking, mobile, &other_id]).await;
    let wrong_mobile = with_id_plain(&app, &guesser, [&tracking, "13900001234", &id_number]).await;
    for location in [&wrong_id, &wrong_mobile] {
        assert!(location.starts_with("/track?e=unproven&"), "{location}");
    }
    let page = app.get_html(&wrong_id).await;
    assert!(
        page.contains("身份证号都要和申报时填的一样"),
        "the household is told what must match"
    );
    // A mistyped ID number is caught before anything is read, under its box, which has the
    // focus (not the mobile's).
    let typo = with_id_plain(&app, &guesser, [&tracking, mobile, "11010519491231002"]).await;
    assert!(typo.starts_with("/track?e=id_number."), "{typo}");
    // Shown again, in the browser that typed it, to be mended (never in the address).
    assert!(!typo.contains("11010519491231002"), "{typo}");
    let page = page_in(&app, &guesser, &typo).await;
    let id_box = crate::helpers::tag_with(&page, r#"id="t-id""#);
    assert!(
        id_box.contains(r#"aria-invalid="true""#) && id_box.contains("autofocus"),
        "{id_box}"
    );
    assert!(id_box.contains(r#"value="11010519491231002""#), "{id_box}");
    // Why it is asked for is still said above, without taking the focus from the box.
    let banner = crate::helpers::tag_with(&page, r#"id="track-problem""#);
    assert!(!banner.contains("autofocus"), "{banner}");
    assert!(page.contains("要再填申报人的身份证号"), "why the ID number");
    let mobile_box = crate::helpers::tag_with(&page, r#"id="t-mobile""#);
    assert!(!mobile_box.contains("autofocus"), "{mobile_box}");
    // The number's tries, from any address, run out (two above, three here)…
    let limit = app::ssr::services::track_limits::TRACK_PROOFS_PER_NUMBER_PER_HOUR;
    for i in 2..limit {
        let from = caller_at(&app, 220 + i as u8);
        let (status, error) = with_id_json(&app, &from, [&tracking, mobile, &other_id]).await;
        assert_eq!((status, error.as_str()), (429, "LookUpsPaused"));
    }
    // …then even the right three are held back, from anywhere: the hour, or 12317. Not told
    // to give the ID number (a pause's words): it was given (attacker re-tester).
    let (status, error) =
        with_id_json(&app, &caller_at(&app, 230), [&tracking, mobile, &id_number]).await;
    assert_eq!((status, error.as_str()), (429, "RateLimited"));
    // The household is not told its right details are wrong (household tester): the tries
    // are said to be used up, and when to come back or whom to call.
    let household = caller_at(&app, 231);
    let location = with_id_plain(&app, &household, [&tracking, mobile, &id_number]).await;
    assert!(
        location.starts_with("/track?e=id_tries_used&"),
        "{location}"
    );
    let page = page_in(&app, &household, &location).await;
    let banner = crate::helpers::paragraph(&page, "track-problem");
    assert!(
        banner.contains("核对的次数已经用完") && banner.contains("您填的可能没有错"),
        "{banner}"
    );
    assert!(!banner.contains("都要和申报时填的一样"), "{banner}");
    assert!(page.contains(r#"id="t-id""#), "the ID box stays, for later");
}

/// An ID number given when the look-up was not held back is not tried: wrong ones on a
/// look-up that went through spent the household's tries (attacker tester).
#[tokio::test]
async fn an_id_number_given_when_not_needed_costs_nothing() {
    let app = spawn_app().await;
    let mobile = "13612340066";
    let tracking = app.submit_report("赵六", mobile, QINGSHI_VILLAGE).await;
    let other_id = id_number_for("13612340067");
    let shared = caller_at(&app, 216);
    let limit = app::ssr::services::track_limits::TRACK_PROOFS_PER_NUMBER_PER_HOUR;
    for _ in 0..=limit {
        let (status, _) = with_id_json(&app, &shared, [&tracking, mobile, &other_id]).await;
        assert_eq!(status, 200);
    }
    spend_number_misses(&app, &tracking, "1390000").await;
    let (status, _) = with_id_json(
        &app,
        &caller_at(&app, 217),
        [&tracking, mobile, &id_number_for(mobile)],
    )
    .await;
    assert_eq!(status, 200, "the number's tries are all there");
}

#[tokio::test]
async fn a_household_behind_an_address_out_of_misses_gets_through_with_its_id_number() {
    let app = spawn_app().await;
    let mobile = "13612340056";
    let tracking = app.submit_report("赵六", mobile, QINGSHI_VILLAGE).await;
    // Others on the carrier's shared address (127.0.0.215) use up its misses.
    let others = caller_at(&app, 215);
    spend_address_misses(&app, &others, mobile).await;
    let limit = app::ssr::services::track_limits::TRACK_MISSES_PER_ADDRESS_PER_HOUR;
    // …and ID-number tries on other numbers (attacker tester: 30 of them used up a count the
    // whole address shared).
    let wrong_id = id_number_for("13612340057");
    for i in 0..limit {
        let made_up = tracking_number(1000 + i as u64);
        let (status, _) = with_id_json(&app, &others, [&made_up, mobile, &wrong_id]).await;
        assert_eq!(status, 429);
    }
    let household = caller_at(&app, 215);
    let limited = with_id_plain(&app, &household, [&tracking, mobile, ""]).await;
    assert!(limited.starts_with("/track?e=limited&"), "{limited}");
    let page = app.get_html(&limited).await;
    assert!(
        page.contains(r#"name="id_number""#),
        "the ID number is asked for"
    );
    let found = with_id_plain(
        &app,
        &household,
        [&tracking, mobile, &id_number_for(mobile)],
    )
    .await;
    assert!(found.starts_with("/track?n="), "{found}");
}

/// Junk look-ups from an address spend its flood count, refused or not; the household's own
/// phone there and the ID number still get through (attacker tester: 605 look-ups shut both
/// out for an hour).
#[tokio::test]
async fn a_flooded_address_still_answers_the_household() {
    let app = spawn_app().await;
    let mobile = "13612340076";
    let tracking = app.submit_report("赵六", mobile, QINGSHI_VILLAGE).await;
    let phone = caller_at(&app, 218);
    assert_eq!(track_status(&app, &phone, &tracking, mobile).await, 200);
    let flooder = caller_at(&app, 218);
    let flood = app::ssr::services::track_limits::TRACKS_PER_ADDRESS_PER_HOUR;
    let mut last = 0;
    for i in 0..flood {
        last = track_status(&app, &flooder, &tracking_number(i as u64), "13900001111").await;
    }
    assert_eq!(last, 429, "the flood is refused");
    assert_eq!(
        track_status(&app, &caller_at(&app, 218), &tracking, mobile).await,
        429,
        "an unknown browser there is held back"
    );
    assert_eq!(track_status(&app, &phone, &tracking, mobile).await, 200);
    let (status, _) = with_id_json(
        &app,
        &caller_at(&app, 218),
        [&tracking, mobile, &id_number_for(mobile)],
    )
    .await;
    assert_eq!(status, 200, "and the ID number gets through");
}
