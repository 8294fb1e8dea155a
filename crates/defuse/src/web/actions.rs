//! What the case page posts: the reply (asking first when someone else answered meanwhile or
//! the coach finds an error [RC1–RC11]), the live rule check and another draft (JSON for the
//! page's script), moves, assignment, follow-up [F1], presence, moderation [M1–M4], revealing
//! personal data (audited [RC11]) and corrections of the analysis. Each ends on the case again
//! (303) or on the case with a notice saying why it did not go through.

use super::case::{Notice, coach_draft, render};
use super::layout::page;
use super::session::Viewer;
use super::{internal, refusal, store};
use crate::server::Shared;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Json, Redirect, Response};
use axum::{Extension, Form};
use defuse_core::moderation::Action;
use defuse_core::workflow::{Actor, FollowUpOutcome, Permission, Status};
use defuse_store::desk::{DeskError, DeskPolicy};
use defuse_store::sqlite::SqliteStore;
use jiff::Timestamp;
use maud::html;
use serde::Deserialize;
use serde_json::{Value, json};

/// What an attempt at an action came to: done, or refused with the store's reason.
type Attempt = Result<(), DeskError>;

/// What an action did, as a redirect back to the case (PRG) or the case again with a notice.
async fn after(
    st: Shared,
    v: Viewer,
    id: i64,
    r: Result<(), DeskError>,
    text: Option<String>,
) -> Response {
    match r {
        Ok(()) => {
            st.live.publish("case", Some(id));
            Redirect::to(&format!("/cases/{id}")).into_response()
        }
        Err(DeskError::Store(e)) => internal(v.t, e),
        Err(e) => {
            let notice = Notice {
                message: Some(e.to_string()),
                text,
                ..Notice::default()
            };
            let mut r = render(st, v, id, notice).await;
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            r
        }
    }
}

/// Run one action on the store as the viewer, at the desk's clock, then answer as [`after`]
/// does. A clock, lock or task failure is an internal error, not the user's.
async fn act(
    st: Shared,
    v: Viewer,
    id: i64,
    f: impl FnOnce(&mut SqliteStore, &Actor, Timestamp, &DeskPolicy) -> Attempt + Send + 'static,
) -> Response {
    let st2 = st.clone();
    let who = v.actor();
    let r = super::blocking(move || -> Result<Attempt, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let mut s = store(&st2)?;
        Ok(f(&mut s, &who, now, &st2.config().desk))
    })
    .await;
    match r {
        Some(Ok(attempt)) => after(st, v, id, attempt, None).await,
        Some(Err(e)) => internal(v.t, e),
        None => internal(v.t, "the action task failed"),
    }
}

/// A refusal before the store is asked (a value that is not one of the choices).
async fn invalid(st: Shared, v: Viewer, id: i64, field: &'static str, key: &str) -> Response {
    let reason = v.t.t(key);
    after(st, v, id, Err(DeskError::Invalid { field, reason }), None).await
}

#[derive(Deserialize)]
pub struct ReplyForm {
    text: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    seen: usize,
    #[serde(default)]
    confirm: String,
}

