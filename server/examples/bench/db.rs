//! What runs in-process against the database: the seed (with the product's own sweep timed
//! on it), the raw durable single-row insert rate, and the raw SQL of the queue page.
use std::{path::Path, sync::Arc, time::Instant};

use app::{
    domain::{calendar::Calendar, case::Policy, clock::UrgencyThresholds, time::beijing_date},
    ssr::{
        clock::SystemClock,
        db::Db,
        seed::COUNTY,
        services::{escalation, setup},
        state::AppState,
        vault::{Field, Vault},
    },
};
use chrono::Utc;
use server::{config::Config, keys::KeySource, startup::Application};
use sqlx::{Any, Executor};

use crate::{households, results::Results};

/// The password every demo account gets, so the server runs in production mode.
pub const PASSWORD: &str = "Bench-Qingshi-7391-xyz";

/// The product's application on `url` with the key file `keys`, serving no pages.
async fn application(url: &str, keys: &Path) -> Application {
    let mut config = Config::local(url);
    config.keys = KeySource::File(keys.to_owned());
    // A site built by the tests (hashed, with its hash.txt beside the debug binary) must not
    // stop it.
    config.site_root = String::new();
    Application::build(&config, Arc::new(SystemClock))
        .await
        .expect("application starts")
}

/// Migrates and seeds the demo county and `n` households into `url`, sealing with the keys in
/// `keys` (made if missing), gives every account [`PASSWORD`], then times the sweep.
pub async fn seed(url: &str, keys: &Path, n: usize, out: &mut Results) {
    if !keys.exists() {
        server::keys::init_file(keys).expect("key file");
    }
    let app = application(url, keys).await;
    let took = households::populate(&app.state, n, Utc::now(), true).await;
    out.put("households", n as f64);
    out.put("seed_secs", took.as_secs_f64());
    let state = app.state.refreshed();
    let pool = &state.db.pool;
    let count = |sql: &'static str| async move {
        sqlx::query_scalar::<Any, i64>(sql)
            .fetch_one(pool)
            .await
            .expect(sql) as f64
    };
    out.put(
        "open_cases",
        count("select count(*) from cases where next_due_on is not null").await,
    );
    out.put(
        "open_clocks",
        count("select count(*) from case_clocks where state = 'open'").await,
    );
    for username in setup::accounts_with_demo_password(&state.db)
        .await
        .expect("accounts")
    {
        setup::set_password(&state.db, &username, PASSWORD, Utc::now())
            .await
            .expect("set password");
    }
    settle(url, pool, out).await;
    timed_sweeps(&state, out).await;
    state.db.pool.close().await;
}

/// The product's own sweep: the first writes the notifications (at most the sweep's limit),
/// the second tells the clocks the first left, and then it sweeps until one finds everyone
/// told (it reads the due range and tells nobody). Returns the first, second and told times.
async fn timed_sweeps(state: &AppState, out: &mut Results) -> [f64; 3] {
    let (first, report) = timed_sweep(state).await;
    out.put("sweep_ms", first);
    out.put("sweep_clocks", report.clocks_checked as f64);
    out.put("sweep_notified", report.notified as f64);
    // The seeded clocks are the demo officers' (青石镇, 河口镇, the county): a sweep that
    // tells nobody measures nothing.
    assert!(
        report.notified > 0,
        "the sweep notified nobody ({} clocks read)",
        report.clocks_checked
    );
    let (second, report) = timed_sweep(state).await;
    out.put("sweep_again_ms", second);
    out.put("sweep_again_clocks", report.clocks_checked as f64);
    let mut told = f64::NAN;
    for _ in 0..5 {
        let (ms, report) = timed_sweep(state).await;
        if report.clocks_checked == 0 {
            told = ms;
            out.put("sweep_told_ms", ms);
            break;
        }
    }
    [first, second, told]
}

/// One run of the product's sweep now, with its time in ms.
async fn timed_sweep(state: &AppState) -> (f64, escalation::SweepReport) {
    let started = Instant::now();
    let report = escalation::sweep(state, Utc::now()).await.expect("sweep");
    (started.elapsed().as_secs_f64() * 1000.0, report)
}

