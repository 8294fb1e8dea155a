//! The canonical mention: what every importer, connector and the HTTP API hand to the pipeline,
//! and its parser. A mention comes from outside, so parsing checks every field and an error
//! names the field and what is wrong with it; unknown fields are ignored (exports of listening
//! tools carry many). The documented format is in `docs/mentions.md`.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Longest accepted text, in bytes (a long review fits many times over; beyond this is junk).
pub const MAX_TEXT_BYTES: usize = 1 << 20;
/// Longest accepted title, in bytes (a review's headline, a forum topic, a video's name).
pub const MAX_TITLE_BYTES: usize = 4096;
/// Longest accepted id, source or other short field, in bytes.
pub const MAX_ID_BYTES: usize = 256;

defuse_text::named_enum! {
    /// Where a mention was posted [A1].
    pub enum Venue {
        /// The brand's own page, group or channel.
        OwnPage = "own_page",
        /// Someone else's group, chat or community.
        Community = "community",
        /// A review site or a map listing.
        ReviewSite = "review_site",
        /// Comments under a news outlet's story.
        Media = "media",
    }
}

/// Who wrote it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Author {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub followers: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
}

/// Engagement counters as the platform reported them [A3].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Metrics {
    pub likes: u64,
    pub reposts: u64,
    pub comments: u64,
    pub views: u64,
}

impl Metrics {
    /// Interactions that spread a post: reposts count double, views not at all.
    pub fn interactions(&self) -> u64 {
        self.likes
            .saturating_add(self.reposts.saturating_mul(2))
            .saturating_add(self.comments)
    }
}

/// An attachment [A5].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    /// "image", "video" or another type the platform names.
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One mention in the canonical form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The platform: vk, telegram, x, facebook, instagram, youtube, ok, a review site…
    pub source: String,
    /// The platform's own id; (source, id) identifies a mention.
    pub id: String,
    pub text: String,
    /// The title the author gave it, where the platform has one (a review's headline, a forum
    /// topic): analysed with the text, since the author wrote both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The platform's post time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
    /// The mention this one replies to (same source).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// The first post of the conversation (same source).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
    #[serde(default)]
    pub metrics: Metrics,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<Media>,
    /// A direct message, not a public post.
    #[serde(default)]
    pub private: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub venue: Option<Venue>,
    /// The brand, when the source already knows it (a post on the brand's own page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
}

/// Why a mention was rejected: the field and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct MentionError {
    /// The field's name (`text`, `author.followers`…), or `json` for a line that is not JSON.
    pub field: String,
    pub reason: String,
}

impl MentionError {
    fn new(field: &str, reason: impl Into<String>) -> Self {
        MentionError {
            field: field.to_string(),
            reason: reason.into(),
        }
    }
}

/// How far past `now` a post time may be: one day, for platforms' and exporters' clock skew and
/// time-zone mistakes. A later `created_at` is refused ([`Mention::check_times`]): a post from
/// the future would sort first in the queue and run its clocks backwards.
pub const MAX_FUTURE_SECONDS: i64 = 24 * 60 * 60;

/// The earliest post time accepted: 2000-01-01T00:00:00Z (Unix seconds). An earlier
/// `created_at` (year 1, the Unix epoch of an empty field) is a broken export, not a post.
pub const EARLIEST_POST_SECOND: i64 = 946_684_800;

impl Mention {
    /// Refuse a post time (`created_at`) later than `now` + [`MAX_FUTURE_SECONDS`] or earlier
    /// than [`EARLIEST_POST_SECOND`]. The parser has no clock, so whoever knows `now` calls this
    /// after parsing: `defuse import` for each line, and the HTTP API for each mention it takes.
    pub fn check_times(&self, now: Timestamp) -> Result<(), MentionError> {
        let Some(t) = self.created_at else {
            return Ok(());
        };
        if t.as_second() > now.as_second().saturating_add(MAX_FUTURE_SECONDS) {
            return Err(MentionError::new(
                "created_at",
                format!("{t} is more than a day after now ({now})"),
            ));
        }
        if t.as_second() < EARLIEST_POST_SECOND {
            return Err(MentionError::new(
                "created_at",
                format!("{t} is before 2000-01-01T00:00:00Z"),
            ));
        }
        Ok(())
    }

    /// A mention with only the required fields.
    pub fn new(source: &str, id: &str, text: &str) -> Mention {
        Mention {
            source: source.to_string(),
            id: id.to_string(),
            text: text.to_string(),
            title: None,
            created_at: None,
            url: None,
            author: None,
            parent_id: None,
            thread_id: None,
            metrics: Metrics::default(),
            media: Vec::new(),
            private: false,
            venue: None,
            brand: None,
        }
    }

