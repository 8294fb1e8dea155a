//! Hashed features for the learned classifiers: one extraction per mention, shared by every
//! model head (sentiment, toxicity).
//!
//! - word unigrams, with words in the scope of a negator marked (`не работает` → `¬работает`);
//! - word bigrams (hashes combined, no string built);
//! - character 2–5-grams over the normalized text, words joined by single spaces (so `"т р"`
//!   spans two words), each word cut to its first 24 characters;
//! - emoji themselves and their sentiment bucket (Emoji Sentiment Ranking, see `emoji_table`),
//!   text emoticons, `!`/`?` runs, links, @handles, numbers;
//! - cue categories from `cues` (failure, time, money, thanks, irony…), CAPS, language, bias;
//! - for a mention with a title, the title's words and word pairs once more in a namespace of
//!   their own (`title:…`), since a word weighs differently in a headline.
//!
//! Hashing is xxh3 with fixed seeds (one per feature family) — character n-grams use a rolling
//! multiply-xor hash finished by a 64-bit mixer instead, so all n-grams starting at one position
//! cost one pass — so a model file means the same thing on every machine and every run. Each feature appears once (binary term frequency); the
//! model weighs it by IDF and L2-normalizes.

use crate::cues::{Cue, CueHit};
use crate::emoji_table::EMOJI_SCORES;
use crate::lang::Lang;
use crate::tokenize::{TokKind, Tokens};
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Feature family seeds. Changing one changes every model: bump `FEATURES_VERSION`.
const S_WORD: u64 = 0x57;
const S_NEG: u64 = 0x4E;
const S_BIGRAM: u64 = 0x42;
const S_CHAR: u64 = 0x43;
const S_META: u64 = 0x4D;
const S_TITLE: u64 = 0x54;
const S_TITLE_BIGRAM: u64 = 0x5442;

/// The version of the feature scheme; stored in model files and checked on load. 5: a title's
/// words in their own namespace (`add_title`).
pub const FEATURES_VERSION: u32 = 5;

/// The top bit of a feature hash marks a character n-gram (set) against a word-level feature
/// (clear): a model may normalize the two groups apart, as scikit-learn's `FeatureUnion` of a
/// word and a character vectorizer does. Bucket choice never reads this bit.
pub const CHAR_TAG: u64 = 1 << 63;

/// Bit 62 of a feature hash marks a title's own word feature (`add_title`): a third group,
/// normalized apart from the text's words and n-grams (as a third vectorizer over the titles
/// would be), so a three-word headline is not drowned by a long review's hundred words.
/// Bucket choice never reads this bit either.
pub const TITLE_TAG: u64 = 1 << 62;

/// Character n-gram sizes (over the whole normalized text).
const CHAR_MIN: usize = 2;
const CHAR_MAX: usize = 5;

/// Longest word prefix (in chars) that feeds character n-grams: bounds the cost of junk.
const MAX_CHARGRAM_WORD: usize = 24;
/// Most tokens of one text that feed features (a 1 MB text is cut to its first part).
pub const MAX_TOKENS: usize = 2000;

/// The hashed features of one text. Reused across texts.
#[derive(Debug, Default, Clone)]
pub struct Features {
    /// Raw 64-bit hashes, each once, sorted; a model reduces them to its own buckets.
    pub hashes: Vec<u64>,
    /// Human-readable names, parallel to `hashes`, only when explaining.
    pub names: Option<Vec<String>>,
    buf: Vec<u8>,
    bounds: Vec<usize>,
    chars: Vec<u32>,
    /// Open-addressing set used by `dedup` (0 = empty), reused across texts.
    seen: Vec<u64>,
    /// The slots of `seen` that `dedup` filled, to empty them again.
    slots: Vec<u32>,
}

impl Features {
    pub fn new() -> Self {
        Self::default()
    }

    /// Features from given hashes (tests, evaluation of stored examples).
    pub fn from_hashes(hashes: Vec<u64>) -> Self {
        let mut f = Self {
            hashes,
            ..Self::default()
        };
        f.dedup();
        f
    }

    /// Collect names too (slower; for `--explain`).
    pub fn with_names() -> Self {
        Self {
            names: Some(Vec::new()),
            ..Self::default()
        }
    }

    fn add(&mut self, h: u64, name: impl FnOnce() -> String) {
        self.hashes.push(h & !(CHAR_TAG | TITLE_TAG));
        if let Some(n) = self.names.as_mut() {
            n.push(name());
        }
    }

