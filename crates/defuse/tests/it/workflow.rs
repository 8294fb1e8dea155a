//! The case workflow end to end with the real binary, real SQLite files and a real webhook
//! receiver on a loopback port, the clock driven by `DEFUSE_NOW` (no sleeping): a breach fires
//! exactly at its deadline and its webhook is signed, retried with backoff and delivered once; a
//! follow-up fires once across restarts [F1]; deleting criticism is refused [M1] while spam goes
//! under a rule [M2, M3]; `defuse audit verify` catches a record edited in the database; and the
//! HTTP API's workflow routes.

use crate::desk::{data_dir, http, json, run, serve};
use crate::mock::{Hit, Mock, mock};
use hmac::{Hmac, Mac};
use std::io::Write;

/// A webhook receiver on a free loopback port: answers 500 to the first `fail_first` requests,
/// then 200, and records every request.
fn receiver(fail_first: usize) -> (String, Mock) {
    let m = mock(move |n, _| (if n <= fail_first { 500 } else { 200 }, String::new()));
    (m.url.trim_start_matches("http://").to_string(), m)
}

fn hits(m: &Mock) -> Vec<Hit> {
    m.hits()
}

fn setup(webhook_addr: &str) -> tempfile::TempDir {
    let dir = data_dir();
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.path().join("defuse.toml"))
        .expect("settings");
    write!(
        f,
        "\n[[alerts.webhooks]]\nname = \"team\"\nurl = \"http://{webhook_addr}/hook\"\n\
         format = \"json\"\nsecret = \"s3cret\"\nevents = [\"sla_breach\", \"follow_up_due\"]\n"
    )
    .expect("write");
    let mentions = dir.path().join("m.jsonl");
    std::fs::write(
        &mentions,
        concat!(
            r#"{"source":"vk","id":"1","text":"Облачко, третий день нет интернета, верните деньги!","created_at":"2026-11-20T10:00:00Z","author":{"id":"ira"}}"#,
            "\n",
            r#"{"source":"vk","id":"2","text":"Облачко 🔥 Заработок от 5000 в день без вложений! Пиши в ЛС, ссылка в профиле","created_at":"2026-11-20T10:01:00Z","author":{"id":"bot"}}"#,
            "\n"
        ),
    )
    .expect("mentions");
    let d = dir.path().to_str().expect("path");
    let (code, _, err) = run(
        &["import", "--data", d, mentions.to_str().expect("path")],
        "2026-11-20T10:02:00Z",
    );
    assert_eq!(code, 0, "{err}");
    dir
}

fn tick(d: &str, at: &str) -> serde_json::Value {
    let (code, out, err) = run(&["tick", "--data", d, "--json"], at);
    assert_eq!(code, 0, "{err}");
    json(&out)
}

fn case_id(d: &str, at: &str) -> i64 {
    let (_, out, _) = run(&["inbox", "--data", d, "--json", "--brand", "Облачко"], at);
    json(&out)
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|c| c["kind"] == "complaint")
                .and_then(|c| c["id"].as_i64())
        })
        .expect("the complaint's case")
}

