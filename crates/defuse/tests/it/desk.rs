//! The desk end to end with the real binary and a real SQLite file: init, import (JSON Lines and
//! CSV), idempotency, a `kill -9` in the middle of an import, inbox, stats, tokens, the HTTP API
//! on a loopback port, and the demo.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Stdio;

pub(crate) use crate::defuse;

pub(crate) fn run(args: &[&str], now: &str) -> (i32, String, String) {
    let out = defuse()
        .args(args)
        .env("DEFUSE_NOW", now)
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const BRANDS: &str = r##"
[[brands]]
name = "Облачко"
aliases = ["Oblachko"]
hashtags = ["#облачко"]
domains = ["oblachko.ru"]
handles = ["oblachko"]
competitors = ["Тучка"]

[[brands]]
name = "AeroSky"
aliases = ["АэроСкай"]
handles = ["aerosky"]
"##;

pub(crate) fn data_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().to_str().expect("utf-8 path");
    let (code, _, err) = run(&["init", "--data", d], "2026-11-20T12:00:00Z");
    assert_eq!(code, 0, "{err}");
    let path = dir.path().join("defuse.toml");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("settings");
    f.write_all(BRANDS.as_bytes()).expect("write");
    dir
}

pub(crate) fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

const NOW: &str = "2026-11-20T12:00:00Z";

#[test]
fn import_twice_keeps_one_copy_reports_bad_lines_and_counts_match() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let file = dir.path().join("in.jsonl");
    std::fs::write(
        &file,
        [
            r#"{"source":"vk","id":"1","text":"Облачко, третий день нет интернета!!!","created_at":"2026-11-20T09:00:00+03:00","author":{"id":"u1"}}"#,
            r#"{"source":"vk","id":"2","text":"и никто не отвечает","parent_id":"1","created_at":"2026-11-20T09:10:00+03:00","author":{"id":"u1"}}"#,
            "{not json",
            r#"{"source":"x","id":"7","text":"@aerosky where is my bag? Flight RS 271"}"#,
            "",
            r#"{"source":"vk","id":"3","text":"погода хорошая"}"#,
            r#"{"source":"vk","id":"4","text":"Облачко","created_at":"вчера"}"#,
        ]
        .join("\n"),
    )
    .expect("write");
    let f = file.to_str().expect("path");
    let (code, out, err) = run(&["import", "--data", d, "--json", f], NOW);
    assert_eq!(code, 1, "a rejected line makes the exit code 1: {err}");
    let s = json(&out);
    assert_eq!(s["read"], 6);
    assert_eq!(s["new"], 4);
    assert_eq!(s["unmatched"], 1);
    assert_eq!(s["rejected"], 2);
    assert!(err.contains("in.jsonl:3: rejected: json"), "{err}");
    assert!(err.contains("in.jsonl:7: rejected: created_at"), "{err}");

    let (_, out, _) = run(&["import", "--data", d, "--json", f], NOW);
    let s = json(&out);
    assert_eq!(
        (s["new"].as_u64(), s["duplicates"].as_u64()),
        (Some(0), Some(4))
    );

    let (code, out, _) = run(&["stats", "--data", d, "--json"], NOW);
    assert_eq!(code, 0);
    let st = json(&out);
    assert_eq!(st["mentions"], 4);
    assert_eq!(st["unmatched"], 1);
    assert_eq!(st["cases"]["new"], 2);
    assert_eq!(st["brands"]["Облачко"]["mentions"], 2);
    assert_eq!(st["brands"]["Облачко"]["cases"], 1);
    assert_eq!(st["brands"]["AeroSky"]["cases"], 1);

    let (_, out, _) = run(&["inbox", "--data", d, "--json"], NOW);
    let q = json(&out);
    let q = q.as_array().expect("array");
    assert_eq!(q.len(), 2);
    // The Облачко case was posted 06:00Z and is overdue at noon: it comes first.
    assert_eq!(q[0]["brand"], "Облачко");
    assert_eq!(q[0]["overdue"], true);
    assert_eq!(q[0]["mentions"], 2);
    assert!(
        q[0]["risk_factors"]
            .as_array()
            .is_some_and(|f| !f.is_empty())
    );
    let (_, table, _) = run(&["inbox", "--data", d, "--brand", "AeroSky"], NOW);
    assert!(
        table.contains("where is my bag") && !table.contains("Облачко"),
        "{table}"
    );
    // Search: the words of any message of the case, each a prefix, in any case; the thread's
    // second message ("и никто не отвечает") finds its case.
    let (_, out, _) = run(
        &["inbox", "--data", d, "--json", "--search", "НИКТО отвеч"],
        NOW,
    );
    let q = json(&out);
    assert_eq!(q.as_array().map(Vec::len), Some(1), "{q}");
    assert_eq!(q[0]["brand"], "Облачко");
    let (_, table, _) = run(
        &["inbox", "--data", d, "--search", "bag\" OR \"интернет"],
        NOW,
    );
    assert!(
        table.contains("the queue is empty"),
        "OR is a word: {table}"
    );
}

