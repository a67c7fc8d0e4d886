//! The audit log: every read of personal data is a row (who, when, what, why, from where),
//! written in the same request; the rows form a SHA-256 chain that verification checks.
use app::{
    domain::audit::{AuditEntry, BrokenLink},
    ssr::{clock::Clock, repo::audit as rows, services::audit},
};

use serde_json::Value;

use crate::{
    access::{reveal, self_filed},
    helpers::{fields, id_number_for, spawn_app, TestApp, QINGSHI_VILLAGE},
};

async fn all_rows(app: &TestApp) -> Vec<rows::AuditRow> {
    rows::after(&app.state.db.pool, 0, 10_000)
        .await
        .expect("audit rows")
}

fn entry(n: i64) -> AuditEntry {
    AuditEntry {
        at: 1_700_000_000_000 + n,
        actor_id: format!("user-{n}"),
        actor_role: "township_officer".into(),
        actor_scope: "522799101000".into(),
        action: "case_opened".into(),
        outcome: "allowed".into(),
        case_id: Some(format!("case-{n}")),
        detail: String::new(),
        reason: String::new(),
        reason_text: String::new(),
        client_address: "10.0.0.1".into(),
    }
}

#[tokio::test]
async fn every_read_of_personal_data_writes_who_when_what_why_and_from_where() {
    let app = spawn_app().await;
    let id = self_filed(&app, "13512350001").await;
    let township = app.login("zhen-qingshi").await;
    let opened = township
        .post_api("/api/cases/detail", &fields(&[("case_id", &id)]))
        .await;
    assert_eq!(opened.status(), 200);
    assert_eq!(
        reveal(&township, &id, "other", "信访核实").await.status(),
        200
    );
    // A refused reveal (another township) is a row too.
    let elsewhere = app.login("zhen-hekou").await;
    assert_eq!(
        reveal(&elsewhere, &id, "home_check", "").await.status(),
        404
    );
    let cadre = app.login("cun-qingshi").await;
    let probe = cadre
        .post_api(
            "/api/reports/duplicates",
            &fields(&[
                ("id_number", &id_number_for("13512350001")),
                ("mobile", "13512350001"),
            ]),
        )
        .await;
    assert_eq!(probe.status(), 200);
    let county = app.login("xian-officer").await;
    let ledger = county
        .client
        .get(county.url("/staff/ledger.csv"))
        .send()
        .await
        .expect("request");
    assert_eq!(ledger.status(), 200);

    let rows = all_rows(&app).await;
    let seen: Vec<(&str, &str, Option<&str>, &str)> = rows
        .iter()
        .map(|r| {
            (
                r.action.as_str(),
                r.outcome.as_str(),
                r.case_id.as_deref(),
                r.actor_id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                "case_opened",
                "allowed",
                Some(id.as_str()),
                "demo-zhen-qingshi"
            ),
            (
                "id_revealed",
                "allowed",
                Some(id.as_str()),
                "demo-zhen-qingshi"
            ),
            (
                "id_revealed",
                "refused",
                Some(id.as_str()),
                "demo-zhen-hekou"
            ),
            (
                "duplicate_probe",
                "allowed",
                Some(id.as_str()),
                "demo-cun-qingshi"
            ),
            ("ledger_exported", "allowed", None, "demo-xian-officer"),
        ]
    );
    let revealed = &rows[1];
    assert_eq!(revealed.reason, "other");
    assert_eq!(revealed.reason_text, "信访核实");
    assert_eq!(revealed.actor_role, "township_officer");
    assert_eq!(revealed.actor_scope, "522799101000");
    assert_eq!(revealed.at, app.clock.now().timestamp_millis());
    for row in &rows {
        assert_eq!(row.client_address, "127.0.0.1", "{row:?}");
    }
    assert!(audit::verify(&app.state.db).await.expect("verify").intact());
}

