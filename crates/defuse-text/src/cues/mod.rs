//! Cue lexicons: short phrases in Russian, Ukrainian, English and Romanian that mark a failure,
//! lost time or money, a demand, thanks, negation, intensity, a question, an insult or a spam
//! offer. Rules (question [L2], spam [T4], kind [T1–T6], emotion [A7], sarcasm) and the learned
//! models (as features) both read them.
//!
//! A phrase is a sequence of token patterns matched against the normalized tokens; a pattern
//! ending in `*` matches any word with that prefix. Phrases are indexed by the first character
//! of their first pattern, so a text costs a few lookups per token. The phrase lists are in
//! `tables.rs`; this module compiles and matches them.

use crate::lookup::HashIndex;
use crate::tokenize::{TokKind, Tokens};
use std::collections::HashMap;
use std::sync::OnceLock;

mod tables;
use tables::{
    DEMAND, FAIL, INSULT, INTENSIFIER, INTERROGATIVE, IRONY, MONEY, NEGATED_NEGATIVE, NEGATOR,
    NEWS, REQUEST, SPAM_STRONG, SPAM_WEAK, THANKS, TIME,
};

crate::named_enum! {
    /// A category of cue.
    #[derive(PartialOrd, Ord)]
    pub enum Cue {
        /// Something does not work, broke, was lost or refused ("не работает", "nu merge", "broken").
        Fail = "fail",
        /// Time lost ("третий день", "45 min on hold", "de o săptămână").
        Time = "time",
        /// Money lost or charged ("списали", "charged twice", "bani înapoi").
        Money = "money",
        /// A demand ("верните", "refund", "rambursare").
        Demand = "demand",
        /// Thanks or praise words, the raw material of sarcasm ("спасибо", "great", "bravo").
        Thanks = "thanks",
        /// Negators ("не", "not", "nu").
        Negator = "negator",
        /// Intensifiers ("очень", "so", "foarte") [A7].
        Intensifier = "intensifier",
        /// Interrogative words that open a question ("почему", "where", "unde") [L2].
        Interrogative = "interrogative",
        /// Requests that are questions without a question mark ("подскажите", "let me know") [L2].
        Request = "request",
        /// Insults aimed at people ("идиоты", "losers", "proștilor") [T3].
        Insult = "insult",
        /// Strong spam cues: crypto, earnings, casino, giveaways, messenger invites [T4].
        SpamStrong = "spam_strong",
        /// Weak spam cues: free, promo, discount, subscribe [T4].
        SpamWeak = "spam_weak",
        /// Sarcasm markers that invert praise ("ага", "yeah right", "👏" is handled as an emoji).
        Irony = "irony",
        /// A negated negative word: mild praise ("не плохо", "not bad", "nu e rău").
        NegatedNegative = "negated_negative",
        /// News and announcements ("сообщает пресс-служба", "announces", "potrivit presei").
        News = "news",
    }
}

/// A compiled phrase pattern: words, each exact or a prefix.
#[derive(Debug)]
struct Phrase {
    cue: Cue,
    words: Vec<(String, bool)>, // (text, is_prefix)
}

/// All cue phrases, indexed for lookup from a token: a phrase whose first word is exact by that
/// word together with the start of its second word (so the dozens of phrases starting with a
/// common word such as "не" are not all tried), a phrase whose first word is a prefix by the
/// first two characters of that prefix.
#[derive(Debug)]
pub struct CueSet {
    phrases: Vec<Phrase>,
    /// [`exact_key`] of the first word and the second word's [`key`] → phrase indices in list
    /// order.
    exact: HashIndex<Vec<usize>>,
    /// [`prefix_key`] of the first two chars of a prefix first word → phrase indices in order.
    prefix: HashIndex<Vec<usize>>,
}

