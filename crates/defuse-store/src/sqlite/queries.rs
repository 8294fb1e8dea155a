//! The reads of the queue: cases in queue order with their filters, one case with its thread
//! (and each mention's earlier texts), and the counts. Every stored value is read back into its
//! type; one that does not parse is reported as corrupt, naming the row.

use super::SqliteStore;
use crate::codec::{self, ms, ts};
use crate::search;
use crate::{
    BrandStats, CaseDetail, CaseFilter, CaseSummary, MatchedBy, Result, Stats, StoreError,
    StoredMention,
};
use defuse_core::risk::Factor;
use defuse_core::workflow::Status;
use jiff::Timestamp;
use rusqlite::OptionalExtension;
use std::collections::HashMap;

const CASE_COLUMNS: &str = "c.id, c.brand_id, c.source, c.status, c.kind, c.sentiment, c.lang, c.risk, \
     c.risk_factors, c.opened_at, c.first_response_due, c.resolution_due, c.responded_at, \
     c.mention_count, m.text, c.conversation, c.customer, c.next_response_due, c.paused_at, \
     c.assigned_to, json_extract(m.raw, '$.title'), \
     COALESCE(json_extract(m.raw, '$.author.name'), m.author_handle), m.followers";

/// The statuses of an open case.
const OPEN: &str = "('new', 'acknowledged', 'in_private', 'waiting_customer')";

fn case_from_row(
    r: &rusqlite::Row<'_>,
    brands: &HashMap<i64, String>,
    now: Timestamp,
) -> rusqlite::Result<(CaseSummary, String, String)> {
    let id: i64 = r.get(0)?;
    let t = |col: &'static str, i: usize| -> rusqlite::Result<i64> {
        codec::instant("cases", id, col, r.get(i)?)
    };
    let factors: String = r.get(8)?;
    let responded_at = codec::opt_instant("cases", id, "responded_at", r.get(12)?)?;
    let first_due = codec::opt_instant("cases", id, "first_response_due", r.get(10)?)?;
    let res_due = codec::opt_instant("cases", id, "resolution_due", r.get(11)?)?;
    let next_due = codec::opt_instant("cases", id, "next_response_due", r.get(17)?)?;
    let paused = codec::opt_instant("cases", id, "paused_at", r.get(18)?)?.is_some();
    // The deadline that matters now: the earliest of the clocks that run (the first response
    // until the brand answers); none when the case's kind has no clock [ST1, T3, T4].
    let due = if paused {
        res_due
    } else {
        [
            first_due.filter(|_| responded_at.is_none()),
            next_due,
            res_due,
        ]
        .into_iter()
        .flatten()
        .min()
    };
    let status = codec::status("cases", id, &r.get::<_, String>(3)?)?;
    let running = status.is_open() && !paused;
    let brand_id: i64 = r.get(1)?;
    Ok((
        CaseSummary {
            id,
            brand: brands.get(&brand_id).cloned().unwrap_or_default(),
            source: r.get(2)?,
            status,
            kind: codec::kind("cases", id, &r.get::<_, String>(4)?)?,
            sentiment: codec::sentiment("cases", id, &r.get::<_, String>(5)?)?,
            lang: codec::lang("cases", id, &r.get::<_, String>(6)?)?,
            risk: r.get::<_, i64>(7)?.clamp(0, 100) as u8,
            risk_factors: serde_json::from_str(&factors)
                .map_err(|_| codec::corrupt("cases", id, "risk_factors", &factors))?,
            opened_at: ts(t("opened_at", 9)?),
            first_response_due: first_due.map(ts),
            resolution_due: res_due.map(ts),
            due: due.map(ts),
            overdue: running && due.is_some_and(|d| d <= ms(now)),
            responded_at: responded_at.map(ts),
            next_response_due: next_due.map(ts),
            paused,
            assigned_to: r.get(19)?,
            mentions: r.get::<_, i64>(13)?.max(0) as u64,
            text: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
            // A non-string title cannot be stored (the mention parser refuses it); read
            // leniently all the same.
            title: r.get::<_, Option<String>>(20).ok().flatten(),
            author: r.get::<_, Option<String>>(21).ok().flatten(),
            followers: r
                .get::<_, Option<i64>>(22)
                .ok()
                .flatten()
                .map(|f| f.max(0) as u64),
        },
        r.get(15)?,
        r.get(16)?,
    ))
}

