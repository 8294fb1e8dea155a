//! The walk over the words of a text [RC11]: the keyword context of each number (the
//! nearest keyword among the five words before it), which rules may take it, and in which
//! order: a keyword right before the number first, then the self-validating formats, then
//! a keyword further back.

use super::keywords::{Kw, classify, is_unit_word};
use super::letters::{is_currency, is_space_like, is_upper};
use super::tables::{ACC, CARD, PAS, PHONE, SER};
use super::words::{G_CURRENCY, G_DOT_SPACE, G_PHONE, G_STOP, Gap, Word, tokenize};
use super::{PrivateKind, PrivateMatch};
use crate::chars::is_pii_word_char as is_word_char;
use std::cell::Cell;

/// Keyword context of a number.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ctx {
    pub(super) kw: Kw,
    /// Ordinary words between the keyword and the number.
    fillers: u8,
    /// The word right before the number is "серия"/"seria".
    pub(super) series_adjacent: bool,
}

/// A number candidate read after a keyword: words `first..=last`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Value {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) digits: u32,
    /// Only a letter series ("XB", "ХХХ") with no number joined to it.
    pub(super) series_only: bool,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub(super) kind: PrivateKind,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// How many words before a number may hold its keyword.
const LOOKBACK: usize = 5;

pub(super) struct Scan<'a> {
    pub(super) text: &'a str,
    pub(super) words: Vec<Word>,
    /// Keyword classification memo, indexed by word index mod 8.
    memo: [Cell<(usize, Option<Kw>)>; 8],
    /// The last `value_clean` answer: first word, last word, answer.
    pub(super) clean_memo: Cell<(usize, usize, bool)>,
    /// The text has a `/` between words or a `www` word: URLs are possible.
    pub(super) maybe_url: bool,
}

impl<'a> Scan<'a> {
    pub(super) fn new(text: &'a str, mut words: Vec<Word>) -> Self {
        let maybe_url = tokenize(text, &mut words);
        Scan {
            maybe_url,
            text,
            words,
            memo: std::array::from_fn(|_| Cell::new((usize::MAX, None))),
            clean_memo: Cell::new((usize::MAX, usize::MAX, false)),
        }
    }