impl CueSet {
    /// The built-in cue set, compiled once.
    pub fn builtin() -> &'static CueSet {
        static SET: OnceLock<CueSet> = OnceLock::new();
        SET.get_or_init(|| {
            let lists: [(Cue, &[&str]); 15] = [
                (Cue::Fail, FAIL),
                (Cue::Time, TIME),
                (Cue::Money, MONEY),
                (Cue::Demand, DEMAND),
                (Cue::Thanks, THANKS),
                (Cue::Negator, NEGATOR),
                (Cue::Intensifier, INTENSIFIER),
                (Cue::Interrogative, INTERROGATIVE),
                (Cue::Request, REQUEST),
                (Cue::Insult, INSULT),
                (Cue::SpamStrong, SPAM_STRONG),
                (Cue::SpamWeak, SPAM_WEAK),
                (Cue::Irony, IRONY),
                (Cue::NegatedNegative, NEGATED_NEGATIVE),
                (Cue::News, NEWS),
            ];
            let mut phrases = Vec::new();
            for (cue, list) in lists {
                for p in list {
                    let mut words = Vec::new();
                    for w in p.split(' ') {
                        let mut norm = String::new();
                        for c in w.chars() {
                            crate::tokenize::fold_into(c, &mut norm);
                        }
                        match norm.strip_suffix('*') {
                            Some(stem) => words.push((stem.to_string(), true)),
                            None => words.push((norm, false)),
                        }
                    }
                    phrases.push(Phrase { cue, words });
                }
            }
            let mut exact: HashMap<u64, Vec<usize>> = HashMap::new();
            let mut prefix: HashMap<u64, Vec<usize>> = HashMap::new();
            for (i, p) in phrases.iter().enumerate() {
                match p.words.first() {
                    Some((w, true)) => prefix.entry(prefix_key(key(w))).or_default().push(i),
                    Some((w, false)) => {
                        let second = p.words.get(1).map(|w| key(&w.0));
                        exact.entry(exact_key(w, second)).or_default().push(i);
                    }
                    None => {}
                }
            }
            CueSet {
                phrases,
                exact: HashIndex::new(exact),
                prefix: HashIndex::new(prefix),
            }
        })
    }

    /// Every cue in `tokens`: (cue, index of the first token, number of tokens).
    pub fn find(&self, tokens: &Tokens, out: &mut Vec<CueHit>) {
        out.clear();
        let toks = tokens.tokens();
        for (i, t) in toks.iter().enumerate() {
            if !matches!(t.kind, TokKind::Word | TokKind::Number | TokKind::Hashtag) {
                continue;
            }
            let text = tokens.text(t);
            if text.is_empty() {
                continue;
            }
            let wordlike = |t: &crate::tokenize::Token| {
                matches!(t.kind, TokKind::Word | TokKind::Number | TokKind::Hashtag)
            };
            let second = toks
                .get(i + 1)
                .filter(|t| wordlike(t))
                .map(|t| key(tokens.text(t)));
            let find_exact =
                |k: u64| -> &[usize] { self.exact.get(k).map_or(&[][..], Vec::as_slice) };
            // The word's hash once, for both keys (`exact_key` of each, without rehashing).
            let h = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
            let alone = find_exact(h);
            let pair = second.map_or(&[][..], |k2| find_exact(pair_key(h, k2)));
            let pre = self
                .prefix
                .get(prefix_key(key(text)))
                .map_or(&[][..], Vec::as_slice);
            // Try the candidates in list order (each slice is sorted), so hits come out in the
            // order of the lexicons.
            let mut lists = [alone, pair, pre];
            while let Some(pi) = next_in_order(&mut lists) {
                let p = &self.phrases[pi];
                if p.words.len() > toks.len() - i {
                    continue;
                }
                let ok = p.words.iter().enumerate().all(|(k, (w, prefix))| {
                    let tk = &toks[i + k];
                    if !matches!(tk.kind, TokKind::Word | TokKind::Number | TokKind::Hashtag) {
                        return false;
                    }
                    let s = tokens.text(tk);
                    if *prefix {
                        s.starts_with(w.as_str())
                    } else {
                        s == w
                    }
                });
                if ok {
                    out.push(CueHit {
                        cue: p.cue,
                        token: i as u32,
                        len: p.words.len() as u32,
                    });
                }
            }
        }
        // A failure word inside a negated negative ("fara probleme", "no issues") is not a
        // failure.
        let negated: Vec<(u32, u32)> = out
            .iter()
            .filter(|h| h.cue == Cue::NegatedNegative)
            .map(|h| (h.token, h.token + h.len))
            .collect();
        if !negated.is_empty() {
            out.retain(|h| {
                h.cue != Cue::Fail
                    || !negated
                        .iter()
                        .any(|&(a, b)| h.token >= a && h.token + h.len <= b)
            });
        }
    }
}