#[tokio::test]
async fn editing_or_deleting_a_row_in_the_raw_table_is_found_by_verification() {
    let app = spawn_app().await;
    let entries: Vec<_> = (1..=4).map(entry).collect();
    audit::append(&app.state.db, &entries)
        .await
        .expect("append");
    let ok = audit::verify(&app.state.db).await.expect("verify");
    assert_eq!(ok.rows_checked, 4);
    assert!(ok.intact());

    sqlx::query("update audit_log set reason_text = 'nothing to see' where seq = 3")
        .execute(&app.state.db.pool)
        .await
        .expect("edit");
    let edited = audit::verify(&app.state.db).await.expect("verify");
    assert_eq!(
        edited.first_broken,
        Some(BrokenLink::ContentChanged { seq: 3 })
    );
    assert_eq!(edited.rows_checked, 2);

    // Recomputing the edited row's own hash does not help: the next row no longer links.
    let row = &all_rows(&app).await[2];
    let rehashed = audit::hash(3, &row.entry(), &row.prev_hash);
    sqlx::query("update audit_log set hash = $1 where seq = 3")
        .bind(&rehashed)
        .execute(&app.state.db.pool)
        .await
        .expect("rehash");
    let relinked = audit::verify(&app.state.db).await.expect("verify");
    assert_eq!(
        relinked.first_broken,
        Some(BrokenLink::PrevMismatch { seq: 4 })
    );

    sqlx::query("delete from audit_log where seq = 2")
        .execute(&app.state.db.pool)
        .await
        .expect("delete");
    let deleted = audit::verify(&app.state.db).await.expect("verify");
    assert_eq!(
        deleted.first_broken,
        Some(BrokenLink::Gap { after: 1, found: 3 })
    );

    // The command line says the same, with a failing exit status.
    let mut out = Vec::new();
    let status = server::audit_cmd::verify_audit(&app.database_url, &mut out)
        .await
        .expect("verify command");
    assert_eq!(status, server::audit_cmd::AuditStatus::Broken);
    let said = String::from_utf8(out).expect("utf-8");
    assert!(said.contains("第1条之后缺少记录"), "{said}");
}

#[tokio::test]
async fn cutting_the_tail_of_the_chain_is_found_through_the_chain_head() {
    let app = spawn_app().await;
    let entries: Vec<_> = (1..=3).map(entry).collect();
    audit::append(&app.state.db, &entries)
        .await
        .expect("append");
    sqlx::query("delete from audit_log where seq = 3")
        .execute(&app.state.db.pool)
        .await
        .expect("delete");
    let cut = audit::verify(&app.state.db).await.expect("verify");
    assert_eq!(
        cut.first_broken,
        Some(BrokenLink::HeadMismatch {
            head_seq: 3,
            last_seq: 2
        })
    );
}

#[tokio::test]
async fn concurrent_writers_keep_one_linear_chain() {
    let app = spawn_app().await;
    let mut tasks = Vec::new();
    for n in 0..24 {
        let db = app.state.db.clone();
        tasks.push(tokio::spawn(async move {
            audit::append(&db, &[entry(n)]).await
        }));
    }
    for task in tasks {
        task.await.expect("join").expect("append");
    }
    let rows = all_rows(&app).await;
    let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, (1..=24).collect::<Vec<_>>());
    let verified = audit::verify(&app.state.db).await.expect("verify");
    assert!(verified.intact(), "{verified:?}");
    assert_eq!(verified.rows_checked, 24);
}

#[tokio::test]
async fn a_duplicate_probe_that_finds_nothing_is_still_audited() {
    let app = spawn_app().await;
    let operator = app.login("rexian").await;
    let probe = operator
        .post_api(
            "/api/reports/duplicates",
            &fields(&[
                ("id_number", &id_number_for("13512350009")),
                ("mobile", "13512350009"),
            ]),
        )
        .await;
    assert_eq!(probe.status(), 200);
    let rows = all_rows(&app).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].action, "duplicate_probe");
    assert_eq!(rows[0].detail, "found=0");
    assert_eq!(rows[0].case_id, None);
}

