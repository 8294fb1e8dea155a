//! Payment cards [RC11]: 13–19 digits in a card grouping with a first digit 2–6 or 9 and a
//! valid Luhn check, or masked ("4276 **** **** 5678") with at least four visible digits and
//! four mask characters.

use super::PrivateKind;
use super::letters::{is_mask, is_space_like};
use super::scan::{Found, Scan};
use crate::chars::is_pii_word_char as is_word_char;

impl Scan<'_> {
    /// A payment card, plain (Luhn) or masked.
    pub(super) fn try_card(&self, i: usize) -> Option<Found> {
        let w = self.words[i];
        let s = self.text.get(w.start..).unwrap_or("");
        if !matches!(s.bytes().next(), Some(b'2'..=b'6' | b'9')) {
            return None;
        }
        // A mask char right after word `j`, or after one separator.
        let mask_after = |j: usize| {
            let mut rest = self.text.get(self.words[j].end..).unwrap_or("").chars();
            match rest.next() {
                Some(c) if is_mask(c) => true,
                Some(c) if c == '-' || is_space_like(c) => rest.next().is_some_and(is_mask),
                _ => false,
            }
        };
        if w.all_digit()
            && !(w.digits == 4 || w.digits == 6 || (13..=19).contains(&w.digits) || mask_after(i))
        {
            return None;
        }
        // Groups: (positions, end byte). Plain digit groups are read word by word; anything
        // with a mask is read char by char.
        let mut groups = [(0u32, 0usize); 8];
        let mut ng = 0;
        let mut total = 0u32;
        let mut j = i;
        let mut plain = true;
        loop {
            let cur = self.words[j];
            if !cur.all_digit() || mask_after(j) {
                plain = false;
                break;
            }
            groups[ng] = (cur.digits, cur.end);
            ng += 1;
            total = total.saturating_add(cur.digits);
            let joined = self
                .words
                .get(j + 1)
                .is_some_and(|n| n.gap.single == '-' || is_space_like(n.gap.single));
            if !joined || ng == groups.len() || total > 24 {
                break;
            }
            j += 1;
        }
        if !plain {
            ng = 0;
            let mut cur = 0u32;
            let mut cur_end = w.start;
            let mut total = 0u32;
            let mut prev_sep = false;
            for (off, c) in s.char_indices() {
                if c.is_ascii_digit() || is_mask(c) {
                    cur += 1;
                    total += 1;
                    cur_end = w.start + off + c.len_utf8();
                    prev_sep = false;
                    if total > 24 {
                        break;
                    }
                } else if (c == '-' || is_space_like(c)) && !prev_sep && cur > 0 {
                    if ng == groups.len() {
                        break;
                    }
                    groups[ng] = (cur, cur_end);
                    ng += 1;
                    cur = 0;
                    prev_sep = true;
                } else {
                    break;
                }
            }
            if cur > 0 && ng < groups.len() {
                groups[ng] = (cur, cur_end);
                ng += 1;
            }
        }
        for k in (1..=ng).rev() {
            let gs = &groups[..k];
            let tot: u32 = gs.iter().map(|g| g.0).sum();
            if tot < 13 {
                break;
            }
            if tot > 19 {
                continue;
            }
            // A prefix of a longer number grouped in fours is not a card.
            if k < ng && groups[k].0 == 4 && gs.iter().all(|g| g.0 == 4) {
                continue;
            }
            let end = gs[k - 1].1;
            let next = self.text.get(end..).and_then(|r| r.chars().next());
            if next.is_some_and(|c| is_word_char(c) || is_mask(c)) || !card_shape(gs) {
                continue;
            }
            let span = self.sub(w.start, end);
            let ok = if plain {
                luhn(span)
            } else {
                let digits = span.bytes().filter(u8::is_ascii_digit).count();
                let masks = span.chars().filter(|&c| is_mask(c)).count();
                if masks == 0 {
                    luhn(span)
                } else {
                    masks >= 4 && digits >= 4
                }
            };
            if ok {
                return Some(Found {
                    kind: PrivateKind::Card,
                    start: w.start,
                    end,
                });
            }
        }
        None
    }
}

/// Card groupings: one block, fours, 4-6-5 / 4-6-4, or 6-x-4.
fn card_shape(gs: &[(u32, usize)]) -> bool {
    let k = gs.len();
    let len = |x: usize| gs[x].0;
    match k {
        1 => true,
        3 if len(0) == 4 && len(1) == 6 && (len(2) == 5 || len(2) == 4) => true,
        3 if len(0) == 6 && len(2) == 4 => true,
        _ => k >= 3 && gs[..k - 1].iter().all(|g| g.0 == 4) && (1..=4).contains(&len(k - 1)),
    }
}

pub(super) fn luhn(s: &str) -> bool {
    let mut sum = 0u32;
    let mut double = false;
    let mut n = 0;
    for b in s.bytes().rev().filter(u8::is_ascii_digit) {
        let mut d = u32::from(b - b'0');
        if double {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
        double = !double;
        n += 1;
    }
    n > 0 && sum.is_multiple_of(10)
}
