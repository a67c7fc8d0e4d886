//! TLS to PostgreSQL with rustls: `sslmode=verify-full` against the county's CA file. The test
//! PostgreSQL of scripts/postgres.sh serves a certificate its own throw-away CA signed
//! (`TEST_POSTGRES_CA`); on a SQLite run there is no server to reach and the test returns.
use app::ssr::db::Db;

use crate::helpers::fresh_database_url;

async fn uses_tls(db: &Db) -> bool {
    sqlx::query_scalar("select ssl from pg_stat_ssl where pid = pg_backend_pid()")
        .fetch_one(&db.pool)
        .await
        .expect("pg_stat_ssl")
}

#[tokio::test]
async fn postgres_over_tls_verifies_the_servers_certificate_against_the_ca_file() {
    let Ok(ca) = std::env::var("TEST_POSTGRES_CA") else {
        return;
    };
    if std::env::var("TEST_POSTGRES_URL").map_or(true, |u| u.is_empty()) {
        return;
    }
    let url = fresh_database_url().await;
    // verify-full checks the name too: the certificate is for localhost and 127.0.0.1.
    let named = url.replace("@127.0.0.1:", "@localhost:");
    let verified = format!("{named}?sslmode=verify-full&sslrootcert={ca}");
    let db = Db::connect(&verified)
        .await
        .expect("a TLS connection the CA vouches for");
    assert!(uses_tls(&db).await, "the connection is encrypted");
    db.pool.close().await;

    // A CA that did not sign the server's certificate: refused, no plain-text fallback.
    let wrong =
        format!("{named}?sslmode=verify-full&sslrootcert=/etc/ssl/certs/ca-certificates.crt");
    assert!(
        Db::connect(&wrong).await.is_err(),
        "a certificate no trusted CA signed is refused"
    );

    // Without TLS the same server is reached in plain text: the check above is meaningful.
    let plain = Db::connect(&format!("{url}?sslmode=disable"))
        .await
        .expect("plain connection");
    assert!(!uses_tls(&plain).await);
    plain.pool.close().await;
}