/// `POST /cases/{id}/reply`: asks first when someone else answered since the page was opened,
/// or when the coach finds an error in the reply; then records it.
pub async fn reply(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(id): Path<i64>,
    Form(f): Form<ReplyForm>,
) -> Response {
    let public = f.visibility != "private";
    let st2 = st.clone();
    let who = v.actor();
    let login = v.user.login.clone();
    let t = v.t;
    let text = f.text.clone();
    let confirmed = f.confirm == "1";
    enum Out {
        Done,
        Ask(String),
        Refused(DeskError),
    }
    let out = super::blocking(move || -> Result<Out, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let mut s = store(&st2)?;
        let Some(view) = s
            .case_view(id, now, &st2.config().desk)
            .map_err(|e| e.to_string())?
        else {
            return Ok(Out::Refused(DeskError::NotFound {
                entity: "case",
                id: id.to_string(),
            }));
        };
        if !confirmed {
            let newer: Vec<&defuse_store::desk::Reply> = view
                .workflow
                .replies
                .iter()
                .skip(f.seen)
                .filter(|r| r.author != login)
                .collect();
            if let Some(r) = newer.last() {
                return Ok(Out::Ask(t.args(
                    "confirm-answered-meanwhile",
                    &[("login", r.author.clone().into())],
                )));
            }
            let check = defuse_coach::check_request(&crate::coach_ctx::reply_check(
                &view.detail,
                &text,
                public,
            ));
            if let Ok(c) = check
                && c.errors > 0
            {
                let rules: Vec<String> = c
                    .findings
                    .iter()
                    .filter(|f| f.severity.as_str() == "error")
                    .map(|f| f.rule.clone())
                    .collect();
                return Ok(Out::Ask(t.args(
                    "confirm-coach-errors",
                    &[("rules", rules.join(", ").into())],
                )));
            }
        }
        match s.reply(id, &text, public, &who, now, &st2.config().desk) {
            Ok(_) => Ok(Out::Done),
            Err(DeskError::Store(e)) => Err(e.to_string()),
            Err(e) => Ok(Out::Refused(e)),
        }
    })
    .await;
    match out {
        Some(Ok(Out::Done)) => after(st, v, id, Ok(()), None).await,
        Some(Ok(Out::Ask(message))) => {
            let notice = Notice {
                message: Some(message),
                text: Some(f.text),
                confirm: true,
                visibility_private: !public,
            };
            let mut r = render(st, v, id, notice).await;
            *r.status_mut() = StatusCode::CONFLICT;
            r
        }
        Some(Ok(Out::Refused(e))) => after(st, v, id, Err(e), Some(f.text)).await,
        Some(Err(e)) => internal(t, e),
        None => internal(t, "the reply task failed"),
    }
}

#[derive(Deserialize)]
pub struct CheckForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    visibility: String,
}

/// `POST /cases/{id}/check` (JSON): the coach's findings on the reply being typed, each with its
/// rule's name in the viewer's language and its place in UTF-16 units (for the page's marks).
pub async fn check(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(id): Path<i64>,
    Form(f): Form<CheckForm>,
) -> Response {
    let t = v.t;
    let st2 = st.clone();
    let out = super::blocking(move || -> Result<Option<Value>, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let Some(case) = store(&st2)?.case(id, now).map_err(|e| e.to_string())? else {
            return Ok(None);
        };
        let text: String = f
            .text
            .chars()
            .take(defuse_coach::api::MAX_DRAFT_CHARS)
            .collect();
        if text.trim().is_empty() {
            return Ok(Some(json!({ "findings": [], "errors": 0, "warnings": 0 })));
        }
        let req = crate::coach_ctx::reply_check(&case, &text, f.visibility != "private");
        let r = defuse_coach::check_request(&req).map_err(|e| e.to_string())?;
        let findings: Vec<Value> = r
            .findings
            .iter()
            .map(|x| {
                json!({
                    "rule": x.rule,
                    "title": t.t(&format!("rule-{}", x.rule)),
                    "severity": x.severity.as_str(),
                    "message": x.message,
                    "suggestion": x.suggestion,
                    "start": utf16_at(&text, x.start),
                    "end": utf16_at(&text, x.end),
                })
            })
            .collect();
        Ok(Some(
            json!({ "findings": findings, "errors": r.errors, "warnings": r.warnings }),
        ))
    })
    .await;
    match out {
        Some(Ok(Some(v))) => Json(v).into_response(),
        Some(Ok(None)) => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": t.t("err-no-case")})),
        )
            .into_response(),
        Some(Err(e)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({"error": e}))).into_response()
        }
        None => internal(t, "the check task failed"),
    }
}

/// A UTF-8 byte offset as a UTF-16 offset (JavaScript's string positions).
fn utf16_at(s: &str, byte: usize) -> usize {
    let byte = byte.min(s.len());
    let mut end = byte;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].encode_utf16().count()
}

#[derive(Deserialize)]
pub struct DraftForm {
    #[serde(default)]
    seed: u64,
}

