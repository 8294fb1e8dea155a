//! Matching one word against the rules [A4]: a word is a list of normalized units (a letter
//! and how many times in a row it occurs); patterns run as bit-parallel state sets, so masks
//! cannot cause backtracking; prefixes, exceptions and the quality of a match (two real
//! letters, no more masks than letters) are checked here.

use super::index::{Compiled, Pat, ViewIndex, cyr_slot, index, lat_slot};
use super::lookalike::{cyr_to_lat, lat_to_cyr};
use super::rule::{Left, Masks, Rule};

/// The unit put between two pieces joined by `.` or `!` (`х.у.й`, `п.здец`): stands for
/// 0..=n letters like a mask.
pub(super) const JOIN: char = '·';

/// Most units a prefix part may have.
const MAX_PREFIX_UNITS: usize = 12;

/// One normalized character of a word and how many times in a row it occurs.
#[derive(Clone, Copy, Debug)]
pub(super) struct Unit {
    pub(super) c: char,
    pub(super) n: u32,
}

/// The script a word is read in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum View {
    Cyr,
    Lat,
}

impl View {
    /// A mask or a join: stands for 0..=n letters.
    fn is_wild(self, c: char) -> bool {
        match self {
            View::Cyr => matches!(c, '*' | '@' | '$' | '!' | JOIN),
            View::Lat => matches!(c, '*' | JOIN),
        }
    }

    /// Does the unit character `c` stand for the pattern letter `p`?
    fn eq(self, p: char, c: char) -> bool {
        p == c
            || match self {
                View::Cyr => {
                    (matches!(p, 'ъ' | 'ь') && matches!(c, 'ъ' | 'ь' | '\''))
                        || lat_to_cyr(c).contains(&p)
                }
                View::Lat => cyr_to_lat(c).contains(&p),
            }
    }

    fn is_script(self, c: char) -> bool {
        match self {
            View::Cyr => ('\u{400}'..='\u{52F}').contains(&c),
            View::Lat => c.is_ascii_lowercase() || matches!(c, '@' | '$' | '!'),
        }
    }
}

/// Matches `pat` against the units from `u0`. The state set holds the positions of `pat`
/// reached so far (at most 62 letters), so there is no backtracking: each unit costs at most
/// one step per pattern letter. A letter unit consumes a run of the same pattern letter no
/// longer than itself; a mask unit of `n` consumes 0..=n pattern letters. Returns the index
/// one past the last unit used, or `None`. With `to_end`, the match must use every unit.
fn sim(view: View, units: &[Unit], u0: usize, pat: &Pat) -> Option<usize> {
    let cs = &pat.cs[..];
    let plen = cs.len();
    if plen == 0 || plen > 62 {
        return None;
    }
    let full = 1u64 << plen;
    let mut st = 1u64;
    let mut u = u0;
    while u < units.len() {
        let unit = units[u];
        let mut next = 0u64;
        if view.is_wild(unit.c) {
            next = st;
            let mut cur = st & !full;
            let mut k = 0;
            while cur != 0 && k < unit.n {
                cur <<= 1;
                next |= cur;
                cur &= !full;
                k += 1;
            }
        } else {
            let mut bits = st & !full;
            while bits != 0 {
                let p = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let ch = cs[p];
                if view.eq(ch, unit.c) {
                    let mut q = p + 1;
                    while q < plen && cs[q] == ch {
                        q += 1;
                    }
                    if (q - p) as u32 <= unit.n {
                        next |= 1u64 << q;
                    }
                }
            }
        }
        st = next;
        u += 1;
        if st == 0 {
            return None;
        }
        if !pat.to_end && st & full != 0 {
            return Some(u);
        }
    }
    (st & full != 0).then_some(units.len())
}

/// The Cyrillic letter a unit spells in a prefix (`ь` and `'` as `ъ`).
fn canon_cyr(c: char) -> Option<char> {
    match c {
        'ь' | '\'' => Some('ъ'),
        'а'..='я' | 'ї' => Some(c),
        _ => lat_to_cyr(c).first().copied(),
    }
}

/// Can `s` be cut into prefixes from `list`?
fn segments(s: &[char], list: &[&str]) -> bool {
    let mut reach: u32 = 1;
    for pos in 0..s.len() {
        if reach & (1 << pos) == 0 {
            continue;
        }
        for p in list {
            let mut k = pos;
            let mut ok = true;
            for pc in p.chars() {
                if k < s.len() && s[k] == pc {
                    k += 1;
                } else {
                    ok = false;
                    break;
                }
            }
            if ok {
                reach |= 1 << k;
            }
        }
    }
    reach & (1 << s.len()) != 0
}

/// Is `pre` a sequence of prefixes? A doubled first letter of the stem may end the prefix
/// (`нее-бический` is `не` + `еб`).
fn prefix_ok(pre: &[Unit], next: Unit, list: &[&str]) -> bool {
    if pre.len() > MAX_PREFIX_UNITS {
        return false;
    }
    let mut buf = ['\0'; MAX_PREFIX_UNITS + 1];
    for (i, u) in pre.iter().enumerate() {
        match canon_cyr(u.c) {
            Some(c) => buf[i] = c,
            None => return false,
        }
    }
    let m = pre.len();
    if segments(&buf[..m], list) {
        return true;
    }
    if next.n >= 2
        && let Some(c) = canon_cyr(next.c)
    {
        buf[m] = c;
        return segments(&buf[..=m], list);
    }
    false
}

