//! `defuse serve`: the HTTP API over the same store, described by `/api/openapi.json`, plus a
//! read-only HTML view of the queue at `/`. JSON errors carry a stable `code` and a `message`.
//!
//! Writes need a bearer token (`defuse token create`). Reads need one too, except from a server
//! bound to a loopback address (a desk on the agent's own machine, as `defuse demo` starts).
//! The store is one SQLite connection behind a mutex; requests run on the blocking pool.

use crate::desk::token_hash;
use crate::pipeline::Pipeline;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use defuse_core::mention::Mention;
use defuse_core::moderation::Action;
use defuse_core::triage::Policy;
use defuse_core::workflow::{Actor, FollowUpOutcome, Status};
use defuse_store::desk::{AuditFilter, DeskError, DeskPolicy};
use defuse_store::sqlite::SqliteStore;
use defuse_store::{CaseFilter, CaseSummary, Store};
use defuse_text::Scratch;
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};

/// The committed API description.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Most mentions in one POST.
pub const MAX_BATCH: usize = 10_000;

/// What every handler shares.
pub struct AppState {
    pub store: Mutex<SqliteStore>,
    pub pipeline: Pipeline<'static>,
    pub policy: Policy,
    /// The workflow's settings: service levels, follow-ups, community rules, alerts.
    pub desk: DeskPolicy,
    /// Reads without a token (loopback servers only).
    pub open_reads: bool,
    /// The clock (tests fix it with `DEFUSE_NOW`).
    pub now: fn() -> anyhow::Result<Timestamp>,
}

type Shared = Arc<AppState>;

/// An API error: HTTP status, stable code, message.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    /// The method rule behind a refusal (M1, RC11, …).
    rule: Option<&'static str>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            rule: None,
        }
    }
    fn internal(e: impl std::fmt::Display) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut e = json!({"code": self.code, "message": self.message});
        if let Some(r) = self.rule {
            e["rule"] = json!(r);
        }
        (self.status, Json(json!({ "error": e }))).into_response()
    }
}

impl From<DeskError> for ApiError {
    fn from(e: DeskError) -> Self {
        match e {
            DeskError::NotFound(what) => {
                let code = if what.starts_with("mention") {
                    "mention_not_found"
                } else {
                    "case_not_found"
                };
                ApiError::new(StatusCode::NOT_FOUND, code, format!("no {what}"))
            }
            DeskError::Refused(r) => ApiError {
                status: StatusCode::CONFLICT,
                code: r.code,
                message: r.message,
                rule: r.rule,
            },
            DeskError::Invalid { field, reason } => ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                format!("{field}: {reason}"),
            ),
            DeskError::Store(e) => ApiError::internal(e),
        }
    }
}

/// The application's routes.
pub fn router(state: Shared) -> Router {
    Router::new()
        .route("/", get(inbox_page))
        .route("/healthz", get(|| async { "ok" }))
        .route("/api/openapi.json", get(openapi))
        .route("/api/v1/mentions", post(post_mentions))
        .route("/api/v1/cases", get(list_cases))
        .route("/api/v1/cases/{id}", get(get_case))
        .route("/api/v1/cases/{id}/replies", post(post_reply))
        .route("/api/v1/cases/{id}/transitions", post(post_transition))
        .route("/api/v1/cases/{id}/assign", post(post_assign))
        .route("/api/v1/cases/{id}/follow-up", post(post_follow_up))
        .route("/api/v1/mentions/{id}/moderation", post(post_moderation))
        .route("/api/v1/coach/check", post(coach_check))
        .route("/api/v1/coach/draft", post(coach_draft))
        .route("/api/v1/audit", get(get_audit))
        .route("/api/v1/audit/verify", get(verify_audit))
        .route("/api/v1/stats", get(stats))
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
        })
        .layer(axum::extract::DefaultBodyLimit::max(64 << 20))
        .with_state(state)
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

fn authorize(state: &AppState, headers: &HeaderMap, write: bool) -> Result<(), ApiError> {
    if !write && state.open_reads {
        return Ok(());
    }
    actor(state, headers).map(|_| ())
}

/// The token's holder: who acts, with which role. Every write needs one.
fn actor(state: &AppState, headers: &HeaderMap) -> Result<Actor, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "an `Authorization: Bearer TOKEN` header is required (defuse token create)",
            )
        })?;
    let store = state
        .store
        .lock()
        .map_err(|_| ApiError::internal("store lock poisoned"))?;
    store
        .token_actor(&token_hash(token))?
        .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", "unknown token"))
}

