//! The SQLite store: one database file in WAL mode (readers never block the writer, a crash
//! keeps every committed batch), schema migrations tracked by `PRAGMA user_version`, prepared
//! statements cached per connection. Instants are stored as UTC milliseconds.

use crate::{
    BrandStats, CaseDetail, CaseFilter, CaseSummary, Incoming, IngestSummary, MatchedBy, Result,
    Stats, Store, StoreError, StoredMention,
};
use defuse_core::risk::{Factor, Observed, assess};
use defuse_core::triage::{Policy, merge_kind};
use defuse_text::Kind;
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;
use std::path::Path;

/// The migrations, in order; `user_version` is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_workflow.sql"),
];

/// The embedded store.
pub struct SqliteStore {
    pub(crate) conn: Connection,
    /// Brand name → row id.
    brands: HashMap<String, i64>,
    /// Row id → brand name (the same map turned round, for reads).
    pub(crate) names: HashMap<i64, String>,
}

pub(crate) fn ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}

pub(crate) fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

pub(crate) fn kind_of(s: &str) -> Kind {
    Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == s)
        .unwrap_or(Kind::Other)
}

impl SqliteStore {
    /// Open (creating if needed) the database at `path` and bring its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open(path)?;
        Self::setup(conn, &path.display().to_string())
    }

    /// A private in-memory database (tests).
    pub fn open_in_memory() -> Result<SqliteStore> {
        Self::setup(Connection::open_in_memory()?, ":memory:")
    }

    fn setup(conn: Connection, path: &str) -> Result<SqliteStore> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // WAL: readers (the HTTP API) do not block the importer; NORMAL sync is durable for
        // committed transactions across process crashes (only an OS crash can lose the last).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A 64 MiB page cache keeps the indexes of a million mentions in memory during an
        // import (the default 2 MiB made every insert read pages back); checkpoint the WAL
        // every ~40 MiB instead of every 4 MiB.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "wal_autocheckpoint", 10000)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let supported = MIGRATIONS.len() as i64;
        if version > supported {
            return Err(StoreError::TooNew {
                path: path.to_string(),
                found: version,
                supported,
            });
        }
        let mut store = SqliteStore {
            conn,
            brands: HashMap::new(),
            names: HashMap::new(),
        };
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            let tx = store.conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        store.load_brands()?;
        Ok(store)
    }

    fn load_brands(&mut self) -> Result<()> {
        let mut st = self.conn.prepare("SELECT id, name FROM brands")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        let mut map = HashMap::new();
        for r in rows {
            let (id, name) = r?;
            map.insert(name, id);
        }
        drop(st);
        self.names = map.iter().map(|(k, v)| (*v, k.clone())).collect();
        self.brands = map;
        Ok(())
    }
}

/// A known mention, as needed to decide what a re-import changes.
struct Known {
    id: i64,
    raw: String,
    interactions: i64,
    updated_at: i64,
    case_id: Option<i64>,
    text: String,
}

/// The parts of a parent or thread root that a reply inherits.
struct Parent {
    conversation: String,
    brand_id: Option<i64>,
    case_id: Option<i64>,
}

const CASE_COLUMNS: &str = "c.id, c.brand_id, c.source, c.status, c.kind, c.sentiment, c.lang, c.risk, \
     c.risk_factors, c.opened_at, c.first_response_due, c.resolution_due, c.responded_at, \
     c.mention_count, m.text, c.conversation, c.customer, c.next_response_due, c.paused_at, \
     c.assigned_to, json_extract(m.raw, '$.title')";

