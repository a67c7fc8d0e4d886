//! SIGKILL in the middle of a filing load (both databases): households whose filing got no
//! answer send the same form, with the same key, again until it is acknowledged. Every
//! acknowledged filing is in the database exactly once, retried or not.
use std::{
    sync::{Arc, RwLock},
    time::Duration,
};

use tokio::{io::AsyncWriteExt, net::TcpStream};

use crate::{
    filing_load::FilingLoad,
    helpers::fresh_database_url,
    spawned::{
        assert_each_filed_once, client_from, key_file, keyed_form, resend_until_acknowledged, start,
    },
};

#[tokio::test]
async fn a_server_killed_mid_load_and_restarted_loses_and_doubles_no_filing() {
    let url = fresh_database_url().await;
    let keys = key_file();
    let server = start(&url, &keys, &[]).await;
    let base = Arc::new(RwLock::new(server.base.clone()));
    // While the server is away the connection is refused (or cut): retried.
    let load = FilingLoad::start(&base, 6, 2, "136", &[]);
    load.wait_for_more(12).await;
    // Six filings sent whole, the server killed before it answers: stored or not, the
    // households never saw an answer, and send them again after the restart.
    let mut unanswered = Vec::new();
    for n in 0..6u8 {
        let from = [127, 2, 99, n + 1];
        let mobile = format!("1369900{n:04}");
        let key: String = client_from(&server.base, from, Duration::from_secs(10))
            .post(format!("{}/api/reports/new_key", server.base))
            .send()
            .await
            .expect("key")
            .json()
            .await
            .expect("key");
        let body = url_encoded(&keyed_form(&mobile, &key));
        let mut stream = TcpStream::connect(&server.addr).await.expect("connect");
        let head = format!(
            "POST /api/reports/submit HTTP/1.1\r\nHost: {}\r\nOrigin: {}\r\n\
             Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\n\r\n{body}",
            server.addr,
            server.base,
            body.len()
        );
        stream.write_all(head.as_bytes()).await.expect("sent whole");
        unanswered.push((from, mobile, key, stream));
    }
    server.kill9();
    let stored_unanswered = stored(&url, &keys, &unanswered).await;
    let restarted = start(&url, &keys, &[]).await;
    *base.write().expect("base") = restarted.base.clone();
    let (mut filed, mut failures) = (Vec::new(), Vec::new());
    for (from, mobile, key, stream) in unanswered {
        drop(stream);
        filed.push(
            resend_until_acknowledged(&base, from, mobile, &key, 1, &[], &mut failures).await,
        );
    }
    load.wait_for_more(12).await;
    let (f, e) = load.stop().await;
    filed.extend(f);
    failures.extend(e);
    let retried = filed.iter().filter(|f| f.tries > 1).count();
    assert!(retried >= 6, "the unanswered filings were sent again");
    assert!(filed.len() >= 24, "the load ran: {} filings", filed.len());
    assert!(
        !failures.is_empty(),
        "the kill cut some requests off (else this test shows nothing)"
    );
    println!(
        "kill -9: {} filings acknowledged, {retried} of them after a retry \
         ({stored_unanswered} of 6 unanswered ones had been stored before the kill), {} failed tries",
        filed.len(),
        failures.len()
    );
    assert_each_filed_once(&url, &keys, &filed).await;
    drop(restarted);
}

/// `application/x-www-form-urlencoded`, as a browser encodes a form.
fn url_encoded(fields: &[(String, String)]) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// How many of the unanswered filings the killed server had stored.
async fn stored(
    url: &str,
    keys: &std::path::Path,
    unanswered: &[([u8; 4], String, String, TcpStream)],
) -> usize {
    let vault = crate::spawned::vault_of(keys);
    let db = app::ssr::db::Db::open(url).await.expect("database");
    let mut stored = 0;
    for (_, mobile, _, _) in unanswered {
        let n: i64 =
            sqlx::query_scalar("select count(*) from cases where applicant_mobile_index = $1")
                .bind(vault.index(app::ssr::vault::Field::Mobile, mobile))
                .fetch_one(&db.pool)
                .await
                .expect("count");
        stored += usize::try_from(n).unwrap_or_default();
    }
    db.pool.close().await;
    stored
}
