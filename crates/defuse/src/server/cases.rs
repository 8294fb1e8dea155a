//! The case routes: the queue with its filters, one case with its workflow, and the actions on
//! a case — reply (with the coach's findings on what was sent [RC1–RC12]), move, assign,
//! follow up [F1] — plus the counts.

use super::error::{ApiError, ErrorCode};
use super::extract::{Body, Caller, Id, Q, json_body, limit};
use super::{Shared, as_json, blocking, locked, now};
use axum::Json;
use axum::extract::State;
use defuse_core::workflow::{FollowUpOutcome, Status};
use defuse_store::CaseFilter;
use defuse_text::{Kind, Lang};
use serde::Deserialize;
use serde_json::{Value, json};

/// Most cases in one page.
pub const MAX_CASES: usize = 1000;
/// The largest `offset` (2^53 - 1, the largest integer every JSON reader keeps exact).
pub const MAX_OFFSET: usize = 9_007_199_254_740_991;
/// The longest search query `q`, in characters (at most `search::MAX_QUERY_WORDS` of its words
/// are searched).
pub const MAX_QUERY_CHARS: usize = 500;

/// Filters of `GET /api/v1/cases`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CasesQuery {
    brand: Option<String>,
    status: Option<Status>,
    kind: Option<Kind>,
    source: Option<String>,
    language: Option<Lang>,
    /// Only cases with a breached running clock.
    breached: Option<bool>,
    assigned_to: Option<String>,
    /// Only open cases (new, acknowledged, in private, waiting for the customer).
    open: Option<bool>,
    /// Only cases with a mention holding all these words (each as a prefix, any case, with or
    /// without diacritics); empty: no search.
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

pub async fn list_cases(
    State(st): State<Shared>,
    Q(q): Q<CasesQuery>,
) -> Result<Json<Value>, ApiError> {
    let limit = limit(q.limit, 50, MAX_CASES)?;
    if q.offset.is_some_and(|o| o > MAX_OFFSET) {
        return Err(ApiError::new(
            ErrorCode::InvalidQuery,
            format!("offset: at most {MAX_OFFSET}"),
        ));
    }
    if q.q
        .as_ref()
        .is_some_and(|s| s.chars().count() > MAX_QUERY_CHARS)
    {
        return Err(ApiError::new(
            ErrorCode::InvalidQuery,
            format!("q: at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    blocking(move || {
        let now = now(&st)?;
        let filter = CaseFilter {
            brand: q.brand,
            status: q.status,
            kind: q.kind,
            source: q.source,
            lang: q.language.map(|l| l.as_str().to_string()),
            open_only: q.open.unwrap_or(false),
            breached: q.breached.unwrap_or(false),
            assigned_to: q.assigned_to,
            search: q.q.filter(|s| !s.trim().is_empty()),
            limit,
            offset: q.offset.unwrap_or(0),
        };
        let cases = locked(&st)?.cases(&filter, now)?;
        Ok(Json(json!({ "cases": cases })))
    })
    .await
}

pub async fn get_case(State(st): State<Shared>, Id(id): Id) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let now = now(&st)?;
        let case = locked(&st)?
            .case_view(id, now, &st.config().desk)?
            .ok_or_else(|| ApiError::new(ErrorCode::CaseNotFound, format!("no case {id}")))?;
        as_json(&case)
    })
    .await
}

/// The case, for the coach's context (`defuse::coach_ctx`).
pub(super) fn case_for_coach(
    st: &super::AppState,
    id: i64,
) -> Result<defuse_store::CaseDetail, ApiError> {
    let now = now(st)?;
    locked(st)?
        .case(id, now)?
        .ok_or_else(|| ApiError::new(ErrorCode::CaseNotFound, format!("no case {id}")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplyBody {
    text: String,
    /// public (default) or private.
    #[serde(default)]
    visibility: Option<Visibility>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Visibility {
    Public,
    Private,
}

pub async fn post_reply(
    State(st): State<Shared>,
    Caller(who): Caller,
    Id(id): Id,
    Body(bytes): Body,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let b: ReplyBody = json_body(&bytes)?;
        let public = b.visibility.unwrap_or(Visibility::Public) == Visibility::Public;
        let now = now(&st)?;
        // One read of the case for the coach's context. A reply after the brand's first answer
        // is a follow-up: no new thanks needed [RC1].
        let case = case_for_coach(&st, id)?;
        let o = locked(&st)?.reply(id, &b.text, public, &who, now, &st.config().desk)?;
        st.live.publish("case", Some(id));
        let mut out = serde_json::to_value(o).map_err(ApiError::internal)?;
        // The reply coach's findings on what was sent [RC1–RC12]: advice, never a refusal.
        let check =
            defuse_coach::check_request(&crate::coach_ctx::reply_check(&case, &b.text, public));
        if let Ok(c) = check {
            out["coach"] = serde_json::to_value(c).map_err(ApiError::internal)?;
        }
        Ok(Json(out))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TransitionBody {
    to: String,
    #[serde(default)]
    reason: String,
}

pub async fn post_transition(
    State(st): State<Shared>,
    Caller(who): Caller,
    Id(id): Id,
    Body(bytes): Body,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let b: TransitionBody = json_body(&bytes)?;
        let to = Status::parse(&b.to).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "to: '{}' is not a status ({})",
                    b.to,
                    Status::ALL.map(|s| s.as_str()).join(", ")
                ),
            )
        })?;
        let now = now(&st)?;
        let o = locked(&st)?.transition(id, to, &b.reason, &who, now, &st.config().desk)?;
        st.live.publish("case", Some(id));
        as_json(&o)
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignBody {
    /// The agent; null unassigns.
    agent: Option<String>,
}

pub async fn post_assign(
    State(st): State<Shared>,
    Caller(who): Caller,
    Id(id): Id,
    Body(bytes): Body,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let b: AssignBody = json_body(&bytes)?;
        let now = now(&st)?;
        let o = locked(&st)?.assign(id, b.agent.as_deref(), &who, now, &st.config().desk)?;
        st.live.publish("case", Some(id));
        as_json(&o)
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FollowUpBody {
    /// solved, still_broken or no_answer.
    outcome: String,
    #[serde(default)]
    note: String,
}

pub async fn post_follow_up(
    State(st): State<Shared>,
    Caller(who): Caller,
    Id(id): Id,
    Body(bytes): Body,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let b: FollowUpBody = json_body(&bytes)?;
        let outcome = FollowUpOutcome::parse(&b.outcome).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "outcome: '{}' is not solved, still_broken or no_answer",
                    b.outcome
                ),
            )
        })?;
        let now = now(&st)?;
        let o = locked(&st)?.follow_up(id, outcome, &b.note, &who, now, &st.config().desk)?;
        st.live.publish("case", Some(id));
        as_json(&o)
    })
    .await
}

pub async fn stats(State(st): State<Shared>) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let s = locked(&st)?.stats()?;
        as_json(&s)
    })
    .await
}