#[test]
fn rt1_a_breach_fires_at_its_deadline_and_its_signed_webhook_is_retried_then_delivered_once() {
    let (addr, received) = receiver(1);
    let dir = setup(&addr);
    let d = dir.path().to_str().expect("path");
    // First response due 11:00 (60 min after the post, not after the import).
    let r = tick(d, "2026-11-20T10:59:59Z");
    assert_eq!(
        r["queued_deliveries"], 0,
        "warnings fired, no breach yet: {r}"
    );
    assert!(hits(&received).is_empty());
    let (_, out, _) = run(
        &["inbox", "--data", d, "--breached", "--json"],
        "2026-11-20T10:59:59Z",
    );
    assert_eq!(json(&out).as_array().map(Vec::len), Some(0));
    let (_, out, _) = run(
        &["inbox", "--data", d, "--breached", "--json"],
        "2026-11-20T11:00:00Z",
    );
    assert!(
        json(&out).as_array().is_some_and(|a| !a.is_empty()),
        "breached at 11:00"
    );

    let r = tick(d, "2026-11-20T11:00:00Z");
    assert!(r["fired"].as_u64().is_some_and(|n| n >= 1), "{r}");
    assert_eq!(r["failed_attempts"], 1, "the receiver answered 500: {r}");
    assert_eq!(hits(&received).len(), 1);
    // Backoff: not retried 10 s later, retried after 30 s.
    tick(d, "2026-11-20T11:00:10Z");
    assert_eq!(hits(&received).len(), 1);
    let r = tick(d, "2026-11-20T11:00:31Z");
    assert!(r["delivered"].as_u64().is_some_and(|n| n >= 1), "{r}");
    tick(d, "2026-11-20T11:30:00Z");
    let got = hits(&received);
    let breaches: Vec<&Hit> = got
        .iter()
        .filter(|h| h.header("X-Defuse-Event") == Some("sla_breach"))
        .collect();
    assert!(breaches.len() >= 2);
    let first_id = breaches[0].header("X-Defuse-Delivery");
    assert!(
        breaches
            .iter()
            .filter(|h| h.header("X-Defuse-Delivery") == first_id)
            .count()
            == 2,
        "the same delivery, tried twice, never a new one"
    );
    // The signature is HMAC-SHA256 of the body under the secret.
    let h = breaches[1];
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"s3cret").expect("key");
    mac.update(h.body.as_bytes());
    let want: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        h.header("X-Defuse-Signature"),
        Some(format!("sha256={want}").as_str())
    );
    let body = json(&h.body);
    assert_eq!(body["event"], "sla_breach");
    assert_eq!(body["due"], "2026-11-20T11:00:00Z");
    assert_eq!(body["case"]["brand"], "Облачко");
}

#[test]
fn f1_a_follow_up_fires_once_across_restarts() {
    let (addr, received) = receiver(0);
    let dir = setup(&addr);
    let d = dir.path().to_str().expect("path");
    let id = case_id(d, "2026-11-20T10:05:00Z").to_string();
    let (code, out, err) = run(
        &[
            "case",
            "reply",
            &id,
            "Спасибо, что написали! Проверяем линию.",
            "--data",
            d,
            "--as",
            "anna",
        ],
        "2026-11-20T10:10:00Z",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("acknowledged"), "{out}");
    let (code, out, err) = run(
        &[
            "case",
            "move",
            &id,
            "--to",
            "resolved",
            "--reason",
            "line repaired",
            "--data",
            d,
        ],
        "2026-11-20T15:00:00Z",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("resolved"), "{out}");
    tick(d, "2026-11-23T14:59:59Z");
    let follow = |h: &Vec<Hit>| {
        h.iter()
            .filter(|x| x.header("X-Defuse-Event") == Some("follow_up_due"))
            .count()
    };
    assert_eq!(follow(&hits(&received)), 0);
    // Each `defuse tick` is a new process: a restart every time.
    tick(d, "2026-11-23T15:00:00Z");
    tick(d, "2026-11-23T15:00:01Z");
    tick(d, "2026-11-24T15:00:00Z");
    assert_eq!(follow(&hits(&received)), 1, "fired once");
    let (code, out, _) = run(
        &[
            "case",
            "follow-up",
            &id,
            "--outcome",
            "still_broken",
            "--data",
            d,
        ],
        "2026-11-24T16:00:00Z",
    );
    assert_eq!(code, 0);
    assert!(out.contains("acknowledged"), "still broken reopens: {out}");
}