    /// Parse one JSON object (a JSON Lines line or an API body element).
    pub fn from_json(bytes: &[u8]) -> Result<Mention, MentionError> {
        let v: serde_json::Value = serde_json::from_slice(bytes)
            .map_err(|e| MentionError::new("json", format!("not valid JSON: {e}")))?;
        Mention::from_value(&v)
    }

    /// Build from a parsed JSON value, checking every field.
    pub fn from_value(v: &serde_json::Value) -> Result<Mention, MentionError> {
        let obj = v
            .as_object()
            .ok_or_else(|| MentionError::new("json", "expected a JSON object"))?;
        let get = |k: &str| obj.get(k).filter(|v| !v.is_null());
        let source = required_id(get("source"), "source")?;
        check_source(&source)?;
        let id = required_id(get("id"), "id")?;
        let text = match get("text") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(_) => return Err(MentionError::new("text", "expected a string")),
            None => return Err(MentionError::new("text", "missing")),
        };
        if text.len() > MAX_TEXT_BYTES {
            return Err(MentionError::new(
                "text",
                format!("{} bytes; at most {MAX_TEXT_BYTES}", text.len()),
            ));
        }
        let mut m = Mention::new(&source, &id, &text);
        m.created_at = opt_time(get("created_at"), "created_at")?;
        m.title = opt_string(get("title"), "title", MAX_TITLE_BYTES)?;
        m.url = opt_string(get("url"), "url", 4096)?;
        m.parent_id = opt_id(get("parent_id"), "parent_id")?;
        m.thread_id = opt_id(get("thread_id"), "thread_id")?;
        m.brand = opt_string(get("brand"), "brand", MAX_ID_BYTES)?;
        m.private = match get("private") {
            None => false,
            Some(serde_json::Value::Bool(b)) => *b,
            Some(_) => return Err(MentionError::new("private", "expected true or false")),
        };
        m.venue = match get("venue") {
            None => None,
            Some(serde_json::Value::String(s)) => Some(parse_venue(s)?),
            Some(_) => return Err(MentionError::new("venue", "expected a string")),
        };
        if let Some(a) = get("author") {
            let a = a
                .as_object()
                .ok_or_else(|| MentionError::new("author", "expected an object"))?;
            let g = |k: &str| a.get(k).filter(|v| !v.is_null());
            m.author = Some(Author {
                id: opt_id(g("id"), "author.id")?,
                name: opt_string(g("name"), "author.name", 1024)?,
                handle: opt_string(g("handle"), "author.handle", MAX_ID_BYTES)?,
                followers: opt_count(g("followers"), "author.followers")?,
                created_at: opt_time(g("created_at"), "author.created_at")?,
            });
        }
        if let Some(mt) = get("metrics") {
            let mt = mt
                .as_object()
                .ok_or_else(|| MentionError::new("metrics", "expected an object"))?;
            let g = |k: &str| mt.get(k).filter(|v| !v.is_null());
            m.metrics = Metrics {
                likes: opt_count(g("likes"), "metrics.likes")?.unwrap_or(0),
                reposts: opt_count(g("reposts"), "metrics.reposts")?.unwrap_or(0),
                comments: opt_count(g("comments"), "metrics.comments")?.unwrap_or(0),
                views: opt_count(g("views"), "metrics.views")?.unwrap_or(0),
            };
        }
        if let Some(media) = get("media") {
            let list = media
                .as_array()
                .ok_or_else(|| MentionError::new("media", "expected an array"))?;
            for (i, item) in list.iter().take(64).enumerate() {
                let field = format!("media[{i}]");
                let o = item
                    .as_object()
                    .ok_or_else(|| MentionError::new(&field, "expected an object"))?;
                let kind = opt_string(
                    o.get("type").filter(|v| !v.is_null()),
                    &format!("{field}.type"),
                    64,
                )?
                .unwrap_or_else(|| "image".to_string());
                let url = opt_string(
                    o.get("url").filter(|v| !v.is_null()),
                    &format!("{field}.url"),
                    4096,
                )?;
                m.media.push(Media { kind, url });
            }
        }
        Ok(m)
    }

    /// The conversation this mention belongs to: its thread, else its parent, else itself.
    pub fn conversation_root(&self) -> &str {
        self.thread_id
            .as_deref()
            .or(self.parent_id.as_deref())
            .unwrap_or(&self.id)
    }
}

fn parse_venue(s: &str) -> Result<Venue, MentionError> {
    Venue::parse(s).ok_or_else(|| {
        MentionError::new(
            "venue",
            format!("'{}' is not one of {}", clip(s), Venue::NAMES.join(", ")),
        )
    })
}

