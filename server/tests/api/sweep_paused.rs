//! The sweep judges and words a due clock from its row (migration 0024), or from its case for
//! a row written before: a paused clock is judged on the working days it had left, not on its
//! due date; the notice names the case's tracking number; a county clock reaches the county.
use app::ssr::{clock::Clock, services::escalation::sweep};
use chrono::{Duration, NaiveDate};

use crate::{
    fixtures::accepted_case,
    helpers::{detail, spawn_app, step, TestApp},
};

async fn home_check_notices(app: &TestApp, case_id: &str) -> i64 {
    sqlx::query_scalar(
        "select count(*) from notifications where case_id = $1 and clock_kind = 'home_check'",
    )
    .bind(case_id)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("count")
}

/// Two accepted cases, the first's home check paused at once; the clock then moves past the
/// home check's due date and the sweep runs. `old_rows` makes every clock row look written
/// before migration 0024.
async fn sweep_past_a_paused_home_check(old_rows: bool) {
    let app = spawn_app().await;
    let paused = accepted_case(&app, "13800138000").await;
    let running = accepted_case(&app, "13900139000").await;
    let cadre = app.login("cun-qingshi").await;
    let version = detail(&cadre, &paused).await["version"]
        .as_i64()
        .expect("version");
    let form = [
        ("kind", "pause_clock"),
        ("clock", "home_check"),
        ("reason", "农户住院"),
    ];
    assert_eq!(step(&cadre, &paused, version, &form).await.status(), 200);
    let pool = &app.state.db.pool;
    let (due_on, left): (String, Option<i64>) = sqlx::query_as(
        "select due_on, paused_left from case_clocks where case_id = $1 and kind = 'home_check'",
    )
    .bind(&paused)
    .fetch_one(pool)
    .await
    .expect("home check row");
    let left = left.expect("the row keeps the days left");
    assert!(left > 1, "more than the due-soon window left: {left}");
    if old_rows {
        sqlx::query(
            "update case_clocks set paused_left = null, tracking_number = null, pause_known = 0",
        )
        .execute(pool)
        .await
        .expect("old rows");
    }

    let due_on: NaiveDate = due_on.parse().expect("date");
    let today = app.clock.now().date_naive();
    app.clock
        .advance(Duration::days((due_on - today).num_days() + 2));
    let report = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert!(report.overdue >= 1, "{report:?}");
    assert!(
        home_check_notices(&app, &running).await > 0,
        "the running home check is overdue"
    );
    assert_eq!(
        home_check_notices(&app, &paused).await,
        0,
        "the paused one still had {left} working days"
    );
    let tracking: String = sqlx::query_scalar("select tracking_number from cases where id = $1")
        .bind(&running)
        .fetch_one(pool)
        .await
        .expect("tracking number");
    let bodies: Vec<String> =
        sqlx::query_scalar("select body from notifications where case_id = $1")
            .bind(&running)
            .fetch_all(pool)
            .await
            .expect("bodies");
    assert!(
        bodies.iter().all(|b| b.contains(&tracking)),
        "{tracking}: {bodies:?}"
    );
}

/// Notifications of a user, by username.
async fn told(app: &TestApp, username: &str) -> i64 {
    sqlx::query_scalar(
        "select count(*) from notifications n join users u on u.id = n.user_id
         where u.username = $1",
    )
    .bind(username)
    .fetch_one(&app.state.db.pool)
    .await
    .expect("count")
}

#[tokio::test]
async fn an_overdue_county_clock_reaches_the_county_officer_and_head() {
    let app = spawn_app().await;
    let id = accepted_case(&app, "13800138000").await;
    // The home check made a county clock: the row names the village and township only, so
    // the county comes from the region tree.
    let pool = &app.state.db.pool;
    sqlx::query(
        "update case_clocks set owner_level = 'county' where case_id = $1 and kind = 'home_check'",
    )
    .bind(&id)
    .execute(pool)
    .await
    .expect("county clock");
    app.clock.advance(Duration::days(14));
    let report = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert!(report.overdue >= 1, "{report:?}");
    assert!(told(&app, "xian-officer").await > 0, "the county officer");
    assert!(told(&app, "xian-head").await > 0, "the county head");
    // The village hears of the overall limit its step is late for, not of a county's clock.
    let village_told: Vec<String> = sqlx::query_scalar(
        "select n.title from notifications n join users u on u.id = n.user_id
         where u.username = 'cun-qingshi'",
    )
    .fetch_all(pool)
    .await
    .expect("titles");
    assert!(
        village_told.iter().all(|t| !t.contains("入户核查")),
        "not the village: {village_told:?}"
    );
}

#[tokio::test]
async fn a_paused_clock_past_its_due_date_is_not_chased() {
    sweep_past_a_paused_home_check(false).await;
}

#[tokio::test]
async fn a_clock_row_from_before_the_paused_column_is_judged_on_the_snapshot() {
    sweep_past_a_paused_home_check(true).await;
}