#[test]
fn m1_deleting_criticism_is_refused_and_audit_verify_catches_an_edited_record() {
    let (addr, _received) = receiver(0);
    let dir = setup(&addr);
    let d = dir.path().to_str().expect("path");
    let now = "2026-11-20T10:30:00Z";
    let (code, _, err) = run(
        &[
            "moderate", "1", "--action", "delete", "--rule", "spam", "--data", d,
        ],
        now,
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("[M1]") && err.contains("criticism_protected"),
        "{err}"
    );
    let (code, _, err) = run(&["moderate", "2", "--action", "hide", "--data", d], now);
    assert_eq!(code, 1, "no rule named [M3]");
    assert!(err.contains("M3"), "{err}");
    let (code, out, err) = run(
        &[
            "moderate", "2", "--action", "delete", "--rule", "spam", "--reason", "an ad", "--data",
            d,
        ],
        now,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("deleted") && out.contains("M4"), "{out}");
    let (code, _, err) = run(&["moderate", "2", "--action", "unhide", "--data", d], now);
    assert_eq!(code, 1, "a deleted mention stays deleted");
    assert!(err.contains("already_deleted"), "{err}");

    let (code, out, _) = run(&["audit", "verify", "--data", d], now);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("intact"), "{out}");
    let db = dir.path().join("defuse.db");
    let c = rusqlite::Connection::open(&db).expect("db");
    let seq: i64 = c
        .query_row(
            "SELECT seq FROM audit WHERE action = 'mention.moderation'",
            [],
            |r| r.get(0),
        )
        .expect("the delete is audited");
    c.execute(
        "UPDATE audit SET detail = replace(detail, 'spam', 'none') WHERE seq = ?1",
        [seq],
    )
    .expect("tamper");
    drop(c);
    let (code, out, _) = run(&["audit", "verify", "--data", d], now);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("record {seq} was edited")), "{out}");
}