/// Times the sweep again on a seeded database, `rounds` times: each round first undoes the
/// last one (its told marks, notifications and emails deleted) and settles the database, so
/// every round is a first sweep. For A/B runs of sweep changes without seeding again; the
/// figures of each round are printed as they come.
pub async fn sweep_again(url: &str, keys: &Path, rounds: usize, out: &mut Results) {
    let state = application(url, keys).await.state.refreshed();
    for round in 1..=rounds {
        for sql in [
            "delete from clock_told",
            "delete from notifications",
            "delete from outbox where channel = 'email' and case_id is not null",
        ] {
            state.db.pool.execute(sql).await.expect(sql);
        }
        settle(url, &state.db.pool, out).await;
        let [first, again, settled] = timed_sweeps(&state, out).await;
        eprintln!(
            "round {round}: sweep {first:.0} ms, again {again:.1} ms, everyone told {settled:.1} ms"
        );
    }
    state.db.pool.close().await;
}

/// Starts the timed sweep from a settled database.
/// - PostgreSQL: the seed leaves gigabytes of WAL behind (COPY, then `vacuum analyze`), so
///   otherwise a checkpoint that the WAL volume sets off could run during the sweep or not:
///   the same build measured 1.1 to 1.9 s. After a checkpoint the sweep's first write to each
///   page pays its full-page image, as a daily sweep does.
/// - SQLite: the seed writes with `synchronous = off`, so up to gigabytes of the database file
///   are still waiting in the kernel's cache, and the sweep's commit, the first sync of that
///   file, paid for them (502 ms of an 850 ms write phase, against 120 ms for the same writes
///   on a synced file). The file is synced first.
async fn settle(url: &str, pool: &sqlx::AnyPool, out: &mut Results) {
    let started = Instant::now();
    match url.strip_prefix("sqlite://") {
        Some(path) => {
            let path = path.split('?').next().unwrap_or(path);
            std::fs::File::open(path)
                .and_then(|file| file.sync_all())
                .expect("sync the seeded database");
        }
        None => {
            pool.execute("checkpoint").await.expect("checkpoint");
        }
    }
    out.put("settle_secs", started.elapsed().as_secs_f64());
}

/// Durable single-row inserts per second through the product's own pool (same pragmas:
/// WAL, synchronous = full), `clients` at once, each its own transaction:
/// - `raw_insert_per_s`, the limit the filing is compared with: rows as a filing writes them
///   into the seeded `cases` table itself (its size, all its indexes, and keys drawn as a
///   filing draws them: a random id and tracking number, random blind indexes, a name among
///   the seeded ones), closed so no queue shows them, deleted afterwards. Keys counted up
///   from one place would all land at the right edge of every index, which a filing never
///   does, and overstate the limit on a large table;
/// - `raw_insert_bare_per_s`, for the record: a 3-column scratch table with only its key.
pub async fn raw_inserts(url: &str, clients: usize, seconds: u64, out: &mut Results) {
    use app::{domain::tracking::TrackingNumber, ssr::password::random_bytes};
    let db = Db::open(url).await.expect("open");
    let pool = db.pool.clone();
    let snapshot: String = sqlx::query_scalar("select snapshot from cases order by id limit 1")
        .fetch_one(&pool)
        .await
        .expect("a seeded snapshot");
    let snapshot = Arc::new(snapshot);
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    let rate = insert_rate(&pool, clients, seconds, move |c, n| {
        let id = hex(&random_bytes::<16>());
        let sealed = |field: &str| format!("v1:k1:{field}-{}", hex(&random_bytes::<24>()));
        // As long as a blind index (43 characters of base64), and as random.
        let index = || hex(&random_bytes::<22>());
        let household = usize::from_le_bytes(random_bytes::<8>()) % 1_000_000;
        sqlx::query(RAW_CASE_INSERT)
            .bind(id)
            .bind(
                TrackingNumber::from_random(random_bytes::<16>())
                    .as_str()
                    .to_owned(),
            )
            .bind("522799101201")
            .bind("522799101000")
            .bind(COUNTY.0)
            .bind("eliminated")
            .bind("self_report")
            .bind(households::name_of(household))
            .bind(sealed("mobile"))
            .bind(sealed("id-number"))
            .bind(index())
            .bind(index())
            .bind(4_i64)
            .bind("illness")
            .bind(RAW_MARK)
            .bind("2026-11-24")
            .bind((c * 10_000_000 + n) as i64)
            .bind(1_i64)
            .bind(n as i64)
            .bind(n as i64)
            .bind(snapshot.as_str().to_owned())
    })
    .await;
    out.put("raw_insert_per_s", rate);
    sqlx::query("delete from cases where description = $1")
        .bind(RAW_MARK)
        .execute(&pool)
        .await
        .expect("delete the raw rows");

    pool.execute("drop table if exists bench_raw_inserts")
        .await
        .expect("drop");
    pool.execute(
        "create table bench_raw_inserts (id text primary key, body text not null, created_at bigint not null)",
    )
    .await
    .expect("create");
    let rate = insert_rate(&pool, clients, seconds, |c, n| {
        sqlx::query("insert into bench_raw_inserts (id, body, created_at) values ($1, $2, $3)")
            .bind(format!("{c}-{n}"))
            .bind("父亲住院，看病花了很多钱")
            .bind(n as i64)
    })
    .await;
    out.put("raw_insert_bare_per_s", rate);
    pool.execute("drop table bench_raw_inserts")
        .await
        .expect("drop");
    pool.close().await;
}

