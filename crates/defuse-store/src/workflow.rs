//! The case workflow on SQLite: what a status change does to the clocks and follow-up
//! [RT1–RT3, F1], what a customer message or a brand answer does [RT2, RC11, F2, F3], and the
//! actions people take — transitions, replies, assignment, follow-ups — each one transaction
//! with its audit record. The decisions are the pure ones of `defuse_core::workflow`.

use crate::audit::append_audit;
use crate::case_row::{CaseRow, load_case, save_case};
use crate::codec::{ms, ts};
use crate::error::{DeskError, DeskResult};
use crate::jobs::schedule_job;
use crate::sqlite::SqliteStore;
use defuse_core::clocks;
use defuse_core::desk_policy::DeskPolicy;
use defuse_core::workflow::{Actor, Refusal, Status};
use defuse_core::workflow::{FollowUpOutcome, check_transition, on_customer_message, on_reply};
use defuse_text::Kind;
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

/// Advice that does not block the action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    pub message: String,
}

/// What an action did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub case_id: i64,
    pub status: String,
    /// The audit record that holds it.
    pub audit_seq: i64,
    pub warnings: Vec<Warning>,
    /// The reply's id (replies only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_id: Option<i64>,
}

/// Moves a case to `to` and applies what that means for its clocks and follow-up; records the
/// move and returns the audit record's number. `at` is when it happened for the clocks (a
/// customer message's post time, or now); `now` is when it is recorded. The caller has checked
/// that the move is allowed.
#[allow(clippy::too_many_arguments)]
pub(crate) fn enter_status(
    c: &Connection,
    k: &mut CaseRow,
    to: Status,
    reason: &str,
    actor: &Actor,
    at: i64,
    now: i64,
    dp: &DeskPolicy,
) -> rusqlite::Result<i64> {
    let from = k.status;
    let cal = &dp.policy.calendar;
    let share = dp.policy.levels.warn_at;
    if from == Status::WaitingCustomer
        && to != Status::WaitingCustomer
        && let Some(p) = k.paused_at.take()
    {
        // The clocks pick up where they stopped: deadlines and warnings move by the pause.
        let (p, resumed) = (ts(p), ts(at.max(p)));
        let since = ts(k.resolution_since.unwrap_or(k.opened_at));
        if let Some(due) = k.resolution_due.map(ts) {
            let warn = k
                .resolution_warn
                .map(ts)
                .unwrap_or_else(|| clocks::warn_time(cal, since, due, share));
            k.resolution_due = Some(ms(clocks::resume(cal, p, due, resumed)));
            k.resolution_warn = Some(ms(clocks::resume(cal, p, warn, resumed)));
        }
        if let (Some(d), Some(s)) = (k.next_response_due, k.next_response_since) {
            let warn = k
                .next_response_warn
                .map(ts)
                .unwrap_or_else(|| clocks::warn_time(cal, ts(s), ts(d), share));
            k.next_response_due = Some(ms(clocks::resume(cal, p, ts(d), resumed)));
            k.next_response_warn = Some(ms(clocks::resume(cal, p, warn, resumed)));
        }
    }
    match to {
        Status::Acknowledged | Status::New if from.is_solved() || from == Status::Ignored => {
            // Reopened: the problem is back, and its resolution clock starts again (if its kind
            // has one).
            let t = dp.policy.targets(&k.source, k.kind, k.urgent);
            k.resolution_since = Some(at);
            k.resolution_due = t.resolution.map(|m| ms(cal.add(ts(at), m)));
            k.resolution_warn = None;
            k.resolved_at = None;
            k.resolution_posted_at = None;
            k.follow_up_due = None;
            k.follow_up_reminded_at = None;
            k.followed_up_at = None;
        }
        Status::WaitingCustomer => k.paused_at = Some(at),
        Status::Resolved => {
            k.resolved_at = Some(at);
            k.next_response_since = None;
            k.next_response_due = None;
            k.next_response_warn = None;
            // F1: check back after the configured delay (calendar time).
            let delay = dp.workflow.follow_up_for(k.kind.as_str());
            let due = at.saturating_add(delay.0.saturating_mul(60_000));
            k.follow_up_due = Some(due);
            schedule_job(
                c,
                "follow_up",
                &format!("follow_up:{}:{due}", k.id),
                k.id,
                &json!({"due": due}),
                due,
                now,
            )?;
        }
        Status::ResolutionPosted => k.resolution_posted_at = Some(at),
        Status::FollowedUp => k.followed_up_at = Some(at),
        _ => {}
    }
    k.status = to;
    k.status_reason = Some(reason.to_string()).filter(|r| !r.is_empty());
    save_case(c, k, now)?;
    c.prepare_cached(
        "INSERT INTO transitions (case_id, from_status, to_status, actor, reason, at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        k.id,
        from.as_str(),
        to.as_str(),
        actor.name,
        reason,
        now
    ])?;
    append_audit(
        c,
        now,
        actor,
        "case.transition",
        Some(k.id),
        None,
        &json!({"from": from.as_str(), "to": to.as_str(), "reason": reason}),
        false,
    )
}