/// A source is a short lowercase name: letters, digits, `_`, `-`, `.`.
fn check_source(s: &str) -> Result<(), MentionError> {
    let ok = s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-.".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(MentionError::new(
            "source",
            format!(
                "'{}': expected a short lowercase platform name (vk, telegram, x…)",
                clip(s)
            ),
        ))
    }
}

/// An id may be a string or an integer (platforms use both); stored as a string.
fn required_id(v: Option<&serde_json::Value>, field: &str) -> Result<String, MentionError> {
    opt_id(v, field)?.ok_or_else(|| MentionError::new(field, "missing"))
}

fn opt_id(v: Option<&serde_json::Value>, field: &str) -> Result<Option<String>, MentionError> {
    let s = match v {
        None => return Ok(None),
        Some(serde_json::Value::String(s)) => s.trim().to_string(),
        Some(serde_json::Value::Number(n)) if n.is_u64() || n.is_i64() => n.to_string(),
        // A whole number written with a fraction (`42.0`) is the integer it equals.
        Some(serde_json::Value::Number(n))
            if n.as_f64()
                .is_some_and(|f| f.fract() == 0.0 && f.abs() < 9.0e15) =>
        {
            format!("{}", n.as_f64().unwrap_or(0.0) as i64)
        }
        Some(_) => {
            return Err(MentionError::new(field, "expected a string or an integer"));
        }
    };
    if s.is_empty() {
        return Err(MentionError::new(field, "empty"));
    }
    if s.len() > MAX_ID_BYTES {
        return Err(MentionError::new(
            field,
            format!("{} bytes; at most {MAX_ID_BYTES}", s.len()),
        ));
    }
    Ok(Some(s))
}

fn opt_string(
    v: Option<&serde_json::Value>,
    field: &str,
    max: usize,
) -> Result<Option<String>, MentionError> {
    match v {
        None => Ok(None),
        Some(serde_json::Value::String(s)) if s.len() <= max => Ok(Some(s.clone())),
        Some(serde_json::Value::String(s)) => Err(MentionError::new(
            field,
            format!("{} bytes; at most {max}", s.len()),
        )),
        Some(_) => Err(MentionError::new(field, "expected a string")),
    }
}

fn opt_count(v: Option<&serde_json::Value>, field: &str) -> Result<Option<u64>, MentionError> {
    match v {
        None => Ok(None),
        Some(serde_json::Value::Number(n)) => n
            .as_u64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                    .map(|f| f as u64)
            })
            .map(Some)
            .ok_or_else(|| MentionError::new(field, format!("{n}: expected a count ≥ 0"))),
        // Exports often quote numbers.
        Some(serde_json::Value::String(s)) => {
            s.trim().parse::<u64>().map(Some).map_err(|_| {
                MentionError::new(field, format!("'{}': expected a count ≥ 0", clip(s)))
            })
        }
        Some(_) => Err(MentionError::new(field, "expected a number")),
    }
}

fn opt_time(v: Option<&serde_json::Value>, field: &str) -> Result<Option<Timestamp>, MentionError> {
    match v {
        None => Ok(None),
        Some(serde_json::Value::String(s)) => parse_time(s)
            .map(Some)
            .map_err(|why| MentionError::new(field, format!("'{}': {why}", clip(s)))),
        Some(_) => Err(MentionError::new(
            field,
            "expected an RFC 3339 time such as 2026-11-20T18:05:00+03:00",
        )),
    }
}

/// An RFC 3339 instant ("2026-11-20T18:05:00+03:00", "…Z"); a space instead of `T` is accepted
/// (spreadsheet exports), a time without an offset is not (its instant would be a guess).
pub fn parse_time(s: &str) -> Result<Timestamp, String> {
    let t = s.trim();
    t.parse::<Timestamp>()
        .or_else(|_| t.replacen(' ', "T", 1).parse::<Timestamp>())
        .map_err(|_| {
            "expected an RFC 3339 time with an offset, such as 2026-11-20T18:05:00+03:00".into()
        })
}

