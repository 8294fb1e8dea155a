//! The desk's assets, embedded in the binary (nothing is fetched from outside, no build chain):
//! the style sheet, the one script and the icon. Each is served under a name carrying a hash of
//! its bytes, so it can be cached for good and a new build is picked up at once.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

struct Asset {
    name: &'static str,
    mime: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "desk.css",
        mime: "text/css; charset=utf-8",
        body: include_bytes!("assets/desk.css"),
    },
    Asset {
        name: "desk.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("assets/desk.js"),
    },
    Asset {
        name: "icon.svg",
        mime: "image/svg+xml",
        body: include_bytes!("assets/icon.svg"),
    },
];

/// `name` → `name?v=HASH` (the first 10 hex digits of its SHA-256).
static VERSIONS: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| {
            let h = crate::desk::token_hash(&String::from_utf8_lossy(a.body));
            (a.name, h[..10].to_string())
        })
        .collect()
});

/// The address of an asset, with its version.
pub fn url(name: &str) -> String {
    let v = VERSIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("0");
    format!("/assets/{name}?v={v}")
}

/// `GET /assets/{file}`.
pub async fn serve(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == file) {
        Some(a) => {
            let mut r = a.body.into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(a.mime));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
            r
        }
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}
