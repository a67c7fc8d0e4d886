use serde_json::Value;

use crate::helpers::{fields, spawn_app};

#[tokio::test]
async fn an_admin_creates_an_account_that_can_then_sign_in() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let response = admin
        .post_api(
            "/api/admin/create",
            &fields(&[
                ("account[username]", "cun-longjing"),
                ("account[display_name]", "龙井村网格员"),
                ("account[role]", "village_cadre"),
                ("account[region]", "522799101202"),
                ("account[password]", "longjing-2026"),
            ]),
        )
        .await;
    assert_eq!(response.status(), 200);
    let new_user = app.login_with("cun-longjing", "longjing-2026").await;
    assert_eq!(new_user.queue().await.status(), 200);

    let duplicate = admin
        .post_api(
            "/api/admin/create",
            &fields(&[
                ("account[username]", "cun-longjing"),
                ("account[display_name]", "重复"),
                ("account[role]", "village_cadre"),
                ("account[region]", "522799101202"),
                ("account[password]", "longjing-2026"),
            ]),
        )
        .await;
    assert_eq!(duplicate.status(), 422);
    let body: Value = duplicate.json().await.expect("json");
    assert_eq!(body["Validation"][0]["field"], "username");
}

#[tokio::test]
async fn only_the_admin_manages_accounts() {
    let app = spawn_app().await;
    let officer = app.login("zhen-qingshi").await;
    let response = officer.post_api("/api/admin/accounts", &[]).await;
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn deactivating_an_account_ends_its_sessions_at_once() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let officer = app.login("zhen-hekou").await;
    assert_eq!(officer.queue().await.status(), 200);
    admin
        .post_api(
            "/api/admin/active",
            &fields(&[("user_id", "demo-zhen-hekou"), ("active", "false")]),
        )
        .await;
    assert_eq!(officer.queue().await.status(), 401, "session revoked");
    let again = officer
        .post_api(
            "/api/auth/login",
            &fields(&[
                ("username", "zhen-hekou"),
                ("password", crate::helpers::PASSWORD),
            ]),
        )
        .await;
    assert_eq!(again.status(), 401, "a deactivated account cannot sign in");
}

#[tokio::test]
async fn a_password_reset_replaces_the_old_password_and_sessions() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    let officer = app.login("zhen-qingshi").await;
    let short = admin
        .post_api(
            "/api/admin/reset",
            &fields(&[("user_id", "demo-zhen-qingshi"), ("password", "short")]),
        )
        .await;
    assert_eq!(short.status(), 422);
    admin
        .post_api(
            "/api/admin/reset",
            &fields(&[
                ("user_id", "demo-zhen-qingshi"),
                ("password", "new-password-1"),
            ]),
        )
        .await;
    assert_eq!(officer.queue().await.status(), 401);
    app.login_with("zhen-qingshi", "new-password-1").await;
}
