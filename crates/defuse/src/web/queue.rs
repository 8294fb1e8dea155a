//! The queue page: the cases in the method's order (breached and soonest deadline first, then
//! risk), filtered by brand, status, kind, platform, language, assignee and a search over the
//! mentions' text, paginated; the filter lives in the address (bookmarkable, the back button
//! works). `?fragment=rows` answers only the rows, for the live refresh.

use super::i18n::T;
use super::layout::{excerpt, page};
use super::session::Viewer;
use super::{internal, store, urlencode};
use crate::server::Shared;
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use defuse_core::workflow::Status;
use defuse_store::{CaseFilter, CaseSummary};
use defuse_text::{Kind, Lang};
use jiff::Timestamp;
use maud::{Markup, html};
use serde::Deserialize;

/// Cases on one page of the queue.
pub const PAGE_SIZE: usize = 50;
/// The deepest page (10,000 cases in): deeper than a person reads; search or filter instead.
pub const MAX_PAGE: usize = 200;

/// The queue's filters, as in its address.
#[derive(Debug, Default, Deserialize, Clone)]
pub struct QueueQuery {
    #[serde(default)]
    brand: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    fragment: String,
}

impl QueueQuery {
    fn filter(&self, viewer: &Viewer) -> CaseFilter {
        let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        let page = self.page();
        // "open" (the default) shows the cases that still need the team; a status shows it.
        let (status, open_only) = match self.status.as_str() {
            "" | "open" => (None, true),
            "all" => (None, false),
            s => (Status::parse(s), Status::parse(s).is_none()),
        };
        CaseFilter {
            brand: some(&self.brand),
            status,
            kind: Kind::parse(&self.kind),
            source: some(&self.source),
            lang: Lang::parse(&self.lang).map(|l| l.as_str().to_string()),
            open_only,
            breached: false,
            assigned_to: match self.assignee.as_str() {
                "me" => Some(viewer.user.login.clone()),
                s => some(s),
            },
            search: some(&self.q).map(|q| q.chars().take(500).collect()),
            limit: PAGE_SIZE + 1,
            offset: (page - 1) * PAGE_SIZE,
        }
    }

    /// The page asked for, 1 to [`MAX_PAGE`].
    fn page(&self) -> usize {
        self.page.unwrap_or(1).clamp(1, MAX_PAGE)
    }

    /// This query's address with another page.
    fn href(&self, page: usize) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("brand", &self.brand),
            ("status", &self.status),
            ("kind", &self.kind),
            ("source", &self.source),
            ("lang", &self.lang),
            ("assignee", &self.assignee),
            ("q", &self.q),
        ] {
            if !v.is_empty() {
                parts.push(format!("{k}={}", urlencode(v)));
            }
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            "/cases".into()
        } else {
            format!("/cases?{}", parts.join("&"))
        }
    }
}

struct QueueData {
    cases: Vec<CaseSummary>,
    brands: Vec<String>,
    sources: Vec<String>,
    agents: Vec<String>,
    now: Timestamp,
    warn_at: f64,
}

/// `GET /cases`.
pub async fn queue(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    Query(q): Query<QueueQuery>,
) -> Response {
    let t = v.t;
    let filter = q.filter(&v);
    let st2 = st.clone();
    let data = super::blocking(move || -> Result<QueueData, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        let s = store(&st2)?;
        let cases = s.cases(&filter, now).map_err(|e| e.to_string())?;
        let users = s.users().map_err(|e| e.to_string())?;
        let sources = s.sources().map_err(|e| e.to_string())?;
        Ok(QueueData {
            cases,
            brands: s.brand_names(),
            sources,
            agents: users
                .into_iter()
                .filter(|u| !u.disabled)
                .map(|u| u.login)
                .collect(),
            now,
            warn_at: st2.config().desk.policy.levels.warn_at,
        })
    })
    .await;
    let data = match data {
        Some(Ok(d)) => d,
        Some(Err(e)) => return internal(t, e),
        None => return internal(t, "the queue task failed"),
    };
    let page_no = q.page();
    let more = data.cases.len() > PAGE_SIZE;
    let shown = &data.cases[..data.cases.len().min(PAGE_SIZE)];
    let rows = rows(t, &v, shown, &data, &q, page_no, more);
    if q.fragment == "rows" {
        return Html(rows.into_string()).into_response();
    }
    let body = html! {
        h1.sr { (t.t("queue-title")) }
        (filters(t, &q, &data))
        section #queue data-live="/events" data-refresh=(format!("{}{}fragment=rows", q.href(page_no), if q.href(page_no).contains('?') { "&" } else { "?" })) {
            (rows)
        }
    };
    Html(page(&v, &t.t("queue-title"), "queue", body).into_string()).into_response()
}

