//! The case page: the conversation in order (every customer message with its analysis card
//! [A1–A7] and earlier versions, every reply of the brand), the risk with its factors, the
//! strategy advice [ST1–ST3, T1–T6], the coach's draft and the reply box with the live rule check
//! [RC1–RC11], the actions (moves, assignment, follow-up [F1], moderation [M1–M4]) and the case's
//! history. Personal data is masked until an agent reveals it, which is audited [RC11]. The
//! actions the page posts are in `actions`.

use super::i18n::T;
use super::layout::{excerpt, page};
use super::session::Viewer;
use super::{internal, refusal, store};
use crate::server::Shared;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use defuse_core::moderation::Action;
use defuse_core::workflow::{FollowUpOutcome, Permission, Status, check_transition};
use defuse_store::desk::{CaseView, Label};
use defuse_store::{CaseDetail, StoredMention};
use jiff::Timestamp;
use maud::{Markup, html};
use serde_json::{Value, json};

/// `GET /cases/{id}`.
pub async fn case_page(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Path(id): Path<i64>,
) -> Response {
    render(st, v, id, Notice::default()).await
}

/// What a page says above the case after an action that did not go through.
#[derive(Debug, Default, Clone)]
pub(super) struct Notice {
    /// Words for the viewer (a refusal, a warning).
    pub message: Option<String>,
    /// The reply text to keep in the box.
    pub text: Option<String>,
    /// Ask before sending: someone else answered meanwhile, or the coach found an error.
    pub confirm: bool,
    pub visibility_private: bool,
}

pub(super) async fn render(st: Shared, v: Viewer, id: i64, notice: Notice) -> Response {
    let t = v.t;
    let st2 = st.clone();
    let data = super::blocking(move || -> Result<Option<CaseData>, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let s = store(&st2)?;
        let view = s
            .case_view(id, now, &st2.config().desk)
            .map_err(|e| e.to_string())?;
        let labels = s.labels_of_case(id).map_err(|e| e.to_string())?;
        let audit = s
            .audit(&defuse_store::desk::AuditFilter {
                case_id: Some(id),
                limit: 500,
                ..Default::default()
            })
            .map_err(|e| e.to_string())?;
        Ok(view.map(|cv| (cv, labels, audit, now)))
    })
    .await;
    let (cv, labels, audit, now) = match data {
        Some(Ok(Some(d))) => d,
        Some(Ok(None)) => return refusal(t, StatusCode::NOT_FOUND, "err-no-case"),
        Some(Err(e)) => return internal(t, e),
        None => return internal(t, "the case task failed"),
    };
    let others = st.live.others(id, &v.user.login, now);
    let draft = coach_draft(&cv.detail, 0);
    let title = format!("{} #{id}", t.t("case"));
    let body = html! {
        (case_body(t, &v, &cv, &labels, now, &others, &notice, draft.as_ref()))
        (audit_trail(t, &v, &audit))
    };
    Html(page(&v, &title, "queue", body).into_string()).into_response()
}

/// A case with what its page shows beside it.
type CaseData = (
    CaseView,
    Vec<Label>,
    Vec<defuse_core::audit::Record>,
    Timestamp,
);

/// Every audit record of the case: who did what, when (replies, moves, moderation, revealed
/// personal data, corrections) [M4, RC11].
fn audit_trail(t: T, v: &Viewer, records: &[defuse_core::audit::Record]) -> Markup {
    html! {
        details.card.audit {
            summary { (t.n("audit-records", records.len() as i64)) }
            ol.history {
                @for r in records {
                    li {
                        @if let Ok(at) = Timestamp::from_millisecond(r.at_ms) {
                            time datetime=(at.to_string()) { (t.time(at, &v.tz)) } " "
                        }
                        (r.actor) " (" (r.role) ") · " code { (r.action) }
                        @if r.detail != "{}" { " " span.detail { (excerpt(&r.detail, 300)) } }
                    }
                }
            }
        }
    }
}

