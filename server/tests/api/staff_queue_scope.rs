//! The queue as village, township and county officers see it: the village filter lists only
//! the villages in the officer's scope, and the missing-holidays note is the admin's to act on.
use serde_json::Value;

use crate::helpers::{spawn_app, QINGSHI_VILLAGE};

fn villages(view: &Value) -> Vec<String> {
    view["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .flat_map(|t| t["villages"].as_array().cloned().unwrap_or_default())
        .filter_map(|v| v["code"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn the_village_filter_lists_only_villages_in_the_officers_scope() {
    let app = spawn_app().await;
    let mut seen = Vec::new();
    for user in ["cun-qingshi", "zhen-qingshi", "xian-officer"] {
        let officer = app.login(user).await;
        let view: Value = officer.queue().await.json().await.expect("json");
        seen.push((user, villages(&view)));
    }
    let [(_, village), (_, township), (_, county)] = &seen[..] else {
        unreachable!()
    };
    assert_eq!(
        village,
        &[QINGSHI_VILLAGE.to_owned()],
        "a village cadre: their village"
    );
    assert!(township.contains(&QINGSHI_VILLAGE.to_owned()));
    assert!(
        township
            .iter()
            .all(|v| v.starts_with(&QINGSHI_VILLAGE[..9])),
        "a township officer: their township's villages {township:?}"
    );
    assert!(county.len() > township.len(), "the county: every village");
}

#[tokio::test]
async fn only_the_admin_is_told_how_to_enter_missing_holidays() {
    // Monday 2026-11-23: deadlines run into 2027, whose schedule is not entered.
    let app = spawn_app().await;
    let note = |view: &Value| {
        view["calendar_note"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    let officer = app.login("zhen-qingshi").await;
    let officers: Value = officer.queue().await.json().await.expect("json");
    let admin = app.login("xian-admin").await;
    let admins: Value = admin.queue().await.json().await.expect("json");
    assert!(note(&admins).contains("政策与节假日"), "{admins}");
    let officers = note(&officers);
    assert!(officers.contains("县级管理员"), "{officers}");
    assert!(
        !officers.contains("政策与节假日"),
        "no directions to a page they cannot open"
    );
    assert!(
        !officers.contains('\n') && officers.chars().count() < 50,
        "{officers}"
    );
    // Those who can do nothing about it are not told: on a phone it pushed the first case
    // a screen down (officer tester).
    for user in ["cun-qingshi", "rexian", "bumen-minzheng"] {
        let view: Value = app
            .login(user)
            .await
            .queue()
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(note(&view), "", "{user}");
    }
}
