//! Steps on a case follow the access table (domain::access, `ActOnCase`) as reads do: outside
//! one's own work a step finds no case (404, like opening it) and nothing is written.
use crate::{
    fixtures::footprint,
    helpers::{fields, spawn_app_with, step, TestApp, QINGSHI_VILLAGE},
};

async fn a_case_in(app: &TestApp, state: &str) -> (String, i64) {
    sqlx::query_as(
        "select id, version from cases where state = $1 and village_code = $2 \
         and channel not in ('department_alert', 'proxy_hotline') order by id limit 1",
    )
    .bind(state)
    .bind(QINGSHI_VILLAGE)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("a demo case in that state")
}

async fn opened(officer: &TestApp, id: &str) -> u16 {
    officer
        .post_api("/api/cases/detail", &fields(&[("case_id", id)]))
        .await
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_step_outside_ones_own_work_is_refused_like_a_read_and_writes_nothing() {
    let app = spawn_app_with(true).await;
    // A running village notice the hotline did not file: the engine lets a hotline operator
    // record an objection on a notice, but this case is not the operator's own work.
    let (notice, version) = a_case_in(&app, "notice_running").await;
    let (fresh, fresh_version) = a_case_in(&app, "reported").await;
    let before = (
        footprint(&app, &notice).await,
        footprint(&app, &fresh).await,
    );
    let objection = [("kind", "record_objection"), ("text", "邻居说他家有车")];
    let accept = [("kind", "accept")];
    // The hotline (only its own filings), the county admin (never case files) and a liaison
    // on a household's own filing that waits on no department.
    let tries = [
        ("rexian", &notice, version, &objection[..]),
        ("rexian", &fresh, fresh_version, &accept[..]),
        ("xian-admin", &notice, version, &objection[..]),
        ("xian-admin", &fresh, fresh_version, &accept[..]),
        ("bumen-minzheng", &fresh, fresh_version, &accept[..]),
    ];
    for (user, id, version, form) in tries {
        let officer = app.login(user).await;
        let read = opened(&officer, id).await;
        let acted = step(&officer, id, version, form).await.status().as_u16();
        assert_eq!(read, 404, "{user} reads {id}");
        assert_eq!(acted, read, "{user} steps on {id} as they read it");
    }
    assert_eq!(
        (
            footprint(&app, &notice).await,
            footprint(&app, &fresh).await
        ),
        before,
        "nothing written"
    );

    // The same objection by an officer whose work it is goes through.
    let cadre = app.login("cun-qingshi").await;
    assert_eq!(opened(&cadre, &notice).await, 200);
    let taken = step(&cadre, &notice, version, &objection).await;
    assert_eq!(taken.status(), 200);
    assert!(footprint(&app, &notice).await.0 > before.0 .0);
}
