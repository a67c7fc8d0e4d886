//! Staff are told an identification will miss its 15-day limit when the household's page says
//! so: on the queue row and at the limit on the case page.
use app::domain::case::CaseCommand;
use serde_json::Value;

use crate::{
    helpers::{spawn_app, TestApp, QINGSHI_VILLAGE},
    household_truth::{track, MOBILE},
    storage::run,
};

/// Once the notice's minimum can no longer end by the 15-day limit, the household's page said
/// the result would be late while the queue said 还剩1个工作日 with nothing more (officer
/// tester): staff are told it then too, on the queue row and at the limit on the case page.
#[tokio::test]
async fn staff_are_told_the_limit_is_lost_when_the_household_is() {
    let app = spawn_app().await;
    let id = crate::fixtures::accepted_case(&app, MOBILE).await;
    let cadre = app.login("cun-qingshi").await;
    let tracking = crate::helpers::detail(&cadre, &id).await["tracking"]
        .as_str()
        .expect("tracking")
        .to_owned();
    let limit = |case: &Value| -> chrono::NaiveDate {
        let clocks = case["clocks"].as_array().expect("clocks");
        let overall = clocks
            .iter()
            .find(|c| c["kind"] == "identification_overall")
            .expect("the limit");
        overall["due_on"]
            .as_str()
            .expect("day")
            .parse()
            .expect("ISO")
    };
    let due = limit(&crate::helpers::detail(&cadre, &id).await);
    // In time: nothing said.
    let tags = queue_tags(&cadre).await;
    assert!(
        tags.starts_with('[') && !tags.contains("认定将超总时限"),
        "{tags}"
    );
    // The home check three days before the limit: a notice of at least five cannot end by it.
    let visit_on = due - chrono::Duration::days(3);
    let days = (visit_on - crate::storage::today(&app)).num_days();
    app.clock.advance(chrono::Duration::days(days));
    let record = app::domain::case::samples::record(visit_on, 300_000);
    run(
        &app,
        &crate::fixtures::village_cadre(),
        &id,
        CaseCommand::RecordHomeCheck { record },
    )
    .await;
    assert!(track(&app, &tracking)
        .await
        .to_string()
        .contains("已经来不及在原定的"));
    // Signed in again: days have passed.
    let cadre = app.login("cun-qingshi").await;
    let tags = queue_tags(&cadre).await;
    assert!(tags.contains("认定将超总时限"), "{tags}");
    // Nor green: the limit is lost whatever days are left (officer tester).
    let view: Value = cadre.queue_tab("all").await.json().await.expect("json");
    assert_ne!(
        view["items"][0]["urgency"], "on_time",
        "{}",
        view["items"][0]
    );
    let page = cadre.get_html(&format!("/staff/cases/{id}")).await;
    assert!(
        page.contains(r#"data-testid="cannot-meet""#),
        "said at the limit"
    );
    assert!(page.contains("已来不及在这天前办完认定"));
}

/// The warnings on the first row of `officer`'s 全部.
async fn queue_tags(officer: &TestApp) -> String {
    let view: Value = officer.queue_tab("all").await.json().await.expect("json");
    view["items"][0]["warnings"].to_string()
}

/// A filing still awaiting acceptance reads as late to its household once the visit and the
/// notice's minimum cannot end by the limit: the township's queue row says so too (officer
/// re-tester: an acceptance long overdue carried no warning).
#[tokio::test]
async fn an_acceptance_overdue_past_saving_the_limit_is_flagged_in_the_queue() {
    let app = spawn_app().await;
    let tracking = app.submit_report("张三", MOBILE, QINGSHI_VILLAGE).await;
    let township = app.login("zhen-qingshi").await;
    let tags = queue_tags(&township).await;
    assert!(
        tags.starts_with('[') && !tags.contains("认定将超总时限"),
        "{tags}"
    );
    // Filed Monday 23 November, due by 8 December. On 1 December, a filing accepted and
    // visited that day could still end its notice on the 6th: at risk only, not flagged
    // (officer tester: flagged while the day could still be kept).
    app.clock.advance(chrono::Duration::days(8));
    let said = track(&app, &tracking).await.to_string();
    assert!(
        said.contains("到期限最后一天才办的话") && !said.contains("已经来不及"),
        "{said}"
    );
    let township = app.login("zhen-qingshi").await;
    assert!(!queue_tags(&township).await.contains("认定将超总时限"));
    // On 4 December even a visit that day leaves the notice's five days ending on the 9th.
    app.clock.advance(chrono::Duration::days(3));
    assert!(track(&app, &tracking)
        .await
        .to_string()
        .contains("已经来不及在原定的"));
    let township = app.login("zhen-qingshi").await;
    let tags = queue_tags(&township).await;
    assert!(tags.contains("认定将超总时限"), "{tags}");
    // Past the limit the row still says so (officer tester: only the step's own lateness).
    app.clock.advance(chrono::Duration::days(5));
    let township = app.login("zhen-qingshi").await;
    let tags = queue_tags(&township).await;
    assert!(
        tags.contains("认定已超总时限") && !tags.contains("认定将超"),
        "{tags}"
    );
}