    /// `add` with a group tag (`TITLE_TAG`) in place of the hash's own top bits.
    fn add_tagged(&mut self, h: u64, tag: u64, name: impl FnOnce() -> String) {
        self.hashes.push((h & !(CHAR_TAG | TITLE_TAG)) | tag);
        if let Some(n) = self.names.as_mut() {
            n.push(name());
        }
    }

    fn meta(&mut self, s: &str) {
        self.add(xxh3_64_with_seed(s.as_bytes(), S_META), || s.to_string());
    }

    /// Extract the features of a tokenized text.
    pub fn extract(&mut self, tokens: &Tokens, lang: Lang, cues: &[CueHit]) {
        self.hashes.clear();
        if let Some(n) = self.names.as_mut() {
            n.clear();
        }
        self.meta("bias");
        let lang_feat = match lang {
            Lang::Ru => "lang:ru",
            Lang::Uk => "lang:uk",
            Lang::En => "lang:en",
            Lang::Ro => "lang:ro",
            Lang::Und => "lang:und",
        };
        self.meta(lang_feat);

        let toks = &tokens.tokens()[..tokens.tokens().len().min(MAX_TOKENS)];
        let mut prev_word: Option<u64> = None;
        let mut neg_scope = 0u8;
        for t in toks {
            let text = tokens.text(t);
            match t.kind {
                TokKind::Word | TokKind::Hashtag => {
                    let negated = neg_scope > 0;
                    let h = xxh3_64_with_seed(text.as_bytes(), S_WORD);
                    if negated {
                        neg_scope -= 1;
                        self.add(xxh3_64_with_seed(text.as_bytes(), S_NEG), || {
                            format!("¬{text}")
                        });
                    } else {
                        self.add(h, || text.to_string());
                    }
                    if let Some(p) = prev_word {
                        let b =
                            (p.rotate_left(23) ^ h).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ S_BIGRAM;
                        let pname = prev_name(self);
                        self.add(b, || format!("{pname} {text}"));
                    }
                    prev_word = Some(h);
                    if is_negator(text) {
                        neg_scope = 3;
                    }
                    if t.kind == TokKind::Hashtag {
                        self.meta("#tag");
                    }
                }
                TokKind::Number => {
                    self.meta("num");
                    prev_word = None;
                }
                TokKind::Url => {
                    self.meta("url");
                    prev_word = None;
                }
                TokKind::Mention => {
                    // The handle itself too: who is addressed carries a prior (a brand's own
                    // support account, a competitor).
                    self.meta("@user");
                    self.add(xxh3_64_with_seed(text.as_bytes(), S_WORD), || {
                        text.to_string()
                    });
                    prev_word = None;
                }
                TokKind::Emoji => {
                    self.add(xxh3_64_with_seed(text.as_bytes(), S_WORD), || {
                        text.to_string()
                    });
                    if let Some(c) = text.chars().next() {
                        self.meta(match emoji_score(c) {
                            Some(s) if s >= 30 => "emoji:pos",
                            Some(s) if s <= -5 => "emoji:neg",
                            Some(_) => "emoji:neu",
                            None => "emoji:unknown",
                        });
                    }
                }
                TokKind::Emoticon | TokKind::Mark => {
                    self.add(xxh3_64_with_seed(text.as_bytes(), S_WORD), || {
                        text.to_string()
                    });
                    neg_scope = 0;
                    prev_word = None;
                }
                TokKind::Break => {
                    neg_scope = 0;
                    prev_word = None;
                }
            }
        }
        for hit in cues {
            let name = match hit.cue {
                Cue::Fail => "cue:fail",
                Cue::Time => "cue:time",
                Cue::Money => "cue:money",
                Cue::Demand => "cue:demand",
                Cue::Thanks => "cue:thanks",
                Cue::Negator => continue,
                Cue::Intensifier => "cue:intensifier",
                Cue::Interrogative => "cue:interrogative",
                Cue::Request => "cue:request",
                Cue::Insult => "cue:insult",
                Cue::SpamStrong => "cue:spam_strong",
                Cue::SpamWeak => "cue:spam_weak",
                Cue::Irony => "cue:irony",
                Cue::NegatedNegative => "cue:negated_negative",
                Cue::News => "cue:news",
            };
            self.meta(name);
        }
        if tokens.letters >= 6 && tokens.upper * 2 > tokens.letters {
            self.meta("caps");
        }
        // Character n-grams last: the model sums the word-level group and the n-gram group
        // apart, and a text's features in that order keep its branch predictable.
        self.text_char_grams(tokens, toks);
        self.dedup();
    }

