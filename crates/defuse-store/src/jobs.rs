//! The persistent job queue: scheduling with unique keys, the alert scan (service-level
//! warnings and breaches, high-risk cases, follow-up reminders), and running due jobs, each in
//! the transaction that marks it done (never twice).

use crate::audit::append_audit;
use crate::case_row::{CaseRow, ROW_COLUMNS, case_clocks, load_case, row_of};
use crate::codec::{ms, ts};
use crate::error::DeskResult;
use crate::sqlite::SqliteStore;
use defuse_core::clocks::{self, ClockState};
use defuse_core::desk_policy::DeskPolicy;
use defuse_core::workflow::{Actor, Status};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::{Value, json};

/// Adds a job unless one with the same key exists (scheduling twice adds nothing); 1 if added.
pub(crate) fn schedule_job(
    c: &Connection,
    kind: &str,
    key: &str,
    case_id: i64,
    payload: &Value,
    run_at: i64,
    now: i64,
) -> rusqlite::Result<u64> {
    let added = c
        .prepare_cached(
            "INSERT OR IGNORE INTO jobs (kind, key, case_id, payload, run_at, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            kind,
            key,
            case_id,
            payload.to_string(),
            run_at,
            now
        ])?;
    Ok(added as u64)
}

/// What a run of the background jobs did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct JobReport {
    /// Jobs added by the alert scan.
    pub scheduled: u64,
    /// Jobs that ran (their effect happened).
    pub fired: u64,
    /// Jobs that ran but had nothing left to do (the case moved on).
    pub obsolete: u64,
    /// Webhook deliveries queued.
    pub queued_deliveries: u64,
}

impl SqliteStore {
    /// The alert scan: for each case whose clocks may have changed state, schedule a job for a
    /// warning or breach (once per clock, level and deadline) and a high-risk alert (once per
    /// case); then note when to look again.
    pub fn schedule_alerts(&mut self, now: Timestamp, dp: &DeskPolicy) -> DeskResult<u64> {
        let now = ms(now);
        let max_age = dp.alerts.max_age.0.saturating_mul(60_000);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let rows: Vec<CaseRow> = tx
            .prepare(&format!(
                "SELECT {ROW_COLUMNS} FROM cases WHERE next_alert_at IS NOT NULL \
                 AND next_alert_at <= ?1 ORDER BY next_alert_at LIMIT 5000"
            ))?
            .query_map([now], row_of)?
            .collect::<rusqlite::Result<_>>()?;
        let mut scheduled = 0u64;
        for k in rows {
            let views = case_clocks(&k, &dp.policy, now);
            for v in &views {
                let (kind, at) = match v.state {
                    ClockState::Breached => ("sla_breach", v.due),
                    ClockState::Warning => ("sla_warning", v.warn_at),
                    _ => continue,
                };
                if now - ms(at) > max_age {
                    continue;
                }
                let key = format!("{kind}:{}:{}:{}", k.id, v.clock.as_str(), ms(v.due));
                scheduled += schedule_job(
                    &tx,
                    kind,
                    &key,
                    k.id,
                    &json!({"clock": v.clock.as_str(), "due": ms(v.due)}),
                    ms(at),
                    now,
                )?;
            }
            if k.risk >= i64::from(dp.alerts.high_risk)
                && k.status.is_open()
                && now - k.last_customer_at <= max_age
            {
                scheduled += schedule_job(
                    &tx,
                    "high_risk",
                    &format!("high_risk:{}", k.id),
                    k.id,
                    &json!({"risk": k.risk}),
                    now,
                    now,
                )?;
            }
            let next = clocks::next_change(&views, ts(now)).map(ms);
            tx.prepare_cached("UPDATE cases SET next_alert_at = ?2 WHERE id = ?1")?
                .execute(params![k.id, next])?;
        }
        tx.commit()?;
        Ok(scheduled)
    }