#[test]
fn global_options_go_before_or_after_the_subcommand() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let file = dir.path().join("in.jsonl");
    std::fs::write(
        &file,
        r#"{"source":"vk","id":"1","text":"Облачко, третий день нет интернета!!!","created_at":"2026-11-20T09:00:00+03:00"}"#,
    )
    .expect("write");
    let f = file.to_str().expect("path");
    let (code, out, err) = run(&["--data", d, "--json", "import", f], NOW);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["new"], 1);
    let (code, out, err) = run(&["--json", &format!("--data={d}"), "stats"], NOW);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["mentions"], 1);
    let (code, out, err) = run(&["--data", d, "case", "show", "1", "--json"], NOW);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["id"], 1);
    // After the subcommand, as before.
    let (code, out, err) = run(&["stats", "--json", "--data", d], NOW);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["mentions"], 1);
    // A data directory given before a command that has none is an error, not ignored.
    let (code, _, err) = run(&["--data", d, "analyze"], NOW);
    assert_eq!(code, 2, "{err}");
}

#[cfg(unix)]
#[test]
fn the_data_directory_and_its_files_are_the_owners_alone() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("desk");
    let d = dir.to_str().expect("path");
    let (code, _, err) = run(&["init", "--data", d], NOW);
    assert_eq!(code, 0, "{err}");
    let file = tmp.path().join("in.jsonl");
    std::fs::write(
        &file,
        r#"{"source":"vk","id":"1","text":"нет интернета","created_at":"2026-11-20T09:00:00+03:00"}"#,
    )
    .expect("write");
    let (code, _, err) = run(&["import", "--data", d, file.to_str().expect("path")], NOW);
    assert!(code == 0 || code == 1, "{err}");
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    let mut files = 0;
    for e in std::fs::read_dir(&dir).expect("dir") {
        let p = e.expect("entry").path();
        assert_eq!(mode(&p), 0o600, "{}", p.display());
        files += 1;
    }
    assert!(files >= 2, "defuse.toml and defuse.db");
}

#[test]
fn case_show_and_inbox_print_no_terminal_controls_from_a_mention() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let file = dir.path().join("in.jsonl");
    std::fs::write(
        &file,
        r#"{"source":"vk","id":"1","text":"Облачко, нет интернета\u001b[2J\u0007\r!\u202e","created_at":"2026-11-20T09:00:00+03:00","author":{"id":"u\u001b]0;x\u0007"}}"#,
    )
    .expect("write");
    let (code, _, err) = run(&["import", "--data", d, file.to_str().expect("path")], NOW);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(
        &[
            "case",
            "reply",
            "1",
            "Пожалуйста\u{1b}[31m",
            "--data",
            d,
            "--force",
        ],
        NOW,
    );
    assert_eq!(code, 0, "{err}");
    for args in [
        &["case", "show", "1", "--data", d][..],
        &["inbox", "--data", d][..],
        &["audit", "list", "--data", d][..],
    ] {
        let (code, out, err) = run(args, NOW);
        assert_eq!(code, 0, "{args:?}: {err}");
        for bad in ['\x1b', '\x07', '\r', '\u{202e}'] {
            assert!(!out.contains(bad), "{args:?} printed {bad:?}: {out:?}");
        }
    }
    let (_, out, _) = run(&["case", "show", "1", "--data", d], NOW);
    assert!(out.contains("␛[2J␇␍"), "{out}");
}

