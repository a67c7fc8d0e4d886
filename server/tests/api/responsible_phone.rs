//! The 帮扶责任人 has a name field and a mobile field: bad input is refused per field, the
//! mobile is sealed at rest like every mobile, and the household gets a tap-to-call link.
//! Cases named before the phone field (one text) still show name and phone apart.
use app::domain::{
    case::{CaseCommand, IdentificationDecision},
    vocab::{Category, RiskTier},
};
use serde_json::Value;

use crate::{
    fixtures::{county_officer, township_officer, track_page},
    helpers::{detail, fields, spawn_app, step, TestApp, QINGSHI_VILLAGE},
    storage::{compare_clean, home_check_to_township, run},
};

const APPLICANT_MOBILE: &str = "13800138000";

pub async fn identified(app: &TestApp) -> (String, String) {
    let tracking = app
        .submit_report("张三", APPLICANT_MOBILE, QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    run(app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    home_check_to_township(app, &id, 300_000).await;
    compare_clean(app, &id).await;
    let decision = IdentificationDecision::Identify {
        category: Category::Marginal,
        tier: RiskTier::Yellow,
        note: String::new(),
    };
    run(
        app,
        &county_officer(),
        &id,
        CaseCommand::CountyDecide { decision },
    )
    .await;
    (tracking, id)
}

async fn responsible_contact(app: &TestApp, tracking: &str) -> Value {
    let found = app
        .post_api(
            "/api/reports/track",
            &fields(&[("tracking", tracking), ("mobile", APPLICANT_MOBILE)]),
        )
        .await;
    assert_eq!(found.status(), 200);
    let body: Value = found.json().await.expect("json");
    body["contacts"]
        .as_array()
        .expect("contacts")
        .iter()
        .find(|c| c["who"].as_str().is_some_and(|w| w.contains("责任人")))
        .cloned()
        .expect("the responsible person among the contacts")
}

async fn refused_fields(officer: &TestApp, id: &str, person: &str, mobile: &str) -> String {
    let version = detail(officer, id).await["version"]
        .as_i64()
        .expect("version");
    let form = [
        ("kind", "assign_responsible"),
        ("person", person),
        ("mobile", mobile),
    ];
    let response = step(officer, id, version, &form).await;
    assert_eq!(response.status(), 422, "{person:?} {mobile:?}");
    response.text().await.expect("body")
}

#[tokio::test]
async fn the_responsible_persons_mobile_has_its_own_field_is_sealed_and_is_a_tap_away() {
    let app = spawn_app().await;
    let (tracking, id) = identified(&app).await;
    let officer = app.login("zhen-qingshi").await;

    // The old way (both in the name, no mobile) is refused on both fields, saying where.
    let both = refused_fields(&officer, &id, "王明 13900139000", "").await;
    assert!(both.contains("person") && both.contains("mobile"), "{both}");
    assert!(both.contains("手机号码请填在下面一栏"), "{both}");
    let short = refused_fields(&officer, &id, "王明", "1390013900").await;
    assert!(short.contains("11位手机号码"), "{short}");
    assert!(
        !short.contains("\"person\""),
        "only the mobile is wrong: {short}"
    );

    let version = detail(&officer, &id).await["version"]
        .as_i64()
        .expect("version");
    let form = [
        ("kind", "assign_responsible"),
        ("person", "王明"),
        ("mobile", "１３９ ００１３ ９０００"),
    ];
    assert_eq!(step(&officer, &id, version, &form).await.status(), 200);
    assert_eq!(
        detail(&officer, &id).await["responsible"],
        "王明 13900139000"
    );

    // At rest: neither the event nor the snapshot holds the number in plain text.
    let pool = &app.state.db.pool;
    let payloads: Vec<String> =
        sqlx::query_scalar("select payload from case_events where case_id = $1")
            .bind(&id)
            .fetch_all(pool)
            .await
            .expect("events");
    let snapshot: String = sqlx::query_scalar("select snapshot from cases where id = $1")
        .bind(&id)
        .fetch_one(pool)
        .await
        .expect("snapshot");
    assert!(payloads.iter().any(|p| p.contains("\"person\":\"王明\"")));
    for text in payloads.iter().chain([&snapshot]) {
        assert!(
            !text.contains("13900139000"),
            "plaintext mobile at rest: {text}"
        );
    }

    let contact = responsible_contact(&app, &tracking).await;
    assert_eq!(contact["name"], "王明");
    assert_eq!(contact["phone"], "13900139000");
    let page = track_page(&app, &tracking, APPLICANT_MOBILE).await;
    assert!(page.contains("href=\"tel:13900139000\""), "tap to call");
}

#[tokio::test]
async fn a_responsible_person_named_before_the_phone_field_still_shows_name_and_phone_apart() {
    let app = spawn_app().await;
    let (tracking, id) = identified(&app).await;
    let officer = app.login("zhen-qingshi").await;
    let version = detail(&officer, &id).await["version"]
        .as_i64()
        .expect("version");
    let form = [
        ("kind", "assign_responsible"),
        ("person", "李主任"),
        ("mobile", "13700137000"),
    ];
    assert_eq!(step(&officer, &id, version, &form).await.status(), 200);
    // Rewrite the stored case as the old engine left it: one text, no phone field.
    let pool = &app.state.db.pool;
    let snapshot: String = sqlx::query_scalar("select snapshot from cases where id = $1")
        .bind(&id)
        .fetch_one(pool)
        .await
        .expect("snapshot");
    let mut old: Value = serde_json::from_str(&snapshot).expect("json");
    old["responsible"] = Value::String("李主任 13700137000".into());
    old.as_object_mut()
        .expect("object")
        .remove("responsible_phone");
    sqlx::query("update cases set snapshot = $1 where id = $2")
        .bind(old.to_string())
        .bind(&id)
        .execute(pool)
        .await
        .expect("old snapshot");

    let contact = responsible_contact(&app, &tracking).await;
    assert_eq!(contact["name"], "李主任");
    assert_eq!(contact["phone"], "13700137000");
    let page = track_page(&app, &tracking, APPLICANT_MOBILE).await;
    assert!(page.contains("href=\"tel:13700137000\""), "tap to call");
}
