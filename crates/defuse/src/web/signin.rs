//! Signing in and out, and the viewer's preferences. A failed sign-in is slowed and then refused
//! for a while, per login and per client address (`defuse_core::signin::Throttle`); every
//! sign-in, failure and lock-out is in the audit trail (the store records them). The same
//! answer for an unknown login and a wrong password.

use super::i18n::{T, UiLang};
use super::layout::bare;
use super::session::{self, Viewer};
use super::{internal, store};
use crate::server::Shared;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use defuse_core::signin::{Throttle, Verdict};
use maud::html;
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// Where to go after signing in: a path of this desk only (never another site).
fn safe_next(next: &str) -> String {
    // Browsers drop tabs and other controls from an address, and read `\` as `/`: any of
    // them could turn "/\t/evil.example" into "//evil.example".
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.chars().any(|c| c.is_control() || c == '\\')
        && !next.starts_with("/login");
    if ok {
        next.to_string()
    } else {
        "/cases".into()
    }
}

fn lang_of(headers: &HeaderMap) -> T {
    T(UiLang::from_accept_language(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    ))
}

fn form_page(t: T, next: &str, login: &str, error: Option<String>) -> Html<String> {
    let body = html! {
        div.card.narrow.signin {
            h1 { img src=(super::assets::url("icon.svg")) alt="" width="28" height="28"; " defuse" }
            p.lead { (t.t("signin-lead")) }
            @if let Some(e) = error {
                p.notice role="alert" { (e) }
            }
            form method="post" action="/login" {
                input type="hidden" name="next" value=(next);
                input type="hidden" name="tz" value="" data-browser-tz;
                label for="login" { (t.t("login")) }
                input #login name="login" autocomplete="username" required maxlength="64" value=(login) autofocus;
                label for="password" { (t.t("password")) }
                input #password name="password" type="password" autocomplete="current-password" required maxlength="1024";
                button type="submit" { (t.t("sign-in")) }
            }
        }
    };
    Html(bare(t, &t.t("sign-in"), body).into_string())
}

/// `GET /login`.
pub async fn form(headers: HeaderMap, Query(q): Query<NextQuery>) -> Response {
    let t = lang_of(&headers);
    form_page(t, &safe_next(&q.next), "", None).into_response()
}

#[derive(Deserialize)]
pub struct SignIn {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    tz: String,
}