/// Run blocking store work off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(ApiError::internal)?
}

async fn post_mentions(
    State(st): State<Shared>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        authorize(&st, &headers, true)?;
        let v: Value = serde_json::from_slice(&body).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_json",
                format!("the body is not JSON: {e}"),
            )
        })?;
        let items: Vec<Value> = match v {
            Value::Array(a) => a,
            Value::Object(_) => vec![v],
            _ => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_body",
                    "expected a mention object or an array of them",
                ));
            }
        };
        if items.len() > MAX_BATCH {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "batch_too_large",
                format!("{} mentions; at most {MAX_BATCH} per request", items.len()),
            ));
        }
        let mut scratch = Scratch::new();
        let now = (st.now)().map_err(ApiError::internal)?;
        let mut ok = Vec::new();
        let mut rejected = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match Mention::from_value(item) {
                Ok(m) => ok.push(st.pipeline.prepare(m, &mut scratch, now)),
                Err(e) => rejected.push(json!({"index": i, "field": e.field, "reason": e.reason})),
            }
        }
        let sum = st
            .store
            .lock()
            .map_err(|_| ApiError::internal("store lock poisoned"))?
            .ingest(ok, &st.policy, now)
            .map_err(ApiError::internal)?;
        if rejected.len() == items.len() && !items.is_empty() {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_mention",
                serde_json::to_string(&rejected).unwrap_or_default(),
            ));
        }
        Ok(Json(json!({
            "new": sum.new,
            "updated": sum.updated,
            "duplicates": sum.duplicates,
            "unmatched": sum.unmatched,
            "rejected": rejected,
        })))
    })
    .await
}

/// Filters of `GET /api/v1/cases`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CasesQuery {
    brand: Option<String>,
    status: Option<String>,
    kind: Option<String>,
    source: Option<String>,
    language: Option<String>,
    /// Only cases with a breached running clock.
    breached: Option<bool>,
    assigned_to: Option<String>,
    /// Only open cases (new, acknowledged, in private, waiting for the customer).
    open: Option<bool>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list_cases(
    State(st): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<CasesQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) =
        q.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", e.body_text()))?;
    blocking(move || {
        authorize(&st, &headers, false)?;
        let now = (st.now)().map_err(ApiError::internal)?;
        let filter = CaseFilter {
            brand: q.brand,
            status: q.status,
            kind: q.kind,
            source: q.source,
            lang: q.language,
            open_only: q.open.unwrap_or(false),
            breached: q.breached.unwrap_or(false),
            assigned_to: q.assigned_to,
            limit: q.limit.unwrap_or(50).clamp(1, 1000),
            offset: q.offset.unwrap_or(0),
        };
        let cases = st
            .store
            .lock()
            .map_err(|_| ApiError::internal("store lock poisoned"))?
            .cases(&filter, now)
            .map_err(ApiError::internal)?;
        Ok(Json(json!({ "cases": cases })))
    })
    .await
}

async fn get_case(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id: i64 = id.parse().map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_id",
            format!("'{id}' is not a case id"),
        )
    })?;
    blocking(move || {
        authorize(&st, &headers, false)?;
        let now = (st.now)().map_err(ApiError::internal)?;
        let case = st
            .store
            .lock()
            .map_err(|_| ApiError::internal("store lock poisoned"))?
            .case_view(id, now, &st.desk)?
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::NOT_FOUND,
                    "case_not_found",
                    format!("no case {id}"),
                )
            })?;
        serde_json::to_value(case)
            .map(Json)
            .map_err(ApiError::internal)
    })
    .await
}

fn parse_id(id: &str, what: &'static str) -> Result<i64, ApiError> {
    id.parse().map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_id",
            format!("'{id}' is not a {what} id"),
        )
    })
}

/// A JSON body of type `T`, or a 400 naming what is wrong.
fn body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_body",
            format!("the body is not valid: {e}"),
        )
    })
}

fn locked(st: &AppState) -> Result<std::sync::MutexGuard<'_, SqliteStore>, ApiError> {
    st.store
        .lock()
        .map_err(|_| ApiError::internal("store lock poisoned"))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplyBody {
    text: String,
    /// public (default) or private.
    #[serde(default)]
    visibility: Option<String>,
}

