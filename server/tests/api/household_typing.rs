//! What households type on phone keyboards: full-width digits, ideographic spaces, old
//! 15-digit ID numbers and impossible birth dates.
use app::domain::id_number::check_digit;
use serde_json::Value;

use crate::helpers::{report_fields, spawn_app, QINGSHI_VILLAGE};

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' | 'X' => char::from_u32(u32::from(c) - 0x20 + 0xFF00).unwrap_or(c),
            other => other,
        })
        .collect()
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    for (k, v) in fields.iter_mut() {
        if k == name {
            *v = value.into();
        }
    }
}

async fn id_number_error(id_number: &str) -> Value {
    let app = spawn_app().await;
    let mut fields = report_fields("张三", "13800138000", QINGSHI_VILLAGE);
    set(&mut fields, "form[id_number]", id_number);
    let response = app.post_api("/api/reports/submit", &fields).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.expect("json error");
    body["Validation"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["field"] == "id_number").cloned())
        .expect("an id_number error")
}

#[tokio::test]
async fn full_width_digits_and_ideographic_spaces_file_like_ascii() {
    let app = spawn_app().await;
    let mut fields = report_fields("张三", "13800138000", QINGSHI_VILLAGE);
    let id = fields
        .iter()
        .find(|(k, _)| k == "form[id_number]")
        .map(|(_, v)| v.clone())
        .expect("id");
    let typed_id = format!("{}\u{3000}{}", full_width(&id[..6]), full_width(&id[6..]));
    set(&mut fields, "form[id_number]", &typed_id);
    set(
        &mut fields,
        "form[mobile]",
        "１３８\u{3000}００１３\u{3000}８０００",
    );
    let response = app.post_api("/api/reports/submit", &fields).await;
    assert_eq!(response.status(), 200, "{:?}", response.text().await);
}

#[tokio::test]
async fn a_birth_date_in_2099_is_refused_with_its_own_message() {
    let first17 = "52272720990101001";
    let id = format!("{first17}{}", check_digit(first17).expect("digits"));
    let error = id_number_error(&id).await;
    assert_eq!(error["key"], "id_number.birth_date_in_future");
    assert!(error["message"]
        .as_str()
        .unwrap_or_default()
        .contains("晚于今天"));
}

#[tokio::test]
async fn a_fifteen_digit_number_asks_for_the_new_eighteen_digit_one() {
    let error = id_number_error("522727800101001").await;
    assert_eq!(error["key"], "id_number.legacy_fifteen_digits");
    assert!(error["message"]
        .as_str()
        .unwrap_or_default()
        .contains("请填写新的18位身份证号码"));
}

/// A landline typed as the mobile is said to be one, with what to do instead, in both
/// languages: it read "应以13至19开头", and in English "has 11 digits" (household tester).
#[tokio::test]
async fn a_landline_typed_as_the_mobile_is_said_to_be_one() {
    let app = spawn_app().await;
    let fields = report_fields("张三", "0851-8612345", QINGSHI_VILLAGE);
    let response = app.post_api("/api/reports/submit", &fields).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.expect("json error");
    let said = body["Validation"]
        .as_array()
        .and_then(|errors| errors.iter().find(|e| e["field"] == "mobile").cloned())
        .expect("a mobile error");
    assert!(
        said["message"].as_str().is_some_and(|m| m.contains("座机")),
        "{said}"
    );
    assert!(
        app::domain::mobile::MobileNumber::parse("085486121234")
            .map_err(|e| app::domain::message::UserMessage::text(&e, app::domain::lang::Lang::En))
            .is_err_and(|m| m.contains("landline")),
        "in English too"
    );
}
