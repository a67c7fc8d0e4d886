//! The township's review sending a case back tells the village, with its reason: the
//! village heard nothing, and the reason sat at the foot of a long case page (officer tester).
use app::domain::case::CaseCommand;
use chrono::Duration;
use serde_json::Value;

use crate::{
    fixtures::{accepted_case, township_officer, village_cadre},
    helpers::spawn_app,
    storage::{notice_started, run},
};

#[tokio::test]
async fn a_case_the_township_sends_back_is_in_the_village_inbox_with_its_reason() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138401").await;
    notice_started(&app, &id, 300_000).await;
    app.clock.advance(Duration::days(5));
    run(&app, &village_cadre(), &id, CaseCommand::EndNotice).await;
    let review = CaseCommand::TownshipReview {
        approve: false,
        note: "缺少危房鉴定材料".into(),
    };
    run(&app, &township_officer(), &id, review).await;

    let cadre = app.login("cun-qingshi").await;
    let inbox: Value = cadre
        .post_api("/api/inbox/mine", &[])
        .await
        .json()
        .await
        .expect("json");
    let note = inbox
        .as_array()
        .expect("list")
        .iter()
        .find(|n| n["kind"] == "returned")
        .cloned()
        .unwrap_or_else(|| panic!("told: {inbox}"));
    assert_eq!(note["case_id"], id.as_str());
    assert!(
        note["title"].as_str().is_some_and(|t| t.contains("退回")),
        "{note}"
    );
    assert!(
        note["body"]
            .as_str()
            .is_some_and(|b| b.contains("缺少危房鉴定材料")),
        "{note}"
    );
    // Worded from its code, the tracking number grouped as the queue shows it.
    let words = note["title_words"].as_str().unwrap_or_default();
    assert!(
        words.contains("已退回（") && words.matches('-').count() == 2,
        "{note}"
    );
    // The township that sent it back is not told its own step.
    let township: Value = app
        .login("zhen-qingshi")
        .await
        .post_api("/api/inbox/mine", &[])
        .await
        .json()
        .await
        .expect("json");
    assert!(!township.to_string().contains("\"returned\""), "{township}");
}
