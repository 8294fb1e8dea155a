//! Outgoing alerts: renders a queued delivery for its webhook's format — JSON signed with
//! HMAC-SHA256, Slack-compatible, or a Telegram bot message — and sends it. One round of the
//! background work ([`tick`]) runs the alert scan and the due jobs in the store, then sends the
//! deliveries that are due; failures are retried later with backoff by the store's outbox, so
//! nothing is lost on a restart. Receivers dedupe on `X-Defuse-Delivery` (a crash between sending
//! and recording can send one delivery twice; a job never fires twice).

use crate::settings::Webhook;
use defuse_store::desk::{Delivery, DeskPolicy, JobReport};
use defuse_store::sqlite::SqliteStore;
use hmac::{Hmac, Mac};
use jiff::Timestamp;
use serde::Serialize;
use serde_json::{Value, json};
use sha2::Sha256;
use std::sync::Mutex;

/// An HTTP request ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub url: String,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

/// HMAC-SHA256 of `body` under `secret`, as `sha256=<hex>`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(m) => m,
        // HMAC takes keys of any length; this arm cannot be reached.
        Err(_) => return String::new(),
    };
    mac.update(body);
    let bytes = mac.finalize().into_bytes();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256={hex}")
}

/// One line for people (Slack, Telegram).
pub fn summary(event: &Value) -> String {
    let name = event
        .get("event")
        .and_then(Value::as_str)
        .unwrap_or("alert");
    let case = &event["case"];
    let id = case.get("id").and_then(Value::as_i64).unwrap_or(0);
    let brand = case.get("brand").and_then(Value::as_str).unwrap_or("");
    let kind = case.get("kind").and_then(Value::as_str).unwrap_or("");
    let risk = case.get("risk").and_then(Value::as_i64).unwrap_or(0);
    // A review's headline first, when it has one: «Title» text.
    let title = case.get("title").and_then(Value::as_str);
    let text: String = title
        .map(|t| format!("«{t}» "))
        .unwrap_or_default()
        .chars()
        .chain(
            case.get("text")
                .and_then(Value::as_str)
                .unwrap_or("")
                .chars(),
        )
        .take(200)
        .collect();
    let what = match name {
        "sla_warning" => format!(
            "service level warning: {} due {}",
            event.get("clock").and_then(Value::as_str).unwrap_or(""),
            event.get("due").and_then(Value::as_str).unwrap_or("")
        ),
        "sla_breach" => format!(
            "service level BREACHED: {} was due {}",
            event.get("clock").and_then(Value::as_str).unwrap_or(""),
            event.get("due").and_then(Value::as_str).unwrap_or("")
        ),
        "high_risk" => "new high-risk case".to_string(),
        "follow_up_due" => "follow-up due: check the problem is really solved [F1]".to_string(),
        other => other.to_string(),
    };
    format!("defuse: case #{id} ({brand}, {kind}, risk {risk}) — {what}\n“{text}”")
}

/// The request for a delivery in its webhook's format.
pub fn render(w: &Webhook, d: &Delivery) -> Request {
    let event: Value = serde_json::from_str(&d.body).unwrap_or(Value::Null);
    let mut headers = vec![
        ("Content-Type".to_string(), "application/json".to_string()),
        ("X-Defuse-Event".to_string(), d.event.clone()),
        ("X-Defuse-Delivery".to_string(), d.id.to_string()),
    ];
    let body = match w.format.as_str() {
        "slack" => json!({"text": summary(&event)}).to_string(),
        "telegram" => json!({
            "chat_id": w.chat_id,
            "text": summary(&event),
            "disable_web_page_preview": true,
        })
        .to_string(),
        _ => {
            let body = d.body.clone();
            if let Some(secret) = &w.secret {
                headers.push((
                    "X-Defuse-Signature".to_string(),
                    signature(secret, body.as_bytes()),
                ));
            }
            body
        }
    };
    Request {
        url: w.url.clone(),
        body,
        headers,
    }
}

/// Sends a request; any status other than 2xx is an error.
pub fn send(r: &Request) -> Result<(), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(10)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = agent.post(&r.url);
    for (k, v) in &r.headers {
        req = req.header(k, v);
    }
    match req.send(r.body.as_bytes()) {
        Ok(resp) if resp.status().is_success() => Ok(()),
        Ok(resp) => Err(format!("HTTP {}", resp.status().as_u16())),
        Err(e) => Err(e.to_string()),
    }
}

/// At most this many webhook sends per round (each may take up to 10 s): the alert scan and the
/// jobs run again before the rest are sent.
pub const MAX_DELIVERIES_PER_ROUND: usize = 50;

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TickReport {
    #[serde(flatten)]
    pub jobs: JobReport,
    pub delivered: u64,
    pub failed_attempts: u64,
    /// Deliveries by status after the round.
    pub deliveries: std::collections::BTreeMap<String, u64>,
}

