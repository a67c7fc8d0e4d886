//! Household text messages through an HTTPS gateway: `POST {url}` with JSON
//! `{"to": ..., "text": ...}`; any 2xx answer counts as accepted. The gateway learns who is
//! calling from a bearer token or an HMAC signature of the request (its secret never sent).
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::transport::{SendFuture, SmsError, SmsGateway, SEND_TIMEOUT};

/// How requests prove they come from us.
#[derive(Clone, Default)]
pub enum SmsAuth {
    #[default]
    None,
    /// `Authorization: Bearer <token>`.
    Bearer(String),
    /// `X-Safety-Net-Timestamp: <unix seconds>` and `X-Safety-Net-Signature: <hex>`, the
    /// HMAC-SHA256 under the key of `"<timestamp>.<body>"`: replays are bounded by the
    /// timestamp and the key never travels.
    Hmac(Vec<u8>),
}

impl std::fmt::Debug for SmsAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SmsAuth::None => "None",
            SmsAuth::Bearer(_) => "Bearer([redacted])",
            SmsAuth::Hmac(_) => "Hmac([redacted])",
        })
    }
}

/// The signature header value for `body` sent at `timestamp` (what a gateway recomputes).
pub fn hmac_signature(key: &[u8], timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

#[derive(Debug, Clone)]
pub struct HttpSmsGateway {
    client: reqwest::Client,
    url: String,
    auth: SmsAuth,
}

impl HttpSmsGateway {
    /// A gateway that needs no credentials, trusting the system's CAs.
    pub fn new(url: impl Into<String>) -> Result<HttpSmsGateway, SmsError> {
        HttpSmsGateway::with(url, SmsAuth::None, None)
    }

    /// With credentials, and a CA certificate (PEM) trusted besides the system's.
    pub fn with(
        url: impl Into<String>,
        auth: SmsAuth,
        extra_ca_pem: Option<&[u8]>,
    ) -> Result<HttpSmsGateway, SmsError> {
        let mut builder = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .https_only(false)
            .use_rustls_tls();
        if let Some(pem) = extra_ca_pem {
            let ca = reqwest::Certificate::from_pem(pem).map_err(SmsError::Http)?;
            builder = builder.add_root_certificate(ca);
        }
        Ok(HttpSmsGateway {
            client: builder.build().map_err(SmsError::Http)?,
            url: url.into(),
            auth,
        })
    }
}

impl SmsGateway for HttpSmsGateway {
    fn send<'a>(&'a self, to: &'a str, text: &'a str) -> SendFuture<'a, SmsError> {
        Box::pin(async move {
            let body = serde_json::to_vec(&serde_json::json!({ "to": to, "text": text }))
                .expect("a JSON object of two strings");
            let mut request = self
                .client
                .post(&self.url)
                .header(reqwest::header::CONTENT_TYPE, "application/json");
            match &self.auth {
                SmsAuth::None => {}
                SmsAuth::Bearer(token) => request = request.bearer_auth(token),
                SmsAuth::Hmac(key) => {
                    let timestamp = chrono::Utc::now().timestamp();
                    request = request
                        .header("x-safety-net-timestamp", timestamp.to_string())
                        .header(
                            "x-safety-net-signature",
                            hmac_signature(key, timestamp, &body),
                        );
                }
            }
            let response = request.body(body).send().await.map_err(SmsError::Http)?;
            let status = response.status();
            if status.is_success() {
                Ok(())
            } else {
                Err(SmsError::Status(status.as_u16()))
            }
        })
    }
}