async fn post_reply(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id, "case")?;
    blocking(move || {
        let who = actor(&st, &headers)?;
        let b: ReplyBody = body(&bytes)?;
        let public = match b.visibility.as_deref().unwrap_or("public") {
            "public" => true,
            "private" => false,
            other => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    format!("visibility: '{other}' is not public or private"),
                ));
            }
        };
        let now = (st.now)().map_err(ApiError::internal)?;
        // One read of the case for the coach's context. A reply after the brand's first answer
        // is a follow-up: no new thanks needed [RC1].
        let (customer, kind, lang, answered_before) = case_context(&st, id)?;
        let o = locked(&st)?.reply(id, &b.text, public, &who, now, &st.desk)?;
        let mut out = serde_json::to_value(o).map_err(ApiError::internal)?;
        // The reply coach's findings on what was sent [RC1–RC12]: advice, never a refusal.
        let check = defuse_coach::check_request(&defuse_coach::CheckRequest {
            text: b
                .text
                .chars()
                .take(defuse_coach::api::MAX_DRAFT_CHARS)
                .collect(),
            lang: Some(lang).filter(|l| !l.is_empty()),
            visibility: Some(if public { "public" } else { "private" }.into()),
            kind: Some(kind).filter(|k| k != "other"),
            customer: Some(
                customer
                    .chars()
                    .take(defuse_coach::api::MAX_CUSTOMER_CHARS)
                    .collect(),
            ),
            follow_up: Some(answered_before),
            ..Default::default()
        });
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

async fn post_transition(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id, "case")?;
    blocking(move || {
        let who = actor(&st, &headers)?;
        let b: TransitionBody = body(&bytes)?;
        let to = Status::parse(&b.to).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                format!(
                    "to: '{}' is not a status ({})",
                    b.to,
                    Status::ALL.map(|s| s.as_str()).join(", ")
                ),
            )
        })?;
        let now = (st.now)().map_err(ApiError::internal)?;
        let o = locked(&st)?.transition(id, to, &b.reason, &who, now, &st.desk)?;
        serde_json::to_value(o)
            .map(Json)
            .map_err(ApiError::internal)
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssignBody {
    /// The agent; null unassigns.
    agent: Option<String>,
}

async fn post_assign(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id, "case")?;
    blocking(move || {
        let who = actor(&st, &headers)?;
        let b: AssignBody = body(&bytes)?;
        let now = (st.now)().map_err(ApiError::internal)?;
        let o = locked(&st)?.assign(id, b.agent.as_deref(), &who, now, &st.desk)?;
        serde_json::to_value(o)
            .map(Json)
            .map_err(ApiError::internal)
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

async fn post_follow_up(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id, "case")?;
    blocking(move || {
        let who = actor(&st, &headers)?;
        let b: FollowUpBody = body(&bytes)?;
        let outcome = FollowUpOutcome::parse(&b.outcome).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                format!(
                    "outcome: '{}' is not solved, still_broken or no_answer",
                    b.outcome
                ),
            )
        })?;
        let now = (st.now)().map_err(ApiError::internal)?;
        let o = locked(&st)?.follow_up(id, outcome, &b.note, &who, now, &st.desk)?;
        serde_json::to_value(o)
            .map(Json)
            .map_err(ApiError::internal)
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModerationBody {
    /// hide, unhide, delete or report.
    action: String,
    /// The community rule applied [M3].
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    reason: String,
    /// A supervisor's written reason to override the policy [M1].
    #[serde(default)]
    override_reason: Option<String>,
}

async fn post_moderation(
    State(st): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    bytes: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id, "mention")?;
    blocking(move || {
        let who = actor(&st, &headers)?;
        let b: ModerationBody = body(&bytes)?;
        let action = Action::parse(&b.action).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                format!(
                    "action: '{}' is not hide, unhide, delete or report",
                    b.action
                ),
            )
        })?;
        let now = (st.now)().map_err(ApiError::internal)?;
        let (decision, seq) = locked(&st)?.moderate(
            id,
            action,
            b.rule.as_deref(),
            &b.reason,
            b.override_reason.as_deref(),
            &who,
            now,
            &st.desk,
        )?;
        Ok(Json(json!({
            "mention_id": id,
            "visibility": action.visibility(),
            "decision": decision,
            "audit_seq": seq,
        })))
    })
    .await
}

fn coach_error(e: defuse_coach::RequestError) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        "invalid_request",
        format!("{}: {}", e.field, e.reason),
    )
}

