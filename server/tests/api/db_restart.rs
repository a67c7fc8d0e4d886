//! PostgreSQL restarting under a filing load. The server reaches the database through a TCP
//! relay; the "restart" ends every server process of the test database (the FATAL a real
//! shutdown sends, 57P01) and refuses new connections for a few seconds, as a restarting
//! server does, without disturbing the other tests sharing the PostgreSQL server.
use std::{
    sync::{Arc, Mutex, RwLock},
    time::{Duration, Instant},
};

use tokio::{net::TcpListener, task::JoinHandle};

use crate::{
    filing_load::FilingLoad,
    helpers::fresh_database_url,
    spawned::{assert_each_filed_once, key_file, start},
};

/// Forwards a loopback port to the PostgreSQL server; `down` drops every connection and
/// stops listening, `up` listens on the same port again.
struct Relay {
    port: u16,
    target: String,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Relay {
    async fn start(target: &str) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let relay = Relay {
            port: listener.local_addr().expect("addr").port(),
            target: target.to_owned(),
            tasks: Arc::default(),
        };
        relay.serve(listener);
        relay
    }

    fn serve(&self, listener: TcpListener) {
        let (target, tasks) = (self.target.clone(), self.tasks.clone());
        let accepting = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let target = target.clone();
                let piping = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                tasks.lock().expect("lock").push(piping);
            }
        });
        self.tasks.lock().expect("lock").push(accepting);
    }

    fn down(&self) {
        for task in self.tasks.lock().expect("lock").drain(..) {
            task.abort();
        }
    }

    async fn up(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port))
            .await
            .expect("the relay's port again");
        self.serve(listener);
    }
}

#[tokio::test]
async fn a_database_restart_mid_load_answers_503_and_recovers_losing_nothing() {
    let Some(admin_url) = std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        println!("skipped: the database restart test needs TEST_POSTGRES_URL");
        return;
    };
    let url = fresh_database_url().await;
    let (head, database) = url.rsplit_once('/').expect("database name");
    let (user, host_port) = head.rsplit_once('@').expect("postgres://user@host:port");
    let relay = Relay::start(host_port).await;
    let relayed = format!("{user}@127.0.0.1:{}/{database}", relay.port);
    let keys = key_file();
    let server = start(&relayed, &keys, &[("DATABASE_ACQUIRE_TIMEOUT_SECS", "1")]).await;
    let base = Arc::new(RwLock::new(server.base.clone()));
    let probe = crate::spawned::client_from(&server.base, [127, 5, 9, 9], Duration::from_secs(5));
    assert_eq!(readyz(&probe, &server.base).await, 200);

    // Only a clean 503 may refuse a filing; a hang fails at the 10 s timeout.
    let load = FilingLoad::start(&base, 4, 5, "135", &[503]);
    load.wait_for_more(8).await;
    // The restart: every connection of the test database ends, and none is accepted.
    let mut admin = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url)
        .await
        .expect("admin");
    sqlx::query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1")
        .bind(database)
        .execute(&mut admin)
        .await
        .expect("terminate");
    relay.down();
    let down_since = Instant::now();
    let mut red = false;
    while down_since.elapsed() < Duration::from_secs(4) {
        let asked = Instant::now();
        let status = readyz(&probe, &server.base).await;
        assert!(
            asked.elapsed() < Duration::from_secs(3),
            "/readyz took {:?}",
            asked.elapsed()
        );
        red |= status == 503;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(red, "/readyz turned red while the database was away");
    relay.up().await;
    let back = Instant::now();
    while readyz(&probe, &server.base).await != 200 {
        assert!(
            back.elapsed() < Duration::from_secs(10),
            "the server did not recover by itself"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    load.wait_for_more(8).await;
    let (filed, failures) = load.stop().await;
    assert!(
        failures.iter().any(|f| f == "status 503"),
        "filings were refused with 503 while the database was away: {failures:?}"
    );
    assert!(
        failures.iter().all(|f| f == "status 503"),
        "nothing but clean 503 answers (no cut-off or hung request): {failures:?}"
    );
    println!(
        "database restart: {} filings acknowledged, {} refused with 503 meanwhile",
        filed.len(),
        failures.len()
    );
    assert_each_filed_once(&url, &keys, &filed).await;
    admin_close(admin).await;
    drop(server);
}

async fn readyz(probe: &reqwest::Client, base: &str) -> u16 {
    probe
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("/readyz answers, database or not")
        .status()
        .as_u16()
}

async fn admin_close(admin: sqlx::AnyConnection) {
    let _ = sqlx::Connection::close(admin).await;
}
