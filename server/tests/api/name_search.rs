//! Names are found by the whole name: one typed with a space on a phone ("王 秀英") could not
//! be found as 王秀英 (household tester). It is kept without the space, and a search typed
//! either way finds it.
use serde_json::Value;

use crate::helpers::{spawn_app, QINGSHI_VILLAGE};

#[tokio::test]
async fn a_name_typed_with_a_space_is_found_by_the_whole_name() {
    let app = spawn_app().await;
    app.submit_report("王 秀英", "13800138091", QINGSHI_VILLAGE)
        .await;
    let township = app.login("zhen-qingshi").await;
    for typed in ["王秀英", "王 秀英"] {
        let view: Value = township
            .post_api(
                "/api/queue/mine",
                &[("tab".into(), "all".into()), ("q".into(), typed.into())],
            )
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(view["items"][0]["applicant"], "王秀英", "{typed}: {view}");
    }
}