#[test]
fn the_http_api_runs_the_workflow_with_roles() {
    let (addr, _received) = receiver(0);
    let dir = setup(&addr);
    let d = dir.path().to_str().expect("path");
    let (_, agent, _) = run(
        &["token", "create", "--name", "anna", "--data", d],
        "2026-11-20T11:00:00Z",
    );
    let (_, lead, _) = run(
        &[
            "token",
            "create",
            "--name",
            "lead",
            "--role",
            "supervisor",
            "--data",
            d,
        ],
        "2026-11-20T11:00:00Z",
    );
    let (agent, lead) = (agent.trim().to_string(), lead.trim().to_string());
    let (_server, api) = serve(d, "127.0.0.1:0");
    let (_, body) = http(
        &api,
        "GET",
        "/api/v1/cases?brand=%D0%9E%D0%B1%D0%BB%D0%B0%D1%87%D0%BA%D0%BE&kind=complaint",
        Some(&agent),
        "",
    );
    let id = json(&body)["cases"][0]["id"].as_i64().expect("case");
    let path = |p: &str| format!("/api/v1/cases/{id}/{p}");

    let (status, body) = http(&api, "POST", &path("replies"), None, r#"{"text":"x"}"#);
    assert_eq!(status, 401, "{body}");
    let (status, body) = http(
        &api,
        "POST",
        &path("transitions"),
        Some(&agent),
        r#"{"to":"in_private"}"#,
    );
    assert_eq!(status, 409, "{body}");
    assert_eq!(json(&body)["error"]["rule"], "RC11");
    let (status, body) = http(
        &api,
        "POST",
        &path("replies"),
        Some(&agent),
        r#"{"text":"Спасибо! Разбираемся, напишите номер договора в личные сообщения.","visibility":"public"}"#,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["status"], "acknowledged");
    assert!(
        json(&body)["coach"]["findings"].is_array(),
        "the reply is checked: {body}"
    );
    // The reply coach over HTTP [RC5]: a draft that blames the customer is an error.
    let (status, body) = http(
        &api,
        "POST",
        "/api/v1/coach/check",
        Some(&agent),
        r#"{"text":"Уважаемый клиент, согласно договору вы должны были уведомить нас заранее.","visibility":"public","kind":"complaint"}"#,
    );
    assert_eq!(status, 200, "{body}");
    let check = json(&body);
    assert!(check["errors"].as_u64().unwrap_or(0) >= 1, "{body}");
    assert!(check["findings"].to_string().contains("RC5"), "{body}");
    let (status, body) = http(
        &api,
        "POST",
        "/api/v1/coach/check",
        Some(&agent),
        r#"{"text":""}"#,
    );
    assert_eq!(
        (status, json(&body)["error"]["code"].as_str()),
        (400, Some("invalid_request")),
        "{body}"
    );
    let (status, body) = http(
        &api,
        "POST",
        "/api/v1/coach/draft",
        Some(&agent),
        &format!(r#"{{"case":{id}}}"#),
    );
    assert_eq!(status, 200, "{body}");
    let draft = json(&body);
    assert_eq!(draft["lang"], "ru");
    assert!(!draft["text"].as_str().unwrap_or("").is_empty(), "{body}");
    assert!(
        draft["findings"]
            .as_array()
            .is_some_and(|f| f.iter().all(|x| x["severity"] != "error")),
        "a draft passes the check: {body}"
    );
    let (status, body) = http(
        &api,
        "POST",
        &path("assign"),
        Some(&agent),
        r#"{"agent":"anna"}"#,
    );
    assert_eq!(status, 200, "{body}");
    // A colleague acting on the same case is warned.
    let (status, body) = http(
        &api,
        "POST",
        &path("transitions"),
        Some(&lead),
        r#"{"to":"in_private","reason":"details"}"#,
    );
    assert_eq!(status, 200, "{body}");
    let w = json(&body)["warnings"].to_string();
    assert!(
        w.contains("assigned_to_other") && w.contains("colleague_working"),
        "{w}"
    );
    let (status, body) = http(
        &api,
        "POST",
        &path("transitions"),
        Some(&agent),
        r#"{"to":"closed"}"#,
    );
    assert_eq!(
        (status, json(&body)["error"]["code"].as_str()),
        (409, Some("not_allowed"))
    );
    let (status, body) = http(
        &api,
        "POST",
        &path("transitions"),
        Some(&agent),
        r#"{"to":"nowhere"}"#,
    );
    assert_eq!(
        (status, json(&body)["error"]["code"].as_str()),
        (400, Some("invalid_request"))
    );

    // Moderation: the agent may not delete criticism; the supervisor may override in writing.
    let (status, body) = http(
        &api,
        "POST",
        "/api/v1/mentions/1/moderation",
        Some(&agent),
        r#"{"action":"delete","rule":"spam"}"#,
    );
    assert_eq!(status, 409, "{body}");
    assert_eq!(json(&body)["error"]["rule"], "M1");
    let (status, body) = http(
        &api,
        "POST",
        "/api/v1/mentions/1/moderation",
        Some(&agent),
        r#"{"action":"hide","rule":"spam","override_reason":"I think it is fine to hide"}"#,
    );
    assert_eq!(
        (status, json(&body)["error"]["code"].as_str()),
        (409, Some("override_not_allowed"))
    );
    let (status, body) = http(
        &api,
        "POST",
        "/api/v1/mentions/1/moderation",
        Some(&lead),
        r#"{"action":"hide","rule":"spam","override_reason":"the customer asked us to hide it (ticket 88)"}"#,
    );
    assert_eq!(status, 200, "{body}");
    assert_eq!(json(&body)["decision"]["overridden"], true);
    let (status, body) = http(
        &api,
        "POST",
        "/api/v1/mentions/999/moderation",
        Some(&lead),
        r#"{"action":"hide"}"#,
    );
    assert_eq!(
        (status, json(&body)["error"]["code"].as_str()),
        (404, Some("mention_not_found"))
    );

    let (status, body) = http(
        &api,
        "GET",
        "/api/v1/audit?overridden=true",
        Some(&agent),
        "",
    );
    assert_eq!(status, 200);
    let recs = json(&body)["records"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["actor"], "lead");
    let (_, body) = http(
        &api,
        "GET",
        &format!("/api/v1/audit?case={id}"),
        Some(&agent),
        "",
    );
    let actions: Vec<String> = json(&body)["records"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|r| r["action"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    for a in [
        "case.reply",
        "case.assign",
        "case.transition",
        "mention.moderation",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    let (_, body) = http(&api, "GET", "/api/v1/audit/verify", Some(&agent), "");
    assert_eq!(json(&body)["ok"], true, "{body}");

    let (_, body) = http(
        &api,
        "GET",
        &format!("/api/v1/cases/{id}"),
        Some(&agent),
        "",
    );
    let c = json(&body);
    assert_eq!(c["status"], "in_private");
    assert_eq!(c["workflow"]["assigned_to"], "anna");
    assert_eq!(
        c["workflow"]["advice"]["strategy"],
        "answer_publicly_then_private"
    );
    // Posted 10:00, answered at the server's 12:00: the first response came late.
    assert_eq!(c["workflow"]["clocks"][0]["state"], "met_late");
    assert_eq!(c["thread"][0]["moderation"], "hidden");
}
