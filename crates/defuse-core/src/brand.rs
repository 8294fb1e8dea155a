//! Brand profiles (`[[brands]]` in `defuse.toml`) and brand matching: which configured brand a
//! mention is about, and which competitors it names.
//!
//! L1: every mention of the brand counts, not only those that tag it. A [`BrandMatcher`] finds
//! a brand's name and aliases in any case, in Russian and Ukrainian inflected forms
//! ("Сбербанка", "Облачком", "мтс-ом"), written with Latin/Cyrillic look-alike letters ("MTC"
//! for "МТС"), without Romanian diacritics, with English possessive and Romanian enclitic
//! endings ("Oblachko's", "BancaVerde-ului"); multi-word names as phrases; brand hashtags
//! (also `#облачкоподвело`); the brand's domains in URLs and bare host names; its handles, with
//! or without the `@`.
//!
//! L3: competitor names are matched with the same word rules and reported apart, never as
//! brand hits, so that reviews naming a competitor can be flagged.
//!
//! All lookup tables are built once by [`BrandMatcher::new`]; [`BrandMatcher::find`] is one
//! linear pass over the text with a few hash lookups per word, no regular expressions, and never
//! panics on any `&str`. Every span it reports is a non-empty byte range on char boundaries of
//! the text it was given.

use std::collections::HashMap;

use defuse_text::chars::{is_handle_char as is_word_char, is_invisible};
use rustc_hash::FxBuildHasher;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// One brand as configured in defuse.toml (`[[brands]]`).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrandProfile {
    pub name: String,
    /// Other spellings, Latin and Cyrillic, misspellings: "МТС" / "MTS" (L1).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Brand hashtags: "#облачко" (the `#` is optional here).
    #[serde(default)]
    pub hashtags: Vec<String>,
    /// The brand's domains: "oblachko.ru" (subdomains included).
    #[serde(default)]
    pub domains: Vec<String>,
    /// The brand's handles: "oblachko" or "@oblachko".
    #[serde(default)]
    pub handles: Vec<String>,
    /// Competitor names, reported apart (L3): "Тучка".
    #[serde(default)]
    pub competitors: Vec<String>,
    /// Languages the brand works in: "ru", "en", "ro" (informational).
    #[serde(default)]
    pub languages: Vec<String>,
}

defuse_text::named_enum! {
    /// How the brand of a mention was found: by the matcher in its text (name, alias, hashtag,
    /// domain, handle), given by the source, or inherited from its thread. One type for the
    /// matcher, the pipeline and the store.
    pub enum MatchedBy {
        Name = "name",
        Alias = "alias",
        Hashtag = "hashtag",
        Domain = "domain",
        Handle = "handle",
        /// The source said so (`brand` field).
        Given = "given",
        /// A reply inherits the brand of its conversation.
        Thread = "thread",
    }
}

impl MatchedBy {
    /// Which kind wins when hits of one brand cover the same span.
    fn rank(self) -> u8 {
        match self {
            MatchedBy::Name => 0,
            MatchedBy::Alias => 1,
            MatchedBy::Handle => 2,
            MatchedBy::Hashtag => 3,
            MatchedBy::Domain => 4,
            MatchedBy::Given | MatchedBy::Thread => 5,
        }
    }
}

#[cfg(test)]
mod matched_by_names {
    use super::MatchedBy;

    #[test]
    fn the_stable_names_are_the_serialized_ones() {
        for m in MatchedBy::ALL {
            let json = serde_json::to_string(&m).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", m.as_str()));
            assert_eq!(MatchedBy::parse(m.as_str()), Some(m));
        }
    }
}

/// One mention of a configured brand.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BrandHit {
    /// Index into the profiles given to [`BrandMatcher::new`].
    pub brand: usize,
    pub by: MatchedBy,
    /// UTF-8 byte offsets into the text that was searched.
    pub start: usize,
    pub end: usize,
}

/// One mention of a competitor of a configured brand (L3).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CompetitorHit {
    /// The brand whose competitor this is (index into the profiles).
    pub brand: usize,
    /// The competitor's name as configured.
    pub competitor: String,
    pub start: usize,
    pub end: usize,
}

/// Everything [`BrandMatcher::find`] found in one text.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct BrandMatches {
    /// Brand mentions, sorted by start; overlapping hits of one brand collapsed.
    pub hits: Vec<BrandHit>,
    /// Competitor mentions (L3), sorted by start; never counted as brand hits.
    pub competitors: Vec<CompetitorHit>,
}

impl BrandMatches {
    /// The brand this text is about: the brand with the most hits (ties: the first hit's
    /// brand); `None` if there are no hits.
    pub fn primary(&self) -> Option<usize> {
        // (brand, hits) in the order of each brand's first hit.
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for h in &self.hits {
            match counts.iter_mut().find(|(b, _)| *b == h.brand) {
                Some(entry) => entry.1 += 1,
                None => counts.push((h.brand, 1)),
            }
        }
        let mut best: Option<(usize, usize)> = None;
        for (b, n) in counts {
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((b, n));
            }
        }
        best.map(|(b, _)| b)
    }
}

/// A brand configuration that cannot be matched reliably.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum BrandError {
    #[error("brands[{index}]: the brand name is empty")]
    EmptyName { index: usize },
    #[error("brand {name:?} is configured more than once")]
    DuplicateName { name: String },
    #[error("brand {brand:?}: {field} entry {term:?} is too short to match (at least 2 letters)")]
    TooShort {
        brand: String,
        field: &'static str,
        term: String,
    },
    #[error("brand {brand:?}: {field} entry {term:?} is not valid: {reason}")]
    Invalid {
        brand: String,
        field: &'static str,
        term: String,
        reason: &'static str,
    },
    #[error(
        "{field} entry {term:?} of brand {second:?} is already a name, alias, handle, hashtag or domain of brand {first:?}"
    )]
    SharedTerm {
        field: &'static str,
        term: String,
        first: String,
        second: String,
    },
}

/// Who a configured term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Brand {
        brand: usize,
        by: MatchedBy,
    },
    /// `competitor` indexes [`BrandMatcher::competitors`].
    Competitor {
        competitor: usize,
    },
}

/// One distinct normalized word of the configured terms.
#[derive(Debug, Clone)]
struct Word {
    /// All letters have a look-alike in the other script ("мтс" → "mtc").
    lookalike: bool,
}

/// A configured name, alias, bare handle or competitor: one or more words.
#[derive(Debug, Clone)]
struct Term {
    owner: Owner,
    words: Box<[u32]>,
}

type Map<V> = HashMap<Box<str>, V, FxBuildHasher>;

/// Matches the configured brands in texts. Built once, immutable, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct BrandMatcher {
    brands: usize,
    /// (brand, competitor name as configured), indexed by `Owner::Competitor::competitor`.
    competitors: Vec<(usize, String)>,
    words: Vec<Word>,
    /// Per word id: the terms that start with that word.
    starts: Vec<Vec<u32>>,
    terms: Vec<Term>,
    /// Normalized word → word ids.
    exact: Map<Vec<u32>>,
    /// Stem (before a case ending) → ids of inflectable words.
    stems: Map<Vec<u32>>,
    /// The same two tables over look-alike skeletons.
    skel_exact: Map<Vec<u32>>,
    skel_stems: Map<Vec<u32>>,
    any_lookalike: bool,
    /// The first letters of every configured word and of its skeleton.
    prefixes: Prefixes,
    /// Hashtag text (or its beginning) → owners.
    tag_prefix: Map<Vec<Owner>>,
    /// The distinct byte lengths of the `tag_prefix` keys, ascending.
    tag_prefix_lens: Vec<usize>,
    /// `@handle` text → owners.
    at_exact: Map<Vec<Owner>>,
    /// Domain → brand.
    domains: Map<usize>,
    /// Longest domain, in bytes.
    max_domain: usize,
    /// Normalizing a token stops after this many bytes: nothing longer can match.
    cap: usize,
}

impl BrandMatcher {
    /// Builds the lookup tables for `brands`; a hit's `brand` is an index into this slice.
    pub fn new(brands: &[BrandProfile]) -> Result<BrandMatcher, BrandError> {
        let mut b = Builder::default();
        for (index, profile) in brands.iter().enumerate() {
            b.add_brand(index, profile)?;
        }
        Ok(b.finish(brands.len()))
    }

    /// The number of brands.
    pub fn len(&self) -> usize {
        self.brands
    }

    /// Whether there are no brands.
    pub fn is_empty(&self) -> bool {
        self.brands == 0
    }

