//! A refusal in a page's address (`__err`) is shown only when the server wrote it: a made-up
//! one put a fee and a phone number in a red banner on the look-up page (attacker tester).
use base64::{engine::general_purpose::URL_SAFE, Engine};

use crate::helpers::{fields, spawn_app};

const BAIT: &str = "您的申报需缴纳审核费，请致电 400-123-4567";

fn forged(path: &str) -> String {
    let error = serde_json::json!({
        "Validation": [{ "field": "tracking", "key": "x", "message": BAIT }]
    });
    let err = URL_SAFE.encode(error.to_string());
    format!("{path}?__path=%2Fapi%2Freports%2Ftrack&__err={err}")
}

#[tokio::test]
async fn a_made_up_refusal_in_an_address_is_not_shown() {
    let app = spawn_app().await;
    let page = app.get_html(&forged("/track")).await;
    assert!(!page.contains("400-123-4567"), "the bait is left out");
    assert!(page.contains("查询进度"), "the page itself is shown");
    // With a signature it did not make, the same.
    let page = app
        .get_html(&format!("{}&__sig={}", forged("/track"), "0".repeat(32)))
        .await;
    assert!(!page.contains("400-123-4567"), "a wrong signature");
    let admin = app.login("xian-admin").await;
    let page = admin.get_html(&forged("/staff/admin")).await;
    assert!(!page.contains("400-123-4567"), "staff pages too");
    // Names written percent-encoded are the same marks: the page decodes them (attacker
    // tester: "%5F%5Ferr" and "%64one" showed unsigned).
    let encoded = forged("/track")
        .replace("__path=", "%5F%5Fpath=")
        .replace("__err=", "%5F%5Ferr=");
    assert!(
        !app.get_html(&encoded).await.contains("400-123-4567"),
        "{encoded}"
    );
    let page = admin
        .get_html("/staff/admin?%64one=turned_on&who=demo-rexian")
        .await;
    let plain = admin.get_html("/staff/admin?who=demo-rexian").await;
    assert_eq!(
        crate::helpers::words(&page).matches("rexian").count(),
        crate::helpers::words(&plain).matches("rexian").count(),
        "no made-up done banner"
    );
}

#[tokio::test]
async fn the_servers_own_refusal_comes_back_signed_and_is_shown() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let response = admin
        .post_plain_form(
            "/api/admin/active",
            "/staff/admin",
            &fields(&[("user_id", "demo-xian-admin"), ("active", "false")]),
        )
        .await;
    let location = response.headers()["location"].to_str().expect("location");
    assert!(
        location.contains("__err=") && location.contains("&__sig="),
        "{location}"
    );
    let back = &location[location.find("/staff/admin").expect("back to the page")..];
    let page = admin.get_html(back).await;
    assert!(
        page.contains("停用或启用没有完成：不能停用自己的账号"),
        "the refusal is said"
    );
    // The same error with its signature taken off is not.
    let unsigned = &back[..back.find("&__sig=").expect("signed")];
    let page = admin.get_html(unsigned).await;
    assert!(!page.contains("不能停用自己的账号"), "unsigned: left out");
    // Signed for the sign-in that posted, and for its page: text typed into a refusal could
    // be sent to a colleague as a banner from the portal (attacker tester).
    let colleague = app.login("xian-admin").await;
    let page = colleague.get_html(back).await;
    assert!(!page.contains("不能停用自己的账号"), "another sign-in");
    let elsewhere = back.replacen("/staff/admin", "/staff/settings", 1);
    let page = admin.get_html(&elsewhere).await;
    assert!(!page.contains("不能停用自己的账号"), "another page");
}

/// What a plain form says was done is signed the same way: a made-up link said a campaign
/// reached 99,999 households, or that a policy was saved (attacker tester).
#[tokio::test]
async fn a_made_up_or_forwarded_done_mark_says_nothing() {
    let app = spawn_app().await;
    let county = app.login("xian-officer").await;
    let page = county
        .get_html("/staff/dashboard?done=campaign&started=99999&skipped=7")
        .await;
    assert!(!page.contains("99999"), "made up");
    let until = (crate::storage::today(&app) + chrono::Duration::days(30)).to_string();
    let answer = county
        .post_plain_form(
            "/staff/dashboard",
            "/staff/dashboard",
            &fields(&[("name", "2026年度集中排查"), ("until", &until)]),
        )
        .await;
    let location = answer.headers()["location"].to_str().expect("location");
    let back = &location[location.find("/staff/dashboard").expect("the page")..];
    assert!(
        county.get_html(back).await.contains("已为 0 户安排"),
        "{back}"
    );
    let changed = back.replacen("started=0", "started=99999", 1);
    assert!(
        !county.get_html(&changed).await.contains("99999"),
        "altered"
    );
    let head = app.login("xian-head").await;
    assert!(
        !head.get_html(back).await.contains("已为 0 户安排"),
        "forwarded"
    );
}

/// A page sent back to the address it came from keeps none of that address's marks: the
/// language switch and a refused plain form signed a made-up refusal in the Referer, making a
/// link that showed it to anyone, or to a colleague after one click (attacker tester).
#[tokio::test]
async fn marks_in_the_address_a_request_came_from_are_never_signed() {
    let app = spawn_app().await;
    let bait = app.url(&forged("/track"));
    let switched = app
        .client
        .get(app.url("/lang/zh-CN"))
        .header(reqwest::header::REFERER, &bait)
        .send()
        .await
        .expect("switch");
    let location = switched.headers()["location"].to_str().expect("location");
    assert!(
        !location.contains("__err") && !location.contains("__sig"),
        "{location}"
    );
    let page = app.get_html(location).await;
    assert!(!page.contains("400-123-4567"), "{location}");
    // A refused plain form goes back with the server's own refusal only.
    let admin = app.login("xian-admin").await;
    let forged_admin = forged("/staff/admin").replace("&__err=", "&filed=1&__err=");
    let refused = admin
        .post_plain_form(
            "/api/admin/active",
            &forged_admin,
            &fields(&[("user_id", "demo-xian-admin"), ("active", "false")]),
        )
        .await;
    let location = refused.headers()["location"].to_str().expect("location");
    assert_eq!(location.matches("__err=").count(), 1, "{location}");
    assert!(!location.contains("filed=1"), "{location}");
    let back = &location[location.find("/staff/admin").expect("the page")..];
    let page = admin.get_html(back).await;
    assert!(page.contains("不能停用自己的账号") && !page.contains("400-123-4567"));
}
