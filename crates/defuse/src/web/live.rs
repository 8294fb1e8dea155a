//! The desk, live: changes are pushed to every open page as server-sent events (`GET /events`),
//! and who has a case open or is answering it is kept for the collision warning. Changes made
//! in this process (an API post, an agent's action) are sent at once; changes by another
//! process on the same data directory (`defuse import`, the CLI) are seen by a watcher of
//! SQLite's `data_version` within a second.

use super::session::Viewer;
use crate::server::Shared;
use axum::Extension;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::Stream;
use jiff::Timestamp;
use std::collections::HashMap;
use std::sync::Mutex;
use tokio::sync::broadcast;

/// One change the open pages hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `mentions` (new or changed mentions), `case` (a case moved, was answered or assigned).
    pub what: &'static str,
    pub case_id: Option<i64>,
}

/// Someone on a case.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Presence {
    pub login: String,
    /// Typing a reply right now.
    pub typing: bool,
    #[serde(skip)]
    pub seen_ms: i64,
}

/// How long a page's heartbeat keeps its viewer present.
pub const PRESENCE_MS: i64 = 30_000;

/// The live parts of the desk's state.
pub struct Live {
    tx: broadcast::Sender<Change>,
    presence: Mutex<HashMap<i64, Vec<Presence>>>,
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

impl Live {
    pub fn new() -> Live {
        let (tx, _) = broadcast::channel(256);
        Live {
            tx,
            presence: Mutex::new(HashMap::new()),
        }
    }

    /// Tell every open page (nobody listening is fine).
    pub fn publish(&self, what: &'static str, case_id: Option<i64>) {
        let _ = self.tx.send(Change { what, case_id });
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.tx.subscribe()
    }

    /// Record `login` on `case` and return the others there now.
    pub fn here(&self, case: i64, login: &str, typing: bool, now: Timestamp) -> Vec<Presence> {
        let now_ms = now.as_millisecond();
        let Ok(mut map) = self.presence.lock() else {
            return Vec::new();
        };
        map.retain(|_, v| {
            v.retain(|p| now_ms - p.seen_ms < PRESENCE_MS);
            !v.is_empty()
        });
        let list = map.entry(case).or_default();
        match list.iter_mut().find(|p| p.login == login) {
            Some(p) => {
                p.typing = typing;
                p.seen_ms = now_ms;
            }
            None => list.push(Presence {
                login: login.to_string(),
                typing,
                seen_ms: now_ms,
            }),
        }
        list.iter().filter(|p| p.login != login).cloned().collect()
    }

    /// The others on `case` now (for the page's first render).
    pub fn others(&self, case: i64, login: &str, now: Timestamp) -> Vec<Presence> {
        let now_ms = now.as_millisecond();
        self.presence
            .lock()
            .ok()
            .and_then(|m| m.get(&case).cloned())
            .unwrap_or_default()
            .into_iter()
            .filter(|p| p.login != login && now_ms - p.seen_ms < PRESENCE_MS)
            .collect()
    }
}

/// `GET /events`: one `change` event per change (its data: `{"what": …, "case": …}`), and a
/// keep-alive comment every 15 s.
pub async fn events(
    State(st): State<Shared>,
    Extension(_v): Extension<Viewer>,
) -> Sse<impl Stream<Item = Result<Event, std::convert::Infallible>>> {
    let rx = st.live.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        let ev = match rx.recv().await {
            Ok(c) => {
                let data = serde_json::json!({ "what": c.what, "case": c.case_id });
                Event::default().event("change").data(data.to_string())
            }
            // A slow page missed some: one change tells it to refresh.
            Err(broadcast::error::RecvError::Lagged(_)) => Event::default()
                .event("change")
                .data(r#"{"what":"many","case":null}"#),
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(ev), rx))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(std::time::Duration::from_secs(15)))
}

/// Watch the database for commits by other processes (SQLite's `data_version` changes when
/// another connection commits) and tell the pages; every `every`.
pub fn watch_other_writers(st: Shared, every: std::time::Duration) {
    let _ = std::thread::Builder::new()
        .name("desk-watch".into())
        .spawn(move || {
            let mut last: Option<i64> = None;
            loop {
                std::thread::sleep(every);
                let v = match st.store.lock() {
                    Ok(s) => s.data_version().ok(),
                    Err(_) => return,
                };
                if let Some(v) = v {
                    if last.is_some_and(|l| l != v) {
                        st.live.publish("mentions", None);
                    }
                    last = Some(v);
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presence_lists_the_others_and_forgets_the_gone() {
        let live = Live::new();
        let t0 = Timestamp::from_second(1_000_000).expect("time");
        assert!(live.here(7, "anna", false, t0).is_empty());
        let others = live.here(7, "boris", true, t0);
        assert_eq!(others.len(), 1);
        assert_eq!(others[0].login, "anna");
        let later = Timestamp::from_second(1_000_000 + 31).expect("time");
        assert_eq!(live.others(7, "anna", later), Vec::new());
        assert!(
            live.here(7, "anna", false, later).is_empty(),
            "boris is gone"
        );
    }

    #[tokio::test]
    async fn a_change_reaches_a_subscriber() {
        let live = Live::new();
        let mut rx = live.subscribe();
        live.publish("mentions", Some(3));
        assert_eq!(
            rx.recv().await.expect("a change"),
            Change {
                what: "mentions",
                case_id: Some(3)
            }
        );
    }
}
