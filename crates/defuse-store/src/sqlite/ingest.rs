//! Ingestion: one immediate write transaction per batch, and each mention through its steps —
//! dedupe (a known mention comes again unchanged, or changed: updated, its earlier text kept),
//! thread (its conversation and the brand it inherits), open or update the customer's case, or
//! acknowledge the case the brand's own answer answers [RT2] — then insert it. Every workflow
//! effect follows the settings' [`DeskPolicy`], as a person's action does.

use super::SqliteStore;
use crate::case_row::load_case;
use crate::codec::{self, ms, ts};
use crate::workflow::{brand_answer, case_corrected, customer_message};
use crate::{Incoming, IngestSummary, MatchedBy, Result, StoreError};
use defuse_core::desk_policy::DeskPolicy;
use defuse_core::risk::{Observed, assess};
use defuse_core::triage::merge_kind;
use defuse_core::workflow::{Actor, Role};
use jiff::Timestamp;
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

impl SqliteStore {
    /// Store a batch in one transaction: dedupe, version, thread, open or update cases, set
    /// their risk and deadlines. `now` is the import time (the injected clock).
    pub fn ingest(
        &mut self,
        batch: Vec<Incoming>,
        dp: &DeskPolicy,
        now: Timestamp,
    ) -> Result<IngestSummary> {
        let mut sum = IngestSummary::default();
        let now_ms = ms(now);
        let brands = self.brands.clone();
        let tx = self.write()?;
        let mut next_id: i64 =
            tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM mentions", [], |r| {
                r.get(0)
            })?;
        for inc in batch {
            match dedupe(&tx, &inc, now_ms, dp)? {
                Seen::Unchanged => {
                    sum.duplicates += 1;
                    continue;
                }
                Seen::Updated => {
                    sum.updated += 1;
                    continue;
                }
                Seen::New => {}
            }
            let place = thread(&tx, &inc, &brands)?;
            // Mention ids are assigned here (one writer), so the case can point at its first
            // mention and the mention at its case in one insert each.
            let mention_id = next_id;
            next_id += 1;
            sum.new += 1;
            let posted = inc.mention.created_at.map(ms).unwrap_or(now_ms);
            let case_id = match place.brand_id {
                None => {
                    sum.unmatched += 1;
                    None
                }
                Some(_) if place.from_brand => acknowledge(&tx, &inc, &place, posted, now_ms, dp)?,
                Some(brand_id) => Some(open_or_update_case(
                    &tx, &inc, &place, brand_id, mention_id, posted, now_ms, dp,
                )?),
            };
            insert(&tx, &inc, &place, mention_id, case_id, now_ms)?;
        }
        tx.commit()?;
        Ok(sum)
    }
}

/// What a rematch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RematchSummary {
    /// Unmatched mentions looked at.
    pub checked: u64,
    /// Of them, now matched to a brand (and in a case).
    pub matched: u64,
}

