//! The web desk: server-rendered pages (maud) where the team works — sign-in, the live queue,
//! the case view with its analysis card and the live reply check, moderation, settings — in
//! English and Russian. Every asset is embedded (`assets`); the Content-Security-Policy allows
//! only the desk's own script and styles.
//!
//! Every page is a row of [`routes`]: method, path, what it needs of the viewer, handler. The
//! guard runs before the handler: `Host`/`Origin` as for the API, the session cookie against the
//! store, the CSRF token on every change, and the role (an agent cannot open settings or
//! override moderation, however the request is made).

mod actions;
pub mod assets;
mod case;
pub mod i18n;
mod layout;
pub mod live;
mod queue;
pub mod session;
mod settings;
mod signin;

use crate::server::{AppState, Shared};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};
use defuse_core::workflow::Permission;
use i18n::{T, UiLang};
use maud::html;
use session::Viewer;

/// What a page needs of its viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Anyone: the sign-in form, the assets.
    Public,
    /// A signed-in person of any role.
    Page,
    /// A signed-in person who may work cases (and, on a change, the CSRF token).
    Work,
    /// A signed-in admin.
    Admin,
}

/// The largest form the desk takes (a reply of 20,000 characters, URL-encoded).
pub const MAX_FORM: usize = 512 << 10;

/// One page or action of the desk.
pub struct Page {
    pub method: Method,
    pub path: &'static str,
    pub need: Need,
    pub handler: MethodRouter<Shared>,
}

fn page(method: Method, path: &'static str, need: Need, handler: MethodRouter<Shared>) -> Page {
    Page {
        method,
        path,
        need,
        handler,
    }
}

/// Every page and action of the desk, in one table.
pub fn routes() -> Vec<Page> {
    use Method as M;
    use Need::*;
    vec![
        page(
            M::GET,
            "/",
            Public,
            get(|| async { Redirect::to("/cases") }),
        ),
        page(M::GET, "/assets/{file}", Public, get(assets::serve)),
        page(M::GET, "/login", Public, get(signin::form)),
        page(M::POST, "/login", Public, post(signin::submit)),
        page(M::POST, "/logout", Page, post(signin::logout)),
        page(M::POST, "/prefs", Page, post(signin::prefs)),
        page(M::GET, "/cases", Page, get(queue::queue)),
        page(M::GET, "/events", Page, get(live::events)),
        page(M::GET, "/cases/{id}", Page, get(case::case_page)),
        page(M::POST, "/cases/{id}/reply", Work, post(actions::reply)),
        page(M::POST, "/cases/{id}/check", Page, post(actions::check)),
        page(M::POST, "/cases/{id}/draft", Page, post(actions::draft)),
        page(M::POST, "/cases/{id}/move", Work, post(actions::move_case)),
        page(M::POST, "/cases/{id}/assign", Work, post(actions::assign)),
        page(
            M::POST,
            "/cases/{id}/follow-up",
            Work,
            post(actions::follow_up),
        ),
        page(
            M::POST,
            "/cases/{id}/presence",
            Page,
            post(actions::presence),
        ),
        page(
            M::POST,
            "/mentions/{id}/moderate",
            Work,
            post(actions::moderate),
        ),
        page(
            M::POST,
            "/mentions/{id}/reveal",
            Work,
            post(actions::reveal),
        ),
        page(M::POST, "/mentions/{id}/label", Work, post(actions::label)),
        page(M::GET, "/settings", Admin, get(settings::settings_page)),
        page(M::POST, "/settings/users", Admin, post(settings::add_user)),
        page(
            M::POST,
            "/settings/users/{login}/disable",
            Admin,
            post(settings::disable_user),
        ),
        page(
            M::POST,
            "/settings/section/{key}",
            Admin,
            post(settings::save_section),
        ),
        page(
            M::POST,
            "/settings/webhooks",
            Admin,
            post(settings::add_webhook),
        ),
        page(
            M::POST,
            "/settings/webhooks/{name}/remove",
            Admin,
            post(settings::remove_webhook),
        ),
    ]
}

/// The desk's pages on a router (merged with the API's by `server::router`).
pub fn router(state: Shared) -> Router<Shared> {
    let mut r = Router::new();
    for p in routes() {
        let guarded: MethodRouter<Shared> = p
            .handler
            .layer::<_, std::convert::Infallible>(axum::middleware::from_fn_with_state(
                (state.clone(), p.need),
                guard,
            ))
            .layer(axum::extract::DefaultBodyLimit::max(MAX_FORM));
        r = r.route(p.path, guarded);
    }
    r.layer(axum::middleware::from_fn(security_headers))
}

/// Headers on every desk response: only the desk's own script and styles, no framing, no
/// sniffing, no referrer to outside links.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    res
}

