//! RC9: no jokes or laughter (a caution, not an error): humour phrases, laughing emoji,
//! `))` runs and `:D`-style smileys outside the customer's quoted words. A single friendly
//! smiley is not humour.

use super::{Checker, MAX_PER_RULE, Severity};
use crate::lexicon::{Hit, Tag};
use crate::messages::Msg;
use defuse_text::chars::is_letter_or_digit;

impl Checker<'_> {
    /// RC9: jokes and laughter (a caution, not an error). A single friendly smiley is not humour.
    pub(super) fn humour(&mut self) {
        let words: Vec<Hit> = self.live(Tag::Humour).copied().collect();
        for h in words {
            let (s, e) = self.span(&h);
            self.push(Msg::Humour, Severity::Warning, s, e);
        }
        let d = self.draft;
        let mut found = Vec::new();
        // Open round brackets not yet closed: "))" closing them is not laughter.
        let mut depth = 0usize;
        // The customer's words quoted back are theirs, smileys included.
        let mut quoted = false;
        let mut it = d.char_indices().peekable();
        while let Some((i, ch)) = it.next() {
            match ch {
                '«' | '“' | '„' => quoted = true,
                '»' | '”' => quoted = false,
                '"' => quoted = !quoted,
                '\n' => quoted = false,
                _ if quoted => {}
                '😂' | '🤣' | '😆' | '😜' | '😝' | '😹' | '🙃' | '😅' | '😄' | '😁' => {
                    found.push((i, i + ch.len_utf8()))
                }
                '(' => depth += 1,
                ')' => {
                    let mut end = i + 1;
                    while let Some(&(j, ')')) = it.peek() {
                        end = j + 1;
                        it.next();
                    }
                    let run = end - i;
                    if depth > 0 {
                        depth = depth.saturating_sub(run);
                    } else if run >= 2 {
                        found.push((i, end));
                    }
                }
                ':' | '=' | 'x' | 'X' => {
                    if let Some(&(j, n)) = it.peek()
                        && ((ch != 'x' && ch != 'X' && n == ')')
                            || (n == 'D' && (ch == ':' || ch == 'x' || ch == 'X')))
                    {
                        let after = d[j + 1..].chars().next();
                        let word_before =
                            d[..i].chars().next_back().is_some_and(is_letter_or_digit);
                        let double = n == ')' && after == Some(')');
                        let laugh = n == 'D' && !after.is_some_and(is_letter_or_digit);
                        if !word_before && (double || laugh) {
                            found.push((i, j + 1 + usize::from(double)));
                        }
                    }
                }
                _ => {}
            }
            if found.len() >= MAX_PER_RULE {
                break;
            }
        }
        for (a, b) in found {
            self.push(Msg::Humour, Severity::Warning, a, b);
        }
    }
}