/// The first customer message of a case, its kind and language, and whether the brand has
/// answered: the coach's context.
fn case_context(st: &AppState, id: i64) -> Result<(String, String, String, bool), ApiError> {
    let now = (st.now)().map_err(ApiError::internal)?;
    let case = locked(st)?
        .case(id, now)
        .map_err(ApiError::internal)?
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "case_not_found",
                format!("no case {id}"),
            )
        })?;
    let customer = case
        .thread
        .iter()
        .find(|m| !m.from_brand)
        .map(|m| m.written())
        .unwrap_or_default();
    let lang = match case.case.lang.as_str() {
        l @ ("ru" | "uk" | "en" | "ro") => l.to_string(),
        _ => String::new(),
    };
    let answered = case.case.responded_at.is_some();
    Ok((customer, case.case.kind, lang, answered))
}

/// `POST /api/v1/coach/check`: the findings of a draft reply [RC1–RC12, T2, T3].
async fn coach_check(
    State(st): State<Shared>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        authorize(&st, &headers, false)?;
        let req: defuse_coach::CheckRequest = body(&bytes)?;
        let r = defuse_coach::check_request(&req).map_err(coach_error)?;
        serde_json::to_value(r)
            .map(Json)
            .map_err(ApiError::internal)
    })
    .await
}

/// `POST /api/v1/coach/draft`: a draft for a customer text, or for a case (`{"case": ID}`: its
/// first customer message, kind and language).
async fn coach_draft(
    State(st): State<Shared>,
    headers: HeaderMap,
    bytes: axum::body::Bytes,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        authorize(&st, &headers, false)?;
        let mut v: Value = body(&bytes)?;
        if let Some(id) = v.get("case").cloned() {
            let id = id.as_i64().ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "case: expected a case id",
                )
            })?;
            let (customer, kind, lang, _) = case_context(&st, id)?;
            if let Some(o) = v.as_object_mut() {
                o.remove("case");
                o.entry("customer").or_insert(json!(customer));
                if kind != "other" {
                    o.entry("kind").or_insert(json!(kind));
                }
                if !lang.is_empty() {
                    o.entry("lang").or_insert(json!(lang));
                }
            }
        }
        let req: defuse_coach::DraftRequest = serde_json::from_value(v).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_body",
                format!("the body is not valid: {e}"),
            )
        })?;
        let r = defuse_coach::draft_request(&req).map_err(coach_error)?;
        serde_json::to_value(r)
            .map(Json)
            .map_err(ApiError::internal)
    })
    .await
}

/// Filters of `GET /api/v1/audit`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuditQuery {
    case: Option<i64>,
    mention: Option<i64>,
    action: Option<String>,
    actor: Option<String>,
    /// Only supervisor overrides.
    overridden: Option<bool>,
    /// Records after this sequence number.
    after: Option<i64>,
    limit: Option<usize>,
}

async fn get_audit(
    State(st): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<AuditQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) =
        q.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", e.body_text()))?;
    blocking(move || {
        authorize(&st, &headers, false)?;
        let records = locked(&st)?.audit(&AuditFilter {
            case_id: q.case,
            mention_id: q.mention,
            action: q.action,
            actor: q.actor,
            overridden: q.overridden.unwrap_or(false),
            after: q.after.unwrap_or(0),
            limit: q.limit.unwrap_or(100).clamp(1, 1000),
        })?;
        Ok(Json(json!({ "records": records })))
    })
    .await
}

async fn verify_audit(
    State(st): State<Shared>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        authorize(&st, &headers, false)?;
        let v = locked(&st)?.verify_audit()?;
        let problems: Vec<Value> = v
            .problems
            .iter()
            .map(|p| {
                let mut j = serde_json::to_value(p).unwrap_or(Value::Null);
                j["message"] = json!(p.to_string());
                j
            })
            .collect();
        Ok(Json(json!({
            "ok": problems.is_empty(),
            "checked": v.checked,
            "head": v.head(),
            "problems": problems,
        })))
    })
    .await
}

async fn stats(State(st): State<Shared>, headers: HeaderMap) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        authorize(&st, &headers, false)?;
        let s = st
            .store
            .lock()
            .map_err(|_| ApiError::internal("store lock poisoned"))?
            .stats()
            .map_err(ApiError::internal)?;
        serde_json::to_value(s)
            .map(Json)
            .map_err(ApiError::internal)
    })
    .await
}

