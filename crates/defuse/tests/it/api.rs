//! The HTTP API in process: `spawn_app()` serves the real router over a real SQLite file on a
//! free loopback port; requests go through a real HTTP client (`ureq`). The doors: host and
//! origin checks, the token before the body, roles, open reads, errors in one shape.

use defuse::desk::{new_token, token_hash};
use defuse::server::{AppState, serve};
use defuse::settings::Settings;
use defuse_core::workflow::Role;
use defuse_store::sqlite::SqliteStore;
use serde_json::Value;
use std::io::{Read, Write};
use std::sync::Arc;

const SETTINGS: &str = r#"
[[brands]]
name = "Облачко"
aliases = ["Oblachko"]
"#;

fn fixed_now() -> anyhow::Result<jiff::Timestamp> {
    Ok("2026-11-20T12:00:00Z".parse()?)
}

/// The desk password of the test user named after its role.
pub(crate) fn password_of(login: &str) -> String {
    format!("pw-{login}-12345")
}

/// A running app: its address and one token per role.
pub(crate) struct App {
    pub addr: String,
    /// The data directory (its `defuse.toml` is the settings the desk edits).
    pub dir: std::path::PathBuf,
    pub tokens: std::collections::HashMap<&'static str, String>,
    _dir: tempfile::TempDir,
    _rt: tokio::runtime::Runtime,
}

/// The router on `127.0.0.1:0` over a fresh data directory, with `extra` settings appended.
pub(crate) fn spawn_app(extra: &str) -> App {
    let dir = tempfile::tempdir().expect("tmp");
    let settings =
        Settings::load("test.toml", Some(&format!("{SETTINGS}\n{extra}")), []).expect("settings");
    let mut store = SqliteStore::open(&dir.path().join("defuse.db")).expect("store");
    store
        .sync_brands(&settings.desk.brand_names())
        .expect("brands");
    let mut tokens = std::collections::HashMap::new();
    let now = fixed_now().expect("now");
    for role in Role::PEOPLE {
        let (token, hash) = new_token().expect("token");
        store
            .add_token(role.as_str(), &hash, role, None, now)
            .expect("add token");
        tokens.insert(role.as_str(), token);
    }
    // One person per working role, to sign in to the desk (tests/it/web.rs).
    for role in [Role::Agent, Role::Supervisor, Role::Admin] {
        let hash = defuse::password::hash(&password_of(role.as_str())).expect("hash");
        store
            .add_user(role.as_str(), role, &hash, now)
            .expect("add user");
    }
    let analyzer = defuse_text::Analyzer::builtin().expect("model");
    let settings_path = dir.path().join("defuse.toml");
    std::fs::write(&settings_path, format!("{SETTINGS}\n{extra}")).expect("settings file");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let state = Arc::new(
        AppState::new(
            store,
            analyzer,
            settings,
            Some(settings_path),
            addr,
            fixed_now,
        )
        .expect("state"),
    );
    rt.spawn(async move {
        let _ = serve(listener, state).await;
    });
    App {
        addr: addr.to_string(),
        dir: dir.path().to_path_buf(),
        tokens,
        _dir: dir,
        _rt: rt,
    }
}

impl App {
    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into()
    }

    /// (status, JSON body or Null).
    pub fn call(&self, method: &str, path: &str, role: Option<&str>, body: &str) -> (u16, Value) {
        let url = format!("http://{}{path}", self.addr);
        let auth = role.map(|r| format!("Bearer {}", self.tokens[r]));
        let agent = Self::agent();
        let resp = if method == "GET" {
            let mut req = agent.get(&url);
            if let Some(a) = &auth {
                req = req.header("Authorization", a);
            }
            req.call()
        } else {
            let mut req = match method {
                "POST" => agent.post(&url),
                "PUT" => agent.put(&url),
                _ => agent.delete(&url).force_send_body(),
            };
            req = req.header("Content-Type", "application/json");
            if let Some(a) = &auth {
                req = req.header("Authorization", a);
            }
            req.send(body)
        };
        let mut resp = resp.expect("request");
        let status = resp.status().as_u16();
        let text = resp.body_mut().read_to_string().unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// One raw request (headers as given): the status line's code and the body as text.
    pub fn raw(&self, request: &str) -> (u16, String) {
        let mut s = std::net::TcpStream::connect(&self.addr).expect("connect");
        s.write_all(request.as_bytes()).expect("send");
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let out = String::from_utf8_lossy(&out).to_string();
        let code = out
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        (code, out)
    }
}

fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("")
}

const MENTION: &str = r#"{"source":"x","id":"1","text":"Oblachko, no internet since morning","created_at":"2026-11-20T09:00:00Z","author":{"id":"a1"}}"#;

#[test]
fn reads_need_a_token_unless_open_reads_is_set() {
    let app = spawn_app("");
    let (s, v) = app.call("GET", "/api/v1/cases", None, "");
    assert_eq!(
        (s, code(&v)),
        (401, "unauthorized"),
        "bug 3: closed by default"
    );
    let (s, _) = app.call("GET", "/cases", None, "");
    assert_eq!(
        s, 303,
        "the desk's queue sends the anonymous to the sign-in form"
    );
    assert_eq!(app.call("GET", "/api/v1/cases", Some("reader"), "").0, 200);
    assert_eq!(app.call("GET", "/healthz", None, "").0, 200);
    let open = spawn_app("[server]\nopen_reads = true\n");
    assert_eq!(open.call("GET", "/api/v1/cases", None, "").0, 200);
    let (s, v) = open.call("POST", "/api/v1/mentions", None, MENTION);
    assert_eq!(
        (s, code(&v)),
        (401, "unauthorized"),
        "writes still need a token"
    );
}

/// Every cell of the role table (docs/workflow.md) over HTTP.
#[test]
fn each_role_may_do_what_the_table_says() {
    let app = spawn_app("");
    let (s, v) = app.call("POST", "/api/v1/mentions", Some("reader"), MENTION);
    assert_eq!((s, code(&v)), (403, "forbidden"), "a reader writes nothing");
    let (s, v) = app.call("POST", "/api/v1/mentions", Some("agent"), MENTION);
    assert_eq!((s, v["new"].as_u64()), (200, Some(1)));
    for role in ["reader", "agent", "supervisor", "admin"] {
        assert_eq!(
            app.call("GET", "/api/v1/cases", Some(role), "").0,
            200,
            "{role} reads"
        );
        assert_eq!(
            app.call("GET", "/api/v1/audit", Some(role), "").0,
            200,
            "{role} reads"
        );
        let want = if role == "admin" { 200 } else { 403 };
        assert_eq!(
            app.call("GET", "/api/v1/tokens", Some(role), "").0,
            want,
            "{role} tokens"
        );
    }
    let (_, v) = app.call("GET", "/api/v1/tokens", Some("admin"), "");
    let names: Vec<&str> = v["tokens"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert_eq!(names, ["reader", "agent", "supervisor", "admin"]);
    assert!(
        !v.to_string().contains(&app.tokens["admin"]),
        "never the secret"
    );
    let (_, cases) = app.call("GET", "/api/v1/cases", Some("reader"), "");
    let id = cases["cases"][0]["id"].as_i64().expect("a case");
    for role in ["agent", "supervisor", "admin"] {
        let (s, _) = app.call(
            "POST",
            &format!("/api/v1/cases/{id}/assign"),
            Some(role),
            r#"{"agent":"ira"}"#,
        );
        assert_eq!(s, 200, "{role} works cases");
    }
    let (s, _) = app.call(
        "POST",
        &format!("/api/v1/cases/{id}/assign"),
        Some("reader"),
        r#"{"agent":"ira"}"#,
    );
    assert_eq!(s, 403);
}

/// Bug 7: a page that rebinds its own name to 127.0.0.1 gets nothing; nor does a cross-site
/// change.
#[test]
fn a_foreign_host_or_origin_is_refused() {
    let app = spawn_app("[server]\nopen_reads = true\n");
    let (s, body) =
        app.raw("GET /api/v1/cases HTTP/1.1\r\nHost: evil.example:80\r\nConnection: close\r\n\r\n");
    assert_eq!(s, 421, "{body}");
    assert!(body.contains("bad_host"), "{body}");
    let ok = format!(
        "GET /api/v1/cases HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        app.addr.rsplit(':').next().unwrap_or("")
    );
    assert_eq!(
        app.raw(&ok).0,
        200,
        "localhost with the port is this server"
    );
    let token = &app.tokens["agent"];
    let post = format!(
        "POST /api/v1/mentions HTTP/1.1\r\nHost: {}\r\nOrigin: http://evil.example\r\n\
         Authorization: Bearer {token}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{MENTION}",
        app.addr,
        MENTION.len()
    );
    let (s, body) = app.raw(&post);
    assert_eq!(s, 403, "{body}");
    assert!(body.contains("bad_origin"), "{body}");
}

/// Bug 6: the token is checked before the body is read: an unauthenticated client announcing
/// 60 MB is answered at once, without the server waiting for (or holding) the body.
#[test]
fn the_token_is_checked_before_the_body_and_bodies_are_capped() {
    let app = spawn_app("");
    let mut s = std::net::TcpStream::connect(&app.addr).expect("connect");
    write!(
        s,
        "POST /api/v1/mentions HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: 60000000\r\n\r\n[",
        app.addr
    )
    .expect("send");
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .expect("timeout");
    let mut buf = [0u8; 512];
    let n = s.read(&mut buf).expect("an answer before the body");
    let head = String::from_utf8_lossy(&buf[..n]);
    assert!(head.starts_with("HTTP/1.1 401"), "{head}");
    // An authenticated body over the route's cap: a JSON 413, not plain text.
    let big = format!("{{\"text\":\"{}\"}}", "a".repeat(300 << 10));
    let (s, v) = app.call("POST", "/api/v1/cases/1/replies", Some("agent"), &big);
    assert_eq!((s, code(&v)), (413, "body_too_large"), "{v}");
}

/// Bug 10: every error is the documented JSON with a documented code.
#[test]
fn errors_have_one_shape() {
    let app = spawn_app("");
    let (s, v) = app.call("PUT", "/api/v1/cases", Some("agent"), "{}");
    assert_eq!((s, code(&v)), (405, "method_not_allowed"));
    let (s, v) = app.call("GET", "/api/v1/cases?status=bogus", Some("agent"), "");
    assert_eq!((s, code(&v)), (400, "invalid_query"), "not an empty list");
    let (s, v) = app.call("GET", "/api/v1/cases?limit=5000", Some("agent"), "");
    assert_eq!((s, code(&v)), (400, "invalid_query"), "not silently capped");
    let (s, v) = app.call("GET", "/api/v1/cases?limit=-1", Some("agent"), "");
    assert_eq!((s, code(&v)), (400, "invalid_query"));
    let (s, v) = app.call("GET", "/api/v1/nothing", Some("agent"), "");
    assert_eq!((s, code(&v)), (404, "not_found"));
    let (s, v) = app.call("GET", "/api/v1/cases/abc", Some("agent"), "");
    assert_eq!((s, code(&v)), (400, "invalid_id"));
    let (s, v) = app.call(
        "POST",
        "/api/v1/mentions",
        Some("agent"),
        r#"[{"source":"x"}]"#,
    );
    assert_eq!((s, code(&v)), (422, "invalid_mention"));
    assert_eq!(
        v["error"]["rejected"][0]["index"], 0,
        "a list, not JSON in a string: {v}"
    );
    assert!(!v["error"]["message"].as_str().unwrap_or("").contains('{'));
    let (s, v) = app.call(
        "POST",
        "/api/v1/cases/1/replies",
        Some("agent"),
        r#"{"text":"x","extra":1}"#,
    );
    assert_eq!((s, code(&v)), (400, "invalid_body"), "{v}");
    let (s, v) = app.call(
        "POST",
        "/api/v1/cases/77/replies",
        Some("agent"),
        r#"{"text":"x"}"#,
    );
    assert_eq!((s, code(&v)), (404, "case_not_found"), "{v}");
    let (s, v) = app.call(
        "POST",
        "/api/v1/mentions/77/moderation",
        Some("agent"),
        r#"{"action":"hide"}"#,
    );
    assert_eq!((s, code(&v)), (404, "mention_not_found"), "{v}");
}

/// A revoked token acts as nobody (bug 9), over HTTP.
#[test]
fn a_revoked_token_is_refused() {
    let app = spawn_app("");
    assert_eq!(app.call("GET", "/api/v1/cases", Some("agent"), "").0, 200);
    // Revoke through a second connection to the same file, as `defuse token revoke` does
    // beside a running server.
    let mut other = SqliteStore::open(&app._dir.path().join("defuse.db")).expect("open");
    other
        .revoke_token("agent", fixed_now().expect("now"))
        .expect("revoke");
    let (s, v) = app.call("GET", "/api/v1/cases", Some("agent"), "");
    assert_eq!((s, code(&v)), (401, "unauthorized"));
    let stored = other
        .token_actor(
            &token_hash(&app.tokens["reader"]),
            fixed_now().expect("now"),
        )
        .expect("actor");
    assert!(stored.is_some(), "the others still work");
}

fn pct(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// `GET /api/v1/cases?q=`: a search over what customers wrote (issue 13), each word a prefix,
/// any case and diacritics; hostile text is only words; more than 500 characters is refused.
/// A troll's case has no deadline [T3].
#[test]
fn the_queue_searches_mention_text() {
    let app = spawn_app("");
    let body = r#"[
        {"source":"x","id":"s1","text":"Oblachko, где мой заказ?","created_at":"2026-11-20T11:00:00Z","author":{"id":"a1"}},
        {"source":"x","id":"s2","text":"Oblachko, ședința de mâine","created_at":"2026-11-20T11:00:00Z","author":{"id":"a2"}},
        {"source":"x","id":"s3","text":"Oblachko you are all idiots and clowns","created_at":"2026-11-20T11:00:00Z","author":{"id":"a3"}}
    ]"#;
    let (s, v) = app.call("POST", "/api/v1/mentions", Some("agent"), body);
    assert_eq!(s, 200, "{v}");
    let texts = |q: &str| -> Vec<String> {
        let (s, v) = app.call(
            "GET",
            &format!("/api/v1/cases?q={}", pct(q)),
            Some("reader"),
            "",
        );
        assert_eq!(s, 200, "{q:?}: {v}");
        v["cases"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| c["text"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(texts("ЗАКАЗ"), ["Oblachko, где мой заказ?"]);
    assert_eq!(texts("sedinta MAINE"), ["Oblachko, ședința de mâine"]);
    assert_eq!(texts("").len(), 3, "an empty q is no search");
    for hostile in ["\"", "*", "NEAR(", "OR", "a\" OR \"b", "заказ) OR (1"] {
        let _ = texts(hostile);
    }
    assert!(texts("idiots OR заказ").is_empty(), "OR is a word");
    let (s, v) = app.call(
        "GET",
        &format!("/api/v1/cases?q={}", "a".repeat(501)),
        Some("reader"),
        "",
    );
    assert_eq!((s, code(&v)), (400, "invalid_query"), "{v}");
    let (s, _) = app.call(
        "GET",
        &format!("/api/v1/cases?q={}", pct(&"я".repeat(500))),
        Some("reader"),
        "",
    );
    assert_eq!(s, 200, "500 characters, not bytes");
    // T3: the troll's case has no deadline and is not overdue.
    let (_, v) = app.call("GET", "/api/v1/cases?kind=troll", Some("reader"), "");
    let troll = &v["cases"][0];
    assert_eq!(troll["kind"], "troll", "{v}");
    assert!(
        troll["due"].is_null() && troll["first_response_due"].is_null(),
        "{troll}"
    );
    assert_eq!(troll["overdue"], false);
}
