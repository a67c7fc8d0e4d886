//! Stopping a department's account revokes its API keys for good: a key stopped with its
//! account worked again once the account was reactivated, and the admin's list never showed
//! it revoked (attacker tester).
use serde_json::{json, Value};

use crate::{
    department_keys::{issued_key, liaison_id, push_with},
    helpers::{fields, spawn_app},
};

#[tokio::test]
async fn a_key_stopped_with_its_account_stays_revoked_when_the_account_returns() {
    let app = spawn_app().await;
    let (_, key) = issued_key(&app, "522799000000", "").await;
    assert_eq!(push_with(&app, &key, json!([])).await.status(), 200);
    let admin = app.login("xian-admin").await;
    let liaison = liaison_id(&app).await;
    for active in ["false", "true"] {
        let set = admin
            .post_api(
                "/api/admin/active",
                &fields(&[("user_id", liaison.as_str()), ("active", active)]),
            )
            .await;
        assert_eq!(set.status(), 200, "active={active}");
    }
    let refused = push_with(&app, &key, json!([])).await;
    assert_eq!(refused.status(), 401);
    let body: Value = refused.json().await.expect("json");
    assert_eq!(body["error"], "api_key.revoked", "{body}");
    let list: Value = admin
        .post_api("/api/admin/keys", &[])
        .await
        .json()
        .await
        .expect("json");
    assert!(list["keys"][0]["revoked_at"].is_string(), "{list}");
    let said: Vec<String> =
        sqlx::query_scalar("select detail from audit_log where action = 'account_active_set'")
            .fetch_all(&app.state.db.pool)
            .await
            .expect("audit");
    assert!(
        said.iter().any(|d| d.contains("吊销接口密钥1个")),
        "{said:?}"
    );
}
