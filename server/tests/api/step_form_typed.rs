//! Staff step forms posted without JavaScript: a refused form comes back with what was typed
//! and the errors (the home check 入户核查, assigning 帮扶责任人), in a response that is not
//! stored; a good one still goes on to the case page.
use reqwest::StatusCode;

use crate::helpers::{detail, fields, spawn_app, step, TestApp, QINGSHI_VILLAGE};

/// Posts a step form as a browser without JavaScript does, from the case page.
async fn plain_step(officer: &TestApp, id: &str, form: &[(&str, &str)]) -> reqwest::Response {
    let version = detail(officer, id).await["version"]
        .as_i64()
        .expect("version");
    let mut body = fields(&[("case_id", id)]);
    body.push(("version".into(), version.to_string()));
    body.extend(
        form.iter()
            .map(|(k, v)| (format!("form[{k}]"), (*v).to_owned())),
    );
    officer
        .post_plain_form("/api/cases/command", &format!("/staff/cases/{id}"), &body)
        .await
}

async fn accepted_case(app: &TestApp) -> String {
    let tracking = app
        .submit_report("张三", "13800138077", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    let township = app.login("zhen-qingshi").await;
    let version = detail(&township, &id).await["version"]
        .as_i64()
        .expect("version");
    let accepted = step(&township, &id, version, &[("kind", "accept")]).await;
    assert_eq!(accepted.status(), StatusCode::OK);
    id
}

#[tokio::test]
async fn a_refused_home_check_comes_back_with_everything_typed() {
    let app = spawn_app().await;
    let id = accepted_case(&app).await;
    let cadre = app.login("cun-qingshi").await;
    let today = detail(&cadre, &id).await["today"]
        .as_str()
        .expect("today")
        .to_owned();
    // Everything but the signed consent.
    let form = [
        ("kind", "record_home_check"),
        ("date", today.as_str()),
        ("visitors", "王村干、李乡干"),
        ("members][0][name", "张三"),
        ("members][0][labour", "full"),
        ("members][0][income", "3000"),
        ("members][1][name", "张小妹"),
        ("members][1][labour", "none"),
        ("members][1][income", "1234"),
        ("rigid_expenditure", "45678"),
        ("guarantees][1", "clothing"),
    ];
    let response = plain_step(&cadre, &id, &form).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = response.text().await.expect("html");
    for kept in ["王村干、李乡干", "张小妹", "1234", "45678"] {
        assert!(page.contains(&format!("value=\"{kept}\"")), "{kept} kept");
    }
    assert!(
        page.contains(r#"value="clothing" checked"#),
        "the ticked guarantee stays ticked"
    );
    assert!(page.contains("banner error"), "and says why");
    assert_eq!(detail(&cadre, &id).await["state_zh"], "待入户核查");
}

#[tokio::test]
async fn a_refused_responsible_person_comes_back_with_the_field_error() {
    let app = spawn_app().await;
    let (_, id) = crate::responsible_phone::identified(&app).await;
    let township = app.login("zhen-qingshi").await;
    let response = plain_step(
        &township,
        &id,
        &[
            ("kind", "assign_responsible"),
            ("person", "王明"),
            ("mobile", "1390013900"),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.expect("html");
    assert!(page.contains("value=\"王明\""), "the name is kept");
    assert!(page.contains("value=\"1390013900\""), "the number is kept");
    assert!(page.contains("11位手机号码"), "the field error is shown");
}
