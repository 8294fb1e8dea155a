//! Phone numbers [RC11]: `+` or `00` and 9–15 digits, the national formats of Russia,
//! Kazakhstan, Romania, Ukraine, Moldova and North America, and any grouping of 7–15 digits
//! after a phone keyword; not amounts, dates, counts or numbers followed by a unit.

use super::PrivateKind;
use super::scan::{Found, Scan};
use super::words::G_PHONE;

impl Scan<'_> {
    /// A phone number starting at word `i`; `context` relaxes the formats after a phone keyword.
    pub(super) fn try_phone(&self, i: usize, context: bool) -> Option<Found> {
        let w = self.words[i];
        if !w.all_digit() || w.digits > 15 || self.preceded_by_currency(i) {
            return None;
        }
        let gap = self.gap(i);
        let plus = gap.last == '+' && !(i > 0 && gap.single == '+');
        let mut lens = [0u32; 6];
        let mut ng = 1;
        lens[0] = w.digits;
        let mut total = w.digits;
        let mut j = i;
        while ng < lens.len() && j + 1 < self.words.len() {
            let next = self.words[j + 1];
            // Groups after the first have two digits at least: "1 2 3 4" is no phone.
            if !next.all_digit()
                || next.digits < 2
                || total + next.digits > 15
                || !next.gap.has(G_PHONE)
            {
                break;
            }
            lens[ng] = next.digits;
            ng += 1;
            total += next.digits;
            j += 1;
        }
        if total < 7 {
            return None;
        }
        let mut ds = [0u8; 15];
        let mut n = 0;
        for k in i..=j {
            for b in self.word(k).bytes() {
                ds[n] = b;
                n += 1;
            }
        }
        let mut d = n;
        for k in (0..ng).rev() {
            let last = i + k;
            if phone_shape(&lens[..=k], &ds[..d], plus, context)
                && !self.is_date(i, last)
                && !self.followed_by_unit(self.words[last].end)
                && (k + 1 < ng || !self.glued_after(last))
            {
                let paren =
                    gap.last == '(' && self.words.get(i + 1).is_some_and(|n| n.gap.first == ')');
                let start = if plus || paren { w.start - 1 } else { w.start };
                return Some(Found {
                    kind: PrivateKind::Phone,
                    start,
                    end: self.words[last].end,
                });
            }
            d -= lens[k] as usize;
        }
        None
    }
}

/// Whether digit groups `g` with digits `d` look like a phone number.
fn phone_shape(g: &[u32], d: &[u8], plus: bool, context: bool) -> bool {
    let n = d.len();
    // "+1 000 000 000": mostly zeros is a count, not a phone.
    let zeros = d.iter().filter(|&&c| c == b'0').count();
    if n == 0 || (zeros >= 5 && zeros * 2 > n) {
        return false;
    }
    if plus {
        return (9..=15).contains(&n) && d[0] != b'0';
    }
    // "00 40 721 234 567": the international prefix written as 00.
    if d.starts_with(b"00") && (11..=17).contains(&n) && d[2] != b'0' {
        return true;
    }
    if context && (7..=15).contains(&n) {
        return true;
    }
    // 15 000 000 000: an amount (a phone may be grouped so only after a leading 0).
    if d[0] != b'0' && g.len() >= 3 && g[0] <= 3 && g[1..].iter().all(|&x| x == 3) {
        return false;
    }
    match n {
        10 => {
            (d[0] == b'0' && (b'2'..=b'9').contains(&d[1]))
                || (d[0] >= b'2'
                    && (matches!(g, [3, 3, 4] | [3, 3, 2, 2] | [3, 7])
                        || (g == [10] && d[0] == b'9')))
        }
        11 => {
            ((d[0] == b'8' || d[0] == b'7') && matches!(d[1], b'3' | b'4' | b'8' | b'9'))
                || d.starts_with(b"407")
                || d.starts_with(b"373")
                || (d[0] == b'1' && g.first() == Some(&1) && g[1..] == [3, 3, 4])
        }
        12 => d.starts_with(b"380") && (b'3'..=b'9').contains(&d[3]),
        _ => false,
    }
}
