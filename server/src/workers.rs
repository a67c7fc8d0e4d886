//! Background work: the clock sweep and the purge of expired rows (every 5 minutes) and outbox delivery (every 30 seconds).
//! Each pass asks `state.clock` for the time, logs its errors and never takes the server down:
//! a pass runs as its own task, so even a panic only costs that pass.
use std::{future::Future, sync::Arc, time::Duration};

use app::ssr::{
    error::ServiceError,
    services::{
        escalation, housekeeping,
        outbox::{
            self, HttpSmsGateway, MailError, Mailer, SmsError, SmsGateway, SmtpMailer, SmtpSettings,
        },
        settings,
    },
    state::AppState,
};
use tokio::{sync::watch, task::JoinHandle, time::MissedTickBehavior};

use crate::config::Config;

pub const SWEEP_EVERY: Duration = Duration::from_secs(5 * 60);
pub const DELIVER_EVERY: Duration = Duration::from_secs(30);

#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("email settings (SMTP_*)")]
    Mail(#[source] MailError),
    #[error("SMS gateway settings (SMS_GATEWAY_URL)")]
    Sms(#[source] SmsError),
}

/// What the background tasks send with; built at startup so bad settings stop the server.
pub struct Workers {
    delivery_tasks: u32,
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
                let mailer = SmtpMailer::new(SmtpSettings {
                    host: smtp.host.clone(),
                    port: smtp.port,
                    from: smtp.from.clone(),
                    credentials,
                })
                .map_err(WorkerError::Mail)?;
                Some(Arc::new(mailer) as Arc<dyn Mailer>)
            }
            None => None,
        };
        let sms = match &config.sms_gateway_url {
            Some(url) => Some(
                Arc::new(HttpSmsGateway::new(url.clone()).map_err(WorkerError::Sms)?)
                    as Arc<dyn SmsGateway>,
            ),
            None => None,
        };
        Ok(Some(Workers {
            delivery_tasks: config.workers,
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
            SWEEP_EVERY,
            "clock sweep",
            state.clone(),
            stop.clone(),
            |state, _stop| async move {
                // Other servers may have changed the calendar or policy: pick that up first.
                if let Err(e) = settings::reload(&state, state.clock.now()).await {
                    log_failure("settings reload", &e);
                }
                let state = state.refreshed();
                if let Err(e) = escalation::sweep(&state, state.clock.now()).await {
                    log_failure("clock sweep", &e);
                }
                if let Err(e) = housekeeping::purge(&state, state.clock.now()).await {
                    log_failure("purge", &e);
                }
            },
        )];
        for _ in 0..self.delivery_tasks {
            let mailer = self.mailer.clone();
            let sms = self.sms.clone();
            tasks.push(every(
                DELIVER_EVERY,
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