    /// Add the word unigrams and bigrams of a mention's title (tokenized apart) in their own
    /// namespace, `title:…`, tagged `TITLE_TAG` (their own normalization group): «nu recomand»
    /// as a review's headline is a verdict, in its body often a detail (measured with the
    /// scikit-learn peer on LaRoSeDa's held-out rows, `bench/peer_heldout.py --title` and
    /// `--title-apart`: the title only joined to the text 0.972 macro F1, its words also apart
    /// 0.982). The text's features must be extracted first.
    pub fn add_title(&mut self, title: &Tokens) {
        let toks = &title.tokens()[..title.tokens().len().min(MAX_TOKENS)];
        let mut prev: Option<(u64, &str)> = None;
        for t in toks {
            let text = title.text(t);
            match t.kind {
                TokKind::Word | TokKind::Hashtag => {
                    let h = xxh3_64_with_seed(text.as_bytes(), S_TITLE);
                    self.add_tagged(h, TITLE_TAG, || format!("title:{text}"));
                    if let Some((p, ptext)) = prev {
                        let b = (p.rotate_left(23) ^ h).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                            ^ S_TITLE_BIGRAM;
                        self.add_tagged(b, TITLE_TAG, || format!("title:{ptext} {text}"));
                    }
                    prev = Some((h, text));
                }
                TokKind::Emoji | TokKind::Emoticon => {
                    let h = xxh3_64_with_seed(text.as_bytes(), S_TITLE);
                    self.add_tagged(h, TITLE_TAG, || format!("title:{text}"));
                    prev = None;
                }
                _ => prev = None,
            }
        }
        self.dedup();
    }

    /// Keep each feature once (binary term frequency: measured better than raw or sublinear
    /// counts on the held-out sets, and the model's work is proportional to distinct features).
    fn dedup(&mut self) {
        if let Some(names) = self.names.take() {
            let mut pairs: Vec<(u64, String)> = self.hashes.drain(..).zip(names).collect();
            pairs.sort_by_key(|p| p.0);
            pairs.dedup_by_key(|p| p.0);
            let (h, n): (Vec<u64>, Vec<String>) = pairs.into_iter().unzip();
            self.hashes = h;
            self.names = Some(n);
        } else {
            // Linear time: an open-addressing set sized to the text (load at most 1/4),
            // cleared after use. Whether a hash was new or a repeat is unpredictable, so the
            // common case (the first slot probed is empty or holds the same key) takes no
            // branch on it: the key is stored either way and the write index advances only for
            // a new one. Only a collision with another key probes on.
            let n = self.hashes.len();
            let size = (4 * n).next_power_of_two().max(64);
            if self.seen.len() < size {
                self.seen.resize(size, 0);
            }
            let mask = size - 1;
            if self.slots.len() < n {
                self.slots.resize(n, 0);
            }
            let seen = &mut self.seen[..size];
            let slots = &mut self.slots[..n];
            let hashes = &mut self.hashes[..n];
            let mut w = 0;
            for r in 0..n {
                let h = hashes[r];
                let key = h | 1; // never 0, the empty marker
                let mut slot = (h as usize ^ (h >> 32) as usize) & mask;
                let mut v = seen[slot];
                while v != 0 && v != key {
                    slot = (slot + 1) & mask;
                    v = seen[slot];
                }
                // Same key: the same hash, or one differing only in bit 0 (a 2^-63 event that
                // drops one feature — harmless).
                seen[slot] = key;
                // `w <= r`: this overwrites nothing not yet read.
                hashes[w] = h;
                slots[w] = slot as u32;
                w += usize::from(v == 0);
            }
            // Empty the set again: only the slots used (fewer than the whole table).
            for &slot in &slots[..w] {
                seen[slot as usize] = 0;
            }
            self.hashes.truncate(w);
        }
    }

    /// Character 2–5-grams over the whole normalized text (tokens joined by single spaces), so
    /// grams cross word boundaries ("t w" of "not working") as scikit-learn's `char` analyzer
    /// does. Words are cut to `MAX_CHARGRAM_WORD` characters.
    fn text_char_grams(&mut self, tokens: &Tokens, toks: &[crate::tokenize::Token]) {
        if self.names.is_none() {
            self.text_char_grams_fast(tokens, toks);
            return;
        }
        self.buf.clear();
        self.buf.push(b' ');
        for t in toks {
            if t.kind == TokKind::Break {
                continue;
            }
            let word = tokens.text(t);
            let cut = word
                .char_indices()
                .nth(MAX_CHARGRAM_WORD)
                .map_or(word.len(), |(o, _)| o);
            self.buf.extend_from_slice(&word.as_bytes()[..cut]);
            self.buf.push(b' ');
        }
        self.grams_of_buf();
    }

