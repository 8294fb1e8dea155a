//! Self-validating identifiers, found without a keyword [RC11]: an IBAN (country length
//! and mod-97), the Romanian CNP and the Russian SNILS (checksums), and a 20-digit Russian
//! bank account of a person (first digit 4 and a currency code).

use super::PrivateKind;
use super::letters::is_space_like;
use super::scan::{Found, Scan};

const RU_CURRENCIES: &[&[u8]] = &[
    b"810", b"643", b"840", b"978", b"156", b"826", b"756", b"933", b"398", b"980", b"392",
];

impl Scan<'_> {
    /// An IBAN, compact or in groups of four: known country length and mod-97.
    pub(super) fn try_iban(&self, i: usize) -> Option<Found> {
        let s = self.word(i).as_bytes();
        if s.len() < 4
            || !s[0].is_ascii_uppercase()
            || !s[1].is_ascii_uppercase()
            || !s[2].is_ascii_digit()
            || !s[3].is_ascii_digit()
        {
            return None;
        }
        let len = iban_len(&s[..2])?;
        let mut buf = [0u8; 34];
        let mut n = 0;
        let mut j = i;
        loop {
            let ws = self.word(j).as_bytes();
            if !ws.iter().all(u8::is_ascii_alphanumeric) || n + ws.len() > len {
                return None;
            }
            if j > i && self.word(j - 1).len() != 4 {
                return None;
            }
            buf[n..n + ws.len()].copy_from_slice(ws);
            n += ws.len();
            if n == len {
                break;
            }
            if j + 1 >= self.words.len() || !is_space_like(self.gap(j + 1).single) {
                return None;
            }
            j += 1;
        }
        (iban_mod97(&buf[..n]) == 1).then(|| Found {
            kind: PrivateKind::Account,
            start: self.words[i].start,
            end: self.words[j].end,
        })
    }

    /// A Romanian CNP: 13 digits with a valid checksum.
    pub(super) fn try_cnp(&self, i: usize) -> Option<Found> {
        let w = self.words[i];
        (w.all_digit() && w.digits == 13 && cnp_valid(self.word(i).as_bytes())).then_some(Found {
            kind: PrivateKind::Passport,
            start: w.start,
            end: w.end,
        })
    }

    /// A Russian SNILS written `123-456-789 01` with a valid checksum.
    pub(super) fn try_snils(&self, i: usize) -> Option<Found> {
        if i + 3 >= self.words.len() {
            return None;
        }
        let (g1, g2, g3) = (
            self.gap(i + 1).single,
            self.gap(i + 2).single,
            self.gap(i + 3).single,
        );
        let sep = |c: char| c == '-' || is_space_like(c);
        if g1 != g2 || !sep(g1) || !sep(g3) {
            return None;
        }
        let mut d = [0u8; 11];
        let mut n = 0;
        for (k, len) in [3u32, 3, 3, 2].into_iter().enumerate() {
            let w = self.words[i + k];
            if !w.all_digit() || w.digits != len {
                return None;
            }
            for b in self.word(i + k).bytes() {
                d[n] = b - b'0';
                n += 1;
            }
        }
        snils_valid(&d).then(|| Found {
            kind: PrivateKind::Passport,
            start: self.words[i].start,
            end: self.words[i + 3].end,
        })
    }

    /// A 20-digit Russian bank account in any grouping. On its own (no `keyword`) it must be a
    /// person's: `4…` with a currency code in digits 6–8.
    pub(super) fn try_ru_account(&self, i: usize, keyword: bool) -> Option<Found> {
        let w = self.words[i];
        if !w.all_digit() || !(keyword || self.word(i).starts_with('4')) {
            return None;
        }
        let mut buf = [0u8; 20];
        let mut n = 0;
        let mut j = i;
        loop {
            let ws = self.word(j).as_bytes();
            if n + ws.len() > 20 {
                return None;
            }
            buf[n..n + ws.len()].copy_from_slice(ws);
            n += ws.len();
            if n == 20 {
                break;
            }
            let joined = j + 1 < self.words.len()
                && self.words[j + 1].all_digit()
                && self.gap(j + 1).is_space_or_dash();
            if !joined {
                return None;
            }
            j += 1;
        }
        ((keyword || RU_CURRENCIES.contains(&&buf[5..8])) && !self.glued_after(j)).then(|| Found {
            kind: PrivateKind::Account,
            start: w.start,
            end: self.words[j].end,
        })
    }
}

