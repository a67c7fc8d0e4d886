//! Background work: the clock sweep and the purge of expired rows (every 5 minutes) and outbox delivery (every 30 seconds).
//! Each pass asks `state.clock` for the time, logs its errors and never takes the server down:
//! a pass runs as its own task, so even a panic only costs that pass.
use std::{future::Future, sync::Arc, time::Duration};

use app::ssr::{
    error::ServiceError,
    services::{
        escalation, housekeeping,
        outbox::{
            self, AliyunSmsGateway, HttpSmsGateway, MailError, Mailer, SmsAuth, SmsError,
            SmsGateway, SmtpMailer, SmtpSecurity, SmtpSettings,
        },
        settings,
    },
    state::AppState,
};
use tokio::{sync::watch, task::JoinHandle, time::MissedTickBehavior};

use crate::config::{Config, SmsAuthConfig};

#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("email settings (SMTP_*)")]
    Mail(#[source] MailError),
    #[error("SMS gateway settings (SMS_GATEWAY_URL)")]
    Sms(#[source] SmsError),
    #[error("could not read the CA certificate named by {0}: {1}")]
    CaFile(&'static str, String, #[source] std::io::Error),
}

fn is_local(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn read_ca(name: &'static str, path: Option<&str>) -> Result<Option<Vec<u8>>, WorkerError> {
    path.map(|p| std::fs::read(p).map_err(|e| WorkerError::CaFile(name, p.to_owned(), e)))
        .transpose()
}

/// What the background tasks send with; built at startup so bad settings stop the server.
pub struct Workers {
    delivery_tasks: u32,
    sweep_every: Duration,
    deliver_every: Duration,
    mailer: Option<Arc<dyn Mailer>>,
    sms: Option<Arc<dyn SmsGateway>>,
}

impl Workers {
    /// `None` when `WORKERS=0`.
    pub fn from_config(config: &Config) -> Result<Option<Workers>, WorkerError> {
        if config.workers == 0 {
            return Ok(None);
        }
        let mailer = match &config.smtp {
            Some(smtp) => {
                let credentials = smtp.username.clone().map(|username| {
                    let password = smtp
                        .password
                        .as_ref()
                        .map(|p| p.expose().to_owned())
                        .unwrap_or_default();
                    (username, password)
                });
                if smtp.security == SmtpSecurity::Plain && !is_local(&smtp.host) {
                    tracing::warn!(
                        host = %smtp.host,
                        "SMTP_SECURITY=plain to a host that is not this machine: email, with \
                         household details, crosses the network unencrypted"
                    );
                }
                let mailer = SmtpMailer::new(SmtpSettings {
                    host: smtp.host.clone(),
                    port: smtp.port,
                    from: smtp.from.clone(),
                    credentials,
                    security: smtp.security,
                    extra_ca_pem: read_ca("SMTP_CA_FILE", smtp.ca_file.as_deref())?,
                })
                .map_err(WorkerError::Mail)?;
                Some(Arc::new(mailer) as Arc<dyn Mailer>)
            }
            None => None,
        };
        let sms = match &config.sms {
            Some(sms) => {
                if sms.url.expose().starts_with("http://") {
                    tracing::warn!(
                        "SMS_GATEWAY_URL is plain http://: households' mobile numbers and \
                         messages cross the network unencrypted; use https://"
                    );
                }
                let auth = match &sms.auth {
                    SmsAuthConfig::None => SmsAuth::None,
                    SmsAuthConfig::Bearer(token) => SmsAuth::Bearer(token.expose().to_owned()),
                    SmsAuthConfig::Hmac(key) => SmsAuth::Hmac(key.expose().as_bytes().to_vec()),
                };
                let ca = read_ca("SMS_CA_FILE", sms.ca_file.as_deref())?;
                if let Some(aliyun) = &sms.aliyun {
                    let gateway = AliyunSmsGateway::new(aliyun.clone(), ca.as_deref())
                        .map_err(WorkerError::Sms)?;
                    Some(Arc::new(gateway) as Arc<dyn SmsGateway>)
                } else {
                    let gateway = HttpSmsGateway::with(sms.url.expose(), auth, ca.as_deref())
                        .map_err(WorkerError::Sms)?;
                    Some(Arc::new(gateway) as Arc<dyn SmsGateway>)
                }
            }
            None => None,
        };
        Ok(Some(Workers {
            delivery_tasks: config.workers,
            sweep_every: config.timing.sweep_every,
            deliver_every: config.timing.deliver_every,
            mailer,
            sms,
        }))
    }

    /// Starts the clock sweep and the delivery tasks; they run until `stop` turns true, each
    /// finishing the row it is on (an outbox pass releases the rest of its claim).
    pub fn spawn(self, state: AppState, stop: watch::Receiver<bool>) -> Vec<JoinHandle<()>> {
        if self.mailer.is_none() {
            tracing::warn!("SMTP_HOST is not set: email stays pending in the outbox");
        }
        if self.sms.is_none() {
            tracing::warn!("SMS_GATEWAY_URL is not set: text messages stay pending in the outbox");
        }
        let mut tasks = vec![every(
            self.sweep_every,
            "clock sweep",
            state.clone(),
            stop.clone(),
            |state, _stop| async move {
                // Other servers may have changed the calendar or policy: pick that up first.
                if let Err(e) = settings::reload(&state, state.clock.now()).await {
                    log_failure("settings reload", &e);
                }
                let state = state.refreshed();
                let started = std::time::Instant::now();
                if let Err(e) = escalation::sweep(&state, state.clock.now()).await {
                    log_failure("clock sweep", &e);
                }
                crate::metrics::record_sweep(started.elapsed().as_secs_f64());
                if let Err(e) = housekeeping::purge(&state, state.clock.now()).await {
                    log_failure("purge", &e);
                }
            },
        )];
        for _ in 0..self.delivery_tasks {
            let mailer = self.mailer.clone();
            let sms = self.sms.clone();
            tasks.push(every(
                self.deliver_every,
                "outbox",
                state.clone(),
                stop.clone(),
                move |state, stop| {
                    let mailer = mailer.clone();
                    let sms = sms.clone();
                    async move {
                        let now = state.clock.now();
                        let stopping = move || *stop.borrow();
                        if let Err(e) = outbox::deliver_until_stopped(
                            &state,
                            mailer.as_deref(),
                            sms.as_deref(),
                            now,
                            &stopping,
                        )
                        .await
                        {
                            log_failure("outbox delivery", &e);
                        }
                    }
                },
            ));
        }
        tasks
    }
}

/// Rereads calendar and policy every `period` (not at once: startup just read them), so a
/// change an administrator made on another app server applies here within `period`.
pub fn settings_reloader(
    period: Duration,
    state: AppState,
    stop: watch::Receiver<bool>,
) -> JoinHandle<()> {
    let started = std::sync::atomic::AtomicBool::new(false);
    every(
        period,
        "settings reload",
        state,
        stop,
        move |state, _stop| {
            let first = !started.swap(true, std::sync::atomic::Ordering::SeqCst);
            async move {
                if first {
                    return;
                }
                if let Err(e) = settings::reload(&state, state.clock.now()).await {
                    log_failure("settings reload", &e);
                }
            }
        },
    )
}

/// Runs `pass` every `period` (the first at once), each as its own task, until `stop` turns
/// true; a pass under way is finished (it sees `stop` too).
fn every<F, Fut>(
    period: Duration,
    name: &'static str,
    state: AppState,
    mut stop: watch::Receiver<bool>,
    pass: F,
) -> JoinHandle<()>
where
    F: Fn(AppState, watch::Receiver<bool>) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(period);
        ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            if *stop.borrow() {
                break;
            }
            tokio::select! {
                _ = ticker.tick() => {}
                _ = stop.changed() => break,
            }
            if *stop.borrow() {
                break;
            }
            if let Err(e) = tokio::spawn(pass(state.refreshed(), stop.clone())).await {
                tracing::error!(worker = name, error = %e, "worker pass panicked");
            }
        }
    })
}

fn log_failure(worker: &'static str, e: &ServiceError) {
    let mut causes = Vec::new();
    let mut current = std::error::Error::source(e);
    while let Some(cause) = current {
        causes.push(cause.to_string());
        current = cause.source();
    }
    tracing::error!(worker, error = %e, cause = ?causes, "worker pass failed");
}
