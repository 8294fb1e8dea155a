//! The case workflow on the SQLite store: transitions, replies, assignments, follow-ups [F1, F2],
//! moderation [M1–M4], the hash-chained audit trail, the persistent job queue (service-level
//! warnings and breaches, high-risk alerts, follow-up reminders) and the webhook outbox. The
//! decisions are the pure ones of `defuse_core` (workflow, clocks, moderation, advice, audit);
//! this module loads, applies them in one transaction each, and records who did what.

use crate::sqlite::{SqliteStore, kind_of, ms, ts};
use crate::{CaseDetail, StoreError};
use defuse_core::advice::{self, Advice, Situation};
use defuse_core::audit::{self, GENESIS, Record, Verifier};
use defuse_core::clocks::{self, CaseTimes, ClockState, ClockView};
use defuse_core::moderation::{self, Action, Decision, Subject};
use defuse_core::settings::{
    AlertSettings, CommunityRule, Settings, SettingsError, WorkflowSettings,
};
use defuse_core::triage::Policy;
use defuse_core::workflow::{
    Actor, FollowUpOutcome, Refusal, Role, Status, check_transition, on_customer_message, on_reply,
};
use defuse_text::Kind;
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde_json::{Value, json};

/// Everything the workflow reads from the settings.
#[derive(Debug, Clone)]
pub struct DeskPolicy {
    pub policy: Policy,
    pub workflow: WorkflowSettings,
    pub alerts: AlertSettings,
    pub rules: Vec<CommunityRule>,
}

impl DeskPolicy {
    pub fn from_settings(s: &Settings) -> Result<DeskPolicy, SettingsError> {
        Ok(DeskPolicy {
            policy: s.policy()?,
            workflow: s.workflow.clone(),
            alerts: s.alerts.clone(),
            rules: s.community_rules.clone(),
        })
    }
}

impl Default for DeskPolicy {
    fn default() -> Self {
        DeskPolicy::from_settings(&Settings::default()).unwrap_or(DeskPolicy {
            policy: Policy::default(),
            workflow: WorkflowSettings::default(),
            alerts: AlertSettings::default(),
            rules: Vec::new(),
        })
    }
}

/// Why a workflow action did not happen.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("{0} not found")]
    NotFound(String),
    /// The method or the policy refuses it.
    #[error("{0}")]
    Refused(Refusal),
    /// The request itself is wrong.
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for DeskError {
    fn from(e: rusqlite::Error) -> Self {
        DeskError::Store(StoreError::Db(e))
    }
}

pub type DeskResult<T> = std::result::Result<T, DeskError>;

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

/// The mutable state of a case.
#[derive(Debug, Clone)]
pub(crate) struct CaseRow {
    pub id: i64,
    pub brand_id: i64,
    pub source: String,
    pub status: Status,
    pub kind: Kind,
    pub opened_at: i64,
    pub first_response_due: i64,
    pub responded_at: Option<i64>,
    pub last_brand_at: Option<i64>,
    pub next_response_since: Option<i64>,
    pub next_response_due: Option<i64>,
    pub next_response_warn: Option<i64>,
    pub resolution_since: Option<i64>,
    pub resolution_due: i64,
    pub resolution_warn: Option<i64>,
    pub resolved_at: Option<i64>,
    pub paused_at: Option<i64>,
    pub resolution_posted_at: Option<i64>,
    pub follow_up_due: Option<i64>,
    pub follow_up_reminded_at: Option<i64>,
    pub followed_up_at: Option<i64>,
    pub follow_up_outcome: Option<String>,
    pub assigned_to: Option<String>,
    pub status_reason: Option<String>,
    pub risk: i64,
    pub last_customer_at: i64,
}

const ROW_COLUMNS: &str = "id, brand_id, source, status, kind, opened_at, first_response_due, \
     responded_at, last_brand_at, next_response_since, next_response_due, resolution_due, \
     resolved_at, paused_at, resolution_posted_at, follow_up_due, follow_up_reminded_at, \
     followed_up_at, follow_up_outcome, assigned_to, status_reason, risk, next_response_warn, \
     resolution_since, resolution_warn, last_customer_at";