#[test]
fn case_reply_shows_the_coach_and_records_an_erroneous_reply_only_with_force() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let file = dir.path().join("in.jsonl");
    std::fs::write(
        &file,
        r#"{"source":"vk","id":"1","text":"Облачко, третий день нет интернета!!!","created_at":"2026-11-20T09:00:00+03:00"}"#,
    )
    .expect("write");
    let (code, _, err) = run(&["import", "--data", d, file.to_str().expect("path")], NOW);
    assert_eq!(code, 0, "{err}");
    let bad = "Уважаемый клиент, согласно договору вы должны были уведомить нас заранее.";
    let (code, out, err) = run(&["case", "reply", "1", bad, "--data", d], NOW);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("error RC5"), "{out}");
    assert!(err.contains("--force"), "{err}");
    let replies = |d: &str| {
        let (_, out, _) = run(&["case", "show", "1", "--data", d, "--json"], NOW);
        json(&out)["workflow"]["replies"]
            .as_array()
            .map(|r| r.len())
            .unwrap_or(0)
    };
    assert_eq!(replies(d), 0, "not recorded");
    let (code, out, err) = run(&["case", "reply", "1", bad, "--data", d, "--force"], NOW);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("error RC5") && out.contains("case 1:"),
        "{out}"
    );
    assert_eq!(replies(d), 1, "recorded with --force");
}

#[test]
fn import_refuses_post_times_in_the_future_or_before_2000_and_keeps_the_rest() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let file = dir.path().join("in.jsonl");
    std::fs::write(
        &file,
        [
            r#"{"source":"vk","id":"1","text":"Облачко, нет интернета","created_at":"2026-11-20T09:00:00+03:00"}"#,
            r#"{"source":"vk","id":"2","text":"Облачко, опять нет интернета","created_at":"2030-01-01T00:00:00Z"}"#,
            r#"{"source":"vk","id":"3","text":"Облачко, и снова","created_at":"0001-01-01T00:00:00Z"}"#,
            r#"{"source":"vk","id":"4","text":"Облачко, где интернет","created_at":"2026-11-20T10:00:00+03:00"}"#,
        ]
        .join("\n"),
    )
    .expect("write");
    let (code, out, err) = run(
        &[
            "import",
            "--data",
            d,
            "--json",
            file.to_str().expect("path"),
        ],
        NOW,
    );
    assert_eq!(code, 1, "{err}");
    let s = json(&out);
    assert_eq!(
        (s["read"].as_u64(), s["rejected"].as_u64()),
        (Some(4), Some(2))
    );
    assert!(err.contains("in.jsonl:2: rejected: created_at"), "{err}");
    assert!(err.contains("in.jsonl:3: rejected: created_at"), "{err}");
    let (_, out, _) = run(&["stats", "--data", d, "--json"], NOW);
    assert_eq!(json(&out)["mentions"], 2);
}

#[test]
fn csv_exports_load_through_a_column_mapping() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let file = dir.path().join("export.csv");
    std::fs::write(
        &file,
        "Post ID,Content,Date,Author,Likes\n\
         101,\"Oblachko, why is my bill double?\",2026-11-20 10:00:00+03:00,ira,5\n\
         102,\"Облачко, спасибо, всё починили!\",2026-11-20 11:00:00+03:00,max,notanumber\n",
    )
    .expect("write");
    let (code, out, err) = run(
        &[
            "import",
            "--data",
            d,
            "--json",
            "--source",
            "vk",
            "--map",
            "id=Post ID",
            "--map",
            "text=Content",
            "--map",
            "created_at=Date",
            "--map",
            "author.handle=Author",
            "--map",
            "metrics.likes=Likes",
            file.to_str().expect("path"),
        ],
        NOW,
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("export.csv:3: rejected: metrics.likes"),
        "{err}"
    );
    assert_eq!(json(&out)["new"], 1);
    let (code, _, err) = run(
        &[
            "import",
            "--data",
            d,
            "--map",
            "txt=Content",
            file.to_str().expect("path"),
        ],
        NOW,
    );
    assert_eq!(code, 2);
    assert!(err.contains("unknown field 'txt'"), "{err}");
}

