//! Shared by the benches: a throwaway PostgreSQL database on the server `TEST_POSTGRES_URL`
//! points at.
use criterion::Criterion;
use sqlx::{any::install_default_drivers, AnyConnection, Connection, Executor};
use tokio::runtime::Runtime;

async fn admin_execute(admin_url: &str, sql: &str) {
    let mut admin = AnyConnection::connect(admin_url)
        .await
        .expect("connect to the PostgreSQL server");
    admin.execute(sql).await.expect(sql);
}

/// Drops any leftover database called `name`, creates it afresh and returns its URL.
pub async fn recreate_database(admin_url: &str, name: &str) -> String {
    install_default_drivers();
    admin_execute(admin_url, &format!("drop database if exists {name}")).await;
    admin_execute(admin_url, &format!("create database {name}")).await;
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(admin_url);
    format!("{base}/{name}")
}

pub async fn drop_database(admin_url: &str, name: &str) {
    admin_execute(admin_url, &format!("drop database if exists {name}")).await;
}

/// Runs a benchmark on SQLite, then on PostgreSQL when `TEST_POSTGRES_URL` names a server.
pub fn on_both_databases(
    c: &mut Criterion,
    sqlite: fn(&mut Criterion, &Runtime),
    postgres: fn(&mut Criterion, &Runtime, &str),
) {
    let rt = Runtime::new().expect("tokio runtime");
    sqlite(c, &rt);
    match std::env::var("TEST_POSTGRES_URL") {
        Ok(admin_url) if !admin_url.is_empty() => postgres(c, &rt, &admin_url),
        _ => eprintln!("TEST_POSTGRES_URL not set: PostgreSQL skipped"),
    }
}
