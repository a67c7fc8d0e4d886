use app::domain::tracking::TrackingNumber;
use serde_json::Value;

use crate::helpers::{report_fields, spawn_app, QINGSHI_VILLAGE};

#[tokio::test]
async fn a_valid_report_gets_a_tracking_number_and_goes_to_the_confirmation() {
    let app = spawn_app().await;
    let response = app
        .post_api(
            "/api/reports/submit",
            &report_fields("张三", "13800138000", QINGSHI_VILLAGE),
        )
        .await;
    assert_eq!(response.status(), 200);
    // The hydrated form follows this link, with the token made at filing.
    let link = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let tracking: String = response.json().await.expect("json");
    assert!(TrackingNumber::parse(&tracking).is_ok(), "{tracking}");
    assert!(
        link.starts_with(&format!("/report/submitted/{tracking}?t=")),
        "{link}"
    );

    let page = app.get_html(&link).await;
    let grouped = TrackingNumber::parse(&tracking).expect("valid").grouped();
    assert!(page.contains(&grouped), "confirmation shows the number");
    // Filed Monday 2026-11-23: accepted within 2 working days, decided within 15 days. Each
    // date in two pieces, each kept whole: a line may break after 年, never inside 11月25日.
    let whole = |year: &str, day: &str| {
        format!(r#"<span class="whole">{year}年</span><span class="whole">{day}</span>"#)
    };
    assert!(
        page.contains(&whole("2026", "11月25日")),
        "acceptance deadline"
    );
    assert!(
        page.contains(&whole("2026", "12月8日")),
        "decision deadline"
    );

    // The same link for another number, without its token, or after the token's hour: a 404
    // page that confirms nothing of the filing, but says the page expired (not that the report
    // is lost), gives back the number the address holds, and how to look it up or recover it.
    let other = TrackingNumber::from_random([7; 16]);
    let (_, token) = link.split_once("?t=").expect("a token");
    let refused = [
        format!("/report/submitted/{}?t={token}", other.as_str()),
        format!("/report/submitted/{tracking}"),
        link.clone(),
    ];
    for (n, path) in refused.iter().enumerate() {
        if n == 2 {
            app.clock.advance(chrono::Duration::minutes(61));
        }
        let response = app.client.get(app.url(path)).send().await.expect("request");
        assert_eq!(response.status(), 404, "{path}");
        let page = response.text().await.expect("body");
        for said in [
            "这个确认页已经过期",
            "不会丢失",
            "href=\"/track#forgot\"",
            "12317",
        ] {
            assert!(page.contains(said), "{path}: {said}");
        }
        assert!(
            !page.contains("没有找到相关记录"),
            "{path}: not read as lost"
        );
        assert!(
            !page.contains("2026年11月25日"),
            "{path}: nothing of the filing"
        );
        let in_address = if n == 0 {
            other.grouped()
        } else {
            grouped.clone()
        };
        assert!(
            page.contains(&in_address),
            "{path}: the number in the address"
        );
    }
}

#[tokio::test]
async fn two_reports_never_share_a_tracking_number() {
    let app = spawn_app().await;
    let a = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let b = app
        .submit_report("李四", "13900139000", QINGSHI_VILLAGE)
        .await;
    assert_ne!(a, b);
}

#[tokio::test]
async fn an_invalid_report_names_each_bad_field() {
    let app = spawn_app().await;
    let mut fields = report_fields("", "12345", QINGSHI_VILLAGE);
    for (k, v) in fields.iter_mut() {
        if k == "form[id_number]" {
            *v = "52272719800101001X".into();
        }
    }
    fields.retain(|(k, _)| k != "form[consent]");
    let response = app.post_api("/api/reports/submit", &fields).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.expect("json error");
    let errors = body["Validation"].as_array().expect("validation errors");
    let names: Vec<&str> = errors.iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(names, vec!["name", "mobile", "id_number", "consent"]);
    assert!(errors
        .iter()
        .all(|e| !e["message"].as_str().unwrap_or_default().is_empty()));
}

#[tokio::test]
async fn a_village_outside_the_county_is_refused() {
    let app = spawn_app().await;
    let response = app
        .post_api(
            "/api/reports/submit",
            &report_fields("张三", "13800138000", "110101001001"),
        )
        .await;
    let body: Value = response.json().await.expect("json error");
    assert_eq!(body["Validation"][0]["field"], "village");
}

#[tokio::test]
async fn without_javascript_a_bad_form_comes_back_with_everything_typed() {
    let app = spawn_app().await;
    let mut fields = report_fields("王五", "1380013800", QINGSHI_VILLAGE);
    fields.retain(|(k, _)| k != "form[consent]");
    let response = app
        .post_plain_form("/api/reports/submit", "/report", &fields)
        .await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.starts_with("/report?draft="), "{location}");

    let page = app.get_html(&location).await;
    assert!(page.contains("value=\"王五\""), "name kept");
    assert!(page.contains("value=\"1380013800\""), "mobile kept");
    assert!(page.contains("父亲住院"), "description kept");
    assert!(
        page.contains("请阅读并勾选承诺授权"),
        "consent message shown"
    );
    assert!(page.contains("手机号码"), "mobile message shown");
}

#[tokio::test]
async fn without_javascript_a_good_form_lands_on_the_confirmation() {
    let app = spawn_app().await;
    let response = app
        .post_plain_form(
            "/api/reports/submit",
            "/report",
            &report_fields("赵六", "13700137000", QINGSHI_VILLAGE),
        )
        .await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().expect("location");
    assert!(location.starts_with("/report/submitted/"), "{location}");
}