fn case_from_row(
    r: &rusqlite::Row<'_>,
    brands: &HashMap<i64, String>,
    now: Timestamp,
) -> rusqlite::Result<(CaseSummary, String, String)> {
    let factors: String = r.get(8)?;
    let responded_at: Option<i64> = r.get(12)?;
    let first_due: i64 = r.get(10)?;
    let res_due: i64 = r.get(11)?;
    let next_due: Option<i64> = r.get(17)?;
    let paused = r.get::<_, Option<i64>>(18)?.is_some();
    let due = if paused {
        res_due
    } else if responded_at.is_none() {
        first_due
    } else {
        next_due.map_or(res_due, |n| n.min(res_due))
    };
    let status: String = r.get(3)?;
    let running =
        defuse_core::workflow::Status::parse(&status).is_some_and(|s| s.is_open()) && !paused;
    let brand_id: i64 = r.get(1)?;
    Ok((
        CaseSummary {
            id: r.get(0)?,
            brand: brands.get(&brand_id).cloned().unwrap_or_default(),
            source: r.get(2)?,
            status,
            kind: r.get(4)?,
            sentiment: r.get(5)?,
            lang: r.get(6)?,
            risk: r.get::<_, i64>(7)?.clamp(0, 100) as u8,
            risk_factors: serde_json::from_str(&factors).unwrap_or_default(),
            opened_at: ts(r.get(9)?),
            first_response_due: ts(first_due),
            resolution_due: ts(res_due),
            due: ts(due),
            overdue: running && due <= ms(now),
            responded_at: responded_at.map(ts),
            next_response_due: next_due.map(ts),
            paused,
            assigned_to: r.get(19)?,
            mentions: r.get::<_, i64>(13)?.max(0) as u64,
            text: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
            // A non-string title cannot be stored (the mention parser refuses it); read
            // leniently all the same.
            title: r.get::<_, Option<String>>(20).ok().flatten(),
        },
        r.get(15)?,
        r.get(16)?,
    ))
}

impl Store for SqliteStore {
    fn sync_brands(&mut self, names: &[String]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for n in names {
            tx.execute("INSERT OR IGNORE INTO brands (name) VALUES (?1)", [n])?;
        }
        tx.commit()?;
        self.load_brands()
    }

