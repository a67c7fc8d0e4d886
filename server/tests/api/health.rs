use crate::helpers::spawn_app;

#[tokio::test]
async fn health_and_readiness_answer_with_a_request_id() {
    let app = spawn_app().await;
    let health = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("healthz");
    assert_eq!(health.status(), 200);
    assert!(health.headers().contains_key("x-request-id"));
    let ready = app
        .client
        .get(app.url("/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.expect("body"), "ready");
}

#[tokio::test]
async fn the_home_page_offers_reporting_and_tracking_in_chinese() {
    let app = spawn_app().await;
    let html = app.get_html("/").await;
    assert!(html.contains("我要申报"));
    assert!(html.contains("查询进度"));
    assert!(html.contains("lang=\"zh-CN\""));
    // Nothing loaded from elsewhere: every script and stylesheet is ours.
    assert!(!html.contains("src=\"http"), "external script in {html}");
    assert!(!html.contains("href=\"http"), "external link in {html}");
}

#[tokio::test]
async fn an_unknown_page_is_a_404_with_a_way_home() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/no-such-page"))
        .send()
        .await
        .expect("get");
    assert_eq!(response.status(), 404);
    assert!(response.text().await.expect("body").contains("返回首页"));
}