/// A short, single-line excerpt of an outside value for an error message.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(60).filter(|c| !c.is_control()).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn post_times_from_the_future_or_the_distant_past_are_refused() {
        let now: Timestamp = "2026-11-20T12:00:00Z".parse().expect("ts");
        let at = |t: &str| {
            let mut m = Mention::new("vk", "1", "a");
            m.created_at = Some(t.parse().expect("ts"));
            m.check_times(now)
        };
        assert!(at("2026-11-21T11:59:00Z").is_ok());
        assert!(at("2000-01-01T00:00:00Z").is_ok());
        for bad in [
            "2030-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z",
        ] {
            let e = at(bad).expect_err(bad);
            assert_eq!(e.field, "created_at", "{bad}");
        }
        assert!(Mention::new("vk", "1", "a").check_times(now).is_ok());
    }

    use super::*;

    fn parse(s: &str) -> Result<Mention, MentionError> {
        Mention::from_json(s.as_bytes())
    }

    #[test]
    fn full_mention_parses() {
        let m = parse(
            r#"{"source":"vk","id":"wall-1_2","text":"Облачко, где интернет?","created_at":"2026-11-20T18:05:00+03:00",
            "url":"https://vk.com/wall-1_2","author":{"id":7,"name":"Ира","handle":"ira","followers":"1200","created_at":"2020-01-01T00:00:00Z"},
            "parent_id":"wall-1_1","thread_id":"wall-1_1","metrics":{"likes":3,"reposts":1,"comments":2,"views":100},
            "media":[{"type":"image","url":"https://x/1.jpg"}],"private":false,"venue":"own_page","brand":"Облачко","extra":{"ignored":true}}"#,
        )
        .expect("parses");
        assert_eq!(m.source, "vk");
        assert_eq!(m.author.as_ref().and_then(|a| a.id.as_deref()), Some("7"));
        assert_eq!(m.author.as_ref().and_then(|a| a.followers), Some(1200));
        assert_eq!(m.metrics.interactions(), 3 + 2 + 2);
        assert_eq!(m.venue, Some(Venue::OwnPage));
        assert_eq!(m.conversation_root(), "wall-1_1");
        assert_eq!(
            m.created_at,
            Some("2026-11-20T15:05:00Z".parse::<Timestamp>().expect("ts"))
        );
    }

    #[test]
    fn numeric_ids_and_minimal_mentions() {
        let m = parse(r#"{"source":"x","id":123456789012,"text":""}"#).expect("parses");
        assert_eq!(m.id, "123456789012");
        assert_eq!(m.conversation_root(), "123456789012");
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (r#"{"id":"1","text":"a"}"#, "source"),
            (r#"{"source":"vk","text":"a"}"#, "id"),
            (r#"{"source":"vk","id":"1"}"#, "text"),
            (r#"{"source":"vk","id":"1","text":5}"#, "text"),
            (r#"{"source":"VK Wall","id":"1","text":"a"}"#, "source"),
            (r#"{"source":"vk","id":"","text":"a"}"#, "id"),
            (r#"{"source":"vk","id":1.5,"text":"a"}"#, "id"),
            (
                r#"{"source":"vk","id":"1","text":"a","created_at":"вчера"}"#,
                "created_at",
            ),
            (
                r#"{"source":"vk","id":"1","text":"a","created_at":"2026-11-20T18:05:00"}"#,
                "created_at",
            ),
            (
                r#"{"source":"vk","id":"1","text":"a","author":{"followers":-3}}"#,
                "author.followers",
            ),
            (
                r#"{"source":"vk","id":"1","text":"a","metrics":{"likes":"many"}}"#,
                "metrics.likes",
            ),
            (
                r#"{"source":"vk","id":"1","text":"a","venue":"forum"}"#,
                "venue",
            ),
            (
                r#"{"source":"vk","id":"1","text":"a","media":[{"type":3}]}"#,
                "media[0].type",
            ),
            (
                r#"{"source":"vk","id":"1","text":"a","private":"yes"}"#,
                "private",
            ),
            (r#"[1,2]"#, "json"),
            (r#"{"source":"vk","#, "json"),
        ];
        for (line, field) in cases {
            let e = parse(line).expect_err(line);
            assert_eq!(e.field, field, "{line}: {e}");
        }
    }

    #[test]
    fn spreadsheet_times_and_quoted_counts_are_accepted() {
        let m = parse(r#"{"source":"vk","id":"1","text":"a","created_at":"2026-11-20 18:05:00+03:00","metrics":{"likes":"12"}}"#)
            .expect("parses");
        assert!(m.created_at.is_some());
        assert_eq!(m.metrics.likes, 12);
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = Mention::from_json(&bytes);
        }

        #[test]
        fn any_text_round_trips(text in ".{0,200}", id in "[a-z0-9_-]{1,20}") {
            let line = serde_json::json!({"source": "vk", "id": id, "text": text}).to_string();
            let m = Mention::from_json(line.as_bytes()).expect("valid");
            proptest::prop_assert_eq!(&m.text, &text);
            let again = Mention::from_json(serde_json::to_string(&m).expect("json").as_bytes()).expect("valid");
            proptest::prop_assert_eq!(again.id, id);
        }
    }
}
