//! How messages leave: SMTP for staff email, an HTTP gateway for household SMS.
use std::{fmt, future::Future, pin::Pin, time::Duration as StdDuration};

use lettre::{
    message::{header::ContentType, Mailbox},
    transport::smtp::{
        authentication::Credentials,
        client::{Certificate, Tls, TlsParameters},
    },
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};

pub(super) const SEND_TIMEOUT: StdDuration = StdDuration::from_secs(20);

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
    #[error("SMTP TLS settings (SMTP_CA_FILE)")]
    Tls(#[source] lettre::transport::smtp::Error),
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
    /// The text fits no approved template, or its template has no code configured.
    #[error("no SMS template configured for this text")]
    NoTemplate,
    /// The provider answered with an error code (e.g. Aliyun `isv.MOBILE_NUMBER_ILLEGAL`).
    #[error("SMS provider refused the message: {0}")]
    Refused(String),
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

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// STARTTLS, required: a server that does not offer it gets nothing (port 587 or 25).
    StartTls,
    /// TLS from the first byte (port 465).
    Implicit,
    /// No encryption: only for a relay on the same host or a trusted local network.
    Plain,
}

/// Where and as whom to send email.
#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub from: String,
    /// Username and password, when the relay wants them.
    pub credentials: Option<(String, String)>,
    pub security: SmtpSecurity,
    /// A CA certificate (PEM) trusted besides the system's, e.g. a government CA.
    pub extra_ca_pem: Option<Vec<u8>>,
}

/// Email over SMTP, with TLS unless the settings say plain.
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
        builder = builder.tls(tls(&settings)?);
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

/// The certificate is checked against the system's CAs plus the extra one, for the host name.
fn tls(settings: &SmtpSettings) -> Result<Tls, MailError> {
    if settings.security == SmtpSecurity::Plain {
        return Ok(Tls::None);
    }
    let mut parameters = TlsParameters::builder(settings.host.clone());
    if let Some(pem) = &settings.extra_ca_pem {
        parameters =
            parameters.add_root_certificate(Certificate::from_pem(pem).map_err(MailError::Tls)?);
    }
    let parameters = parameters.build_rustls().map_err(MailError::Tls)?;
    Ok(match settings.security {
        SmtpSecurity::Implicit => Tls::Wrapper(parameters),
        _ => Tls::Required(parameters),
    })
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
