//! Real TLS servers on loopback for the outbound tests: a throw-away CA, an HTTPS SMS
//! gateway stub (rustls), and an SMTP server (Debian's aiosmtpd) with STARTTLS or implicit TLS.
use std::{
    io::{BufRead, BufReader},
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
};

use http_body_util::{BodyExt, Full};
use hyper::{body::Bytes, server::conn::http1, service::service_fn, HeaderMap, Response};
use hyper_util::rt::TokioIo;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use tokio_rustls::{
    rustls::{
        self,
        pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer},
    },
    TlsAcceptor,
};

/// A CA and a certificate it signed for 127.0.0.1, as PEM files in a temporary folder.
pub struct TestCa {
    pub ca_pem: Vec<u8>,
    cert_der: CertificateDer<'static>,
    key_der: Vec<u8>,
    pub cert_file: PathBuf,
    pub key_file: PathBuf,
    pub dir: PathBuf,
}

pub fn test_ca(name: &str) -> TestCa {
    let mut params = CertificateParams::new(Vec::<String>::new()).expect("params");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    let ca = CertifiedIssuer::self_signed(params, KeyPair::generate().expect("key")).expect("ca");
    let key = KeyPair::generate().expect("key");
    let cert = CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .expect("params")
        .signed_by(&key, &ca)
        .expect("certificate");
    let dir = crate::helpers::temp_path("-tls");
    std::fs::create_dir_all(&dir).expect("dir");
    let (cert_file, key_file) = (dir.join("server.pem"), dir.join("server.key"));
    std::fs::write(&cert_file, cert.pem()).expect("write cert");
    std::fs::write(&key_file, key.serialize_pem()).expect("write key");
    TestCa {
        ca_pem: ca.pem().into_bytes(),
        cert_der: cert.der().clone(),
        key_der: key.serialize_der(),
        cert_file,
        key_file,
        dir,
    }
}

/// What the HTTPS stub received: each request's headers and body.
pub type Seen = Arc<Mutex<Vec<(HeaderMap, Vec<u8>)>>>;

/// An HTTPS server answering 202 to every request; returns its URL base.
pub async fn https_stub(ca: &TestCa) -> (String, Seen) {
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("versions")
    .with_no_client_auth()
    .with_single_cert(
        vec![ca.cert_der.clone()],
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(ca.key_der.clone())),
    )
    .expect("server config");
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let seen: Seen = Arc::default();
    let record = seen.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let (acceptor, record) = (acceptor.clone(), record.clone());
            tokio::spawn(async move {
                // A client that refuses our certificate ends the handshake: nothing to serve.
                let Ok(tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let service = service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                    let record = record.clone();
                    async move {
                        let headers = request.headers().clone();
                        let body = request.into_body().collect().await?.to_bytes().to_vec();
                        record.lock().expect("lock").push((headers, body));
                        let mut response = Response::new(Full::new(Bytes::from_static(b"ok")));
                        *response.status_mut() = hyper::StatusCode::ACCEPTED;
                        Ok::<_, hyper::Error>(response)
                    }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
            });
        }
    });
    (format!("https://{addr}"), seen)
}

/// aiosmtpd with TLS on a free port; killed on drop.
pub struct SmtpServer {
    child: Child,
    pub port: u16,
    pub received: PathBuf,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpServer {
    /// One line per accepted message: recipients and the TLS cipher.
    pub fn messages(&self) -> Vec<String> {
        std::fs::read_to_string(&self.received)
            .unwrap_or_default()
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

/// `mode` is `starttls` or `implicit`. Needs Debian's python3-aiosmtpd
/// (`scripts/tools.sh` ensure_smtp_server).
pub fn smtp_server(ca: &TestCa, mode: &str) -> SmtpServer {
    smtp_server_on(ca, mode, free_port())
}

/// A loopback port nothing listens on (yet).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

/// [`smtp_server`] on a given port: a mail server that comes back where it was.
pub fn smtp_server_on(ca: &TestCa, mode: &str, port: u16) -> SmtpServer {
    let received = ca.dir.join(format!("received-{mode}.txt"));
    let python = std::env::var("SMTP_TEST_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/smtp_tls_server.py"
    );
    let mut child = Command::new(&python)
        .args([script, &port.to_string(), mode])
        .arg(&ca.cert_file)
        .arg(&ca.key_file)
        .arg(&received)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("start {python} (install python3-aiosmtpd: {e})"));
    let mut ready = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut ready)
        .expect("read");
    assert_eq!(
        ready.trim(),
        "READY",
        "the SMTP test server did not start (is python3-aiosmtpd installed?)"
    );
    SmtpServer {
        child,
        port,
        received,
    }
}