    /// `text_char_grams` without names: the same hashes in the same order, with the code
    /// points read straight from the words and the grams of each start unrolled.
    fn text_char_grams_fast(&mut self, tokens: &Tokens, toks: &[crate::tokenize::Token]) {
        const SPACE: u32 = b' ' as u32;
        self.chars.clear();
        self.chars.push(SPACE);
        for t in toks {
            if t.kind == TokKind::Break {
                continue;
            }
            let word = tokens.text(t).as_bytes();
            let (mut i, mut k) = (0, 0);
            while i < word.len() && k < MAX_CHARGRAM_WORD {
                let n = utf8_len(word[i]);
                let mut c = 0u32;
                for &b in word.get(i..i + n).unwrap_or(&[]) {
                    c = c << 8 | u32::from(b);
                }
                self.chars.push(c);
                i += n;
                k += 1;
            }
            self.chars.push(SPACE);
        }
        let chars = &self.chars;
        let nchars = chars.len();
        // Starts with all four grams (2–5) inside the text.
        let full = nchars.saturating_sub(CHAR_MAX - 1);
        let at = self.hashes.len();
        self.hashes.resize(at + full * (CHAR_MAX - CHAR_MIN + 1), 0);
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        for (w, out) in chars
            .windows(CHAR_MAX)
            .zip(self.hashes[at..].chunks_exact_mut(CHAR_MAX - CHAR_MIN + 1))
        {
            let h1 = (S_CHAR ^ u64::from(w[0])).wrapping_mul(K);
            let h2 = (h1 ^ u64::from(w[1])).wrapping_mul(K);
            let h3 = (h2 ^ u64::from(w[2])).wrapping_mul(K);
            let h4 = (h3 ^ u64::from(w[3])).wrapping_mul(K);
            let h5 = (h4 ^ u64::from(w[4])).wrapping_mul(K);
            out[0] = mix64(h2 ^ 2) | CHAR_TAG;
            out[1] = mix64(h3 ^ 3) | CHAR_TAG;
            out[2] = mix64(h4 ^ 4) | CHAR_TAG;
            out[3] = mix64(h5 ^ 5) | CHAR_TAG;
        }
        for s in full..nchars {
            let mut h = S_CHAR;
            for n in 1..=CHAR_MAX.min(nchars - s) {
                h = (h ^ u64::from(chars[s + n - 1])).wrapping_mul(K);
                if n >= CHAR_MIN {
                    self.hashes.push(mix64(h ^ n as u64) | CHAR_TAG);
                }
            }
        }
    }

    fn grams_of_buf(&mut self) {
        self.bounds.clear();
        self.chars.clear();
        // Char boundaries and code points of the padded text (valid UTF-8: built from `&str`
        // pieces and spaces).
        let mut i = 0;
        while i < self.buf.len() {
            self.bounds.push(i);
            let n = utf8_len(self.buf[i]);
            let mut c = 0u32;
            for &b in self.buf.get(i..i + n).unwrap_or(&[]) {
                c = c << 8 | u32::from(b);
            }
            self.chars.push(c);
            i += n;
        }
        self.bounds.push(self.buf.len());
        let nchars = self.chars.len();
        self.hashes.reserve(nchars * (CHAR_MAX - CHAR_MIN + 1));
        for s in 0..nchars {
            let mut h = S_CHAR;
            for n in 1..=CHAR_MAX.min(nchars - s) {
                h = (h ^ u64::from(self.chars[s + n - 1])).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                if n < CHAR_MIN {
                    continue;
                }
                self.hashes.push(mix64(h ^ n as u64) | CHAR_TAG);
                if let Some(names) = self.names.as_mut() {
                    let (a, b) = (self.bounds[s], self.bounds[s + n]);
                    names.push(format!("«{}»", String::from_utf8_lossy(&self.buf[a..b])));
                }
            }
        }
    }
}

