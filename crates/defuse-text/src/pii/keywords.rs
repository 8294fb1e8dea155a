//! What a word says about the number after it [RC11]: keyword meanings (looked up in
//! `tables` by the word's first folded letter and compared as packed integers) and the unit
//! words that make a number an amount, a quantity or a duration.

use super::PrivateKind;
use super::letters::{fold_key, lower};
use super::tables::{UNITS_EXACT, UNITS_LONG, UNITS_PREFIX, bucket};
use crate::chars::{fold_accent as fold, is_combining};

/// What a word says about the number after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kw {
    /// "номер", "nr", "no", "№"-like words: transparent.
    Generic,
    /// "серия", "seria": the document series comes next.
    Series,
    Kind(PrivateKind),
    /// Romanian personal numeric code (13 digits, checksum).
    Cnp,
    /// Russian SNILS (11 digits).
    Snils,
    /// Russian personal INN (12 digits).
    Inn,
    /// Ukrainian РНОКПП / ІПН (10 digits).
    Ipn,
}

/// A keyword: stem, whether it is a prefix (otherwise the whole word) and meaning, with the
/// stem's first 16 bytes packed for comparisons without `memcmp`.
#[derive(Clone, Copy)]
pub(super) struct Entry {
    stem: &'static str,
    prefix: bool,
    kw: Kw,
    packed: u128,
    mask: u128,
}

pub(super) const fn e(stem: &'static str, prefix: bool, kw: Kw) -> Entry {
    let len = stem.len();
    let mask = if len >= 16 {
        u128::MAX
    } else {
        (1u128 << (8 * len)) - 1
    };
    Entry {
        stem,
        prefix,
        kw,
        packed: pack16(stem.as_bytes()),
        mask,
    }
}

/// Packs up to 16 bytes into an integer, first byte lowest.
const fn pack16(s: &[u8]) -> u128 {
    let mut v = 0u128;
    let mut i = 0;
    while i < s.len() && i < 16 {
        v |= (s[i] as u128) << (8 * i);
        i += 1;
    }
    v
}

impl Entry {
    /// Whether folded `key`, packed as `packed`, matches.
    fn matches(&self, key: &[u8], packed: u128) -> bool {
        let len = self.stem.len();
        if key.len() < len
            || (!self.prefix && key.len() != len)
            || packed & self.mask != self.packed
        {
            return false;
        }
        len <= 16 || key.get(16..len) == self.stem.as_bytes().get(16..)
    }
}

/// The keyword meaning of one word, if any.
pub(super) fn classify(word: &str) -> Option<Kw> {
    if word.len() > 64 {
        return None;
    }
    let head = word.chars().find(|&c| !is_combining(c))?;
    let entries = bucket(fold(lower(head)));
    if entries.is_empty() {
        return None;
    }
    let mut buf = [0u8; 64];
    let n = fold_key(word, &mut buf);
    // `buf` is zeroed past the key, as `pack16` pads.
    let mut head = [0u8; 16];
    head.copy_from_slice(&buf[..16]);
    let packed = u128::from_le_bytes(head);
    let key = &buf[..n];
    entries
        .iter()
        .find(|e| e.matches(key, packed))
        .map(|e| e.kw)
}

/// Packs up to 8 bytes into an integer, for comparisons without `memcmp`.
const fn pack(s: &[u8]) -> u64 {
    let mut v = 0u64;
    let mut i = 0;
    while i < s.len() && i < 8 {
        v |= (s[i] as u64) << (8 * i);
        i += 1;
    }
    v
}

/// Packs each word with [`pack`].
pub(super) const fn packed<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N {
        out[i] = pack(words[i].as_bytes());
        i += 1;
    }
    out
}

/// Whether the word after a number makes it an amount, a quantity or a duration.
pub(super) fn is_unit_word(word: &str) -> bool {
    if word.len() > 32 || word.as_bytes().first().is_none_or(u8::is_ascii_digit) {
        return false;
    }
    let mut buf = [0u8; 64];
    let n = fold_key(word, &mut buf);
    let key = &buf[..n];
    let exact = if key.len() <= 8 {
        let mut head = [0u8; 8];
        head.copy_from_slice(&buf[..8]);
        let k = u64::from_le_bytes(head);
        UNITS_EXACT.iter().fold(false, |a, &u| a | (u == k))
    } else {
        UNITS_LONG.iter().any(|u| key == u.as_bytes())
    };
    exact || UNITS_PREFIX.iter().any(|u| key.starts_with(u.as_bytes()))
}
