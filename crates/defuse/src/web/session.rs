//! Who is looking at the desk: the session cookie (`HttpOnly`, `SameSite=Lax`, `Secure` over
//! TLS or behind a proxy that says so) resolved against the sessions in the store, the CSRF
//! token every state-changing request must carry (a form field or the `X-CSRF-Token` header),
//! and the viewer's language and time zone.

use super::i18n::{T, UiLang};
use crate::desk::token_hash;
use axum::http::{HeaderMap, header};
use defuse_store::desk::User;

/// The session cookie's name.
pub const COOKIE: &str = "defuse_session";
/// How long a session lasts without a sign-in.
pub const SESSION_HOURS: i64 = 12;

/// The signed-in person behind a request.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: User,
    /// This session's CSRF token.
    pub csrf: String,
    pub t: T,
    pub tz: jiff::tz::TimeZone,
    /// The session's token hash (sign-out ends it).
    pub session_hash: String,
}

impl Viewer {
    pub fn actor(&self) -> defuse_core::workflow::Actor {
        defuse_core::workflow::Actor {
            name: self.user.login.clone(),
            role: self.user.role,
        }
    }
}

/// The session token of a request's cookie, if any.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    for v in headers.get_all(header::COOKIE) {
        let Ok(s) = v.to_str() else { continue };
        for c in cookie::Cookie::split_parse(s).flatten() {
            if c.name() == COOKIE && !c.value().is_empty() {
                return Some(c.value().to_string());
            }
        }
    }
    None
}

/// The hash under which a session token is stored (the token itself never is).
pub fn session_hash(token: &str) -> String {
    token_hash(token)
}

/// Whether the request came over TLS as far as a proxy in front says (`X-Forwarded-Proto` or
/// `Forwarded: proto=https`); `defuse serve` itself speaks plain HTTP.
pub fn is_https(headers: &HeaderMap) -> bool {
    let xfp = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    let fwd = headers
        .get(header::FORWARDED)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("proto=https"));
    xfp || fwd
}

/// The `Set-Cookie` value that starts a session.
pub fn set_cookie(token: &str, secure: bool) -> String {
    let mut c = cookie::Cookie::build((COOKIE, token.to_string()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::hours(SESSION_HOURS));
    if secure {
        c = c.secure(true);
    }
    c.build().to_string()
}

/// The `Set-Cookie` value that ends it.
pub fn clear_cookie(secure: bool) -> String {
    let mut c = cookie::Cookie::build((COOKIE, ""))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::ZERO);
    if secure {
        c = c.secure(true);
    }
    c.build().to_string()
}

/// The viewer's interface language: their choice, else the browser's.
pub fn language(user: &User, headers: &HeaderMap) -> UiLang {
    user.lang
        .as_deref()
        .and_then(UiLang::parse)
        .unwrap_or_else(|| {
            UiLang::from_accept_language(
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok()),
            )
        })
}

/// The viewer's time zone: their choice, else the desk's business hours' zone, else UTC.
pub fn time_zone(user: &User, desk_zone: Option<&str>) -> jiff::tz::TimeZone {
    user.time_zone
        .as_deref()
        .or(desk_zone)
        .and_then(|z| jiff::tz::TimeZone::get(z).ok())
        .unwrap_or(jiff::tz::TimeZone::UTC)
}

/// Constant-time comparison of two tokens.
pub fn same_token(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_http_only_same_site_and_secure_behind_tls() {
        let c = set_cookie("abc", false);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax"), "{c}");
        assert!(!c.contains("Secure"), "{c}");
        assert!(set_cookie("abc", true).contains("Secure"));
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-proto", "https".parse().expect("header"));
        assert!(is_https(&h));
        assert!(!is_https(&HeaderMap::new()));
    }

    #[test]
    fn the_session_token_is_read_from_the_cookie_header() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            "a=1; defuse_session=tok; b=2".parse().expect("header"),
        );
        assert_eq!(cookie_token(&h).as_deref(), Some("tok"));
        assert_eq!(cookie_token(&HeaderMap::new()), None);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abc", "abd"));
        assert!(!same_token("abc", "ab"));
        assert!(!same_token("", ""));
    }
}
