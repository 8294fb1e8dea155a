//! One pass over a draft: words with their byte spans and folded forms (lower case, ё→е,
//! Romanian diacritics folded), sentence numbers, and whether a word sits inside quotation marks.
//! Links are one token. Linear in the text.

use defuse_text::tokenize::fold_into;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    /// `http://…`, `https://…`, `www.…`: a link as one token.
    Url,
}

/// One token of a draft.
#[derive(Debug, Clone)]
pub struct Tok {
    pub kind: TokKind,
    /// Byte span in the draft, on char boundaries.
    pub start: usize,
    pub end: usize,
    /// Folded lower-case text.
    pub norm: String,
    /// Sentence number: sentences end at `.`, `!`, `?`, `;`, `…` and line breaks.
    pub sentence: u32,
    /// Inside «…», “…”, „…“ or "…": the customer's words quoted back.
    pub quoted: bool,
    /// Letters in the word, and of those upper case.
    pub letters: u16,
    pub upper: u16,
}

/// The tokens of a draft.
#[derive(Debug, Default)]
pub struct Text {
    pub toks: Vec<Tok>,
}

/// A letter or digit, or an invisible mark inside a word (the shared classes of
/// `defuse_text::chars`).
fn word_char(c: char) -> bool {
    defuse_text::chars::is_letter_or_digit(c) || defuse_text::chars::is_invisible(c)
}

fn starts_url(rest: &str) -> bool {
    let head = rest.get(..8).unwrap_or(rest);
    let low = head.to_ascii_lowercase();
    low.starts_with("http://") || low.starts_with("https://") || low.starts_with("www.")
}

impl Text {
    pub fn new(draft: &str) -> Text {
        let mut toks: Vec<Tok> = Vec::new();
        let mut sentence = 0u32;
        let mut quoted = false;
        let mut it = draft.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_alphanumeric() {
                if starts_url(&draft[i..]) {
                    let mut end = draft.len();
                    for (j, d) in draft[i..].char_indices() {
                        if d.is_whitespace() || matches!(d, '«' | '»' | '"' | '“' | '”') {
                            end = i + j;
                            break;
                        }
                    }
                    // A link's trailing full stop or comma is punctuation.
                    while end > i && draft[..end].ends_with(['.', ',', ')', ';', '!', '?']) {
                        end -= 1;
                    }
                    while let Some(&(j, _)) = it.peek() {
                        if j >= end {
                            break;
                        }
                        it.next();
                    }
                    toks.push(Tok {
                        kind: TokKind::Url,
                        start: i,
                        end,
                        norm: draft[i..end].to_ascii_lowercase(),
                        sentence,
                        quoted,
                        letters: 0,
                        upper: 0,
                    });
                    continue;
                }
                let mut norm = String::new();
                let (mut letters, mut upper) = (0u16, 0u16);
                let mut end = i + c.len_utf8();
                let mut count = |c: char, norm: &mut String| {
                    if c.is_alphabetic() {
                        letters = letters.saturating_add(1);
                        if c.is_uppercase() {
                            upper = upper.saturating_add(1);
                        }
                    }
                    fold_into(c, norm);
                };
                count(c, &mut norm);
                loop {
                    match it.peek() {
                        Some(&(j, d)) if word_char(d) => {
                            it.next();
                            count(d, &mut norm);
                            end = j + d.len_utf8();
                        }
                        // Inner apostrophes and hyphens: "don't", "по-моему", "ne-ați".
                        Some(&(j, d)) if matches!(d, '\'' | '’' | 'ʼ' | '-' | '‑') => {
                            let next = draft[j + d.len_utf8()..].chars().next();
                            if next.is_some_and(|n| n.is_alphanumeric()) {
                                it.next();
                                norm.push(if d == '-' || d == '‑' { '-' } else { '\'' });
                                end = j + d.len_utf8();
                            } else {
                                break;
                            }
                        }
                        _ => break,
                    }
                }
                toks.push(Tok {
                    kind: TokKind::Word,
                    start: i,
                    end,
                    norm,
                    sentence,
                    quoted,
                    letters,
                    upper,
                });
                continue;
            }
            match c {
                '.' | '!' | '?' | ';' | '…' | '\n' => sentence = sentence.saturating_add(1),
                '«' | '“' | '„' => quoted = true,
                '»' | '”' => quoted = false,
                '"' => quoted = !quoted,
                _ => {}
            }
            // A quotation never spans sentences: an unmatched mark does not hide the rest.
            if matches!(c, '!' | '?' | '\n') {
                quoted = false;
            }
        }
        Text { toks }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_spans_and_sentences() {
        let t = Text::new("Ёлки, по-моему НЕ ТАК! See https://x.example/a. Don’t «вы сами» ne-ați");
        let norms: Vec<&str> = t.toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            norms,
            [
                "елки",
                "по-моему",
                "не",
                "так",
                "see",
                "https://x.example/a",
                "don't",
                "вы",
                "сами",
                "ne-ati"
            ]
        );
        assert_eq!(t.toks[3].sentence, 0);
        assert_eq!(t.toks[4].sentence, 1);
        assert!(t.toks[7].quoted && !t.toks[6].quoted);
        assert_eq!(t.toks[2].upper, 2);
    }
}