/// The guard of every desk route: host and origin, the session, the CSRF token on a change, the
/// role. The viewer goes into the request for the handler.
async fn guard(State((st, need)): State<(Shared, Need)>, req: Request, next: Next) -> Response {
    if let Err(e) = crate::server::auth::check_host(&st, req.headers(), req.method()) {
        return e.into_response();
    }
    if need == Need::Public {
        return next.run(req).await;
    }
    let lang = UiLang::from_accept_language(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let Some(viewer) = viewer(&st, req.headers()).await else {
        // A page's script (the live rows, the event stream) gets a 401, not the sign-in form
        // in place of the rows; a person's navigation goes to the sign-in form.
        let script = req.uri().query().is_some_and(|q| q.contains("fragment="))
            || req
                .headers()
                .get(header::ACCEPT)
                .and_then(|a| a.to_str().ok())
                .is_some_and(|a| {
                    a.contains("text/event-stream") || a.starts_with("application/json")
                });
        if req.method() == Method::GET && !script {
            let next_path = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/cases");
            let to = format!("/login?next={}", urlencode(next_path));
            return Redirect::to(&to).into_response();
        }
        return refusal(T(lang), StatusCode::UNAUTHORIZED, "err-signed-out");
    };
    let mut req = req;
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let (ok, rebuilt) = csrf_ok(req, &viewer.csrf).await;
        let Some(r) = rebuilt else {
            return refusal(viewer.t, StatusCode::PAYLOAD_TOO_LARGE, "err-too-large");
        };
        if !ok {
            return refusal(viewer.t, StatusCode::FORBIDDEN, "err-csrf");
        }
        req = r;
    }
    let permission = match need {
        Need::Public | Need::Page => Permission::Read,
        Need::Work => Permission::Work,
        Need::Admin => Permission::Admin,
    };
    if !viewer.user.role.may(permission) {
        return refusal(viewer.t, StatusCode::FORBIDDEN, "err-role");
    }
    req.extensions_mut().insert(viewer);
    next.run(req).await
}

/// The signed-in viewer of a request, if its session is live.
async fn viewer(st: &Shared, headers: &axum::http::HeaderMap) -> Option<Viewer> {
    let token = session::cookie_token(headers)?;
    let hash = session::session_hash(&token);
    let st2 = st.clone();
    let h2 = hash.clone();
    let s = tokio::task::spawn_blocking(move || {
        let now = (st2.now)().ok()?;
        crate::server::locked(&st2).ok()?.session(&h2, now).ok()?
    })
    .await
    .ok()??;
    let lang = session::language(&s.user, headers);
    let tz = session::time_zone(&s.user, st.config().desk_zone.as_deref());
    Some(Viewer {
        user: s.user,
        csrf: s.csrf,
        t: T(lang),
        tz,
        session_hash: hash,
    })
}

/// Whether a change carries the session's CSRF token (the `X-CSRF-Token` header, or the `csrf`
/// field of a URL-encoded form); the request comes back rebuilt (None: the body was too large).
async fn csrf_ok(req: Request, want: &str) -> (bool, Option<Request>) {
    if let Some(h) = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        let ok = session::same_token(h, want);
        return (ok, Some(req));
    }
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_FORM).await else {
        return (false, None);
    };
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    let ok = fields
        .iter()
        .any(|(k, v)| k == "csrf" && session::same_token(v, want));
    (ok, Some(Request::from_parts(parts, Body::from(bytes))))
}

/// A refusal as a small page (or the same words for a script's fetch).
pub fn refusal(t: T, status: StatusCode, key: &str) -> Response {
    let msg = t.t(key);
    let body = layout::bare(
        t,
        &msg,
        html! {
            div.card.narrow {
                h1 { (msg) }
                p { a href="/cases" { (t.t("back-to-queue")) } }
            }
        },
    );
    (status, Html(body.into_string())).into_response()
}

/// Percent-encode a value for a query string.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Store errors on a page: logged, shown as a plain refusal (no internals leak).
pub(crate) fn internal(t: T, e: impl std::fmt::Display) -> Response {
    eprintln!("defuse: desk: {e}");
    refusal(t, StatusCode::INTERNAL_SERVER_ERROR, "err-internal")
}

/// Run blocking store work from a page handler.
pub(crate) async fn blocking<R: Send + 'static>(
    f: impl FnOnce() -> R + Send + 'static,
) -> Option<R> {
    tokio::task::spawn_blocking(f).await.ok()
}

/// The store, locked, or the page that says it failed.
pub(crate) fn store(
    st: &AppState,
) -> Result<std::sync::MutexGuard<'_, defuse_store::sqlite::SqliteStore>, String> {
    st.store
        .lock()
        .map_err(|_| "store lock poisoned".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(urlencode("/cases?q=a b&x"), "%2Fcases%3Fq%3Da%20b%26x");
        assert_eq!(urlencode("заказ"), "%D0%B7%D0%B0%D0%BA%D0%B0%D0%B7");
    }

    #[test]
    fn every_change_needs_a_session_and_settings_need_an_admin() {
        for p in routes() {
            if p.method != Method::GET {
                assert!(
                    p.need != Need::Public || p.path == "/login",
                    "{} {} changes without a session",
                    p.method,
                    p.path
                );
            }
            if p.path.starts_with("/settings") {
                assert_eq!(p.need, Need::Admin, "{}", p.path);
            }
        }
    }
}