    /// Every brand and competitor mention in `text` (hits sorted by start; overlapping hits of
    /// the same brand collapsed).
    pub fn find(&self, text: &str) -> BrandMatches {
        let mut res = BrandMatches::default();
        if self.brands == 0 || text.is_empty() {
            return res;
        }
        let mut a = Scratch::default();
        let mut b = Scratch::default();
        let mut comp: Vec<(usize, usize, usize)> = Vec::new();
        if !self.domains.is_empty() && text.as_bytes().contains(&b'.') {
            self.find_domains(text, &mut a.norm, &mut res);
        }
        let mut i = 0;
        let mut prev: Option<char> = None;
        while let Some(c) = text.get(i..).and_then(|t| t.chars().next()) {
            let next_is_word = || {
                text.get(i + 1..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(is_word_char)
            };
            if c == '#' && !prev.is_some_and(is_word_char) && next_is_word() {
                let e = atom_end(text, i + 1);
                self.on_hashtag(text, i, e, &mut a, &mut res, &mut comp);
                prev = text[..e].chars().next_back();
                i = e;
                continue;
            }
            if c == '@' && !prev.is_some_and(|p| is_word_char(p) || p == '.') && next_is_word() {
                let e = handle_end(text, i + 1);
                self.on_handle(text, i, e, &mut a, &mut res, &mut comp);
                prev = text[..e].chars().next_back();
                i = e;
                continue;
            }
            if is_word_char(c) {
                let e = atom_end(text, i);
                self.on_word(text, i, e, &mut a, &mut b, &mut res, &mut comp);
                prev = text[..e].chars().next_back();
                i = e;
                continue;
            }
            prev = Some(c);
            i += c.len_utf8();
        }
        self.finish(&mut res, comp);
        res
    }

    /// Whether a URL (e.g. the mention's own url field) is on a brand's domain: `Some(brand
    /// index)`. The host must equal the domain or end with "." + domain (L1).
    pub fn brand_of_url(&self, url: &str) -> Option<usize> {
        let host = host_of(url)?;
        let bytes = host.as_bytes();
        // Candidates, longest first, no longer than the longest domain: the whole host, then
        // what follows each dot.
        let window = host.len().saturating_sub(self.max_domain + 1);
        let whole = (host.len() <= self.max_domain).then_some(0);
        let after_dots = (window..host.len())
            .filter(|&p| bytes[p] == b'.')
            .map(|p| p + 1);
        whole
            .into_iter()
            .chain(after_dots)
            .find_map(|cand| host.get(cand..).and_then(|h| self.domains.get(h)).copied())
    }

    /// L1: brand domains written in the text, bare or in URLs: "oblachko.ru",
    /// "https://support.oblachko.ru/x". The whole host is the span.
    fn find_domains(&self, text: &str, buf: &mut String, res: &mut BrandMatches) {
        let bytes = text.as_bytes();
        // Suffixes longer than this (in the text's bytes) cannot lower-case to a domain.
        let bound = self.max_domain.saturating_mul(4).saturating_add(4);
        let mut run_start: Option<usize> = None;
        for (j, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if is_host_char(c) {
                if run_start.is_none() {
                    run_start = Some(j);
                }
                continue;
            }
            let Some(s0) = run_start.take() else {
                continue;
            };
            let trim = |b: u8| matches!(b, b'.' | b'-' | b'_');
            let (mut s, mut e) = (s0, j);
            while s < e && trim(bytes[s]) {
                s += 1;
            }
            while e > s && trim(bytes[e - 1]) {
                e -= 1;
            }
            if !bytes[s..e].contains(&b'.') {
                continue;
            }
            // Candidates, longest first: the whole host, then what follows each dot.
            let window = e.saturating_sub(bound).max(s);
            let whole = (e - s <= bound).then_some(s);
            let after_dots = (window..e).filter(|&p| bytes[p] == b'.').map(|p| p + 1);
            for cand in whole.into_iter().chain(after_dots) {
                if cand >= e {
                    continue;
                }
                lower_into(&text[cand..e], buf);
                if let Some(&brand) = self.domains.get(buf.as_str()) {
                    res.hits.push(BrandHit {
                        brand,
                        by: MatchedBy::Domain,
                        start: s,
                        end: e,
                    });
                    break;
                }
            }
        }
    }

    /// A plain word: names, aliases, bare handles and competitors, inflected (L1, L3).
    #[allow(clippy::too_many_arguments)]
    fn on_word(
        &self,
        text: &str,
        s: usize,
        e: usize,
        a: &mut Scratch,
        b: &mut Scratch,
        res: &mut BrandMatches,
        comp: &mut Vec<(usize, usize, usize)>,
    ) {
        // Most words start differently from every configured word: look at the first letters
        // before normalizing the rest.
        normalize_into(&text[s..e], &mut a.norm, 8);
        if !self.prefixes.may_match(&a.norm) {
            return;
        }
        let flags = normalize_into(&text[s..e], &mut a.norm, self.cap);
        self.lookup(&a.norm, flags, &mut a.skel, &mut a.wids);
        for k in 0..a.wids.len() {
            let wid = a.wids[k] as usize;
            for &t in &self.starts[wid] {
                let term = &self.terms[t as usize];
                let last = match term.words.get(1..) {
                    Some(rest) if !rest.is_empty() => match self.match_rest(text, e, rest, b) {
                        Some(pe) => pe,
                        None => continue,
                    },
                    _ => e,
                };
                let end = self.absorb_suffix(text, last, b);
                push_hit(res, comp, term.owner, None, s, end);
            }
        }
    }

    /// `#tag`: a tag that is, or starts with, a configured hashtag, name, alias, handle or
    /// competitor ("#облачкоподвело", "#AeroSkyFail"), or is an inflected name ("#облачка").
    fn on_hashtag(
        &self,
        text: &str,
        hash: usize,
        e: usize,
        a: &mut Scratch,
        res: &mut BrandMatches,
        comp: &mut Vec<(usize, usize, usize)>,
    ) {
        let flags = normalize_into(&text[hash + 1..e], &mut a.norm, self.cap);
        let norm = a.norm.as_str();
        for &l in &self.tag_prefix_lens {
            if l > norm.len() {
                break;
            }
            if let Some(owners) = norm.get(..l).and_then(|p| self.tag_prefix.get(p)) {
                for &o in owners {
                    push_hit(res, comp, o, Some(MatchedBy::Hashtag), hash, e);
                }
            }
        }
        self.lookup(&a.norm, flags, &mut a.skel, &mut a.wids);
        for &wid in &a.wids {
            for &t in &self.starts[wid as usize] {
                let term = &self.terms[t as usize];
                if term.words.len() == 1 {
                    push_hit(res, comp, term.owner, Some(MatchedBy::Hashtag), hash, e);
                }
            }
        }
    }

    /// `@handle`: exactly a configured handle, name or alias (written as a handle), or a
    /// competitor; never a part of a longer handle ("@oblachko_fan").
    fn on_handle(
        &self,
        text: &str,
        at: usize,
        e: usize,
        a: &mut Scratch,
        res: &mut BrandMatches,
        comp: &mut Vec<(usize, usize, usize)>,
    ) {
        let flags = normalize_into(&text[at + 1..e], &mut a.norm, self.cap);
        if flags.truncated {
            return;
        }
        if let Some(owners) = self.at_exact.get(a.norm.as_str()) {
            for &o in owners {
                push_hit(res, comp, o, Some(MatchedBy::Handle), at, e);
            }
        }
    }

    /// The word ids a normalized text word matches: itself, or a stem plus a case ending (L1),
    /// and the same over look-alike skeletons when the word mixes scripts or could be
    /// written all in look-alikes.
    fn lookup(&self, norm: &str, flags: Flags, skel: &mut String, out: &mut Vec<u32>) {
        out.clear();
        if flags.truncated || norm.is_empty() {
            return;
        }
        if let Some(ids) = self.exact.get(norm) {
            extend_unique(out, ids, |_| true);
        }
        stem_lookup(norm, &self.stems, false, out, |_| true);
        let mixed = flags.latin && flags.cyrillic;
        if mixed || (flags.lookalike && self.any_lookalike) {
            skeleton_into(norm, skel);
            // A word in one script equals a term in the other only if the term is all
            // look-alikes ("MTC" for "МТС"); a mixed word may equal any term.
            let ok = |id: u32| mixed || self.words[id as usize].lookalike;
            if let Some(ids) = self.skel_exact.get(skel.as_str()) {
                extend_unique(out, ids, ok);
            }
            stem_lookup(skel, &self.skel_stems, true, out, ok);
        }
    }

    /// The rest of a multi-word term after its first word ended at `pos`: each next word
    /// after a short gap of spaces or punctuation. Returns where the last word ends.
    fn match_rest(
        &self,
        text: &str,
        mut pos: usize,
        words: &[u32],
        b: &mut Scratch,
    ) -> Option<usize> {
        for &w in words {
            let s = skip_gap(text, pos)?;
            let e = atom_end(text, s);
            let flags = normalize_into(&text[s..e], &mut b.norm, self.cap);
            self.lookup(&b.norm, flags, &mut b.skel, &mut b.wids);
            if !b.wids.contains(&w) {
                return None;
            }
            pos = e;
        }
        Some(pos)
    }

    /// L1: a hyphenated or apostrophe ending right after a matched word belongs to the hit:
    /// "мтс-ом", "МТС-у", "Oblachko's", "Oblachko-ul", "BancaVerde-ului".
    fn absorb_suffix(&self, text: &str, e: usize, b: &mut Scratch) -> usize {
        let Some(rest) = text.get(e..) else {
            return e;
        };
        let mut chars = rest.chars();
        let Some(j) = chars.next() else {
            return e;
        };
        let apostrophe = matches!(j, '\'' | '’' | 'ʼ');
        if !(apostrophe || matches!(j, '-' | '‐' | '‑')) {
            return e;
        }
        if !chars.next().is_some_and(is_word_char) {
            return e;
        }
        let s2 = e + j.len_utf8();
        let e2 = atom_end(text, s2);
        let flags = normalize_into(&text[s2..e2], &mut b.norm, 16);
        if flags.truncated {
            return e;
        }
        let suffix = b.norm.as_str();
        let mut tail = ['\0'; 3];
        let mut n = 0;
        for c in suffix.chars() {
            if n == tail.len() {
                n = usize::MAX;
                break;
            }
            tail[n] = c;
            n += 1;
        }
        // Cyrillic endings, also in Latin look-alikes ("mtc-om").
        let ending = tail.get(..n).is_some_and(|t| {
            let mut back = ['\0'; 3];
            for (b, c) in back.iter_mut().zip(t) {
                *b = unskeleton(*c);
            }
            is_ending(t) || is_ending(&back[..t.len()])
        });
        let romanian = matches!(suffix, "ul" | "ului" | "lui");
        if ending || romanian || (apostrophe && suffix == "s") {
            e2
        } else {
            e
        }
    }

    /// Sorts the hits, collapses overlapping hits of one brand (or one competitor) into the
    /// first, longest one, and turns the competitor hits into [`CompetitorHit`]s.
    fn finish(&self, res: &mut BrandMatches, mut comp: Vec<(usize, usize, usize)>) {
        let hits = &mut res.hits;
        hits.sort_unstable_by(|x, y| {
            (x.start, std::cmp::Reverse(x.end), x.by.rank()).cmp(&(
                y.start,
                std::cmp::Reverse(y.end),
                y.by.rank(),
            ))
        });
        if hits.len() > 1 {
            let mut last: Vec<Option<usize>> = vec![None; self.brands];
            let mut w = 0;
            for r in 0..hits.len() {
                let (brand, start, end) = (hits[r].brand, hits[r].start, hits[r].end);
                if let Some(k) = last.get(brand).copied().flatten()
                    && hits[k].end > start
                {
                    hits[k].end = hits[k].end.max(end);
                    continue;
                }
                hits.swap(w, r);
                if let Some(slot) = last.get_mut(brand) {
                    *slot = Some(w);
                }
                w += 1;
            }
            hits.truncate(w);
        }
        if comp.is_empty() {
            return;
        }
        comp.sort_unstable_by_key(|&(c, s, e)| (s, std::cmp::Reverse(e), c));
        let mut last: Vec<Option<usize>> = vec![None; self.competitors.len()];
        for (c, s, e) in comp {
            if let Some(k) = last.get(c).copied().flatten()
                && let Some(prev) = res.competitors.get_mut(k)
                && prev.end > s
            {
                prev.end = prev.end.max(e);
                continue;
            }
            let Some((brand, name)) = self.competitors.get(c) else {
                continue;
            };
            if let Some(slot) = last.get_mut(c) {
                *slot = Some(res.competitors.len());
            }
            res.competitors.push(CompetitorHit {
                brand: *brand,
                competitor: name.clone(),
                start: s,
                end: e,
            });
        }
    }
}

fn push_hit(
    res: &mut BrandMatches,
    comp: &mut Vec<(usize, usize, usize)>,
    owner: Owner,
    by: Option<MatchedBy>,
    start: usize,
    end: usize,
) {
    match owner {
        Owner::Brand { brand, by: own } => res.hits.push(BrandHit {
            brand,
            by: by.unwrap_or(own),
            start,
            end,
        }),
        // L3: competitors are reported apart, never as brand hits.
        Owner::Competitor { competitor } => comp.push((competitor, start, end)),
    }
}

fn extend_unique(out: &mut Vec<u32>, ids: &[u32], ok: impl Fn(u32) -> bool) {
    for &id in ids {
        if ok(id) && !out.contains(&id) {
            out.push(id);
        }
    }
}

/// L1: `word` = stem + a case ending, for each of the word's last 1..=3 characters that form
/// an ending. Over skeletons, the ending's look-alikes are read back as Cyrillic.
fn stem_lookup(
    word: &str,
    stems: &Map<Vec<u32>>,
    skeleton: bool,
    out: &mut Vec<u32>,
    ok: impl Fn(u32) -> bool,
) {
    let mut tail = ['\0'; 3];
    for (n, (idx, c)) in word.char_indices().rev().take(3).enumerate() {
        if idx == 0 {
            break;
        }
        // tail[..=n] holds the last n+1 characters, last first.
        tail[n] = if skeleton { unskeleton(c) } else { c };
        let mut ending = ['\0'; 3];
        for (k, slot) in ending.iter_mut().take(n + 1).enumerate() {
            *slot = tail[n - k];
        }
        if is_ending(&ending[..=n])
            && let Some(ids) = word.get(..idx).and_then(|stem| stems.get(stem))
        {
            extend_unique(out, ids, &ok);
        }
    }
}

/// L1: Russian and Ukrainian noun case endings (after `ё` → `е`).
fn is_ending(chars: &[char]) -> bool {
    matches!(
        chars,
        ['а' | 'я' | 'у' | 'ю' | 'е' | 'и' | 'ы' | 'і' | 'ї']
            | ['о' | 'е', 'м' | 'й' | 'ю' | 'в']
            | ['є' | 'і', 'ю']
            | ['і', 'в']
            | ['а' | 'я', 'м' | 'х']
            | ['а' | 'я', 'м', 'и']
            | ['о' | 'е' | 'є', 'в', 'і']
    )
}

/// Combining marks (zalgo) and invisible characters: part of the word they follow, dropped
/// when normalizing.
fn is_mark(c: char) -> bool {
    match c as u32 {
        0xAD | 0x300..=0x36F | 0x483..=0x489 => true,
        // Fast path: no other marks among Latin, Greek and Cyrillic.
        0..=0x4FF => false,
        _ => is_invisible(c) || is_combining_mark(c),
    }
}

fn is_host_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')
    } else {
        is_word_char(c)
    }
}

