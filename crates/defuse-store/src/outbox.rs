//! The webhook outbox: claiming a due delivery, recording each attempt with backoff, giving up
//! (audited) after a day, and counts by status. Sending is the caller's (outside the store lock).

use crate::audit::append_audit;
use crate::codec::ms;
use crate::error::DeskResult;
use crate::sqlite::SqliteStore;
use defuse_core::workflow::Actor;
use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde_json::json;

/// The delay before retrying a webhook after `attempts` tries: 30 s, 1 min, 2 min … at most 1 h.
pub fn backoff_ms(attempts: u32) -> i64 {
    let exp = attempts.saturating_sub(1).min(20);
    (30_000i64 << exp).min(3_600_000)
}

/// A delivery is given up (status `failed`, audited) after this long since it was queued…
pub const GIVE_UP_AFTER_MS: i64 = 24 * 3_600_000;
/// …and at least this many attempts.
pub const MIN_ATTEMPTS: u32 = 3;
/// How long a claimed delivery is left to its sender before another runner may retry it (longer
/// than the 10-second send timeout).
pub const LEASE_MS: i64 = 60_000;

/// A webhook delivery to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: i64,
    pub webhook: String,
    pub event: String,
    pub body: String,
    pub attempts: u32,
}

impl SqliteStore {
    /// The next webhook delivery due at `now`, claimed for a minute (a second runner skips it;
    /// a crash mid-send retries it after the minute). The attempt is counted here, so a delivery
    /// that crashes the process cannot be retried forever.
    pub fn claim_delivery(&mut self, now: Timestamp) -> DeskResult<Option<Delivery>> {
        let now = ms(now);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let d: Option<Delivery> = tx
            .query_row(
                "SELECT id, webhook, event, body, attempts FROM deliveries WHERE status = 'pending' \
                 AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT 1",
                [now],
                |r| {
                    Ok(Delivery {
                        id: r.get(0)?,
                        webhook: r.get(1)?,
                        event: r.get(2)?,
                        body: r.get(3)?,
                        attempts: r.get::<_, i64>(4)?.clamp(0, i64::from(u32::MAX)) as u32,
                    })
                },
            )
            .optional()?;
        if let Some(d) = &d {
            tx.execute(
                "UPDATE deliveries SET next_attempt_at = ?2, attempts = attempts + 1 WHERE id = ?1",
                params![d.id, now + LEASE_MS],
            )?;
        }
        tx.commit()?;
        Ok(d.map(|mut d| {
            d.attempts += 1;
            d
        }))
    }

    /// Records one attempt (already counted by the claim): delivered; or retried with backoff;
    /// or, once [`GIVE_UP_AFTER_MS`] have passed since it was queued and it was tried at least
    /// [`MIN_ATTEMPTS`] times, given up — with an audit record, so a lost alert is never silent.
    pub fn delivery_attempted(
        &mut self,
        id: i64,
        result: std::result::Result<(), String>,
        now: Timestamp,
    ) -> DeskResult<()> {
        let now = ms(now);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        match result {
            Ok(()) => {
                tx.execute(
                    "UPDATE deliveries SET status = 'delivered', delivered_at = ?2, \
                     last_error = NULL WHERE id = ?1",
                    params![id, now],
                )?;
            }
            Err(e) => {
                let (attempts, created, webhook, event): (i64, i64, String, String) = tx
                    .query_row(
                        "SELECT attempts, created_at, webhook, event FROM deliveries WHERE id = ?1",
                        [id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )?;
                let attempts = attempts.clamp(0, i64::from(u32::MAX)) as u32;
                let give_up = attempts >= MIN_ATTEMPTS && now - created >= GIVE_UP_AFTER_MS;
                let e: String = e.chars().take(500).collect();
                tx.execute(
                    "UPDATE deliveries SET status = ?2, last_error = ?3, next_attempt_at = ?4 \
                     WHERE id = ?1",
                    params![
                        id,
                        if give_up { "failed" } else { "pending" },
                        e,
                        now + backoff_ms(attempts)
                    ],
                )?;
                if give_up {
                    append_audit(
                        &tx,
                        now,
                        &Actor::system(),
                        "alert.delivery_failed",
                        None,
                        None,
                        &json!({"delivery": id, "webhook": webhook, "event": event,
                                "attempts": attempts, "error": e}),
                        false,
                    )?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Delivery counts by status (for `defuse tick` and the API).
    pub fn delivery_counts(&self) -> DeskResult<std::collections::BTreeMap<String, u64>> {
        let mut st = self
            .conn
            .prepare("SELECT status, COUNT(*) FROM deliveries GROUP BY status")?;
        let mut out = std::collections::BTreeMap::new();
        for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (k, v) = r?;
            out.insert(k, v.max(0) as u64);
        }
        Ok(out)
    }
}