#[tokio::test]
async fn progress_is_found_by_tracking_number_and_mobile_only() {
    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let found = app
        .post_api(
            "/api/reports/track",
            &[
                ("tracking".into(), tracking.to_lowercase()),
                ("mobile".into(), "138 0013 8000".into()),
            ],
        )
        .await;
    assert_eq!(found.status(), 200);
    let body: Value = found.json().await.expect("json");
    assert_eq!(body["status"], "已提交，等待乡镇受理");
    assert_eq!(body["village"], "青石村");

    let wrong_mobile = app
        .post_api(
            "/api/reports/track",
            &[
                ("tracking".into(), tracking.clone()),
                ("mobile".into(), "13900139000".into()),
            ],
        )
        .await;
    assert_eq!(wrong_mobile.status(), 404);
    let body: Value = wrong_mobile.json().await.expect("json");
    assert_eq!(body, Value::String("NotFound".into()));

    // Without JavaScript the form is posted; the browser is sent on with a short-lived
    // token, never with the mobile number in the address.
    let response = app
        .post_plain_form(
            "/api/reports/track",
            "/track",
            &[
                ("tracking".into(), tracking.clone()),
                ("mobile".into(), "13800138000".into()),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let bound = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .any(|c| c.starts_with("sn_track=") && c.contains("HttpOnly"));
    assert!(bound, "the link is bound to this browser by a cookie");
    let location = response.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.starts_with("/track?n="), "{location}");
    assert!(
        !location.contains("13800138000") && !location.contains("&="),
        "{location}"
    );
    let page = app.get_html(&location).await;
    assert!(
        page.contains("等待乡镇受理"),
        "the posted form works without JavaScript"
    );
    let again = app.get_html(&location).await;
    assert!(again.contains("等待乡镇受理"), "a reload shows it again");
    // The link is this browser's: anyone else who gets it (a shared phone's history read in
    // another browser, a forwarded address) sees nothing.
    let elsewhere = app
        .with_client(crate::helpers::client(&app.base))
        .get_html(&location)
        .await;
    assert!(
        !elsewhere.contains("等待乡镇受理"),
        "the result link shows nothing in another browser"
    );
    // ...and says why, not as if the number were wrong.
    assert!(
        elsewhere.contains("只能在当时查询的手机或浏览器上打开") && !elsewhere.contains("没有找到"),
        "another browser is told to look it up again on the phone that did"
    );
    let forged = app.get_html(&format!("/track?n={tracking}&t=forged")).await;
    assert!(
        !forged.contains("等待乡镇受理"),
        "a made-up token shows nothing"
    );

    let wrong = app
        .post_plain_form(
            "/api/reports/track",
            "/track",
            &[
                ("tracking".into(), tracking.clone()),
                ("mobile".into(), "13900139000".into()),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 302);
    let grouped = app::domain::tracking::TrackingNumber::shown_back(&tracking);
    let back = format!("/track?e=not_found&n={grouped}&draft=");
    let location = wrong.headers()["location"].to_str().expect("location");
    assert!(location.starts_with(&back), "{location}");
    assert!(!location.contains("13900139000"), "{location}");
    let page = app.get_html(location).await;
    assert!(page.contains("没有找到"), "the page says what went wrong");
}

#[tokio::test]
async fn the_household_sees_its_responsible_person_and_measures() {
    use app::domain::{
        case::{CaseCommand, IdentificationDecision},
        vocab::{Category, MeasureType, RiskTier},
    };

    use crate::{
        fixtures::{county_officer, measure, township_officer},
        storage::{compare_clean, home_check_to_township, run, today},
    };

    let app = spawn_app().await;
    let tracking = app
        .submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    home_check_to_township(&app, &id, 300_000).await;
    compare_clean(&app, &id).await;
    let identify = IdentificationDecision::Identify {
        category: Category::Marginal,
        tier: RiskTier::Yellow,
        note: String::new(),
    };
    run(
        &app,
        &county_officer(),
        &id,
        CaseCommand::CountyDecide { decision: identify },
    )
    .await;
    run(
        &app,
        &township_officer(),
        &id,
        CaseCommand::AssignResponsible {
            person: "王村干".into(),
            mobile: app::domain::mobile::MobileNumber::parse("13800138000").expect("mobile"),
        },
    )
    .await;
    let plan = vec![measure(MeasureType::Medical, today(&app))];
    run(
        &app,
        &township_officer(),
        &id,
        CaseCommand::AddPlan { measures: plan },
    )
    .await;

    let found = app
        .post_api(
            "/api/reports/track",
            &[
                ("tracking".into(), tracking),
                ("mobile".into(), "13800138000".into()),
            ],
        )
        .await;
    let body: Value = found.json().await.expect("json");
    // The plan is made, not yet passed by the village: the headline says so, not that the
    // help is under way (household tester).
    assert_eq!(body["status"], "已认定为监测对象，帮扶办法正在村里评议");
    assert_eq!(body["responsible"], "王村干");
    let measures = body["measures"].as_array().expect("measures");
    assert_eq!(measures.len(), 1);
    assert!(
        measures[0]["after"]
            .as_str()
            .unwrap_or_default()
            .contains("计划中"),
        "{measures:?}"
    );
}

#[tokio::test]
async fn a_draft_token_with_a_control_character_gets_the_empty_form() {
    let app = crate::helpers::spawn_app().await;
    let response = app
        .client
        .get(app.url("/report?draft=%2500"))
        .send()
        .await
        .expect("get");
    let status = response.status();
    let body = response.text().await.expect("body");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("name=\"form[name]\""), "the form is there");
}