fn row_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<CaseRow> {
    let status: String = r.get(3)?;
    let kind: String = r.get(4)?;
    Ok(CaseRow {
        id: r.get(0)?,
        brand_id: r.get(1)?,
        source: r.get(2)?,
        status: Status::parse(&status).unwrap_or(Status::New),
        kind: kind_of(&kind),
        opened_at: r.get(5)?,
        first_response_due: r.get(6)?,
        responded_at: r.get(7)?,
        last_brand_at: r.get(8)?,
        next_response_since: r.get(9)?,
        next_response_due: r.get(10)?,
        resolution_due: r.get(11)?,
        resolved_at: r.get(12)?,
        paused_at: r.get(13)?,
        resolution_posted_at: r.get(14)?,
        follow_up_due: r.get(15)?,
        follow_up_reminded_at: r.get(16)?,
        followed_up_at: r.get(17)?,
        follow_up_outcome: r.get(18)?,
        assigned_to: r.get(19)?,
        status_reason: r.get(20)?,
        risk: r.get(21)?,
        next_response_warn: r.get(22)?,
        resolution_since: r.get(23)?,
        resolution_warn: r.get(24)?,
        last_customer_at: r.get(25)?,
    })
}

pub(crate) fn load_case(c: &Connection, id: i64) -> rusqlite::Result<Option<CaseRow>> {
    c.prepare_cached(&format!("SELECT {ROW_COLUMNS} FROM cases WHERE id = ?1"))?
        .query_row([id], row_of)
        .optional()
}

/// Writes back every field the workflow changes, and asks the alert scan to look again.
pub(crate) fn save_case(c: &Connection, k: &CaseRow, now: i64) -> rusqlite::Result<()> {
    c.prepare_cached(
        "UPDATE cases SET status = ?2, responded_at = ?3, last_brand_at = ?4, \
         next_response_since = ?5, next_response_due = ?6, resolution_due = ?7, resolved_at = ?8, \
         paused_at = ?9, resolution_posted_at = ?10, follow_up_due = ?11, \
         follow_up_reminded_at = ?12, followed_up_at = ?13, follow_up_outcome = ?14, \
         assigned_to = ?15, status_reason = ?16, next_alert_at = ?17, updated_at = ?17, \
         next_response_warn = ?18, resolution_since = ?19, resolution_warn = ?20 WHERE id = ?1",
    )?
    .execute(params![
        k.id,
        k.status.as_str(),
        k.responded_at,
        k.last_brand_at,
        k.next_response_since,
        k.next_response_due,
        k.resolution_due,
        k.resolved_at,
        k.paused_at,
        k.resolution_posted_at,
        k.follow_up_due,
        k.follow_up_reminded_at,
        k.followed_up_at,
        k.follow_up_outcome,
        k.assigned_to,
        k.status_reason,
        now,
        k.next_response_warn,
        k.resolution_since,
        k.resolution_warn,
    ])?;
    Ok(())
}

fn times(k: &CaseRow) -> CaseTimes {
    CaseTimes {
        opened_at: ts(k.opened_at),
        first_response_due: ts(k.first_response_due),
        responded_at: k.responded_at.map(ts),
        next_response_since: k.next_response_since.map(ts),
        next_response_due: k.next_response_due.map(ts),
        next_response_warn: k.next_response_warn.map(ts),
        resolution_since: ts(k.resolution_since.unwrap_or(k.opened_at)),
        resolution_due: ts(k.resolution_due),
        resolution_warn: k.resolution_warn.map(ts),
        resolved_at: k.resolved_at.map(ts),
        paused_at: k.paused_at.map(ts),
    }
}

pub(crate) fn case_clocks(k: &CaseRow, dp_policy: &Policy, now: i64) -> Vec<ClockView> {
    clocks::clocks(
        &dp_policy.calendar,
        &times(k),
        ts(now),
        dp_policy.levels.warn_at,
        k.status == Status::Ignored,
    )
}

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