    fn ingest(
        &mut self,
        batch: Vec<Incoming>,
        policy: &Policy,
        now: Timestamp,
    ) -> Result<IngestSummary> {
        let mut sum = IngestSummary::default();
        let now_ms = ms(now);
        let brands = self.brands.clone();
        let desk = crate::desk::DeskPolicy {
            policy: policy.clone(),
            ..crate::desk::DeskPolicy::default()
        };
        let tx = self.conn.transaction()?;
        let mut next_id: i64 =
            tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM mentions", [], |r| {
                r.get(0)
            })?;
        for inc in batch {
            let m = &inc.mention;
            let raw = &inc.raw;
            let analysis_json = &inc.analysis_json;
            let known: Option<Known> = tx
                .prepare_cached(
                    "SELECT id, raw, interactions, updated_at, case_id, text FROM mentions \
                     WHERE source = ?1 AND source_id = ?2",
                )?
                .query_row(params![m.source, m.id], |r| {
                    Ok(Known {
                        id: r.get(0)?,
                        raw: r.get(1)?,
                        interactions: r.get(2)?,
                        updated_at: r.get(3)?,
                        case_id: r.get(4)?,
                        text: r.get(5)?,
                    })
                })
                .optional()?;
            let interactions = m.metrics.interactions().min(i64::MAX as u64) as i64;
            if let Some(k) = known {
                if &k.raw == raw {
                    sum.duplicates += 1;
                    continue;
                }
                // A changed text or title keeps the earlier version (its raw form has both).
                let old_title = serde_json::from_str::<serde_json::Value>(&k.raw)
                    .ok()
                    .and_then(|v| v.get("title").and_then(|t| t.as_str().map(str::to_string)));
                if k.text != m.text || old_title.as_deref() != m.title.as_deref() {
                    tx.prepare_cached(
                        "INSERT INTO mention_versions (mention_id, text, raw, replaced_at) \
                         SELECT id, text, raw, ?2 FROM mentions WHERE id = ?1",
                    )?
                    .execute(params![k.id, now_ms])?;
                }
                // A3: growth between the two snapshots.
                let hours = ((now_ms - k.updated_at) as f64 / 3.6e6).max(1.0 / 60.0);
                let velocity = (interactions - k.interactions).max(0) as f64 / hours;
                let risk = assess(
                    m,
                    &inc.analysis,
                    Observed {
                        velocity_per_hour: velocity,
                    },
                );
                let factors = serde_json::to_string(&risk.factors)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                tx.prepare_cached(
                    "UPDATE mentions SET text = ?2, raw = ?3, analysis = ?4, updated_at = ?5, \
                     interactions = ?6, followers = ?7, lang = ?8, sentiment = ?9, kind = ?10, \
                     risk = ?11, risk_factors = ?12 WHERE id = ?1",
                )?
                .execute(params![
                    k.id,
                    m.text,
                    raw,
                    analysis_json,
                    now_ms,
                    interactions,
                    m.author
                        .as_ref()
                        .and_then(|a| a.followers)
                        .map(|f| f.min(i64::MAX as u64) as i64),
                    inc.analysis.lang.as_str(),
                    inc.analysis.sentiment.as_str(),
                    inc.analysis.kind.as_str(),
                    i64::from(risk.score),
                    factors,
                ])?;
                if let Some(case_id) = k.case_id {
                    tx.prepare_cached(
                        "UPDATE cases SET risk = ?2, risk_factors = ?3, updated_at = ?4, \
                         next_alert_at = ?4 WHERE id = ?1 AND risk < ?2",
                    )?
                    .execute(params![
                        case_id,
                        i64::from(risk.score),
                        factors,
                        now_ms
                    ])?;
                }
                sum.updated += 1;
                continue;
            }

            // Threading: a reply joins its parent's conversation (and brand); else the thread
            // the platform names.
            let find_parent = |id: &str| -> rusqlite::Result<Option<Parent>> {
                tx.prepare_cached(
                    "SELECT conversation, brand_id, case_id FROM mentions \
                     WHERE source = ?1 AND source_id = ?2",
                )?
                .query_row(params![m.source, id], |r| {
                    Ok(Parent {
                        conversation: r.get(0)?,
                        brand_id: r.get(1)?,
                        case_id: r.get(2)?,
                    })
                })
                .optional()
            };
            let parent = match &m.parent_id {
                Some(p) => find_parent(p)?,
                None => None,
            };
            let root = match (&parent, &m.thread_id) {
                (None, Some(t)) if Some(t) != m.parent_id.as_ref() => find_parent(t)?,
                _ => None,
            };
            let conversation = parent
                .as_ref()
                .map(|p| p.conversation.clone())
                .unwrap_or_else(|| m.conversation_root().to_string());
            let inherited = parent
                .as_ref()
                .and_then(|p| p.brand_id)
                .or(root.as_ref().and_then(|p| p.brand_id));
            let (brand_id, matched_by) = match &inc.brand {
                Some((name, by)) => match brands.get(name) {
                    Some(id) => (Some(*id), Some(*by)),
                    None => (inherited, inherited.map(|_| MatchedBy::Thread)),
                },
                None => (inherited, inherited.map(|_| MatchedBy::Thread)),
            };
            let from_brand = match (&inc.by_brand, brand_id) {
                (Some(b), Some(id)) => brands.get(b) == Some(&id),
                _ => false,
            };
            let posted = m.created_at.map(ms).unwrap_or(now_ms);
            let risk = &inc.risk;
            let factors = serde_json::to_string(&risk.factors)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let author = m.author.as_ref();
            // Mention ids are assigned here (one writer), so the case can point at its first
            // mention and the mention at its case in one insert each.
            let mention_id = next_id;
            next_id += 1;
            sum.new += 1;
            let case_id: Option<i64> = match brand_id {
                None => {
                    sum.unmatched += 1;
                    None
                }
                Some(_) if from_brand => {
                    // The brand's own answer: the case it answers is acknowledged [RT2]. A
                    // public answer counts as the first response; a private one does not (F2
                    // wants the thread to see it).
                    let case_id = parent
                        .as_ref()
                        .and_then(|p| p.case_id)
                        .or(root.as_ref().and_then(|p| p.case_id));
                    if let Some(case_id) = case_id
                        && let Some(mut k) = crate::desk::load_case(&tx, case_id)?
                    {
                        let actor = defuse_core::workflow::Actor {
                            name: format!(
                                "{}'s account",
                                inc.by_brand.as_deref().unwrap_or("brand")
                            ),
                            role: defuse_core::workflow::Role::System,
                        };
                        crate::desk::brand_answer(
                            &tx, &mut k, !m.private, posted, &actor, now_ms, &desk,
                        )?;
                    }
                    case_id
                }
                Some(brand_id) => {
                    // A case is one customer's conversation with the brand in one thread.
                    let customer = author
                        .and_then(|a| a.id.clone().or_else(|| a.handle.clone()))
                        .unwrap_or_else(|| format!("mention:{}", m.id));
                    let existing: Option<(i64, String, i64, i64)> = tx
                        .prepare_cached(
                            "SELECT id, kind, risk, opened_at FROM cases WHERE brand_id = ?1 \
                             AND source = ?2 AND conversation = ?3 AND customer = ?4",
                        )?
                        .query_row(params![brand_id, m.source, conversation, customer], |r| {
                            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                        })
                        .optional()?;
                    Some(match existing {
                        Some((id, kind, case_risk, opened)) => {
                            let new_kind = merge_kind(kind_of(&kind), inc.analysis.kind);
                            let d = policy.deadlines(&m.source, new_kind, ts(opened));
                            let riskier = i64::from(risk.score) > case_risk;
                            // A kind that changes before anyone answered changes the targets;
                            // later, the clocks the desk has moved (pauses, reopening) stay.
                            let retarget = new_kind != kind_of(&kind);
                            tx.prepare_cached(
                                "UPDATE cases SET kind = ?2, \
                                 first_response_due = CASE WHEN ?11 AND responded_at IS NULL \
                                 THEN ?3 ELSE first_response_due END, \
                                 resolution_due = CASE WHEN ?11 AND responded_at IS NULL \
                                 THEN ?4 ELSE resolution_due END, risk = MAX(risk, ?5), \
                                 risk_factors = CASE WHEN ?6 THEN ?7 ELSE risk_factors END, \
                                 sentiment = CASE WHEN ?6 THEN ?8 ELSE sentiment END, \
                                 last_customer_at = MAX(last_customer_at, ?9), \
                                 mention_count = mention_count + 1, updated_at = ?10 WHERE id = ?1",
                            )?
                            .execute(params![
                                id,
                                new_kind.as_str(),
                                ms(d.first_response),
                                ms(d.resolution),
                                i64::from(risk.score),
                                riskier,
                                factors,
                                inc.analysis.sentiment.as_str(),
                                posted,
                                now_ms,
                                retarget,
                            ])?;
                            crate::desk::customer_message(
                                &tx,
                                id,
                                inc.analysis.kind,
                                m.private,
                                posted,
                                now_ms,
                                &desk,
                            )?;
                            id
                        }
                        None => {
                            let d = policy.deadlines(&m.source, inc.analysis.kind, ts(posted));
                            tx.prepare_cached(
                                "INSERT INTO cases (brand_id, source, conversation, customer, \
                                 kind, sentiment, lang, risk, risk_factors, opened_at, \
                                 first_response_due, resolution_due, last_customer_at, \
                                 first_mention_id, mention_count, updated_at, next_alert_at) \
                                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?10, \
                                 ?13, 1, ?14, ?10)",
                            )?
                            .execute(params![
                                brand_id,
                                m.source,
                                conversation,
                                customer,
                                inc.analysis.kind.as_str(),
                                inc.analysis.sentiment.as_str(),
                                inc.analysis.lang.as_str(),
                                i64::from(risk.score),
                                factors,
                                posted,
                                ms(d.first_response),
                                ms(d.resolution),
                                mention_id,
                                now_ms,
                            ])?;
                            tx.last_insert_rowid()
                        }
                    })
                }
            };
            tx.prepare_cached(
                "INSERT INTO mentions (id, source, source_id, brand_id, case_id, from_brand, text, \
                 created_at, imported_at, updated_at, author_id, author_handle, followers, \
                 parent_id, conversation, private, venue, interactions, lang, sentiment, kind, \
                 risk, raw, analysis, risk_factors, matched_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, \
                 ?7, ?8, ?9, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, \
                 ?23, ?24, ?25)",
            )?
            .execute(params![
                mention_id,
                m.source,
                m.id,
                brand_id,
                case_id,
                from_brand,
                m.text,
                m.created_at.map(ms),
                now_ms,
                author.and_then(|a| a.id.as_deref()),
                author.and_then(|a| a.handle.as_deref()),
                author
                    .and_then(|a| a.followers)
                    .map(|f| f.min(i64::MAX as u64) as i64),
                m.parent_id,
                conversation,
                m.private,
                m.venue.map(|v| v.as_str()),
                interactions,
                inc.analysis.lang.as_str(),
                inc.analysis.sentiment.as_str(),
                inc.analysis.kind.as_str(),
                i64::from(risk.score),
                raw,
                analysis_json,
                factors,
                matched_by.map(|b| b.as_str()),
            ])?;
        }
        tx.commit()?;
        Ok(sum)
    }

    fn cases(&self, f: &CaseFilter, now: Timestamp) -> Result<Vec<CaseSummary>> {
        let mut sql = format!(
            "SELECT {CASE_COLUMNS} FROM cases c JOIN mentions m ON m.id = c.first_mention_id \
             JOIN brands b ON b.id = c.brand_id WHERE 1 = 1"
        );
        let mut args: Vec<String> = Vec::new();
        for (col, v) in [
            ("b.name", &f.brand),
            ("c.status", &f.status),
            ("c.kind", &f.kind),
            ("c.source", &f.source),
            ("c.lang", &f.lang),
            ("c.assigned_to", &f.assigned_to),
        ] {
            if let Some(v) = v {
                args.push(v.clone());
                sql.push_str(&format!(" AND {col} = ?{}", args.len()));
            }
        }
        if f.open_only {
            sql.push_str(
                " AND c.status IN ('new', 'acknowledged', 'in_private', 'waiting_customer')",
            );
        }
        if f.breached {
            sql.push_str(&format!(
                " AND c.status IN ('new', 'acknowledged', 'in_private') AND c.paused_at IS NULL \
                 AND ((c.responded_at IS NULL AND c.first_response_due <= {now}) \
                 OR c.next_response_due <= {now} OR c.resolution_due <= {now})",
                now = ms(now)
            ));
        }
        // Waiting cases last (their clocks are paused), then the deadline that matters now.
        sql.push_str(
            " ORDER BY (c.paused_at IS NOT NULL), CASE WHEN c.responded_at IS NULL \
             THEN c.first_response_due ELSE MIN(COALESCE(c.next_response_due, c.resolution_due), \
             c.resolution_due) END, c.risk DESC, c.id",
        );
        sql.push_str(&format!(
            " LIMIT {} OFFSET {}",
            f.limit.clamp(1, 100_000),
            f.offset
        ));
        let mut st = self.conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            case_from_row(r, &self.names, now)
        })?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r?.0);
        }
        Ok(out)
    }

    fn case(&self, id: i64, now: Timestamp) -> Result<Option<CaseDetail>> {
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
                r.get::<_, i64>(7)?,
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
                .map_err(|e| StoreError::Corrupt(format!("mention {mid}: {e}")))?;
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
                    .map_err(|e| StoreError::Corrupt(format!("mention {mid}: {e}")))?,
                risk: risk.clamp(0, 100) as u8,
                risk_factors: serde_json::from_str::<Vec<Factor>>(&factors).unwrap_or_default(),
                from_brand,
                matched_by,
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

    fn stats(&self) -> Result<Stats> {
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

    fn add_token(&mut self, name: &str, sha256_hex: &str, now: Timestamp) -> Result<()> {
        self.conn.execute(
            "INSERT INTO api_tokens (name, sha256, created_at) VALUES (?1, ?2, ?3)",
            params![name, sha256_hex, ms(now)],
        )?;
        Ok(())
    }

    fn token_exists(&self, sha256_hex: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM api_tokens WHERE sha256 = ?1",
                [sha256_hex],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}
