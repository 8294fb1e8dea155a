//! Nothing inside a URL is personal data [RC11]: matches that start or end in a URL chunk
//! (`://`, a `www.` prefix, a `domain.tld/` prefix) are dropped.

use super::PrivateMatch;

/// Drops matches that start or end inside a URL (a whitespace-delimited chunk with `://`, a
/// `www.` prefix or a `domain.tld/` prefix). Matches are sorted, so each chunk is scanned once.
pub(super) fn drop_urls(text: &str, found: &mut Vec<PrivateMatch>) {
    let mut chunk = (0usize, 0usize, false);
    found.retain(|m| {
        let last = text
            .get(..m.end)
            .and_then(|s| s.char_indices().next_back())
            .map_or(m.start, |(i, _)| i);
        !(in_url(text.as_bytes(), m.start, &mut chunk) || in_url(text.as_bytes(), last, &mut chunk))
    });
}

/// Whether a URL may be in `text`: it has a `/` or a `www.`.
pub(super) fn may_have_url(text: &str) -> bool {
    text.contains('/') || text.contains("www.") || text.contains("WWW.")
}

/// Whether byte `pos` lies in a URL chunk; `chunk` caches the last chunk (start, end, is URL).
fn in_url(b: &[u8], pos: usize, chunk: &mut (usize, usize, bool)) -> bool {
    if pos >= chunk.0 && pos < chunk.1 {
        return chunk.2;
    }
    let floor = if pos >= chunk.1 { chunk.1 } else { 0 };
    let mut start = pos.min(b.len());
    while start > floor && !b[start - 1].is_ascii_whitespace() {
        start -= 1;
    }
    let mut end = start.max(pos).min(b.len());
    while end < b.len() && !b[end].is_ascii_whitespace() {
        end += 1;
    }
    let is_url = is_url_chunk(&b[start..end]);
    *chunk = (start, end, is_url);
    is_url
}

fn is_url_chunk(chunk: &[u8]) -> bool {
    if chunk.windows(3).any(|w| w == b"://") {
        return true;
    }
    let skip = chunk
        .iter()
        .take_while(|b| !b.is_ascii_alphanumeric())
        .count();
    let c = &chunk[skip..];
    if c.get(..4).is_some_and(|p| p.eq_ignore_ascii_case(b"www.")) {
        return true;
    }
    let Some(slash) = c.iter().position(|&b| b == b'/') else {
        return false;
    };
    let host = &c[..slash];
    if !host
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'.')
    {
        return false;
    }
    let mut labels = host.split(|&b| b == b'.');
    let tld = labels.next_back().unwrap_or(b"");
    labels.next().is_some_and(|l| !l.is_empty())
        && tld.len() >= 2
        && tld.iter().all(u8::is_ascii_alphabetic)
}
