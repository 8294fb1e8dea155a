//! Storage for defuse: all SQL lives in this crate. [`sqlite::SqliteStore`] is the embedded
//! store (one file, WAL mode, versioned migrations); its methods are the interface the
//! pipeline, the server, the jobs and the command line call. There is no storage trait (see
//! ARCHITECTURE.md: a second backend would bring one, extracted from these methods, with one
//! behaviour suite run against both).
//!
//! Ingestion is idempotent on (`source`, `id`): the same mention twice adds nothing, a changed
//! text updates the mention and keeps the earlier version. Each batch is one transaction, so a
//! crash loses at most the batch in flight, and running the same import again completes it.

mod audit;
mod case_row;
mod case_view;
mod codec;
pub mod desk;
mod error;
mod jobs;
mod labels;
mod moderation;
mod outbox;
pub mod search;
pub mod sqlite;
pub use sqlite::RematchSummary;
mod tokens;
mod users;
mod workflow;

/// How the brand of a mention was found (one type for the matcher and the store).
pub use defuse_core::brand::MatchedBy;
use defuse_core::mention::Mention;
use defuse_core::risk::Factor;
use defuse_core::workflow::Status;
use defuse_text::{Analysis, Kind, Lang, Sentiment};
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Db(rusqlite::Error),
    #[error(
        "the database at {path} is newer (schema {found}) than this defuse (schema {supported})"
    )]
    TooNew {
        path: String,
        found: i64,
        supported: i64,
    },
    /// A stored value that does not read back (names the table, row and column).
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::FromSqlConversionFailure(_, _, inner) = &e
            && let Some(c) = inner.downcast_ref::<codec::CorruptValue>()
        {
            return StoreError::Corrupt(c.to_string());
        }
        StoreError::Db(e)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A mention ready to store: parsed, analysed, its brand looked up in its own text, and its
/// stored forms (JSON) and first risk computed — all the work that can run on every core before
/// the single writer takes over.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub mention: Mention,
    pub analysis: Analysis,
    /// The brand found in the mention itself (name, alias, hashtag, domain, handle or given).
    pub brand: Option<(String, MatchedBy)>,
    /// The brand whose own account wrote it (its reply in a thread), if any.
    pub by_brand: Option<String>,
    /// The mention as stored (canonical JSON): equal JSON means an unchanged re-import.
    pub raw: String,
    pub analysis_json: String,
    /// The risk with engagement growth measured since the post time [A3].
    pub risk: defuse_core::risk::Risk,
}

impl Incoming {
    pub fn new(
        mention: Mention,
        analysis: Analysis,
        brand: Option<(String, MatchedBy)>,
        by_brand: Option<String>,
        now: Timestamp,
    ) -> Incoming {
        let raw = serde_json::to_string(&mention).unwrap_or_default();
        let analysis_json = serde_json::to_string(&analysis).unwrap_or_default();
        let posted = mention.created_at.unwrap_or(now);
        let hours = (now.as_millisecond() - posted.as_millisecond()) as f64 / 3.6e6;
        let velocity = mention.metrics.interactions() as f64 / hours.max(1.0);
        let risk = defuse_core::risk::assess(
            &mention,
            &analysis,
            defuse_core::risk::Observed {
                velocity_per_hour: velocity,
            },
        );
        Incoming {
            mention,
            analysis,
            brand,
            by_brand,
            raw,
            analysis_json,
            risk,
        }
    }
}

/// What one batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct IngestSummary {
    /// Mentions never seen before.
    pub new: u64,
    /// Known mentions whose text or counters changed.
    pub updated: u64,
    /// Known mentions that came again unchanged.
    pub duplicates: u64,
    /// New mentions that match no brand (kept apart).
    pub unmatched: u64,
}

impl IngestSummary {
    pub fn add(&mut self, o: IngestSummary) {
        self.new += o.new;
        self.updated += o.updated;
        self.duplicates += o.duplicates;
        self.unmatched += o.unmatched;
    }
}

