//! Staff pages in English: each page group fetched with the English language cookie shows no
//! Chinese outside elements marked `lang="zh-CN"` (the data: names, places, notes).
use crate::{
    english_page::{assert_english, choose_english},
    helpers::{spawn_app, QINGSHI_VILLAGE},
};

#[tokio::test]
async fn sign_in_missing_pages_and_messages_are_in_english() {
    let app = spawn_app().await;
    choose_english(&app).await;
    let login = assert_english(&app, "/staff/login").await;
    assert!(login.contains(">Staff sign-in</h1>"), "{login}");
    assert!(login.contains(">Password</label>"));
    let missing = assert_english(&app, "/staff/no-such-page").await;
    assert!(missing.contains(">Page not found</h1>"));

    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;
    let officer = app.login("zhen-qingshi").await;
    choose_english(&officer).await;
    let inbox = assert_english(&officer, "/staff/inbox").await;
    assert!(inbox.contains(">Messages</h1>"), "{inbox}");
}
