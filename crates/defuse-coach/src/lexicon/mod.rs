//! The matcher that finds the check's phrases in a draft's tokens; the phrase tables, per rule and
//! language (Russian, English, Romanian), are in `tables.rs`.
//!
//! A pattern is words separated by spaces, written as a person would (diacritics, ё and case are
//! folded when the table is built):
//! - `word` matches that word exactly; `stem*` any word starting with the stem (Russian and
//!   Romanian inflection: `виноват*` covers виноваты, виновата…); `*ti` any word ending so;
//! - `a|b` either; `..` up to three words of anything; `^` (first) the start of a sentence.
//!
//! A match never crosses a sentence. Patterns are indexed by the first two letters of their first
//! word, so each word of a draft tries only the few patterns that can start there: the scan is
//! linear in the draft.

use crate::text::{Text, TokKind};
use defuse_text::tokenize::fold_into;
use std::collections::HashMap;
use std::sync::OnceLock;

mod tables;
use tables::TABLE;

/// What a phrase is evidence of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    /// RC1: thanks.
    Thanks,
    /// RC1: an apology or regret.
    Apology,
    /// Formulas that carry no substance (greetings, empathy, farewells) [RC2].
    Formula,
    /// RC2: incompetence or deflection.
    Incompetence,
    /// RC3: a solution, next step or channel.
    Step,
    /// RC11: a move to private messages or another private channel.
    Private,
    /// RC4: an aggressive, defensive, sarcastic or vengeful phrase.
    Aggressive,
    /// RC4: an insult.
    Insult,
    /// RC5: accusing the customer.
    Accuse,
    /// RC6: a discount, bonus, promo code or voucher offered.
    Compensation,
    /// RC6: an explanation of what went wrong or what was done about it.
    Explanation,
    /// RC7: a personal opinion.
    Opinion,
    /// RC7: the agent's own emotion.
    Emotion,
    /// RC9: humour.
    Humour,
    /// RC11: a request verb (write, send, tell us…).
    Ask,
    /// RC11: data never to be asked in public: cards, identity documents, full account numbers.
    Confidential,
    /// RC11: secrets never to be asked at all: passwords, PINs, CVV, one-time codes.
    Secret,
    /// RC11: personal data better asked in private: order, phone, address, e-mail, full name.
    Personal,
    /// T2: local questions (where, when, with whom).
    LocalQuestion,
    /// T3: a reminder of the community rules (the one acceptable reply to a troll).
    CommunityRules,
}

/// One word slot of a pattern.
#[derive(Debug, Clone)]
enum Atom {
    Exact(String),
    Prefix(String),
    Suffix(String),
}

impl Atom {
    fn matches(&self, w: &str) -> bool {
        match self {
            Atom::Exact(s) => w == s,
            Atom::Prefix(s) => w.starts_with(s.as_str()),
            Atom::Suffix(s) => w.len() > s.len() && w.ends_with(s.as_str()),
        }
    }
}

#[derive(Debug, Clone)]
enum Slot {
    Word(Vec<Atom>),
    /// Up to this many words of anything.
    Gap(u8),
}

#[derive(Debug)]
struct Pattern {
    tag: Tag,
    anchored: bool,
    slots: Vec<Slot>,
}

/// A phrase found in a draft: token indices `[first, last]` inclusive.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub tag: Tag,
    pub first: usize,
    pub last: usize,
}

pub struct Lexicon {
    pats: Vec<Pattern>,
    /// Patterns by the first two chars (or the whole, if shorter) of their first atoms.
    by_head: HashMap<String, Vec<u32>>,
    /// Patterns whose first atom is a suffix (`*ti`), tried on every word.
    any_head: Vec<u32>,
}

fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        fold_into(c, &mut out);
    }
    out
}

fn head(s: &str) -> String {
    s.chars().take(2).collect()
}

fn parse_atom(a: &str) -> Atom {
    if let Some(rest) = a.strip_prefix('*') {
        Atom::Suffix(fold(rest))
    } else if let Some(stem) = a.strip_suffix('*') {
        Atom::Prefix(fold(stem))
    } else {
        Atom::Exact(fold(a))
    }
}