/// Where the word starting at `s` ends.
fn atom_end(text: &str, s: usize) -> usize {
    let mut end = s;
    if let Some(rest) = text.get(s..) {
        for (j, c) in rest.char_indices() {
            if is_word_char(c) || is_mark(c) {
                end = s + j + c.len_utf8();
            } else {
                break;
            }
        }
    }
    end
}

/// Where the handle starting at `s` (after the `@`) ends: a word, with inner dots.
fn handle_end(text: &str, s: usize) -> usize {
    let mut end = atom_end(text, s);
    while let Some(rest) = text.get(end..) {
        let mut chars = rest.chars();
        if chars.next() == Some('.') && chars.next().is_some_and(is_word_char) {
            end = atom_end(text, end + 1);
        } else {
            break;
        }
    }
    end
}

/// Between the words of a multi-word name: at most 3 spaces or punctuation characters, on one
/// line. Returns where the next word starts.
fn skip_gap(text: &str, pos: usize) -> Option<usize> {
    let mut visible = 0;
    for (j, c) in text.get(pos..)?.char_indices() {
        if is_word_char(c) {
            return (j > 0).then_some(pos + j);
        }
        if is_mark(c) {
            continue;
        }
        let gap = c != '\n'
            && (c.is_whitespace()
                || (c.is_ascii_punctuation() && c != '#' && c != '@')
                || matches!(
                    c,
                    '«' | '»' | '‐'..='―' | '‘' | '’' | '“' | '”' | '„' | '…' | '·' | 'ʼ'
                ));
        visible += 1;
        if !gap || visible > 3 {
            return None;
        }
    }
    None
}

/// What normalizing a word saw.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    latin: bool,
    cyrillic: bool,
    /// Every character has a look-alike in the other script.
    lookalike: bool,
    /// Stopped at the cap: the word is longer than anything configured.
    truncated: bool,
}

