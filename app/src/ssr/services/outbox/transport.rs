//! How messages leave: SMTP for staff email, an HTTP gateway for household SMS.
use std::{fmt, future::Future, pin::Pin, time::Duration as StdDuration};

use lettre::{
    message::{header::ContentType, Mailbox},
    transport::smtp::authentication::Credentials,
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

const SEND_TIMEOUT: StdDuration = StdDuration::from_secs(20);

/// A boxed future that can cross threads (keeps the traits object-safe without async-trait).
pub type SendFuture<'a, E> = Pin<Box<dyn Future<Output = Result<(), E>> + Send + 'a>>;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid email address {0:?}")]
    Address(String, #[source] lettre::address::AddressError),
    #[error("could not build the message")]
    Build(#[source] lettre::error::Error),
    #[error("SMTP delivery failed")]
    Smtp(#[source] lettre::transport::smtp::Error),
    /// A fake's failure (tests).
    #[error("{0}")]
    Fake(String),
}

#[derive(Debug, thiserror::Error)]
pub enum SmsError {
    #[error("SMS gateway request failed")]
    Http(#[source] reqwest::Error),
    #[error("SMS gateway answered {0}")]
    Status(u16),
    /// A fake's failure (tests).
    #[error("{0}")]
    Fake(String),
}

/// Sends one plain-text email.
pub trait Mailer: Send + Sync {
    fn send<'a>(
        &'a self,
        to: &'a str,
        subject: &'a str,
        body: &'a str,
    ) -> SendFuture<'a, MailError>;
}

/// Sends one text message.
pub trait SmsGateway: Send + Sync {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> SendFuture<'a, SmsError>;
}

/// Where and as whom to send email.
#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub from: String,
    /// Username and password, when the relay wants them.
    pub credentials: Option<(String, String)>,
}

/// Email over SMTP (plain connection, for a local relay).
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    host: String,
    port: u16,
}

impl fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl SmtpMailer {
    /// Fails when the sender address is not valid.
    pub fn new(settings: SmtpSettings) -> Result<SmtpMailer, MailError> {
        let from = settings
            .from
            .parse::<Mailbox>()
            .map_err(|e| MailError::Address(settings.from.clone(), e))?;
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.as_str())
                .port(settings.port)
                .timeout(Some(SEND_TIMEOUT));
        if let Some((username, password)) = settings.credentials {
            builder = builder.credentials(Credentials::new(username, password));
        }
        Ok(SmtpMailer {
            transport: builder.build(),
            from,
            host: settings.host,
            port: settings.port,
        })
    }
}

impl Mailer for SmtpMailer {
    fn send<'a>(
        &'a self,
        to: &'a str,
        subject: &'a str,
        body: &'a str,
    ) -> SendFuture<'a, MailError> {
        Box::pin(async move {
            let to = to
                .parse::<Mailbox>()
                .map_err(|e| MailError::Address(to.to_owned(), e))?;
            let message = Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(subject)
                .header(ContentType::TEXT_PLAIN)
                .body(body.to_owned())
                .map_err(MailError::Build)?;
            self.transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(MailError::Smtp)
        })
    }
}

/// SMS through an HTTP gateway: `POST {url}` with JSON `{"to": ..., "text": ...}`; any 2xx
/// answer counts as accepted.
#[derive(Debug, Clone)]
pub struct HttpSmsGateway {
    client: reqwest::Client,
    url: String,
}

impl HttpSmsGateway {
    pub fn new(url: impl Into<String>) -> Result<HttpSmsGateway, SmsError> {
        let client = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .build()
            .map_err(SmsError::Http)?;
        Ok(HttpSmsGateway {
            client,
            url: url.into(),
        })
    }
}

impl SmsGateway for HttpSmsGateway {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> SendFuture<'a, SmsError> {
        Box::pin(async move {
            let response = self
                .client
                .post(&self.url)
                .json(&serde_json::json!({ "to": to, "text": text }))
                .send()
                .await
                .map_err(SmsError::Http)?;
            let status = response.status();
            if status.is_success() {
                Ok(())
            } else {
                Err(SmsError::Status(status.as_u16()))
            }
        })
    }
}