pub(super) fn cnp_valid(d: &[u8]) -> bool {
    if d.len() != 13 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let v = |k: usize| u32::from(d[k] - b'0');
    let month = v(3) * 10 + v(4);
    let day = v(5) * 10 + v(6);
    let county = v(7) * 10 + v(8);
    if !(1..=8).contains(&v(0)) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return false;
    }
    if !((1..=52).contains(&county) || county == 70) {
        return false;
    }
    const KEY: [u32; 12] = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];
    let sum: u32 = (0..12).map(|k| v(k) * KEY[k]).sum();
    let check = match sum % 11 {
        10 => 1,
        r => r,
    };
    check == v(12)
}

fn snils_valid(d: &[u8; 11]) -> bool {
    let number = d[..9].iter().fold(0u32, |a, &b| a * 10 + u32::from(b));
    if number <= 1_001_998 {
        return false;
    }
    let sum: u32 = (0..9).map(|k| u32::from(d[k]) * (9 - k as u32)).sum();
    let check = match sum {
        0..=99 => sum,
        100 | 101 => 0,
        _ => match sum % 101 {
            100 => 0,
            r => r,
        },
    };
    check == u32::from(d[9]) * 10 + u32::from(d[10])
}

/// IBAN length by country code.
fn iban_len(cc: &[u8]) -> Option<usize> {
    Some(match cc {
        b"NO" => 15,
        b"BE" => 16,
        b"DK" | b"FI" | b"FO" | b"GL" | b"NL" => 18,
        b"MK" | b"SI" => 19,
        b"AT" | b"BA" | b"EE" | b"KZ" | b"LT" | b"LU" | b"XK" => 20,
        b"CH" | b"HR" | b"LI" | b"LV" => 21,
        b"BG" | b"BH" | b"CR" | b"DE" | b"GB" | b"GE" | b"IE" | b"ME" | b"RS" | b"VA" => 22,
        b"AE" | b"GI" | b"IL" | b"IQ" | b"TL" => 23,
        b"AD" | b"CZ" | b"ES" | b"MD" | b"PK" | b"RO" | b"SA" | b"SE" | b"SK" | b"TN" | b"VG" => 24,
        b"PT" | b"ST" => 25,
        b"IS" | b"TR" => 26,
        b"FR" | b"GR" | b"IT" | b"MC" | b"MR" | b"SM" => 27,
        b"AL" | b"AZ" | b"BY" | b"CY" | b"DO" | b"GT" | b"HU" | b"LB" | b"PL" | b"SV" => 28,
        b"BR" | b"EG" | b"PS" | b"QA" | b"UA" => 29,
        b"JO" | b"KW" | b"MU" => 30,
        b"MT" | b"SC" => 31,
        b"LC" => 32,
        _ => return None,
    })
}

fn iban_mod97(s: &[u8]) -> u32 {
    if s.len() < 4 {
        return 0;
    }
    let step = |r: u32, c: u8| {
        if c.is_ascii_digit() {
            (r * 10 + u32::from(c - b'0')) % 97
        } else {
            (r * 100 + u32::from(c.to_ascii_uppercase().wrapping_sub(b'A')) + 10) % 97
        }
    };
    let r = s[4..].iter().fold(0, |r, &c| step(r, c));
    s[..4].iter().fold(r, |r, &c| step(r, c))
}
