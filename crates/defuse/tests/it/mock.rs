//! A recording HTTP endpoint for the tests that make defuse call out (webhooks, an LLM): a small
//! axum router on a free loopback port that records every request and answers what the test
//! says. Real HTTP parsing (hyper) instead of a hand-written reader.

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use std::sync::{Arc, Mutex};

/// One request the endpoint got.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Hit {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A running endpoint; it stops with the test process.
pub(crate) struct Mock {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    hits: Arc<Mutex<Vec<Hit>>>,
}

impl Mock {
    /// Every request so far, in order.
    pub fn hits(&self) -> Vec<Hit> {
        self.hits.lock().expect("lock").clone()
    }
}

type Answer = dyn Fn(usize, &Hit) -> (u16, String) + Send + Sync;

/// Start an endpoint that answers the `n`-th request (1-based) with `answer(n, &hit)`: a status
/// and a JSON (or empty) body.
pub(crate) fn mock(answer: impl Fn(usize, &Hit) -> (u16, String) + Send + Sync + 'static) -> Mock {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let hits = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&hits);
    let answer: Arc<Answer> = Arc::new(answer);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let app = axum::Router::new().fallback(
                move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
                    let seen = Arc::clone(&seen);
                    let answer = Arc::clone(&answer);
                    async move {
                        let hit = Hit {
                            method: method.to_string(),
                            path: uri.path().to_string(),
                            headers: headers
                                .iter()
                                .map(|(k, v)| {
                                    (k.to_string(), String::from_utf8_lossy(v.as_bytes()).into())
                                })
                                .collect(),
                            body: String::from_utf8_lossy(&body).into_owned(),
                        };
                        let n = {
                            let mut v = seen.lock().expect("lock");
                            v.push(hit.clone());
                            v.len()
                        };
                        let (status, body) = answer(n, &hit);
                        (
                            StatusCode::from_u16(status).expect("a status"),
                            [("content-type", "application/json")],
                            body,
                        )
                    }
                },
            );
            let l = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(l, app).await.expect("serve");
        });
    });
    Mock { url, hits }
}
