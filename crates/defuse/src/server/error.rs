//! The API's errors in one shape — `{"error": {"code", "message", "rule"?, "rejected"?}}` — and
//! one table of codes: each code has one HTTP status and one meaning, listed in
//! `docs/mentions.md` (a test holds the two together). Refusals of the method or the policy
//! (409) carry the refusal's own code and its rule id (docs/workflow.md).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use defuse_store::desk::DeskError;
use serde_json::{Value, json};

/// Every fixed error code of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    Unauthorized,
    Forbidden,
    BadHost,
    BadOrigin,
    InvalidJson,
    InvalidBody,
    InvalidQuery,
    InvalidRequest,
    InvalidId,
    InvalidMention,
    BatchTooLarge,
    BodyTooLarge,
    UnsupportedMediaType,
    NotFound,
    CaseNotFound,
    MentionNotFound,
    TokenNotFound,
    MethodNotAllowed,
    Internal,
}

/// The table: code → HTTP status → what it means.
pub const ERROR_CODES: &[(ErrorCode, &str, u16, &str)] = &[
    (
        ErrorCode::Unauthorized,
        "unauthorized",
        401,
        "no bearer token, or an unknown, revoked or expired one",
    ),
    (
        ErrorCode::Forbidden,
        "forbidden",
        403,
        "the token's role may not do this (see the role table)",
    ),
    (
        ErrorCode::BadHost,
        "bad_host",
        421,
        "the Host header is not an address this server is configured for (DNS rebinding guard)",
    ),
    (
        ErrorCode::BadOrigin,
        "bad_origin",
        403,
        "a state change from a web page of another origin",
    ),
    (
        ErrorCode::InvalidJson,
        "invalid_json",
        400,
        "the body is not JSON",
    ),
    (
        ErrorCode::InvalidBody,
        "invalid_body",
        400,
        "the JSON body does not have the documented shape",
    ),
    (
        ErrorCode::InvalidQuery,
        "invalid_query",
        400,
        "an unknown query parameter, or a value out of range",
    ),
    (
        ErrorCode::InvalidRequest,
        "invalid_request",
        400,
        "a field has a value the desk cannot take (the message names it)",
    ),
    (
        ErrorCode::InvalidId,
        "invalid_id",
        400,
        "the id in the path is not a number",
    ),
    (
        ErrorCode::InvalidMention,
        "invalid_mention",
        422,
        "no mention of the batch is valid (each is listed in `rejected`)",
    ),
    (
        ErrorCode::BatchTooLarge,
        "batch_too_large",
        413,
        "more mentions in one request than the limit",
    ),
    (
        ErrorCode::BodyTooLarge,
        "body_too_large",
        413,
        "the body is larger than this route takes",
    ),
    (
        ErrorCode::UnsupportedMediaType,
        "unsupported_media_type",
        415,
        "the body is not sent as application/json",
    ),
    (ErrorCode::NotFound, "not_found", 404, "no such endpoint"),
    (
        ErrorCode::CaseNotFound,
        "case_not_found",
        404,
        "no case with that id",
    ),
    (
        ErrorCode::MentionNotFound,
        "mention_not_found",
        404,
        "no mention with that id",
    ),
    (
        ErrorCode::TokenNotFound,
        "token_not_found",
        404,
        "no active token of that name",
    ),
    (
        ErrorCode::MethodNotAllowed,
        "method_not_allowed",
        405,
        "the endpoint exists but not with this method",
    ),
    (
        ErrorCode::Internal,
        "internal",
        500,
        "the server failed (the message says how); nothing was half-done",
    ),
];

impl ErrorCode {
    fn row(self) -> (&'static str, u16) {
        ERROR_CODES
            .iter()
            .find(|r| r.0 == self)
            .map_or(("internal", 500), |r| (r.1, r.2))
    }

    pub fn as_str(self) -> &'static str {
        self.row().0
    }

    pub fn status(self) -> StatusCode {
        StatusCode::from_u16(self.row().1).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// An API error: HTTP status, stable code, message.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    /// The method rule behind a refusal (M1, RC11, …).
    rule: Option<&'static str>,
    /// Per-item reasons (`invalid_mention`).
    rejected: Option<Value>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            status: code.status(),
            code: code.as_str(),
            message: message.into(),
            rule: None,
            rejected: None,
        }
    }

    pub fn internal(e: impl std::fmt::Display) -> Self {
        Self::new(ErrorCode::Internal, e.to_string())
    }

    pub fn with_rejected(mut self, rejected: Value) -> Self {
        self.rejected = Some(rejected);
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut e = json!({"code": self.code, "message": self.message});
        if let Some(r) = self.rule {
            e["rule"] = json!(r);
        }
        if let Some(r) = self.rejected {
            e["rejected"] = r;
        }
        (self.status, Json(json!({ "error": e }))).into_response()
    }
}

impl From<DeskError> for ApiError {
    fn from(e: DeskError) -> Self {
        match e {
            DeskError::NotFound { entity, id } => {
                let code = match entity {
                    "mention" => ErrorCode::MentionNotFound,
                    "token" => ErrorCode::TokenNotFound,
                    _ => ErrorCode::CaseNotFound,
                };
                ApiError::new(code, format!("no {entity} {id}"))
            }
            DeskError::Refused(r) => ApiError {
                status: StatusCode::CONFLICT,
                code: r.code,
                message: r.message,
                rule: r.rule,
                rejected: None,
            },
            DeskError::Invalid { field, reason } => {
                ApiError::new(ErrorCode::InvalidRequest, format!("{field}: {reason}"))
            }
            DeskError::Store(e) => ApiError::internal(e),
        }
    }
}

impl From<defuse_store::StoreError> for ApiError {
    fn from(e: defuse_store::StoreError) -> Self {
        ApiError::internal(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_in_the_table_once_and_documented() {
        let docs = include_str!("../../../../docs/mentions.md");
        let mut seen = std::collections::HashSet::new();
        for (code, name, status, _) in ERROR_CODES {
            assert!(seen.insert(*name), "{name} twice");
            assert_eq!(code.as_str(), *name);
            assert_eq!(code.status().as_u16(), *status);
            assert!(
                docs.contains(&format!("`{name}`")),
                "{name} is not in docs/mentions.md"
            );
        }
    }
}