/// Take the smallest head of three sorted index lists.
fn next_in_order(lists: &mut [&[usize]; 3]) -> Option<usize> {
    let (at, &v) = lists
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.first().map(|v| (i, v)))
        .min_by_key(|&(_, v)| *v)?;
    lists[at] = &lists[at][1..];
    Some(v)
}

/// The index key of an exact first word and, for a phrase of several words, the [`key`] of the
/// second. Collisions only cost a wasted check: every candidate is verified word by word.
fn exact_key(first: &str, second: Option<(char, char)>) -> u64 {
    let h = xxhash_rust::xxh3::xxh3_64(first.as_bytes());
    match second {
        None => h,
        Some(k2) => pair_key(h, k2),
    }
}

/// `exact_key(first, Some((a, b)))` from the xxh3 hash `h` of `first`.
#[inline]
fn pair_key(h: u64, (a, b): (char, char)) -> u64 {
    h ^ (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ 0x5851_F42D_4C95_7F2D
}

/// The prefix index key of a word's first two characters.
fn prefix_key((a, b): (char, char)) -> u64 {
    (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The index key of a word: its first two characters (`\0` for the second of a one-letter
/// word). A prefix pattern is at least two characters long, so a word and every pattern that
/// can match it share the key.
fn key(w: &str) -> (char, char) {
    let mut it = w.chars();
    (it.next().unwrap_or('\0'), it.next().unwrap_or('\0'))
}

/// One cue found: its category and the tokens it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    pub cue: Cue,
    pub token: u32,
    pub len: u32,
}

/// Count of hits per cue, for rules.
#[derive(Debug, Default, Clone, Copy)]
pub struct CueCounts([u8; 15]);

impl CueCounts {
    pub fn from_hits(hits: &[CueHit]) -> Self {
        let mut c = CueCounts::default();
        for h in hits {
            let slot = &mut c.0[h.cue as usize];
            *slot = slot.saturating_add(1);
        }
        c
    }
    pub fn get(&self, cue: Cue) -> u32 {
        u32::from(self.0[cue as usize])
    }
    pub fn has(&self, cue: Cue) -> bool {
        self.get(cue) > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(s: &str) -> Vec<Cue> {
        let mut t = Tokens::new();
        t.fill(s);
        let mut out = Vec::new();
        CueSet::builtin().find(&t, &mut out);
        out.iter().map(|h| h.cue).collect()
    }

    #[test]
    fn finds_failures_in_three_languages() {
        assert!(cues("Интернет не работает").contains(&Cue::Fail));
        assert!(cues("my bag never arrived").contains(&Cue::Fail));
        assert!(cues("Nu merge aplicația").contains(&Cue::Fail));
    }

    #[test]
    fn prefix_patterns_match_inflections() {
        assert!(cues("С меня списали деньги дважды").contains(&Cue::Money));
        assert!(cues("Заработок без вложений").contains(&Cue::SpamStrong));
    }

    #[test]
    fn diacritics_do_not_matter() {
        assert!(cues("nu funcționează").contains(&Cue::Fail));
        assert!(cues("nu functioneaza").contains(&Cue::Fail));
    }

    #[test]
    fn negated_failures_are_not_failures() {
        assert!(!cues("incarca fara probleme").contains(&Cue::Fail));
        assert!(cues("incarca fara probleme").contains(&Cue::NegatedNegative));
        assert!(cues("am avut probleme").contains(&Cue::Fail));
    }

    #[test]
    fn every_prefix_pattern_is_at_least_two_characters() {
        for p in &CueSet::builtin().phrases {
            if let Some((w, prefix)) = p.words.first() {
                assert!(!prefix || w.chars().count() >= 2, "{w}");
            }
        }
    }

    #[test]
    fn plain_text_has_no_spam_cue() {
        let c = cues("Хорошая погода сегодня в Москве");
        assert!(!c.contains(&Cue::SpamStrong) && !c.contains(&Cue::Fail));
    }
}