/// A mention line for the kill test: every fifth id repeats an earlier one.
fn bulk(path: &Path, n: usize) -> usize {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let mut unique = std::collections::HashSet::new();
    for i in 0..n {
        let id = if i % 5 == 4 { i / 2 } else { i };
        unique.insert(id);
        writeln!(
            f,
            r#"{{"source":"vk","id":"{id}","text":"Облачко, заказ {id}: интернет пропал, верните деньги за месяц","created_at":"2026-11-20T10:00:00+03:00","author":{{"id":"u{id}"}}}}"#
        )
        .expect("write");
    }
    unique.len()
}

#[test]
fn kill_9_during_an_import_then_the_same_import_again_loses_and_doubles_nothing() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let file = dir.path().join("bulk.jsonl");
    let unique = bulk(&file, 5_000);
    let db = dir.path().join("defuse.db");
    let mut child = defuse()
        .args([
            "import",
            "--data",
            d,
            "--batch",
            "500",
            "--threads",
            "1",
            file.to_str().expect("path"),
        ])
        .env("DEFUSE_NOW", NOW)
        // The test hook (import_cmd.rs): die without cleanup, like kill -9, right after the
        // second batch commits — always mid-import, never by timing.
        .env("DEFUSE_TEST_ABORT_AFTER_BATCHES", "2")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let status = child.wait().expect("wait");
    assert!(!status.success(), "the import was cut off: {status:?}");
    let after_kill = count_mentions(&db);
    assert!(
        after_kill > 0,
        "some batches were committed before the kill"
    );
    assert!(
        (after_kill as usize) < unique,
        "the kill came before the end ({after_kill})"
    );

    let (code, out, err) = run(
        &[
            "import",
            "--data",
            d,
            "--json",
            file.to_str().expect("path"),
        ],
        NOW,
    );
    assert_eq!(code, 0, "{err}");
    let s = json(&out);
    assert_eq!(s["new"].as_u64().unwrap_or(0) + after_kill, unique as u64);
    let (_, out, _) = run(&["stats", "--data", d, "--json"], NOW);
    let st = json(&out);
    assert_eq!(
        st["mentions"].as_u64(),
        Some(unique as u64),
        "exactly the unique mentions"
    );
    assert_eq!(
        st["brands"]["Облачко"]["cases"].as_u64(),
        Some(unique as u64)
    );
}

fn count_mentions(db: &Path) -> u64 {
    if !db.exists() {
        return 0;
    }
    // Read through the binary's own view of the store: `stats --json` opens the same file.
    let dir = db.parent().expect("dir").to_str().expect("path");
    let out = defuse()
        .args(["stats", "--data", dir, "--json"])
        .output()
        .expect("stats");
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .ok()
        .and_then(|v| v["mentions"].as_u64())
        .unwrap_or(0)
}

/// One HTTP/1.1 request over a plain TCP connection: (status, body).
pub(crate) fn http(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: &str,
) -> (u16, String) {
    // Non-2xx statuses are answers to check, not errors.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .build()
        .into();
    let mut req = ureq::http::Request::builder()
        .method(method)
        .uri(format!("http://{addr}{path}"))
        .header("Host", addr);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    if !body.is_empty() {
        req = req.header("Content-Type", "application/json");
    }
    let req = req.body(body.to_string()).expect("a request");
    let mut resp = match agent.run(req) {
        Ok(r) => r,
        Err(e) => panic!("{method} {path}: {e}"),
    };
    let status = resp.status().as_u16();
    let body = resp.body_mut().read_to_string().expect("a text body");
    (status, body)
}

#[test]
fn the_test_client_decodes_chunked_bodies_and_returns_error_statuses() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    let server = std::thread::spawn(move || {
        for status in ["404 Not Found", "200 OK"] {
            let (mut s, _) = listener.accept().expect("accept");
            let mut r = BufReader::new(s.try_clone().expect("clone"));
            let mut host = String::new();
            let mut line = String::new();
            while r.read_line(&mut line).expect("read") > 0 && line != "\r\n" {
                if line.to_ascii_lowercase().starts_with("host:") {
                    host = line[5..].trim().to_string();
                }
                line.clear();
            }
            // A body with a line made only of hex digits ("beef"), in two chunks.
            let body = format!("ab\nbeef\n{host}");
            let (a, b) = body.split_at(3);
            write!(
                s,
                "HTTP/1.1 {status}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n",
                a.len(),
                b.len()
            )
            .expect("write");
        }
    });
    let (code, _) = http(&addr, "GET", "/missing", None, "");
    assert_eq!(code, 404);
    let (code, body) = http(&addr, "POST", "/x", Some("t"), "{}");
    assert_eq!(code, 200);
    assert_eq!(body, format!("ab\nbeef\n{addr}"));
    server.join().expect("server");
}

