//! Refusals once written in Rust as Chinese and English pairs, now worded from the locale
//! files in the reader's language: a department list refused as a whole, an audit export
//! refused, and the cross-site refusal. Chinese by default; English with the `en` cookie or
//! `Accept-Language: en`.
use reqwest::{header, StatusCode};
use serde_json::Value;

use crate::{
    alert_files::{import, parse},
    english_page::choose_english,
    helpers::{report_fields, spawn_app, TestApp, QINGSHI_VILLAGE},
};

/// A list without the record-number column.
const NO_REFERENCE: &[u8] = "姓名,手机号码\n张三,13800138000\n".as_bytes();

#[tokio::test]
async fn a_list_refused_as_a_whole_is_worded_in_the_readers_language_under_one_key() {
    let app = spawn_app().await;
    let department = app.login("bumen-minzheng").await;
    let chinese_page = import(&department, "名单.csv", NO_REFERENCE).await.1;
    let (status, chinese) = parse(&department, "名单.csv", NO_REFERENCE).await;
    assert_eq!(status, 422, "{chinese}");
    choose_english(&department).await;
    let english = parse(&department, "名单.csv", NO_REFERENCE).await.1;
    let english_page = import(&department, "名单.csv", NO_REFERENCE).await.1;

    let (chinese, english) = (&chinese["Refused"], &english["Refused"]);
    assert_eq!(chinese["key"], "alerts.file", "{chinese}");
    assert_eq!(english["key"], "alerts.file", "{english}");
    assert_eq!(chinese["message"], "表头缺少“记录编号”一列");
    assert_eq!(english["message"], "The header has no “记录编号” column");
    assert!(
        chinese_page.contains("表头缺少“记录编号”一列"),
        "{chinese_page}"
    );
    assert!(
        english_page.contains("The header has no “记录编号” column. Nothing was imported."),
        "{english_page}"
    );
}

async fn audit_export(officer: &TestApp, query: &str, lang: Option<&str>) -> (StatusCode, String) {
    let mut request = officer
        .client
        .get(officer.url(&format!("/staff/audit.csv{query}")));
    if let Some(lang) = lang {
        request = request.header(header::ACCEPT_LANGUAGE, lang);
    }
    let response = request.send().await.expect("request");
    (response.status(), response.text().await.expect("text"))
}

#[tokio::test]
async fn a_refused_audit_export_answers_in_the_readers_language() {
    let app = spawn_app().await;
    let township = app.login("zhen-hekou").await;
    let admin = app.login("xian-admin").await;
    for (officer, query, status, zh, en) in [
        (
            &township,
            "",
            StatusCode::FORBIDDEN,
            "只有县级管理员可以导出审计日志",
            "Only the county administrator can export the audit log",
        ),
        (
            &admin,
            "?from=2026-13-45",
            StatusCode::UNPROCESSABLE_ENTITY,
            "日期格式应为 2026-11-30",
            "Dates look like 2026-11-30",
        ),
    ] {
        assert_eq!(
            audit_export(officer, query, None).await,
            (status, zh.into())
        );
        assert_eq!(
            audit_export(officer, query, Some("en")).await,
            (status, en.into())
        );
    }
}

#[tokio::test]
async fn a_cross_site_post_is_refused_in_the_readers_language() {
    const ZH: &str =
        "该请求来自其他网站，已被拒绝，没有保存任何内容。请直接打开本平台的页面后重新操作。";
    const EN: &str = "This request came from another website and was refused; nothing was \
                      saved. Open this site's page directly and try again.";
    let app = spawn_app().await;
    let plain = reqwest::Client::new();
    let cross = |accept: &'static str, cookie: Option<&'static str>| {
        let mut request = plain
            .post(app.url("/api/reports/submit"))
            .header(header::ORIGIN, "https://evil.example")
            .header(header::ACCEPT, accept)
            .form(&report_fields("李四", "13900139000", QINGSHI_VILLAGE));
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.send()
    };
    for (cookie, lang, sentence) in [(None, "zh-CN", ZH), (Some("lang=en"), "en", EN)] {
        let page = cross("text/html", cookie).await.expect("request");
        assert_eq!(page.status(), StatusCode::FORBIDDEN);
        let page = page.text().await.expect("html");
        assert!(page.contains(&format!("<html lang=\"{lang}\">")), "{page}");
        assert!(page.contains(sentence), "{page}");

        let body: Value = cross("*/*", cookie)
            .await
            .expect("request")
            .json()
            .await
            .expect("json");
        assert_eq!(body["key"], "http.cross_site", "{body}");
        assert_eq!(body["message"], sentence, "{body}");
    }
}
