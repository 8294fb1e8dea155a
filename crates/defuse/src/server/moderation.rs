//! `POST /api/v1/mentions/{id}/moderation`: hide, unhide, delete or report a mention under the
//! moderation policy [M1–M4]; a refusal names its rule.

use super::error::{ApiError, ErrorCode};
use super::extract::{Body, Caller, Id, json_body};
use super::{Shared, blocking, locked, now};
use axum::Json;
use axum::extract::State;
use defuse_core::moderation::Action;
use serde::Deserialize;
use serde_json::{Value, json};

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

pub async fn post_moderation(
    State(st): State<Shared>,
    Caller(who): Caller,
    Id(id): Id,
    Body(bytes): Body,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let b: ModerationBody = json_body(&bytes)?;
        let action = Action::parse(&b.action).ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidRequest,
                format!(
                    "action: '{}' is not hide, unhide, delete or report",
                    b.action
                ),
            )
        })?;
        let now = now(&st)?;
        let (decision, seq) = locked(&st)?.moderate(
            id,
            action,
            b.rule.as_deref(),
            &b.reason,
            b.override_reason.as_deref(),
            &who,
            now,
            &st.config().desk,
        )?;
        st.live.publish("mentions", None);
        Ok(Json(json!({
            "mention_id": id,
            "visibility": action.visibility(),
            "decision": decision,
            "audit_seq": seq,
        })))
    })
    .await
}
