//! The rules compiled and indexed by letter [A4]: each view's (Cyrillic, Latin) rules by the
//! first letter of their stem, the letter sets stems need, and the two- and three-letter stem
//! starts the scanner watches for, so most words are never matched at all.

use super::lookalike::{cyr_to_lat, lat_to_cyr};
use super::rule::{Left, Masks, Rule};
use super::tables::{CYR_RULES, LAT_RULES};
use super::word::JOIN;
use std::sync::OnceLock;

/// No letter slot (larger than every view's slots).
pub(super) const NONE: usize = 64;

/// A pattern as letters; `to_end`: it must reach the end of the word.
pub(super) struct Pat {
    pub(super) cs: Vec<char>,
    pub(super) to_end: bool,
}

impl Pat {
    pub(super) fn new(f: &str) -> Pat {
        let (p, to_end) = match f.strip_suffix('$') {
            Some(p) => (p, true),
            None => (f, false),
        };
        Pat {
            cs: p.chars().take(62).collect(),
            to_end,
        }
    }
}

/// A rule with its patterns as letters.
pub(super) struct Compiled {
    pub(super) rule: &'static Rule,
    pub(super) stem: Pat,
    pub(super) forms: Vec<Pat>,
    pub(super) deny: Vec<Pat>,
}

/// One view's rules, compiled, and indexed by the first letter of their stem (slot). Each
/// entry of `first` is a rule number and the set of letters its stem needs (bit = slot);
/// `inner` holds only the rules that may start inside a word (`Anywhere`, `Prefix`). `needs`:
/// the distinct letter sets of all stems, by their rarest letter, to skip words no rule can
/// match.
///
/// A stem, its runs collapsed (`ass` → `as`), starts with two letters `a b` (then `pair[a]`
/// has bit `b`) or, if longer, with three letters `a b c` (then `tri[a * (slots + 1) + b]`
/// has bit `c`). A word of plain letters of one script can only match if two or three of its
/// adjacent units form such a start; the scanner checks this as it reads the letters.
pub(super) struct ViewIndex {
    pub(super) rules: Vec<Compiled>,
    pub(super) first: Vec<Vec<(u16, u64)>>,
    pub(super) inner: Vec<Vec<(u16, u64)>>,
    pub(super) needs: Vec<Vec<u64>>,
    slots: usize,
    pair: Vec<u64>,
    tri: Vec<u64>,
}

impl ViewIndex {
    /// Moves the last two units' letters `prev` (`[last, before]`; `NONE` for none) on to the
    /// letter slot `s`; bit 0 of the result is set if they start a stem.
    #[inline]
    pub(super) fn step(&self, prev: &mut [usize; 2], s: usize) -> u64 {
        let [p1, p2] = *prev;
        if s == p1 {
            return 0;
        }
        *prev = [s, p1];
        let mut hit = self.pair.get(p1).map_or(0, |&m| m >> s);
        if p2 < self.slots {
            hit |= self
                .tri
                .get(p2 * (self.slots + 1) + p1)
                .map_or(0, |&m| m >> s);
        }
        hit
    }