/// The targets of a case's kind and urgency, applied to its clocks [RT1, A7, ST1, T3, T4]: a
/// case whose kind or urgency changed (a new message, an edit) takes its new targets. Clocks
/// that stopped stay stopped. Before the brand's first answer both deadlines are set again from
/// their start; a clock the new kind lacks goes, and one the case lacked starts at `at` (the
/// message that brought it: a week-old remark does not make a new complaint overdue). After the
/// first answer the resolution clock stays as the desk moved it; only one the case lacked starts
/// at `at`. A waiting case's resolution clock is left to the pause.
pub(crate) fn retarget(k: &mut CaseRow, at: i64, dp: &DeskPolicy) {
    let cal = &dp.policy.calendar;
    let t = dp.policy.targets(&k.source, k.kind, k.urgent);
    let at = at.max(k.opened_at);
    let solved = k.resolved_at.is_some();
    let unanswered = k.responded_at.is_none() && !solved;
    if unanswered {
        match t.first_response {
            None => {
                k.first_response_due = None;
                k.first_response_since = None;
            }
            Some(m) => {
                let since = match k.first_response_due {
                    Some(_) => k.first_response_since.unwrap_or(k.opened_at),
                    None => at,
                };
                k.first_response_since = Some(since).filter(|s| *s != k.opened_at);
                k.first_response_due = Some(ms(cal.add(ts(since), m)));
            }
        }
    }
    if solved || k.paused_at.is_some() {
        return;
    }
    match (t.resolution, k.resolution_due) {
        (None, Some(_)) if unanswered => {
            k.resolution_due = None;
            k.resolution_warn = None;
        }
        (Some(m), None) => {
            k.resolution_since = Some(at);
            k.resolution_due = Some(ms(cal.add(ts(at), m)));
            k.resolution_warn = None;
        }
        (Some(m), Some(_)) if unanswered => {
            let since = k.resolution_since.unwrap_or(k.opened_at);
            k.resolution_due = Some(ms(cal.add(ts(since), m)));
            k.resolution_warn = None;
        }
        _ => {}
    }
}

/// A customer's message changed on the platform (an edit) and with it the case's kind or
/// urgency: the case takes the targets of its new kind [RT1, A7] from `at` (when the edit came).
pub(crate) fn case_corrected(
    c: &Connection,
    case_id: i64,
    kind: Kind,
    urgent: bool,
    at: i64,
    now: i64,
    dp: &DeskPolicy,
) -> rusqlite::Result<()> {
    let Some(mut k) = load_case(c, case_id)? else {
        return Ok(());
    };
    if k.kind == kind && (k.urgent || !urgent) {
        return Ok(());
    }
    k.kind = kind;
    k.urgent |= urgent;
    retarget(&mut k, at, dp);
    save_case(c, &k, now)
}