    /// Runs the jobs that are due, each in its own transaction that also marks it done, so a job
    /// never fires twice — not after a crash, not with two runners.
    pub fn run_jobs(&mut self, now: Timestamp, dp: &DeskPolicy) -> DeskResult<JobReport> {
        let now_ms = ms(now);
        let mut report = JobReport::default();
        let names = self.names.clone();
        let due: Vec<(i64, String, Option<i64>, String, i64)> = self
            .conn
            .prepare(
                "SELECT id, kind, case_id, payload, run_at FROM jobs WHERE status = 'pending' \
                 AND run_at <= ?1 ORDER BY run_at, id LIMIT 1000",
            )?
            .query_map([now_ms], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (job_id, kind, case_id, payload, run_at) in due {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            // Claim: only the runner that flips it from pending does the work.
            let claimed = tx.execute(
                "UPDATE jobs SET status = 'done', finished_at = ?2 WHERE id = ?1 \
                 AND status = 'pending'",
                params![job_id, now_ms],
            )?;
            if claimed == 0 {
                continue;
            }
            let payload: Value = serde_json::from_str(&payload).unwrap_or(Value::Null);
            let k = match case_id {
                Some(id) => load_case(&tx, id)?,
                None => None,
            };
            let event = k
                .as_ref()
                .and_then(|k| job_event(k, &kind, &payload, now_ms, dp));
            let outcome = match (&k, event) {
                (Some(k), Some(event)) => {
                    let mut body = event;
                    body["case"] = case_brief(&tx, &names, k)?;
                    append_audit(
                        &tx,
                        now_ms,
                        &Actor::system(),
                        &format!("alert.{kind}"),
                        Some(k.id),
                        None,
                        &body,
                        false,
                    )?;
                    if kind == "follow_up" {
                        tx.execute(
                            "UPDATE cases SET follow_up_reminded_at = ?2 WHERE id = ?1",
                            params![k.id, now_ms],
                        )?;
                    }
                    let event_name = body
                        .get("event")
                        .and_then(Value::as_str)
                        .unwrap_or(kind.as_str())
                        .to_string();
                    for w in dp.alerts.routes.iter().filter(|w| w.wants(&event_name)) {
                        report.queued_deliveries += tx.execute(
                            "INSERT OR IGNORE INTO deliveries (job_id, webhook, event, body, \
                             next_attempt_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                            params![job_id, w.name, event_name, body.to_string(), now_ms],
                        )? as u64;
                    }
                    report.fired += 1;
                    "fired"
                }
                _ => {
                    report.obsolete += 1;
                    "obsolete"
                }
            };
            let _ = run_at;
            tx.execute(
                "UPDATE jobs SET outcome = ?2 WHERE id = ?1",
                params![job_id, outcome],
            )?;
            tx.commit()?;
        }
        Ok(report)
    }
}

fn case_brief(
    c: &Connection,
    names: &std::collections::HashMap<i64, String>,
    k: &CaseRow,
) -> rusqlite::Result<Value> {
    {
        let first: Option<(Option<String>, Option<String>)> = c
            .query_row(
                "SELECT m.text, json_extract(m.raw, '$.title') FROM cases c \
                 JOIN mentions m ON m.id = c.first_mention_id WHERE c.id = ?1",
                [k.id],
                |r| Ok((r.get(0)?, r.get(1).ok().flatten())),
            )
            .optional()?;
        let (text, title) = first.unwrap_or_default();
        let text: String = text.unwrap_or_default().chars().take(280).collect();
        let mut brief = json!({
            "id": k.id,
            "brand": names.get(&k.brand_id).cloned().unwrap_or_default(),
            "source": k.source,
            "kind": k.kind.as_str(),
            "status": k.status.as_str(),
            "risk": k.risk,
            "assigned_to": k.assigned_to,
            "text": text,
        });
        if let Some(t) = title {
            brief["title"] = json!(t.chars().take(280).collect::<String>());
        }
        Ok(brief)
    }
}

/// The event a due job announces, or `None` when the case has moved on and the job has nothing
/// left to say (answered before the breach, reopened before the follow-up, …).
fn job_event(k: &CaseRow, kind: &str, payload: &Value, now: i64, dp: &DeskPolicy) -> Option<Value> {
    match kind {
        "sla_warning" | "sla_breach" => {
            let clock = payload.get("clock")?.as_str()?;
            let due = payload.get("due")?.as_i64()?;
            let views = case_clocks(k, &dp.policy, now);
            let v = views
                .iter()
                .find(|v| v.clock.as_str() == clock && ms(v.due) == due)?;
            let still = match kind {
                "sla_breach" => v.state == ClockState::Breached,
                _ => v.state.is_running(),
            };
            still.then(|| {
                json!({"event": kind, "clock": clock, "due": ts(due), "at": ts(now),
                       "warn_at": v.warn_at})
            })
        }
        "high_risk" => k
            .status
            .is_open()
            .then(|| json!({"event": "high_risk", "risk": k.risk, "at": ts(now)})),
        "follow_up" => {
            let due = payload.get("due")?.as_i64()?;
            (k.follow_up_due == Some(due)
                && matches!(k.status, Status::Resolved | Status::ResolutionPosted))
            .then(|| json!({"event": "follow_up_due", "due": ts(due), "at": ts(now)}))
        }
        _ => None,
    }
}
