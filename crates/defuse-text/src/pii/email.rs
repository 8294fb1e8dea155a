//! E-mail addresses around each `@` [RC11]: a local part and a domain with a dot and an
//! alphabetic TLD; `@handles` and fediverse handles are not e-mail.

use super::{PrivateKind, PrivateMatch};
use crate::chars::is_letter_or_digit;

fn is_local_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// E-mail addresses, sorted and non-overlapping. Linear: the local part stops at the previous
/// `@` and is at most 64 bytes, the domain stops at the next `@` and is at most 253 chars.
pub(super) fn find_emails(text: &str) -> Vec<PrivateMatch> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut floor = 0;
    let mut p = 0;
    while let Some(off) = b.get(p..).and_then(|r| r.iter().position(|&c| c == b'@')) {
        let at = p + off;
        p = at + 1;
        let mut s = at;
        while s > floor && at - s <= 64 && is_local_byte(b[s - 1]) {
            s -= 1;
        }
        if at - s > 64 {
            continue;
        }
        // `@user@host` is a fediverse handle; `/…@` is a URL path.
        if s > 0 && matches!(b[s - 1], b'@' | b'/') {
            continue;
        }
        while s < at && matches!(b[s], b'.' | b'-' | b'+' | b'%') {
            s += 1;
        }
        if s == at || b[at - 1] == b'.' || b[s..at].windows(2).any(|w| w == b"..") {
            continue;
        }
        let Some(end) = parse_domain(text, at + 1) else {
            continue;
        };
        out.push(PrivateMatch {
            kind: PrivateKind::Email,
            start: s,
            end,
        });
        floor = end;
        p = end;
    }
    out
}

/// End of a domain name starting at `start`: labels joined by dots, an alphabetic TLD.
fn parse_domain(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let mut end = 0;
    for (n, (off, c)) in rest.char_indices().enumerate() {
        let ok = is_letter_or_digit(c) || c == '-' || c == '.';
        if n >= 253 || !ok {
            break;
        }
        end = off + c.len_utf8();
    }
    let dom = rest.get(..end)?.trim_end_matches(['.', '-']);
    let mut labels = 0;
    let mut last = "";
    for label in dom.split('.') {
        if label.is_empty() || label.starts_with('-') || label.ends_with('-') || label.len() > 252 {
            return None;
        }
        labels += 1;
        last = label;
    }
    let tld_ok = last.chars().count() >= 2 && last.chars().all(char::is_alphabetic);
    (labels >= 2 && tld_ok).then_some(start + dom.len())
}