/// One round of background work at `now`. The store lock is held for the store's steps only,
/// never while a webhook is being sent.
pub fn tick(
    store: &Mutex<SqliteStore>,
    dp: &DeskPolicy,
    webhooks: &[Webhook],
    now: Timestamp,
) -> anyhow::Result<TickReport> {
    let lock = || {
        store
            .lock()
            .map_err(|_| anyhow::anyhow!("the store lock is poisoned"))
    };
    let mut report = TickReport::default();
    {
        let mut s = lock()?;
        report.jobs.scheduled = s.schedule_alerts(now, dp)?;
        let ran = s.run_jobs(now, dp)?;
        report.jobs.fired = ran.fired;
        report.jobs.obsolete = ran.obsolete;
        report.jobs.queued_deliveries = ran.queued_deliveries;
    }
    // The round's clock advances with the real time spent sending, so claims and backoff stay
    // right however long the sends take (and `DEFUSE_NOW` still fixes the start in tests).
    let started = std::time::Instant::now();
    let clock = || {
        let spent = jiff::SignedDuration::try_from(started.elapsed()).unwrap_or_default();
        now.checked_add(spent).unwrap_or(now)
    };
    let mut down: Vec<String> = Vec::new();
    for _ in 0..MAX_DELIVERIES_PER_ROUND {
        let Some(d) = lock()?.claim_delivery(clock())? else {
            break;
        };
        let result = match webhooks.iter().find(|w| w.name == d.webhook) {
            // A webhook that just failed is not tried again this round: its deliveries wait
            // for their backoff instead of blocking the others behind timeouts.
            Some(w) if down.contains(&w.name) => Err("not tried: the webhook failed earlier in \
                                                      this round"
                .to_string()),
            Some(w) => send(&render(w, &d)),
            None => Err(format!(
                "the webhook '{}' is no longer in the settings",
                d.webhook
            )),
        };
        match &result {
            Ok(()) => report.delivered += 1,
            Err(_) => {
                report.failed_attempts += 1;
                if !down.contains(&d.webhook) {
                    down.push(d.webhook.clone());
                }
            }
        }
        lock()?.delivery_attempted(d.id, result, clock())?;
    }
    report.deliveries = lock()?.delivery_counts()?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn webhook(format: &str) -> Webhook {
        Webhook {
            name: "team".into(),
            url: "http://127.0.0.1:9/hook".into(),
            format: format.into(),
            secret: Some("s3cret".into()),
            chat_id: Some("-100".into()),
            events: vec![],
        }
    }

    fn delivery() -> Delivery {
        Delivery {
            id: 7,
            webhook: "team".into(),
            event: "sla_breach".into(),
            body: json!({"event": "sla_breach", "clock": "first_response",
                         "due": "2026-11-20T11:00:00Z",
                         "case": {"id": 3, "brand": "Облачко", "kind": "complaint", "risk": 80,
                                  "text": "<b>нет интернета</b>"}})
            .to_string(),
            attempts: 0,
        }
    }

    #[test]
    fn a_case_title_leads_the_summary() {
        let with = json!({"event": "sla_breach", "clock": "first_response",
            "case": {"id": 3, "brand": "Облачко", "kind": "complaint", "risk": 80,
                     "title": "Худший провайдер", "text": "нет интернета"}});
        let s = summary(&with);
        assert!(s.contains("«Худший провайдер» нет интернета"), "{s}");
        let without = json!({"event": "sla_breach", "clock": "first_response",
            "case": {"id": 3, "text": "нет интернета"}});
        assert!(!summary(&without).contains('«'));
    }

    #[test]
    fn json_is_signed_with_hmac_sha256() {
        let r = render(&webhook("json"), &delivery());
        let sig = r
            .headers
            .iter()
            .find(|(k, _)| k == "X-Defuse-Signature")
            .map(|(_, v)| v.clone())
            .expect("signed");
        assert_eq!(sig, signature("s3cret", r.body.as_bytes()));
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert!(
            r.headers
                .iter()
                .any(|(k, v)| k == "X-Defuse-Delivery" && v == "7")
        );
    }

    #[test]
    fn slack_and_telegram_carry_a_readable_line() {
        let s: Value =
            serde_json::from_str(&render(&webhook("slack"), &delivery()).body).expect("json");
        assert!(s["text"].as_str().expect("text").contains("BREACHED"));
        let t: Value =
            serde_json::from_str(&render(&webhook("telegram"), &delivery()).body).expect("json");
        assert_eq!(t["chat_id"], "-100");
        assert!(t["text"].as_str().expect("text").contains("#3"));
    }
}
