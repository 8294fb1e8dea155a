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
    /// The optional `title` (a review's headline, a forum topic), analysed with the text.
    pub title: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
    #[serde(default, borrow)]
    text: Option<&'a RawValue>,
    #[serde(default, borrow)]
    title: Option<&'a RawValue>,
}

/// A raw JSON string value decoded, borrowed when it has no escapes (with escapes, borrowing
/// always fails, and its error message quotes the whole value: not worth building). `None`
/// when it is not a string.
fn raw_string<'a>(raw: &'a RawValue, field: &str) -> Result<Cow<'a, str>, String> {
    let v = raw.get();
    if !v.starts_with('"') {
        return Err(format!(
            "field `{field}` must be a string, found {}",
            json_type(v)
        ));
    }
    let borrowed = if v.contains('\\') {
        None
    } else {
        serde_json::from_str::<&str>(v).ok()
    };
    Ok(match borrowed {
        Some(t) => Cow::Borrowed(t),
        None => Cow::Owned(
            serde_json::from_str::<String>(v).map_err(|e| format!("bad `{field}`: {e}"))?,
        ),
    })
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
    if let Some(m) = parse_flat(s, line_no) {
        return Ok(Some(m));
    }
    parse_general(s, line_no)
}

/// The general path of `parse_line` (any valid JSON), by serde_json; `s` is trimmed, valid
/// UTF-8 and not blank.
fn parse_general(s: &str, line_no: u64) -> Result<Option<Mention<'_>>, String> {
    let raw: Raw = serde_json::from_str(s).map_err(|e| format!("not valid JSON: {e}"))?;
    let Some(text) = raw.text else {
        return Err("no `text` field".into());
    };
    let text = raw_string(text, "text")?;
    // A null title is no title; any other non-string is an error, as for `text`.
    let title = match raw.title {
        Some(t) if t.get() != "null" => Some(raw_string(t, "title")?),
        _ => None,
    };
    let id = match raw.id.map(RawValue::get) {
        Some(id) if id != "null" => Cow::Borrowed(id),
        _ => Cow::Owned(line_no.to_string()),
    };
    Ok(Some(Mention { id, text, title }))
}

