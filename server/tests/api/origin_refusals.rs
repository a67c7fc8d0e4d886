//! Refusals by the hardening layers, as a caller reads them: the site's own scripts
//! (`Accept: application/json`) get the typed error with its message in their language, and a
//! post that names no page at all (curl: no `Origin`) is told that, not "another website".
use reqwest::{header, StatusCode};
use serde_json::Value;

use crate::helpers::{report_fields, spawn_app, QINGSHI_VILLAGE};

#[tokio::test]
async fn typed_refusals_speak_the_callers_language() {
    let app = spawn_app().await;
    let plain = reqwest::Client::new();
    let form = report_fields("李四", "13900139000", QINGSHI_VILLAGE);
    // (Accept-Language, lang cookie, words expected in the message)
    let languages = [
        (Some("en-GB,en;q=0.9"), None, "another website", "too large"),
        (None, None, "其他网站", "内容太多"),
        (Some("en"), Some("lang=zh-CN"), "其他网站", "内容太多"),
        (
            Some("zh-CN"),
            Some("lang=en"),
            "another website",
            "too large",
        ),
    ];
    for (accept_language, cookie, cross_words, large_words) in languages {
        let with_language = |request: reqwest::RequestBuilder| {
            let request = request.header(header::ACCEPT, "application/json");
            let request = match accept_language {
                Some(lang) => request.header(header::ACCEPT_LANGUAGE, lang),
                None => request,
            };
            match cookie {
                Some(cookie) => request.header(header::COOKIE, cookie),
                None => request,
            }
        };
        let cross = with_language(plain.post(app.url("/api/reports/submit")))
            .header(header::ORIGIN, "http://evil.example")
            .form(&form)
            .send()
            .await
            .expect("request");
        assert_eq!(cross.status(), StatusCode::FORBIDDEN);
        let typed: Value = cross.json().await.expect("typed error");
        assert_eq!(typed["Refused"]["key"], "http.cross_site", "{typed}");
        let message = typed["Refused"]["message"].as_str().expect("message");
        assert!(
            message.contains(cross_words),
            "{accept_language:?}: {typed}"
        );

        let big = with_language(plain.post(app.url("/api/reports/submit")))
            .header(header::ORIGIN, app.base.as_str())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(vec![b'a'; 200 * 1024])
            .send()
            .await
            .expect("request");
        assert_eq!(big.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let typed: Value = big.json().await.expect("typed error");
        let message = typed["Refused"]["message"].as_str().expect("message");
        assert!(
            message.contains(large_words),
            "{accept_language:?}: {typed}"
        );
    }
}

#[tokio::test]
async fn a_post_without_origin_is_refused_in_its_own_words() {
    let app = spawn_app().await;
    let plain = reqwest::Client::new();
    let form = report_fields("李四", "13900139000", QINGSHI_VILLAGE);
    let post = |accept: &'static str, lang: &'static str| {
        plain
            .post(app.url("/api/reports/submit"))
            .header(header::ACCEPT, accept)
            .header(header::ACCEPT_LANGUAGE, lang)
            .form(&form)
            .send()
    };
    for (lang, words) in [
        ("en", "did not say which page sent it"),
        ("zh-CN", "没有说明是从哪个页面发出的"),
    ] {
        let other = post("*/*", lang).await.expect("request");
        assert_eq!(other.status(), StatusCode::FORBIDDEN);
        let body: Value = other.json().await.expect("json");
        assert_eq!(body["error"], "Refused", "{body}");
        assert_eq!(body["key"], "http.no_origin", "{body}");
        let message = body["message"].as_str().expect("message");
        assert!(message.contains(words), "{lang}: {body}");
        assert!(!message.contains("another website") && !message.contains("其他网站"));

        let typed: Value = post("application/json", lang)
            .await
            .expect("request")
            .json()
            .await
            .expect("typed");
        assert_eq!(typed["Refused"]["key"], "http.no_origin", "{typed}");
        assert!(typed["Refused"]["message"]
            .as_str()
            .expect("message")
            .contains(words));

        let page = post("text/html", lang).await.expect("request");
        assert_eq!(page.status(), StatusCode::FORBIDDEN);
        let page = page.text().await.expect("page");
        assert!(page.contains(words), "{page}");
    }
    // Nothing was filed.
    let (count,): (i64,) = sqlx::query_as("select count(*) from cases")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(count, 0);
}

/// A body the server cannot read is refused in the caller's language, whoever asks: the
/// framework words it before the request is seen, so the server words it again.
#[tokio::test]
async fn an_unreadable_body_is_refused_in_the_callers_language() {
    let app = spawn_app().await;
    let plain = reqwest::Client::new();
    for (cookie, words) in [("lang=en", "could not"), ("lang=zh-CN", "无法读取")] {
        let answer = plain
            .post(app.url("/api/reports/submit"))
            .header(header::ORIGIN, app.base.as_str())
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("garbage%%%&&==")
            .send()
            .await
            .expect("request");
        assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let typed: Value = answer.json().await.expect("typed error");
        let message = typed["Validation"][0]["message"].as_str().expect("message");
        assert!(message.to_lowercase().contains(words), "{cookie}: {typed}");
    }
}

/// An older phone browser sends neither `Origin` nor `Sec-Fetch-Site`, only the page it posts
/// from: a household's report from our own page is filed; a Referer elsewhere is refused as a
/// cross-site post is, and files nothing.
#[tokio::test]
async fn a_post_with_only_a_referer_of_ours_is_filed_and_one_from_elsewhere_is_not() {
    let app = spawn_app().await;
    let plain = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let post = |referer: String, mobile: &str| {
        plain
            .post(app.url("/api/reports/submit"))
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, referer)
            .form(&report_fields("李四", mobile, QINGSHI_VILLAGE))
            .send()
    };
    let elsewhere = post("https://evil.example/report".into(), "13900139001")
        .await
        .expect("request");
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN);
    let page = elsewhere.text().await.expect("page");
    assert!(page.contains("其他网站"), "told it came from another site");
    let filed = post(app.url("/report"), "13900139002")
        .await
        .expect("request");
    assert_eq!(filed.status(), StatusCode::FOUND);
    let location = filed.headers()[header::LOCATION]
        .to_str()
        .expect("location");
    assert!(location.starts_with("/report/submitted"), "{location}");
    let cases: i64 = sqlx::query_scalar("select count(*) from cases where applicant_name = '李四'")
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count");
    assert_eq!(cases, 1, "only the post from our own page is filed");
}
