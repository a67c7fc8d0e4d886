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
    let first_visit = app
        .login("cun-qingshi")
        .await
        .get_html(&format!("/staff/cases/{id}"))
        .await;
    assert!(
        first_visit.contains("step-record_home_check") && !first_visit.contains("sent-back"),
        "a first visit is not said to be sent back"
    );
    notice_started(&app, &id, 300_000).await;
    app.clock.advance(Duration::days(5));
    run(&app, &village_cadre(), &id, CaseCommand::EndNotice).await;
    let page = format!("/staff/cases/{id}");
    let township_page = app.login("zhen-qingshi").await.get_html(&page).await;
    assert!(
        township_page.contains("不通过，退回村里重新入户核查"),
        "the choice says where the case goes"
    );
    let review = CaseCommand::TownshipReview {
        approve: false,
        note: "缺少危房鉴定材料".into(),
    };
    run(&app, &township_officer(), &id, review).await;

    let cadre = app.login("cun-qingshi").await;
    // The village's home-check form says why it visits again (the reason sat only in the
    // timeline at the page's foot: officer tester).
    let case_page = cadre.get_html(&page).await;
    let banner = case_page
        .split("data-testid=\"sent-back\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no sent-back banner: {case_page}"));
    assert!(
        banner[..banner.find("</div>").unwrap_or(banner.len())]
            .contains("乡镇审核未通过，退回重新入户核查。乡镇的意见：缺少危房鉴定材料"),
        "{banner}"
    );
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