pub(super) fn coach_draft(
    case: &CaseDetail,
    seed: u64,
) -> Option<defuse_coach::api::DraftResponse> {
    let ctx = crate::coach_ctx::of(case);
    if ctx.customer.trim().is_empty() {
        return None;
    }
    defuse_coach::api::draft_request(&defuse_coach::api::DraftRequest {
        customer: ctx
            .customer
            .chars()
            .take(defuse_coach::api::MAX_CUSTOMER_CHARS)
            .collect(),
        kind: ctx.kind,
        lang: ctx.lang,
        seed: Some(seed),
        incident: None,
    })
    .ok()
}

#[allow(clippy::too_many_arguments)]
fn case_body(
    t: T,
    v: &Viewer,
    cv: &CaseView,
    labels: &[Label],
    now: Timestamp,
    others: &[super::live::Presence],
    notice: &Notice,
    draft: Option<&defuse_coach::api::DraftResponse>,
) -> Markup {
    let c = &cv.detail.case;
    let w = &cv.workflow;
    let may_work = v.user.role.may(Permission::Work);
    html! {
        div.case-head {
            a.back href="/cases" { "← " (t.t("back-to-queue")) }
            h1 { (t.t("case")) " #" (c.id) " · " (c.brand) }
            div.meta {
                span.status { (t.t(&format!("status-{}", c.status.as_str()))) }
                span.badge.kind data-kind=(c.kind.as_str()) { (t.t(&format!("kind-{}", c.kind.as_str()))) }
                span.badge.sentiment data-sentiment=(c.sentiment.as_str()) { (t.t(&format!("sentiment-{}", c.sentiment.as_str()))) }
                span.platform { (c.source) }
                span.lang { (c.lang.as_str()) }
                span.assignee {
                    @match &w.assigned_to { Some(a) => { "→ " (a) } None => { (t.t("unassigned")) } }
                }
            }
            div #presence.presence aria-live="polite" data-case=(c.id) {
                @for p in others {
                    span.who { (t.args(if p.typing { "presence-typing" } else { "presence-viewing" }, &[("login", p.login.clone().into())])) }
                }
            }
        }
        @if let Some(m) = &notice.message {
            div.notice role="alert" { (m) }
        }
        div.case-grid {
            section.conversation aria-label=(t.t("conversation")) {
                h2 { (t.t("conversation")) }
                (conversation(t, v, cv, labels, may_work))
                @if may_work {
                    (reply_box(t, &v.csrf, cv, notice, draft, privacy_hidden(cv)))
                }
            }
            aside.side {
                (clocks(t, v, cv, now))
                (risk_card(t, cv))
                (advice(t, cv))
                @if may_work {
                    (actions(t, v, cv))
                }
                (history(t, v, cv))
            }
        }
    }
}

