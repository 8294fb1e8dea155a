//! `defuse serve`: the HTTP API over the same store, described by `/api/openapi.json`, beside
//! the web desk's pages (`crate::web`). Errors are one JSON shape with a code from one
//! table (`error`).
//!
//! Every route is a row of [`routes`]: method, path, what it needs of the caller (`auth`), the
//! largest body it takes, and its handler; the router and the check that `openapi.json`
//! describes every route are built from the same rows. Reads need a token unless
//! `server.open_reads` is set (off by default). The store is one SQLite connection behind a
//! mutex; requests run on the blocking pool.

mod audit;
pub mod auth;
mod cases;
mod coach;
pub mod error;
mod extract;
mod mentions;
mod moderation;

pub use auth::{Hosts, Need};
pub use error::{ApiError, ERROR_CODES, ErrorCode};

use crate::pipeline::Pipeline;
use axum::Router;
use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use defuse_store::desk::DeskPolicy;
use defuse_store::sqlite::SqliteStore;
use jiff::Timestamp;
use std::sync::{Arc, Mutex};

/// The committed API description.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// Most mentions in one POST.
pub const MAX_BATCH: usize = 10_000;
/// The largest body of a batch of mentions.
pub const MAX_MENTIONS_BODY: usize = 32 << 20;
/// The largest body of the coach's routes (a customer text of 100,000 characters and 100
/// recent replies of 10,000, in UTF-8).
pub const MAX_COACH_BODY: usize = 8 << 20;
/// The largest body of every other route (a reply, a move, an assignment).
pub const MAX_SMALL_BODY: usize = 256 << 10;

/// What the settings decide, built together and swapped whole when an admin changes the
/// settings on the desk (a request in flight keeps the one it started with).
pub struct Config {
    pub settings: crate::settings::Settings,
    /// Brand matching and the analysis of incoming mentions.
    pub pipeline: Pipeline<'static>,
    /// The workflow's settings: service levels, follow-ups, community rules, alerts.
    pub desk: DeskPolicy,
    /// The business hours' time zone, for people who have not chosen one.
    pub desk_zone: Option<String>,
}

impl Config {
    pub fn new(
        settings: crate::settings::Settings,
        analyzer: &'static defuse_text::Analyzer,
    ) -> anyhow::Result<Config> {
        Ok(Config {
            pipeline: Pipeline::new(&settings, analyzer)?,
            desk: settings.desk_policy()?,
            desk_zone: settings
                .desk
                .business_hours
                .as_ref()
                .map(|h| h.time_zone.clone()),
            settings,
        })
    }
}

/// What every handler shares.
pub struct AppState {
    pub store: Mutex<SqliteStore>,
    config: std::sync::RwLock<Arc<Config>>,
    pub analyzer: &'static defuse_text::Analyzer,
    /// The settings file the desk's settings page writes (None: not editable there).
    pub settings_path: Option<std::path::PathBuf>,
    /// Reads without a token (`server.open_reads`; off by default).
    pub open_reads: bool,
    /// The `Host` values this server answers to.
    pub hosts: Hosts,
    /// The clock (tests fix it with `DEFUSE_NOW`).
    pub now: fn() -> anyhow::Result<Timestamp>,
    /// The web desk's live parts: changes pushed to open pages, who is on which case.
    pub live: crate::web::live::Live,
}

pub type Shared = Arc<AppState>;

impl AppState {
    /// The state of a server bound to `addr` with these settings (read from `settings_path`,
    /// when the desk may write them back).
    pub fn new(
        store: SqliteStore,
        analyzer: &'static defuse_text::Analyzer,
        settings: crate::settings::Settings,
        settings_path: Option<std::path::PathBuf>,
        addr: std::net::SocketAddr,
        now: fn() -> anyhow::Result<Timestamp>,
    ) -> anyhow::Result<AppState> {
        Ok(AppState {
            store: Mutex::new(store),
            open_reads: settings.server.open_reads,
            hosts: Hosts::for_bind(addr, &settings.server.allowed_hosts),
            config: std::sync::RwLock::new(Arc::new(Config::new(settings, analyzer)?)),
            analyzer,
            settings_path,
            now,
            live: crate::web::live::Live::new(),
        })
    }