fn filters(t: T, q: &QueueQuery, d: &QueueData) -> Markup {
    let statuses: Vec<(&str, String)> = [("open", t.t("status-open")), ("all", t.t("all"))]
        .into_iter()
        .chain(
            Status::ALL
                .iter()
                .map(|s| (s.as_str(), t.t(&format!("status-{}", s.as_str())))),
        )
        .collect();
    html! {
        form.filters method="get" action="/cases" role="search" {
            div.field.grow {
                label for="f-q" { (t.t("search")) }
                input #f-q type="search" name="q" value=(q.q) maxlength="500" placeholder=(t.t("search-hint")) data-key-search;
            }
            div.field {
                label for="f-status" { (t.t("status")) }
                select #f-status name="status" {
                    @for (val, label) in &statuses {
                        option value=(val) selected[q.status == *val || (q.status.is_empty() && *val == "open")] { (label) }
                    }
                }
            }
            (choice("kind", &t.t("kind"), &t.t("any"), &q.kind,
                Kind::ALL.iter().map(|k| (k.as_str().to_string(), t.t(&format!("kind-{}", k.as_str()))))))
            (choice("brand", &t.t("brand"), &t.t("any"), &q.brand,
                d.brands.iter().map(|b| (b.clone(), b.clone()))))
            (choice("source", &t.t("platform"), &t.t("any"), &q.source,
                d.sources.iter().map(|s| (s.clone(), s.clone()))))
            (choice("lang", &t.t("language"), &t.t("any"), &q.lang,
                Lang::ALL.iter().map(|l| (l.as_str().to_string(), l.as_str().to_string()))))
            div.field {
                label for="f-assignee" { (t.t("assignee")) }
                select #f-assignee name="assignee" {
                    option value="" { (t.t("anyone")) }
                    option value="me" selected[q.assignee == "me"] { (t.t("me")) }
                    @for a in &d.agents {
                        option value=(a) selected[q.assignee == *a] { (a) }
                    }
                }
            }
            div.field.actions {
                button type="submit" { (t.t("apply")) }
                a href="/cases" { (t.t("reset")) }
            }
        }
    }
}

/// One filter of the queue: a labelled select named `name` whose first choice, `any`, filters
/// nothing; `options` are (value, label) pairs; `current` is the value in the address.
fn choice(
    name: &str,
    label: &str,
    any: &str,
    current: &str,
    options: impl Iterator<Item = (String, String)>,
) -> Markup {
    let id = format!("f-{name}");
    html! {
        div.field {
            label for=(id) { (label) }
            select id=(id) name=(name) {
                option value="" { (any) }
                @for (value, text) in options {
                    option value=(value) selected[current == value] { (text) }
                }
            }
        }
    }
}

/// How a case's deadline stands, for its badge: its state (`none` when no reply clock runs
/// for its kind [ST1, T3, T4]), the minutes left and the warning instant.
pub fn due_state(c: &CaseSummary, now: Timestamp, warn_at: f64) -> (&'static str, i64, i64) {
    let Some(due) = c.due else {
        return ("none", 0, 0);
    };
    let due_ms = due.as_millisecond();
    let start = c.opened_at.as_millisecond();
    let warn_ms = start + ((due_ms - start) as f64 * warn_at) as i64;
    let left_min = (due_ms - now.as_millisecond()).div_euclid(60_000);
    let state = if c.paused {
        "paused"
    } else if c.overdue {
        "breached"
    } else if now.as_millisecond() >= warn_ms {
        "warning"
    } else {
        "ok"
    };
    (state, left_min, warn_ms)
}