impl SqliteStore {
    /// Cases in queue order (`triage::queue_order`): waiting cases last, cases with no clock
    /// [ST1, T3, T4] after every case with one, breached first (riskiest first), then the
    /// nearest deadline, then risk.
    pub fn cases(&self, f: &CaseFilter, now: Timestamp) -> Result<Vec<CaseSummary>> {
        // The filters, the same in every part of the order.
        let mut cond = String::new();
        let mut args: Vec<String> = Vec::new();
        if let Some(name) = &f.brand {
            match self.brands.get(name) {
                Some(id) => cond.push_str(&format!(" AND c.brand_id = {id}")),
                // No such brand: no case (and no query SQLite could plan with its indexes).
                None => return Ok(Vec::new()),
            }
        }
        let status = f.status.map(|s| s.as_str().to_string());
        let kind = f.kind.map(|k| k.as_str().to_string());
        for (col, v) in [
            ("+c.status", &status),
            ("c.kind", &kind),
            ("c.source", &f.source),
            ("c.lang", &f.lang),
            ("c.assigned_to", &f.assigned_to),
        ] {
            if let Some(v) = v {
                args.push(v.clone());
                cond.push_str(&format!(" AND {col} = ?{}", args.len()));
            }
        }
        if let Some(q) = &f.search {
            // Every word of the query as a quoted prefix: never FTS5 syntax (`search`).
            match search::fts_query(q) {
                Some(fts) => {
                    args.push(fts);
                    cond.push_str(&format!(
                        " AND c.id IN (SELECT sm.case_id FROM mention_search \
                         JOIN mentions sm ON sm.id = mention_search.rowid \
                         WHERE mention_search MATCH ?{} AND sm.case_id IS NOT NULL)",
                        args.len()
                    ));
                }
                // A query with no word finds nothing.
                None => return Ok(Vec::new()),
            }
        }
        if f.open_only {
            cond.push_str(&format!(" AND +c.status IN {OPEN}"));
        }
        if f.breached {
            cond.push_str(&format!(
                " AND +c.status IN ('new', 'acknowledged', 'in_private') AND c.paused_at IS NULL \
                 AND ((c.responded_at IS NULL AND c.first_response_due <= {now}) \
                 OR c.next_response_due <= {now} OR c.resolution_due <= {now})",
                now = ms(now)
            ));
        }
        // `triage::queue_order` in five parts, each read from an index in its own order
        // (`due_at`, migration 0008): breached, riskiest first, then the most overdue; then the
        // nearest deadline, then risk; then no clock [ST1, T3, T4], riskiest first; then the
        // waiting cases (paused clocks) by deadline, then those of them with no clock. Each part
        // yields at most offset + limit rows; the page is cut from their union.
        let limit = f.limit.clamp(1, 100_000);
        let take = limit.saturating_add(f.offset);
        let now = ms(now);
        let (by_risk, by_due) = if kind.is_some() {
            ("cases_kind_by_risk", "cases_kind_by_due")
        } else {
            ("cases_by_risk", "cases_by_due")
        };
        let only_open = f.open_only
            || f.breached
            || f.status.is_some_and(|s| {
                matches!(
                    s,
                    Status::New
                        | Status::Acknowledged
                        | Status::InPrivate
                        | Status::WaitingCustomer
                )
            });
        let parts = [
            (
                format!("c.paused_at IS NULL AND c.due_at <= {now} AND +c.status IN {OPEN}"),
                by_risk,
                "c.risk DESC, c.due_at, c.id",
                "-c.risk",
                "c.due_at",
            ),
            // Not breached: due later (a range of the index)…
            (
                format!("c.paused_at IS NULL AND c.due_at > {now}"),
                by_due,
                "c.due_at, c.risk DESC, c.id",
                "c.due_at",
                "-c.risk",
            ),
            // …or past due on a case that is no longer open (only when such cases are shown).
            (
                if only_open {
                    "0".to_string()
                } else {
                    format!("c.paused_at IS NULL AND c.due_at <= {now} AND +c.status NOT IN {OPEN}")
                },
                by_due,
                "c.due_at, c.risk DESC, c.id",
                "c.due_at",
                "-c.risk",
            ),
            (
                "c.paused_at IS NULL AND c.due_at IS NULL".to_string(),
                by_due,
                "c.risk DESC, c.id",
                "-c.risk",
                "0",
            ),
            (
                "c.paused_at IS NOT NULL AND c.due_at IS NOT NULL".to_string(),
                "cases_waiting",
                "c.due_at, c.risk DESC, c.id",
                "c.due_at",
                "-c.risk",
            ),
            (
                "c.paused_at IS NOT NULL AND c.due_at IS NULL".to_string(),
                "cases_waiting",
                "c.risk DESC, c.id",
                "-c.risk",
                "0",
            ),
        ];
        // The two not-breached parts are one part of the order (merged by deadline).
        let numbers = [0, 1, 1, 2, 3, 4];
        let union = parts
            .iter()
            .zip(numbers)
            .filter(|((part, ..), _)| part != "0")
            .map(|((part, index, order, k1, k2), n)| {
                format!(
                    "SELECT * FROM (SELECT {n} AS part, c.id AS id, {k1} AS k1, {k2} AS k2 \
                     FROM cases c INDEXED BY {index} WHERE {part}{cond} ORDER BY {order} \
                     LIMIT {take})"
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let sql = format!(
            "WITH page AS (SELECT * FROM ({union}) ORDER BY part, k1, k2, id LIMIT {limit} \
             OFFSET {offset}) \
             SELECT {CASE_COLUMNS} FROM page JOIN cases c ON c.id = page.id \
             JOIN mentions m ON m.id = c.first_mention_id \
             ORDER BY page.part, page.k1, page.k2, page.id",
            offset = f.offset
        );
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            case_from_row(r, &self.names, ts(now))
        })?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r?.0);
        }
        Ok(out)
    }

    pub fn case(&self, id: i64, now: Timestamp) -> Result<Option<CaseDetail>> {
        let sql = format!(
            "SELECT {CASE_COLUMNS} FROM cases c JOIN mentions m ON m.id = c.first_mention_id \
             WHERE c.id = ?1"
        );
        let Some((case, conversation, customer)) = self
            .conn
            .query_row(&sql, [id], |r| case_from_row(r, &self.names, now))
            .optional()?
        else {
            return Ok(None);
        };
        let mut st = self.conn.prepare(
            "SELECT id, raw, analysis, risk, risk_factors, from_brand, matched_by, imported_at, \
             moderation FROM mentions WHERE case_id = ?1 \
             ORDER BY COALESCE(created_at, imported_at), id",
        )?;
        let rows = st.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, bool>(5)?,
                r.get::<_, Option<String>>(6)?,
                codec::instant("mentions", r.get(0)?, "imported_at", r.get(7)?)?,
                r.get::<_, String>(8)?,
            ))
        })?;
        let mut thread = Vec::new();
        for r in rows {
            let (
                mid,
                raw,
                analysis,
                risk,
                factors,
                from_brand,
                matched_by,
                imported_at,
                moderation,
            ) = r?;
            let mut vs = self.conn.prepare_cached(
                "SELECT text FROM mention_versions WHERE mention_id = ?1 ORDER BY id",
            )?;
            let mut earlier: Vec<String> = vs
                .query_map([mid], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mention: serde_json::Value = serde_json::from_str(&raw)
                .map_err(|e| StoreError::Corrupt(format!("mentions row {mid}: {e}")))?;
            // A version kept for a changed title has the same text: list each earlier text
            // once, and not the current one (the earlier titles stay in the versions' raw).
            earlier.dedup();
            if earlier.last().map(String::as_str) == mention.get("text").and_then(|t| t.as_str()) {
                earlier.pop();
            }
            thread.push(StoredMention {
                id: mid,
                moderation,
                mention,
                analysis: serde_json::from_str(&analysis)
                    .map_err(|e| StoreError::Corrupt(format!("mentions row {mid}: {e}")))?,
                risk: risk.clamp(0, 100) as u8,
                risk_factors: serde_json::from_str::<Vec<Factor>>(&factors)
                    .map_err(|e| StoreError::Corrupt(format!("mentions row {mid}: risk_factors: {e}")))?,
                from_brand,
                matched_by: matched_by
                    .map(|b| {
                        MatchedBy::parse(&b).ok_or_else(|| {
                            StoreError::Corrupt(format!(
                                "mentions row {mid}: matched_by holds {b:?}, which is not a valid value"
                            ))
                        })
                    })
                    .transpose()?,
                imported_at: ts(imported_at),
                earlier_texts: earlier,
            });
        }
        Ok(Some(CaseDetail {
            case,
            conversation,
            customer,
            thread,
        }))
    }

    /// Counts for `defuse stats`.
    pub fn stats(&self) -> Result<Stats> {
        let mut s = Stats {
            mentions: self
                .conn
                .query_row("SELECT COUNT(*) FROM mentions", [], |r| r.get::<_, i64>(0))?
                .max(0) as u64,
            unmatched: self
                .conn
                .query_row(
                    "SELECT COUNT(*) FROM mentions WHERE brand_id IS NULL",
                    [],
                    |r| r.get::<_, i64>(0),
                )?
                .max(0) as u64,
            ..Stats::default()
        };
        let mut st = self
            .conn
            .prepare("SELECT status, COUNT(*) FROM cases GROUP BY status")?;
        for r in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (k, v) = r?;
            s.cases.insert(k, v.max(0) as u64);
        }
        for (name, id) in &self.brands {
            let mentions: i64 = self.conn.query_row(
                "SELECT COUNT(*) FROM mentions WHERE brand_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            let cases: i64 = self.conn.query_row(
                "SELECT COUNT(*) FROM cases WHERE brand_id = ?1",
                [id],
                |r| r.get(0),
            )?;
            s.brands.insert(
                name.clone(),
                BrandStats {
                    mentions: mentions.max(0) as u64,
                    cases: cases.max(0) as u64,
                },
            );
        }
        Ok(s)
    }
}
