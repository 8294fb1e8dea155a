//! Tokenizer: splits a mention into words, numbers, links, @handles, #hashtags, emoji,
//! emoticons and punctuation, and builds the normalized form every classifier reads.
//!
//! Normalization (per character, no allocation per token): lower case; `ё` → `е`; Romanian
//! diacritics folded (`ă â` → `a`, `î` → `i`, `ș ş` → `s`, `ț ţ` → `t`, because half of
//! Romanian social text is written without them); combining marks (zalgo) and zero-width
//! characters dropped. Compatibility forms (full-width, mathematical bold letters) are folded
//! by NFKC first, only when the text contains any.
//!
//! One pass, linear in the text; all token texts live in one shared `String`.

use unicode_normalization::UnicodeNormalization;

pub use crate::chars::is_invisible;
use crate::chars::is_word_char;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (and digits mixed with letters), with inner `'` or `-`.
    Word,
    /// Digits only (with inner `.`, `,` or `:`).
    Number,
    /// `http…`, `www.…` or a bare `name.tld/…`.
    Url,
    /// `@handle`.
    Mention,
    /// `#hashtag`; its text is the tag without `#`.
    Hashtag,
    /// One emoji (modifiers dropped).
    Emoji,
    /// A text emoticon: `:)` `)))` `:(` `(((`; text is `:)` or `:(`.
    Emoticon,
    /// A run of `!` and/or `?`; text is the run collapsed (`!`, `?`, `!!`, `??`, `?!`).
    Mark,
    /// A clause boundary: `.` `,` `;` `:` `—` and the like; text is `,` for a comma, else `.`.
    Break,
}

/// One token: its kind, its byte span in the analysed text and its normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    /// Byte span in the analysed text (after NFKC, if it was applied).
    pub start: u32,
    pub end: u32,
    norm_start: u32,
    norm_end: u32,
    /// The token was written in capitals (a word of 2+ letters, all upper case).
    pub caps: bool,
    /// Whitespace (or the start of the text) comes right before the token: `ли` in
    /// "будет ли" is a word, in "ЗАЕ**ЛИ" the tail of a masked one.
    pub spaced: bool,
}

/// The tokens of one text, reusable across texts to avoid allocation.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    norm: String,
    toks: Vec<Token>,
    spaced: bool,
    /// Letters seen, and of those upper case (for the CAPS share).
    pub letters: u32,
    pub upper: u32,
}

impl Tokens {
    pub fn new() -> Self {
        Self::default()
    }

    /// The tokens in order.
    pub fn tokens(&self) -> &[Token] {
        &self.toks
    }

    /// The normalized text of `t`.
    pub fn text(&self, t: &Token) -> &str {
        self.norm
            .get(t.norm_start as usize..t.norm_end as usize)
            .unwrap_or("")
    }

    /// Tokenize `text`, replacing what was there.
    pub fn fill(&mut self, text: &str) {
        self.norm.clear();
        self.toks.clear();
        self.letters = 0;
        self.upper = 0;
        if needs_nfkc(text) {
            let folded: String = text.nfkc().collect();
            self.scan(&folded);
        } else {
            self.scan(text);
        }
    }

    fn push(&mut self, kind: TokKind, start: usize, end: usize, norm_start: usize, caps: bool) {
        // Texts over 4 GiB are cut by the caller long before this; saturate anyway.
        let c = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        let spaced = std::mem::take(&mut self.spaced);
        self.toks.push(Token {
            spaced,
            kind,
            start: c(start),
            end: c(end),
            norm_start: c(norm_start),
            norm_end: c(self.norm.len()),
            caps,
        });
    }

