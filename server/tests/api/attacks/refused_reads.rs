//! A case opened outside one's own work, and a duplicate look-up one may not make, are
//! refused and written to the audit log: the county saw no trace of an officer probing
//! outside their area (attacker tester). The household's own list of looks stays clean.
use crate::{
    fixtures::accepted_case,
    helpers::{fields, id_number_for, spawn_app},
};

async fn refused_rows(app: &crate::helpers::TestApp, action: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "select actor_id, coalesce(case_id, '') from audit_log
         where action = $1 and outcome = 'refused' order by seq",
    )
    .bind(action)
    .fetch_all(&app.state.db.pool)
    .await
    .expect("audit")
}

#[tokio::test]
async fn a_refused_case_read_or_look_up_is_in_the_audit_log() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138471").await;
    let allowed = || async {
        sqlx::query_scalar::<_, i64>(
            "select count(*) from audit_log where case_id = $1 and outcome = 'allowed'",
        )
        .bind(&id)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
    };
    let looks_before = allowed().await;
    let elsewhere = app.login("zhen-hekou").await;
    let answer = elsewhere
        .post_api("/api/cases/detail", &fields(&[("case_id", id.as_str())]))
        .await;
    assert_eq!(answer.status(), 404, "looks like no case");
    let rows = refused_rows(&app, "case_opened").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0].1, id);

    let liaison = app.login("bumen-minzheng").await;
    let mobile = "13800138471";
    let probe = liaison
        .post_api(
            "/api/reports/duplicates",
            &fields(&[("id_number", &id_number_for(mobile)), ("mobile", mobile)]),
        )
        .await;
    assert_eq!(probe.status(), 403);
    assert_eq!(refused_rows(&app, "duplicate_probe").await.len(), 1);

    // The household's page lists who looked (allowed rows): a refused try is not a look.
    assert_eq!(allowed().await, looks_before);
}