impl SqliteStore {
    /// Unmatched mentions with an id above `after`, oldest first, at most `limit`: their id and
    /// stored form (canonical JSON), for [`Self::attach_brands`] (bug 11: brands added after an
    /// import).
    pub fn unmatched_mentions(&self, after: i64, limit: usize) -> Result<Vec<(i64, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, raw FROM mentions WHERE brand_id IS NULL AND id > ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = st.query_map(params![after, limit.min(100_000) as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Gives unmatched mentions the brand now found for them (re-analysed by the caller, in id
    /// order so a reply follows its parent): each is threaded and opens or joins its case as on
    /// ingestion, in one transaction. A mention matched meanwhile is left alone, so running it
    /// twice changes nothing.
    pub fn attach_brands(
        &mut self,
        found: Vec<(i64, Incoming)>,
        dp: &DeskPolicy,
        now: Timestamp,
    ) -> Result<RematchSummary> {
        let mut sum = RematchSummary::default();
        let now_ms = ms(now);
        let brands = self.brands.clone();
        let tx = self.write()?;
        for (id, inc) in found {
            sum.checked += 1;
            let still: bool = tx
                .prepare_cached("SELECT 1 FROM mentions WHERE id = ?1 AND brand_id IS NULL")?
                .query_row([id], |_| Ok(()))
                .optional()?
                .is_some();
            if !still {
                continue;
            }
            let place = thread(&tx, &inc, &brands)?;
            let Some(brand_id) = place.brand_id else {
                continue;
            };
            let posted = inc.mention.created_at.map(ms).unwrap_or(now_ms);
            let case_id = if place.from_brand {
                acknowledge(&tx, &inc, &place, posted, now_ms, dp)?
            } else {
                // The case points at its first mention: this one, when it opens one.
                Some(open_or_update_case(
                    &tx, &inc, &place, brand_id, id, posted, now_ms, dp,
                )?)
            };
            tx.prepare_cached(
                "UPDATE mentions SET brand_id = ?2, case_id = ?3, from_brand = ?4, \
                 matched_by = ?5, conversation = ?6 WHERE id = ?1",
            )?
            .execute(params![
                id,
                brand_id,
                case_id,
                place.from_brand,
                place.matched_by.map(|b| b.as_str()),
                place.conversation,
            ])?;
            sum.matched += 1;
        }
        tx.commit()?;
        Ok(sum)
    }
}

/// What a mention is to the store.
enum Seen {
    New,
    Unchanged,
    Updated,
}

/// A known mention, as needed to decide what a re-import changes.
struct Known {
    id: i64,
    raw: String,
    interactions: i64,
    updated_at: i64,
    case_id: Option<i64>,
    text: String,
    kind: String,
}

/// Dedupe on (source, id): an unchanged re-import adds nothing; a changed one updates the
/// mention (keeping its earlier text or title), its risk by the growth since the last snapshot
/// [A3], and its case's risk when that grew; a case whose kind or urgency the edit changed takes
/// its new targets [RT1, A7].
fn dedupe(tx: &Transaction<'_>, inc: &Incoming, now_ms: i64, dp: &DeskPolicy) -> Result<Seen> {
    let m = &inc.mention;
    let known: Option<Known> = tx
        .prepare_cached(
            "SELECT id, raw, interactions, updated_at, case_id, text, kind FROM mentions \
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
                kind: r.get(6)?,
            })
        })
        .optional()?;
    let Some(k) = known else {
        return Ok(Seen::New);
    };
    if k.raw == inc.raw {
        return Ok(Seen::Unchanged);
    }
    let interactions = m.metrics.interactions().min(i64::MAX as u64) as i64;
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
    let factors =
        serde_json::to_string(&risk.factors).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.prepare_cached(
        "UPDATE mentions SET text = ?2, raw = ?3, analysis = ?4, updated_at = ?5, \
         interactions = ?6, followers = ?7, lang = ?8, sentiment = ?9, kind = ?10, \
         risk = ?11, risk_factors = ?12 WHERE id = ?1",
    )?
    .execute(params![
        k.id,
        m.text,
        inc.raw,
        inc.analysis_json,
        now_ms,
        interactions,
        followers(inc),
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
        .execute(params![case_id, i64::from(risk.score), factors, now_ms])?;
        let urgent = dp.policy.urgent(risk.score, inc.analysis.emotion);
        if k.kind != inc.analysis.kind.as_str() || urgent {
            // The case's kind again from all its customer's messages, this one as it is now.
            let mut kind = inc.analysis.kind;
            let mut st = tx.prepare_cached(
                "SELECT id, kind FROM mentions WHERE case_id = ?1 AND from_brand = 0 AND id != ?2",
            )?;
            let rows = st.query_map(params![case_id, k.id], |r| {
                let id: i64 = r.get(0)?;
                codec::kind("mentions", id, &r.get::<_, String>(1)?)
            })?;
            for other in rows {
                kind = merge_kind(kind, other?);
            }
            case_corrected(tx, case_id, kind, urgent, now_ms, now_ms, dp)?;
        }
    }
    Ok(Seen::Updated)
}

fn followers(inc: &Incoming) -> Option<i64> {
    inc.mention
        .author
        .as_ref()
        .and_then(|a| a.followers)
        .map(|f| f.min(i64::MAX as u64) as i64)
}

/// Where a new mention belongs.
struct Place {
    conversation: String,
    brand_id: Option<i64>,
    matched_by: Option<MatchedBy>,
    /// Written by the brand's own account.
    from_brand: bool,
    /// The case of the message it answers (its parent's, else its thread root's).
    answers_case: Option<i64>,
}

/// The parts of a parent or thread root that a reply inherits.
struct Parent {
    conversation: String,
    brand_id: Option<i64>,
    case_id: Option<i64>,
}

/// Threading: a reply joins its parent's conversation (and brand); else the thread the platform
/// names. A mention that names no brand of its own inherits its conversation's.
fn thread(tx: &Transaction<'_>, inc: &Incoming, brands: &HashMap<String, i64>) -> Result<Place> {
    let m = &inc.mention;
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
    let own = inc
        .brand
        .as_ref()
        .and_then(|(name, by)| brands.get(name).map(|id| (*id, *by)));
    let (brand_id, matched_by) = match own {
        Some((id, by)) => (Some(id), Some(by)),
        None => (inherited, inherited.map(|_| MatchedBy::Thread)),
    };
    let from_brand = match (&inc.by_brand, brand_id) {
        (Some(b), Some(id)) => brands.get(b) == Some(&id),
        _ => false,
    };
    let answers_case = parent
        .as_ref()
        .and_then(|p| p.case_id)
        .or(root.as_ref().and_then(|p| p.case_id));
    Ok(Place {
        conversation,
        brand_id,
        matched_by,
        from_brand,
        answers_case,
    })
}

/// The brand's own answer: the case it answers is acknowledged [RT2]. A public answer counts as
/// the first response; a private one does not (F2 wants the thread to see it).
fn acknowledge(
    tx: &Transaction<'_>,
    inc: &Incoming,
    place: &Place,
    posted: i64,
    now_ms: i64,
    dp: &DeskPolicy,
) -> Result<Option<i64>> {
    let Some(case_id) = place.answers_case else {
        return Ok(None);
    };
    if let Some(mut k) = load_case(tx, case_id)? {
        let actor = Actor {
            name: format!("{}'s account", inc.by_brand.as_deref().unwrap_or("brand")),
            role: Role::System,
        };
        brand_answer(tx, &mut k, !inc.mention.private, posted, &actor, now_ms, dp)?;
    }
    Ok(Some(case_id))
}

/// A case is one customer's conversation with the brand in one thread: a later message updates
/// it (kind, targets before the first answer, risk, the workflow's reaction [F3, RT2]); the
/// first opens it with its deadlines.
#[allow(clippy::too_many_arguments)]
fn open_or_update_case(
    tx: &Transaction<'_>,
    inc: &Incoming,
    place: &Place,
    brand_id: i64,
    mention_id: i64,
    posted: i64,
    now_ms: i64,
    dp: &DeskPolicy,
) -> Result<i64> {
    let m = &inc.mention;
    let policy = &dp.policy;
    let risk = &inc.risk;
    let factors =
        serde_json::to_string(&risk.factors).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let customer = m
        .author
        .as_ref()
        .and_then(|a| a.id.clone().or_else(|| a.handle.clone()))
        .unwrap_or_else(|| format!("mention:{}", m.id));
    let existing = tx
        .prepare_cached(
            "SELECT id, kind, risk, urgent FROM cases WHERE brand_id = ?1 \
             AND source = ?2 AND conversation = ?3 AND customer = ?4",
        )?
        .query_row(
            params![brand_id, m.source, place.conversation, customer],
            |r| {
                let id: i64 = r.get(0)?;
                let kind = codec::kind("cases", id, &r.get::<_, String>(1)?)?;
                Ok((id, kind, r.get::<_, i64>(2)?, r.get::<_, bool>(3)?))
            },
        )
        .optional()?;
    if let Some((id, kind, case_risk, was_urgent)) = existing {
        let new_kind = merge_kind(kind, inc.analysis.kind);
        let riskier = i64::from(risk.score) > case_risk;
        let case_risk = case_risk.clamp(0, 100) as u8;
        // A7: urgent once its risk reaches the threshold or a message is strongly emotional.
        let urgent = was_urgent || policy.urgent(risk.score.max(case_risk), inc.analysis.emotion);
        // A case whose kind or urgency changed takes the new targets (`workflow::retarget`).
        let retarget = new_kind != kind || urgent != was_urgent;
        tx.prepare_cached(
            "UPDATE cases SET kind = ?2, urgent = ?3, risk = MAX(risk, ?4), \
             risk_factors = CASE WHEN ?5 THEN ?6 ELSE risk_factors END, \
             sentiment = CASE WHEN ?5 THEN ?7 ELSE sentiment END, \
             last_customer_at = MAX(last_customer_at, ?8), \
             mention_count = mention_count + 1, updated_at = ?9 WHERE id = ?1",
        )?
        .execute(params![
            id,
            new_kind.as_str(),
            urgent,
            i64::from(risk.score),
            riskier,
            factors,
            inc.analysis.sentiment.as_str(),
            posted,
            now_ms,
        ])?;
        customer_message(
            tx,
            id,
            inc.analysis.kind,
            m.private,
            posted,
            now_ms,
            retarget,
            dp,
        )?;
        return Ok(id);
    }
    // RT1, A7; no clock for the kinds the desk does not answer [ST1, T3, T4].
    let urgent = policy.urgent(risk.score, inc.analysis.emotion);
    let d = policy.deadlines(&m.source, inc.analysis.kind, urgent, ts(posted));
    tx.prepare_cached(
        "INSERT INTO cases (brand_id, source, conversation, customer, \
         kind, sentiment, lang, risk, risk_factors, opened_at, \
         first_response_due, resolution_due, last_customer_at, \
         first_mention_id, mention_count, updated_at, next_alert_at, urgent) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?10, \
         ?13, 1, ?14, ?10, ?15)",
    )?
    .execute(params![
        brand_id,
        m.source,
        place.conversation,
        customer,
        inc.analysis.kind.as_str(),
        inc.analysis.sentiment.as_str(),
        inc.analysis.lang.as_str(),
        i64::from(risk.score),
        factors,
        posted,
        d.first_response.map(ms),
        d.resolution.map(ms),
        mention_id,
        now_ms,
        urgent,
    ])?;
    Ok(tx.last_insert_rowid())
}

fn insert(
    tx: &Transaction<'_>,
    inc: &Incoming,
    place: &Place,
    mention_id: i64,
    case_id: Option<i64>,
    now_ms: i64,
) -> Result<()> {
    let m = &inc.mention;
    let author = m.author.as_ref();
    let factors =
        serde_json::to_string(&inc.risk.factors).map_err(|e| StoreError::Corrupt(e.to_string()))?;
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
        place.brand_id,
        case_id,
        place.from_brand,
        m.text,
        m.created_at.map(ms),
        now_ms,
        author.and_then(|a| a.id.as_deref()),
        author.and_then(|a| a.handle.as_deref()),
        followers(inc),
        m.parent_id,
        place.conversation,
        m.private,
        m.venue.map(|v| v.as_str()),
        m.metrics.interactions().min(i64::MAX as u64) as i64,
        inc.analysis.lang.as_str(),
        inc.analysis.sentiment.as_str(),
        inc.analysis.kind.as_str(),
        i64::from(inc.risk.score),
        inc.raw,
        inc.analysis_json,
        factors,
        place.matched_by.map(|b| b.as_str()),
    ])?;
    Ok(())
}
