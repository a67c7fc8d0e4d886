//! A refusal's reason is told to whoever filed and to an alerting department. Written as the
//! page once advised ("注明原申报查询码"), it gave them another household's tracking number,
//! which opened that household's progress page (attacker tester): numbers in it are masked.
use app::domain::{case::CaseCommand, tracking::TrackingNumber};

use crate::{
    fixtures::township_officer,
    helpers::{fields, spawn_app, QINGSHI_VILLAGE},
    storage::run,
};

#[tokio::test]
async fn another_households_number_in_a_refusal_reason_is_masked_for_the_filer() {
    let app = spawn_app().await;
    let neighbour = app
        .submit_report("张三", "13800138071", QINGSHI_VILLAGE)
        .await;
    let prober = app
        .submit_report("李四", "13800138072", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&prober).await;
    let whole = TrackingNumber::shown_back(&neighbour);
    let reason = format!("重复申报，原申报查询码 {whole}");
    run(
        &app,
        &township_officer(),
        &id,
        CaseCommand::RejectOutOfScope { reason },
    )
    .await;
    let told = app
        .post_api(
            "/api/reports/track",
            &fields(&[("tracking", &prober), ("mobile", "13800138072")]),
        )
        .await
        .text()
        .await
        .expect("answer");
    assert!(told.contains("重复申报"), "the reason is told: {told}");
    assert!(told.contains(&format!("{}-****-**", &whole[..4])), "{told}");
    assert!(!told.contains(&whole), "{told}");
}