    fn scan(&mut self, text: &str) {
        let b = text.as_bytes();
        let mut i = 0;
        self.spaced = true;
        while i < b.len() {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let clen = c.len_utf8();
            if c.is_whitespace() || (!c.is_ascii() && is_invisible(c)) {
                self.spaced |= c.is_whitespace();
                i += clen;
                continue;
            }
            // Links.
            if (c == 'h' || c == 'H' || c == 'w' || c == 'W') && starts_url(&b[i..]) {
                let end = scan_until_space(text, i);
                let ns = self.norm.len();
                self.norm.push_str("URL");
                self.push(TokKind::Url, i, end, ns, false);
                i = end;
                continue;
            }
            if c == '@' || c == '#' {
                let end = scan_word(text, i + 1);
                if end > i + 1 {
                    let ns = self.norm.len();
                    let kind = if c == '@' {
                        self.norm.push('@');
                        TokKind::Mention
                    } else {
                        TokKind::Hashtag
                    };
                    self.push_norm(&text[i + 1..end]);
                    self.push(kind, i, end, ns, false);
                    i = end;
                    continue;
                }
            }
            if is_word_char(c) {
                let end = scan_word(text, i);
                let word = &text[i..end];
                // A bare domain link (`site.ru/x`, `bit.ly/abc`) or an e-mail address.
                if let Some(link_end) = bare_link_end(text, end) {
                    let ns = self.norm.len();
                    self.norm.push_str("URL");
                    self.push(TokKind::Url, i, link_end, ns, false);
                    i = link_end;
                    continue;
                }
                let ns = self.norm.len();
                let (letters, upper) = self.push_norm(word);
                self.letters += letters;
                self.upper += upper;
                let kind = if letters == 0 {
                    TokKind::Number
                } else {
                    TokKind::Word
                };
                self.push(kind, i, end, ns, letters >= 2 && upper == letters);
                i = end;
                continue;
            }
            if c == '!' || c == '?' {
                let mut end = i;
                let (mut ex, mut q) = (0u32, 0u32);
                while end < b.len() && (b[end] == b'!' || b[end] == b'?') {
                    if b[end] == b'!' {
                        ex += 1
                    } else {
                        q += 1
                    }
                    end += 1;
                }
                let ns = self.norm.len();
                self.norm.push_str(match (ex, q) {
                    (0, 1) => "?",
                    (0, _) => "??",
                    (1, 0) => "!",
                    (_, 0) => "!!",
                    _ => "?!",
                });
                self.push(TokKind::Mark, i, end, ns, false);
                i = end;
                continue;
            }
            if let Some((end, positive)) = emoticon(b, i) {
                let ns = self.norm.len();
                self.norm.push_str(if positive { ":)" } else { ":(" });
                self.push(TokKind::Emoticon, i, end, ns, false);
                i = end;
                continue;
            }
            if is_emoji(c) {
                let ns = self.norm.len();
                self.norm.push(c);
                let mut end = i + clen;
                // Skin tones, variation selectors and joined sequences stay with the emoji.
                while let Some(n) = text[end..].chars().next() {
                    if is_emoji_modifier(n) {
                        end += n.len_utf8();
                    } else if n == '\u{200D}' {
                        end += n.len_utf8();
                        if let Some(j) = text[end..].chars().next()
                            && is_emoji(j)
                        {
                            end += j.len_utf8();
                        }
                    } else {
                        break;
                    }
                }
                self.push(TokKind::Emoji, i, end, ns, false);
                i = end;
                continue;
            }
            if matches!(
                c,
                '.' | ',' | ';' | ':' | '—' | '–' | '(' | ')' | '…' | '"' | '«' | '»'
            ) {
                if self.toks.last().map(|t| t.kind) != Some(TokKind::Break) {
                    let ns = self.norm.len();
                    // A comma joins clauses of one sentence; the rest end one.
                    self.norm.push(if c == ',' { ',' } else { '.' });
                    self.push(TokKind::Break, i, i + clen, ns, false);
                }
                i += clen;
                continue;
            }
            i += clen;
        }
    }

    /// Append the normalized form of `s`; returns (letters, upper-case letters).
    fn push_norm(&mut self, s: &str) -> (u32, u32) {
        let (mut letters, mut upper) = (0, 0);
        for c in s.chars() {
            let (alpha, up) = if c.is_ascii() {
                (c.is_ascii_alphabetic(), c.is_ascii_uppercase())
            } else if ('а'..='я').contains(&c) {
                (true, false)
            } else if ('А'..='Я').contains(&c) {
                (true, true)
            } else {
                (c.is_alphabetic(), c.is_uppercase())
            };
            if alpha {
                letters += 1;
                if up {
                    upper += 1;
                }
            }
            fold_into(c, &mut self.norm);
        }
        (letters, upper)
    }
}

