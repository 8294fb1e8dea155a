//! Reading JSON Lines input robustly: raw bytes per line (invalid UTF-8 is reported, not fatal),
//! in chunks so that analysis can run in parallel while order is kept.

use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::io::BufRead;

/// One input line that parsed: its id (as raw JSON, copied to the output verbatim) and text,
/// both borrowed from the line where possible.
#[derive(Debug)]
pub struct Mention<'a> {
    /// The `id` exactly as written (any JSON value), or the line number when absent or null.
    pub id: Cow<'a, str>,
    pub text: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
    #[serde(default, borrow)]
    text: Option<&'a RawValue>,
}

/// Parse one line. `Ok(None)` for a blank line; `Err` says why the line is rejected.
pub fn parse_line(line: &[u8], line_no: u64) -> Result<Option<Mention<'_>>, String> {
    let trimmed = line.trim_ascii();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let s = std::str::from_utf8(trimmed).map_err(|e| {
        format!(
            "not valid UTF-8 (invalid byte at column {})",
            e.valid_up_to() + 1
        )
    })?;
    let raw: Raw = serde_json::from_str(s).map_err(|e| format!("not valid JSON: {e}"))?;
    let Some(text) = raw.text else {
        return Err("no `text` field".into());
    };
    let text = text.get();
    if !text.starts_with('"') {
        return Err(format!(
            "field `text` must be a string, found {}",
            json_type(text)
        ));
    }
    // Borrow when the string has no escapes; decode otherwise.
    let text = match serde_json::from_str::<&str>(text) {
        Ok(t) => Cow::Borrowed(t),
        Err(_) => Cow::Owned(
            serde_json::from_str::<String>(text).map_err(|e| format!("bad `text`: {e}"))?,
        ),
    };
    let id = match raw.id.map(RawValue::get) {
        Some(id) if id != "null" => Cow::Borrowed(id),
        _ => Cow::Owned(line_no.to_string()),
    };
    Ok(Some(Mention { id, text }))
}

/// The type of a raw JSON value, for error messages.
fn json_type(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

/// Reads lines in chunks of up to `max_lines` lines or `max_bytes` bytes.
pub struct ChunkReader<R> {
    inner: R,
    next_line: u64,
    pub bytes_read: u64,
}

impl<R: BufRead> ChunkReader<R> {
    pub fn new(inner: R) -> Self {
        ChunkReader {
            inner,
            next_line: 1,
            bytes_read: 0,
        }
    }

    /// The next chunk of (line number, raw line). Empty at end of input.
    pub fn next_chunk(
        &mut self,
        max_lines: usize,
        max_bytes: usize,
    ) -> std::io::Result<Vec<(u64, Vec<u8>)>> {
        let mut out = Vec::new();
        let mut bytes = 0;
        while out.len() < max_lines && bytes < max_bytes {
            let mut line = Vec::new();
            let n = self.inner.read_until(b'\n', &mut line)?;
            if n == 0 {
                break;
            }
            self.bytes_read += n as u64;
            bytes += n;
            out.push((self.next_line, line));
            self.next_line += 1;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_bytes_give_a_mention_a_blank_or_a_reason(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            if let Err(why) = parse_line(&bytes, 1) {
                prop_assert!(!why.is_empty());
            }
        }

        #[test]
        fn any_text_round_trips(text in "\\PC{0,100}", id in any::<i64>()) {
            let line = serde_json::json!({"id": id, "text": text}).to_string();
            let m = parse_line(line.as_bytes(), 1).expect("valid").expect("not blank");
            prop_assert_eq!(m.text, text);
            prop_assert_eq!(m.id, id.to_string());
        }
    }

    #[test]
    fn good_lines_parse_and_other_fields_are_ignored() {
        let m = parse_line(br#"{"id": 7, "text": "hi", "lang": "en", "x": [1]}"#, 1)
            .expect("ok")
            .expect("some");
        assert_eq!(m.id, "7");
        assert_eq!(m.text, "hi");
    }

    #[test]
    fn ids_are_copied_verbatim_even_beyond_64_bits() {
        let m = parse_line(
            br#"{"id": 123456789012345678901234567890, "text": "a\u0041"}"#,
            1,
        )
        .expect("ok")
        .expect("some");
        assert_eq!(m.id, "123456789012345678901234567890");
        assert_eq!(m.text, "aA");
    }

    #[test]
    fn missing_id_becomes_the_line_number() {
        let m = parse_line(br#"{"text": "hi"}"#, 42)
            .expect("ok")
            .expect("some");
        assert_eq!(m.id, "42");
    }

    #[test]
    fn bad_lines_say_why() {
        assert!(
            parse_line(b"{not json", 1)
                .expect_err("rejected")
                .contains("not valid JSON")
        );
        assert!(
            parse_line(b"{\"text\": \"a\xff\"}", 1)
                .expect_err("rejected")
                .contains("UTF-8")
        );
        assert!(
            parse_line(br#"{"id": 1}"#, 1)
                .expect_err("rejected")
                .contains("no `text`")
        );
        assert!(
            parse_line(br#"{"text": 5}"#, 1)
                .expect_err("rejected")
                .contains("a number")
        );
        assert!(parse_line(b"   \r\n", 1).expect("blank").is_none());
    }
}