/// Lower case; `ё` → `е`; Romanian diacritics folded (`ș ş` → `s`, `ț ţ` → `t`, `ă â` → `a`,
/// `î` → `i`); full-width and mathematical letters folded; combining marks and invisible
/// characters dropped (a combining breve keeps `й`). Stops after `cap` bytes.
fn normalize_into(raw: &str, out: &mut String, cap: usize) -> Flags {
    out.clear();
    let mut f = Flags {
        lookalike: true,
        ..Flags::default()
    };
    let mut push = |out: &mut String, c: char| {
        if c.is_ascii_lowercase() || ('\u{e0}'..='\u{24f}').contains(&c) {
            f.latin = true;
        } else if ('\u{400}'..='\u{4ff}').contains(&c) {
            f.cyrillic = true;
        }
        if !is_lookalike(c) {
            f.lookalike = false;
        }
        out.push(c);
    };
    for c in raw.chars() {
        if out.len() >= cap {
            f.truncated = true;
            break;
        }
        if c.is_ascii() {
            push(out, c.to_ascii_lowercase());
            continue;
        }
        match c {
            '\u{306}' if out.ends_with('и') => {
                out.pop();
                out.push('й');
            }
            'ё' | 'Ё' => push(out, 'е'),
            'ș' | 'Ș' | 'ş' | 'Ş' => push(out, 's'),
            'ț' | 'Ț' | 'ţ' | 'Ţ' => push(out, 't'),
            'ă' | 'Ă' | 'â' | 'Â' => push(out, 'a'),
            'î' | 'Î' => push(out, 'i'),
            c if matches!(c as u32, 0xFF00..=0xFFEF | 0x1D400..=0x1D7FF) => {
                decompose_compatible(c, |d| {
                    for l in d.to_lowercase() {
                        push(out, l);
                    }
                });
            }
            // Fast paths: Cyrillic capitals.
            'А'..='Я' => push(out, char::from_u32(c as u32 + 0x20).unwrap_or(c)),
            'Ѐ'..='Џ' => push(out, char::from_u32(c as u32 + 0x50).unwrap_or(c)),
            'а'..='я' | 'ѐ'..='џ' => push(out, c),
            c if is_mark(c) => {}
            c => {
                // "İ" lower-cases to "i" and a combining dot: drop the dot.
                for l in c.to_lowercase().filter(|l| !is_mark(*l)) {
                    push(out, l);
                }
            }
        }
    }
    f
}

/// Lower case only (domains).
fn lower_into(raw: &str, out: &mut String) {
    out.clear();
    for c in raw.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// L1: Cyrillic look-alike letters → their Latin twins (over lower case).
fn skeleton_char(c: char) -> char {
    match c {
        'а' => 'a',
        'в' => 'b',
        'е' => 'e',
        'к' => 'k',
        'м' => 'm',
        'н' => 'h',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'т' => 't',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        c => c,
    }
}

/// The inverse of [`skeleton_char`].
fn unskeleton(c: char) -> char {
    match c {
        'a' => 'а',
        'b' => 'в',
        'e' => 'е',
        'k' => 'к',
        'm' => 'м',
        'h' => 'н',
        'o' => 'о',
        'p' => 'р',
        'c' => 'с',
        't' => 'т',
        'y' => 'у',
        'x' => 'х',
        'i' => 'і',
        'j' => 'ј',
        's' => 'ѕ',
        c => c,
    }
}

fn is_lookalike(c: char) -> bool {
    skeleton_char(c) != c || unskeleton(c) != c
}

fn skeleton_into(norm: &str, out: &mut String) {
    out.clear();
    out.extend(norm.chars().map(skeleton_char));
}

/// The lower-case host of a URL or bare host name, without scheme, user, port, path or
/// trailing dot. `None` if there is none.
fn host_of(url: &str) -> Option<String> {
    let s = url.trim();
    let s = match s.find("://") {
        Some(k)
            if k > 0
                && s[..k]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            &s[k + 3..]
        }
        _ => s.strip_prefix("//").unwrap_or(s),
    };
    let end = s
        .find(|c: char| matches!(c, '/' | '?' | '#' | '\\') || c.is_whitespace())
        .unwrap_or(s.len());
    let host = &s[..end];
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_end_matches('.');
    if host.is_empty() || !host.chars().all(is_host_char) {
        return None;
    }
    let mut out = String::new();
    lower_into(host, &mut out);
    Some(out)
}

/// Per-call buffers.
#[derive(Default)]
struct Scratch {
    norm: String,
    skel: String,
    wids: Vec<u32>,
}

/// Builds a [`BrandMatcher`], checking the configuration.
#[derive(Default)]
struct Builder {
    word_ids: HashMap<(Box<str>, bool), u32>,
    words: Vec<Word>,
    starts: Vec<Vec<u32>>,
    terms: Vec<Term>,
    exact: Map<Vec<u32>>,
    stems: Map<Vec<u32>>,
    skel_exact: Map<Vec<u32>>,
    skel_stems: Map<Vec<u32>>,
    prefixes: Prefixes,
    tag_prefix: Map<Vec<Owner>>,
    at_exact: Map<Vec<Owner>>,
    domains: Map<usize>,
    competitors: Vec<(usize, String)>,
    /// Brand names by normalized key, and who claimed each term (for `SharedTerm`).
    names: HashMap<String, usize>,
    claims: HashMap<String, usize>,
    brand_names: Vec<String>,
    max_key: usize,
}

fn push_unique<T: PartialEq>(map: &mut Map<Vec<T>>, key: &str, v: T) {
    let list = map.entry(key.into()).or_default();
    if !list.contains(&v) {
        list.push(v);
    }
}

/// A configured term split into normalized words, the same way texts are.
fn split_words(term: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut i = 0;
    while let Some(c) = term.get(i..).and_then(|t| t.chars().next()) {
        if is_word_char(c) {
            let e = atom_end(term, i);
            let mut w = String::new();
            normalize_into(&term[i..e], &mut w, usize::MAX);
            if !w.is_empty() {
                words.push(w);
            }
            i = e;
        } else {
            i += c.len_utf8();
        }
    }
    words
}

/// The form without its final vowel, `ь` or `й` ("пятерочк" for "пятерочка"), if at least 3
/// letters remain.
fn truncated(form: &str) -> Option<&str> {
    let (idx, last) = form.char_indices().next_back()?;
    let vowel = matches!(
        last,
        'а' | 'я' | 'о' | 'е' | 'у' | 'ю' | 'ы' | 'и' | 'і' | 'ї' | 'є' | 'ь' | 'й'
    );
    let stem = &form[..idx];
    (vowel && stem.chars().count() >= 3).then_some(stem)
}

impl Builder {
    fn add_brand(&mut self, index: usize, p: &BrandProfile) -> Result<(), BrandError> {
        let brand_name = p.name.trim().to_string();
        let name_words = split_words(&p.name);
        if name_words.is_empty() {
            return Err(BrandError::EmptyName { index });
        }
        let key: String = name_words.concat();
        if self.names.contains_key(&key) {
            return Err(BrandError::DuplicateName { name: brand_name });
        }
        self.names.insert(key, index);
        self.brand_names.push(brand_name.clone());

        let too_short = |field: &'static str, term: &str| BrandError::TooShort {
            brand: brand_name.clone(),
            field,
            term: term.to_string(),
        };
        let invalid = |field: &'static str, term: &str, reason: &'static str| BrandError::Invalid {
            brand: brand_name.clone(),
            field,
            term: term.to_string(),
            reason,
        };

        // L1: the name and every alias, inflected, as words and as a phrase.
        let names = std::iter::once((&p.name, MatchedBy::Name, "name"))
            .chain(p.aliases.iter().map(|a| (a, MatchedBy::Alias, "aliases")));
        for (term, by, field) in names {
            let words = split_words(term);
            let joined = words.concat();
            if joined.chars().count() < 2 {
                return Err(too_short(field, term));
            }
            self.claim(&format!("w:{joined}"), index, field, term)?;
            let owner = Owner::Brand { brand: index, by };
            self.add_term(owner, &words, true);
            self.add_key_forms(owner, &words, &joined);
        }

        // L1: handles, with or without the @.
        for term in &p.handles {
            let raw = term.trim();
            let raw = raw.strip_prefix('@').unwrap_or(raw);
            let mut norm = String::new();
            normalize_into(raw, &mut norm, usize::MAX);
            let valid = raw
                .chars()
                .all(|c| is_word_char(c) || is_mark(c) || c == '.')
                && !norm.starts_with('.')
                && !norm.ends_with('.')
                && !norm.contains("..");
            if !valid {
                return Err(invalid(
                    "handles",
                    term,
                    "a handle is letters, digits, '_' and inner '.'",
                ));
            }
            if norm.chars().filter(|c| *c != '.').count() < 2 {
                return Err(too_short("handles", term));
            }
            self.claim(
                &format!("w:{}", norm.replace('.', "")),
                index,
                "handles",
                term,
            )?;
            let owner = Owner::Brand {
                brand: index,
                by: MatchedBy::Handle,
            };
            push_unique(&mut self.at_exact, &norm, owner);
            if !norm.contains('.') {
                // A bare handle is one word, not inflected.
                self.add_term(owner, std::slice::from_ref(&norm), false);
                push_unique(&mut self.tag_prefix, &norm, owner);
            }
            self.max_key = self.max_key.max(norm.len());
        }