/// Is the match at `u0` (units `u0..end`; `ext`: with the unit after an open stem) a real
/// word? `u0..ext` must hold two letters (a digit or a mask is none), one of the view's
/// script, and no more mask and join characters than letters and digits; `u0..end` at most
/// one run of mask characters (`f**k`, not `pes_i_mistik`), as `masks` says.
fn quality(view: View, units: &[Unit], u0: usize, end: usize, ext: usize, masks: Masks) -> bool {
    let mask_runs = units
        .get(u0..end)
        .unwrap_or(&[])
        .iter()
        .filter(|u| view.is_wild(u.c) && u.c != JOIN)
        .count();
    let ok = match masks {
        Masks::Allowed => mask_runs <= 1,
        Masks::Forbidden => mask_runs == 0,
        Masks::Required => mask_runs == 1,
    };
    if !ok {
        return false;
    }
    let (mut real, mut wild, mut letters, mut script) = (0u32, 0u32, 0u32, false);
    for u in units.get(u0..ext).unwrap_or(&[]) {
        if view.is_wild(u.c) {
            wild = wild.saturating_add(u.n);
        } else if u.c != '\'' {
            real += 1;
            if u.c.is_alphabetic() || (view == View::Lat && matches!(u.c, '@' | '$' | '!')) {
                letters += 1;
                script |= view.is_script(u.c);
            }
        }
    }
    script && letters >= 2 && wild <= real
}

/// Does `comp` match at `u0`? Words start at unit 0 and at `ws1` (after a leading `@`/`$`;
/// 0 if none).
fn try_rule(view: View, units: &[Unit], u0: usize, ws1: usize, comp: &Compiled) -> bool {
    let rule = comp.rule;
    match rule.left {
        Left::Start if u0 != 0 && u0 != ws1 => return false,
        Left::Prefix(_) if u0 > ws1 + MAX_PREFIX_UNITS => return false,
        _ => {}
    }
    let Some(stem_end) = sim(view, units, u0, &comp.stem) else {
        return false;
    };
    // The matched part: the form, or the stem (and the unit after it: `е*ать`: `е*а`).
    let (end, ext) = if comp.forms.is_empty() {
        (stem_end, (stem_end + 1).min(units.len()))
    } else {
        match comp.forms.iter().find_map(|f| sim(view, units, u0, f)) {
            Some(e) => (e.max(stem_end), e.max(stem_end)),
            None => return false,
        }
    };
    if let Left::Prefix(list) = rule.left {
        let ok = u0 == 0
            || u0 == ws1
            || prefix_ok(&units[..u0], units[u0], list)
            || (ws1 > 0 && u0 > ws1 && prefix_ok(&units[ws1..u0], units[u0], list));
        if !ok {
            return false;
        }
    }
    if comp.deny.iter().any(|d| sim(view, units, u0, d).is_some()) {
        return false;
    }
    quality(view, units, u0, end, ext, rule.masks)
}

/// A view's letter slot of a character.
type SlotFn = fn(char) -> Option<usize>;
/// The view's letters a character of the other script may stand for.
type LookFn = fn(char) -> &'static [char];

/// Tries the rules of `list` at `u0`; `have`: the letters the word may spell.
fn try_list(
    view: View,
    idx: &ViewIndex,
    list: &[(u16, u64)],
    units: &[Unit],
    u0: usize,
    ws1: usize,
    have: u64,
) -> Option<&'static Rule> {
    for &(ri, need) in list {
        if need & !have == 0
            && let Some(comp) = idx.rules.get(ri as usize)
            && try_rule(view, units, u0, ws1, comp)
        {
            return Some(comp.rule);
        }
    }
    None
}

/// The first rule of `view` that matches the word, by position. `ws1`: see [`try_rule`];
/// `have`: the letters the word may spell ([`unit_bits`](super::index::unit_bits) of its units, for `view`).
pub(super) fn scan(view: View, units: &[Unit], ws1: usize, have: u64) -> Option<&'static Rule> {
    let idx = match view {
        View::Cyr => &index().cyr,
        View::Lat => &index().lat,
    };
    let mut bits = have;
    let mut possible = false;
    while bits != 0 && !possible {
        let b = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        possible = idx.needs[b].iter().any(|&n| n & !have == 0);
    }
    if !possible {
        return None;
    }
    let (slot, look): (SlotFn, LookFn) = match view {
        View::Cyr => (cyr_slot, lat_to_cyr),
        View::Lat => (lat_slot, cyr_to_lat),
    };
    for (u0, unit) in units.iter().enumerate() {
        if u0 == 0 && unit.c == '@' {
            // A leading `@` marks a handle (`@ss` is a user), never a letter.
            continue;
        }
        let lists = if u0 == 0 || u0 == ws1 {
            &idx.first
        } else {
            &idx.inner
        };
        if let Some(s) = slot(unit.c) {
            if let Some(r) = try_list(view, idx, &lists[s], units, u0, ws1, have) {
                return Some(r);
            }
        } else {
            for &x in look(unit.c) {
                if let Some(s) = slot(x)
                    && let Some(r) = try_list(view, idx, &lists[s], units, u0, ws1, have)
                {
                    return Some(r);
                }
            }
        }
    }
    None
}