/// A new customer message on an existing case [F3, RT2]: the case takes the targets of its kind
/// when its kind or urgency changed (`retargeted`, see [`retarget`]), reopens if it was waiting,
/// solved or closed, and starts the next-response clock if the brand had answered (when its
/// kind has one).
#[allow(clippy::too_many_arguments)]
pub(crate) fn customer_message(
    c: &Connection,
    case_id: i64,
    kind: Kind,
    private: bool,
    posted: i64,
    now: i64,
    retargeted: bool,
    dp: &DeskPolicy,
) -> rusqlite::Result<()> {
    let Some(mut k) = load_case(c, case_id)? else {
        return Ok(());
    };
    if retargeted {
        retarget(&mut k, posted, dp);
    }
    // A message posted before the case last moved (imported late) does not undo that move.
    let last_move: Option<i64> = c
        .prepare_cached("SELECT MAX(at) FROM transitions WHERE case_id = ?1")?
        .query_row([case_id], |r| r.get(0))?;
    let answered = k.responded_at.is_some();
    // The status first: leaving a pause moves the running deadlines, not the new one.
    if last_move.is_none_or(|m| posted > m)
        && let Some(to) = on_customer_message(k.status, kind, private, answered)
    {
        enter_status(
            c,
            &mut k,
            to,
            "a new message from the customer",
            &Actor::system(),
            posted,
            now,
            dp,
        )?;
    }
    if answered
        && k.resolved_at.is_none()
        && k.next_response_since.is_none()
        && k.last_brand_at.is_none_or(|b| posted > b)
    {
        let t = dp.policy.targets(&k.source, k.kind, k.urgent);
        k.next_response_since = Some(posted);
        k.next_response_due = t
            .next_response
            .map(|m| ms(dp.policy.calendar.add(ts(posted), m)));
        k.next_response_warn = None;
    }
    save_case(c, &k, now)?;
    Ok(())
}

/// The brand answered in the thread (its own account's mention, or a reply recorded on the
/// desk): the first and next response clocks stop [RT1, RT2]; the status follows [RT2, RC11, F2].
pub(crate) fn brand_answer(
    c: &Connection,
    k: &mut CaseRow,
    public: bool,
    at: i64,
    actor: &Actor,
    now: i64,
    dp: &DeskPolicy,
) -> rusqlite::Result<Option<i64>> {
    if public && k.responded_at.is_none() {
        k.responded_at = Some(at);
    }
    k.last_brand_at = Some(k.last_brand_at.map_or(at, |b| b.max(at)));
    if k.next_response_since.is_some_and(|s| s <= at) {
        k.next_response_since = None;
        k.next_response_due = None;
        k.next_response_warn = None;
    }
    match on_reply(k.status, public) {
        Some(to) => {
            let why = if public {
                "the brand answered publicly"
            } else {
                "the brand answered in private"
            };
            enter_status(c, k, to, why, actor, at, now, dp).map(Some)
        }
        None => {
            save_case(c, k, now)?;
            Ok(None)
        }
    }
}

pub(crate) fn refuse(r: Refusal) -> DeskError {
    DeskError::Refused(r)
}