        // L1: hashtags, with or without the #.
        for term in &p.hashtags {
            let raw = term.trim();
            let raw = raw.strip_prefix('#').unwrap_or(raw);
            if !raw.chars().all(|c| is_word_char(c) || is_mark(c)) {
                return Err(invalid(
                    "hashtags",
                    term,
                    "a hashtag is one word, without spaces or punctuation",
                ));
            }
            let mut norm = String::new();
            normalize_into(raw, &mut norm, usize::MAX);
            if norm.chars().count() < 2 {
                return Err(too_short("hashtags", term));
            }
            self.claim(&format!("w:{norm}"), index, "hashtags", term)?;
            let owner = Owner::Brand {
                brand: index,
                by: MatchedBy::Hashtag,
            };
            push_unique(&mut self.tag_prefix, &norm, owner);
            self.max_key = self.max_key.max(norm.len());
        }

        // L1: domains; a URL's host must equal one or end with "." + it.
        for term in &p.domains {
            let Some(host) = host_of(term) else {
                return Err(invalid("domains", term, "not a host name like example.com"));
            };
            let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
            let labels_ok = host.split('.').all(|l| !l.is_empty());
            if !host.contains('.') || !labels_ok {
                return Err(invalid("domains", term, "not a host name like example.com"));
            }
            self.claim(&format!("d:{host}"), index, "domains", term)?;
            self.domains.insert(host.into(), index);
        }

        // L3: competitors, with the same word rules, reported apart.
        for term in &p.competitors {
            let words = split_words(term);
            let joined = words.concat();
            if joined.chars().count() < 2 {
                return Err(too_short("competitors", term));
            }
            let owner = Owner::Competitor {
                competitor: self.competitors.len(),
            };
            self.competitors.push((index, term.trim().to_string()));
            self.add_term(owner, &words, true);
            self.add_key_forms(owner, &words, &joined);
        }
        Ok(())
    }

    /// A name, alias or competitor also matches written together ("ТинькоффБанк"), as a
    /// hashtag or its beginning, and as an @handle.
    fn add_key_forms(&mut self, owner: Owner, words: &[String], joined: &str) {
        if words.len() > 1 {
            self.add_term(owner, std::slice::from_ref(&joined.to_string()), true);
        }
        push_unique(&mut self.tag_prefix, joined, owner);
        push_unique(&mut self.at_exact, joined, owner);
        self.max_key = self.max_key.max(joined.len());
    }

    /// Records that `key` belongs to brand `index`; an error if another brand has it.
    fn claim(
        &mut self,
        key: &str,
        index: usize,
        field: &'static str,
        term: &str,
    ) -> Result<(), BrandError> {
        match self.claims.get(key) {
            Some(&first) if first != index => Err(BrandError::SharedTerm {
                field,
                term: term.to_string(),
                first: self.brand_names.get(first).cloned().unwrap_or_default(),
                second: self.brand_names.get(index).cloned().unwrap_or_default(),
            }),
            Some(_) => Ok(()),
            None => {
                self.claims.insert(key.to_string(), index);
                Ok(())
            }
        }
    }

    fn add_term(&mut self, owner: Owner, words: &[String], inflect: bool) {
        let ids: Box<[u32]> = words.iter().map(|w| self.add_word(w, inflect)).collect();
        let Some(&first) = ids.first() else {
            return;
        };
        let t = self.terms.len() as u32;
        self.terms.push(Term { owner, words: ids });
        self.starts[first as usize].push(t);
    }

    fn add_word(&mut self, form: &str, inflect: bool) -> u32 {
        if let Some(&id) = self.word_ids.get(&(form.into(), inflect)) {
            return id;
        }
        let id = self.words.len() as u32;
        self.word_ids.insert((form.into(), inflect), id);
        let lookalike = form.chars().all(is_lookalike);
        self.words.push(Word { lookalike });
        self.starts.push(Vec::new());
        self.max_key = self.max_key.max(form.len());
        let mut skel = String::new();
        push_unique(&mut self.exact, form, id);
        skeleton_into(form, &mut skel);
        push_unique(&mut self.skel_exact, &skel, id);
        // Stems keep the form's first two letters (a shortened stem has at least 3).
        self.prefixes.insert(form.chars());
        self.prefixes.insert(skel.chars());
        if inflect {
            // L1: the form itself, or without its final vowel, before a case ending.
            for stem in std::iter::once(form).chain(truncated(form)) {
                push_unique(&mut self.stems, stem, id);
                skeleton_into(stem, &mut skel);
                push_unique(&mut self.skel_stems, &skel, id);
            }
        }
        id
    }

    fn finish(self, brands: usize) -> BrandMatcher {
        let mut tag_prefix_lens: Vec<usize> = self.tag_prefix.keys().map(|k| k.len()).collect();
        tag_prefix_lens.sort_unstable();
        tag_prefix_lens.dedup();
        let max_domain = self.domains.keys().map(|k| k.len()).max().unwrap_or(0);
        BrandMatcher {
            brands,
            competitors: self.competitors,
            any_lookalike: self.words.iter().any(|w| w.lookalike),
            words: self.words,
            starts: self.starts,
            terms: self.terms,
            exact: self.exact,
            stems: self.stems,
            skel_exact: self.skel_exact,
            skel_stems: self.skel_stems,
            prefixes: self.prefixes,
            tag_prefix: self.tag_prefix,
            tag_prefix_lens,
            at_exact: self.at_exact,
            domains: self.domains,
            max_domain,
            // Room for a case ending (3 letters, 2 bytes each) and an invisible remainder.
            cap: self.max_key + 16,
        }
    }
}

/// A set of the first two letters of words (a 1024-bit filter): a text word whose first two
/// letters, as written or as a skeleton, are not in it cannot equal a configured word, nor a
/// stem of one plus an ending.
#[derive(Debug, Clone, Default)]
struct Prefixes {
    bits: [u64; 16],
    /// Some configured word is one letter long: the filter lets everything through.
    short: bool,
}

impl Prefixes {
    fn key(mut chars: impl Iterator<Item = char>) -> Option<usize> {
        let a = chars.next()?;
        let b = chars.next()?;
        let h = (a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32).wrapping_mul(0x85EB_CA6B);
        Some((h.wrapping_mul(0xC2B2_AE35) >> 22) as usize)
    }

    fn insert(&mut self, chars: impl Iterator<Item = char>) {
        match Self::key(chars) {
            Some(k) => self.bits[k / 64] |= 1 << (k % 64),
            None => self.short = true,
        }
    }

    fn has(&self, chars: impl Iterator<Item = char>) -> bool {
        Self::key(chars).is_some_and(|k| self.bits[k / 64] & (1 << (k % 64)) != 0)
    }

