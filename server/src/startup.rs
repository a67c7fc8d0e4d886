//! Builds the axum application; `Application::build` binds first so tests can use port 0.
use std::{
    future::Future,
    net::SocketAddr,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, OnceLock,
    },
};

use app::{
    domain::{calendar::Calendar, case::Policy},
    shell,
    ssr::{
        clock::Clock,
        db::Db,
        seed,
        services::settings,
        state::{AppState, Settings, Shared},
    },
    App,
};
use axum::{
    extract::State,
    http::{HeaderName, Request, StatusCode},
    routing::{get, post},
    Router,
};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::{
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::TraceLayer,
};

use crate::{
    config::Config,
    hardening::{self, provide_csp_nonce, Guard},
    workers::Workers,
};

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("database")]
    Db(#[from] app::ssr::db::DbError),
    #[error("seeding the demo county")]
    Seed(#[source] app::ssr::error::ServiceError),
    #[error("binding the listen address")]
    Bind(#[source] std::io::Error),
    #[error("background workers")]
    Workers(#[from] crate::workers::WorkerError),
    /// The refusal is the whole message (not a cause), so it is printed once.
    #[error("{0}")]
    Production(crate::production::ProductionRefusal),
    #[error("encryption keys")]
    Keys(#[from] crate::keys::KeyError),
    /// The site's hashed files and hash.txt disagree; the message says what to install where.
    /// Transparent: as a cause as well, the start-up line printed it twice (tester).
    #[error(transparent)]
    SiteFiles(#[from] crate::site_files::SiteFilesError),
    #[error("production check")]
    ProductionCheck(#[source] app::ssr::services::setup::SetupError),
}

impl From<crate::production::ProductionRefusal> for StartupError {
    fn from(refusal: crate::production::ProductionRefusal) -> Self {
        StartupError::Production(refusal)
    }
}

impl From<crate::production::CheckError> for StartupError {
    fn from(e: crate::production::CheckError) -> Self {
        match e {
            crate::production::CheckError::Refused(refusal) => StartupError::Production(refusal),
            crate::production::CheckError::Setup(e) => StartupError::ProductionCheck(e),
        }
    }
}

pub struct Application {
    listener: tokio::net::TcpListener,
    router: Router,
    pub addr: SocketAddr,
    pub state: AppState,
    /// The clock sweep and outbox delivery, started by `run` (`None` when `WORKERS=0`).
    workers: Option<Workers>,
    /// Origins, body limits and timeouts for every route (applied by `run`).
    guard: Guard,
    header_timeout: std::time::Duration,
    /// `/metrics`, on its own listener (`METRICS_ADDR`).
    metrics: Option<tokio::net::TcpListener>,
    pub metrics_addr: Option<SocketAddr>,
    shutdown_delay: std::time::Duration,
    drain_timeout: std::time::Duration,
    /// Set at the shutdown signal: `/readyz` answers 503 from then on.
    draining: Arc<AtomicBool>,
    /// `SETTINGS_RELOAD_SECS`: how often this server rereads calendar and policy.
    settings_reload: std::time::Duration,
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

impl Application {
    pub async fn build(
        config: &Config,
        clock: Arc<dyn Clock>,
    ) -> Result<Application, StartupError> {
        crate::production::check_config(config)?;
        if let Some(hash_file) = crate::site_files::hash_file_path(&hash_file_name()) {
            crate::site_files::check(std::path::Path::new(&config.site_root), &hash_file)?;
        }
        let vault = crate::keys::load(&config.keys, config.seed_demo)?;
        let workers = Workers::from_config(config)?;
        let db = Db::connect_with(config.database_url.expose(), config.timing.db_options()).await?;
        crate::production::check_accounts(config, &db).await?;
        if config.seed_demo {
            seed::seed_demo(&db, clock.now())
                .await
                .map_err(StartupError::Seed)?;
        }
        let leptos_options = LeptosOptions::builder()
            .output_name("safety-net")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .hash_files(site_is_hashed())
            .hash_file(std::sync::Arc::<str>::from(hash_file_name()))
            .site_addr(config.listen)
            .build();
        settings::seed_calendar(&db, clock.now())
            .await
            .map_err(StartupError::Seed)?;
        let base = AppState::new(Shared {
            leptos_options,
            db,
            clock,
            settings: Settings::new(Calendar::china(), Policy::national_default()),
            secure_cookies: config.secure_cookies,
            trusted_proxies: config.http.trusted_proxies.clone(),
            vault,
            memo: Default::default(),
            sessions: Default::default(),
        });
        settings::reload(&base, base.clock.now())
            .await
            .map_err(StartupError::Seed)?;
        let state = base.refreshed();
        // Rows written before the queue columns existed (or under an older rule) get them now.
        app::ssr::services::queue::refresh_queue_columns(&state.db, &state.vault, &state.policy)
            .await
            .map_err(StartupError::Seed)?;
        // The demo's own database may predate encryption: seal it now (a production database
        // is migrated by `server keys rotate`, which shows its progress).
        if config.seed_demo {
            let quiet = app::ssr::services::rekey::Quiet;
            app::ssr::services::rekey::rotate(&state.db, &state.vault, &quiet)
                .await
                .map_err(StartupError::Seed)?;
        }
        if config.seed_demo && config.seed_demo_cases {
            app::ssr::demo_cases::seed(&state, state.clock.now())
                .await
                .map_err(StartupError::Seed)?;
        }
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(StartupError::Bind)?;
        let addr = listener.local_addr().map_err(StartupError::Bind)?;
        let metrics = match config.metrics_addr {
            Some(addr) => {
                crate::metrics::handle();
                Some(
                    tokio::net::TcpListener::bind(addr)
                        .await
                        .map_err(StartupError::Bind)?,
                )
            }
            None => None,
        };
        let metrics_addr = match &metrics {
            Some(listener) => Some(listener.local_addr().map_err(StartupError::Bind)?),
            None => None,
        };
        let draining = Arc::new(AtomicBool::new(false));
        let router = router(state.clone(), draining.clone());
        let guard = Guard::new(&config.http, addr, config.secure_cookies);
        if config.http.public_origins.is_empty() && addr.ip().is_unspecified() {
            tracing::warn!(
                "PUBLIC_ORIGIN is not set and the server listens on every interface: \
                 browsers posting from any other origin than {:?} are refused",
                guard.origins
            );
        }
        Ok(Application {
            listener,
            router,
            addr,
            state,
            workers,
            guard,
            header_timeout: config.http.header_timeout,
            metrics,
            metrics_addr,
            shutdown_delay: config.http.shutdown_delay,
            drain_timeout: config.http.drain_timeout,
            draining,
            settings_reload: config.timing.settings_reload,
        })
    }

    /// Adds routes outside the app (e.g. the test clock).
    pub fn merge(mut self, extra: Router) -> Self {
        self.router = self.router.merge(extra);
        self
    }

    /// Serves until SIGTERM or SIGINT (Ctrl-C), then shuts down gracefully.
    pub async fn run(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `signal` completes. Then `/readyz` answers 503 at once; requests are still
    /// served for `SHUTDOWN_DELAY_SECS` (a load balancer's time to notice); the listener
    /// closes; open requests get `SHUTDOWN_TIMEOUT_SECS` to finish; the workers stop after
    /// the row they are on, releasing the rest of their claim.
    pub async fn run_until(self, signal: impl Future<Output = ()>) -> std::io::Result<()> {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        // Every server rereads the settings another may have changed, workers or not.
        let mut tasks = vec![crate::workers::settings_reloader(
            self.settings_reload,
            self.state.clone(),
            stopped.clone(),
        )];
        if let Some(workers) = self.workers {
            tasks.extend(workers.spawn(self.state.clone(), stopped));
        }
        if let Some(listener) = self.metrics {
            let metrics = crate::metrics::router(self.state.clone());
            tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, metrics).await {
                    tracing::error!(error = %e, "metrics listener stopped");
                }
            });
        }
        // Hardened and observed last, so routes merged in after `build` are covered too.
        let router = observed(hardening::harden(self.router, self.guard));
        // No-JS forms post to their own page: sent on to their handler before routing
        // (route layers, metrics' route names included, then see the handler's path).
        let router = Router::new()
            .fallback_service(router)
            .layer(axum::middleware::from_fn(crate::page_post::to_handler));
        let draining = self.draining.clone();
        let delay = self.shutdown_delay;
        let shutdown = async move {
            signal.await;
            draining.store(true, Ordering::SeqCst);
            tracing::info!(
                delay_secs = delay.as_secs(),
                "shutting down: /readyz now answers 503"
            );
            // Workers stop now: their rows are better taken by a server that stays up.
            let _ = stop.send(true);
            tokio::time::sleep(delay).await;
        };
        let served = crate::serve::serve(
            self.listener,
            router,
            self.header_timeout,
            self.drain_timeout,
            shutdown,
        )
        .await;
        let workers_done = futures_join_all(tasks);
        if tokio::time::timeout(self.drain_timeout, workers_done)
            .await
            .is_err()
        {
            tracing::warn!("background workers did not stop in time");
        }
        tracing::info!("stopped");
        served
    }
}

/// The app's routes, listed once per process. Listing them renders the app with resource
/// loading suppressed by a process-wide flag; a page rendered by another `Application` in the
/// same process at that moment (API tests build many) would wait forever on its resources
/// (leptos-rs/leptos#4773).
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

async fn futures_join_all(tasks: Vec<tokio::task::JoinHandle<()>>) {
    for task in tasks {
        let _ = task.await;
    }
}

fn router(state: AppState, draining: Arc<AtomicBool>) -> Router {
    let routes = route_list();
    let context_state = state.clone();
    // Each request sees the calendar and policy current when it arrives.
    let provide_state = move || {
        app::ssr::context::provide_request(&context_state);
        provide_csp_nonce();
    };
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route(
            "/readyz",
            get(move |state: State<AppState>| readyz(state, draining.clone())),
        )
        .route("/staff/ledger.csv", get(app::ssr::download::ledger_csv))
        .route("/staff/ledger.xlsx", get(app::ssr::download::ledger_xlsx))
        .route(
            "/staff/dashboard.xlsx",
            get(app::ssr::download::dashboard_xlsx),
        )
        .route("/staff/audit.csv", get(app::ssr::audit_download::audit_csv))
        .route(
            "/staff/alerts/parse",
            post(app::ssr::alert_upload::parse_file),
        )
        .route("/staff/alerts/import", post(crate::alert_form::import_form))
        .route("/lang/{code}", get(app::ssr::language::switch_language))
        .route("/api/openapi.json", get(crate::openapi::document))
        .leptos_routes_with_context(&state, routes, provide_state, move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide_csp_nonce, shell))
        .layer(axum::middleware::from_fn(
            crate::fn_errors::status_from_error_body,
        ))
        // The ID reveal posted without JavaScript answers with the case page.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::reveal_form::plain_reveal,
        ))
        // A refused new account or policy posted without JavaScript comes back typed.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::typed_form::plain_typed,
        ))
        // A refused step form posted without JavaScript comes back with what was typed.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::step_form::plain_step,
        ))
        // Department keys on the department API routes (checked before the server function).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            app::ssr::bearer::guard,
        ))
        // Refusals to callers other than the site's own pages: a code and a sentence.
        .layer(axum::middleware::from_fn(crate::error_body::plain_errors))
        // A household form posted with no Referer is refused back onto its own page.
        .layer(axum::middleware::from_fn(crate::form_home::referer_of_form))
        // A refusal in a page's address is shown only when this server wrote it.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::signed_errors::signed_errors,
        ))
        .with_state(state)
}