pub(crate) struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn serve(d: &str, bind: &str) -> (Server, String) {
    let mut child = defuse()
        .args(["serve", "--data", d, "--bind", bind])
        .env("DEFUSE_NOW", NOW)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("banner");
    let addr = line
        .split("http://")
        .nth(1)
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|| panic!("no address in: {line}"));
    (Server(child), addr)
}

#[test]
fn the_http_api_takes_mentions_and_serves_cases_on_a_loopback_port() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let (code, token, _) = run(&["token", "create", "--data", d], NOW);
    assert_eq!(code, 0);
    let token = token.trim().to_string();
    let (_server, addr) = serve(d, "127.0.0.1:0");

    let batch = r#"[
        {"source":"x","id":"1","text":"@aerosky lost my bag <script>alert(1)</script>","created_at":"2026-11-20T11:30:00Z","author":{"id":"a1","followers":50000}},
        {"source":"x","id":"2","text":"Oblachko, why no internet?","created_at":"2026-11-20T09:00:00Z"},
        {"source":"x","id":"3"}
    ]"#;
    let (status, body) = http(&addr, "POST", "/api/v1/mentions", None, batch);
    assert_eq!(status, 401, "{body}");
    assert_eq!(json(&body)["error"]["code"], "unauthorized");
    let (status, body) = http(&addr, "POST", "/api/v1/mentions", Some(&token), batch);
    assert_eq!(status, 200, "{body}");
    let r = json(&body);
    assert_eq!(r["new"], 2);
    assert_eq!(r["rejected"][0]["index"], 2);
    assert_eq!(r["rejected"][0]["field"], "text");
    let (_, body) = http(&addr, "POST", "/api/v1/mentions", Some(&token), batch);
    assert_eq!(json(&body)["duplicates"], 2, "idempotent over HTTP too");
    let (status, body) = http(&addr, "POST", "/api/v1/mentions", Some(&token), "{oops");
    assert_eq!(
        (status, json(&body)["error"]["code"].as_str()),
        (400, Some("invalid_json"))
    );

    let (status, body) = http(&addr, "GET", "/api/v1/cases", None, "");
    assert_eq!(
        (status, json(&body)["error"]["code"].as_str()),
        (401, Some("unauthorized")),
        "reads need a token unless server.open_reads is set, loopback or not [bug 3]"
    );
    let (status, body) = http(&addr, "GET", "/api/v1/cases", Some(&token), "");
    assert_eq!(status, 200, "{body}");
    let cases = json(&body)["cases"].as_array().cloned().unwrap_or_default();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0]["brand"], "Облачко", "the overdue case first");
    let (_, body) = http(
        &addr,
        "GET",
        "/api/v1/cases?brand=AeroSky&source=x&kind=complaint",
        Some(&token),
        "",
    );
    let only = json(&body)["cases"].as_array().cloned().unwrap_or_default();
    assert!(only.iter().all(|c| c["brand"] == "AeroSky"));
    let (status, body) = http(&addr, "GET", "/api/v1/cases?colour=red", Some(&token), "");
    assert_eq!(
        (status, json(&body)["error"]["code"].as_str()),
        (400, Some("invalid_query"))
    );

    let id = cases[1]["id"].as_i64().expect("id");
    let (status, body) = http(
        &addr,
        "GET",
        &format!("/api/v1/cases/{id}"),
        Some(&token),
        "",
    );
    assert_eq!(status, 200);
    let c = json(&body);
    assert_eq!(c["thread"][0]["mention"]["id"], "1");
    assert!(c["thread"][0]["analysis"]["sentiment"].is_string());
    assert!(c["first_response_due"].is_string());
    let (status, body) = http(&addr, "GET", "/api/v1/cases/999999", Some(&token), "");
    assert_eq!(
        (status, json(&body)["error"]["code"].as_str()),
        (404, Some("case_not_found"))
    );

    let (status, body) = http(&addr, "GET", "/api/openapi.json", None, "");
    assert_eq!(status, 200);
    assert!(json(&body)["paths"]["/api/v1/cases/{id}"].is_object());

    // The desk's pages need a session, not a token (tests/it/web.rs).
    let (status, _) = http(&addr, "GET", "/cases", Some(&token), "");
    assert_eq!(status, 303, "to the sign-in form");
}

