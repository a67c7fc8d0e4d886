//! The queue's search posts, and the queue's address carries it sealed for the sign-in that
//! made it: a mobile or ID number searched on a shared computer stayed in its history as
//! `/staff?q=…` (attacker tester).
use crate::helpers::{fields, spawn_app, QINGSHI_VILLAGE};

const MOBILE: &str = "13800138123";

#[tokio::test]
async fn a_search_goes_into_the_address_sealed_and_opens_only_for_its_sign_in() {
    let app = spawn_app().await;
    app.submit_report("赵秀兰", MOBILE, QINGSHI_VILLAGE).await;
    let officer = app.login("zhen-qingshi").await;
    let response = officer
        .post_plain_form(
            "/api/queue/search",
            "/staff",
            &fields(&[
                ("tab", "all"),
                ("q", " 138 0013 8123 "),
                ("filter[state]", ""),
            ]),
        )
        .await;
    assert_eq!(response.status(), 302);
    let address = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(address.starts_with("/staff?tab=all&s=v1"), "{address}");
    assert!(
        !address.contains("8123") && !address.contains("q="),
        "nothing typed in the address: {address}"
    );

    let page = officer.get_html(&address).await;
    assert!(page.contains("赵秀兰"), "the search found the case");
    assert!(
        page.contains("value=\"138 0013 8123\""),
        "the box shows what was typed"
    );
    // Tabs and page links keep the search sealed, never typed.
    assert!(
        !page.contains("q=138") && !page.contains("q=%20138"),
        "no typed search in a link"
    );
    assert!(
        page.contains("href=\"/staff?tab=todo&amp;s=v1"),
        "the tabs keep it sealed"
    );
    assert!(!page.contains("search-lost"));

    // Another sign-in (of another officer, or the same one after signing in again) opens
    // nothing: the queue, unsearched, says why.
    let again = app.login("zhen-qingshi").await;
    let page = again.get_html(&address).await;
    assert!(page.contains("data-testid=\"search-lost\""), "said");
    let search_box = crate::helpers::tag_with(&page, "name=\"q\"");
    assert!(
        search_box.contains("autofocus"),
        "to type it again: {search_box}"
    );
    assert!(
        !page.contains("138 0013 8123") && !page.contains(MOBILE),
        "nothing opened"
    );

    // An address typed with the search in it (`q=`) still searches; its links carry it sealed.
    let page = officer.get_html("/staff?tab=all&q=13800138123").await;
    assert!(page.contains("赵秀兰"), "found");
    assert!(!page.contains("q=13800138123"), "no link repeats it");
    assert!(
        page.contains("href=\"/staff?tab=todo&amp;s=v1"),
        "sealed in the links"
    );
    // The box is not refilled by the browser on Back (it showed a later search).
    assert!(crate::helpers::tag_with(&page, "name=\"q\"").contains("autocomplete=\"off\""));

    // A whole number that finds nothing is not told to type the whole name.
    let page = officer.get_html("/staff?tab=all&q=13900000000").await;
    assert!(
        page.contains("data-testid=\"number-not-found\""),
        "the number's own hint"
    );
    assert!(!page.contains("search-whole-name"), "not the name's");

    // A search box left empty goes to the queue without a search.
    let response = officer
        .post_plain_form(
            "/api/queue/search",
            "/staff",
            &fields(&[("tab", "todo"), ("q", "")]),
        )
        .await;
    assert_eq!(response.headers()["location"], "/staff?tab=todo");
}

#[tokio::test]
async fn a_search_needs_a_sign_in() {
    let app = spawn_app().await;
    let response = app
        .post_plain_form(
            "/api/queue/search",
            "/staff",
            &fields(&[("tab", "all"), ("q", MOBILE)]),
        )
        .await;
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    assert!(
        !location.as_deref().unwrap_or_default().contains("s=v1"),
        "nothing sealed without a sign-in: {location:?}"
    );
}

/// "← 返回待办" on a case page goes back to the queue as it was left: its tab, sealed
/// search and filters (it went to the plain 待办 tab: officer tester), and only for the
/// sign-in that left it.
#[tokio::test]
async fn back_to_the_queue_keeps_its_tab_search_and_filters() {
    let app = spawn_app().await;
    let tracking = app.submit_report("赵秀兰", MOBILE, QINGSHI_VILLAGE).await;
    let officer = app.login("zhen-qingshi").await;
    let back = |page: &str| {
        let link = crate::helpers::tag_with(page, r#"data-testid="back-to-queue""#);
        let start = link.find("href=\"").expect("a link") + 6;
        link[start..start + link[start..].find('"').unwrap()].replace("&amp;", "&")
    };
    let case_page = format!("/staff/cases/{}", app.case_id_of(&tracking).await);
    assert_eq!(
        back(&officer.get_html(&case_page).await),
        "/staff",
        "nothing left yet"
    );

    let searched = officer
        .post_plain_form(
            "/api/queue/search",
            "/staff",
            &fields(&[("tab", "all"), ("q", MOBILE), ("filter[state]", "reported")]),
        )
        .await;
    let address = searched.headers()["location"].to_str().unwrap().to_owned();
    officer.get_html(&address).await;
    let left = back(&officer.get_html(&case_page).await);
    assert_eq!(left, address, "back where it was left");
    let page = officer.get_html(&case_page).await;
    assert!(page.contains("← 返回全部</a>"), "named by its tab");
    assert!(left.contains("state=reported") && !left.contains(MOBILE));
    assert!(
        officer.get_html(&left).await.contains("赵秀兰"),
        "the search still opens"
    );

    // Signing in again forgets it: its search was sealed for the last sign-in.
    let again = app.login("zhen-qingshi").await;
    assert_eq!(back(&again.get_html(&case_page).await), "/staff");
}
