//! The sweep marks the level it has told for each clock and due date (migrations 0022, 0025):
//! a second pass reads no clock already told and sends nothing, and a clock is read again
//! only when its date takes it to the next level.
use app::ssr::{clock::Clock, services::escalation::sweep};
use chrono::Duration;

use crate::helpers::{spawn_app, TestApp, QINGSHI_VILLAGE};

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

async fn told_levels(app: &TestApp) -> Vec<i64> {
    sqlx::query_scalar(
        "select t.level from clock_told t join case_clocks c on c.case_id = t.case_id
         and c.seq = t.seq and c.due_on = t.due_on where c.state = 'open' order by t.level",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("told levels")
}

#[tokio::test]
async fn a_second_sweep_reads_no_clock_already_told_and_sends_nothing() {
    let app = spawn_app().await;
    sqlx::query(
        "update users set email = 'li@qingshi.example.org' where username = 'zhen-qingshi'",
    )
    .execute(&app.state.db.pool)
    .await
    .expect("email");
    // Filed Monday: the township acceptance is due Wednesday.
    app.submit_report("张三", "13800138000", QINGSHI_VILLAGE)
        .await;

    // Tuesday: due soon, told once; the row now says so.
    app.clock.advance(Duration::days(1));
    let first = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert_eq!((first.clocks_checked, first.notified), (1, 1));
    assert_eq!(told_levels(&app).await, [1]);
    let (notes, emails) = (
        count(&app, "select count(*) from notifications").await,
        count(&app, "select count(*) from outbox").await,
    );

    let again = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert_eq!(
        (again.clocks_checked, again.notified, again.emails_queued),
        (0, 0, 0),
        "a second pass reads nothing and sends nothing"
    );
    assert_eq!(
        count(&app, "select count(*) from notifications").await,
        notes
    );
    assert_eq!(count(&app, "select count(*) from outbox").await, emails);

    // Thursday: overdue, so the same clock is read once more, at the next level.
    app.clock.advance(Duration::days(2));
    let thursday = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert_eq!((thursday.clocks_checked, thursday.overdue), (1, 1));
    assert_eq!(thursday.notified, 2, "the officer and the township head");
    assert_eq!(told_levels(&app).await, [2]);
    let again = sweep(&app.state, app.clock.now()).await.expect("sweep");
    assert_eq!((again.clocks_checked, again.notified), (0, 0));
}
