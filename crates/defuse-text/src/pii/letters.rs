//! Character tests and folded keys of the personal-data scanner [RC11]: upper case, the
//! spaces that join digit groups, mask and currency characters, lower-casing with fast
//! paths, and the lower-cased, accent-folded key of a word that keywords and units are
//! compared with.

use crate::chars::{fold_accent as fold, is_combining};

/// `char::is_uppercase` with a fast path for ASCII and Cyrillic.
pub(super) fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' | 'А'..='Я' | 'Ѐ'..='Џ' => true,
        'a'..='z' | 'а'..='џ' => false,
        c if c.is_ascii() => false,
        c => c.is_uppercase(),
    }
}

pub(super) fn is_space_like(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}')
}

pub(super) fn is_mask(c: char) -> bool {
    matches!(c, '*' | '•' | '●' | '∗' | '·' | 'x' | 'X' | 'х' | 'Х')
}

pub(super) fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '€' | '£' | '₽' | '₴' | '¥' | '₸' | '₺' | '₹' | '¢' | '₿'
    )
}

/// Lowercase with a fast path for ASCII, Cyrillic and Latin-1.
pub(super) fn lower(c: char) -> char {
    match c {
        'A'..='Z' | 'А'..='Я' | 'À'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        'Ѐ'..='Џ' => char::from_u32(c as u32 + 80).unwrap_or(c),
        c if c.is_ascii() || ('а'..='џ').contains(&c) => c,
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Lowercases and folds `word` into `buf`, dropping combining marks. Keys longer than
/// `KEY_MAX` bytes are cut there: no keyword or unit is that long, so a cut key matches
/// prefixes only. Returns the key's length.
pub(super) fn fold_key(word: &str, buf: &mut [u8; 64]) -> usize {
    let b = word.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() && n < KEY_MAX {
        let c = b[i];
        if c < 0x80 {
            buf[n] = c.to_ascii_lowercase();
            n += 1;
            i += 1;
            continue;
        }
        if (c == 0xD0 || c == 0xD1) && b.get(i + 1).is_some_and(|&x| x & 0xC0 == 0x80) {
            // U+0400..U+047F without a full decode.
            let cp = (u32::from(c & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
            i += 2;
            let l = match cp {
                0x410..=0x42F => cp + 0x20,
                0x400..=0x40F => cp + 0x50,
                _ => cp,
            };
            // ё → е
            let l = if l == 0x451 { 0x435 } else { l };
            buf[n] = 0xC0 | (l >> 6) as u8;
            buf[n + 1] = 0x80 | (l & 0x3F) as u8;
            n += 2;
            continue;
        }
        let ch = word.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
        i += ch.len_utf8();
        if is_combining(ch) {
            continue;
        }
        let f = fold(lower(ch));
        let len = f.len_utf8();
        match buf.get_mut(n..n + len) {
            Some(dst) => f.encode_utf8(dst),
            None => break,
        };
        n += len;
    }
    n
}

/// Longest folded key compared with keywords and units, in bytes.
const KEY_MAX: usize = 30;