/// `POST /login`.
pub async fn submit(
    State(st): State<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(f): Form<SignIn>,
) -> Response {
    let t = lang_of(&headers);
    let next = safe_next(&f.next);
    let login = f.login.trim().to_string();
    let addr = peer.ip().to_string();
    let throttle = Throttle::default();
    let st2 = st.clone();
    let (l2, a2) = (login.clone(), addr.clone());
    let password = f.password;
    let tz = f.tz;
    // One sign-in at a time: the verdict, the (slow, Argon2id) password check and the record of
    // a failure happen under one gate, so parallel guesses cannot all pass the verdict before
    // the first failure is recorded.
    let out = super::blocking(move || -> Result<Attempt, String> {
        let _gate = SIGNIN_GATE.lock().unwrap_or_else(|p| p.into_inner());
        let now = (st2.now)().map_err(|e| e.to_string())?;
        match store(&st2)?
            .signin_verdict(&l2, &a2, &throttle, now)
            .map_err(|e| e.to_string())?
        {
            Verdict::Allowed => {}
            Verdict::Wait { until } | Verdict::Locked { until } => {
                return Ok(Attempt::Held((until.as_second() - now.as_second()).max(1)));
            }
        }
        let found = store(&st2)?.password_hash(&l2).map_err(|e| e.to_string())?;
        // An unknown login still costs a hash check, so timing does not tell it apart.
        let ok_user = match &found {
            Some((u, hash)) if !u.disabled => crate::password::verify(&password, hash).then_some(u),
            _ => {
                let _ = crate::password::verify_nobody(&password);
                None
            }
        };
        let mut s = store(&st2)?;
        let Some(user) = ok_user else {
            s.record_signin_failure(&l2, &a2, &throttle, now)
                .map_err(|e| e.to_string())?;
            return Ok(Attempt::Failed);
        };
        s.clear_signin_failures(&l2, &a2)
            .map_err(|e| e.to_string())?;
        if user.time_zone.is_none() && jiff::tz::TimeZone::get(tz.trim()).is_ok() {
            s.set_user_prefs(user.id, user.lang.as_deref(), Some(tz.trim()))
                .map_err(|e| e.to_string())?;
        }
        let token = crate::desk::new_token().map_err(|e| e.to_string())?.0;
        let csrf = crate::desk::new_token().map_err(|e| e.to_string())?.0;
        s.create_session(
            user.id,
            &session::session_hash(&token),
            &csrf,
            &a2,
            now,
            jiff::SignedDuration::from_hours(session::SESSION_HOURS),
        )
        .map_err(|e| e.to_string())?;
        Ok(Attempt::SignedIn(token))
    })
    .await;
    match out {
        Some(Ok(Attempt::SignedIn(token))) => {
            let secure = session::is_https(&headers);
            let mut r = Redirect::to(&next).into_response();
            if let Ok(v) = session::set_cookie(&token, secure).parse() {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            r
        }
        Some(Ok(Attempt::Held(secs))) => {
            let msg = t.args("signin-wait", &[("seconds", secs.into())]);
            let mut r = form_page(t, &next, &login, Some(msg)).into_response();
            *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            if let Ok(v) = secs.to_string().parse() {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
        Some(Ok(Attempt::Failed)) => {
            let mut r = form_page(t, &next, &login, Some(t.t("signin-failed"))).into_response();
            *r.status_mut() = StatusCode::UNAUTHORIZED;
            r
        }
        Some(Err(e)) => internal(t, e),
        None => internal(t, "the sign-in task failed"),
    }
}

/// What one sign-in attempt came to.
enum Attempt {
    SignedIn(String),
    /// Held back for this many seconds.
    Held(i64),
    Failed,
}

/// One sign-in at a time (see `submit`).
static SIGNIN_GATE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// `POST /logout`: ends the session in the store and clears the cookie.
pub async fn logout(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    headers: HeaderMap,
) -> Response {
    let st2 = st.clone();
    let hash = v.session_hash.clone();
    let _ = super::blocking(move || -> Result<bool, String> {
        let now = (st2.now)().map_err(|e| e.to_string())?;
        store(&st2)?
            .end_session(&hash, now)
            .map_err(|e| e.to_string())
    })
    .await;
    let mut r = Redirect::to("/login").into_response();
    if let Ok(c) = session::clear_cookie(session::is_https(&headers)).parse() {
        r.headers_mut().insert(header::SET_COOKIE, c);
    }
    r
}

#[derive(Deserialize)]
pub struct Prefs {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    tz: String,
    #[serde(default)]
    back: String,
}

/// `POST /prefs`: the interface language (and time zone), remembered for the user.
pub async fn prefs(
    State(st): State<Shared>,
    Extension(v): Extension<Viewer>,
    headers: HeaderMap,
    Form(p): Form<Prefs>,
) -> Response {
    let lang = UiLang::parse(&p.lang).map(|l| l.as_str().to_string());
    let tz = Some(p.tz.trim())
        .filter(|z| jiff::tz::TimeZone::get(z).is_ok())
        .map(str::to_string)
        .or(v.user.time_zone.clone());
    let st2 = st.clone();
    let id = v.user.id;
    let lang2 = lang.clone().or(v.user.lang.clone());
    let _ = super::blocking(move || -> Result<(), String> {
        store(&st2)?
            .set_user_prefs(id, lang2.as_deref(), tz.as_deref())
            .map_err(|e| e.to_string())
    })
    .await;
    let back = if p.back.is_empty() {
        headers
            .get(header::REFERER)
            .and_then(|r| r.to_str().ok())
            .and_then(|r| r.find("://").map(|i| &r[i + 3..]))
            .and_then(|r| r.find('/').map(|i| r[i..].to_string()))
            .unwrap_or_default()
    } else {
        p.back
    };
    Redirect::to(&safe_next(&back)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_desk_are_followed_after_sign_in() {
        assert_eq!(safe_next("/cases/3"), "/cases/3");
        assert_eq!(safe_next("/cases?q=a"), "/cases?q=a");
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "",
            "cases",
            "/login",
            "/x\r\nSet-Cookie: a=b",
            "/\t/evil.example",
            "/\u{1}x",
            "/a\\b",
        ] {
            assert_eq!(safe_next(bad), "/cases", "{bad:?}");
        }
    }
}
