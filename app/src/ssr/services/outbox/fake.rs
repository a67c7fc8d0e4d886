//! A fake transport for tests: remembers what it sent, or fails every time.
use std::sync::{Arc, Mutex};

use super::transport::{MailError, Mailer, SendFuture, SmsError, SmsGateway};

/// One message a fake sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// A fake mailer and SMS gateway for tests: remembers what it sent, or fails every time.
#[derive(Debug, Clone, Default)]
pub struct Recording {
    sent: Arc<Mutex<Vec<Sent>>>,
    attempts: Arc<Mutex<usize>>,
    failing: bool,
}

/// The fake as a mailer.
pub type RecordingMailer = Recording;
/// The fake as an SMS gateway.
pub type RecordingSms = Recording;

impl Recording {
    pub fn new() -> Recording {
        Recording::default()
    }

    /// A fake whose every send fails.
    pub fn failing() -> Recording {
        Recording {
            failing: true,
            ..Recording::default()
        }
    }

    pub fn sent(&self) -> Vec<Sent> {
        self.sent.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Sends tried, failed or not.
    pub fn attempts(&self) -> usize {
        self.attempts.lock().map(|n| *n).unwrap_or_default()
    }

    fn record(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        if let Ok(mut n) = self.attempts.lock() {
            *n += 1;
        }
        if self.failing {
            return Err("the fake refuses every message".to_owned());
        }
        if let Ok(mut sent) = self.sent.lock() {
            sent.push(Sent {
                to: to.to_owned(),
                subject: subject.to_owned(),
                body: body.to_owned(),
            });
        }
        Ok(())
    }
}

impl Mailer for Recording {
    fn send<'a>(
        &'a self,
        to: &'a str,
        subject: &'a str,
        body: &'a str,
    ) -> SendFuture<'a, MailError> {
        let outcome = self.record(to, subject, body).map_err(MailError::Fake);
        Box::pin(async move { outcome })
    }
}

impl SmsGateway for Recording {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> SendFuture<'a, SmsError> {
        let outcome = self.record(to, "", text).map_err(SmsError::Fake);
        Box::pin(async move { outcome })
    }
}
