//! The hash-chained audit trail on SQLite [audit]: append (chained to the last record), list,
//! verify in one pass, and the settings-change record.

use crate::codec::ms;
use crate::error::DeskResult;
use crate::sqlite::SqliteStore;
use defuse_core::audit::{self, GENESIS, Record, Verifier};
use defuse_core::workflow::Actor;
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

/// Appends one record to the audit trail, chained to the last [audit].
#[allow(clippy::too_many_arguments)]
pub(crate) fn append_audit(
    c: &Connection,
    at: i64,
    actor: &Actor,
    action: &str,
    case_id: Option<i64>,
    mention_id: Option<i64>,
    detail: &Value,
    overridden: bool,
) -> rusqlite::Result<i64> {
    // The chain continues from the last record itself; `audit_head` is only the cross-check.
    let head: Option<(i64, String)> = c
        .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev) = head.map_or((1, GENESIS.to_string()), |(s, h)| (s + 1, h));
    let detail = detail.to_string();
    let hash = audit::hash(
        &prev,
        seq,
        at,
        &actor.name,
        actor.role.as_str(),
        action,
        case_id,
        mention_id,
        &detail,
        overridden,
    );
    c.prepare_cached(
        "INSERT INTO audit (seq, at, actor, role, action, case_id, mention_id, detail, \
         overridden, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        seq,
        at,
        actor.name,
        actor.role.as_str(),
        action,
        case_id,
        mention_id,
        detail,
        overridden,
        prev,
        hash
    ])?;
    c.prepare_cached(
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?1, ?2) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
    )?
    .execute(params![seq, hash])?;
    Ok(seq)
}

/// Filters of the audit trail.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub case_id: Option<i64>,
    pub mention_id: Option<i64>,
    pub action: Option<String>,
    pub actor: Option<String>,
    /// Only supervisor overrides [M1].
    pub overridden: bool,
    /// Records after this sequence number (paging).
    pub after: i64,
    pub limit: usize,
}

impl SqliteStore {
    /// Records a settings change seen at start-up (the effective settings differ from the last
    /// recorded ones).
    pub fn record_settings(&mut self, digest: &str, now: Timestamp) -> DeskResult<Option<i64>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let last: Option<String> = tx
            .query_row(
                "SELECT detail FROM audit WHERE action = 'settings.changed' ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let same = last
            .and_then(|d| serde_json::from_str::<Value>(&d).ok())
            .and_then(|v| v.get("sha256").and_then(Value::as_str).map(str::to_string))
            .is_some_and(|d| d == digest);
        if same {
            return Ok(None);
        }
        let seq = append_audit(
            &tx,
            ms(now),
            &Actor::system(),
            "settings.changed",
            None,
            None,
            &json!({"sha256": digest}),
            false,
        )?;
        tx.commit()?;
        Ok(Some(seq))
    }

    /// Records one event of a person's (a sign-in, a revealed message, a corrected analysis)
    /// in the audit trail; its sequence number.
    pub fn record_event(
        &mut self,
        actor: &Actor,
        action: &str,
        case_id: Option<i64>,
        mention_id: Option<i64>,
        detail: &Value,
        now: Timestamp,
    ) -> DeskResult<i64> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let seq = append_audit(
            &tx,
            ms(now),
            actor,
            action,
            case_id,
            mention_id,
            detail,
            false,
        )?;
        tx.commit()?;
        Ok(seq)
    }

    /// Audit records, oldest first.
    pub fn audit(&self, f: &AuditFilter) -> DeskResult<Vec<Record>> {
        let mut sql = String::from(
            "SELECT seq, at, actor, role, action, case_id, mention_id, detail, overridden, \
             prev_hash, hash FROM audit WHERE seq > ?1",
        );
        let mut args: Vec<rusqlite::types::Value> = vec![f.after.into()];
        if let Some(c) = f.case_id {
            args.push(c.into());
            sql.push_str(&format!(" AND case_id = ?{}", args.len()));
        }
        if let Some(m) = f.mention_id {
            args.push(m.into());
            sql.push_str(&format!(" AND mention_id = ?{}", args.len()));
        }
        if let Some(a) = &f.action {
            args.push(a.clone().into());
            sql.push_str(&format!(" AND action = ?{}", args.len()));
        }
        if let Some(a) = &f.actor {
            args.push(a.clone().into());
            sql.push_str(&format!(" AND actor = ?{}", args.len()));
        }
        if f.overridden {
            sql.push_str(" AND overridden = 1");
        }
        sql.push_str(&format!(
            " ORDER BY seq LIMIT {}",
            f.limit.clamp(1, 100_000)
        ));
        let mut st = self.conn.prepare(&sql)?;
        let rows = st
            .query_map(rusqlite::params_from_iter(args), record_of)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Walks the whole audit trail once and reports every record at fault [audit].
    pub fn verify_audit(&self) -> DeskResult<Verifier> {
        let mut v = Verifier::new();
        let mut st = self.conn.prepare(
            "SELECT seq, at, actor, role, action, case_id, mention_id, detail, overridden, \
             prev_hash, hash FROM audit ORDER BY seq",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            v.push(&record_of(r)?);
        }
        let head: Option<(i64, String)> = self
            .conn
            .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        Ok(v.finish(head))
    }
}

fn record_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    Ok(Record {
        seq: r.get(0)?,
        at_ms: r.get(1)?,
        actor: r.get(2)?,
        role: r.get(3)?,
        action: r.get(4)?,
        case_id: r.get(5)?,
        mention_id: r.get(6)?,
        detail: r.get(7)?,
        overridden: r.get(8)?,
        prev_hash: r.get(9)?,
        hash: r.get(10)?,
    })
}