impl Lexicon {
    fn build() -> Lexicon {
        let mut pats = Vec::with_capacity(TABLE.len());
        let mut by_head: HashMap<String, Vec<u32>> = HashMap::new();
        let mut any_head = Vec::new();
        for &(tag, src) in TABLE {
            let mut anchored = false;
            let mut slots = Vec::new();
            for w in src.split_whitespace() {
                if w == "^" {
                    anchored = true;
                } else if w == ".." {
                    slots.push(Slot::Gap(3));
                } else {
                    // "сч?та": a letter that may be written two ways is listed as both.
                    let mut atoms = Vec::new();
                    for alt in w.split('|') {
                        if alt.contains('?') {
                            for l in ["е", "ё"] {
                                atoms.push(parse_atom(&alt.replace('?', l)));
                            }
                        } else {
                            atoms.push(parse_atom(alt));
                        }
                    }
                    slots.push(Slot::Word(atoms));
                }
            }
            let id = u32::try_from(pats.len()).unwrap_or(u32::MAX);
            if let Some(Slot::Word(first)) = slots.first() {
                let mut heads: Vec<String> = Vec::new();
                let mut any = false;
                for a in first {
                    match a {
                        Atom::Exact(s) | Atom::Prefix(s) => heads.push(head(s)),
                        Atom::Suffix(_) => any = true,
                    }
                }
                if any {
                    any_head.push(id);
                } else {
                    heads.sort();
                    heads.dedup();
                    for h in heads {
                        by_head.entry(h).or_default().push(id);
                    }
                }
            }
            pats.push(Pattern {
                tag,
                anchored,
                slots,
            });
        }
        Lexicon {
            pats,
            by_head,
            any_head,
        }
    }

    /// The shared table, built once.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::build)
    }

    /// Every phrase of the table found in `text`, in order of their first word. Overlapping
    /// phrases of different tags are all reported.
    pub fn scan(&self, text: &Text) -> Vec<Hit> {
        let mut hits = Vec::new();
        let toks = &text.toks;
        let mut seen: Vec<(Tag, usize)> = Vec::new();
        for i in 0..toks.len() {
            if toks[i].kind != TokKind::Word {
                continue;
            }
            let w = toks[i].norm.as_str();
            // The first one and two chars of the word, as slices (no allocation).
            let mut ends = w.char_indices().map(|(k, c)| k + c.len_utf8());
            let e1 = ends.next().unwrap_or(0);
            let e2 = ends.next().unwrap_or(e1);
            let (h1, h2) = (&w[..e1], &w[..e2]);
            seen.clear();
            let lists = [
                self.by_head.get(h2).map(Vec::as_slice).unwrap_or(&[]),
                if h1 != h2 {
                    self.by_head.get(h1).map(Vec::as_slice).unwrap_or(&[])
                } else {
                    &[]
                },
                self.any_head.as_slice(),
            ];
            for &id in lists.into_iter().flatten() {
                let Some(p) = self.pats.get(id as usize) else {
                    continue;
                };
                if p.anchored && i > 0 && toks[i - 1].sentence == toks[i].sentence {
                    continue;
                }
                if let Some(last) = match_at(&p.slots, text, i, toks[i].sentence)
                    && !seen.contains(&(p.tag, last))
                {
                    seen.push((p.tag, last));
                    hits.push(Hit {
                        tag: p.tag,
                        first: i,
                        last,
                    });
                }
            }
        }
        hits
    }
}

/// The last token index of a match of `slots` starting at token `i`, if any. Bounded
/// backtracking: at most four choices per gap and a handful of slots per pattern.
fn match_at(slots: &[Slot], text: &Text, i: usize, sentence: u32) -> Option<usize> {
    let (first, rest) = slots.split_first()?;
    let tok = text.toks.get(i)?;
    if tok.sentence != sentence || tok.kind != TokKind::Word {
        return None;
    }
    match first {
        Slot::Word(atoms) => {
            if !atoms.iter().any(|a| a.matches(&tok.norm)) {
                return None;
            }
            if rest.is_empty() {
                return Some(i);
            }
            match_at(rest, text, i + 1, sentence)
        }
        Slot::Gap(n) => {
            for k in 0..=usize::from(*n) {
                if let Some(end) = match_at(rest, text, i + k, sentence) {
                    return Some(end);
                }
                // A gap does not run past the sentence.
                if text.toks.get(i + k).is_none_or(|t| t.sentence != sentence) {
                    break;
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        Lexicon::get()
            .scan(&Text::new(s))
            .into_iter()
            .map(|h| h.tag)
            .collect()
    }

    #[test]
    fn inflection_diacritics_and_gaps() {
        // RC5
        assert!(tags("Вы сами ВИНОВАТЫ").contains(&Tag::Accuse));
        assert!(tags("Trebuia să citiți condițiile").contains(&Tag::Accuse));
        assert!(tags("Trebuia sa cititi conditiile").contains(&Tag::Accuse));
        // RC2
        assert!(tags("Мы, к сожалению, не понимаем вашу проблему").contains(&Tag::Incompetence));
        assert!(tags("Nu știm").contains(&Tag::Incompetence));
        assert!(tags("nu stim").contains(&Tag::Incompetence));
        // A gap does not cross a sentence.
        assert!(!tags("Надо было. Читать").contains(&Tag::Accuse));
    }

    #[test]
    fn anchors() {
        // RC7
        assert!(tags("Sincer, m-am săturat").contains(&Tag::Opinion));
        assert!(!tags("Ne cerem sincer scuze").contains(&Tag::Opinion));
    }
}