    pub(super) fn sub(&self, a: usize, b: usize) -> &'a str {
        self.text.get(a..b).unwrap_or("")
    }

    pub(super) fn word(&self, i: usize) -> &'a str {
        self.words.get(i).map_or("", |w| self.sub(w.start, w.end))
    }

    /// The gap between word `i - 1` (or the start) and word `i`.
    pub(super) fn gap(&self, i: usize) -> Gap {
        self.words[i].gap
    }

    /// The single char between word `i` and word `i + 1`, or `'\0'`.
    fn single_after(&self, i: usize) -> char {
        self.words.get(i + 1).map_or('\0', |w| w.gap.single)
    }

    pub(super) fn keyword(&self, k: usize) -> Option<Kw> {
        let slot = &self.memo[k & 7];
        let (idx, kw) = slot.get();
        if idx == k {
            return kw;
        }
        let w = self.words[k];
        let mut kw = None;
        if w.digits == 0 && w.chars <= 24 {
            let s = self.word(k);
            kw = classify(s);
            // "ID-картка" (Ukrainian ID card) is a document, not a payment card.
            if kw == Some(CARD)
                && k > 0
                && matches!(self.gap(k).single, '-' | ' ')
                && self.word(k - 1).eq_ignore_ascii_case("id")
            {
                kw = Some(PAS);
            }
            // "л/с", "р/с", "a/c": account.
            if kw.is_none()
                && w.chars == 1
                && k > 0
                && self.gap(k).single == '/'
                && matches!(s, "с" | "С" | "c" | "C")
            {
                let prev = self.word(k - 1);
                if matches!(prev, "л" | "Л" | "р" | "Р" | "a" | "A") {
                    kw = Some(ACC);
                }
            }
        }
        slot.set((k, kw));
        kw
    }

    /// A 1–4 letter word in capitals: a document series ("XB", "ХХХ", "AB"), not a keyword
    /// ("NO", "RCA", "CI").
    pub(super) fn is_short_upper(&self, k: usize) -> bool {
        let w = self.words[k];
        w.digits == 0
            && (1..=4).contains(&w.chars)
            && self.word(k).chars().all(is_upper)
            && self.keyword(k).is_none()
    }

    pub(super) fn run(&self, emails: &[PrivateMatch], out: &mut Vec<PrivateMatch>) {
        let n = self.words.len();
        let mut i = 0;
        let mut e = 0;
        let mut last_end = 0;
        while i < n {
            let w = self.words[i];
            while e < emails.len() && emails[e].end <= w.start {
                e += 1;
            }
            let blocked = emails.get(e).map_or(usize::MAX, |m| m.start);
            if blocked < w.end {
                i += 1;
                continue;
            }
            let fresh_prev = i > 0 && self.words[i - 1].start >= last_end;
            if let Some(f) = self.try_at(i, fresh_prev)
                && f.end <= blocked
                && f.start < f.end
            {
                out.push(PrivateMatch {
                    kind: f.kind,
                    start: f.start,
                    end: f.end,
                });
                last_end = f.end;
                while i < n && self.words[i].start < f.end {
                    i += 1;
                }
                continue;
            }
            i += 1;
        }
    }

    /// The match starting at word `i`, if any. `fresh_prev`: word `i - 1` is not part of a
    /// match.
    fn try_at(&self, i: usize, fresh_prev: bool) -> Option<Found> {
        let w = self.words[i];
        let gap = self.gap(i);
        let last = gap.last;
        if last == '@' {
            return None;
        }
        if w.digits == 0 {
            if !self.series_candidate(i) {
                return None;
            }
            let ctx = self.context(i)?;
            return self.keyword_rule(i, ctx);
        }
        // The middle of a number (`25.11.2026`, `8-916-…`, `12-3456/2023`) starts nothing.
        if i > 0
            && matches!(w.gap.single, '.' | ',' | ':' | '-' | '–' | '/')
            && self
                .word(i - 1)
                .bytes()
                .next_back()
                .is_some_and(|b| b.is_ascii_digit())
        {
            return None;
        }
        let iban_start = self.word(i).as_bytes().get(..4).is_some_and(|b| {
            b[0].is_ascii_uppercase() && b[1].is_ascii_uppercase() && b[2].is_ascii_digit()
        });
        if !iban_start && self.cluster_digits(i) < 4 {
            return None;
        }
        let hashtag = last == '#';
        // The next group of a number grouped evenly ("4276 4276 …", "RO49 AAAA …") starts no
        // card, IBAN or phone of its own.
        let mid_group = fresh_prev && {
            let prev = self.words[i - 1];
            prev.has_digit()
                && prev.chars == w.chars
                && (3..=6).contains(&w.chars)
                && w.gap.is_space_or_dash()
        };
        let free = !hashtag && !mid_group && !self.glued_before(i);
        if free
            && last == '+'
            && let Some(f) = self.try_phone(i, false)
        {
            return Some(f);
        }
        // Look for a keyword only if some keyword rule could take this number: not for dates,
        // amounts or short numbers.
        let needs_ctx = iban_start || self.phone_run(i) || {
            let v = self.read_value(i);
            v.is_some_and(|v| v.digits >= 4 && self.value_clean(&v))
        };
        let ctx = if needs_ctx { self.context(i) } else { None };
        let kw_first = ctx.filter(|c| c.fillers == 0);
        if let Some(c) = kw_first
            && let Some(f) = self.keyword_rule(i, c)
        {
            return Some(f);
        }
        if free {
            let phone_ctx = ctx.is_some_and(|c| c.kw == PHONE);
            if let Some(f) = self.standalone(i, phone_ctx) {
                return Some(f);
            }
        }
        match ctx {
            Some(c) if kw_first.is_none() => self.keyword_rule(i, c),
            _ => None,
        }
    }

    /// Whether the digit groups from word `i` could be a phone after a phone keyword: at
    /// least 7 digits, not a date.
    fn phone_run(&self, i: usize) -> bool {
        let mut total = self.words[i].digits;
        if !self.words[i].all_digit() {
            return false;
        }
        let mut j = i;
        while j + 1 < self.words.len() && j < i + 5 {
            let next = self.words[j + 1];
            // Groups after the first have two digits at least: "1 2 3 4" is no phone.
            if !next.all_digit()
                || next.digits < 2
                || total + next.digits > 15
                || !next.gap.has(G_PHONE)
            {
                break;
            }
            total += next.digits;
            j += 1;
        }
        total >= 7 && !self.is_date(i, j)
    }

    /// Digits in word `i` and the words closely following it (stops at 4). A lone digit
    /// after a space joins nothing ("1 2 3 4").
    fn cluster_digits(&self, i: usize) -> u32 {
        let mut d = self.words[i].digits;
        let mut j = i;
        while d < 4 && j + 1 < self.words.len() && j < i + 6 {
            let next = self.words[j + 1];
            if next.gap.len > 6
                || !next.has_digit()
                || (next.digits < 2 && is_space_like(next.gap.single))
            {
                break;
            }
            j += 1;
            d += next.digits;
        }
        d
    }

    /// Word `i` continues the previous word: `12:30`, `1,234`, `SU-1234`, `path/123`.
    fn glued_before(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        match self.gap(i).single {
            '.' | ',' | ':' => self
                .word(i - 1)
                .bytes()
                .next_back()
                .is_some_and(|b| b.is_ascii_digit()),
            '-' | '–' | '/' | '\\' | '+' | '=' | '&' => true,
            _ => false,
        }
    }

    /// Word `last` is followed by `.5`, `,90`, `:30`: a decimal, amount or time.
    pub(super) fn glued_after(&self, last: usize) -> bool {
        matches!(self.single_after(last), '.' | ',' | ':')
            && self.words.get(last + 1).is_some_and(Word::has_digit)
    }

    pub(super) fn preceded_by_currency(&self, i: usize) -> bool {
        self.gap(i).has(G_CURRENCY)
    }

    /// The text at byte `end` is (after up to two spaces) a currency, `%` or a unit word.
    pub(super) fn followed_by_unit(&self, end: usize) -> bool {
        let mut rest = self.text.get(end..).unwrap_or("");
        for _ in 0..2 {
            match rest.chars().next() {
                Some(c) if is_space_like(c) => rest = rest.get(c.len_utf8()..).unwrap_or(""),
                _ => break,
            }
        }
        let Some(c) = rest.chars().next() else {
            return false;
        };
        if is_currency(c) || c == '%' || c == '‰' {
            return true;
        }
        if c.is_ascii_digit() || !is_word_char(c) {
            return false;
        }
        let mut wend = rest.len();
        for (n, (off, ch)) in rest.char_indices().enumerate() {
            if n > 12 {
                return false;
            }
            if !is_word_char(ch) {
                wend = off;
                break;
            }
        }
        is_unit_word(rest.get(..wend).unwrap_or(""))
    }

    /// Whether a keyword's reach ends between word `k - 1` and word `k`: `!`, `?`, `;`, a
    /// blank line, or a sentence end (". " before a capital, unless after a short
    /// abbreviation such as "no." or "тел.").
    fn hard_stop(&self, k: usize) -> bool {
        let g = self.gap(k);
        g.has(G_STOP)
            || (g.has(G_DOT_SPACE)
                && k > 0
                && self.words[k - 1].chars > 3
                && self.word(k).chars().next().is_some_and(is_upper))
    }

    /// The nearest keyword among the `LOOKBACK` words before word `i`.
    fn context(&self, i: usize) -> Option<Ctx> {
        let mut k = i;
        let mut steps = 0;
        let mut fillers = 0u8;
        let mut series = false;
        let mut series_adjacent = false;
        while k > 0 && steps < LOOKBACK {
            if self.hard_stop(k) {
                break;
            }
            k -= 1;
            steps += 1;
            if self.words[k].has_digit() {
                continue;
            }
            match self.keyword(k) {
                Some(Kw::Series) => {
                    series = true;
                    series_adjacent |= steps == 1;
                }
                Some(Kw::Generic) => {}
                Some(kw) => {
                    return Some(Ctx {
                        kw,
                        fillers,
                        series_adjacent,
                    });
                }
                None => {
                    if !self.is_short_upper(k) {
                        fillers += 1;
                    }
                }
            }
        }
        series.then_some(Ctx {
            kw: PAS,
            fillers,
            series_adjacent,
        })
    }

    /// A capital-letter series worth a look: followed by a number or right after "серия".
    fn series_candidate(&self, i: usize) -> bool {
        if !(1..=4).contains(&self.words[i].chars)
            || !self.word(i).chars().next().is_some_and(is_upper)
        {
            return false;
        }
        let before_number = self
            .words
            .get(i + 1)
            .is_some_and(|n| n.digits >= 4 && n.gap.joins_series());
        let after_series = i > 0
            && self.gap(i).len <= 6
            && (3..=6).contains(&self.words[i - 1].chars)
            && self.keyword(i - 1) == Some(SER);
        (before_number || after_series) && self.is_short_upper(i)
    }

    fn keyword_rule(&self, i: usize, ctx: Ctx) -> Option<Found> {
        match ctx.kw {
            Kw::Kind(PrivateKind::Phone) => self.try_phone(i, true),
            Kw::Kind(PrivateKind::Card | PrivateKind::Email) | Kw::Generic | Kw::Series => None,
            Kw::Kind(PrivateKind::Account) => self
                .try_iban(i)
                .or_else(|| self.try_ru_account(i, true))
                .or_else(|| self.try_value(i, ctx)),
            _ => self.try_value(i, ctx),
        }
    }

    fn standalone(&self, i: usize, phone_ctx: bool) -> Option<Found> {
        self.try_iban(i)
            .or_else(|| self.try_cnp(i))
            .or_else(|| self.try_snils(i))
            .or_else(|| self.try_ru_account(i, false))
            .or_else(|| self.try_card(i))
            .or_else(|| self.try_phone(i, phone_ctx))
    }
}