fn rows(
    t: T,
    v: &Viewer,
    cases: &[CaseSummary],
    d: &QueueData,
    q: &QueueQuery,
    page_no: usize,
    more: bool,
) -> Markup {
    html! {
        p.count {
            @let from = (page_no - 1) * PAGE_SIZE + 1;
            @let to = (page_no - 1) * PAGE_SIZE + cases.len();
            @if (more || page_no > 1) && !cases.is_empty() {
                (t.args("cases-range", &[("from", (from as i64).into()), ("to", (to as i64).into())]))
            } @else {
                (t.n("cases-count", cases.len() as i64))
            }
        }
        @if cases.is_empty() {
            p.empty { (t.t("queue-empty")) }
        } @else {
            ol.queue {
                @for c in cases {
                    (row(t, v, c, d))
                }
            }
        }
        nav.pager aria-label=(t.t("pages")) {
            @if page_no > 1 {
                a rel="prev" href=(q.href(page_no - 1)) { "← " (t.t("previous")) }
            }
            @if more && page_no < MAX_PAGE {
                a rel="next" href=(q.href(page_no + 1)) { (t.t("next")) " →" }
            }
        }
    }
}

fn row(t: T, v: &Viewer, c: &CaseSummary, d: &QueueData) -> Markup {
    let (state, left, warn_ms) = due_state(c, d.now, d.warn_at);
    let due_text = match state {
        "paused" => t.t("due-paused"),
        "none" => t.t("due-none"),
        _ => t.due(left),
    };
    let factors = c
        .risk_factors
        .iter()
        .map(|f| format!("{} {:+}", f.name, f.points))
        .collect::<Vec<_>>()
        .join(", ");
    let risk_level = if c.risk >= 70 {
        "high"
    } else if c.risk >= 40 {
        "mid"
    } else {
        "low"
    };
    let words = match &c.title {
        Some(title) => format!("{title} — {}", c.text),
        None => c.text.clone(),
    };
    html! {
        li.case data-case=(c.id) data-state=(state) {
            a.open href=(format!("/cases/{}", c.id)) {
                span.words { (super::case::mask_scanned(&excerpt(&words, 280))) }
            }
            div.meta {
                @match c.due {
                    Some(due) => {
                        time.due data-due=(due.as_millisecond()) data-warn=(warn_ms) data-state=(state) datetime=(due.to_string()) title=(t.time(due, &v.tz)) {
                            (due_text)
                        }
                    }
                    None => { span.due.none { (due_text) } }
                }
                span.badge.kind data-kind=(c.kind.as_str()) { (t.t(&format!("kind-{}", c.kind.as_str()))) }
                span.badge.sentiment data-sentiment=(c.sentiment.as_str()) { (t.t(&format!("sentiment-{}", c.sentiment.as_str()))) }
                span.badge.risk data-level=(risk_level) tabindex="0" aria-label=(format!("{} {} — {}", t.t("risk"), c.risk, factors)) {
                    (t.t("risk")) " " (c.risk)
                    span.pop role="tooltip" { (factors) }
                }
                span.platform { (c.source) }
                @if let Some(a) = &c.author {
                    span.author { (excerpt(a, 60)) @if let Some(f) = c.followers { " · " (t.n("followers-count", f as i64)) } }
                }
                span.lang { (c.lang.as_str()) }
                span.brand { (c.brand) }
                span.status { (t.t(&format!("status-{}", c.status.as_str()))) }
                span.assignee {
                    @match &c.assigned_to {
                        Some(a) => { "→ " (a) }
                        None => { (t.t("unassigned")) }
                    }
                }
                @if c.mentions > 1 {
                    span.count { (t.n("messages-count", c.mentions as i64)) }
                }
            }
        }
    }
}