#[tokio::test]
async fn the_household_sees_which_office_looked_and_why_but_never_a_name() {
    let app = spawn_app().await;
    let mobile = "13512350010";
    let tracking = app.submit_report("周大姐", mobile, QINGSHI_VILLAGE).await;
    let id = app.case_id_of(&tracking).await;
    let township = app.login("zhen-qingshi").await;
    let opened = township
        .post_api("/api/cases/detail", &fields(&[("case_id", &id)]))
        .await;
    assert_eq!(opened.status(), 200);
    assert_eq!(reveal(&township, &id, "home_check", "").await.status(), 200);
    // A refused attempt read nothing, so the household is not shown it.
    let elsewhere = app.login("zhen-hekou").await;
    assert_eq!(
        reveal(&elsewhere, &id, "home_check", "").await.status(),
        404
    );

    let found = app
        .post_api(
            "/api/reports/track",
            &fields(&[("tracking", &tracking), ("mobile", mobile)]),
        )
        .await;
    assert_eq!(found.status(), 200);
    let text = found.text().await.expect("body");
    let body: Value = serde_json::from_str(&text).expect("json");
    let looked = body["looked"].as_array().expect("looked");
    assert_eq!(looked.len(), 2, "{text}");
    assert_eq!(looked[0]["office"], "青石镇 · 乡镇工作人员");
    assert_eq!(looked[0]["why"], "办理工作需要");
    assert!(
        looked[0]["at"].as_str().is_some_and(|at| at.contains('年')),
        "{text}"
    );
    assert_eq!(looked[1]["what"], "查看您的完整身份证号");
    assert_eq!(looked[1]["why"], "入户核查核对身份");
    for secret in ["李乡干", "zhen-qingshi", "demo-", "127.0.0.1"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    // Without JavaScript: the look-up posts, then the result page opens by a short-lived token.
    let posted = app
        .post_plain_form(
            "/api/reports/track",
            "/track",
            &fields(&[("tracking", &tracking), ("mobile", mobile)]),
        )
        .await;
    let location = posted.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let page = app.get_html(&location).await;
    assert!(page.contains("谁查看过我的信息"));
    assert!(page.contains("入户核查核对身份"));
    assert!(!page.contains("李乡干"));
}

#[tokio::test]
async fn the_county_admin_filters_the_log_and_the_csv_export_is_itself_audited() {
    let app = spawn_app().await;
    let id = self_filed(&app, "13512350011").await;
    let township = app.login("zhen-qingshi").await;
    township
        .post_api("/api/cases/detail", &fields(&[("case_id", &id)]))
        .await;
    assert_eq!(reveal(&township, &id, "assistance", "").await.status(), 200);
    let cadre = app.login("cun-qingshi").await;
    cadre
        .post_api("/api/cases/detail", &fields(&[("case_id", &id)]))
        .await;

    let admin = app.login("xian-admin").await;
    let page = admin
        .post_api(
            "/api/audit/page",
            &fields(&[
                ("filter[person]", "zhen-qingshi"),
                ("filter[action]", "id_revealed"),
            ]),
        )
        .await;
    assert_eq!(page.status(), 200);
    let page: Value = page.json().await.expect("json");
    assert_eq!(page["intact"], true);
    let rows = page["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1, "{page}");
    assert_eq!(rows[0]["reason_zh"], "办理帮扶措施");
    assert_eq!(rows[0]["who"], "李乡干（青石镇）（zhen-qingshi）");

    // By date: nothing on a day before today.
    let before: Value = admin
        .post_api(
            "/api/audit/page",
            &fields(&[
                ("filter[from]", "2026-01-01"),
                ("filter[until]", "2026-01-31"),
            ]),
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(before["rows"].as_array().expect("rows").len(), 0);

    let csv = admin
        .client
        .get(admin.url("/staff/audit.csv?person=cun-qingshi"))
        .send()
        .await
        .expect("request");
    assert_eq!(csv.status(), 200);
    let body = csv.text().await.expect("body");
    assert_eq!(
        body.trim_start_matches('\u{feff}').lines().count(),
        2,
        "{body}"
    );
    let last = all_rows(&app).await.pop().expect("a row");
    assert_eq!(last.action, "audit_exported");
    assert_eq!(last.actor_id, "demo-xian-admin");

    // Others may not read the log.
    let refused = township.post_api("/api/audit/page", &[]).await;
    assert_eq!(refused.status(), 403);
    let refused_csv = township
        .client
        .get(township.url("/staff/audit.csv"))
        .send()
        .await
        .expect("request");
    assert_eq!(refused_csv.status(), 403);
}

#[tokio::test]
async fn printing_a_village_notice_signed_in_is_audited_per_household_listed() {
    use app::domain::case::{CaseCommand, VillageOutcome};

    use crate::{
        fixtures::{record, township_officer, village_cadre},
        storage::{run, today},
    };
    let app = spawn_app().await;
    let tracking = app
        .submit_report("公示户", "13512350020", QINGSHI_VILLAGE)
        .await;
    let id = app.case_id_of(&tracking).await;
    run(&app, &township_officer(), &id, CaseCommand::ACCEPT).await;
    let cadre = village_cadre();
    let record = CaseCommand::RecordHomeCheck {
        record: record(today(&app), 300_000),
    };
    run(&app, &cadre, &id, record).await;
    let review = CaseCommand::HoldVillageReview {
        date: today(&app),
        outcome: VillageOutcome::Pass,
    };
    run(&app, &cadre, &id, review).await;
    let notice = CaseCommand::StartNotice { from: today(&app) };
    run(&app, &cadre, &id, notice).await;

    // The board is public: a passer-by reading it is not a staff read.
    let html = app.get_html(&format!("/notice/{QINGSHI_VILLAGE}")).await;
    assert!(
        html.contains("公*户"),
        "listed, the name partly hidden on the open web"
    );
    assert!(all_rows(&app).await.is_empty());

    let officer = app.login("cun-qingshi").await;
    let printed = officer
        .post_api(
            "/api/notice/village",
            &fields(&[("village", QINGSHI_VILLAGE)]),
        )
        .await;
    assert_eq!(printed.status(), 200);
    let rows = all_rows(&app).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].action, "notice_printed");
    assert_eq!(rows[0].case_id.as_deref(), Some(id.as_str()));
    assert_eq!(rows[0].actor_id, "demo-cun-qingshi");
}