/// The description that marks the raw rows, so they can be deleted after.
const RAW_MARK: &str = "基准测试的原始插入，测完即删";

/// A case row with the columns a filing sets (the queue columns keep their defaults).
const RAW_CASE_INSERT: &str = "insert into cases (id, tracking_number, village_code,
    township_code, county_code, state, channel, applicant_name, applicant_mobile,
    applicant_id_number, applicant_mobile_index, applicant_id_number_index, household_size,
    risk_types, description, discovered_on, consent_at, version, created_at, updated_at,
    snapshot) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
    $17, $18, $19, $20, $21)";

/// Single-row autocommit inserts per second, `clients` at once for `seconds`; `row(c, n)`
/// is client `c`'s `n`-th insert.
async fn insert_rate<F>(pool: &sqlx::Pool<Any>, clients: usize, seconds: u64, row: F) -> f64
where
    F: Fn(usize, usize) -> sqlx::query::Query<'static, Any, sqlx::any::AnyArguments<'static>>
        + Send
        + Sync
        + Clone
        + 'static,
{
    let deadline = Instant::now() + std::time::Duration::from_secs(seconds);
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let (pool, row) = (pool.clone(), row.clone());
            tokio::spawn(async move {
                let mut n = 0usize;
                while Instant::now() < deadline {
                    row(c, n).execute(&pool).await.expect("insert");
                    n += 1;
                }
                n
            })
        })
        .collect();
    let mut total = 0;
    for t in tasks {
        total += t.await.expect("inserter");
    }
    total as f64 / started.elapsed().as_secs_f64()
}

/// `sql` with each `$n` renumbered `$(n + by)`.
fn shift_binds(sql: &str, by: usize) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let n: usize = rest[..digits].parse().expect("a numbered bind");
        out.push_str(&(n + by).to_string());
        rest = &rest[digits..];
    }
    out.push_str(rest);
    out
}

/// A bound value of the queue's SQL.
#[derive(Clone)]
enum Val {
    Text(String),
    Int(i64),
}

/// The queries the county officer's 全部 tab runs (six counts in one statement, the regions,
/// then one more row than the page shows), as plain SQL, rows fetched and not decoded.
struct QueueSql {
    /// The term, and its blind indexes as a mobile and as an ID number.
    search: Option<(String, String, String)>,
    after: Option<(String, String)>,
}

/// `where` (its `?` numbered after the binds so far) run with `binds`.
fn bound<'q>(
    sql: &'q str,
    binds: &'q [Val],
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments<'q>> {
    let mut query = sqlx::query(sql);
    for b in binds {
        query = match b {
            Val::Text(t) => query.bind(t.as_str()),
            Val::Int(n) => query.bind(*n),
        };
    }
    query
}

impl QueueSql {
    /// The where clause: region, open, search, then `extra` with its `?` numbered.
    fn where_sql(&self, extra: &str, values: &[Val]) -> (String, Vec<Val>) {
        let mut binds = vec![Val::Text(COUNTY.0.to_owned())];
        let mut sql = "county_code = $1 and next_due_on is not null".to_owned();
        if let Some((term, mobile, id)) = &self.search {
            binds.extend([term, mobile, id].map(|t| Val::Text(t.clone())));
            sql.push_str(" and (applicant_name = $2 or tracking_number = $2 or applicant_mobile_index = $3 or applicant_id_number_index = $4)");
        }
        let mut extra = extra.to_owned();
        for value in values {
            binds.push(value.clone());
            extra = extra.replacen('?', &format!("${}", binds.len()), 1);
        }
        if !extra.is_empty() {
            sql.push_str(" and ");
            sql.push_str(&extra);
        }
        (sql, binds)
    }

