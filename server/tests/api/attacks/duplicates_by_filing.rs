//! Filing a report with someone's ID number or mobile showed that household's other filings
//! on the new case's page, around the duplicate look-up's rules (attacker tester): a liaison,
//! whose look-up is refused, read their village, date and state; the hotline read
//! 监测帮扶中 of a case it may not open. Now a liaison is told only that the township checks
//! a possible duplicate, and a state is said only to whoever may open that filing.
use serde_json::{json, Value};

use crate::{
    alerts::{alert, push},
    helpers::{detail, spawn_app, QINGSHI_VILLAGE},
};

const MOBILE: &str = "13511117777";

#[tokio::test]
async fn a_filing_shows_other_filings_only_as_the_look_up_would() {
    let app = spawn_app().await;
    app.submit_report("钱大伯", MOBILE, QINGSHI_VILLAGE).await;

    let liaison = app.login("bumen-minzheng").await;
    let probe = json!([alert("probe-1", MOBILE, QINGSHI_VILLAGE)]);
    let pushed: Value = push(&liaison, probe).await.json().await.expect("json");
    let id = pushed[0]["case_id"].as_str().expect("filed").to_owned();
    let seen = detail(&liaison, &id).await;
    assert_eq!(seen["duplicates"], json!([]), "{seen}");
    assert_eq!(seen["later_filings"], json!([]));
    assert_eq!(seen["duplicates_unshown"], 1);
    let page = liaison.get_html(&format!("/staff/cases/{id}")).await;
    assert!(page.contains("乡镇受理时会核查"), "told there may be one");
    assert!(!page.contains("待乡镇受理</td>"), "no other filing's state");

    // The township deciding on it sees the pair whole, state included.
    let township = detail(&app.login("zhen-qingshi").await, &id).await;
    assert_eq!(township["duplicates"][0]["state_zh"], "待乡镇受理");

    // The hotline files for the same mobile: the earlier filing is listed (where, when,
    // why), its state is not: the hotline may not open it.
    let hotline = app.login("rexian").await;
    let mut form = crate::helpers::report_fields("孙大娘", MOBILE, QINGSHI_VILLAGE);
    form.push(("channel".into(), "proxy_hotline".into()));
    let filed: Value = hotline
        .post_api("/api/reports/proxy", &form)
        .await
        .json()
        .await
        .expect("json");
    let id = filed.as_str().expect("case id").to_owned();
    let own = detail(&hotline, &id).await;
    let others = own["duplicates"].as_array().expect("listed");
    assert!(!others.is_empty(), "{own}");
    assert!(
        others
            .iter()
            .all(|o| o["state_zh"] == "" && o["village"] != ""),
        "{others:?}"
    );
}