/// The 64-bit finalizer of MurmurHash3: every input bit affects every output bit, so the low
/// bits that pick a model bucket depend on the whole n-gram.
#[inline]
fn mix64(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

fn prev_name(f: &Features) -> String {
    // The previous word's name is the last non-char-gram name before this word's; only used
    // when explaining, so a scan is fine.
    f.names
        .as_ref()
        .and_then(|n| {
            n.iter()
                .rev()
                .skip(1)
                .find(|s| !s.starts_with('«') && !s.contains(' ') && !s.contains(':'))
        })
        .cloned()
        .unwrap_or_default()
}

fn utf8_len(b: u8) -> usize {
    match b {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

fn is_negator(w: &str) -> bool {
    matches!(
        w,
        "не" | "ни" | "нет" | "ні" | "not" | "no" | "never" | "nu" | "nici" | "n-am" | "n-a"
    ) || w.ends_with("n't")
}

/// The Emoji Sentiment Ranking score of `c` (×100), if it is ranked.
pub fn emoji_score(c: char) -> Option<i8> {
    EMOJI_SCORES
        .binary_search_by_key(&(c as u32), |&(cp, _)| cp)
        .ok()
        .map(|i| EMOJI_SCORES[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        let mut t = Tokens::new();
        t.fill(s);
        let mut f = Features::with_names();
        f.extract(&t, Lang::Ru, &[]);
        f.names.unwrap_or_default()
    }

    #[test]
    fn negation_marks_the_next_words() {
        let n = names("не работает, а жаль");
        assert!(n.contains(&"¬работает".to_string()));
        assert!(n.contains(&"жаль".to_string()), "scope ends at the comma");
        assert!(n.contains(&"не работает".to_string()), "bigram kept");
    }

    #[test]
    fn emoji_get_a_sentiment_bucket() {
        let n = names("спасибо 😡");
        assert!(n.contains(&"emoji:neg".to_string()), "{n:?}");
        let n = names("спасибо ❤");
        assert!(n.contains(&"emoji:pos".to_string()), "{n:?}");
    }

    #[test]
    fn char_grams_are_padded_and_bounded() {
        let n = names("да");
        assert!(n.contains(&"« д»".to_string()));
        assert!(n.contains(&"«да »".to_string()));
        let long = "а".repeat(10_000);
        let n = names(&long);
        assert!(
            n.len() < 200,
            "a huge word costs a bounded number of features"
        );
    }

    #[test]
    fn features_appear_once_and_explaining_changes_nothing() {
        let text = "очень очень плохо, плохо плохо 😡😡 http://x.ru @a @a";
        let mut t = Tokens::new();
        t.fill(text);
        let mut fast = Features::new();
        fast.extract(&t, Lang::Ru, &[]);
        let mut named = Features::with_names();
        named.extract(&t, Lang::Ru, &[]);
        let mut a = fast.hashes.clone();
        a.sort_unstable();
        let mut dedup = a.clone();
        dedup.dedup();
        assert_eq!(a, dedup, "each feature once");
        let mut b = named.hashes.clone();
        b.sort_unstable();
        assert_eq!(a, b, "the explain path extracts the same features");
        assert_eq!(named.names.map(|n| n.len()), Some(named.hashes.len()));
    }

    #[test]
    fn title_words_have_their_own_namespace() {
        let mut text = Tokens::new();
        text.fill("telefonul merge");
        let mut title = Tokens::new();
        title.fill("Nu recomand!");
        let mut f = Features::with_names();
        f.extract(&text, Lang::Ro, &[]);
        let before = f.hashes.clone();
        f.add_title(&title);
        let n = f.names.clone().unwrap_or_default();
        for want in ["title:nu", "title:recomand", "title:nu recomand"] {
            assert!(n.contains(&want.to_string()), "{want} in {n:?}");
        }
        assert_eq!(f.hashes.len(), before.len() + 3);
        let added: Vec<u64> = f
            .hashes
            .iter()
            .filter(|h| !before.contains(h))
            .copied()
            .collect();
        assert_eq!(added.len(), 3);
        assert!(
            added
                .iter()
                .all(|h| h & CHAR_TAG == 0 && h & TITLE_TAG != 0),
            "the title's own group"
        );
        assert!(
            before
                .iter()
                .all(|h| h & CHAR_TAG != 0 || h & TITLE_TAG == 0),
            "the text's word-level features are not in it"
        );
        // The fast path gives the same hashes.
        let mut fast = Features::new();
        fast.extract(&text, Lang::Ro, &[]);
        fast.add_title(&title);
        let (mut a, mut b) = (fast.hashes.clone(), f.hashes.clone());
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
    }

    #[test]
    fn hashes_are_stable() {
        // The model files depend on this exact value: a change needs FEATURES_VERSION bumped.
        assert_eq!(xxh3_64_with_seed(b"test", S_WORD), 0x57D4084512FED4AB);
    }
}