    async fn run(&self, pool: &sqlx::Pool<Any>, counts: &[(&str, Vec<Val>)]) -> usize {
        // The counts in one statement of subqueries, as the product reads them.
        let mut all_binds = Vec::new();
        let mut columns = Vec::new();
        for (condition, values) in counts {
            let (sql, binds) = self.where_sql(condition, values);
            let sql = shift_binds(&sql, all_binds.len());
            columns.push(format!("(select count(*) from cases where {sql})"));
            all_binds.extend(binds);
        }
        let sql = format!("select {}", columns.join(", "));
        bound(&sql, &all_binds)
            .fetch_one(pool)
            .await
            .expect("counts");
        // The page also reads the regions once: village names and the filter's tree.
        sqlx::query("select code, name, level, parent_code from regions order by code")
            .fetch_all(pool)
            .await
            .expect("regions");
        let (sql, binds) = match &self.after {
            Some((due, id)) => self.where_sql(
                "(next_due_on > ? or (next_due_on = ? and id > ?))",
                &[
                    Val::Text(due.clone()),
                    Val::Text(due.clone()),
                    Val::Text(id.clone()),
                ],
            ),
            None => self.where_sql("", &[]),
        };
        let sql = format!(
            "select id, tracking_number, village_code, township_code, county_code, village_group, state, channel, \
             applicant_name, applicant_mobile, applicant_id_number, household_size, risk_types, description, \
             discovered_on, consent_at, version, created_at, updated_at, consent_by, idempotency_key, \
             snapshot, next_due_on from cases where {sql} order by next_due_on, id limit 51"
        );
        bound(&sql, &binds)
            .fetch_all(pool)
            .await
            .expect("page")
            .len()
    }
}

/// The raw SQL of each queue fetch bench.sh makes over HTTP, run directly on a pool of its
/// own, one fetch at a time (the bench interleaves them with the HTTP fetches).
pub struct RawQueue {
    db: Db,
    counts: Vec<(&'static str, Vec<Val>)>,
    fetches: Vec<(&'static str, QueueSql, usize)>,
}

impl RawQueue {
    /// The fetches for the household `target` and the deep page's cursor `deep` (`due|id`).
    pub async fn open(url: &str, keys: &Path, deep: &str, target: usize) -> RawQueue {
        let db = Db::open(url).await.expect("open");
        let vault: Vault =
            server::keys::load(&KeySource::File(keys.to_owned()), false).expect("keys");
        let today = beijing_date(Utc::now());
        let policy = Policy::national_default();
        let t = UrgencyThresholds::on(today, &Calendar::china(), policy.due_soon_working_days);
        let (today, before) = (
            Val::Text(today.to_string()),
            Val::Text(t.due_soon_before.to_string()),
        );
        let counts: Vec<(&'static str, Vec<Val>)> = vec![
            ("", vec![]),
            ("work_county_officer = 1", vec![]),
            (
                "urgency_due_on >= ? and urgency_due_on < ?",
                vec![today.clone(), before],
            ),
            (
                "paused_left >= 0 and paused_left <= ?",
                vec![Val::Int(i64::from(t.due_soon_working_days))],
            ),
            ("urgency_due_on < ?", vec![today]),
            ("paused_left < 0", vec![]),
        ];
        let (due, id) = deep.split_once('|').expect("cursor due|id");
        let search = |term: String| {
            let (m, i) = (
                vault.index(Field::Mobile, &term),
                vault.index(Field::IdNumber, &term),
            );
            Some((term, m, i))
        };
        let fetches = vec![
            (
                "first",
                QueueSql {
                    search: None,
                    after: None,
                },
                51,
            ),
            (
                "deep",
                QueueSql {
                    search: None,
                    after: Some((due.to_owned(), id.to_owned())),
                },
                51,
            ),
            (
                "search_id",
                QueueSql {
                    search: search(households::id_number_of(target)),
                    after: None,
                },
                1,
            ),
            (
                "search_mobile",
                QueueSql {
                    search: search(households::mobile_of(target)),
                    after: None,
                },
                1,
            ),
            (
                "search_name",
                QueueSql {
                    search: search(households::name_of(target)),
                    after: None,
                },
                1,
            ),
        ];
        RawQueue {
            db,
            counts,
            fetches,
        }
    }

    /// Runs fetch `key`'s SQL once; checks on the first run that it finds its rows.
    pub async fn run(&self, key: &str, first: bool) {
        let (_, q, rows) = self
            .fetches
            .iter()
            .find(|(k, _, _)| *k == key)
            .expect("a raw fetch of that name");
        let found = q.run(&self.db.pool, &self.counts).await;
        if first {
            assert_eq!(found, *rows, "{key}: rows");
        }
    }

    pub async fn close(self) {
        self.db.pool.close().await;
    }
}
