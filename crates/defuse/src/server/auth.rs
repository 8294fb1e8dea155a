//! Who may call what, decided before any body is read: the `Host` header (and `Origin` on a
//! state change) against the addresses this server answers for — a web page cannot reach a
//! loopback desk by rebinding its own name — then the bearer token against the route's need
//! (the role table in docs/workflow.md). The caller's [`Actor`] goes into the request for the
//! handler.

use super::Shared;
use super::error::{ApiError, ErrorCode};
use crate::desk::token_hash;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use defuse_core::workflow::{Actor, Permission};

/// What a route needs of its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Anyone (health, the API description).
    Public,
    /// A token of any role — or nobody, where open reads are set on.
    Read,
    /// A token whose role may work cases.
    Work,
    /// An admin's token.
    Admin,
}

/// The addresses a request may name in `Host`.
#[derive(Debug, Clone, Default)]
pub struct Hosts {
    /// Lower-case `host:port` (or `host`) values; empty: any host (a public bind without a
    /// configured list — tokens are needed there anyway).
    pub allowed: Vec<String>,
}

impl Hosts {
    /// The hosts for a server bound to `addr`, plus the configured ones (a reverse proxy's
    /// public name). A loopback server answers only to loopback names.
    pub fn for_bind(addr: std::net::SocketAddr, configured: &[String]) -> Hosts {
        let mut allowed: Vec<String> = configured.iter().map(|h| h.to_ascii_lowercase()).collect();
        let port = addr.port();
        if addr.ip().is_loopback() {
            allowed.extend([
                format!("127.0.0.1:{port}"),
                format!("localhost:{port}"),
                format!("[::1]:{port}"),
            ]);
        } else if !configured.is_empty() || !addr.ip().is_unspecified() {
            allowed.push(addr.to_string());
        }
        Hosts { allowed }
    }

    fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        self.allowed.is_empty() || self.allowed.contains(&host)
    }
}

pub(crate) fn check_host(
    st: &super::AppState,
    headers: &HeaderMap,
    method: &Method,
) -> Result<(), ApiError> {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !st.hosts.allows(host) {
        return Err(ApiError::new(
            ErrorCode::BadHost,
            format!("this server does not answer for the host {host:?} (server.allowed_hosts)"),
        ));
    }
    if !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        && let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok())
    {
        let bare = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            .unwrap_or("");
        let same = if st.hosts.allowed.is_empty() {
            bare.eq_ignore_ascii_case(host)
        } else {
            st.hosts.allows(bare)
        };
        if bare.is_empty() || !same {
            return Err(ApiError::new(
                ErrorCode::BadOrigin,
                format!("a change from the origin {origin:?} is refused"),
            ));
        }
    }
    Ok(())
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string())
}

/// The token's holder, or 401.
async fn actor(st: &Shared, token: Option<String>) -> Result<Actor, ApiError> {
    let token = token.ok_or_else(|| {
        ApiError::new(
            ErrorCode::Unauthorized,
            "an `Authorization: Bearer TOKEN` header is required (defuse token create)",
        )
    })?;
    let st = st.clone();
    super::blocking(move || {
        let now = (st.now)().map_err(ApiError::internal)?;
        super::locked(&st)?
            .token_actor(&token_hash(&token), now)?
            .ok_or_else(|| {
                ApiError::new(ErrorCode::Unauthorized, "unknown, revoked or expired token")
            })
    })
    .await
}

/// The middleware of every route: host, origin, token and role — before the body.
pub async fn guard(
    State((st, need)): State<(Shared, Need)>,
    mut req: Request,
    next: Next,
) -> Response {
    if let Err(e) = check_host(&st, req.headers(), req.method()) {
        return e.into_response();
    }
    let token = bearer(req.headers());
    let permission = match need {
        Need::Public => return next.run(req).await,
        Need::Read if st.open_reads && token.is_none() => return next.run(req).await,
        Need::Read => Permission::Read,
        Need::Work => Permission::Work,
        Need::Admin => Permission::Admin,
    };
    let who = match actor(&st, token).await {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    if !who.role.may(permission) {
        return ApiError::new(
            ErrorCode::Forbidden,
            format!(
                "a {} token may not do this (see the role table in docs/workflow.md)",
                who.role.as_str()
            ),
        )
        .into_response();
    }
    req.extensions_mut().insert(who);
    next.run(req).await
}
