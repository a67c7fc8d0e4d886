//! A staff sign-in that fails without JavaScript comes back to a clean `/staff/login?e=<code>`
//! (no framework error in the address), says why beside the form in the reader's language,
//! and keeps the typed user name (never the password). A locked account says so.
use reqwest::{header, StatusCode};

use crate::{
    english_page::choose_english,
    helpers::{client, spawn_app, TestApp, PASSWORD},
};

const WRONG: &str = "not-the-password-42";

/// Posts the sign-in form as a browser without JavaScript does; returns where it is sent.
async fn sign_in(app: &TestApp, username: &str, password: &str) -> String {
    sign_in_with(app, username, password, None).await
}

/// [`sign_in`], with the page to return to as the login page's hidden field sends it.
async fn sign_in_to(app: &TestApp, password: &str, next: &str) -> String {
    sign_in_with(app, "xian-admin", password, Some(next)).await
}

async fn sign_in_with(app: &TestApp, username: &str, password: &str, next: Option<&str>) -> String {
    let mut fields: Vec<(String, String)> = vec![
        ("username".into(), username.into()),
        ("password".into(), password.into()),
    ];
    fields.extend(next.map(|next| ("next".into(), next.into())));
    let response = app
        .post_plain_form("/api/auth/login", "/staff/login", &fields)
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let cookies: Vec<String> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().expect("cookie").to_owned())
        .collect();
    assert!(cookies.iter().all(|c| !c.contains(password)), "{cookies:?}");
    response.headers()[header::LOCATION]
        .to_str()
        .expect("location")
        .to_owned()
}

#[tokio::test]
async fn a_failed_sign_in_says_why_and_keeps_the_user_name() {
    let app = spawn_app().await;
    let browser = app.with_client(client(&app.base));
    let back = sign_in(&browser, "xian-admin", WRONG).await;
    assert_eq!(back, "/staff/login?e=bad_credentials");

    let page = browser.get_html(&back).await;
    assert!(page.contains("用户名或密码不对"), "{page}");
    assert!(page.contains("id=\"l-error\""), "{page}");
    assert!(
        page.contains("value=\"xian-admin\""),
        "the name is kept: {page}"
    );
    assert_eq!(
        page.matches("aria-describedby=\"l-error\"").count(),
        2,
        "{page}"
    );
    assert!(!page.contains(WRONG), "never the password");

    choose_english(&browser).await;
    let page = browser.get_html(&back).await;
    assert!(page.contains("Wrong user name or password"), "{page}");

    // The right password signs in, and the kept name goes.
    let signed_in = browser
        .post_plain_form(
            "/api/auth/login",
            "/staff/login",
            &[
                ("username".into(), "xian-admin".into()),
                ("password".into(), PASSWORD.into()),
            ],
        )
        .await;
    assert_eq!(signed_in.headers()[header::LOCATION], "/staff");
    let cleared = signed_in
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| c.starts_with("sn_login_name=;") && c.contains("Max-Age=0"));
    let all: Vec<_> = signed_in
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .collect();
    assert!(cleared, "{all:?}");
    let page = browser.get_html("/staff/login").await;
    assert!(!page.contains("value=\"xian-admin\""), "{page}");
}

#[tokio::test]
async fn a_locked_sign_in_keeps_its_own_message() {
    let app = spawn_app().await;
    let browser = app.with_client(client(&app.base));
    // Five tries at once, then the account waits (from this address).
    for _ in 0..5 {
        let answer = browser
            .client
            .post(browser.url("/api/auth/login"))
            .header(header::ACCEPT, "application/json")
            .form(&[("username", "zhen-qingshi"), ("password", WRONG)])
            .send()
            .await
            .expect("request");
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED);
    }
    let back = sign_in(&browser, "zhen-qingshi", PASSWORD).await;
    assert_eq!(back, "/staff/login?e=locked");
    let page = browser.get_html(&back).await;
    assert!(page.contains("尝试次数过多"), "{page}");
    assert!(!page.contains("用户名或密码不对"), "{page}");
    assert!(page.contains("value=\"zhen-qingshi\""), "{page}");
}

/// An officer who opens a case link signed out (from a notification, say) is asked to sign
/// in and comes back to that case, not to the queue; a path off the staff pages is ignored.
#[tokio::test]
async fn a_sign_in_asked_for_by_a_case_link_returns_to_that_case() {
    let app = spawn_app().await;
    let browser = app.with_client(client(&app.base));
    // The link's own query is kept as it was, encoded values included.
    let case = "/staff/cases/c-42?from=sms&ref=a%2Fb%26c%3Dd";
    let page = browser.get_html(case).await;
    let link = "/staff/login?next=%2Fstaff%2Fcases%2Fc-42%3Ffrom%3Dsms%26ref%3Da%252Fb%2526c%253Dd";
    assert!(page.contains(&format!("href=\"{link}\"")), "{page}");
    let login = browser.get_html(link).await;
    assert!(
        login.contains(&format!(
            "name=\"next\" value=\"{}\"",
            case.replace('&', "&amp;")
        )),
        "{login}"
    );

    // A wrong password keeps the way back; the right one follows it.
    let back = sign_in_to(&browser, WRONG, case).await;
    assert_eq!(
        back,
        format!("/staff/login?e=bad_credentials&{}", &link[13..])
    );
    let login = browser.get_html(&back).await;
    assert!(login.contains("ref=a%2Fb%26c%3Dd"), "{login}");
    assert_eq!(sign_in_to(&browser, PASSWORD, case).await, case);
    for elsewhere in [
        "//evil.example/staff",
        "https://evil.example",
        "/report",
        "/staff/../lang/en",
        "/staff/%2e/login",
    ] {
        assert_eq!(
            sign_in_to(&browser, PASSWORD, elsewhere).await,
            "/staff",
            "{elsewhere}"
        );
    }
    let login = browser
        .get_html("/staff/login?next=%2F%2Fevil.example")
        .await;
    assert!(!login.contains("name=\"next\""), "{login}");
}

/// The right password for a turned-off account was told "wrong user name or password", and
/// its owner kept retrying into the lock (officer tester): it is told the account is off.
/// A wrong password still says only that.
#[tokio::test]
async fn a_turned_off_account_is_told_so_only_with_its_password() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let off = admin
        .post_api(
            "/api/admin/active",
            &crate::helpers::fields(&[("user_id", "demo-zhen-hekou"), ("active", "false")]),
        )
        .await;
    assert!(off.status().is_success(), "{}", off.status());
    let browser = app.with_client(client(&app.base));
    assert_eq!(
        sign_in(&browser, "zhen-hekou", PASSWORD).await,
        "/staff/login?e=turned_off"
    );
    let page = browser.get_html("/staff/login?e=turned_off").await;
    assert!(page.contains("这个账号已停用"), "{page}");
    assert_eq!(
        sign_in(&browser, "zhen-hekou", WRONG).await,
        "/staff/login?e=bad_credentials"
    );
    // To a script it is a refused sign-in, as before.
    let json = app
        .post_api(
            "/api/auth/login",
            &crate::helpers::fields(&[("username", "zhen-hekou"), ("password", PASSWORD)]),
        )
        .await;
    assert_eq!(json.status(), StatusCode::UNAUTHORIZED);
}
