//! Key rotation and the migration of plaintext (`services::rekey`, `server keys rotate`):
//! a database written partly before encryption and partly under the old key is rotated to a
//! new key with a crash in the middle, then resumed; no value is lost or left unreadable, and
//! the blind-index searches find every household.
use app::ssr::{
    repo::cases,
    services::rekey::{self, Quiet, RotationProgress},
    vault::{keyfile, Field, Vault},
};
use serde_json::Value;
use sqlx::{Any, Pool};

use crate::{
    helpers::{id_number_for, spawn_app},
    personal_data::{journey, plaintext_in, raw_text, SELF_MOBILE},
};

/// Every personal value as the app reads it: opened, JSON parsed (key order aside).
async fn opened(pool: &Pool<Any>, vault: &Vault) -> Vec<Value> {
    let mut all = Vec::new();
    let ids: Vec<String> = sqlx::query_scalar("select id from cases order by id")
        .fetch_all(pool)
        .await
        .expect("ids");
    for id in ids {
        let row = cases::by_id(pool, vault, &id)
            .await
            .expect("opens")
            .expect("row");
        all.push(Value::from(vec![
            row.applicant_mobile,
            row.applicant_id_number,
        ]));
        let (snapshot, _) = cases::snapshot(pool, vault, &id)
            .await
            .expect("opens")
            .expect("row");
        all.push(serde_json::from_str(&snapshot.expect("snapshot")).expect("json"));
        for (_, payload) in cases::events(pool, vault, &id).await.expect("opens") {
            all.push(serde_json::from_str(&payload).expect("json"));
        }
    }
    let drafts: Vec<String> = sqlx::query_scalar("select payload from form_drafts order by token")
        .fetch_all(pool)
        .await
        .expect("drafts");
    for d in drafts {
        all.push(serde_json::from_str(&vault.open_json(&d).expect("opens")).expect("json"));
    }
    let texts: Vec<String> =
        sqlx::query_scalar("select recipient from outbox where channel = 'sms' order by id")
            .fetch_all(pool)
            .await
            .expect("texts");
    for t in texts {
        all.push(Value::from(vault.open(Field::Mobile, &t).expect("opens")));
    }
    all
}

/// Turns the database back into one written before encryption for every other case (and
/// all drafts and texts): plaintext values, no blind indexes.
async fn unseal_half(pool: &Pool<Any>, vault: &Vault) {
    let ids: Vec<String> = sqlx::query_scalar("select id from cases order by id")
        .fetch_all(pool)
        .await
        .expect("ids");
    for id in ids.iter().step_by(2) {
        let row = cases::by_id(pool, vault, id)
            .await
            .expect("opens")
            .expect("row");
        let (snapshot, _) = cases::snapshot(pool, vault, id)
            .await
            .expect("opens")
            .expect("row");
        sqlx::query(
            "update cases set applicant_mobile = $2, applicant_id_number = $3, snapshot = $4,
                 applicant_mobile_index = null, applicant_id_number_index = null where id = $1",
        )
        .bind(id)
        .bind(&row.applicant_mobile)
        .bind(&row.applicant_id_number)
        .bind(snapshot)
        .execute(pool)
        .await
        .expect("unseal case");
        for (seq, payload) in cases::events(pool, vault, id).await.expect("opens") {
            sqlx::query("update case_events set payload = $3 where case_id = $1 and seq = $2")
                .bind(id)
                .bind(seq)
                .bind(payload)
                .execute(pool)
                .await
                .expect("unseal event");
        }
    }
    let drafts: Vec<(String, String)> = sqlx::query_as("select token, payload from form_drafts")
        .fetch_all(pool)
        .await
        .expect("drafts");
    for (token, payload) in drafts {
        sqlx::query("update form_drafts set payload = $2 where token = $1")
            .bind(token)
            .bind(vault.open_json(&payload).expect("opens"))
            .execute(pool)
            .await
            .expect("unseal draft");
    }
    let texts: Vec<(String, String)> =
        sqlx::query_as("select id, recipient from outbox where channel = 'sms'")
            .fetch_all(pool)
            .await
            .expect("texts");
    for (id, to) in texts {
        sqlx::query("update outbox set recipient = $2 where id = $1")
            .bind(id)
            .bind(vault.open(Field::Mobile, &to).expect("opens"))
            .execute(pool)
            .await
            .expect("unseal text");
    }
}

/// Stands in for a crash: the process dies after `batches` committed batches.
pub struct CrashAfter(pub std::sync::atomic::AtomicU32);

impl RotationProgress for CrashAfter {
    fn table(&self, _: &str, _: u64) {}
    fn advance(&self, _: u64) {
        if self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst) == 1 {
            panic!("simulated crash mid-rotation");
        }
    }
}

fn raw_with(stored: &[(String, String)], needle: &str) -> usize {
    stored.iter().filter(|(_, t)| t.contains(needle)).count()
}

#[tokio::test]
async fn a_rotation_that_crashes_midway_resumes_and_loses_nothing() {
    let app = spawn_app().await;
    let known = journey(&app).await;
    let pool = app.state.db.pool.clone();
    let old = app.state.vault.clone();
    let before = opened(&pool, &old).await;
    unseal_half(&pool, &old).await;
    assert!(
        !plaintext_in(&raw_text(&pool).await, &known).is_empty(),
        "the legacy half is plaintext"
    );
    let (text, key_id) = keyfile::with_new_data_key(keyfile::TEST_KEYS).expect("new key");
    let new = Vault::from_key_text(&text).expect("keys");
    assert_eq!(new.active_key_id(), key_id);

    // Crash after three committed batches of two rows.
    let crashed = tokio::spawn({
        let (db, new) = (app.state.db.clone(), new.clone());
        async move {
            let crash = CrashAfter(std::sync::atomic::AtomicU32::new(3));
            rekey::rotate_in_batches(&db, &new, &crash, 2).await
        }
    })
    .await;
    assert!(crashed.is_err_and(|e| e.is_panic()), "the run crashed");
    let midway = raw_text(&pool).await;
    assert!(
        raw_with(&midway, &format!("v1:{key_id}:")) > 0,
        "some rows rotated"
    );
    assert_eq!(
        opened(&pool, &new).await,
        before,
        "everything readable mid-way"
    );

    let resumed = rekey::rotate_in_batches(&app.state.db, &new, &Quiet, 2)
        .await
        .expect("resumes");
    assert!(resumed.resealed > 0);
    assert_eq!(resumed.changed_meanwhile, 0);
    assert_eq!(opened(&pool, &new).await, before, "nothing lost");
    let after = raw_text(&pool).await;
    let hits = plaintext_in(&after, &known);
    assert!(hits.is_empty(), "plaintext left:\n{}", hits.join("\n"));
    assert_eq!(
        raw_with(&after, "v1:test1:"),
        0,
        "nothing left under the old key"
    );

    // The blind indexes were computed for the legacy rows: every household is found.
    for mobile in [SELF_MOBILE, "13900139456", "13511117777"] {
        let found = cases::by_mobile(&pool, &new, mobile, 5)
            .await
            .expect("search");
        assert_eq!(found.len(), 1, "{mobile}");
        let same = cases::same_household(&pool, &new, &id_number_for(mobile), "", 5)
            .await
            .expect("duplicates");
        assert_eq!(same.len(), 1, "{mobile} by ID number");
    }
    // Done means done: a further run has nothing to do.
    let again = rekey::rotate(&app.state.db, &new, &Quiet)
        .await
        .expect("runs");
    assert_eq!(again.resealed, 0);
}