/// cargo-leptos `hash-files` names the site's files by their content and writes their hashes
/// to `hash.txt` beside the binary (`LEPTOS_HASH_FILE_NAME`, as cargo-leptos reads it: a name
/// beside the binary or an absolute path); the pages then link the hashed names.
fn hash_file_name() -> String {
    std::env::var("LEPTOS_HASH_FILE_NAME").unwrap_or_else(|_| "hash.txt".to_owned())
}

fn site_is_hashed() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(hash_file_name())))
        .is_some_and(|file| file.exists())
}

/// Request ids, one trace span per request, and compression.
fn observed(router: Router) -> Router {
    router.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(
                // Paths only: query strings can hold phone numbers.
                TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
                    let id = req
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", id = %id, method = %req.method(), path = %log_path(req.uri().path()))
                })
                .on_failure(on_failure),
            )
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(axum::middleware::from_fn(crate::metrics::track))
            .layer(CompressionLayer::new()),
    )
}

/// A failed response's log line: a 503 is the server saying it is not ready (stopping, or
/// its database away, each logged with its cause where it happens) at WARN; every other
/// server error at ERROR. Each restart's /readyz 503s paged whoever alerts on ERROR (admin
/// tester).
fn on_failure(
    class: tower_http::classify::ServerErrorsFailureClass,
    latency: std::time::Duration,
    _span: &tracing::Span,
) {
    use tower_http::classify::ServerErrorsFailureClass as Class;
    let ms = latency.as_millis();
    match class {
        Class::StatusCode(code) if code == axum::http::StatusCode::SERVICE_UNAVAILABLE => {
            tracing::warn!(classification = %class, latency_ms = ms, "response failed")
        }
        _ => tracing::error!(classification = %class, latency_ms = ms, "response failed"),
    }
}

/// A path as logged: its first 200 characters. An address typed or sent at any length must
/// not make every line of its request's log that long.
fn log_path(path: &str) -> &str {
    match path.char_indices().nth(200) {
        Some((at, _)) => &path[..at],
        None => path,
    }
}

/// A load balancer's health check gets its answer within this, even while the database is
/// away and the pool is still waiting for a connection.
const READY_CHECK_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

async fn readyz(
    State(state): State<AppState>,
    draining: Arc<AtomicBool>,
) -> (StatusCode, &'static str) {
    if draining.load(Ordering::SeqCst) {
        (StatusCode::SERVICE_UNAVAILABLE, "shutting down")
    } else if tokio::time::timeout(READY_CHECK_TIMEOUT, state.db.is_reachable())
        .await
        .unwrap_or(false)
    {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
    }
}

/// SIGTERM (systemd, containers) or SIGINT (Ctrl-C).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM; only Ctrl-C stops gracefully");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