fn colleague_warnings(
    c: &Connection,
    k: &CaseRow,
    actor: &Actor,
    now: i64,
    dp: &DeskPolicy,
) -> rusqlite::Result<Vec<Warning>> {
    let mut w = Vec::new();
    if let Some(a) = &k.assigned_to
        && a != &actor.name
    {
        w.push(Warning {
            code: "assigned_to_other",
            rule: None,
            message: format!("this case is assigned to {a}"),
        });
    }
    let since = now - dp.workflow.colleague_window.0.saturating_mul(60_000);
    let other: Option<(String, i64)> = c
        .prepare_cached(
            "SELECT actor, at FROM audit WHERE case_id = ?1 AND at >= ?2 AND actor != ?3 \
             AND role != 'system' ORDER BY seq DESC LIMIT 1",
        )?
        .query_row(params![k.id, since, actor.name], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    if let Some((who, at)) = other {
        let mins = ((now - at).max(0)) / 60_000;
        w.push(Warning {
            code: "colleague_working",
            rule: None,
            message: format!("{who} worked on this case {mins} min ago: two agents on one case"),
        });
    }
    Ok(w)
}

/// Free text from people (reasons, notes) is capped so a request cannot store megabytes three
/// times over.
pub const MAX_REASON_CHARS: usize = 2_000;

pub(crate) fn cap(field: &'static str, text: &str) -> DeskResult<()> {
    if text.chars().count() > MAX_REASON_CHARS {
        return Err(DeskError::Invalid {
            field,
            reason: format!("longer than {MAX_REASON_CHARS} characters"),
        });
    }
    Ok(())
}

fn need_case(c: &Connection, id: i64) -> DeskResult<CaseRow> {
    load_case(c, id)?.ok_or_else(|| DeskError::not_found("case", id))
}

impl SqliteStore {
    /// Moves a case, as a person asks [RT2, RC11, F1, ST1].
    pub fn transition(
        &mut self,
        case_id: i64,
        to: Status,
        reason: &str,
        actor: &Actor,
        now: Timestamp,
        dp: &DeskPolicy,
    ) -> DeskResult<Outcome> {
        cap("reason", reason)?;
        let now = ms(now);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut k = need_case(&tx, case_id)?;
        let answered = k.responded_at.is_some();
        check_transition(k.status, to, reason, answered).map_err(refuse)?;
        if to == Status::WaitingCustomer && k.next_response_since.is_some() {
            return Err(refuse(Refusal::new(
                "customer_waiting",
                Some("RT2"),
                "the customer's last message is not answered yet: answer it before waiting for \
                 them [RT2]",
            )));
        }
        let mut warnings = colleague_warnings(&tx, &k, actor, now, dp)?;
        if to == Status::Ignored && matches!(k.kind, Kind::Complaint | Kind::Question) {
            warnings.push(Warning {
                code: "ignoring_criticism",
                rule: Some("ST1"),
                message: format!(
                    "this is a {}: ignored negativity accumulates [ST1]",
                    k.kind.as_str()
                ),
            });
        }
        if to == Status::Closed && k.resolution_posted_at.is_none() {
            warnings.push(Warning {
                code: "resolution_not_posted",
                rule: Some("F2"),
                message: "the resolution was never said publicly in the thread [F2]".into(),
            });
        }
        let seq = enter_status(&tx, &mut k, to, reason.trim(), actor, now, now, dp)?;
        tx.commit()?;
        Ok(Outcome {
            case_id,
            status: k.status.as_str().into(),
            audit_seq: seq,
            warnings,
            reply_id: None,
        })
    }

    /// Records a reply on a case (sending it to the platform comes with the connectors).
    pub fn reply(
        &mut self,
        case_id: i64,
        text: &str,
        public: bool,
        actor: &Actor,
        now: Timestamp,
        dp: &DeskPolicy,
    ) -> DeskResult<Outcome> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DeskError::Invalid {
                field: "text",
                reason: "the reply is empty".into(),
            });
        }
        if text.chars().count() > 20_000 {
            return Err(DeskError::Invalid {
                field: "text",
                reason: "longer than 20,000 characters".into(),
            });
        }
        let now = ms(now);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut k = need_case(&tx, case_id)?;
        let mut warnings = colleague_warnings(&tx, &k, actor, now, dp)?;
        if !public && k.responded_at.is_none() {
            warnings.push(Warning {
                code: "public_first",
                rule: Some("RC11"),
                message: "answer publicly first, then move to private messages [RC11]".into(),
            });
        }
        if matches!(k.kind, Kind::Troll) {
            warnings.push(Warning {
                code: "engaging_troll",
                rule: Some("T3"),
                message: "this case is a troll's: better not to engage [T3]".into(),
            });
        }
        let visibility = if public { "public" } else { "private" };
        tx.prepare_cached(
            "INSERT INTO replies (case_id, author, visibility, text, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![case_id, actor.name, visibility, text, now])?;
        let reply_id = tx.last_insert_rowid();
        let seq = append_audit(
            &tx,
            now,
            actor,
            "case.reply",
            Some(case_id),
            None,
            &json!({"reply_id": reply_id, "visibility": visibility, "text": text}),
            false,
        )?;
        let moved = brand_answer(&tx, &mut k, public, now, actor, now, dp)?;
        tx.commit()?;
        Ok(Outcome {
            case_id,
            status: k.status.as_str().into(),
            audit_seq: moved.unwrap_or(seq).max(seq),
            warnings,
            reply_id: Some(reply_id),
        })
    }

    /// Assigns a case to an agent (`None`: unassigns).
    pub fn assign(
        &mut self,
        case_id: i64,
        agent: Option<&str>,
        actor: &Actor,
        now: Timestamp,
        dp: &DeskPolicy,
    ) -> DeskResult<Outcome> {
        let agent = agent.map(str::trim).filter(|a| !a.is_empty());
        if agent.is_some_and(|a| a.chars().count() > 200) {
            return Err(DeskError::Invalid {
                field: "agent",
                reason: "longer than 200 characters".into(),
            });
        }
        let now = ms(now);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut k = need_case(&tx, case_id)?;
        let mut warnings = Vec::new();
        if let Some(prev) = &k.assigned_to
            && Some(prev.as_str()) != agent
        {
            warnings.push(Warning {
                code: "reassigned",
                rule: None,
                message: format!("the case was assigned to {prev}"),
            });
        }
        let from = k.assigned_to.clone();
        k.assigned_to = agent.map(str::to_string);
        save_case(&tx, &k, now)?;
        let seq = append_audit(
            &tx,
            now,
            actor,
            "case.assign",
            Some(case_id),
            None,
            &json!({"from": from, "to": agent}),
            false,
        )?;
        let _ = dp;
        tx.commit()?;
        Ok(Outcome {
            case_id,
            status: k.status.as_str().into(),
            audit_seq: seq,
            warnings,
            reply_id: None,
        })
    }

    /// Records the outcome of a follow-up [F1]: solved (or no answer) → followed up; still
    /// broken → reopened.
    pub fn follow_up(
        &mut self,
        case_id: i64,
        outcome: FollowUpOutcome,
        note: &str,
        actor: &Actor,
        now: Timestamp,
        dp: &DeskPolicy,
    ) -> DeskResult<Outcome> {
        cap("note", note)?;
        let now = ms(now);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut k = need_case(&tx, case_id)?;
        if !matches!(k.status, Status::Resolved | Status::ResolutionPosted) {
            return Err(refuse(Refusal::new(
                "not_resolved",
                Some("F1"),
                format!(
                    "a follow-up is for a resolved case; this one is {}",
                    k.status.as_str()
                ),
            )));
        }
        let warnings = colleague_warnings(&tx, &k, actor, now, dp)?;
        k.follow_up_outcome = Some(outcome.as_str().into());
        let reason = if note.trim().is_empty() {
            format!("follow-up: {}", outcome.as_str())
        } else {
            format!("follow-up: {}: {}", outcome.as_str(), note.trim())
        };
        let seq = enter_status(
            &tx,
            &mut k,
            outcome.next_status(),
            &reason,
            actor,
            now,
            now,
            dp,
        )?;
        tx.commit()?;
        Ok(Outcome {
            case_id,
            status: k.status.as_str().into(),
            audit_seq: seq,
            warnings,
            reply_id: None,
        })
    }
}
