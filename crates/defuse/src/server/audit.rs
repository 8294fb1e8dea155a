//! The audit trail over HTTP (`GET /api/v1/audit`, `GET /api/v1/audit/verify`) and the token
//! list for admins (`GET /api/v1/tokens`, never the secrets).

use super::error::ApiError;
use super::extract::{Q, limit};
use super::{Shared, blocking, locked, now};
use axum::Json;
use axum::extract::State;
use defuse_store::desk::AuditFilter;
use serde::Deserialize;
use serde_json::{Value, json};

/// Most records in one page.
pub const MAX_RECORDS: usize = 1000;

/// Filters of `GET /api/v1/audit`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
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

pub async fn get_audit(
    State(st): State<Shared>,
    Q(q): Q<AuditQuery>,
) -> Result<Json<Value>, ApiError> {
    let limit = limit(q.limit, 100, MAX_RECORDS)?;
    blocking(move || {
        let records = locked(&st)?.audit(&AuditFilter {
            case_id: q.case,
            mention_id: q.mention,
            action: q.action,
            actor: q.actor,
            overridden: q.overridden.unwrap_or(false),
            after: q.after.unwrap_or(0),
            limit,
        })?;
        Ok(Json(json!({ "records": records })))
    })
    .await
}

pub async fn verify_audit(State(st): State<Shared>) -> Result<Json<Value>, ApiError> {
    blocking(move || {
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

pub async fn tokens(State(st): State<Shared>) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let now = now(&st)?;
        let tokens = locked(&st)?.tokens(now)?;
        Ok(Json(json!({ "tokens": tokens })))
    })
    .await
}
