//! Moderation on SQLite [M1–M4]: the policy of `defuse_core::moderation` decides, this applies
//! and records it (refusals are audited too).

use crate::audit::append_audit;
use crate::codec::AnalysisFlags;
use crate::codec::{self, ms};
use crate::error::{DeskError, DeskResult};
use crate::sqlite::SqliteStore;
use crate::workflow::{cap, refuse};
use defuse_core::desk_policy::DeskPolicy;
use defuse_core::moderation::{self, Action, Decision, Subject};
use defuse_core::workflow::{Actor, Refusal};
use defuse_text::Kind;
use jiff::Timestamp;
use rusqlite::{OptionalExtension, params};
use serde_json::json;

impl SqliteStore {
    /// Moderates a mention under the policy [M1–M4]; refusals name the rule.
    #[allow(clippy::too_many_arguments)]
    pub fn moderate(
        &mut self,
        mention_id: i64,
        action: Action,
        rule: Option<&str>,
        reason: &str,
        override_reason: Option<&str>,
        actor: &Actor,
        now: Timestamp,
        dp: &DeskPolicy,
    ) -> DeskResult<(Decision, i64)> {
        let now = ms(now);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        cap("reason", reason)?;
        cap("override_reason", override_reason.unwrap_or(""))?;
        cap("rule", rule.unwrap_or(""))?;
        let row: Option<(Option<i64>, Kind, String, bool, String, bool)> = tx
            .query_row(
                "SELECT case_id, kind, analysis, from_brand, moderation, private FROM mentions \
                 WHERE id = ?1",
                [mention_id],
                |r| {
                    let kind = codec::kind("mentions", mention_id, &r.get::<_, String>(1)?)?;
                    Ok((r.get(0)?, kind, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
                },
            )
            .optional()?;
        let Some((case_id, kind, analysis, from_brand, state, private)) = row else {
            return Err(DeskError::not_found("mention", mention_id));
        };
        if state == "deleted" {
            return Err(refuse(Refusal::new(
                "already_deleted",
                None,
                format!("mention {mention_id} was deleted: nothing can be done with it any more"),
            )));
        }
        let a = AnalysisFlags::read(mention_id, &analysis)?;
        let subject = Subject {
            kind,
            sentiment: a.sentiment(),
            spam: a.spam,
            profanity: a.profanity,
            toxic: a.toxic,
            from_brand,
            exposes_private_data: !a.private_data.is_empty() && !private,
        };
        let req = moderation::Request {
            action,
            rule,
            reason,
            override_reason,
            actor,
        };
        let decision = match moderation::decide(&subject, &req, &dp.rules) {
            Ok(d) => d,
            Err(r) => {
                // A refusal is recorded too: who tried to remove what, and which rule said no.
                append_audit(
                    &tx,
                    now,
                    actor,
                    "mention.moderation_refused",
                    case_id,
                    Some(mention_id),
                    &json!({"action": action.as_str(), "rule": rule, "reason": reason,
                            "refusal": r}),
                    false,
                )?;
                tx.commit()?;
                return Err(DeskError::Refused(r));
            }
        };
        tx.execute(
            "UPDATE mentions SET moderation = ?2 WHERE id = ?1",
            params![mention_id, action.visibility()],
        )?;
        tx.execute(
            "INSERT INTO moderation_actions (mention_id, action, rule_id, reason, actor, \
             overridden, override_reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                mention_id,
                action.as_str(),
                decision.rule,
                reason,
                actor.name,
                decision.overridden,
                override_reason.filter(|_| decision.overridden),
                now
            ],
        )?;
        let seq = append_audit(
            &tx,
            now,
            actor,
            "mention.moderation",
            case_id,
            Some(mention_id),
            &json!({"action": action.as_str(), "rule": decision.rule, "reason": reason,
                    "override_reason": override_reason.filter(|_| decision.overridden),
                    "overrode": decision.overrode}),
            decision.overridden,
        )?;
        tx.commit()?;
        Ok((decision, seq))
    }
}