/// `POST /cases/{id}/draft` (JSON): another draft from the coach.
pub async fn draft(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(id): Path<i64>,
    Form(f): Form<DraftForm>,
) -> Response {
    let t = v.t;
    let st2 = st.clone();
    let out = super::blocking(move || -> Result<Option<Value>, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let Some(case) = store(&st2)?.case(id, now).map_err(|e| e.to_string())? else {
            return Ok(None);
        };
        Ok(coach_draft(&case, f.seed).map(|d| json!({ "text": d.text })))
    })
    .await;
    match out {
        Some(Ok(Some(v))) => Json(v).into_response(),
        Some(Ok(None)) => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": t.t("err-no-case")})),
        )
            .into_response(),
        Some(Err(e)) => internal(t, e),
        None => internal(t, "the draft task failed"),
    }
}

#[derive(Deserialize)]
pub struct MoveForm {
    to: String,
    #[serde(default)]
    reason: String,
}

/// `POST /cases/{id}/move`.
pub async fn move_case(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(id): Path<i64>,
    Form(f): Form<MoveForm>,
) -> Response {
    let Some(to) = Status::parse(&f.to) else {
        return invalid(st, v, id, "to", "err-bad-status").await;
    };
    act(st, v, id, move |s, who, now, dp| {
        s.transition(id, to, &f.reason, who, now, dp).map(|_| ())
    })
    .await
}

#[derive(Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    agent: String,
}

/// `POST /cases/{id}/assign` (an empty agent unassigns).
pub async fn assign(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(id): Path<i64>,
    Form(f): Form<AssignForm>,
) -> Response {
    act(st, v, id, move |s, who, now, dp| {
        let agent = Some(f.agent.trim()).filter(|a| !a.is_empty());
        s.assign(id, agent, who, now, dp).map(|_| ())
    })
    .await
}

#[derive(Deserialize)]
pub struct FollowUpForm {
    outcome: String,
    #[serde(default)]
    note: String,
}

/// `POST /cases/{id}/follow-up` [F1].
pub async fn follow_up(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(id): Path<i64>,
    Form(f): Form<FollowUpForm>,
) -> Response {
    let Some(outcome) = FollowUpOutcome::parse(&f.outcome) else {
        return invalid(st, v, id, "outcome", "err-bad-outcome").await;
    };
    act(st, v, id, move |s, who, now, dp| {
        s.follow_up(id, outcome, &f.note, who, now, dp).map(|_| ())
    })
    .await
}

#[derive(Deserialize)]
pub struct PresenceForm {
    #[serde(default)]
    typing: String,
}

/// `POST /cases/{id}/presence` (JSON): "I am on this case (typing)"; answers who else is.
pub async fn presence(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(id): Path<i64>,
    Form(f): Form<PresenceForm>,
) -> Response {
    let now = (st.now)().unwrap_or_else(|_| Timestamp::now());
    let others = st.live.here(id, &v.user.login, f.typing == "1", now);
    let lines: Vec<String> = others
        .iter()
        .map(|p| {
            v.t.args(
                if p.typing {
                    "presence-typing"
                } else {
                    "presence-viewing"
                },
                &[("login", p.login.clone().into())],
            )
        })
        .collect();
    Json(json!({ "others": others, "lines": lines })).into_response()
}

#[derive(Deserialize)]
pub struct ModerateForm {
    action: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    r#override: String,
}

/// `POST /mentions/{id}/moderate` [M1–M4]: the store refuses what the policy forbids (naming the
/// rule); only a supervisor's override reason goes past it.
pub async fn moderate(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(mention_id): Path<i64>,
    Form(f): Form<ModerateForm>,
) -> Response {
    let t = v.t;
    let Some(action) = Action::parse(&f.action) else {
        return refusal(t, StatusCode::UNPROCESSABLE_ENTITY, "err-bad-action");
    };
    let st2 = st.clone();
    let who = v.actor();
    let may_override = v.user.role.may(Permission::Override);
    let out = super::blocking(move || -> Result<(Option<i64>, Attempt), String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let mut s = store(&st2)?;
        // A mention outside every case is not the desk's to moderate from a case page.
        let Some(case) = s
            .case_of_mention_id(mention_id)
            .map_err(|e| e.to_string())?
        else {
            return Ok((None, Ok(())));
        };
        let rule = Some(f.rule.trim()).filter(|r| !r.is_empty());
        // The override is a supervisor's; an agent's crafted field is ignored [M1].
        let ovr = Some(f.r#override.trim()).filter(|r| !r.is_empty() && may_override);
        let r = s
            .moderate(
                mention_id,
                action,
                rule,
                &f.reason,
                ovr,
                &who,
                now,
                &st2.config().desk,
            )
            .map(|_| ());
        Ok((Some(case), r))
    })
    .await;
    match out {
        Some(Ok((Some(case), r))) => after(st, v, case, r, None).await,
        Some(Ok((None, _))) => refusal(t, StatusCode::NOT_FOUND, "err-no-case"),
        Some(Err(e)) => internal(t, e),
        None => internal(t, "the moderation task failed"),
    }
}

