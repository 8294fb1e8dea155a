//! The mutable state of a case as the workflow reads and writes it: one typed row, loaded and
//! saved whole, with its clocks [RT1–RT3]. Values that do not parse are reported as corrupt,
//! naming the row, never read as a default. A deadline that is `None` is a clock the case's kind
//! does not have [ST1, T3, T4].

use crate::codec::{self, ts};
use defuse_core::clocks::{self, CaseTimes, ClockView};
use defuse_core::triage::Policy;
use defuse_core::workflow::Status;
use defuse_text::Kind;
use rusqlite::{Connection, OptionalExtension, params};

/// The mutable state of a case.
#[derive(Debug, Clone)]
pub(crate) struct CaseRow {
    pub id: i64,
    pub brand_id: i64,
    pub source: String,
    pub status: Status,
    pub kind: Kind,
    pub opened_at: i64,
    /// When the first-response clock started (`None`: at the opening).
    pub first_response_since: Option<i64>,
    /// `None`: no first-response clock.
    pub first_response_due: Option<i64>,
    pub responded_at: Option<i64>,
    pub last_brand_at: Option<i64>,
    pub next_response_since: Option<i64>,
    pub next_response_due: Option<i64>,
    pub next_response_warn: Option<i64>,
    pub resolution_since: Option<i64>,
    /// `None`: no resolution clock.
    pub resolution_due: Option<i64>,
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
    /// A7: high risk or strong emotion; its first response is the urgent target.
    pub urgent: bool,
}

pub(crate) const ROW_COLUMNS: &str = "id, brand_id, source, status, kind, opened_at, first_response_due, \
     responded_at, last_brand_at, next_response_since, next_response_due, resolution_due, \
     resolved_at, paused_at, resolution_posted_at, follow_up_due, follow_up_reminded_at, \
     followed_up_at, follow_up_outcome, assigned_to, status_reason, risk, next_response_warn, \
     resolution_since, resolution_warn, last_customer_at, first_response_since, urgent";

pub(crate) fn row_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<CaseRow> {
    let id: i64 = r.get(0)?;
    let t = |i: usize, col: &'static str| codec::instant("cases", id, col, r.get(i)?);
    let o = |i: usize, col: &'static str| codec::opt_instant("cases", id, col, r.get(i)?);
    Ok(CaseRow {
        id,
        brand_id: r.get(1)?,
        source: r.get(2)?,
        status: codec::status("cases", id, &r.get::<_, String>(3)?)?,
        kind: codec::kind("cases", id, &r.get::<_, String>(4)?)?,
        opened_at: t(5, "opened_at")?,
        first_response_due: o(6, "first_response_due")?,
        responded_at: o(7, "responded_at")?,
        last_brand_at: o(8, "last_brand_at")?,
        next_response_since: o(9, "next_response_since")?,
        next_response_due: o(10, "next_response_due")?,
        resolution_due: o(11, "resolution_due")?,
        resolved_at: o(12, "resolved_at")?,
        paused_at: o(13, "paused_at")?,
        resolution_posted_at: o(14, "resolution_posted_at")?,
        follow_up_due: o(15, "follow_up_due")?,
        follow_up_reminded_at: o(16, "follow_up_reminded_at")?,
        followed_up_at: o(17, "followed_up_at")?,
        follow_up_outcome: r.get(18)?,
        assigned_to: r.get(19)?,
        status_reason: r.get(20)?,
        risk: r.get(21)?,
        next_response_warn: o(22, "next_response_warn")?,
        resolution_since: o(23, "resolution_since")?,
        resolution_warn: o(24, "resolution_warn")?,
        last_customer_at: t(25, "last_customer_at")?,
        first_response_since: o(26, "first_response_since")?,
        urgent: r.get(27)?,
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
         next_response_warn = ?18, resolution_since = ?19, resolution_warn = ?20, kind = ?21, \
         first_response_due = ?22, first_response_since = ?23, urgent = ?24 WHERE id = ?1",
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
        k.kind.as_str(),
        k.first_response_due,
        k.first_response_since,
        k.urgent,
    ])?;
    Ok(())
}

fn times(k: &CaseRow) -> CaseTimes {
    CaseTimes {
        opened_at: ts(k.opened_at),
        first_response_since: ts(k.first_response_since.unwrap_or(k.opened_at)),
        first_response_due: k.first_response_due.map(ts),
        responded_at: k.responded_at.map(ts),
        next_response_since: k.next_response_since.map(ts),
        next_response_due: k.next_response_due.map(ts),
        next_response_warn: k.next_response_warn.map(ts),
        resolution_since: ts(k.resolution_since.unwrap_or(k.opened_at)),
        resolution_due: k.resolution_due.map(ts),
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
