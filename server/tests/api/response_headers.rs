//! Headers every answer carries (issue 8): the security headers, and which pages no cache may
//! keep (staff pages, the household's forms and look-up, the village notice).
use reqwest::StatusCode;
use server::config::Config;

use crate::helpers::{spawn_app, spawn_app_configured, QINGSHI_VILLAGE};

fn header_of(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_staff_pages_are_not_stored() {
    let app = spawn_app().await;
    let home = app.client.get(app.url("/")).send().await.expect("request");
    assert_eq!(home.status(), StatusCode::OK);
    let csp = header_of(&home, "content-security-policy");
    for directive in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{directive} missing from {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(header_of(&home, "x-content-type-options"), "nosniff");
    assert_eq!(header_of(&home, "referrer-policy"), "same-origin");
    assert_eq!(header_of(&home, "strict-transport-security"), "");
    assert_ne!(header_of(&home, "cache-control"), "no-store");
    // Every inline script the page carries has this response's nonce.
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src")
        .to_owned();
    let html = home.text().await.expect("html");
    let scripts = html.matches("<script").count();
    assert!(scripts > 0, "the page hydrates with inline scripts");
    assert_eq!(
        html.matches(&format!("<script nonce=\"{nonce}\">")).count()
            + html
                .matches(&format!("<script type=\"module\" nonce=\"{nonce}\">"))
                .count(),
        scripts,
        "{html}"
    );
    assert!(!html.contains(" style=\""), "no inline style attributes");

    // Staff pages and staff data are never stored by a browser or a proxy.
    let login_page = app
        .client
        .get(app.url("/staff/login"))
        .send()
        .await
        .expect("request");
    assert_eq!(header_of(&login_page, "cache-control"), "no-store");
    // The report form may carry a kept draft (ID number, mobile, health): never stored either.
    let report_form = app
        .client
        .get(app.url("/report?draft=00000000000000000000000000000000"))
        .send()
        .await
        .expect("request");
    assert_eq!(report_form.status(), StatusCode::OK);
    assert_eq!(header_of(&report_form, "cache-control"), "no-store");
    let officer = app.login("zhen-qingshi").await;
    // Signed in, the notice is the board copy with full names: no cache may keep it
    // (household tester: it was sent with no cache header at all).
    let board = officer
        .client
        .get(officer.url("/notice/522799101201"))
        .send()
        .await
        .expect("request");
    assert_eq!(board.status(), StatusCode::OK);
    assert_eq!(header_of(&board, "cache-control"), "no-store");
    let queue_page = officer
        .client
        .get(officer.url("/staff"))
        .send()
        .await
        .expect("request");
    assert_eq!(queue_page.status(), StatusCode::OK);
    assert_eq!(header_of(&queue_page, "cache-control"), "no-store");
    assert!(header_of(&queue_page, "content-security-policy").contains("frame-ancestors 'none'"));
    let queue_data = officer.queue().await;
    assert_eq!(header_of(&queue_data, "cache-control"), "no-store");
    assert_eq!(header_of(&queue_data, "x-content-type-options"), "nosniff");

    // The printable notice may be framed by our own pages only.
    let notice = app
        .client
        .get(app.url(&format!("/notice/{QINGSHI_VILLAGE}")))
        .send()
        .await
        .expect("request");
    assert!(header_of(&notice, "content-security-policy").contains("frame-ancestors 'self'"));

    // HSTS only when served over HTTPS (secure cookies on).
    let secure = spawn_app_configured(|config| Config {
        secure_cookies: true,
        ..config
    })
    .await;
    let home = secure
        .client
        .get(secure.url("/"))
        .send()
        .await
        .expect("request");
    assert_eq!(
        header_of(&home, "strict-transport-security"),
        "max-age=31536000"
    );
}