/// One row of the queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseSummary {
    pub id: i64,
    pub brand: String,
    pub source: String,
    pub status: Status,
    pub kind: Kind,
    pub sentiment: Sentiment,
    pub lang: Lang,
    pub risk: u8,
    pub risk_factors: Vec<Factor>,
    pub opened_at: Timestamp,
    /// RT1; `None`: the case's kind has no first-response clock [ST1, T3, T4].
    pub first_response_due: Option<Timestamp>,
    /// RT3; `None`: no resolution clock (praise, trolls, spam, other remarks by default).
    pub resolution_due: Option<Timestamp>,
    /// The deadline that matters now: the earliest running clock's — first response until the
    /// brand answers, the next response to a later customer message, the resolution [RT1–RT3];
    /// `None` when no clock runs (such a case is never overdue and sorts after every case with
    /// a clock).
    pub due: Option<Timestamp>,
    /// A running clock has reached its deadline (never while waiting for the customer, never
    /// without a clock).
    pub overdue: bool,
    pub responded_at: Option<Timestamp>,
    /// RT2: a later customer message waits for an answer until then.
    pub next_response_due: Option<Timestamp>,
    /// Waiting for the customer: the clocks are paused.
    pub paused: bool,
    pub assigned_to: Option<String>,
    pub mentions: u64,
    /// The first customer message's text.
    pub text: String,
    /// The first customer message's title, when it has one (a review's headline).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Its author (name, else handle), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The author's followers, when known [A2].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub followers: Option<u64>,
}

/// One stored mention of a case, with its analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredMention {
    /// The desk's id of the mention (moderation uses it).
    pub id: i64,
    pub mention: serde_json::Value,
    pub analysis: serde_json::Value,
    pub risk: u8,
    pub risk_factors: Vec<Factor>,
    pub from_brand: bool,
    pub matched_by: Option<MatchedBy>,
    pub imported_at: Timestamp,
    /// visible, hidden, deleted or reported [M1–M4].
    pub moderation: String,
    /// Earlier texts, oldest first, when the platform's text changed.
    pub earlier_texts: Vec<String>,
}

impl StoredMention {
    /// What its author wrote, for a reader of the whole message (the reply coach): the title,
    /// when it has one, as a sentence of its own, then the text.
    pub fn written(&self) -> String {
        let text = self
            .mention
            .get("text")
            .and_then(|t| t.as_str())
            .unwrap_or("");
        match self
            .mention
            .get("title")
            .and_then(|t| t.as_str())
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            Some(title) => {
                let ends = title.ends_with(['.', '!', '?', '…']);
                format!("{title}{}\n{text}", if ends { "" } else { "." })
            }
            None => text.to_string(),
        }
    }
}

/// A case with everything about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseDetail {
    #[serde(flatten)]
    pub case: CaseSummary,
    pub conversation: String,
    pub customer: String,
    pub thread: Vec<StoredMention>,
}

/// Filters of the case list; `None` matches everything.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub brand: Option<String>,
    pub status: Option<Status>,
    pub kind: Option<Kind>,
    pub source: Option<String>,
    pub lang: Option<String>,
    /// Only open cases: new, acknowledged, in private, waiting for the customer.
    pub open_only: bool,
    /// Only cases with a breached running clock [RT1–RT3].
    pub breached: bool,
    pub assigned_to: Option<String>,
    /// Only cases with a mention (text or title) holding all these words, each as a prefix, in
    /// any case and with or without diacritics ([`search`]); a query with no word matches
    /// nothing.
    pub search: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// Counts for `defuse stats`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Stats {
    /// Every stored mention.
    pub mentions: u64,
    /// Those of them that match no brand.
    pub unmatched: u64,
    /// Cases by status.
    pub cases: BTreeMap<String, u64>,
    pub brands: BTreeMap<String, BrandStats>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct BrandStats {
    pub mentions: u64,
    pub cases: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(mention: serde_json::Value) -> StoredMention {
        StoredMention {
            id: 1,
            mention,
            analysis: serde_json::json!({}),
            risk: 0,
            risk_factors: Vec::new(),
            from_brand: false,
            matched_by: None,
            imported_at: Timestamp::UNIX_EPOCH,
            moderation: "visible".into(),
            earlier_texts: Vec::new(),
        }
    }

    #[test]
    fn what_the_author_wrote_starts_with_the_title_as_a_sentence() {
        let m = stored(
            serde_json::json!({"text": "Подключили за три недели.", "title": "Худший провайдер"}),
        );
        assert_eq!(m.written(), "Худший провайдер.\nПодключили за три недели.");
        let m = stored(serde_json::json!({"text": "b", "title": "Why?"}));
        assert_eq!(m.written(), "Why?\nb");
        let m = stored(serde_json::json!({"text": "b", "title": "  "}));
        assert_eq!(m.written(), "b");
        assert_eq!(stored(serde_json::json!({"text": "b"})).written(), "b");
    }
}