    /// Whether the normalized word (or its first letters) may match a configured word.
    fn may_match(&self, norm: &str) -> bool {
        self.short || self.has(norm.chars()) || self.has(norm.chars().map(skeleton_char))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Issue 12: the tokenizer, the personal-data scanner (RC11) and brand matching take their
    /// character classes from one place (`defuse_text::chars`) and agree on a sample with
    /// `é`, `ё`, zero-width joiners, combining marks and Romanian `ș`/`ț`.
    #[test]
    fn scanners_agree_on_word_chars() {
        use defuse_text::chars::{is_invisible, is_pii_word_char, is_word_char as tok_word};
        let sample = "café ёлка ceață școală ţară Ж\u{200D}ж h\u{0336}e\u{0301}llo\u{200B}x";
        for c in sample.chars() {
            if is_invisible(c) {
                assert!(is_mark(c), "{c:?}");
                assert!(!tok_word(c) && !is_word_char(c), "{c:?}");
            } else {
                assert_eq!(tok_word(c), is_pii_word_char(c), "{c:?}");
                assert_eq!(tok_word(c), is_word_char(c), "{c:?}");
            }
        }
        let mut toks = defuse_text::tokenize::Tokens::new();
        toks.fill("ceață școală h\u{0336}e\u{0301}llo");
        let words: Vec<&str> = toks.tokens().iter().map(|t| toks.text(t)).collect();
        assert_eq!(words, ["ceata", "scoala", "hello"]);
    }

    fn profile(name: &str, aliases: &[&str]) -> BrandProfile {
        BrandProfile {
            name: name.into(),
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            ..BrandProfile::default()
        }
    }

    fn oblachko() -> BrandProfile {
        BrandProfile {
            name: "Облачко".into(),
            aliases: vec!["Oblachko".into()],
            hashtags: vec!["#ОблачкоПомогает".into(), "oblachkohelp".into()],
            domains: vec!["oblachko.ru".into()],
            handles: vec!["@oblachko".into()],
            competitors: vec!["Тучка".into(), "Grozovik Cloud".into()],
            languages: vec!["ru".into()],
        }
    }

    fn aerosky() -> BrandProfile {
        BrandProfile {
            name: "AeroSky".into(),
            aliases: vec!["АэроСкай".into(), "Aero Sky".into()],
            handles: vec!["aerosky_official".into()],
            domains: vec!["https://www.aerosky.md/".into()],
            ..BrandProfile::default()
        }
    }

    fn matcher(brands: &[BrandProfile]) -> BrandMatcher {
        BrandMatcher::new(brands).unwrap()
    }

    /// The hit texts of `text`, with their brand and kind.
    fn hits(m: &BrandMatcher, text: &str) -> Vec<(usize, MatchedBy, String)> {
        m.find(text)
            .hits
            .iter()
            .map(|h| (h.brand, h.by, text[h.start..h.end].to_string()))
            .collect()
    }

    fn one(m: &BrandMatcher, text: &str) -> Option<(usize, MatchedBy, String)> {
        let h = hits(m, text);
        assert!(h.len() <= 1, "{text:?}: {h:?}");
        h.into_iter().next()
    }

    fn matched(m: &BrandMatcher, text: &str) -> Option<String> {
        one(m, text).map(|(_, _, s)| s)
    }

    #[test]
    fn names_match_in_any_case() {
        let m = matcher(&[profile("Облачко", &[])]);
        for w in ["облачко", "ОБЛАЧКО", "Облачко", "оБлАчКо"] {
            let text = format!("Опять {w} не работает!");
            assert_eq!(
                one(&m, &text),
                Some((0, MatchedBy::Name, w.to_string())),
                "{text}"
            );
        }
    }

    #[test]
    fn russian_inflected_forms_match() {
        let m = matcher(&[
            profile("Облачко", &[]),
            profile("Сбербанк", &["Сбер"]),
            profile("Пятёрочка", &[]),
        ]);
        for w in ["Облачко", "Облачка", "Облачку", "Облачком", "Облачке"]
        {
            assert_eq!(
                one(&m, &format!("про {w} забудьте")).map(|h| h.0),
                Some(0),
                "{w}"
            );
        }
        for w in [
            "Сбербанк",
            "Сбербанка",
            "Сбербанку",
            "Сбербанком",
            "Сбербанке",
            "сбербанками",
        ] {
            let got = one(&m, &format!("в {w} очередь"));
            assert_eq!(got, Some((1, MatchedBy::Name, w.to_string())), "{w}");
        }
        for w in ["Сбер", "Сбера", "Сбере", "Сбером", "Сберу"] {
            let got = one(&m, &format!("в {w} очередь"));
            assert_eq!(got, Some((1, MatchedBy::Alias, w.to_string())), "{w}");
        }
        // A name ending in a vowel drops it before the ending; ё and е are equal.
        for w in [
            "Пятёрочка",
            "Пятёрочки",
            "Пятёрочку",
            "Пятёрочкой",
            "пятерочке",
            "ПЯТЕРОЧКОЮ",
        ] {
            assert_eq!(matched(&m, &format!("в {w}!")).as_deref(), Some(w), "{w}");
        }
    }

    #[test]
    fn ukrainian_endings_match() {
        let m = matcher(&[profile("Сбербанк", &[]), profile("Пятёрочка", &[])]);
        assert!(one(&m, "дякую Сбербанкові").is_some());
        assert!(one(&m, "у Пятерочці").is_none()); // "ц" is a consonant change: not required
        assert!(one(&m, "у Пятерочкі").is_some());
    }

    #[test]
    fn longer_unrelated_words_do_not_match() {
        let m = matcher(&[profile("Облачко", &[]), profile("Сбербанк", &["Сбер"])]);
        for text in [
            "Сберкнижка в шкафу",
            "облачный день",
            "облачность",
            "сберегательный",
            "Сберб",
            "банк",
        ] {
            assert_eq!(hits(&m, text), vec![], "{text}");
        }
    }

    #[test]
    fn abbreviations_and_hyphenated_endings() {
        let m = matcher(&[profile("МТС", &[])]);
        for w in ["МТС", "мтс", "мтс-ом", "МТС-у", "МТСу", "МТС'ом", "МТС-а"]
        {
            let text = format!("Спасибо {w} за связь");
            assert_eq!(
                one(&m, &text),
                Some((0, MatchedBy::Name, w.to_string())),
                "{text}"
            );
        }
        for text in ["амтс", "мтсамтс", "МТС2", "x_мтс"] {
            assert_eq!(hits(&m, text), vec![], "{text}");
        }
        // A hyphen followed by something that is not an ending is not part of the hit.
        assert_eq!(matched(&m, "МТС-Банк").as_deref(), Some("МТС"));
    }

    #[test]
    fn latin_cyrillic_lookalikes_match() {
        let m = matcher(&[profile("МТС", &[]), profile("Облачко", &[])]);
        // Latin M, T, C: the brand is all look-alikes.
        assert_eq!(
            one(&m, "MTC опять"),
            Some((0, MatchedBy::Name, "MTC".into()))
        );
        assert_eq!(
            one(&m, "mtc-om"),
            Some((0, MatchedBy::Name, "mtc-om".into()))
        );
        // Latin O, a, o mixed into a Cyrillic word.
        assert_eq!(
            one(&m, "где Oблaчкo?"),
            Some((1, MatchedBy::Name, "Oблaчкo".into()))
        );
        assert_eq!(
            one(&m, "в Oблaчкe"),
            Some((1, MatchedBy::Name, "Oблaчкe".into()))
        );
        // Transliteration is not a look-alike: it needs an alias.
        assert_eq!(hits(&m, "Oblachko is down"), vec![]);
        let m = matcher(&[profile("Облачко", &["Oblachko"])]);
        assert_eq!(
            one(&m, "Oblachko is down"),
            Some((0, MatchedBy::Alias, "Oblachko".into()))
        );
    }

    #[test]
    fn lookalike_comparison_only_for_mixed_words_or_all_lookalike_terms() {
        // "Тема" is all look-alikes (т е м а): the Latin "Tema" matches.
        let m = matcher(&[profile("Тема", &[]), profile("Облако", &[])]);
        assert_eq!(one(&m, "Tema"), Some((0, MatchedBy::Name, "Tema".into())));
        // "облако" has an л: the ordinary Latin word "o6lako" is not it, nor is "oблakо"
        // without the л.
        assert_eq!(hits(&m, "oblako"), vec![]);
        assert_eq!(one(&m, "oблakо").map(|h| h.0), Some(1));
    }

    #[test]
    fn romanian_diacritics_fold() {
        let m = matcher(&[
            profile("Aeroportul Chișinău", &[]),
            profile("Țară Mică", &[]),
        ]);
        for w in [
            "Aeroportul Chisinau",
            "aeroportul chişinău",
            "AEROPORTUL CHIȘINĂU",
        ] {
            assert_eq!(
                matched(&m, &format!("la {w} azi")).as_deref(),
                Some(w),
                "{w}"
            );
        }
        assert_eq!(one(&m, "tara mica").map(|h| h.0), Some(1));
        assert_eq!(one(&m, "Ţară Mică").map(|h| h.0), Some(1));
    }

    #[test]
    fn possessive_and_romanian_enclitic_endings() {
        let m = matcher(&[
            profile("Облачко", &["Oblachko"]),
            profile("BancaVerde", &["Banca Verde"]),
        ]);
        for w in [
            "Oblachko's",
            "Oblachko’s",
            "Oblachko-ul",
            "Oblachko-ului",
            "Oblachko-lui",
        ] {
            assert_eq!(
                matched(&m, &format!("{w} support")).as_deref(),
                Some(w),
                "{w}"
            );
        }
        for w in [
            "BancaVerde-ului",
            "BancaVerde-ul",
            "Banca Verde-ului",
            "bancaverde",
        ] {
            let got = one(&m, &format!("clienții {w} sunt supărați"));
            assert_eq!(got.map(|h| (h.0, h.2)), Some((1, w.to_string())), "{w}");
        }
        // Other hyphenated words stay out of the span.
        assert_eq!(matched(&m, "Oblachko-style").as_deref(), Some("Oblachko"));
    }

    #[test]
    fn multi_word_names_match_as_phrases() {
        let m = matcher(&[profile("Тинькофф Банк", &[]), profile("Air Moldova", &[])]);
        for w in [
            "Тинькофф Банк",
            "Тинькофф Банка",
            "тинькофф  банку",
            "Тинькофф-Банком",
            "Тинькофф — Банк",
            "ТинькоффБанк",
            "тинькоффбанка",
        ] {
            let got = one(&m, &format!("Опять {w} заблокировал карту"));
            assert_eq!(got, Some((0, MatchedBy::Name, w.to_string())), "{w}");
        }
        for w in [
            "Air Moldova",
            "air moldova",
            "Air-Moldova",
            "AirMoldova",
            "Air Moldova's",
        ] {
            assert_eq!(
                matched(&m, &format!("{w} lost my bag")).as_deref(),
                Some(w),
                "{w}"
            );
        }
        for text in [
            "Тинькофф",
            "банк не работает",
            "Тинькофф и другой банк",
            "Тинькофф\nБанк",
            "Air and Moldova",
            "Air #Moldova",
        ] {
            assert_eq!(hits(&m, text), vec![], "{text}");
        }
    }

    #[test]
    fn overlapping_hits_of_one_brand_collapse() {
        let m = matcher(&[profile("Тинькофф Банк", &["Тинькофф"])]);
        // The phrase, the alias and its first word: one hit over the whole phrase.
        assert_eq!(
            hits(&m, "Тинькофф Банк, ау"),
            vec![(0, MatchedBy::Name, "Тинькофф Банк".into())]
        );
        assert_eq!(
            hits(&m, "Тинькоффа"),
            vec![(0, MatchedBy::Alias, "Тинькоффа".into())]
        );
        // The same name twice is two hits.
        assert_eq!(hits(&m, "Тинькофф, Тинькофф!").len(), 2);
    }

    #[test]
    fn hashtags_match() {
        let m = matcher(&[oblachko(), aerosky()]);
        for (text, tag, brand) in [
            ("#облачко лежит", "#облачко", 0),
            ("#Облачко лежит", "#Облачко", 0),
            ("снова #облачкоподвело", "#облачкоподвело", 0),
            ("#облачка нет", "#облачка", 0),
            ("#ОблачкоПомогает", "#ОблачкоПомогает", 0),
            ("#oblachkohelp please", "#oblachkohelp", 0),
            ("#oblachkohelpme", "#oblachkohelpme", 0),
            ("#AeroSkyFail again", "#AeroSkyFail", 1),
            ("#аэроскайопоздал", "#аэроскайопоздал", 1),
        ] {
            assert_eq!(
                one(&m, text),
                Some((brand, MatchedBy::Hashtag, tag.into())),
                "{text}"
            );
        }
        for text in ["#облака", "#обла", "#погода", "C#", "#"] {
            assert_eq!(hits(&m, text), vec![], "{text}");
        }
    }

    #[test]
    fn domains_match() {
        let m = matcher(&[oblachko(), aerosky()]);
        for (text, host) in [
            ("см. oblachko.ru", "oblachko.ru"),
            ("https://oblachko.ru/help", "oblachko.ru"),
            ("www.oblachko.ru.", "www.oblachko.ru"),
            ("support.oblachko.ru/x", "support.oblachko.ru"),
            (
                "HTTPS://Support.OBLACHKO.RU:443/x?y=1",
                "Support.OBLACHKO.RU",
            ),
            ("пишите на help@oblachko.ru", "oblachko.ru"),
        ] {
            assert_eq!(
                one(&m, text),
                Some((0, MatchedBy::Domain, host.into())),
                "{text}"
            );
        }
        // The configured domain had a scheme, www and a trailing slash.
        assert_eq!(
            one(&m, "aerosky.md"),
            Some((1, MatchedBy::Domain, "aerosky.md".into()))
        );
        for text in [
            "notoblachko.ru",
            "oblachko.ru.evil.com",
            "oblachko.rus",
            "oblachko-ru.com",
        ] {
            let h = hits(&m, text);
            assert!(h.iter().all(|h| h.1 != MatchedBy::Domain), "{text}: {h:?}");
        }
    }

    #[test]
    fn brand_of_url() {
        let m = matcher(&[oblachko(), aerosky()]);
        assert_eq!(m.brand_of_url("https://oblachko.ru/help"), Some(0));
        assert_eq!(m.brand_of_url("http://WWW.Oblachko.RU"), Some(0));
        assert_eq!(m.brand_of_url("support.oblachko.ru/x"), Some(0));
        assert_eq!(m.brand_of_url("https://user@oblachko.ru:8443/"), Some(0));
        assert_eq!(m.brand_of_url("https://aerosky.md/"), Some(1));
        assert_eq!(m.brand_of_url("https://notoblachko.ru/"), None);
        assert_eq!(m.brand_of_url("https://oblachko.ru.evil.com/"), None);
        assert_eq!(m.brand_of_url("https://evil.com/oblachko.ru"), None);
        assert_eq!(m.brand_of_url(""), None);
        assert_eq!(m.brand_of_url("не ссылка"), None);
    }

    #[test]
    fn longer_domain_of_another_brand_wins() {
        let mut sub = profile("Облачко Поддержка", &[]);
        sub.domains = vec!["help.oblachko.ru".into()];
        let m = matcher(&[oblachko(), sub]);
        assert_eq!(m.brand_of_url("https://help.oblachko.ru/"), Some(1));
        assert_eq!(m.brand_of_url("https://x.help.oblachko.ru/"), Some(1));
        assert_eq!(m.brand_of_url("https://oblachko.ru/"), Some(0));
        // The host is brand 1's domain; brand 0's alias inside it is a hit of brand 0.
        assert_eq!(
            hits(&m, "help.oblachko.ru"),
            vec![
                (1, MatchedBy::Domain, "help.oblachko.ru".into()),
                (0, MatchedBy::Alias, "oblachko".into())
            ]
        );
    }

    #[test]
    fn handles_match_with_or_without_at() {
        let m = matcher(&[oblachko(), aerosky()]);
        for (text, span) in [
            ("@oblachko помогите", "@oblachko"),
            ("@Oblachko помогите", "@Oblachko"),
            ("ау, @oblachko.", "@oblachko"),
        ] {
            assert_eq!(
                one(&m, text),
                Some((0, MatchedBy::Handle, span.into())),
                "{text}"
            );
        }
        // Bare: "oblachko" is also an alias, which wins on the same span.
        assert_eq!(
            one(&m, "oblachko помогите").map(|h| h.2),
            Some("oblachko".into())
        );
        assert_eq!(
            one(&m, "aerosky_official where is my bag"),
            Some((1, MatchedBy::Handle, "aerosky_official".into()))
        );
        assert_eq!(
            one(&m, "@AeroSky_Official"),
            Some((1, MatchedBy::Handle, "@AeroSky_Official".into()))
        );
        // The name written as a handle.
        assert_eq!(
            one(&m, "@aerosky"),
            Some((1, MatchedBy::Handle, "@aerosky".into()))
        );
        for text in [
            "@oblachko_fan",
            "@oblachko.fan",
            "@oblachko2",
            "oblachko_fan",
            "@aerosky_official_fan",
        ] {
            assert_eq!(hits(&m, text), vec![], "{text}");
        }
    }

    #[test]
    fn competitors_are_reported_apart() {
        let m = matcher(&[oblachko(), aerosky()]);
        let r = m.find("Тучка лучше, ушёл к Тучке. #тучка и Grozovik Cloud тоже");
        assert_eq!(r.hits, vec![]);
        assert_eq!(r.primary(), None);
        let found: Vec<(usize, &str)> = r
            .competitors
            .iter()
            .map(|c| (c.brand, c.competitor.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (0, "Тучка"),
                (0, "Тучка"),
                (0, "Тучка"),
                (0, "Grozovik Cloud")
            ]
        );
        let text = "Тучка лучше, ушёл к Тучке. #тучка и Grozovik Cloud тоже";
        let spans: Vec<&str> = r
            .competitors
            .iter()
            .map(|c| &text[c.start..c.end])
            .collect();
        assert_eq!(spans, vec!["Тучка", "Тучке", "#тучка", "Grozovik Cloud"]);

        let r = m.find("Облачко хуже, чем Тучка");
        assert_eq!(r.hits.len(), 1);
        assert_eq!(r.competitors.len(), 1);
        assert_eq!(r.primary(), Some(0));
    }

    #[test]
    fn a_brand_can_be_another_brands_competitor() {
        let mut a = oblachko();
        a.competitors = vec!["AeroSky".into()];
        let m = matcher(&[a, aerosky()]);
        let r = m.find("AeroSky");
        assert_eq!(r.hits.len(), 1);
        assert_eq!(r.hits[0].brand, 1);
        assert_eq!(r.competitors.len(), 1);
        assert_eq!(r.competitors[0].brand, 0);
    }

    #[test]
    fn hits_go_to_the_right_brand() {
        let m = matcher(&[oblachko(), aerosky()]);
        let text = "Летел АэроСкаем, а файлы в Облачке пропали. AeroSky, Aero Sky, #aerosky!";
        let got = hits(&m, text);
        assert_eq!(
            got,
            vec![
                (1, MatchedBy::Alias, "АэроСкаем".into()),
                (0, MatchedBy::Name, "Облачке".into()),
                (1, MatchedBy::Name, "AeroSky".into()),
                (1, MatchedBy::Alias, "Aero Sky".into()),
                (1, MatchedBy::Hashtag, "#aerosky".into()),
            ]
        );
        assert_eq!(m.find(text).primary(), Some(1));
        // Sorted by start.
        let r = m.find(text);
        assert!(r.hits.windows(2).all(|w| w[0].start <= w[1].start));
    }

    #[test]
    fn primary_ties_go_to_the_first_hit() {
        let m = matcher(&[oblachko(), aerosky()]);
        assert_eq!(m.find("AeroSky и Облачко").primary(), Some(1));
        assert_eq!(m.find("Облачко и AeroSky").primary(), Some(0));
        assert_eq!(m.find("Облачко и AeroSky, AeroSky").primary(), Some(1));
        assert_eq!(BrandMatches::default().primary(), None);
    }

    #[test]
    fn text_without_brands_has_no_hits() {
        let m = matcher(&[oblachko(), aerosky()]);
        let r = m.find("Погода сегодня отличная, идём гулять! https://example.com #погода @friend");
        assert_eq!(r, BrandMatches::default());
        assert_eq!(r.primary(), None);
        let empty = matcher(&[]);
        assert!(empty.is_empty());
        assert_eq!(empty.len(), 0);
        assert_eq!(empty.find("Облачко"), BrandMatches::default());
        assert_eq!(empty.brand_of_url("https://oblachko.ru"), None);
        assert_eq!(m.len(), 2);
        assert!(!m.is_empty());
    }

    #[test]
    fn zalgo_invisible_and_fullwidth_letters() {
        let m = matcher(&[oblachko(), profile("МТС", &[])]);
        let z = "О\u{334}б\u{337}л\u{336}а\u{338}ч\u{335}к\u{337}о\u{301}";
        assert_eq!(
            one(&m, &format!("ну {z} ну")),
            Some((0, MatchedBy::Name, z.into()))
        );
        let zw = "Об\u{200B}лач\u{AD}ко";
        assert_eq!(matched(&m, zw).as_deref(), Some(zw));
        // Full-width Latin: look-alikes of МТС.
        assert_eq!(one(&m, "ＭＴＣ").map(|h| h.0), Some(1));
        // A decomposed й stays й.
        let m = matcher(&[profile("Связной", &[])]);
        assert_eq!(
            matched(&m, "Связнои\u{306}").as_deref(),
            Some("Связнои\u{306}")
        );
        assert_eq!(matched(&m, "Связного").as_deref(), None); // adjective endings: not handled
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        let m = matcher(&[oblachko(), aerosky(), profile("Тинькофф Банк", &["МТС"])]);
        let big_word = "облачко".repeat(150_000);
        let many = "Облачко Тинькофф ".repeat(60_000);
        let dots = "a.".repeat(500_000);
        let zalgo = "о\u{301}".repeat(300_000);
        let inputs = [
            String::new(),
            "#".into(),
            "@".into(),
            "@.".into(),
            "#@#@".into(),
            "-'".into(),
            "Облачко-".into(),
            "Облачко'".into(),
            "Тинькофф ".into(),
            "oblachko.".into(),
            ".oblachko.ru.".into(),
            "🙂🙃👍🏽‍".into(),
            big_word,
            many,
            dots,
            zalgo,
            "#".repeat(1 << 20),
            "@a".repeat(1 << 19),
            format!("{}oblachko.ru", "x.".repeat(1 << 19)),
            "\u{200B}".repeat(1 << 18),
        ];
        for text in &inputs {
            let r = m.find(text);
            for (s, e) in r
                .hits
                .iter()
                .map(|h| (h.start, h.end))
                .chain(r.competitors.iter().map(|c| (c.start, c.end)))
            {
                assert!(s < e && text.is_char_boundary(s) && text.is_char_boundary(e));
            }
            let _ = m.brand_of_url(text);
        }
    }

    #[test]
    fn config_errors_name_the_brand_and_the_field() {
        let err = BrandMatcher::new(&[oblachko(), profile("  ", &[])]).unwrap_err();
        assert_eq!(err, BrandError::EmptyName { index: 1 });
        assert!(err.to_string().contains("brands[1]"));

        let err = BrandMatcher::new(&[oblachko(), profile("ОБЛАЧКО", &[])]).unwrap_err();
        assert_eq!(
            err,
            BrandError::DuplicateName {
                name: "ОБЛАЧКО".into()
            }
        );

        let err = BrandMatcher::new(&[profile("Облачко", &["О"])]).unwrap_err();
        assert!(
            matches!(
                err,
                BrandError::TooShort {
                    field: "aliases",
                    ..
                }
            ),
            "{err}"
        );
        let msg = err.to_string();
        assert!(msg.contains("Облачко") && msg.contains("aliases"), "{msg}");

        let mut p = oblachko();
        p.domains = vec!["oblachko".into()];
        let msg = BrandMatcher::new(&[p]).unwrap_err().to_string();
        assert!(msg.contains("Облачко") && msg.contains("domains"), "{msg}");

        let mut p = oblachko();
        p.hashtags = vec!["#облачко помогает".into()];
        let msg = BrandMatcher::new(&[p]).unwrap_err().to_string();
        assert!(msg.contains("hashtags"), "{msg}");

        let mut p = oblachko();
        p.handles = vec!["@obla chko".into()];
        let msg = BrandMatcher::new(&[p]).unwrap_err().to_string();
        assert!(msg.contains("handles"), "{msg}");

        let mut p = aerosky();
        p.aliases.push("Oblachko".into());
        let err = BrandMatcher::new(&[oblachko(), p]).unwrap_err();
        assert!(matches!(err, BrandError::SharedTerm { .. }), "{err}");
        let msg = err.to_string();
        assert!(msg.contains("Облачко") && msg.contains("AeroSky"), "{msg}");

        let mut p = aerosky();
        p.domains = vec!["oblachko.ru".into()];
        assert!(matches!(
            BrandMatcher::new(&[oblachko(), p]),
            Err(BrandError::SharedTerm {
                field: "domains",
                ..
            })
        ));
    }

    #[test]
    fn profiles_deserialize_from_toml() {
        #[derive(serde::Deserialize)]
        struct Config {
            brands: Vec<BrandProfile>,
        }
        let cfg: Config = toml::from_str(
            r##"
            [[brands]]
            name = "Облачко"
            aliases = ["Oblachko"]
            hashtags = ["#облачко"]
            domains = ["oblachko.ru"]
            handles = ["@oblachko"]
            competitors = ["Тучка"]
            languages = ["ru", "en"]

            [[brands]]
            name = "AeroSky"
            "##,
        )
        .unwrap();
        assert_eq!(cfg.brands.len(), 2);
        assert_eq!(cfg.brands[1], profile("AeroSky", &[]));
        let m = BrandMatcher::new(&cfg.brands).unwrap();
        assert_eq!(m.find("#облачко").primary(), Some(0));

        let bad = toml::from_str::<Config>("[[brands]]\nname = \"X\"\nalias = [\"Y\"]\n");
        assert!(bad.is_err());
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<BrandMatcher>();
    }

    #[test]
    fn results_serialize() {
        let m = matcher(&[oblachko()]);
        let json = serde_json::to_string(&m.find("@oblachko")).unwrap();
        assert_eq!(
            json,
            r#"{"hits":[{"brand":0,"by":"handle","start":0,"end":9}],"competitors":[]}"#
        );
    }

    proptest::proptest! {
        #[test]
        fn find_never_panics_and_spans_are_char_boundaries(text in "\\PC{0,200}") {
            let m = matcher(&[oblachko(), aerosky(), profile("МТС", &["Тинькофф Банк"])]);
            let r = m.find(&text);
            for (s, e) in r.hits.iter().map(|h| (h.start, h.end))
                .chain(r.competitors.iter().map(|c| (c.start, c.end)))
            {
                proptest::prop_assert!(s < e && e <= text.len());
                proptest::prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                proptest::prop_assert!(!text[s..e].is_empty());
            }
            let _ = m.brand_of_url(&text);
        }

        #[test]
        fn brand_words_in_arbitrary_context(
            pre in "[ \\PC]{0,20}",
            word in proptest::sample::select(vec!["Облачко", "oblachko.ru", "@oblachko", "MTC", "#AeroSkyFail", "мтс-ом", "Тучкой"]),
            post in "[ \\PC]{0,20}",
        ) {
            let m = matcher(&[oblachko(), aerosky(), profile("МТС", &[])]);
            let text = format!("{pre} {word} {post}");
            let r = m.find(&text);
            for (s, e) in r.hits.iter().map(|h| (h.start, h.end))
                .chain(r.competitors.iter().map(|c| (c.start, c.end)))
            {
                proptest::prop_assert!(s < e && text.is_char_boundary(s) && text.is_char_boundary(e));
            }
            proptest::prop_assert!(!r.hits.is_empty() || !r.competitors.is_empty());
        }
    }
}