/// `POST /mentions/{id}/reveal`: the message with its personal data shown, audited [RC11].
/// JSON for the page's script, else a small page.
pub async fn reveal(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(mention_id): Path<i64>,
    headers: axum::http::HeaderMap,
) -> Response {
    let t = v.t;
    let st2 = st.clone();
    let who = v.actor();
    let out = super::blocking(move || -> Result<Option<(i64, String)>, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let mut s = store(&st2)?;
        let Some((case, text)) = s.mention_text(mention_id).map_err(|e| e.to_string())? else {
            return Ok(None);
        };
        s.record_event(
            &who,
            "pii.revealed",
            Some(case),
            Some(mention_id),
            &json!({}),
            now,
        )
        .map_err(|e| e.to_string())?;
        Ok(Some((case, text)))
    })
    .await;
    match out {
        Some(Ok(Some((case, text)))) => {
            let wants_json = headers
                .get(axum::http::header::ACCEPT)
                .and_then(|a| a.to_str().ok())
                .is_some_and(|a| a.contains("application/json"));
            if wants_json {
                Json(json!({ "text": text })).into_response()
            } else {
                let body = html! {
                    div.card.narrow {
                        h1 { (t.t("revealed")) }
                        p.text { (text) }
                        p { a href=(format!("/cases/{case}#m{mention_id}")) { (t.t("back-to-case")) } }
                    }
                };
                Html(page(&v, &t.t("revealed"), "queue", body).into_string()).into_response()
            }
        }
        Some(Ok(None)) => refusal(t, StatusCode::NOT_FOUND, "err-no-case"),
        Some(Err(e)) => internal(t, e),
        None => internal(t, "the reveal task failed"),
    }
}

#[derive(Deserialize)]
pub struct LabelForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    sentiment: String,
    #[serde(default)]
    spam: String,
}

/// `POST /mentions/{id}/label`: an agent's correction of the analysis.
pub async fn label(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(mention_id): Path<i64>,
    Form(f): Form<LabelForm>,
) -> Response {
    let t = v.t;
    let kind = defuse_text::Kind::parse(&f.kind);
    let sentiment = defuse_text::Sentiment::parse(&f.sentiment);
    let spam = match f.spam.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    if kind.is_none() && sentiment.is_none() && spam.is_none() {
        return refusal(t, StatusCode::UNPROCESSABLE_ENTITY, "err-empty-label");
    }
    let st2 = st.clone();
    let who = v.actor();
    let out = super::blocking(move || -> Result<Option<(i64, Attempt)>, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let mut s = store(&st2)?;
        let Some(case) = s
            .case_of_mention_id(mention_id)
            .map_err(|e| e.to_string())?
        else {
            return Ok(None);
        };
        let r = s
            .label_mention(
                mention_id,
                kind,
                sentiment,
                spam,
                &who,
                now,
                &st2.config().desk,
            )
            .map(|_| ());
        Ok(Some((case, r)))
    })
    .await;
    match out {
        Some(Ok(Some((case, r)))) => after(st, v, case, r, None).await,
        Some(Ok(None)) => refusal(t, StatusCode::NOT_FOUND, "err-no-case"),
        Some(Err(e)) => internal(t, e),
        None => internal(t, "the label task failed"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_javascript_positions() {
        let s = "ой 😀 да";
        // "ой " is 5 bytes, 3 UTF-16 units; the emoji is 4 bytes, 2 units.
        assert_eq!(utf16_at(s, 5), 3);
        assert_eq!(utf16_at(s, 9), 5);
        assert_eq!(utf16_at(s, 6), 3, "inside a character: its start");
        assert_eq!(utf16_at(s, 999), s.encode_utf16().count());
    }
}
