//! The reply coach over HTTP: `POST /api/v1/coach/check` (the findings of a draft [RC1–RC12,
//! T2, T3]) and `POST /api/v1/coach/draft` (a draft for a customer text, or for a case).

use super::cases::case_for_coach;
use super::error::{ApiError, ErrorCode};
use super::extract::{Body, json_body};
use super::{Shared, as_json, blocking};
use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

fn coach_error(e: defuse_coach::RequestError) -> ApiError {
    ApiError::new(
        ErrorCode::InvalidRequest,
        format!("{}: {}", e.field, e.reason),
    )
}

pub async fn coach_check(
    State(_st): State<Shared>,
    Body(bytes): Body,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let req: defuse_coach::CheckRequest = json_body(&bytes)?;
        let r = defuse_coach::check_request(&req).map_err(coach_error)?;
        as_json(&r)
    })
    .await
}

/// A draft for a customer text, or for a case (`{"case": ID}`: its first customer message, kind
/// and language).
pub async fn coach_draft(
    State(st): State<Shared>,
    Body(bytes): Body,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let mut v: Value = json_body(&bytes)?;
        // A whole number written with a fraction (`3.0`) is that number, as JSON Schema reads it.
        if let Some(seed) = v.get_mut("seed")
            && let Some(f) = seed
                .as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 9.0e15)
            && !seed.is_u64()
        {
            *seed = json!(f as u64);
        }
        if v.get("case").is_some_and(Value::is_null)
            && let Some(o) = v.as_object_mut()
        {
            o.remove("case");
        }
        if let Some(id) = v.get("case").cloned() {
            // A whole number written with a fraction (`7.0`) is that id.
            let whole = id
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64);
            let id = id.as_i64().or(whole).ok_or_else(|| {
                ApiError::new(ErrorCode::InvalidRequest, "case: expected a case id")
            })?;
            let ctx = crate::coach_ctx::of(&case_for_coach(&st, id)?);
            if let Some(o) = v.as_object_mut() {
                o.remove("case");
                o.entry("customer").or_insert(json!(ctx.customer));
                if let Some(k) = ctx.kind {
                    o.entry("kind").or_insert(json!(k));
                }
                if let Some(l) = ctx.lang {
                    o.entry("lang").or_insert(json!(l));
                }
            }
        }
        let req: defuse_coach::DraftRequest = serde_json::from_value(v).map_err(|e| {
            ApiError::new(
                ErrorCode::InvalidBody,
                format!("the body is not valid: {e}"),
            )
        })?;
        let r = defuse_coach::draft_request(&req).map_err(coach_error)?;
        as_json(&r)
    })
    .await
}
