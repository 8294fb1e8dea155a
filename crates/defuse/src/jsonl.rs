//! Reading JSON Lines input robustly: raw bytes per line (invalid UTF-8 is reported, not fatal),
//! in chunks so that analysis can run in parallel while order is kept.

use serde::Deserialize;
use std::io::BufRead;

/// One input line that parsed: its id (as JSON, copied to the output) and text.
#[derive(Debug)]
pub struct Mention {
    pub id: serde_json::Value,
    pub text: String,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<serde_json::Value>,
}

/// Parse one line. `Ok(None)` for a blank line; `Err` says why the line is rejected.
pub fn parse_line(line: &[u8], line_no: u64) -> Result<Option<Mention>, String> {
    let trimmed = trim_ascii(line);
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
    let text = match raw.text {
        Some(serde_json::Value::String(t)) => t,
        Some(other) => {
            return Err(format!(
                "field `text` must be a string, found {}",
                json_type(&other)
            ));
        }
        None => return Err("no `text` field".into()),
    };
    Ok(Some(Mention {
        id: raw.id.unwrap_or(serde_json::Value::from(line_no)),
        text,
    }))
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
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
            prop_assert_eq!(m.id, serde_json::json!(id));
        }
    }

    #[test]
    fn good_lines_parse_and_other_fields_are_ignored() {
        let m = parse_line(br#"{"id": 7, "text": "hi", "lang": "en", "x": [1]}"#, 1)
            .expect("ok")
            .expect("some");
        assert_eq!(m.id, serde_json::json!(7));
        assert_eq!(m.text, "hi");
    }

    #[test]
    fn missing_id_becomes_the_line_number() {
        let m = parse_line(br#"{"text": "hi"}"#, 42)
            .expect("ok")
            .expect("some");
        assert_eq!(m.id, serde_json::json!(42));
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