fn clocks(t: T, v: &Viewer, cv: &CaseView, now: Timestamp) -> Markup {
    html! {
        section.card aria-labelledby="clocks-h" {
            h2 #clocks-h { (t.t("clocks")) }
            ul.clocks {
                @for k in &cv.workflow.clocks {
                    @let v_json = serde_json::to_value(k).unwrap_or(Value::Null);
                    @let name = v_json.get("clock").and_then(Value::as_str).unwrap_or("");
                    @let state = v_json.get("state").and_then(Value::as_str).unwrap_or("");
                    @let due = v_json.get("due").and_then(Value::as_str).and_then(|d| d.parse::<Timestamp>().ok());
                    li data-state=(state) {
                        span.name { (t.t(&format!("clock-{name}"))) }
                        " "
                        @let ticking = due.is_some() && matches!(state, "running" | "warning" | "breached");
                        @if !ticking {
                            span.state { (t.t(&format!("clock-state-{state}"))) }
                        }
                        @if let Some(d) = due {
                            @if ticking {
                                time.due data-due=(d.as_millisecond()) data-state=(state) datetime=(d.to_string()) title=(t.time(d, &v.tz)) {
                                    (t.due((d.as_millisecond() - now.as_millisecond()).div_euclid(60_000)))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn risk_card(t: T, cv: &CaseView) -> Markup {
    let c = &cv.detail.case;
    html! {
        section.card aria-labelledby="risk-h" {
            h2 #risk-h { (t.t("risk")) " " span.badge.risk data-level=(if c.risk >= 70 { "high" } else if c.risk >= 40 { "mid" } else { "low" }) { (c.risk) } }
            ul.factors {
                @for f in &c.risk_factors {
                    li { span.pts { (format!("{:+}", f.points)) } " " (f.name) }
                }
            }
        }
    }
}

fn advice(t: T, cv: &CaseView) -> Markup {
    let a = &cv.workflow.advice;
    html! {
        section.card aria-labelledby="advice-h" {
            h2 #advice-h { (t.t("advice")) }
            p.strategy {
                strong { (t.t(&format!("strategy-{}", a.strategy.as_str()))) }
                @if !a.rules.is_empty() { " " span.rules { "[" (a.rules.join(", ")) "]" } }
            }
            p { (a.reason) }
            @if a.systemic {
                p.warn { (t.t("advice-systemic")) }
            }
            @if !a.questions.is_empty() {
                h3 { (t.t("advice-questions")) }
                ul { @for q in &a.questions { li { (q) } } }
            }
            @if !a.steps.is_empty() {
                h3 { (t.t("advice-steps")) }
                ol { @for s in &a.steps { li { (s) } } }
            }
        }
    }
}

/// A stored mention's text with its personal data masked [RC11].
fn masked(text: &str, analysis: &Value, field: Option<&str>) -> Markup {
    let mut spans: Vec<(usize, usize, String)> = analysis
        .get("private_data")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|p| p.get("field").and_then(Value::as_str) == field)
        .filter_map(|p| {
            Some((
                p.get("start")?.as_u64()? as usize,
                p.get("end")?.as_u64()? as usize,
                p.get("kind")?.as_str()?.to_string(),
            ))
        })
        .filter(|(s, e, _)| {
            s < e && *e <= text.len() && text.is_char_boundary(*s) && text.is_char_boundary(*e)
        })
        .collect();
    spans.sort();
    // Overlapping spans are merged: no part of any of them shows.
    let mut merged: Vec<(usize, usize, String)> = Vec::new();
    for (s, e, kind) in spans {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e, kind)),
        }
    }
    let mut pieces: Vec<(bool, &str, String)> = Vec::new();
    let mut at = 0;
    for (s, e, kind) in merged {
        pieces.push((false, &text[at..s], String::new()));
        pieces.push((true, &text[s..e], kind));
        at = e;
    }
    pieces.push((false, &text[at..], String::new()));
    html! {
        @for (hidden, piece, kind) in pieces {
            @if hidden {
                span.pii data-kind=(kind) { "•••• (" (kind) ")" }
            } @else {
                (piece)
            }
        }
    }
}

/// A text with the personal data the scanner finds masked (for texts stored without their
/// analysis: earlier versions, the queue's excerpts) [RC11].
pub(super) fn mask_scanned(text: &str) -> Markup {
    let spans: Vec<Value> = defuse_text::pii::find_private_data(text)
        .into_iter()
        .map(|p| json!({"kind": p.kind.as_str(), "start": p.start, "end": p.end}))
        .collect();
    masked(text, &json!({ "private_data": spans }), None)
}

fn has_pii(analysis: &Value) -> bool {
    analysis
        .get("private_data")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty())
}

enum Item<'a> {
    Mention(&'a StoredMention),
    Reply(&'a defuse_store::desk::Reply),
}

fn conversation(t: T, v: &Viewer, cv: &CaseView, labels: &[Label], may_work: bool) -> Markup {
    let mut items: Vec<(i64, Item<'_>)> = Vec::new();
    for m in &cv.detail.thread {
        let at = m
            .mention
            .get("created_at")
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<Timestamp>().ok())
            .unwrap_or(m.imported_at);
        items.push((at.as_millisecond(), Item::Mention(m)));
    }
    for r in &cv.workflow.replies {
        items.push((r.created_at.as_millisecond(), Item::Reply(r)));
    }
    items.sort_by_key(|(at, _)| *at);
    html! {
        ol.thread {
            @for (_, item) in &items {
                @match item {
                    Item::Mention(m) => (mention(t, v, m, labels, may_work)),
                    Item::Reply(r) => {
                        li.msg.reply data-visibility=(r.visibility) {
                            div.who { strong { (r.author) } " · " (t.t(&format!("visibility-{}", r.visibility))) " · " time datetime=(r.created_at.to_string()) { (t.time(r.created_at, &v.tz)) } }
                            div.text { (r.text) }
                        }
                    }
                }
            }
        }
    }
}

fn mention(t: T, v: &Viewer, m: &StoredMention, labels: &[Label], may_work: bool) -> Markup {
    let corrections: Vec<&Label> = labels.iter().filter(|l| l.mention_id == m.id).collect();
    let mj = &m.mention;
    let a = &m.analysis;
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let n = |v: &Value, k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
    let author = mj.get("author").cloned().unwrap_or(Value::Null);
    let who = s(&author, "name")
        .or_else(|| s(&author, "handle"))
        .unwrap_or_else(|| t.t("someone"));
    let metrics = mj.get("metrics").cloned().unwrap_or(Value::Null);
    let text = s(mj, "text").unwrap_or_default();
    let title = s(mj, "title");
    let created = s(mj, "created_at").and_then(|d| d.parse::<Timestamp>().ok());
    let media = mj
        .get("media")
        .and_then(Value::as_array)
        .map(|v| v.len())
        .unwrap_or(0);
    let kind = s(a, "kind").unwrap_or_default();
    let sentiment = s(a, "sentiment").unwrap_or_default();
    let flags: Vec<&str> = [
        ("question", "flag-question"),
        ("profanity", "flag-profanity"),
        ("toxic", "flag-toxic"),
        ("spam", "flag-spam"),
    ]
    .into_iter()
    .filter(|(k, _)| a.get(*k).and_then(Value::as_bool).unwrap_or(false))
    .map(|(_, key)| key)
    .collect();
    let emotion = a.get("emotion").and_then(Value::as_f64).unwrap_or(0.0);
    // A3: how fast it gathers reactions — its interactions per hour between the post and its
    // arrival at the desk.
    let growth = created.map(|d| {
        let hours = (m.imported_at.as_second() - d.as_second()).max(3600) as f64 / 3600.0;
        let interactions = n(&metrics, "likes") + n(&metrics, "reposts") + n(&metrics, "comments");
        interactions as f64 / hours
    });
    let pii = has_pii(a);
    html! {
        li.msg id=(format!("m{}", m.id)) data-from=(if m.from_brand { "brand" } else { "customer" }) data-moderation=(m.moderation) {
            div.who {
                strong { (who) }
                @if let Some(h) = s(&author, "handle") { " " span.handle { "@" (h) } }
                @if let Some(f) = author.get("followers").and_then(Value::as_u64) { " · " (t.n("followers-count", f as i64)) }
                @if let Some(d) = created { " · " time datetime=(d.to_string()) { (t.time(d, &v.tz)) } }
                @if m.moderation != "visible" { " · " span.badge.mod { (t.t(&format!("moderation-{}", m.moderation))) } }
            }
            @if let Some(ti) = &title { div.title { (masked(ti, a, Some("title"))) } }
            div.text data-pii=(pii) { (masked(&text, a, None)) }
            @if pii && may_work {
                form.inline.reveal method="post" action=(format!("/mentions/{}/reveal", m.id)) {
                    input type="hidden" name="csrf" value=(v.csrf);
                    button type="submit" { (t.t("reveal")) }
                    span.hint { (t.t("reveal-hint")) }
                }
            }
            @if !m.earlier_texts.is_empty() {
                details.earlier {
                    summary { (t.n("earlier-versions", m.earlier_texts.len() as i64)) }
                    ol { @for e in &m.earlier_texts { li { (mask_scanned(&excerpt(e, 2000))) } } }
                }
            }
            @if !m.from_brand {
                details.card-analysis {
                    summary { (t.t("analysis")) ": " (t.t(&format!("kind-{kind}"))) " · " (t.t(&format!("sentiment-{sentiment}"))) }
                    dl.analysis {
                        dt { (t.t("platform")) } dd { (s(mj, "source").unwrap_or_default()) @if let Some(vn) = s(mj, "venue") { " · " (vn) } }
                        dt { (t.t("author-reach")) } dd { (who) " · " (t.n("followers-count", author.get("followers").and_then(Value::as_u64).unwrap_or(0) as i64)) }
                        dt { (t.t("engagement")) } dd {
                            (t.args("engagement-line", &[("likes", n(&metrics, "likes").into()), ("reposts", n(&metrics, "reposts").into()), ("comments", n(&metrics, "comments").into()), ("views", n(&metrics, "views").into())]))
                            @if let Some(rate) = growth {
                                " · " (t.args("engagement-rate", &[("rate", format!("{rate:.1}").into())]))
                            }
                        }
                        dt { (t.t("media")) } dd { (media) }
                        dt { (t.t("emotion")) } dd { (format!("{:.0}%", emotion * 100.0)) }
                        dt { (t.t("language")) } dd { (s(a, "lang").unwrap_or_default()) }
                        dt { (t.t("sentiment")) } dd { (t.t(&format!("sentiment-{sentiment}"))) }
                        dt { (t.t("kind")) } dd { (t.t(&format!("kind-{kind}"))) @for f in &flags { " · " (t.t(f)) } }
                        dt { (t.t("risk")) } dd { (m.risk) " — " (m.risk_factors.iter().map(|f| format!("{} {:+}", f.name, f.points)).collect::<Vec<_>>().join(", ")) }
                        @if let Some(u) = s(mj, "url").filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
                            dt { (t.t("permalink")) } dd { a href=(u) rel="noopener noreferrer nofollow" target="_blank" { (excerpt(&u, 80)) } }
                        }
                    }
                    @if !corrections.is_empty() {
                        ul.labels {
                            @for l in &corrections {
                                li {
                                    (t.args("corrected-by", &[("login", l.actor.clone().into()), ("at", t.time(l.at, &v.tz).into())]))
                                    @if let Some(k) = l.kind { " · " (t.t("kind")) ": " (t.t(&format!("kind-{}", k.as_str()))) }
                                    @if let Some(s) = l.sentiment { " · " (t.t("sentiment")) ": " (t.t(&format!("sentiment-{}", s.as_str()))) }
                                    @if let Some(sp) = l.spam { " · " (t.t("flag-spam")) ": " (if sp { t.t("yes") } else { t.t("no") }) }
                                }
                            }
                        }
                    }
                    @if may_work {
                        (label_form(t, v, m))
                        (moderation_form(t, v, m))
                    }
                }
            }
        }
    }
}

fn label_form(t: T, v: &Viewer, m: &StoredMention) -> Markup {
    html! {
        form.label method="post" action=(format!("/mentions/{}/label", m.id)) {
            input type="hidden" name="csrf" value=(v.csrf);
            span.legend { (t.t("correct-analysis")) }
            label for=(format!("lb-k-{}", m.id)) { (t.t("kind")) }
            select id=(format!("lb-k-{}", m.id)) name="kind" {
                option value="" { "—" }
                @for k in defuse_text::Kind::ALL {
                    option value=(k.as_str()) { (t.t(&format!("kind-{}", k.as_str()))) }
                }
            }
            label for=(format!("lb-s-{}", m.id)) { (t.t("sentiment")) }
            select id=(format!("lb-s-{}", m.id)) name="sentiment" {
                option value="" { "—" }
                @for s in defuse_text::Sentiment::ALL {
                    option value=(s.as_str()) { (t.t(&format!("sentiment-{}", s.as_str()))) }
                }
            }
            label for=(format!("lb-sp-{}", m.id)) { (t.t("flag-spam")) }
            select id=(format!("lb-sp-{}", m.id)) name="spam" {
                option value="" { "—" }
                option value="yes" { (t.t("yes")) }
                option value="no" { (t.t("no")) }
            }
            button type="submit" { (t.t("correct")) }
        }
    }
}

fn moderation_form(t: T, v: &Viewer, m: &StoredMention) -> Markup {
    html! {
        form.moderate method="post" action=(format!("/mentions/{}/moderate", m.id)) {
            input type="hidden" name="csrf" value=(v.csrf);
            label for=(format!("mod-a-{}", m.id)) { (t.t("moderation")) }
            select id=(format!("mod-a-{}", m.id)) name="action" {
                @for a in Action::ALL {
                    option value=(a.as_str()) { (t.t(&format!("action-{}", a.as_str()))) }
                }
            }
            label for=(format!("mod-r-{}", m.id)) { (t.t("rule")) }
            select id=(format!("mod-r-{}", m.id)) name="rule" {
                option value="" { (t.t("no-rule")) }
                option value="spam" { "spam" }
                option value="obscenity" { "obscenity" }
                option value="hate" { "hate" }
                option value="privacy" { "privacy" }
            }
            label for=(format!("mod-why-{}", m.id)) { (t.t("reason")) }
            input id=(format!("mod-why-{}", m.id)) name="reason" maxlength="500";
            @if v.user.role.may(Permission::Override) {
                label for=(format!("mod-ovr-{}", m.id)) { (t.t("override-reason")) }
                input id=(format!("mod-ovr-{}", m.id)) name="override" maxlength="500";
            }
            button type="submit" { (t.t("apply")) }
        }
    }
}

/// The public answer to propose when a customer message was hidden for the personal data it
/// showed [RC11, M4].
fn privacy_hidden(cv: &CaseView) -> Option<&'static str> {
    let hidden = cv
        .detail
        .thread
        .iter()
        .any(|m| !m.from_brand && m.moderation == "hidden" && has_pii(&m.analysis));
    hidden.then(|| defuse_core::moderation::privacy_reply(cv.detail.case.lang))
}

#[allow(clippy::too_many_arguments)]
fn reply_box(
    t: T,
    csrf: &str,
    cv: &CaseView,
    notice: &Notice,
    draft: Option<&defuse_coach::api::DraftResponse>,
    privacy: Option<&str>,
) -> Markup {
    let c = &cv.detail.case;
    let text = notice.text.clone().unwrap_or_default();
    html! {
        section.card.reply-card aria-labelledby="reply-h" {
            h2 #reply-h { (t.t("reply")) }
            @if let Some(p) = privacy {
                div.draft.privacy {
                    h3 { (t.t("privacy-reply")) }
                    p #privacy-text { (p) }
                    button type="button" data-use="privacy-text" { (t.t("use-draft")) }
                }
            }
            @if let Some(d) = draft {
                div.draft {
                    h3 { (t.t("draft")) }
                    p #draft-text { (d.text) }
                    button type="button" data-use="draft-text" { (t.t("use-draft")) }
                    button type="button" data-another-draft data-case=(c.id) { (t.t("another-draft")) }
                }
            }
            form #reply-form method="post" action=(format!("/cases/{}/reply", c.id)) data-check=(format!("/cases/{}/check", c.id)) {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="seen" value=(cv.workflow.replies.len());
                @if notice.confirm { input type="hidden" name="confirm" value="1"; }
                label for="reply-text" { (t.t("reply-label")) }
                div.editor {
                    div #reply-marks.marks aria-hidden="true" {}
                    textarea #reply-text name="text" rows="6" maxlength="20000" required data-key-reply { (text) }
                }
                fieldset.visibility {
                    legend { (t.t("visibility")) }
                    label { input type="radio" name="visibility" value="public" checked[!notice.visibility_private]; " " (t.t("visibility-public")) }
                    label { input type="radio" name="visibility" value="private" checked[notice.visibility_private]; " " (t.t("visibility-private")) }
                }
                div #findings.findings aria-live="polite" {}
                button type="submit" { @if notice.confirm { (t.t("send-anyway")) } @else { (t.t("send")) } }
            }
        }
    }
}

fn actions(t: T, v: &Viewer, cv: &CaseView) -> Markup {
    let c = &cv.detail.case;
    let answered = c.responded_at.is_some();
    // The moves the workflow allows from here (a reason may still be asked for).
    let moves: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|to| {
            check_transition(c.status, *to, "reason", answered).is_ok()
                || check_transition(c.status, *to, "", answered).is_ok()
        })
        .collect();
    let mine = cv.workflow.assigned_to.as_deref() == Some(v.user.login.as_str());
    html! {
        section.card aria-labelledby="actions-h" {
            h2 #actions-h { (t.t("actions")) }
            form.inline method="post" action=(format!("/cases/{}/assign", c.id)) {
                input type="hidden" name="csrf" value=(v.csrf);
                @if mine {
                    input type="hidden" name="agent" value="";
                    button type="submit" { (t.t("unassign")) }
                } @else {
                    input type="hidden" name="agent" value=(v.user.login);
                    button type="submit" data-key-assign { (t.t("assign-to-me")) }
                }
            }
            @if !moves.is_empty() {
                form.move method="post" action=(format!("/cases/{}/move", c.id)) {
                    input type="hidden" name="csrf" value=(v.csrf);
                    label for="move-to" { (t.t("move-to")) }
                    select #move-to name="to" data-key-move {
                        @for s in &moves {
                            option value=(s.as_str()) { (t.t(&format!("status-{}", s.as_str()))) }
                        }
                    }
                    label for="move-reason" { (t.t("reason")) }
                    input #move-reason name="reason" maxlength="500";
                    button type="submit" { (t.t("move")) }
                }
            }
            @if matches!(c.status, Status::Resolved | Status::ResolutionPosted) {
                form.followup method="post" action=(format!("/cases/{}/follow-up", c.id)) {
                    input type="hidden" name="csrf" value=(v.csrf);
                    label for="fu-outcome" { (t.t("follow-up")) }
                    select #fu-outcome name="outcome" {
                        @for o in FollowUpOutcome::ALL {
                            option value=(o.as_str()) { (t.t(&format!("outcome-{}", o.as_str()))) }
                        }
                    }
                    input name="note" maxlength="500" aria-label=(t.t("note"));
                    button type="submit" { (t.t("record")) }
                }
            }
        }
    }
}

