//! Typed extractors whose rejections are the API's documented errors: a body read under the
//! route's size cap (`body_too_large`, not plain text), a JSON body of a type
//! (`invalid_json` / `invalid_body`), a numeric id in the path (`invalid_id`), a query of a type
//! (`invalid_query`), and the caller the guard found.

use super::error::{ApiError, ErrorCode};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use defuse_core::workflow::Actor;
use serde::de::DeserializeOwned;

/// The raw body, read under the route's cap.
pub struct Body(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        axum::body::Bytes::from_request(req, state)
            .await
            .map(Body)
            .map_err(|e| {
                if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        ErrorCode::BodyTooLarge,
                        "the body is larger than this route takes",
                    )
                } else {
                    ApiError::new(ErrorCode::InvalidBody, e.body_text())
                }
            })
    }
}

/// A JSON body of type `T`, or a 400 naming what is wrong.
pub fn json_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        let code = if e.is_syntax() || e.is_eof() {
            ErrorCode::InvalidJson
        } else {
            ErrorCode::InvalidBody
        };
        ApiError::new(code, format!("the body is not valid: {e}"))
    })
}

/// A numeric id from the path.
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Path(raw) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|e| ApiError::new(ErrorCode::InvalidId, e.body_text()))?;
        // `7.0` is the id 7, as JSON Schema's integers read it.
        let whole = || {
            raw.parse::<f64>()
                .ok()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .map(|f| f as i64)
        };
        raw.parse::<i64>()
            .ok()
            .or_else(whole)
            .filter(|id| *id >= 0)
            .map(Id)
            .ok_or_else(|| ApiError::new(ErrorCode::InvalidId, format!("{raw:?} is not an id")))
    }
}

/// A query of type `T` (unknown parameters and bad values refused).
pub struct Q<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Q(q.0))
            .map_err(|e| ApiError::new(ErrorCode::InvalidQuery, e.body_text()))
    }
}

/// The caller, as the guard found them (routes that need a token).
pub struct Caller(pub Actor);

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts
            .extensions
            .get::<Actor>()
            .cloned()
            .map(Caller)
            .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, "a bearer token is required"))
    }
}

/// A `limit` query value checked against its documented range (refused, not silently capped).
pub fn limit(v: Option<usize>, default: usize, max: usize) -> Result<usize, ApiError> {
    match v {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(n) => Err(ApiError::new(
            ErrorCode::InvalidQuery,
            format!("limit: {n} is out of range (1 to {max})"),
        )),
    }
}