    /// The settings in effect now.
    pub fn config(&self) -> Arc<Config> {
        match self.config.read() {
            Ok(c) => Arc::clone(&c),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Put new settings in effect (already checked and saved by the caller).
    pub fn set_config(&self, c: Config) -> Arc<Config> {
        let c = Arc::new(c);
        match self.config.write() {
            Ok(mut g) => *g = Arc::clone(&c),
            Err(poisoned) => *poisoned.into_inner() = Arc::clone(&c),
        }
        c
    }
}

/// One route of the API.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub need: Need,
    /// The largest body it takes.
    pub body_limit: usize,
    pub handler: MethodRouter<Shared>,
}

fn route(
    method: Method,
    path: &'static str,
    need: Need,
    body_limit: usize,
    handler: MethodRouter<Shared>,
) -> Route {
    Route {
        method,
        path,
        need,
        body_limit,
        handler,
    }
}

/// Every route, in one table.
pub fn routes() -> Vec<Route> {
    use Method as M;
    use Need::*;
    let small = MAX_SMALL_BODY;
    vec![
        route(M::GET, "/healthz", Public, 0, get(|| async { "ok" })),
        route(M::GET, "/api/openapi.json", Public, 0, get(openapi)),
        route(
            M::POST,
            "/api/v1/mentions",
            Work,
            MAX_MENTIONS_BODY,
            post(mentions::post_mentions),
        ),
        route(M::GET, "/api/v1/cases", Read, 0, get(cases::list_cases)),
        route(M::GET, "/api/v1/cases/{id}", Read, 0, get(cases::get_case)),
        route(
            M::POST,
            "/api/v1/cases/{id}/replies",
            Work,
            small,
            post(cases::post_reply),
        ),
        route(
            M::POST,
            "/api/v1/cases/{id}/transitions",
            Work,
            small,
            post(cases::post_transition),
        ),
        route(
            M::POST,
            "/api/v1/cases/{id}/assign",
            Work,
            small,
            post(cases::post_assign),
        ),
        route(
            M::POST,
            "/api/v1/cases/{id}/follow-up",
            Work,
            small,
            post(cases::post_follow_up),
        ),
        route(
            M::POST,
            "/api/v1/mentions/{id}/moderation",
            Work,
            small,
            post(moderation::post_moderation),
        ),
        route(
            M::POST,
            "/api/v1/coach/check",
            Read,
            small,
            post(coach::coach_check),
        ),
        route(
            M::POST,
            "/api/v1/coach/draft",
            Read,
            small,
            post(coach::coach_draft),
        ),
        route(M::GET, "/api/v1/audit", Read, 0, get(audit::get_audit)),
        route(
            M::GET,
            "/api/v1/audit/verify",
            Read,
            0,
            get(audit::verify_audit),
        ),
        route(M::GET, "/api/v1/stats", Read, 0, get(cases::stats)),
        route(M::GET, "/api/v1/tokens", Admin, 0, get(audit::tokens)),
    ]
}

/// The application's routes: each behind its guard (host, origin, token, role — before the body
/// is read) and its body cap; the web desk's pages beside them (`crate::web`).
pub fn router(state: Shared) -> Router {
    let mut r = crate::web::router(state.clone());
    for rt in routes() {
        let guarded: MethodRouter<Shared> = rt
            .handler
            .layer::<_, std::convert::Infallible>(axum::middleware::from_fn_with_state(
                (state.clone(), rt.need),
                auth::guard,
            ))
            .layer(axum::extract::DefaultBodyLimit::max(rt.body_limit.max(1)));
        r = r.route(rt.path, guarded);
    }
    r.fallback(|| async { ApiError::new(ErrorCode::NotFound, "no such endpoint") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                ErrorCode::MethodNotAllowed,
                "this endpoint does not take that method",
            )
        })
        .with_state(state)
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// Run blocking store work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(ApiError::internal)?
}

/// The store, locked (one place maps a poisoned lock).
pub(crate) fn locked(st: &AppState) -> Result<std::sync::MutexGuard<'_, SqliteStore>, ApiError> {
    st.store
        .lock()
        .map_err(|_| ApiError::internal("store lock poisoned"))
}

/// A value as the JSON answer.
pub(crate) fn as_json<T: serde::Serialize>(
    v: &T,
) -> Result<axum::Json<serde_json::Value>, ApiError> {
    serde_json::to_value(v)
        .map(axum::Json)
        .map_err(ApiError::internal)
}

pub(crate) fn now(st: &AppState) -> Result<Timestamp, ApiError> {
    (st.now)().map_err(ApiError::internal)
}

/// Serve until Ctrl-C. `on_ready` is told the bound address (port 0 picks a free one); `state`
/// is made once the address is known (the hosts it answers to depend on it).
pub async fn serve(listener: tokio::net::TcpListener, state: Shared) -> anyhow::Result<()> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn the_api_description_lists_every_route_of_the_router() {
        let v: Value = serde_json::from_str(OPENAPI).expect("openapi.json is JSON");
        let paths = v["paths"].as_object().expect("paths");
        for r in routes() {
            if !r.path.starts_with("/api/v1/") {
                continue;
            }
            let method = r.method.as_str().to_ascii_lowercase();
            assert!(
                paths.get(r.path).and_then(|p| p.get(&method)).is_some(),
                "{} {} is not documented in openapi.json",
                r.method,
                r.path
            );
        }
        for (p, ops) in paths {
            for m in ops.as_object().into_iter().flat_map(|o| o.keys()) {
                assert!(
                    routes()
                        .iter()
                        .any(|r| r.path == p && r.method.as_str().eq_ignore_ascii_case(m)),
                    "openapi.json documents {m} {p}, which the router does not serve"
                );
            }
        }
    }
}