fn history(t: T, v: &Viewer, cv: &CaseView) -> Markup {
    html! {
        section.card aria-labelledby="history-h" {
            h2 #history-h { (t.t("history")) }
            ol.history {
                @for tr in &cv.workflow.transitions {
                    li {
                        time datetime=(tr.at.to_string()) { (t.time(tr.at, &v.tz)) }
                        " " (tr.actor) ": "
                        (t.t(&format!("status-{}", tr.from))) " → " (t.t(&format!("status-{}", tr.to)))
                        @if !tr.reason.is_empty() { " — " (tr.reason) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_is_masked_and_text_escaped() {
        let text = "<b>call</b> +7 999 123-45-67";
        let start = text.find('+').expect("phone");
        let a = json!({"private_data": [{"kind": "phone", "start": start, "end": text.len()}]});
        let html = masked(text, &a, None).into_string();
        assert!(!html.contains("999"), "{html}");
        assert!(html.contains("&lt;b&gt;call&lt;/b&gt;"), "{html}");
        assert!(html.contains("(phone)"), "{html}");
        // Spans that do not fit the text are ignored, never a panic.
        let bad = json!({"private_data": [{"kind": "x", "start": 2, "end": 999}]});
        assert!(masked("ой", &bad, None).into_string().contains("ой"));
        // Overlapping spans: no part of either shows.
        let text = "0123456789abcdefghij";
        let two = json!({"private_data": [
            {"kind": "a", "start": 0, "end": 10}, {"kind": "b", "start": 5, "end": 15}]});
        let html = masked(text, &two, None).into_string();
        assert!(!html.contains("abcde") && html.contains("fghij"), "{html}");
        // Texts kept without their analysis are scanned.
        let html = mask_scanned("call me +7 999 123-45-67").into_string();
        assert!(!html.contains("123-45-67"), "{html}");
    }
}
