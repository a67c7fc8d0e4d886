//! Shared by the benches: a throwaway PostgreSQL database on the server `TEST_POSTGRES_URL`
//! points at.
use sqlx::{any::install_default_drivers, AnyConnection, Connection, Executor};

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