/// Append the folded lower-case form of `c` to `out` (see the module doc).
pub fn fold_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Fast path for the Cyrillic block (no table lookups).
    match c {
        'а'..='я' => return out.push(c),
        'А'..='Я' => return out.push(char::from_u32(c as u32 + 32).unwrap_or(c)),
        _ => {}
    }
    match c {
        'ё' | 'Ё' => out.push('е'),
        'ă' | 'Ă' | 'â' | 'Â' => out.push('a'),
        'î' | 'Î' => out.push('i'),
        'ș' | 'Ș' | 'ş' | 'Ş' => out.push('s'),
        'ț' | 'Ț' | 'ţ' | 'Ţ' => out.push('t'),
        '’' | 'ʼ' | '`' => out.push('\''),
        c if is_invisible(c) => {}
        c => {
            for l in c.to_lowercase() {
                out.push(l);
            }
        }
    }
}

fn needs_nfkc(text: &str) -> bool {
    // Every character these ranges hold is 3 or 4 bytes long: skip texts without such bytes.
    if !text.bytes().any(|b| b >= 0xE0) {
        return false;
    }
    text.chars().any(|c| {
        matches!(c as u32, 0xFF00..=0xFFEF | 0x1D400..=0x1D7FF | 0xFB00..=0xFB06 | 0x2460..=0x24FF)
    })
}

