//! A case as a person reads it: the stored case with its clocks, strategy advice [ST1–ST3],
//! replies, moves and follow-up.

use crate::CaseDetail;
use crate::case_row::{case_clocks, load_case};
use crate::codec::AnalysisFlags;
use crate::codec::{ms, ts};
use crate::error::DeskResult;
use crate::sqlite::SqliteStore;
use defuse_core::advice::{self, Advice, Situation};
use defuse_core::clocks::ClockView;
use defuse_core::desk_policy::DeskPolicy;
use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::Value;

/// A reply recorded on a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reply {
    pub id: i64,
    pub author: String,
    pub visibility: String,
    pub text: String,
    pub created_at: Timestamp,
}

/// One move of a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TransitionRow {
    pub from: String,
    pub to: String,
    pub actor: String,
    pub reason: String,
    pub at: Timestamp,
}

/// The follow-up of a case [F1].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    pub due: Option<Timestamp>,
    pub reminded_at: Option<Timestamp>,
    pub done_at: Option<Timestamp>,
    pub outcome: Option<String>,
}

/// The workflow side of a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorkflowView {
    pub assigned_to: Option<String>,
    pub status_reason: Option<String>,
    /// RT1–RT3.
    pub clocks: Vec<ClockView>,
    /// ST1–ST3, T1–T6.
    pub advice: Advice,
    pub replies: Vec<Reply>,
    pub transitions: Vec<TransitionRow>,
    pub follow_up: FollowUp,
    /// F2: when the resolution was said publicly in the thread.
    pub resolution_posted_at: Option<Timestamp>,
}

/// A case with its workflow.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseView {
    #[serde(flatten)]
    pub detail: CaseDetail,
    pub workflow: WorkflowView,
}

impl SqliteStore {
    /// The case a mention belongs to (by its platform id).
    pub fn case_of_mention(&self, source: &str, source_id: &str) -> DeskResult<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT case_id FROM mentions WHERE source = ?1 AND source_id = ?2",
                params![source, source_id],
                |r| r.get::<_, Option<i64>>(0),
            )
            .optional()?
            .flatten())
    }

    /// A case with its clocks, advice, replies, moves and follow-up.
    pub fn case_view(
        &self,
        id: i64,
        now: Timestamp,
        dp: &DeskPolicy,
    ) -> DeskResult<Option<CaseView>> {
        let Some(detail) = self.case(id, now)? else {
            return Ok(None);
        };
        let Some(k) = load_case(&self.conn, id)? else {
            return Ok(None);
        };
        let clocks = case_clocks(&k, &dp.policy, ms(now));
        // T2: other customers complaining about the same brand at about the same time.
        let window = dp.workflow.systemic_window.0.saturating_mul(60_000);
        let similar: i64 = self.conn.query_row(
            "SELECT COUNT(DISTINCT customer) FROM cases WHERE brand_id = ?1 AND kind = 'complaint' \
             AND opened_at BETWEEN ?2 AND ?3 \
             AND customer != (SELECT customer FROM cases WHERE id = ?4)",
            params![k.brand_id, k.opened_at - window, k.opened_at + window, k.id],
            |r| r.get(0),
        )?;
        let flags = |m: &crate::StoredMention| -> DeskResult<AnalysisFlags> {
            Ok(AnalysisFlags::from_value(m.id, &m.analysis)?)
        };
        let first = match detail.thread.iter().find(|m| !m.from_brand) {
            Some(m) => flags(m)?,
            None => AnalysisFlags::default(),
        };
        let mut private_data_in_public = false;
        for m in detail.thread.iter().filter(|m| !m.from_brand) {
            let private = m
                .mention
                .get("private")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            if !private && !flags(m)?.private_data.is_empty() {
                private_data_in_public = true;
            }
        }
        let advice = advice::advise(&Situation {
            kind: k.kind,
            lang: first.lang(),
            similar_complaints: similar.max(0) as usize,
            systemic_threshold: dp.workflow.systemic_threshold,
            private_data_in_public,
            profanity: first.profanity,
        });
        let mut st = self.conn.prepare(
            "SELECT id, author, visibility, text, created_at FROM replies WHERE case_id = ?1 \
             ORDER BY id",
        )?;
        let replies = st
            .query_map([id], |r| {
                Ok(Reply {
                    id: r.get(0)?,
                    author: r.get(1)?,
                    visibility: r.get(2)?,
                    text: r.get(3)?,
                    created_at: ts(r.get(4)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut st = self.conn.prepare(
            "SELECT from_status, to_status, actor, reason, at FROM transitions WHERE case_id = ?1 \
             ORDER BY id",
        )?;
        let transitions = st
            .query_map([id], |r| {
                Ok(TransitionRow {
                    from: r.get(0)?,
                    to: r.get(1)?,
                    actor: r.get(2)?,
                    reason: r.get(3)?,
                    at: ts(r.get(4)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(CaseView {
            detail,
            workflow: WorkflowView {
                assigned_to: k.assigned_to.clone(),
                status_reason: k.status_reason.clone(),
                clocks,
                advice,
                replies,
                transitions,
                follow_up: FollowUp {
                    due: k.follow_up_due.map(ts),
                    reminded_at: k.follow_up_reminded_at.map(ts),
                    done_at: k.followed_up_at.map(ts),
                    outcome: k.follow_up_outcome.clone(),
                },
                resolution_posted_at: k.resolution_posted_at.map(ts),
            },
        }))
    }
}
