//! How values cross the SQLite boundary: instants as UTC milliseconds, enums by their stable
//! names, the few analysis fields the workflow reads as a small typed form. A stored value that
//! does not read back is a [`StoreError::Corrupt`] naming the table, the row and the column —
//! never a silent default (a status read as `new`, a time read as the epoch).

use defuse_core::workflow::{Role, Status};
use defuse_text::{Kind, Lang, Sentiment};
use jiff::Timestamp;
use serde::Deserialize;

pub(crate) fn ms(t: Timestamp) -> i64 {
    t.as_millisecond()
}

/// An instant from milliseconds already checked on read ([`instant`]); out of range cannot
/// happen for them, and is clamped rather than panicking if it ever did.
pub(crate) fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(if ms < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// A stored value that does not parse.
#[derive(Debug)]
pub(crate) struct CorruptValue {
    pub table: &'static str,
    pub id: i64,
    pub column: &'static str,
    pub value: String,
}

impl std::fmt::Display for CorruptValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let v: String = self.value.chars().take(80).collect();
        write!(
            f,
            "{} row {}: {} holds {v:?}, which is not a valid value",
            self.table, self.id, self.column
        )
    }
}

impl std::error::Error for CorruptValue {}

/// The error a row mapper returns for a value that does not parse; the store turns it into
/// [`StoreError::Corrupt`](crate::StoreError::Corrupt).
pub(crate) fn corrupt(
    table: &'static str,
    id: i64,
    column: &'static str,
    value: impl std::fmt::Display,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        Box::new(CorruptValue {
            table,
            id,
            column,
            value: value.to_string(),
        }),
    )
}

/// A stored instant (milliseconds) checked to be one jiff can represent.
pub(crate) fn instant(
    table: &'static str,
    id: i64,
    column: &'static str,
    ms: i64,
) -> rusqlite::Result<i64> {
    match Timestamp::from_millisecond(ms) {
        Ok(_) => Ok(ms),
        Err(_) => Err(corrupt(table, id, column, ms)),
    }
}

/// [`instant`] for a column that may be empty.
pub(crate) fn opt_instant(
    table: &'static str,
    id: i64,
    column: &'static str,
    ms: Option<i64>,
) -> rusqlite::Result<Option<i64>> {
    ms.map(|m| instant(table, id, column, m)).transpose()
}

/// A stored name read back into its enum (by the enum's `parse`, from `named_enum!`).
pub(crate) fn named<T>(
    parse: fn(&str) -> Option<T>,
    table: &'static str,
    id: i64,
    column: &'static str,
    value: &str,
) -> rusqlite::Result<T> {
    parse(value).ok_or_else(|| corrupt(table, id, column, value))
}

pub(crate) fn kind(table: &'static str, id: i64, value: &str) -> rusqlite::Result<Kind> {
    named(Kind::parse, table, id, "kind", value)
}

pub(crate) fn status(table: &'static str, id: i64, value: &str) -> rusqlite::Result<Status> {
    named(Status::parse, table, id, "status", value)
}

/// A person's role (a token's or a user's); `system` is no one's stored role.
pub(crate) fn role(table: &'static str, id: i64, value: &str) -> rusqlite::Result<Role> {
    Role::parse_person(value).ok_or_else(|| corrupt(table, id, "role", value))
}

pub(crate) fn sentiment(table: &'static str, id: i64, value: &str) -> rusqlite::Result<Sentiment> {
    named(Sentiment::parse, table, id, "sentiment", value)
}

pub(crate) fn lang(table: &'static str, id: i64, value: &str) -> rusqlite::Result<Lang> {
    named(Lang::parse, table, id, "lang", value)
}

/// The parts of a stored analysis the workflow decides on (moderation [M1–M4], advice), read
/// into types: the analysis is written whole as JSON and read back through this form.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct AnalysisFlags {
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub sentiment: String,
    #[serde(default)]
    pub spam: bool,
    #[serde(default)]
    pub profanity: bool,
    #[serde(default)]
    pub toxic: bool,
    #[serde(default)]
    pub private_data: Vec<serde::de::IgnoredAny>,
}

impl AnalysisFlags {
    /// Reads the stored analysis of mention `id`.
    pub fn read(id: i64, json: &str) -> crate::Result<AnalysisFlags> {
        serde_json::from_str(json)
            .map_err(|e| crate::StoreError::Corrupt(format!("mentions row {id}: analysis: {e}")))
    }

    /// The same from an analysis already parsed as JSON.
    pub fn from_value(id: i64, v: &serde_json::Value) -> crate::Result<AnalysisFlags> {
        AnalysisFlags::deserialize(v)
            .map_err(|e| crate::StoreError::Corrupt(format!("mentions row {id}: analysis: {e}")))
    }

    pub fn sentiment(&self) -> Sentiment {
        Sentiment::parse(&self.sentiment).unwrap_or(Sentiment::Neutral)
    }

    pub fn lang(&self) -> Lang {
        Lang::parse(&self.lang).unwrap_or(Lang::Und)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_into_their_enums_and_strangers_are_corrupt() {
        for k in Kind::ALL {
            assert_eq!(kind("cases", 1, k.as_str()).ok(), Some(k));
        }
        for s in Status::ALL {
            assert_eq!(status("cases", 1, s.as_str()).ok(), Some(s));
        }
        for r in Role::PEOPLE {
            assert_eq!(role("users", 1, r.as_str()).ok(), Some(r));
        }
        assert!(
            role("users", 1, "system").is_err(),
            "no one is stored as defuse"
        );
        let e = status("cases", 7, "nwe").expect_err("corrupt");
        let msg = crate::StoreError::from(e).to_string();
        assert!(
            msg.contains("cases row 7") && msg.contains("status"),
            "{msg}"
        );
    }

    #[test]
    fn an_instant_out_of_range_is_corrupt_not_the_epoch() {
        assert_eq!(instant("cases", 1, "opened_at", 0).ok(), Some(0));
        assert!(instant("cases", 3, "opened_at", i64::MAX).is_err());
        assert!(opt_instant("cases", 3, "paused_at", None).is_ok());
    }
}
