//! Corrections of the analysis by the team: an agent sets the right kind and sentiment of a
//! message, or says it is (not) spam. The correction is kept with who and when, audited, takes
//! effect on the mention and — for the case's first customer message — on the case, and is
//! exported as labelled JSON Lines that `defuse train` reads (how the team teaches the model
//! its own language).

use crate::audit::append_audit;
use crate::codec::{instant, ms, named, ts};
use crate::error::{DeskError, DeskResult};
use crate::sqlite::SqliteStore;
use crate::workflow::case_corrected;
use defuse_core::desk_policy::DeskPolicy;
use defuse_core::workflow::Actor;
use defuse_text::{Kind, Sentiment};
use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

/// One correction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    pub mention_id: i64,
    pub kind: Option<Kind>,
    pub sentiment: Option<Sentiment>,
    pub spam: Option<bool>,
    pub actor: String,
    pub at: Timestamp,
}

/// One line of the labelled export (the shape `defuse train` and `defuse eval` read).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelledLine {
    pub id: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub label: String,
    pub lang: String,
    pub labelled_by: String,
    pub labelled_at: Timestamp,
}

impl SqliteStore {
    /// Record a correction of mention `mention_id`'s analysis (at least one of the three). A new
    /// kind on the case's first customer message gives the case that kind and its targets
    /// [RT1].
    #[allow(clippy::too_many_arguments)]
    pub fn label_mention(
        &mut self,
        mention_id: i64,
        kind: Option<Kind>,
        sentiment: Option<Sentiment>,
        spam: Option<bool>,
        actor: &Actor,
        now: Timestamp,
        dp: &DeskPolicy,
    ) -> DeskResult<i64> {
        if kind.is_none() && sentiment.is_none() && spam.is_none() {
            return Err(DeskError::Invalid {
                field: "label",
                reason: "give a kind, a sentiment or spam".into(),
            });
        }
        // Spam is a kind of its own: "spam: yes" sets it, "spam: no" on a spam message needs
        // the right kind (else it becomes other).
        let kind = match (kind, spam) {
            (Some(k), _) => Some(k),
            (None, Some(true)) => Some(Kind::Spam),
            (None, Some(false)) => None,
            (None, None) => None,
        };
        let now_ms = ms(now);
        let tx = self.write()?;
        let row: Option<(Option<i64>, String, bool)> = tx
            .query_row(
                "SELECT case_id, kind, from_brand FROM mentions WHERE id = ?1",
                [mention_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? != 0)),
            )
            .optional()?;
        let Some((case_id, old_kind, from_brand)) = row else {
            return Err(DeskError::NotFound {
                entity: "mention",
                id: mention_id.to_string(),
            });
        };
        if from_brand {
            return Err(DeskError::Invalid {
                field: "mention",
                reason: "the brand's own message has no customer analysis to correct".into(),
            });
        }
        let kind = match (kind, spam) {
            (None, Some(false)) if old_kind == Kind::Spam.as_str() => Some(Kind::Other),
            (k, _) => k,
        };
        tx.execute(
            "INSERT INTO labels (mention_id, kind, sentiment, spam, actor, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                mention_id,
                kind.map(Kind::as_str),
                sentiment.map(Sentiment::as_str),
                spam,
                actor.name,
                now_ms
            ],
        )?;
        if let Some(k) = kind {
            tx.execute(
                "UPDATE mentions SET kind = ?2 WHERE id = ?1",
                params![mention_id, k.as_str()],
            )?;
        }
        if let Some(s) = sentiment {
            tx.execute(
                "UPDATE mentions SET sentiment = ?2 WHERE id = ?1",
                params![mention_id, s.as_str()],
            )?;
        }
        // The case reads its kind and sentiment from its first customer message.
        if let Some(case) = case_id {
            let first: Option<i64> = tx
                .query_row(
                    "SELECT first_mention_id FROM cases WHERE id = ?1",
                    [case],
                    |r| r.get(0),
                )
                .optional()?;
            if first == Some(mention_id) {
                if let Some(k) = kind {
                    case_corrected(&tx, case, k, false, now_ms, now_ms, dp)?;
                }
                if let Some(s) = sentiment {
                    tx.execute(
                        "UPDATE cases SET sentiment = ?2, updated_at = ?3 WHERE id = ?1",
                        params![case, s.as_str(), now_ms],
                    )?;
                }
            }
        }
        let seq = append_audit(
            &tx,
            now_ms,
            actor,
            "analysis.corrected",
            case_id,
            Some(mention_id),
            &json!({
                "kind": kind.map(Kind::as_str),
                "sentiment": sentiment.map(Sentiment::as_str),
                "spam": spam,
                "was_kind": old_kind,
            }),
            false,
        )?;
        tx.commit()?;
        Ok(seq)
    }

    /// The corrections of a case's messages, oldest first.
    pub fn labels_of_case(&self, case_id: i64) -> DeskResult<Vec<Label>> {
        let mut st = self.conn.prepare_cached(
            "SELECT l.id, l.mention_id, l.kind, l.sentiment, l.spam, l.actor, l.at FROM labels l \
             JOIN mentions m ON m.id = l.mention_id WHERE m.case_id = ?1 ORDER BY l.id",
        )?;
        let rows = st.query_map([case_id], |r| {
            let id: i64 = r.get(0)?;
            let kind: Option<String> = r.get(2)?;
            let sentiment: Option<String> = r.get(3)?;
            Ok(Label {
                mention_id: r.get(1)?,
                kind: kind
                    .map(|k| named(Kind::parse, "labels", id, "kind", &k))
                    .transpose()?,
                sentiment: sentiment
                    .map(|s| named(Sentiment::parse, "labels", id, "sentiment", &s))
                    .transpose()?,
                spam: r.get::<_, Option<bool>>(4)?,
                actor: r.get(5)?,
                at: ts(instant("labels", id, "at", r.get(6)?)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every correction in effect as labelled lines for `defuse train`: per mention, its last
    /// kind and its last sentiment, each a line; streamed to `emit` in mention order.
    pub fn export_labels(
        &self,
        mut emit: impl FnMut(&LabelledLine) -> std::io::Result<()>,
    ) -> DeskResult<usize> {
        let mut st = self.conn.prepare(
            "SELECT m.id, m.source, m.source_id, m.text, m.raw, m.lang, l.kind, l.sentiment, \
             l.actor, l.at FROM labels l JOIN mentions m ON m.id = l.mention_id \
             WHERE l.id IN (SELECT MAX(id) FROM labels WHERE kind IS NOT NULL GROUP BY mention_id \
                            UNION SELECT MAX(id) FROM labels WHERE sentiment IS NOT NULL GROUP BY mention_id) \
             ORDER BY m.id, l.id",
        )?;
        let mut rows = st.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let source: String = r.get(1)?;
            let source_id: String = r.get(2)?;
            let raw: String = r.get(4)?;
            let title = serde_json::from_str::<serde_json::Value>(&raw)
                .ok()
                .and_then(|v| v.get("title").and_then(|t| t.as_str()).map(str::to_string));
            let at = ts(instant("labels", id, "at", r.get(9)?)?);
            for (task, value) in [
                ("kind", r.get::<_, Option<String>>(6)?),
                ("sentiment", r.get::<_, Option<String>>(7)?),
            ] {
                let Some(label) = value else { continue };
                let line = LabelledLine {
                    id: format!("{source}:{source_id}:{task}"),
                    text: r.get(3)?,
                    title: title.clone(),
                    label,
                    lang: r.get(5)?,
                    labelled_by: r.get(8)?,
                    labelled_at: at,
                };
                emit(&line).map_err(|e| DeskError::Invalid {
                    field: "output",
                    reason: e.to_string(),
                })?;
                n += 1;
            }
        }
        Ok(n)
    }

    /// The case a stored mention belongs to.
    pub fn case_of_mention_id(&self, mention_id: i64) -> DeskResult<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT case_id FROM mentions WHERE id = ?1",
                [mention_id],
                |r| r.get::<_, Option<i64>>(0),
            )
            .optional()?
            .flatten())
    }

    /// A stored mention's case and full text (title, then text), for revealing what the page
    /// masks; `None` when it belongs to no case.
    pub fn mention_text(&self, mention_id: i64) -> DeskResult<Option<(i64, String)>> {
        let row: Option<(Option<i64>, String, String)> = self
            .conn
            .query_row(
                "SELECT case_id, text, raw FROM mentions WHERE id = ?1",
                [mention_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(row.and_then(|(case, text, raw)| {
            let title = serde_json::from_str::<serde_json::Value>(&raw)
                .ok()
                .and_then(|v| v.get("title").and_then(|t| t.as_str()).map(str::to_string));
            case.map(|c| {
                (
                    c,
                    match title {
                        Some(t) if !t.trim().is_empty() => format!("{t}\n{text}"),
                        _ => text,
                    },
                )
            })
        }))
    }
}