/// The queue as a page: every piece of mention text is HTML-escaped.
async fn inbox_page(
    State(st): State<Shared>,
    headers: HeaderMap,
) -> Result<Html<String>, ApiError> {
    blocking(move || {
        authorize(&st, &headers, false)?;
        let now = (st.now)().map_err(ApiError::internal)?;
        let store = st
            .store
            .lock()
            .map_err(|_| ApiError::internal("store lock poisoned"))?;
        let cases = store
            .cases(
                &CaseFilter {
                    open_only: true,
                    limit: 200,
                    ..CaseFilter::default()
                },
                now,
            )
            .map_err(ApiError::internal)?;
        let stats = store.stats().map_err(ApiError::internal)?;
        Ok(Html(render_inbox(
            &cases,
            stats.mentions,
            stats.unmatched,
            now,
        )))
    })
    .await
}

/// Escape text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn render_inbox(cases: &[CaseSummary], mentions: u64, unmatched: u64, now: Timestamp) -> String {
    let mut rows = String::new();
    for c in cases {
        let factors: Vec<String> = c
            .risk_factors
            .iter()
            .map(|f| format!("{} {:+}", escape(&f.name), f.points))
            .collect();
        let mins = (c.due.as_second() - now.as_second()) / 60;
        let due = if c.paused {
            "paused (waiting for the customer)".to_string()
        } else if c.overdue {
            format!("<b class=overdue>breached {}m ago</b>", -mins)
        } else {
            format!("in {mins}m")
        };
        rows.push_str(&format!(
            "<tr><td><a href=\"/api/v1/cases/{id}\">#{id}</a></td><td>{risk}</td><td>{due}</td>\
             <td>{brand}</td><td>{kind}</td><td>{sent}</td><td>{src}</td><td>{status}</td>\
             <td>{assigned}</td><td class=text>{text}<div class=f>{factors}</div></td></tr>\n",
            id = c.id,
            risk = c.risk,
            brand = escape(&c.brand),
            kind = escape(&c.kind),
            sent = escape(&c.sentiment),
            src = escape(&c.source),
            status = escape(&c.status),
            assigned = escape(c.assigned_to.as_deref().unwrap_or("")),
            text = match &c.title {
                Some(t) => format!(
                    "<b>{}</b><br>{}",
                    escape(&t.chars().take(200).collect::<String>()),
                    escape(&c.text.chars().take(400).collect::<String>())
                ),
                None => escape(&c.text.chars().take(400).collect::<String>()),
            },
            factors = factors.join(", "),
        ));
    }
    format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>defuse — queue</title>\
         <style>body{{font:14px system-ui;margin:2em}}table{{border-collapse:collapse}}\
         td,th{{border-bottom:1px solid #ddd;padding:4px 8px;vertical-align:top;text-align:left}}\
         .overdue{{color:#b00}}.text{{max-width:40em}}.f{{color:#777;font-size:12px}}</style></head>\
         <body><h1>Queue</h1><p>{n} open cases · {mentions} mentions · {unmatched} unmatched · \
         <a href=\"/api/openapi.json\">API</a></p><table><tr><th>case</th><th>risk</th><th>due</th>\
         <th>brand</th><th>kind</th><th>sentiment</th><th>source</th><th>status</th><th>agent</th><th>first message</th></tr>\
         {rows}</table></body></html>",
        n = cases.len()
    )
}

/// Serve until Ctrl-C. `on_ready` is told the bound address (port 0 picks a free one).
pub async fn serve(
    state: Shared,
    bind: &str,
    on_ready: impl FnOnce(std::net::SocketAddr),
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {bind}: {e}"))?;
    on_ready(listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_control_characters() {
        assert_eq!(
            escape("<script>alert('x')</script>&\"\u{1b}[31m"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot; [31m"
        );
    }

    #[test]
    fn the_api_description_is_json_and_lists_every_route() {
        let v: Value = serde_json::from_str(OPENAPI).expect("openapi.json is JSON");
        let paths = v["paths"].as_object().expect("paths");
        for p in [
            "/api/v1/mentions",
            "/api/v1/cases",
            "/api/v1/cases/{id}",
            "/api/v1/cases/{id}/replies",
            "/api/v1/cases/{id}/transitions",
            "/api/v1/cases/{id}/assign",
            "/api/v1/cases/{id}/follow-up",
            "/api/v1/mentions/{id}/moderation",
            "/api/v1/audit",
            "/api/v1/audit/verify",
            "/api/v1/coach/check",
            "/api/v1/coach/draft",
            "/api/v1/stats",
        ] {
            assert!(paths.contains_key(p), "{p} is not documented");
        }
    }
}
