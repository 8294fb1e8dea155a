//! The text cut into words (maximal runs of word characters, ASCII and Cyrillic on a fast
//! path) and the gaps between them, each gap summarised once so that look-backs cost O(1)
//! per word [RC11].

use super::letters::{is_currency, is_space_like};
use crate::chars::is_pii_word_char as is_word_char;

/// A maximal run of word chars, with a summary of the gap before it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) chars: u32,
    pub(super) digits: u32,
    pub(super) gap: Gap,
}

impl Word {
    pub(super) fn has_digit(&self) -> bool {
        self.digits > 0
    }
    pub(super) fn all_digit(&self) -> bool {
        self.digits == self.chars
    }
}

/// The text between two words, summarised once so that look-backs cost O(1) per word.
#[derive(Debug, Clone, Copy)]
pub(super) struct Gap {
    /// Length in bytes (saturating).
    pub(super) len: u32,
    /// The gap's only char, or `'\0'`.
    pub(super) single: char,
    pub(super) first: char,
    pub(super) last: char,
    flags: u8,
}

/// `! ? ; … |`, a blank line or a long gap: a keyword does not reach across it.
pub(super) const G_STOP: u8 = 1;
/// A `.` and a space: a sentence end if the next word is capitalised.
pub(super) const G_DOT_SPACE: u8 = 2;
/// May separate the digit groups of a phone number.
pub(super) const G_PHONE: u8 = 4;
/// Ends with a currency sign (and at most two spaces).
pub(super) const G_CURRENCY: u8 = 8;
/// Holds a `/`.
const G_SLASH: u8 = 16;

/// Longer gaps between words end a keyword's reach.
const MAX_GAP: usize = 12;

impl Gap {
    fn of(g: &str) -> Gap {
        if let [c] = *g.as_bytes() {
            let flags = match c {
                b' ' | b'-' | b'.' | b'(' | b')' => G_PHONE,
                b'!' | b'?' | b';' | b'|' => G_STOP,
                b'$' => G_CURRENCY,
                b'/' => G_SLASH,
                _ => 0,
            };
            let c = char::from(c);
            return Gap {
                len: 1,
                single: c,
                first: c,
                last: c,
                flags,
            };
        }
        if g.len() <= MAX_GAP && g.is_ascii() {
            return Gap::of_ascii(g.as_bytes());
        }
        let first = g.chars().next().unwrap_or('\0');
        let last = g.chars().next_back().unwrap_or('\0');
        let single = if g.len() == first.len_utf8() {
            first
        } else {
            '\0'
        };
        let mut flags = 0;
        if g.len() > MAX_GAP {
            flags |= G_STOP;
            if g.as_bytes().contains(&b'/') {
                flags |= G_SLASH;
            }
        } else {
            let (mut dot, mut space, mut newlines) = (0, false, 0);
            // Phone separators: chars, spaces, dashes, parentheses, other chars.
            let (mut n, mut sp, mut dash, mut open, mut close, mut other) = (0, 0, 0, 0, 0, 0);
            for c in g.chars() {
                n += 1;
                match c {
                    '!' | '?' | ';' | '…' | '|' => flags |= G_STOP,
                    '\n' => {
                        newlines += 1;
                        space = true;
                    }
                    '.' => dot += 1,
                    '-' | '–' => dash += 1,
                    '(' => open += 1,
                    ')' => close += 1,
                    c if is_space_like(c) => {
                        space = true;
                        sp += 1;
                    }
                    c if c.is_whitespace() => space = true,
                    '/' => flags |= G_SLASH,
                    _ => {}
                }
                if !matches!(c, '-' | '–' | '(' | ')' | '.') && !is_space_like(c) {
                    other += 1;
                }
            }
            if newlines > 1 {
                flags |= G_STOP;
            }
            if dot > 0 && space {
                flags |= G_DOT_SPACE;
            }
            if other == 0
                && n <= 3
                && dash <= 1
                && open <= 1
                && close <= 1
                && sp <= 2
                && (dot == 0 || n == 1)
            {
                flags |= G_PHONE;
            }
        }
        if g.chars()
            .rev()
            .take(3)
            .find(|c| !is_space_like(*c))
            .is_some_and(is_currency)
        {
            flags |= G_CURRENCY;
        }
        Gap {
            len: u32::try_from(g.len()).unwrap_or(u32::MAX),
            single,
            first,
            last,
            flags,
        }
    }

