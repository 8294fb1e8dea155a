//! `POST /api/v1/mentions`: a mention or a batch, parsed and checked one by one (the bad ones
//! listed with their index, field and reason; the good ones kept), analysed and ingested in one
//! transaction under the settings' workflow policy.

use super::error::{ApiError, ErrorCode};
use super::extract::Body;
use super::{MAX_BATCH, Shared, blocking, locked, now};
use axum::Json;
use axum::extract::State;
use defuse_core::mention::Mention;
use defuse_text::Scratch;
use serde_json::{Value, json};

pub async fn post_mentions(
    State(st): State<Shared>,
    Body(body): Body,
) -> Result<Json<Value>, ApiError> {
    blocking(move || {
        let v: Value = serde_json::from_slice(&body).map_err(|e| {
            ApiError::new(ErrorCode::InvalidJson, format!("the body is not JSON: {e}"))
        })?;
        let items: Vec<Value> = match v {
            Value::Array(a) => a,
            Value::Object(_) => vec![v],
            _ => {
                return Err(ApiError::new(
                    ErrorCode::InvalidBody,
                    "expected a mention object or an array of them",
                ));
            }
        };
        if items.len() > MAX_BATCH {
            return Err(ApiError::new(
                ErrorCode::BatchTooLarge,
                format!("{} mentions; at most {MAX_BATCH} per request", items.len()),
            ));
        }
        let mut scratch = Scratch::new();
        let now = now(&st)?;
        // One view of the settings for the whole batch.
        let cfg = st.config();
        let mut ok = Vec::new();
        let mut rejected = Vec::new();
        for (i, item) in items.iter().enumerate() {
            // Post times are checked against the server's clock (bug 12).
            match Mention::from_value(item).and_then(|m| m.check_times(now).map(|()| m)) {
                Ok(m) => ok.push(cfg.pipeline.prepare(m, &mut scratch, now)),
                Err(e) => rejected.push(json!({"index": i, "field": e.field, "reason": e.reason})),
            }
        }
        if rejected.len() == items.len() && !items.is_empty() {
            return Err(ApiError::new(
                ErrorCode::InvalidMention,
                format!("none of the {} mentions is valid", items.len()),
            )
            .with_rejected(Value::Array(rejected)));
        }
        let sum = locked(&st)?.ingest(ok, &cfg.desk, now)?;
        // Open desk pages refresh (the store lock is released by now).
        if sum.new + sum.updated > 0 {
            st.live.publish("mentions", None);
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
