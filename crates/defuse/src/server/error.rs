//! The API's errors in one shape — `{"error": {"code", "message", "rule"?, "rejected"?}}` — and
//! one table of codes: each code has one HTTP status and one meaning, listed in
//! `docs/mentions.md` (a test holds the two together). Refusals of the method or the policy
//! (409) carry the refusal's own code and its rule id (docs/workflow.md).

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use defuse_store::desk::DeskError;
use serde_json::{Value, json};

defuse_text::named_enum! {
    /// Every fixed error code of the API; its machine name is the `code` of the error body.
    pub enum ErrorCode {
        Unauthorized = "unauthorized",
        Forbidden = "forbidden",
        BadHost = "bad_host",
        BadOrigin = "bad_origin",
        InvalidJson = "invalid_json",
        InvalidBody = "invalid_body",
        InvalidQuery = "invalid_query",
        InvalidRequest = "invalid_request",
        InvalidId = "invalid_id",
        InvalidMention = "invalid_mention",
        BatchTooLarge = "batch_too_large",
        BodyTooLarge = "body_too_large",
        UnsupportedMediaType = "unsupported_media_type",
        NotFound = "not_found",
        CaseNotFound = "case_not_found",
        MentionNotFound = "mention_not_found",
        TokenNotFound = "token_not_found",
        MethodNotAllowed = "method_not_allowed",
        Internal = "internal",
    }
}

/// The table: code → HTTP status → what it means.
pub const ERROR_CODES: &[(ErrorCode, u16, &str)] = &[
    (
        ErrorCode::Unauthorized,
        401,
        "no bearer token, or an unknown, revoked or expired one",
    ),
    (
        ErrorCode::Forbidden,
        403,
        "the token's role may not do this (see the role table)",
    ),
    (
        ErrorCode::BadHost,
        421,
        "the Host header is not an address this server is configured for (DNS rebinding guard)",
    ),
    (
        ErrorCode::BadOrigin,
        403,
        "a state change from a web page of another origin",
    ),
    (ErrorCode::InvalidJson, 400, "the body is not JSON"),
    (
        ErrorCode::InvalidBody,
        400,
        "the JSON body does not have the documented shape",
    ),
    (
        ErrorCode::InvalidQuery,
        400,
        "an unknown query parameter, or a value out of range",
    ),
    (
        ErrorCode::InvalidRequest,
        400,
        "a field has a value the desk cannot take (the message names it)",
    ),
    (
        ErrorCode::InvalidId,
        400,
        "the id in the path is not a number",
    ),
    (
        ErrorCode::InvalidMention,
        422,
        "no mention of the batch is valid (each is listed in `rejected`)",
    ),
    (
        ErrorCode::BatchTooLarge,
        413,
        "more mentions in one request than the limit",
    ),
    (
        ErrorCode::BodyTooLarge,
        413,
        "the body is larger than this route takes",
    ),
    (
        ErrorCode::UnsupportedMediaType,
        415,
        "the body is not sent as application/json",
    ),
    (ErrorCode::NotFound, 404, "no such endpoint"),
    (ErrorCode::CaseNotFound, 404, "no case with that id"),
    (ErrorCode::MentionNotFound, 404, "no mention with that id"),
    (
        ErrorCode::TokenNotFound,
        404,
        "no active token of that name",
    ),
    (
        ErrorCode::MethodNotAllowed,
        405,
        "the endpoint exists but not with this method",
    ),
    (
        ErrorCode::Internal,
        500,
        "the server failed (the message says how); nothing was half-done",
    ),
];

impl ErrorCode {
    pub fn status(self) -> StatusCode {
        ERROR_CODES
            .iter()
            .find(|r| r.0 == self)
            .and_then(|r| StatusCode::from_u16(r.1).ok())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
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
        for code in ErrorCode::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "{name} twice");
            let rows: Vec<_> = ERROR_CODES.iter().filter(|r| r.0 == code).collect();
            assert_eq!(rows.len(), 1, "{name} is not in ERROR_CODES once");
            assert_eq!(code.status().as_u16(), rows[0].1);
            assert!(
                docs.contains(&format!("`{name}`")),
                "{name} is not in docs/mentions.md"
            );
        }
        assert_eq!(ERROR_CODES.len(), ErrorCode::ALL.len());
    }
}
