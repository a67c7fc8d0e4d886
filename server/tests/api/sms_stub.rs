//! A plain-HTTP SMS gateway on loopback that counts what it accepted, and can be down
//! (answering 503) for a while, or refuse one number for good.
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
};

use http_body_util::{BodyExt, Full};
use hyper::{body::Bytes, server::conn::http1, service::service_fn, Response, StatusCode};
use hyper_util::rt::TokioIo;

#[derive(Clone, Default)]
pub struct SmsStub {
    pub url: String,
    /// Texts accepted, by `text`.
    accepted: Arc<Mutex<HashMap<String, usize>>>,
    /// Requests answered 503.
    refused: Arc<Mutex<usize>>,
    down: Arc<AtomicBool>,
    never_to: Arc<Mutex<Option<String>>>,
}

impl SmsStub {
    pub async fn start() -> SmsStub {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let stub = SmsStub {
            url: format!("http://{}/send", listener.local_addr().expect("addr")),
            ..SmsStub::default()
        };
        let serving = stub.clone();
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let stub = serving.clone();
                tokio::spawn(async move {
                    let service =
                        service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                            let stub = stub.clone();
                            async move {
                                let body = request.into_body().collect().await?.to_bytes();
                                let status = stub.receive(&body);
                                let mut response =
                                    Response::new(Full::new(Bytes::from_static(b"")));
                                *response.status_mut() = status;
                                Ok::<_, hyper::Error>(response)
                            }
                        });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(tcp), service)
                        .await;
                });
            }
        });
        stub
    }

    fn receive(&self, body: &[u8]) -> StatusCode {
        let json: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
        let to = json["to"].as_str().unwrap_or_default().to_owned();
        let text = json["text"].as_str().unwrap_or_default().to_owned();
        let never = self.never_to.lock().expect("lock").clone();
        if self.down.load(Ordering::SeqCst) || never.as_deref() == Some(to.as_str()) {
            *self.refused.lock().expect("lock") += 1;
            return StatusCode::SERVICE_UNAVAILABLE;
        }
        *self.accepted.lock().expect("lock").entry(text).or_default() += 1;
        StatusCode::OK
    }

    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    /// Texts to this number are refused whether the gateway is up or not.
    pub fn never_deliver_to(&self, mobile: &str) {
        *self.never_to.lock().expect("lock") = Some(mobile.to_owned());
    }

    /// How many times this text was accepted.
    pub fn accepted(&self, text: &str) -> usize {
        self.accepted
            .lock()
            .expect("lock")
            .get(text)
            .copied()
            .unwrap_or_default()
    }

    pub fn accepted_total(&self) -> usize {
        self.accepted.lock().expect("lock").values().sum()
    }

    pub fn refused(&self) -> usize {
        *self.refused.lock().expect("lock")
    }
}
