//! A page's HTTP status is its main content's: a side resource that fails (here the admin
//! page's contacts card) leaves the page 200, while a case outside one's work is a 404 page,
//! whatever the client accepts.
use reqwest::header;

use crate::helpers::spawn_app;

#[tokio::test]
async fn a_failing_side_resource_does_not_turn_the_page_into_an_error() {
    let app = spawn_app().await;
    let admin = app.login("xian-admin").await;
    sqlx::query("alter table region_contacts rename to region_contacts_gone")
        .execute(&app.state.db.pool)
        .await
        .expect("hide the contacts table");
    for accept in ["*/*", "text/html,application/xhtml+xml"] {
        let page = admin
            .client
            .get(admin.url("/staff/admin"))
            .header(header::ACCEPT, accept)
            .send()
            .await
            .expect("request");
        let status = page.status();
        let body = page.text().await.expect("body");
        assert_eq!(status, 200, "{accept}");
        assert!(body.contains("cun-qingshi"), "the accounts are shown");
    }
    sqlx::query("alter table region_contacts_gone rename to region_contacts")
        .execute(&app.state.db.pool)
        .await
        .expect("restore");

    // The main content failing still says so, for a browser too.
    let cadre = app.login("cun-qingshi").await;
    for accept in ["*/*", "text/html,application/xhtml+xml"] {
        let missing = cadre
            .client
            .get(cadre.url("/staff/cases/0123456789abcdef0123456789abcdef"))
            .header(header::ACCEPT, accept)
            .send()
            .await
            .expect("request");
        assert_eq!(missing.status(), 404, "{accept}");
    }
}