/// A word runs over letters, digits, combining marks, and inner `'`, `’`, `-` followed by a letter.
fn scan_word(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut it = text[start..].char_indices().peekable();
    while let Some((off, c)) = it.next() {
        if is_word_char(c) || c == '_' || (!c.is_ascii() && is_invisible(c)) {
            end = start + off + c.len_utf8();
        } else if matches!(c, '\'' | '’' | '-' | 'ʼ') && end > start {
            match it.peek() {
                Some(&(_, n)) if is_word_char(n) => end = start + off + c.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

fn scan_until_space(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(text.len(), |(o, _)| start + o)
}

fn starts_url(b: &[u8]) -> bool {
    let p = |s: &[u8]| b.len() >= s.len() && b[..s.len()].eq_ignore_ascii_case(s);
    p(b"http://") || p(b"https://") || p(b"www.")
}

const TLDS: &[&str] = &[
    "com", "ru", "net", "org", "ro", "io", "ly", "me", "info", "biz", "xyz", "top", "club", "site",
    "online", "shop", "md", "ua", "co", "us", "uk", "de", "su", "рф", "gl", "cc", "app", "link",
    "store", "pro", "eu", "by", "kz",
];

/// If a word ending at `end` continues as `.tld` (optionally `/path`) or `@domain`, the end of
/// that link or address.
fn bare_link_end(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let (sep, after) = match rest.chars().next()? {
        '.' => ('.', &rest[1..]),
        '@' => ('@', &rest[1..]),
        _ => return None,
    };
    let tld_end = after
        .char_indices()
        .find(|&(_, c)| !crate::chars::is_letter_or_digit(c))
        .map_or(after.len(), |(o, _)| o);
    let tld = &after[..tld_end];
    if sep == '.' {
        let lower = tld.to_lowercase();
        if !TLDS.contains(&lower.as_str()) {
            return None;
        }
        // "site.ru" alone, or followed by a path, or by another label.
        let next = after[tld_end..].chars().next();
        if matches!(next, Some(c) if crate::chars::is_letter_or_digit(c)) {
            return None;
        }
    } else if tld.is_empty() || !after[tld_end..].starts_with('.') {
        return None;
    }
    let stop = end + 1;
    let link_end = scan_until_space(text, stop);
    // Trailing punctuation belongs to the sentence.
    let trimmed = text[..link_end].trim_end_matches(['.', ',', '!', '?', ')', ';', ':']);
    Some(trimmed.len().max(stop + tld_end))
}

fn emoticon(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let at = |k: usize| b.get(i + k).copied();
    match at(0)? {
        b':' | b';' | b'=' => {
            let mut k = 1;
            if matches!(at(k), Some(b'-' | b'\'')) {
                k += 1;
            }
            match at(k)? {
                b')' | b'D' | b']' | b'P' | b'p' | b'*' => Some((run(b, i + k, at(k)?), true)),
                b'(' | b'[' | b'/' => Some((run(b, i + k, at(k)?), false)),
                _ => None,
            }
        }
        // Russian-style `))` and `((`.
        b')' if at(1) == Some(b')') => Some((run(b, i, b')'), true)),
        b'(' if at(1) == Some(b'(') => Some((run(b, i, b'('), false)),
        _ => None,
    }
}

fn run(b: &[u8], mut i: usize, c: u8) -> usize {
    while b.get(i) == Some(&c) {
        i += 1;
    }
    i
}

/// Emoji and pictographs (the blocks social text uses).
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F300..=0x1FAFF | 0x2600..=0x27BF | 0x1F000..=0x1F2FF | 0x2B00..=0x2BFF
        | 0x2190..=0x21FF | 0x2300..=0x23FF | 0x3030 | 0x303D | 0x3297 | 0x3299 | 0x2122 | 0x00A9 | 0x00AE)
}

fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0x1F3FB..=0x1F3FF | 0xFE0E | 0xFE0F | 0xE0020..=0xE007F | 0x20E3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(TokKind, String)> {
        let mut t = Tokens::new();
        t.fill(s);
        t.tokens()
            .iter()
            .map(|k| (k.kind, t.text(k).to_string()))
            .collect()
    }

    #[test]
    fn words_are_lowercased_and_folded() {
        let t = toks("Ёлки, ȘTIU că NU merge!!!");
        assert_eq!(t[0], (TokKind::Word, "елки".into()));
        assert_eq!(t[1].0, TokKind::Break);
        assert_eq!(t[2], (TokKind::Word, "stiu".into()));
        assert_eq!(t[3], (TokKind::Word, "ca".into()));
        assert_eq!(t.last().map(|x| x.1.as_str()), Some("!!"));
    }

    #[test]
    fn links_handles_hashtags_and_emails() {
        let t =
            toks("@MTS_support глянь https://t.co/abc?x=1 #облачко и vk.com/page, ivan@mail.ru");
        let kinds: Vec<_> = t.iter().map(|x| x.0).collect();
        assert_eq!(
            kinds,
            vec![
                TokKind::Mention,
                TokKind::Word,
                TokKind::Url,
                TokKind::Hashtag,
                TokKind::Word,
                TokKind::Url,
                TokKind::Break,
                TokKind::Url
            ]
        );
        assert_eq!(t[0].1, "@mts_support");
        assert_eq!(t[3].1, "облачко");
    }

    #[test]
    fn question_marks_inside_links_are_not_marks() {
        let t = toks("see https://x.com/a?b=c");
        assert!(t.iter().all(|x| x.0 != TokKind::Mark));
    }

    #[test]
    fn emoji_and_emoticons() {
        let t = toks("спасибо 👏🏽 :) ну((( 👨‍👩‍👧");
        assert_eq!(t[1], (TokKind::Emoji, "👏".into()));
        assert_eq!(t[2], (TokKind::Emoticon, ":)".into()));
        assert_eq!(t[4], (TokKind::Emoticon, ":(".into()));
        assert_eq!(t[5].0, TokKind::Emoji);
        assert_eq!(t.len(), 6);
    }

    #[test]
    fn zalgo_and_zero_width_are_dropped() {
        let t = toks("h\u{0336}e\u{0301}l\u{200B}lo");
        assert_eq!(t, vec![(TokKind::Word, "hello".into())]);
    }

    #[test]
    fn fullwidth_and_math_letters_fold() {
        let t = toks("ｆｒｅｅ 𝐦𝐨𝐧𝐞𝐲");
        assert_eq!(t[0].1, "free");
        assert_eq!(t[1].1, "money");
    }

    #[test]
    fn caps_are_counted() {
        let mut t = Tokens::new();
        t.fill("ВЕРНИТЕ деньги OK");
        assert!(t.tokens()[0].caps);
        assert!(!t.tokens()[1].caps);
        assert_eq!(t.upper, 9);
    }

    #[test]
    fn inner_apostrophes_and_hyphens_stay_in_words() {
        let t = toks("don't кто-то intr-un -x");
        assert_eq!(t[0].1, "don't");
        assert_eq!(t[1].1, "кто-то");
        assert_eq!(t[2].1, "intr-un");
        assert_eq!(t[3].1, "x");
    }
}