    fn build(
        rules: &'static [Rule],
        slot: fn(char) -> Option<usize>,
        slots: usize,
        rank: &[usize],
    ) -> Self {
        let mut ix = ViewIndex {
            rules: Vec::with_capacity(rules.len()),
            first: vec![Vec::new(); slots],
            inner: vec![Vec::new(); slots],
            needs: vec![Vec::new(); 64],
            slots,
            pair: vec![0; slots + 1],
            tri: vec![0; (slots + 1) * (slots + 1)],
        };
        let mut all: Vec<u64> = Vec::new();
        for r in rules {
            let i = ix.rules.len() as u16;
            ix.rules.push(Compiled {
                rule: r,
                stem: Pat::new(r.stem),
                forms: r.forms.iter().map(|f| Pat::new(f)).collect(),
                deny: r.deny.iter().map(|f| Pat::new(f)).collect(),
            });
            let need = r
                .stem
                .chars()
                .filter_map(slot)
                .fold(0u64, |m, s| m | (1u64 << s));
            let mut cs: Vec<usize> = r.stem.chars().filter_map(slot).collect();
            cs.dedup();
            if r.masks == Masks::Required {
                // Never matches a word of plain letters: no start to watch for.
                cs.clear();
            }
            match cs[..] {
                [a, b] => ix.pair[a] |= 1u64 << b,
                [a, b, c, ..] => ix.tri[a * (slots + 1) + b] |= 1u64 << c,
                _ => {}
            }
            if let Some(s) = r.stem.chars().next().and_then(slot) {
                ix.first[s].push((i, need));
                if !matches!(r.left, Left::Start) {
                    ix.inner[s].push((i, need));
                }
            }
            // A set that contains another one adds nothing.
            if !all.iter().any(|&n| n & !need == 0) {
                all.retain(|&n| need & !n != 0);
                all.push(need);
            }
        }
        for m in all {
            ix.needs[rarest(m, rank)].push(m);
        }
        ix
    }
}

/// The rarest letter of the set `m` (slot bits), by `rank` (slots by falling frequency), so
/// the buckets of common letters stay small.
fn rarest(m: u64, rank: &[usize]) -> usize {
    rank.iter()
        .rev()
        .copied()
        .find(|&s| m & (1u64 << s) != 0)
        .unwrap_or(m.trailing_zeros() as usize % 64)
}

/// Slots of a view's letters, most frequent first.
fn rank_of(letters: &str, slot: fn(char) -> Option<usize>) -> Vec<usize> {
    letters.chars().filter_map(slot).collect()
}

pub(super) struct Index {
    pub(super) cyr: ViewIndex,
    pub(super) lat: ViewIndex,
}

pub(super) fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index {
        cyr: ViewIndex::build(
            CYR_RULES,
            cyr_slot,
            33,
            &rank_of("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъї", cyr_slot),
        ),
        lat: ViewIndex::build(
            LAT_RULES,
            lat_slot,
            26,
            &rank_of("etaoinshrdlcumwfgypbvkjxqz", lat_slot),
        ),
    })
}

pub(super) const fn cyr_slot(c: char) -> Option<usize> {
    match c {
        'а'..='я' => Some(c as usize - 'а' as usize),
        'ї' => Some(32),
        _ => None,
    }
}

pub(super) const fn lat_slot(c: char) -> Option<usize> {
    match c {
        'a'..='z' => Some(c as usize - 'a' as usize),
        _ => None,
    }
}

/// The slot bits of `cs` under `slot` (`cyr_slot` if `cyr`, else `lat_slot`).
const fn slot_bits(cs: &[char], cyr: bool) -> u64 {
    let mut m = 0u64;
    let mut i = 0;
    while i < cs.len() {
        let s = if cyr {
            cyr_slot(cs[i])
        } else {
            lat_slot(cs[i])
        };
        if let Some(s) = s {
            m |= 1u64 << s;
        }
        i += 1;
    }
    m
}

/// The letters a unit character may spell, as slot bits for the Cyrillic (`[0]`) and Latin
/// (`[1]`) views; all bits for a mask.
pub(super) const fn unit_bits(c: char) -> [u64; 2] {
    let cyr = match c {
        '*' | '@' | '$' | '!' | JOIN => !0,
        '\'' | 'ъ' | 'ь' => (1 << 26) | (1 << 28),
        _ => match cyr_slot(c) {
            Some(s) => 1u64 << s,
            None => slot_bits(lat_to_cyr(c), true),
        },
    };
    let lat = match c {
        '*' | JOIN => !0,
        _ => match lat_slot(c) {
            Some(s) => 1u64 << s,
            None => slot_bits(cyr_to_lat(c), false),
        },
    };
    [cyr, lat]
}
