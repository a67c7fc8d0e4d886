//! The sweep writes in multi-row statements: over more rows than one statement takes, each
//! owner is still told exactly once and each notification written gets exactly one email;
//! housekeeping drops the told marks of clocks that closed or moved.
use app::ssr::{
    clock::Clock,
    services::{escalation::sweep_in_chunks, housekeeping::purge},
};
use chrono::Duration;

use crate::helpers::{spawn_app, TestApp, QINGSHI_VILLAGE};

/// Rows per statement in these tests: the four cases below need several statements each.
const CHUNK: usize = 3;
const CASES: usize = 4;

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("count")
}

/// Four reports filed Monday in 青石村: each township acceptance is due Wednesday. The
/// township officer and head both have an email address.
async fn four_cases_filed() -> TestApp {
    let app = spawn_app().await;
    for (username, email) in [
        ("zhen-qingshi", "li@qingshi.example.org"),
        ("zhenzhang-qingshi", "head@qingshi.example.org"),
    ] {
        sqlx::query("update users set email = $1 where username = $2")
            .bind(email)
            .bind(username)
            .execute(&app.state.db.pool)
            .await
            .expect("email");
    }
    for (i, name) in ["张一", "张二", "张三", "张四"].iter().enumerate() {
        app.submit_report(name, &format!("1380013800{i}"), QINGSHI_VILLAGE)
            .await;
    }
    app
}

/// (username, kind) of every notification, with how many times each was written.
async fn told(app: &TestApp) -> Vec<(String, String, i64)> {
    sqlx::query_as(
        "select u.username, n.kind, count(*) from notifications n join users u on u.id = n.user_id
         group by u.username, n.kind order by u.username, n.kind",
    )
    .fetch_all(&app.state.db.pool)
    .await
    .expect("notifications")
}

#[tokio::test]
async fn a_sweep_over_several_statements_tells_each_owner_once_with_one_email_each() {
    let app = four_cases_filed().await;

    // Tuesday: four clocks due soon, four notices to the officer (two statements of three).
    app.clock.advance(Duration::days(1));
    let tuesday = sweep_in_chunks(&app.state, app.clock.now(), CHUNK)
        .await
        .expect("sweep");
    assert_eq!(
        (tuesday.clocks_checked, tuesday.due_soon, tuesday.notified),
        (CASES, CASES, CASES)
    );
    assert_eq!(tuesday.emails_queued, CASES);

    // Without their told marks (two sweeps racing, or marks lost) the clocks are read again,
    // and the unique key keeps anyone from being told twice or mailed twice.
    sqlx::query("delete from clock_told")
        .execute(&app.state.db.pool)
        .await
        .expect("forget the told marks");
    let again = sweep_in_chunks(&app.state, app.clock.now(), CHUNK)
        .await
        .expect("sweep");
    assert_eq!((again.clocks_checked, again.notified), (CASES, 0));
    assert_eq!(again.emails_queued, 0);

    // Thursday: overdue, the officer and the head hear of each case (eight rows, three
    // statements); a second pass reads nothing.
    app.clock.advance(Duration::days(2));
    let thursday = sweep_in_chunks(&app.state, app.clock.now(), CHUNK)
        .await
        .expect("sweep");
    assert_eq!((thursday.overdue, thursday.notified), (CASES, 2 * CASES));
    assert_eq!(thursday.emails_queued, 2 * CASES);
    let after = sweep_in_chunks(&app.state, app.clock.now(), CHUNK)
        .await
        .expect("sweep");
    assert_eq!((after.clocks_checked, after.notified), (0, 0));

    let n = CASES as i64;
    assert_eq!(
        told(&app).await,
        [
            ("zhen-qingshi".to_owned(), "due_soon".to_owned(), n),
            ("zhen-qingshi".to_owned(), "overdue".to_owned(), n),
            ("zhenzhang-qingshi".to_owned(), "overdue".to_owned(), n),
        ]
    );
    assert_eq!(
        count(
            &app,
            "select count(distinct user_id || case_id || kind) from notifications"
        )
        .await,
        3 * n,
        "each owner told once per case and kind"
    );
    // One email per notification: same recipient, subject and case, nothing more.
    assert_eq!(count(&app, "select count(*) from outbox").await, 3 * n);
    assert_eq!(
        count(
            &app,
            "select count(*) from notifications n join users u on u.id = n.user_id
             join outbox o on o.case_id = n.case_id and o.recipient = u.email
                 and o.subject = n.title"
        )
        .await,
        3 * n
    );
    assert_eq!(
        count(
            &app,
            "select count(*) from clock_told t join case_clocks c on c.case_id = t.case_id
             and c.seq = t.seq and c.due_on = t.due_on where c.state = 'open' and t.level = 2"
        )
        .await,
        n,
        "every overdue clock marked told, across two statements"
    );
}

#[tokio::test]
async fn housekeeping_drops_the_told_marks_of_clocks_closed_or_moved_and_keeps_the_rest() {
    let app = four_cases_filed().await;
    app.clock.advance(Duration::days(3));
    let thursday = sweep_in_chunks(&app.state, app.clock.now(), CHUNK)
        .await
        .expect("sweep");
    assert_eq!(thursday.overdue, CASES);
    let marks = "select count(*) from clock_told";
    assert_eq!(count(&app, marks).await, CASES as i64);

    // A case write closes one clock and gives another a new due date (as a pause does); the
    // marks stay until housekeeping finds them stale. The two other clocks keep theirs.
    let marked: Vec<(String, i64)> =
        sqlx::query_as("select case_id, seq from clock_told order by case_id limit 2")
            .fetch_all(&app.state.db.pool)
            .await
            .expect("marked clocks");
    for (sql, (case_id, seq)) in [
        "update case_clocks set state = 'closed' where case_id = $1 and seq = $2",
        "update case_clocks set due_on = '2099-01-01' where case_id = $1 and seq = $2",
    ]
    .into_iter()
    .zip(&marked)
    {
        sqlx::query(sql)
            .bind(case_id)
            .bind(seq)
            .execute(&app.state.db.pool)
            .await
            .expect("case write");
    }
    let purged = purge(&app.state, app.clock.now()).await.expect("purge");
    assert_eq!(purged.marks, 2);
    assert_eq!(count(&app, marks).await, CASES as i64 - 2);
    let again = purge(&app.state, app.clock.now()).await.expect("purge");
    assert_eq!(again.marks, 0, "marks of open clocks on their date stay");

    // The clocks still open on their date are not read again.
    let after = sweep_in_chunks(&app.state, app.clock.now(), CHUNK)
        .await
        .expect("sweep");
    assert_eq!((after.clocks_checked, after.notified), (0, 0));
}