#[test]
fn the_demo_imports_a_realistic_week() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path().join("demo");
    let d = d.to_str().expect("path");
    let (code, out, err) = run(&["demo", "--data", d, "--no-serve"], NOW);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("3 brands"), "{out}");
    let (_, out, _) = run(&["stats", "--data", d, "--json"], NOW);
    let st = json(&out);
    assert!(st["mentions"].as_u64().unwrap_or(0) >= 300);
    assert!(st["unmatched"].as_u64().unwrap_or(0) > 0);
    for b in ["Облачко", "AeroSky", "BancaVerde"] {
        assert!(
            st["brands"][b]["cases"].as_u64().unwrap_or(0) > 10,
            "{b}: {st}"
        );
    }
    // The team's week: older cases worked through the whole loop, the last day and a half open,
    // spam hidden, trolls ignored, and an intact audit trail.
    for s in ["resolution_posted", "followed_up", "ignored", "new"] {
        assert!(
            st["cases"][s].as_u64().unwrap_or(0) > 0,
            "no {s} cases: {st}"
        );
    }
    // Reviews with a headline show it in the queue.
    let (_, out, _) = run(&["inbox", "--data", d, "--json", "--limit", "1000"], NOW);
    assert!(
        json(&out)
            .as_array()
            .is_some_and(|a| a.iter().any(|c| c["title"].is_string())),
        "a titled review among the open cases"
    );
    let (code, out, _) = run(&["audit", "verify", "--data", d], NOW);
    assert_eq!(code, 0, "{out}");
    let (_, out, _) = run(
        &[
            "audit",
            "list",
            "--data",
            d,
            "--action",
            "mention.moderation",
            "--json",
        ],
        NOW,
    );
    assert!(
        json(&out).as_array().is_some_and(|a| !a.is_empty()),
        "spam hidden under a rule"
    );
    // A second run starts afresh in the same directory.
    let (code, _, err) = run(&["demo", "--data", d, "--no-serve"], NOW);
    assert_eq!(code, 0, "{err}");
    let (_, out2, _) = run(&["stats", "--data", d, "--json"], NOW);
    assert_eq!(json(&out2)["mentions"], st["mentions"]);
}

/// Bug 11 through the binary: a brand added to defuse.toml after an import finds its earlier
/// mentions on the next command; `defuse rematch` after that finds nothing more.
#[test]
fn a_brand_added_after_an_import_finds_its_mentions() {
    let dir = data_dir();
    let d = dir.path().to_str().expect("path");
    let file = dir.path().join("m.jsonl");
    std::fs::write(
        &file,
        "{\"source\":\"x\",\"id\":\"1\",\"text\":\"BancaVerde mi-a blocat cardul, nimeni nu răspunde\",\"created_at\":\"2026-11-20T10:00:00Z\",\"author\":{\"id\":\"a1\"}}\n",
    )
    .expect("write");
    let (code, _, err) = run(&["import", "--data", d, file.to_str().expect("path")], NOW);
    assert!(code == 0 || code == 1, "{err}");
    let (_, out, _) = run(&["stats", "--data", d, "--json"], NOW);
    assert_eq!(json(&out)["unmatched"], 1);
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.path().join("defuse.toml"))
        .expect("settings");
    f.write_all(b"\n[[brands]]\nname = \"BancaVerde\"\n")
        .expect("write");
    let (code, out, err) = run(&["stats", "--data", d, "--json"], NOW);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1 of 1 unmatched mentions now matched"),
        "{err}"
    );
    let s = json(&out);
    assert_eq!(s["unmatched"], 0);
    assert_eq!(s["brands"]["BancaVerde"]["cases"], 1);
    let (code, out, _) = run(&["rematch", "--data", d, "--json"], NOW);
    assert_eq!(code, 0);
    assert_eq!(json(&out)["matched"], 0, "idempotent");
}