    /// `Gap::of` for a short ASCII gap of at least two bytes.
    fn of_ascii(g: &[u8]) -> Gap {
        let (mut dot, mut space, mut newlines, mut sp, mut dash, mut open, mut close, mut other) =
            (0, false, 0, 0, 0, 0, 0, 0);
        let mut flags = 0;
        for &c in g {
            match c {
                b'!' | b'?' | b';' | b'|' => {
                    flags |= G_STOP;
                    other += 1;
                }
                b'\n' => {
                    newlines += 1;
                    space = true;
                    other += 1;
                }
                b'.' => dot += 1,
                b'-' => dash += 1,
                b'(' => open += 1,
                b')' => close += 1,
                b' ' => {
                    space = true;
                    sp += 1;
                }
                b'/' => {
                    flags |= G_SLASH;
                    other += 1;
                }
                c if c.is_ascii_whitespace() => {
                    space = true;
                    other += 1;
                }
                _ => other += 1,
            }
        }
        let n = g.len();
        if newlines > 1 {
            flags |= G_STOP;
        }
        if dot > 0 && space {
            flags |= G_DOT_SPACE;
        }
        if other == 0
            && n <= 3
            && dash <= 1
            && open <= 1
            && close <= 1
            && sp <= 2
            && (dot == 0 || n == 1)
        {
            flags |= G_PHONE;
        }
        if g.iter().rev().take(3).find(|&&c| c != b' ') == Some(&b'$') {
            flags |= G_CURRENCY;
        }
        let first = g.first().map_or('\0', |&c| char::from(c));
        let last = g.last().map_or('\0', |&c| char::from(c));
        Gap {
            len: n as u32,
            single: if n == 1 { first } else { '\0' },
            first,
            last,
            flags,
        }
    }

    pub(super) fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// A single space or dash: joins card or account digit groups.
    pub(super) fn is_space_or_dash(&self) -> bool {
        self.single == '-' || self.single == '–' || is_space_like(self.single)
    }

    /// Joins a document series to its number: a space, a dash or a slash.
    pub(super) fn joins_series(&self) -> bool {
        self.is_space_or_dash() || self.single == '/'
    }
}

/// Byte classes for the tokenizer: 0 gap, 1 letter (or `_`), 2 digit, 3 non-ASCII.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_digit() {
            2
        } else if b.is_ascii_alphabetic() || b == b'_' {
            1
        } else if b >= 0x80 {
            3
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Whether the non-ASCII char at byte `i` (a char boundary) is a word char, and its length.
fn word_char_at(text: &str, b: &[u8], i: usize) -> (bool, usize) {
    if (0xD0..=0xD3).contains(&b[i]) && b.get(i + 1).is_some_and(|&n| n & 0xC0 == 0x80) {
        // U+0400..U+04FF: Cyrillic letters (and combining marks, part of a word too). Like
        // `is_word_char`'s fast path this also takes the thousands sign U+0482, which
        // `is_pii_word_char` (the test of the char after a number: `followed_by_unit`,
        // `try_card`) leaves out.
        return (true, 2);
    }
    let ch = text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
    (is_word_char(ch), ch.len_utf8())
}

/// Splits `text` into `words`. ASCII and Cyrillic take a fast path. Returns whether the text
/// may hold a URL (a `/` between words or a `www` word).
pub(super) fn tokenize(text: &str, words: &mut Vec<Word>) -> bool {
    let b = text.as_bytes();
    words.clear();
    words.reserve(b.len() / 6 + 4);
    let mut maybe_url = false;
    let mut i = 0;
    while i < b.len() {
        let gap_start = i;
        while i < b.len() {
            match CLASS[usize::from(b[i])] {
                0 => i += 1,
                3 => {
                    let (word, len) = word_char_at(text, b, i);
                    if word {
                        break;
                    }
                    i += len;
                }
                _ => break,
            }
        }
        if i >= b.len() {
            break;
        }
        let start = i;
        let (mut chars, mut digits) = (0u32, 0u32);
        while i < b.len() {
            match CLASS[usize::from(b[i])] {
                0 => break,
                1 => i += 1,
                2 => {
                    digits = digits.saturating_add(1);
                    i += 1;
                }
                _ => {
                    let (word, len) = word_char_at(text, b, i);
                    if !word {
                        break;
                    }
                    i += len;
                }
            }
            chars = chars.saturating_add(1);
        }
        let gap = Gap::of(text.get(gap_start..start).unwrap_or(""));
        maybe_url |= gap.has(G_SLASH) || (chars == 3 && b[start..i].eq_ignore_ascii_case(b"www"));
        words.push(Word {
            start,
            end: i,
            chars,
            digits,
            gap,
        });
    }
    maybe_url
}