/// Adds a job unless one with the same key exists (scheduling twice adds nothing); 1 if added.
fn schedule_job(
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
        let warn = k
            .resolution_warn
            .map(ts)
            .unwrap_or_else(|| clocks::warn_time(cal, since, ts(k.resolution_due), share));
        k.resolution_due = ms(clocks::resume(cal, p, ts(k.resolution_due), resumed));
        k.resolution_warn = Some(ms(clocks::resume(cal, p, warn, resumed)));
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
            // Reopened: the problem is back, and its resolution clock starts again.
            let t = dp.policy.levels.targets(&k.source, k.kind.as_str());
            k.resolution_since = Some(at);
            k.resolution_due = ms(cal.add(ts(at), t.resolution));
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

/// A new customer message on an existing case [F3, RT2]: reopens it if it was waiting, solved or
/// closed, and starts the next-response clock if the brand had answered.
pub(crate) fn customer_message(
    c: &Connection,
    case_id: i64,
    kind: Kind,
    private: bool,
    posted: i64,
    now: i64,
    dp: &DeskPolicy,
) -> rusqlite::Result<()> {
    let Some(mut k) = load_case(c, case_id)? else {
        return Ok(());
    };
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
        let t = dp.policy.levels.targets(&k.source, k.kind.as_str());
        k.next_response_since = Some(posted);
        k.next_response_due = Some(ms(dp.policy.calendar.add(ts(posted), t.next_response)));
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

fn refuse(r: Refusal) -> DeskError {
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

fn cap(field: &'static str, text: &str) -> DeskResult<()> {
    if text.chars().count() > MAX_REASON_CHARS {
        return Err(DeskError::Invalid {
            field,
            reason: format!("longer than {MAX_REASON_CHARS} characters"),
        });
    }
    Ok(())
}

fn need_case(c: &Connection, id: i64) -> DeskResult<CaseRow> {
    load_case(c, id)?.ok_or_else(|| DeskError::NotFound(format!("case {id}")))
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
        let row: Option<(Option<i64>, String, String, bool, String)> = tx
            .query_row(
                "SELECT case_id, kind, analysis, from_brand, moderation FROM mentions WHERE id = ?1",
                [mention_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((case_id, kind, analysis, from_brand, state)) = row else {
            return Err(DeskError::NotFound(format!("mention {mention_id}")));
        };
        if state == "deleted" {
            return Err(refuse(Refusal::new(
                "already_deleted",
                None,
                format!("mention {mention_id} was deleted: nothing can be done with it any more"),
            )));
        }
        let a: Value = serde_json::from_str(&analysis)
            .map_err(|e| StoreError::Corrupt(format!("mention {mention_id}: {e}")))?;
        let flag = |f: &str| a.get(f).and_then(Value::as_bool).unwrap_or(false);
        let sentiment = match a.get("sentiment").and_then(Value::as_str) {
            Some("negative") => defuse_text::Sentiment::Negative,
            Some("positive") => defuse_text::Sentiment::Positive,
            _ => defuse_text::Sentiment::Neutral,
        };
        let subject = Subject {
            kind: kind_of(&kind),
            sentiment,
            spam: flag("spam"),
            profanity: flag("profanity"),
            toxic: flag("toxic"),
            from_brand,
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

    /// Stores a new API token's hash under a name and a role (agent, supervisor, admin).
    pub fn add_token_with_role(
        &mut self,
        name: &str,
        sha256_hex: &str,
        role: Role,
        now: Timestamp,
    ) -> DeskResult<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO api_tokens (name, sha256, created_at, role) VALUES (?1, ?2, ?3, ?4)",
            params![name, sha256_hex, ms(now), role.as_str()],
        )?;
        append_audit(
            &tx,
            ms(now),
            &Actor::system(),
            "token.created",
            None,
            None,
            &json!({"name": name, "role": role.as_str()}),
            false,
        )?;
        tx.commit()?;
        Ok(())
    }

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

    /// Who a token acts as: its name and role.
    pub fn token_actor(&self, sha256_hex: &str) -> DeskResult<Option<Actor>> {
        Ok(self
            .conn
            .query_row(
                "SELECT name, role FROM api_tokens WHERE sha256 = ?1",
                [sha256_hex],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?
            .map(|(name, role)| Actor {
                name,
                role: role_of(&role),
            }))
    }

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

    /// A case with its clocks, advice, replies, moves and follow-up.
    pub fn case_view(
        &self,
        id: i64,
        now: Timestamp,
        dp: &DeskPolicy,
    ) -> DeskResult<Option<CaseView>> {
        use crate::Store;
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
        let first = detail.thread.iter().find(|m| !m.from_brand);
        let analysis = first.map(|m| &m.analysis);
        let lang = analysis
            .and_then(|a| a.get("lang"))
            .and_then(Value::as_str)
            .and_then(|l| {
                [
                    defuse_text::Lang::Ru,
                    defuse_text::Lang::Uk,
                    defuse_text::Lang::En,
                    defuse_text::Lang::Ro,
                ]
                .into_iter()
                .find(|x| x.as_str() == l)
            })
            .unwrap_or(defuse_text::Lang::Und);
        let private_data_in_public = detail.thread.iter().any(|m| {
            !m.from_brand
                && !m
                    .mention
                    .get("private")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
                && m.analysis
                    .get("private_data")
                    .and_then(Value::as_array)
                    .is_some_and(|a| !a.is_empty())
        });
        let advice = advice::advise(&Situation {
            kind: k.kind,
            lang,
            similar_complaints: similar.max(0) as usize,
            systemic_threshold: dp.workflow.systemic_threshold,
            private_data_in_public,
            profanity: analysis
                .and_then(|a| a.get("profanity"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
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
                    for w in dp.alerts.webhooks.iter().filter(|w| w.wants(&event_name)) {
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

/// The role a token name maps to, for the API's actors.
pub fn role_of(s: &str) -> Role {
    Role::parse(s).unwrap_or(Role::Agent)
}
