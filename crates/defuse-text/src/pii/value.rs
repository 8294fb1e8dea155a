//! Numbers read after a keyword [RC11]: an identifier with an optional letter series,
//! whether it is clean (no currency, unit, decimal or date around it), and the digit counts
//! each kind of keyword needs (passport, account, contract, policy, order, CNP, SNILS, INN,
//! IPN).

use super::PrivateKind;
use super::ids::cnp_valid;
use super::keywords::Kw;
use super::letters::is_space_like;
use super::scan::{Ctx, Found, Scan, Value};
use super::tables::G;

impl Scan<'_> {
    /// Reads an identifier starting at word `i`: an optional capital series, then words with
    /// digits joined by `-`, `/`, `.` or (between all-digit groups) a single space.
    pub(super) fn read_value(&self, i: usize) -> Option<Value> {
        let n = self.words.len();
        let mut j = i;
        if self.words[i].digits == 0 {
            if !self.is_short_upper(i) {
                return None;
            }
            let joined =
                i + 1 < n && self.words[i + 1].has_digit() && self.gap(i + 1).joins_series();
            if !joined {
                return Some(Value {
                    first: i,
                    last: i,
                    digits: 0,
                    series_only: true,
                });
            }
            j = i + 1;
        }
        let mut digits = 0u32;
        let mut count = 0;
        loop {
            digits = digits.saturating_add(self.words[j].digits);
            count += 1;
            if count >= 10 || j + 1 >= n {
                break;
            }
            let next = self.words[j + 1];
            // A lone digit after a space is not part of the number ("заказ 123456 2 шт"); a
            // short capital suffix is ("123/45-К").
            let ok = match next.gap.single {
                '-' | '/' | '.' | '–' => {
                    next.has_digit()
                        || (next.gap.single != '.' && next.chars <= 3 && self.is_short_upper(j + 1))
                }
                c if is_space_like(c) => {
                    self.words[j].all_digit() && next.all_digit() && next.digits >= 2
                }
                _ => false,
            };
            if !ok {
                break;
            }
            j += 1;
        }
        Some(Value {
            first: i,
            last: j,
            digits,
            series_only: false,
        })
    }

    /// Dates (`25.11.2026`, `2026-11-25`, `11/25/26`), month-years and year ranges.
    pub(super) fn is_date(&self, first: usize, last: usize) -> bool {
        if (last != first + 1 && last != first + 2)
            || !matches!(self.words[first + 1].gap.single, '.' | '/' | '-')
        {
            return false;
        }
        let mut sep = None;
        let mut nums = [0u32; 3];
        let mut lens = [0u32; 3];
        for (k, idx) in (first..=last).enumerate() {
            let w = self.words[idx];
            if !w.all_digit() || w.digits > 4 {
                return false;
            }
            if idx > first {
                let c = w.gap.single;
                if !matches!(c, '.' | '/' | '-') || sep.is_some_and(|s| s != c) {
                    return false;
                }
                sep = Some(c);
            }
            nums[k] = self
                .word(idx)
                .bytes()
                .fold(0, |a, b| a * 10 + u32::from(b - b'0'));
            lens[k] = w.digits;
        }
        let day = |x: u32| (1..=31).contains(&x);
        let month = |x: u32| (1..=12).contains(&x);
        let year = |x: u32| (1900..=2100).contains(&x);
        let [a, b, c] = nums;
        if last == first + 2 {
            let short_year = lens[2] == 2 || lens[2] == 4;
            (lens[0] <= 2 && day(a) && month(b) && short_year)
                || (lens[0] <= 2 && month(a) && day(b) && short_year)
                || (lens[0] == 4 && month(b) && day(c))
        } else {
            (lens[0] == 4 && lens[1] == 4 && year(a) && year(b))
                || (lens[0] <= 2 && month(a) && lens[1] == 4)
                || (lens[0] <= 2 && lens[1] <= 2 && day(a) && month(b))
        }
    }

    pub(super) fn value_clean(&self, v: &Value) -> bool {
        let (first, last, clean) = self.clean_memo.get();
        if (first, last) == (v.first, v.last) {
            return clean;
        }
        let clean = self.value_clean_uncached(v);
        self.clean_memo.set((v.first, v.last, clean));
        clean
    }

    fn value_clean_uncached(&self, v: &Value) -> bool {
        !self.preceded_by_currency(v.first)
            && !self.glued_after(v.last)
            && !self.is_date(v.first, v.last)
            && !self.followed_by_unit(self.words[v.last].end)
    }

    /// A 6–9 digit number follows word `last`, maybe after "№" or "номер".
    fn followed_by_number(&self, last: usize) -> bool {
        let n = self.words.len();
        let is_num = |k: usize| {
            k < n
                && self.words[k].all_digit()
                && (6..=9).contains(&self.words[k].digits)
                && self.gap(k).len <= 8
        };
        is_num(last + 1)
            || (last + 2 < n
                && self.gap(last + 1).len <= 8
                && self.keyword(last + 1) == Some(G)
                && is_num(last + 2))
    }

    pub(super) fn try_value(&self, i: usize, ctx: Ctx) -> Option<Found> {
        let v = self.read_value(i)?;
        let kind = match ctx.kw {
            Kw::Kind(k) => k,
            Kw::Cnp | Kw::Snils | Kw::Inn | Kw::Ipn => PrivateKind::Passport,
            Kw::Generic | Kw::Series => return None,
        };
        let found = Found {
            kind,
            start: self.words[v.first].start,
            end: self.words[v.last].end,
        };
        if v.series_only {
            let ok =
                ctx.series_adjacent && matches!(kind, PrivateKind::Passport | PrivateKind::Policy);
            return ok.then_some(found);
        }
        if !self.value_clean(&v) {
            return None;
        }
        let d = v.digits;
        let ok = match ctx.kw {
            Kw::Cnp => v.first == v.last && cnp_valid(self.word(v.first).as_bytes()),
            Kw::Snils => d == 11,
            Kw::Inn => d == 12,
            Kw::Ipn => d == 10,
            Kw::Kind(PrivateKind::Passport) => {
                (6..=14).contains(&d)
                    || (d == 4
                        && self.words[v.first].all_digit()
                        && (ctx.series_adjacent || self.followed_by_number(v.last)))
            }
            Kw::Kind(PrivateKind::Account) => (6..=34).contains(&d),
            Kw::Kind(PrivateKind::Contract) => (4..=40).contains(&d),
            Kw::Kind(PrivateKind::Policy) => (6..=40).contains(&d),
            Kw::Kind(PrivateKind::Order) => (5..=40).contains(&d),
            _ => false,
        };
        ok.then_some(found)
    }
}