/// The fast path of `parse_line` for the common line: a flat object whose keys have no
/// escapes, whose values are strings (escaped ones decoded as the general path does), numbers,
/// booleans or null, with a string `text`, a string or null `title`, and each of `id`, `text`
/// and `title` at most once. Anything else (nested values, escaped keys, duplicates, errors of
/// any kind) gives `None`, and the general path decides, so the result is always the general
/// path's.
fn parse_flat(s: &str, line_no: u64) -> Option<Mention<'_>> {
    let b = s.as_bytes();
    let mut i = 0;
    let ws = |i: &mut usize| {
        while matches!(b.get(*i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            *i += 1;
        }
    };
    // A string without control characters: its content's range and whether it has escapes
    // (checked by the caller, which decodes it the way the general path does).
    let string = |i: &mut usize| -> Option<(usize, usize, bool)> {
        if b.get(*i) != Some(&b'"') {
            return None;
        }
        let start = *i + 1;
        let mut j = start;
        let mut escaped = false;
        loop {
            match *b.get(j)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    j += 2;
                }
                c if c < 0x20 => return None,
                _ => j += 1,
            }
        }
        *i = j + 1;
        Some((start, j, escaped))
    };
    let digits = |i: &mut usize| -> usize {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - from
    };
    // Byte ranges of the id value and of the text's content.
    let mut id: Option<(usize, usize)> = None;
    let mut text: Option<(usize, usize)> = None;
    let mut text_decoded: Option<String> = None;
    // The title's content range and decoded form; `seen_title` also counts a null one.
    let mut title: Option<(usize, usize)> = None;
    let mut title_decoded: Option<String> = None;
    let mut seen_title = false;
    if b.first() != Some(&b'{') {
        return None;
    }
    i += 1;
    ws(&mut i);
    if b.get(i) == Some(&b'}') {
        i += 1;
    } else {
        loop {
            let (ks, ke, key_escaped) = string(&mut i)?;
            if key_escaped {
                return None;
            }
            ws(&mut i);
            if b.get(i) != Some(&b':') {
                return None;
            }
            i += 1;
            ws(&mut i);
            let vs = i;
            // A string value with escapes, decoded (and so checked) as the general path does.
            let mut decoded: Option<String> = None;
            let is_string = match b.get(i)? {
                b'"' => {
                    let (_, _, escaped) = string(&mut i)?;
                    if escaped {
                        decoded = Some(serde_json::from_str::<String>(&s[vs..i]).ok()?);
                    }
                    true
                }
                b't' if b[i..].starts_with(b"true") => {
                    i += 4;
                    false
                }
                b'f' if b[i..].starts_with(b"false") => {
                    i += 5;
                    false
                }
                b'n' if b[i..].starts_with(b"null") => {
                    i += 4;
                    false
                }
                b'-' | b'0'..=b'9' => {
                    if b[i] == b'-' {
                        i += 1;
                    }
                    match b.get(i)? {
                        b'0' => i += 1,
                        b'1'..=b'9' => {
                            digits(&mut i);
                        }
                        _ => return None,
                    }
                    if b.get(i) == Some(&b'.') {
                        i += 1;
                        if digits(&mut i) == 0 {
                            return None;
                        }
                    }
                    if matches!(b.get(i), Some(b'e' | b'E')) {
                        i += 1;
                        if matches!(b.get(i), Some(b'+' | b'-')) {
                            i += 1;
                        }
                        if digits(&mut i) == 0 {
                            return None;
                        }
                    }
                    false
                }
                _ => return None,
            };
            // A value must end at whitespace, `,` or `}` (`truex`, `01` go to the general path).
            if !matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r' | b',' | b'}')) {
                return None;
            }
            match &b[ks..ke] {
                b"id" => {
                    if id.is_some() {
                        return None;
                    }
                    id = Some((vs, i));
                }
                b"text" => {
                    if text.is_some() || !is_string {
                        return None;
                    }
                    text = Some((vs + 1, i - 1));
                    text_decoded = decoded;
                }
                b"title" => {
                    if seen_title {
                        return None;
                    }
                    seen_title = true;
                    if is_string {
                        title = Some((vs + 1, i - 1));
                        title_decoded = decoded;
                    } else if &b[vs..i] != b"null" {
                        return None;
                    }
                }
                _ => {}
            }
            ws(&mut i);
            match b.get(i)? {
                b',' => {
                    i += 1;
                    ws(&mut i);
                }
                b'}' => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    if i != b.len() {
        return None;
    }
    let (ts, te) = text?;
    let id = match id {
        Some((a, z)) if &s[a..z] != "null" => Cow::Borrowed(&s[a..z]),
        _ => Cow::Owned(line_no.to_string()),
    };
    let text = match text_decoded {
        Some(t) => Cow::Owned(t),
        None => Cow::Borrowed(&s[ts..te]),
    };
    let title = match (title_decoded, title) {
        (Some(t), _) => Some(Cow::Owned(t)),
        (None, Some((a, z))) => Some(Cow::Borrowed(&s[a..z])),
        (None, None) => None,
    };
    Some(Mention { id, text, title })
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

/// Longest accepted input line: a 1 MiB text fits many times over even with every character
/// escaped; a longer line is skipped and reported, never held in memory.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// Reads lines in chunks of up to `max_lines` lines or `max_bytes` bytes.
pub struct ChunkReader<R> {
    inner: R,
    next_line: u64,
    pub bytes_read: u64,
    /// Lines of the last chunk that were longer than `max_line` and skipped (by number).
    pub too_long: Vec<u64>,
    pub max_line: usize,
}

impl<R: BufRead> ChunkReader<R> {
    pub fn new(inner: R) -> Self {
        ChunkReader {
            inner,
            next_line: 1,
            bytes_read: 0,
            too_long: Vec::new(),
            max_line: MAX_LINE_BYTES,
        }
    }

    /// The next chunk of (line number, raw line). Empty at end of input. Lines longer than
    /// `max_line` are left out and listed in `too_long`.
    pub fn next_chunk(
        &mut self,
        max_lines: usize,
        max_bytes: usize,
    ) -> std::io::Result<Vec<(u64, Vec<u8>)>> {
        let mut out = Vec::new();
        self.too_long.clear();
        let mut bytes = 0;
        while out.len() < max_lines && bytes < max_bytes {
            let mut line = Vec::new();
            let (n, too_long) = self.read_line_capped(&mut line)?;
            if n == 0 {
                break;
            }
            self.bytes_read += n as u64;
            bytes += line.len();
            if too_long {
                self.too_long.push(self.next_line);
            } else {
                out.push((self.next_line, line));
            }
            self.next_line += 1;
            if !self.too_long.is_empty() && out.is_empty() && self.too_long.len() >= max_lines {
                break;
            }
        }
        Ok(out)
    }

    /// Read one line (with its newline) into `line`, keeping at most `max_line` bytes: returns
    /// the bytes consumed and whether the line was too long (then `line` is empty).
    fn read_line_capped(&mut self, line: &mut Vec<u8>) -> std::io::Result<(usize, bool)> {
        let (mut consumed, mut too_long) = (0, false);
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let (take, done) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            if !too_long {
                if line.len() + take > self.max_line {
                    too_long = true;
                    line.clear();
                    line.shrink_to_fit();
                } else {
                    line.extend_from_slice(&buf[..take]);
                }
            }
            self.inner.consume(take);
            consumed += take;
            if done {
                break;
            }
        }
        Ok((consumed, too_long))
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

    /// Both paths of `parse_line` on one line: the fast one, where it answers, must agree with
    /// the general one.
    fn paths_agree(line: &str) {
        let s = line.trim_ascii();
        if s.is_empty() {
            return;
        }
        if let Some(fast) = parse_flat(s, 9) {
            let general = parse_general(s, 9)
                .expect("the general path accepts what the fast path accepts")
                .expect("not blank");
            assert_eq!(fast.id, general.id, "{line}");
            assert_eq!(fast.text, general.text, "{line}");
            assert_eq!(fast.title, general.title, "{line}");
        }
    }

    proptest! {
        #[test]
        fn fast_and_general_paths_agree(
            parts in prop::collection::vec(prop::sample::select(vec![
                "{", "}", "\"id\"", "\"text\"", "\"title\"", "\"x\"", ":", ",", " ", "\t", "\"a b\"",
                "\"é\\\"\"", "\"\\u0041\"", "1", "-0", "01", "1.5e+3", "1.", "-", "true",
                "null", "nul", "false", "[1]", "{}", "\"", "\n",
            ]), 0..14)
        ) {
            paths_agree(&parts.concat());
        }
    }

    #[test]
    fn fast_and_general_paths_agree_on_typical_and_odd_lines() {
        for line in [
            r#"{"id":"bench-0000001","text":"Спасибо, МТС 👏"}"#,
            r#"{ "id" : 7 , "text" : "hi" , "lang": "en", "n": -1.5E-3, "b": true, "z": null }"#,
            r#"{"text":"no id"}"#,
            r#"{"id":null,"text":"null id"}"#,
            r#"{"id":1,"id":2,"text":"dup"}"#,
            r#"{"text":"a","text":"b"}"#,
            r#"{"id":01,"text":"x"}"#,
            r#"{"id":1,"text":5}"#,
            r#"{"id":1,"text":"x"} trailing"#,
            r#"{"id":1,"text":"x",}"#,
            r#"{"id":1,"text":"esc\"aped"}"#,
            r#"{"id":[1],"text":"x"}"#,
            r#"{"id":1e5,"text":"x"}"#,
            r#"{"id":1,"text":"x"}"#,
            r#"{}"#,
            r#"{"#,
            "{\"text\":\"tab\there\"}",
            r#"{"id":"a\"b","text":"line\nbreak \u00e9 \ud83d\ude21","x":"\\"}"#,
            r#"{"id":1,"text":"bad \q escape"}"#,
            r#"{"id":1,"text":"lone \ud800"}"#,
            r#"{"id":"bad \x","text":"a"}"#,
            r#"{"i\u0064":1,"text":"escaped key"}"#,
            r#"{"id":1,"text":"ends \"#,
            r#"{"id":1,"title":"Nu recomand","text":"x"}"#,
            r#"{"id":1,"title":null,"text":"x"}"#,
            r#"{"id":1,"title":5,"text":"x"}"#,
            r#"{"id":1,"title":"a","title":"b","text":"x"}"#,
            r#"{"id":1,"title":"esc\"aped \u00e9","text":"x"}"#,
            r#"{"id":1,"title":["a"],"text":"x"}"#,
        ] {
            paths_agree(line);
        }
        let m = parse_line(br#"{"id":"a","text":"b"}"#, 1)
            .expect("ok")
            .expect("some");
        assert_eq!((m.id.as_ref(), m.text.as_ref()), ("\"a\"", "b"));
        assert!(parse_line(br#"{"id":1,"id":2,"text":"dup"}"#, 1).is_err());
        // Escaped strings stay on the fast path.
        let m = parse_flat(r#"{"id":"a\"b","text":"x\ny \u00e9"}"#, 1).expect("fast path");
        assert_eq!((m.id.as_ref(), m.text.as_ref()), ("\"a\\\"b\"", "x\ny é"));
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
    fn a_title_is_read_when_it_is_a_string() {
        let m = parse_line(br#"{"id":1,"title":"Nu recomand","text":"b"}"#, 1)
            .expect("ok")
            .expect("some");
        assert_eq!(m.title.as_deref(), Some("Nu recomand"));
        let m = parse_line(br#"{"id":1,"title":"\u00e9 \"q\"","text":"b","x":[1]}"#, 1)
            .expect("ok")
            .expect("some");
        assert_eq!(m.title.as_deref(), Some("é \"q\""));
        let m = parse_line(br#"{"id":1,"title":null,"text":"b"}"#, 1)
            .expect("ok")
            .expect("some");
        assert_eq!(m.title, None);
        let why = parse_line(br#"{"id":1,"title":5,"text":"b"}"#, 1).expect_err("rejected");
        assert!(why.contains("`title`") && why.contains("a number"), "{why}");
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
    fn overlong_lines_are_skipped_and_numbered_not_held() {
        let mut input = b"{\"text\":\"a\"}\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 5000));
        input.extend_from_slice(b"\n{\"text\":\"b\"}\n{\"text\":\"c\"}");
        let mut r = ChunkReader::new(std::io::BufReader::with_capacity(64, &input[..]));
        r.max_line = 100;
        let chunk = r.next_chunk(10, 1 << 20).expect("reads");
        let nos: Vec<u64> = chunk.iter().map(|c| c.0).collect();
        assert_eq!(nos, vec![1, 3, 4]);
        assert_eq!(r.too_long, vec![2]);
        assert_eq!(r.bytes_read, input.len() as u64);
        assert!(r.next_chunk(10, 1 << 20).expect("reads").is_empty());
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
