//! Personal data in public mentions [RC11].
//!
//! Method rule RC11: "Reply publicly first, then move to private messages for details and
//! confidential data (account numbers, IDs)". Customers post personal data in public comments;
//! the desk must warn them, mask the data and move the conversation to private messages.
//! [`find_private_data`] finds that data in Russian, Ukrainian, English and Romanian text and
//! returns byte spans of card numbers, phone numbers, e-mail addresses, identity documents and
//! the customer's account, contract, insurance-policy and order numbers.
//!
//! # How it works
//!
//! Mention text is hostile input: the scan never panics, slices only on char boundaries and runs
//! in time linear in the text (every look-back and look-ahead is bounded by a constant number of
//! words or characters). Every number reported has at least four digits, so a text with fewer
//! than four ASCII digits and no `@` returns an empty `Vec` without allocating.
//!
//! 1. E-mail addresses are found around each `@`.
//! 2. The text is split into words (runs of letters and digits); each word that starts a number
//!    is classified, using the nearest keyword among the five words before it ("паспорт",
//!    "номер счёта", "polița", "order #", …; case-insensitive for Cyrillic too, Romanian
//!    diacritics optional) and self-validating formats (Luhn, IBAN mod-97, CNP and SNILS
//!    checksums).
//! 3. Nothing inside a URL is reported.
//!
//! # Decisions on borderline cases
//!
//! * **Cards** need 13–19 digits grouped as one block, in fours, 4-6-5/4-6-4 (Amex, Diners) or
//!   6-x-4, a first digit 2–6 or 9, and a valid Luhn check. An expiry date or CVV after the
//!   number is not part of the span.
//! * **Masked cards** ("4276 **** **** 5678", "427638******5678") are reported as `Card`: a
//!   full-length card number copied from an app or receipt in a public thread is the situation
//!   RC11 describes, even when the middle is hidden. They need the full 13–19 positions, a leading
//!   digit, at least 4 visible digits and at least 4 mask characters (`*`, `•`, `x`, `х`, …). Every
//!   `Card` span without mask characters passes Luhn. A bare tail ("карта *5678", "**** 5678") is
//!   how banks themselves name a card in public and is not reported.
//! * **Phones**: `+` (or `00`) and 9–15 digits; national formats of Russia and Kazakhstan
//!   (`8`/`7` and 10 digits), Romania, Ukraine and Moldova (`0` and 9 digits), North America
//!   (3-3-4 grouping, `1-800-…`), a bare Russian mobile (`9` and 9 digits). After a phone keyword
//!   ("тел.", "phone", "telefon", "звоните", "WhatsApp") any grouping of 7–15 digits counts.
//!   Digit groups after the first have two digits at least. Thousands groupings
//!   (`15 000 000 000`), mostly-zero numbers (`+1 000 000 000`), dates, times, amounts followed
//!   by a currency or unit, numbers glued to a previous number (`12:30`, `1,234,567`) and codes
//!   glued to letters (`SU-1234`) are not phones. "SMS" is not a phone keyword: the number after
//!   it is usually a confirmation code.
//! * **E-mail**: a local part and a domain with a dot and an alphabetic TLD. `@handles` and
//!   fediverse handles (`@user@mastodon.social`, public by design) are not e-mail.
//! * **Passport** covers identity documents and national personal identifiers: passports and ID
//!   cards with a keyword (Russian series + number, Ukrainian, Romanian "buletin"/"CI seria XB
//!   123456", "passport no."), the Romanian CNP (checksum, first digit 1–8, month, day and county
//!   validated; found without a keyword), the Russian SNILS (found without a keyword in its
//!   `123-456-789 01` form when the checksum is valid, otherwise after "СНИЛС"), the personal INN
//!   (12 digits after "ИНН"; a 10-digit INN belongs to a company and is public) and the Ukrainian
//!   РНОКПП/ІПН (10 digits after the keyword). SNILS and INN are identity numbers of a person,
//!   not accounts with the brand, hence `Passport` rather than `Account`. When "серия 4506 номер
//!   123456" splits the document around a keyword, series and number are two spans, so the
//!   keyword itself stays visible.
//! * **Account**: a number after an account keyword ("лицевой счёт", "номер счета", "л/с",
//!   "account number", "contul", "cod client", "рахунок", "ID"), a valid IBAN anywhere (mod-97
//!   and the country's length), and a 20-digit Russian bank account on its own (first digit 4
//!   and a known currency code in digits 6–8, so a bank's public correspondent account `301…` is
//!   not reported).
//! * **Contract, policy, order** numbers are reported only after a keyword naming them ("договор
//!   №", "contract nr.", "полис ОСАГО", "polița RCA", "заказ №", "order #", "comanda nr."), with
//!   at least 4 (contract), 5 (order) or 6 (policy, account) digits. The span includes a letter
//!   series ("ХХХ 0123456789", "AB-1234567") but not a country ("паспорт РФ 4506 123456").
//!   Support tickets, requests, applications, bookings, tickets, tracking numbers, invoices and
//!   receipts ("номер заявки", "обращение №", "ticket number", "booking", "трек-номер", "AWB",
//!   "factura") are `Order`: each identifies one customer's transaction with a company.
//! * A keyword right before a number wins ("заказ 89161234567" is an order); when other words
//!   stand between them, a self-validating format wins ("паспорт 4506 123456 и 89161234567"
//!   gives a passport and a phone). A `+` always means a phone.
//! * Keywords are read before the number only ("123456 — номер заказа" is not reported).
//! * Not personal data: flight numbers, prices and amounts with a currency, dates, times, years,
//!   percentages, quantities, shop addresses and store numbers, hashtags (`#123456`; "order
//!   #A123456" is an order), `@handles` and anything inside a URL (`https://…`, `www.…`,
//!   `t.me/…`), even when it contains a phone. Company identifiers (10-digit INN, OGRN, a bank's
//!   correspondent account) are public. Out of scope: passwords and confirmation codes, booking
//!   codes with fewer than five digits ("PNR XK9P3Q"), numbers with fewer than four digits.

use crate::chars::{fold_accent as fold, is_combining, is_pii_word_char as is_word_char};
use std::cell::Cell;

mod tables;
use tables::{ACC, CARD, G, PAS, PHONE, SER, bucket};

/// A kind of personal data [RC11].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PrivateKind {
    Card,
    Phone,
    Email,
    Passport,
    Account,
    Contract,
    Policy,
    Order,
}

impl PrivateKind {
    /// Stable machine name: "card", "phone", "email", "passport", "account", "contract",
    /// "policy", "order".
    pub fn as_str(self) -> &'static str {
        match self {
            PrivateKind::Card => "card",
            PrivateKind::Phone => "phone",
            PrivateKind::Email => "email",
            PrivateKind::Passport => "passport",
            PrivateKind::Account => "account",
            PrivateKind::Contract => "contract",
            PrivateKind::Policy => "policy",
            PrivateKind::Order => "order",
        }
    }
}

/// One piece of personal data found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateMatch {
    pub kind: PrivateKind,
    /// UTF-8 byte offsets into the original text, end exclusive; covers the data itself (the
    /// number, the address), not the keyword before it.
    pub start: usize,
    pub end: usize,
}

/// Every piece of personal data in `text`, in order of position, non-overlapping.
pub fn find_private_data(text: &str) -> Vec<PrivateMatch> {
    // Every number this module reports has at least four digits. (Counting without an early
    // exit lets the compiler vectorise the loop.)
    let bytes = text.as_bytes();
    let mut digits = 0usize;
    for chunk in bytes.chunks(128) {
        let n = chunk
            .iter()
            .fold(0u8, |a, &b| a + u8::from(b.wrapping_sub(b'0') < 10));
        digits += usize::from(n);
        if digits >= 4 {
            break;
        }
    }
    let has_digit = digits >= 4;
    let has_at = bytes.contains(&b'@');
    if !has_digit && !has_at {
        return Vec::new();
    }
    let emails = if has_at {
        find_emails(text)
    } else {
        Vec::new()
    };
    let mut numbers = Vec::new();
    let mut maybe_url = None;
    if has_digit {
        // The word buffer is reused between calls on one thread (unless it grew large).
        let words = WORDS.with(Cell::take);
        let scan = Scan::new(text, words);
        scan.run(&emails, &mut numbers);
        maybe_url = Some(scan.maybe_url);
        let mut words = scan.words;
        if words.capacity() <= 4096 {
            words.clear();
            WORDS.with(|w| w.set(words));
        }
    }
    let mut all = if emails.is_empty() {
        numbers
    } else if numbers.is_empty() {
        emails
    } else {
        merge(emails, numbers)
    };
    if !all.is_empty() && maybe_url.unwrap_or_else(|| may_have_url(text)) {
        drop_urls(text, &mut all);
    }
    all
}

/// Merges two sorted, mutually non-overlapping lists.
fn merge(a: Vec<PrivateMatch>, b: Vec<PrivateMatch>) -> Vec<PrivateMatch> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for m in a {
        while let Some(n) = b.next_if(|n| n.start < m.start) {
            out.push(n);
        }
        out.push(m);
    }
    out.extend(b);
    out
}

// ---------------------------------------------------------------------------------------------
// Characters

/// `char::is_uppercase` with a fast path for ASCII and Cyrillic.
fn is_upper(c: char) -> bool {
    match c {
        'A'..='Z' | 'А'..='Я' | 'Ѐ'..='Џ' => true,
        'a'..='z' | 'а'..='џ' => false,
        c if c.is_ascii() => false,
        c => c.is_uppercase(),
    }
}

fn is_space_like(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2007}' | '\u{2009}' | '\u{202f}')
}

fn is_mask(c: char) -> bool {
    matches!(c, '*' | '•' | '●' | '∗' | '·' | 'x' | 'X' | 'х' | 'Х')
}

fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '€' | '£' | '₽' | '₴' | '¥' | '₸' | '₺' | '₹' | '¢' | '₿'
    )
}

/// Lowercase with a fast path for ASCII, Cyrillic and Latin-1.
fn lower(c: char) -> char {
    match c {
        'A'..='Z' | 'А'..='Я' | 'À'..='Þ' => char::from_u32(c as u32 + 32).unwrap_or(c),
        'Ѐ'..='Џ' => char::from_u32(c as u32 + 80).unwrap_or(c),
        c if c.is_ascii() || ('а'..='џ').contains(&c) => c,
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Lowercases and folds `word` into `buf`, dropping combining marks. Keys longer than
/// `KEY_MAX` bytes are cut there: no keyword or unit is that long, so a cut key matches
/// prefixes only. Returns the key's length.
fn fold_key(word: &str, buf: &mut [u8; 64]) -> usize {
    let b = word.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() && n < KEY_MAX {
        let c = b[i];
        if c < 0x80 {
            buf[n] = c.to_ascii_lowercase();
            n += 1;
            i += 1;
            continue;
        }
        if (c == 0xD0 || c == 0xD1) && b.get(i + 1).is_some_and(|&x| x & 0xC0 == 0x80) {
            // U+0400..U+047F without a full decode.
            let cp = (u32::from(c & 0x1F) << 6) | u32::from(b[i + 1] & 0x3F);
            i += 2;
            let l = match cp {
                0x410..=0x42F => cp + 0x20,
                0x400..=0x40F => cp + 0x50,
                _ => cp,
            };
            // ё → е
            let l = if l == 0x451 { 0x435 } else { l };
            buf[n] = 0xC0 | (l >> 6) as u8;
            buf[n + 1] = 0x80 | (l & 0x3F) as u8;
            n += 2;
            continue;
        }
        let ch = word.get(i..).and_then(|r| r.chars().next()).unwrap_or(' ');
        i += ch.len_utf8();
        if is_combining(ch) {
            continue;
        }
        let f = fold(lower(ch));
        let len = f.len_utf8();
        match buf.get_mut(n..n + len) {
            Some(dst) => f.encode_utf8(dst),
            None => break,
        };
        n += len;
    }
    n
}

/// Longest folded key compared with keywords and units, in bytes.
const KEY_MAX: usize = 30;

// ---------------------------------------------------------------------------------------------
// Keywords

/// What a word says about the number after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kw {
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
struct Entry {
    stem: &'static str,
    prefix: bool,
    kw: Kw,
    packed: u128,
    mask: u128,
}

const fn e(stem: &'static str, prefix: bool, kw: Kw) -> Entry {
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
fn classify(word: &str) -> Option<Kw> {
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

/// Whether the word after a number makes it an amount, a quantity or a duration.
fn is_unit_word(word: &str) -> bool {
    const fn packed<const N: usize>(words: [&str; N]) -> [u64; N] {
        let mut out = [0u64; N];
        let mut i = 0;
        while i < N {
            out[i] = pack(words[i].as_bytes());
            i += 1;
        }
        out
    }
    // Exact units of at most 8 bytes, packed.
    const EXACT: [u64; 61] = packed([
        "р", "rub", "rur", "usd", "eur", "ron", "lei", "leu", "uah", "mdl", "byn", "kzt", "тг",
        "bani", "шт", "pcs", "кг", "kg", "км", "km", "мин", "min", "mins", "сек", "sec", "час",
        "часа", "h", "hours", "hour", "hrs", "ore", "ora", "дн", "дня", "дней", "день", "days",
        "day", "zile", "zi", "год", "года", "лет", "years", "year", "ani", "г", "гг", "k", "тыс",
        "млн", "млрд", "mln", "mld", "bn", "s", "m", "м", "lire", "grn",
    ]);
    const LONG: &[&str] = &["тенге", "часов"];
    const PREFIX: &[&str] = &[
        "руб",
        "грн",
        "грив",
        "долл",
        "dollar",
        "dolar",
        "евро",
        "euro",
        "тысяч",
        "thousand",
        "mii",
        "million",
        "milion",
        "billion",
        "miliard",
        "процент",
        "percent",
        "procent",
        "коп",
        "минут",
        "minut",
        "секунд",
        "second",
        "месяц",
        "month",
        "luni",
        "недел",
        "week",
        "saptaman",
    ];
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
        EXACT.iter().fold(false, |a, &u| a | (u == k))
    } else {
        LONG.iter().any(|u| key == u.as_bytes())
    };
    exact || PREFIX.iter().any(|u| key.starts_with(u.as_bytes()))
}

// ---------------------------------------------------------------------------------------------
// E-mail

fn is_local_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// E-mail addresses, sorted and non-overlapping. Linear: the local part stops at the previous
/// `@` and is at most 64 bytes, the domain stops at the next `@` and is at most 253 chars.
fn find_emails(text: &str) -> Vec<PrivateMatch> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut floor = 0;
    let mut p = 0;
    while let Some(off) = b.get(p..).and_then(|r| r.iter().position(|&c| c == b'@')) {
        let at = p + off;
        p = at + 1;
        let mut s = at;
        while s > floor && at - s <= 64 && is_local_byte(b[s - 1]) {
            s -= 1;
        }
        if at - s > 64 {
            continue;
        }
        // `@user@host` is a fediverse handle; `/…@` is a URL path.
        if s > 0 && matches!(b[s - 1], b'@' | b'/') {
            continue;
        }
        while s < at && matches!(b[s], b'.' | b'-' | b'+' | b'%') {
            s += 1;
        }
        if s == at || b[at - 1] == b'.' || b[s..at].windows(2).any(|w| w == b"..") {
            continue;
        }
        let Some(end) = parse_domain(text, at + 1) else {
            continue;
        };
        out.push(PrivateMatch {
            kind: PrivateKind::Email,
            start: s,
            end,
        });
        floor = end;
        p = end;
    }
    out
}

/// End of a domain name starting at `start`: labels joined by dots, an alphabetic TLD.
fn parse_domain(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let mut end = 0;
    for (n, (off, c)) in rest.char_indices().enumerate() {
        let ok = c.is_ascii_alphanumeric()
            || c == '-'
            || c == '.'
            || (!c.is_ascii() && c.is_alphanumeric());
        if n >= 253 || !ok {
            break;
        }
        end = off + c.len_utf8();
    }
    let dom = rest.get(..end)?.trim_end_matches(['.', '-']);
    let mut labels = 0;
    let mut last = "";
    for label in dom.split('.') {
        if label.is_empty() || label.starts_with('-') || label.ends_with('-') || label.len() > 252 {
            return None;
        }
        labels += 1;
        last = label;
    }
    let tld_ok = last.chars().count() >= 2 && last.chars().all(char::is_alphabetic);
    (labels >= 2 && tld_ok).then_some(start + dom.len())
}

// ---------------------------------------------------------------------------------------------
// URLs

/// Drops matches that start or end inside a URL (a whitespace-delimited chunk with `://`, a
/// `www.` prefix or a `domain.tld/` prefix). Matches are sorted, so each chunk is scanned once.
fn drop_urls(text: &str, found: &mut Vec<PrivateMatch>) {
    let mut chunk = (0usize, 0usize, false);
    found.retain(|m| {
        let last = text
            .get(..m.end)
            .and_then(|s| s.char_indices().next_back())
            .map_or(m.start, |(i, _)| i);
        !(in_url(text.as_bytes(), m.start, &mut chunk) || in_url(text.as_bytes(), last, &mut chunk))
    });
}

/// Whether a URL may be in `text`: it has a `/` or a `www.`.
fn may_have_url(text: &str) -> bool {
    text.contains('/') || text.contains("www.") || text.contains("WWW.")
}

/// Whether byte `pos` lies in a URL chunk; `chunk` caches the last chunk (start, end, is URL).
fn in_url(b: &[u8], pos: usize, chunk: &mut (usize, usize, bool)) -> bool {
    if pos >= chunk.0 && pos < chunk.1 {
        return chunk.2;
    }
    let floor = if pos >= chunk.1 { chunk.1 } else { 0 };
    let mut start = pos.min(b.len());
    while start > floor && !b[start - 1].is_ascii_whitespace() {
        start -= 1;
    }
    let mut end = start.max(pos).min(b.len());
    while end < b.len() && !b[end].is_ascii_whitespace() {
        end += 1;
    }
    let is_url = is_url_chunk(&b[start..end]);
    *chunk = (start, end, is_url);
    is_url
}

fn is_url_chunk(chunk: &[u8]) -> bool {
    if chunk.windows(3).any(|w| w == b"://") {
        return true;
    }
    let skip = chunk
        .iter()
        .take_while(|b| !b.is_ascii_alphanumeric())
        .count();
    let c = &chunk[skip..];
    if c.get(..4).is_some_and(|p| p.eq_ignore_ascii_case(b"www.")) {
        return true;
    }
    let Some(slash) = c.iter().position(|&b| b == b'/') else {
        return false;
    };
    let host = &c[..slash];
    if !host
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'.')
    {
        return false;
    }
    let mut labels = host.split(|&b| b == b'.');
    let tld = labels.next_back().unwrap_or(b"");
    labels.next().is_some_and(|l| !l.is_empty())
        && tld.len() >= 2
        && tld.iter().all(u8::is_ascii_alphabetic)
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// A maximal run of word chars, with a summary of the gap before it.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    chars: u32,
    digits: u32,
    gap: Gap,
}

impl Word {
    fn has_digit(&self) -> bool {
        self.digits > 0
    }
    fn all_digit(&self) -> bool {
        self.digits == self.chars
    }
}

/// The text between two words, summarised once so that look-backs cost O(1) per word.
#[derive(Debug, Clone, Copy)]
struct Gap {
    /// Length in bytes (saturating).
    len: u32,
    /// The gap's only char, or `'\0'`.
    single: char,
    first: char,
    last: char,
    flags: u8,
}

/// `! ? ; … |`, a blank line or a long gap: a keyword does not reach across it.
const G_STOP: u8 = 1;
/// A `.` and a space: a sentence end if the next word is capitalised.
const G_DOT_SPACE: u8 = 2;
/// May separate the digit groups of a phone number.
const G_PHONE: u8 = 4;
/// Ends with a currency sign (and at most two spaces).
const G_CURRENCY: u8 = 8;
/// Holds a `/`.
const G_SLASH: u8 = 16;

impl Gap {
    fn of(g: &str) -> Gap {
        if let [c] = *g.as_bytes() {
            let flags = match c {
                b' ' | b'-' | b'.' | b'(' | b')' => G_PHONE,
                b'!' | b'?' | b';' | b'|' => G_STOP,
                b'$' => G_CURRENCY,
                b'/' => G_SLASH,
                _ => 0,
            };
            let c = char::from(c);
            return Gap {
                len: 1,
                single: c,
                first: c,
                last: c,
                flags,
            };
        }
        if g.len() <= MAX_GAP && g.is_ascii() {
            return Gap::of_ascii(g.as_bytes());
        }
        let first = g.chars().next().unwrap_or('\0');
        let last = g.chars().next_back().unwrap_or('\0');
        let single = if g.len() == first.len_utf8() {
            first
        } else {
            '\0'
        };
        let mut flags = 0;
        if g.len() > MAX_GAP {
            flags |= G_STOP;
            if g.as_bytes().contains(&b'/') {
                flags |= G_SLASH;
            }
        } else {
            let (mut dot, mut space, mut newlines) = (0, false, 0);
            // Phone separators: chars, spaces, dashes, parentheses, other chars.
            let (mut n, mut sp, mut dash, mut open, mut close, mut other) = (0, 0, 0, 0, 0, 0);
            for c in g.chars() {
                n += 1;
                match c {
                    '!' | '?' | ';' | '…' | '|' => flags |= G_STOP,
                    '\n' => {
                        newlines += 1;
                        space = true;
                    }
                    '.' => dot += 1,
                    '-' | '–' => dash += 1,
                    '(' => open += 1,
                    ')' => close += 1,
                    c if is_space_like(c) => {
                        space = true;
                        sp += 1;
                    }
                    c if c.is_whitespace() => space = true,
                    '/' => flags |= G_SLASH,
                    _ => {}
                }
                if !matches!(c, '-' | '–' | '(' | ')' | '.') && !is_space_like(c) {
                    other += 1;
                }
            }
            if newlines > 1 {
                flags |= G_STOP;
            }
            if dot > 0 && space {
                flags |= G_DOT_SPACE;
            }
            if other == 0
                && n <= 3
                && dash <= 1
                && open <= 1
                && close <= 1
                && sp <= 2
                && (dot == 0 || n == 1)
            {
                flags |= G_PHONE;
            }
        }
        if g.chars()
            .rev()
            .take(3)
            .find(|c| !is_space_like(*c))
            .is_some_and(is_currency)
        {
            flags |= G_CURRENCY;
        }
        Gap {
            len: u32::try_from(g.len()).unwrap_or(u32::MAX),
            single,
            first,
            last,
            flags,
        }
    }

    /// `Gap::of` for a short ASCII gap of at least two bytes.
    fn of_ascii(g: &[u8]) -> Gap {
        let (mut dot, mut space, mut newlines, mut sp, mut dash, mut open, mut close, mut other) =
            (0, false, 0, 0, 0, 0, 0, 0);
        let mut flags = 0;
        for &c in g {
            match c {
                b'!' | b'?' | b';' | b'|' => {
                    flags |= G_STOP;
                    other += 1;
                }
                b'\n' => {
                    newlines += 1;
                    space = true;
                    other += 1;
                }
                b'.' => dot += 1,
                b'-' => dash += 1,
                b'(' => open += 1,
                b')' => close += 1,
                b' ' => {
                    space = true;
                    sp += 1;
                }
                b'/' => {
                    flags |= G_SLASH;
                    other += 1;
                }
                c if c.is_ascii_whitespace() => {
                    space = true;
                    other += 1;
                }
                _ => other += 1,
            }
        }
        let n = g.len();
        if newlines > 1 {
            flags |= G_STOP;
        }
        if dot > 0 && space {
            flags |= G_DOT_SPACE;
        }
        if other == 0
            && n <= 3
            && dash <= 1
            && open <= 1
            && close <= 1
            && sp <= 2
            && (dot == 0 || n == 1)
        {
            flags |= G_PHONE;
        }
        if g.iter().rev().take(3).find(|&&c| c != b' ') == Some(&b'$') {
            flags |= G_CURRENCY;
        }
        let first = g.first().map_or('\0', |&c| char::from(c));
        let last = g.last().map_or('\0', |&c| char::from(c));
        Gap {
            len: n as u32,
            single: if n == 1 { first } else { '\0' },
            first,
            last,
            flags,
        }
    }

    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// A single space or dash: joins card or account digit groups.
    fn is_space_or_dash(&self) -> bool {
        self.single == '-' || self.single == '–' || is_space_like(self.single)
    }

    /// Joins a document series to its number: a space, a dash or a slash.
    fn joins_series(&self) -> bool {
        self.is_space_or_dash() || self.single == '/'
    }
}

/// Byte classes for the tokenizer: 0 gap, 1 letter (or `_`), 2 digit, 3 non-ASCII.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_digit() {
            2
        } else if b.is_ascii_alphabetic() || b == b'_' {
            1
        } else if b >= 0x80 {
            3
        } else {
            0
        };
        c += 1;
    }
    t
};

/// Whether the non-ASCII char at byte `i` (a char boundary) is a word char, and its length.
fn word_char_at(text: &str, b: &[u8], i: usize) -> (bool, usize) {
    if (0xD0..=0xD3).contains(&b[i]) && b.get(i + 1).is_some_and(|&n| n & 0xC0 == 0x80) {
        // U+0400..U+04FF: Cyrillic letters (and combining marks, part of a word too).
        return (true, 2);
    }
    let ch = text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
    (is_word_char(ch), ch.len_utf8())
}

/// Splits `text` into `words`. ASCII and Cyrillic take a fast path. Returns whether the text
/// may hold a URL (a `/` between words or a `www` word).
fn tokenize(text: &str, words: &mut Vec<Word>) -> bool {
    let b = text.as_bytes();
    words.clear();
    words.reserve(b.len() / 6 + 4);
    let mut maybe_url = false;
    let mut i = 0;
    while i < b.len() {
        let gap_start = i;
        while i < b.len() {
            match CLASS[usize::from(b[i])] {
                0 => i += 1,
                3 => {
                    let (word, len) = word_char_at(text, b, i);
                    if word {
                        break;
                    }
                    i += len;
                }
                _ => break,
            }
        }
        if i >= b.len() {
            break;
        }
        let start = i;
        let (mut chars, mut digits) = (0u32, 0u32);
        while i < b.len() {
            match CLASS[usize::from(b[i])] {
                0 => break,
                1 => i += 1,
                2 => {
                    digits = digits.saturating_add(1);
                    i += 1;
                }
                _ => {
                    let (word, len) = word_char_at(text, b, i);
                    if !word {
                        break;
                    }
                    i += len;
                }
            }
            chars = chars.saturating_add(1);
        }
        let gap = Gap::of(text.get(gap_start..start).unwrap_or(""));
        maybe_url |= gap.has(G_SLASH) || (chars == 3 && b[start..i].eq_ignore_ascii_case(b"www"));
        words.push(Word {
            start,
            end: i,
            chars,
            digits,
            gap,
        });
    }
    maybe_url
}

/// Keyword context of a number.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    kw: Kw,
    /// Ordinary words between the keyword and the number.
    fillers: u8,
    /// The word right before the number is "серия"/"seria".
    series_adjacent: bool,
}

/// A number candidate read after a keyword: words `first..=last`.
#[derive(Debug, Clone, Copy)]
struct Value {
    first: usize,
    last: usize,
    digits: u32,
    /// Only a letter series ("XB", "ХХХ") with no number joined to it.
    series_only: bool,
}

#[derive(Debug, Clone, Copy)]
struct Found {
    kind: PrivateKind,
    start: usize,
    end: usize,
}

/// How many words before a number may hold its keyword.
const LOOKBACK: usize = 5;
/// Longer gaps between words end a keyword's reach.
const MAX_GAP: usize = 12;

const RU_CURRENCIES: &[&[u8]] = &[
    b"810", b"643", b"840", b"978", b"156", b"826", b"756", b"933", b"398", b"980", b"392",
];

thread_local! {
    static WORDS: Cell<Vec<Word>> = const { Cell::new(Vec::new()) };
}

struct Scan<'a> {
    text: &'a str,
    words: Vec<Word>,
    /// Keyword classification memo, indexed by word index mod 8.
    memo: [Cell<(usize, Option<Kw>)>; 8],
    /// The last `value_clean` answer: first word, last word, answer.
    clean_memo: Cell<(usize, usize, bool)>,
    /// The text has a `/` between words or a `www` word: URLs are possible.
    maybe_url: bool,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str, mut words: Vec<Word>) -> Self {
        let maybe_url = tokenize(text, &mut words);
        Scan {
            maybe_url,
            text,
            words,
            memo: std::array::from_fn(|_| Cell::new((usize::MAX, None))),
            clean_memo: Cell::new((usize::MAX, usize::MAX, false)),
        }
    }

    fn sub(&self, a: usize, b: usize) -> &'a str {
        self.text.get(a..b).unwrap_or("")
    }

    fn word(&self, i: usize) -> &'a str {
        self.words.get(i).map_or("", |w| self.sub(w.start, w.end))
    }

    /// The gap between word `i - 1` (or the start) and word `i`.
    fn gap(&self, i: usize) -> Gap {
        self.words[i].gap
    }

    /// The single char between word `i` and word `i + 1`, or `'\0'`.
    fn single_after(&self, i: usize) -> char {
        self.words.get(i + 1).map_or('\0', |w| w.gap.single)
    }

    fn keyword(&self, k: usize) -> Option<Kw> {
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
    fn is_short_upper(&self, k: usize) -> bool {
        let w = self.words[k];
        w.digits == 0
            && (1..=4).contains(&w.chars)
            && self.word(k).chars().all(is_upper)
            && self.keyword(k).is_none()
    }

    fn run(&self, emails: &[PrivateMatch], out: &mut Vec<PrivateMatch>) {
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
    fn glued_after(&self, last: usize) -> bool {
        matches!(self.single_after(last), '.' | ',' | ':')
            && self.words.get(last + 1).is_some_and(Word::has_digit)
    }

    fn preceded_by_currency(&self, i: usize) -> bool {
        self.gap(i).has(G_CURRENCY)
    }

    /// The text at byte `end` is (after up to two spaces) a currency, `%` or a unit word.
    fn followed_by_unit(&self, end: usize) -> bool {
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

    // --- values after keywords ----------------------------------------------------------------

    /// Reads an identifier starting at word `i`: an optional capital series, then words with
    /// digits joined by `-`, `/`, `.` or (between all-digit groups) a single space.
    fn read_value(&self, i: usize) -> Option<Value> {
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
    fn is_date(&self, first: usize, last: usize) -> bool {
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

    fn value_clean(&self, v: &Value) -> bool {
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

    fn try_value(&self, i: usize, ctx: Ctx) -> Option<Found> {
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

    // --- self-validating formats --------------------------------------------------------------

    /// An IBAN, compact or in groups of four: known country length and mod-97.
    fn try_iban(&self, i: usize) -> Option<Found> {
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
    fn try_cnp(&self, i: usize) -> Option<Found> {
        let w = self.words[i];
        (w.all_digit() && w.digits == 13 && cnp_valid(self.word(i).as_bytes())).then_some(Found {
            kind: PrivateKind::Passport,
            start: w.start,
            end: w.end,
        })
    }

    /// A Russian SNILS written `123-456-789 01` with a valid checksum.
    fn try_snils(&self, i: usize) -> Option<Found> {
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
    fn try_ru_account(&self, i: usize, keyword: bool) -> Option<Found> {
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

    /// A payment card, plain (Luhn) or masked.
    fn try_card(&self, i: usize) -> Option<Found> {
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

    /// A phone number starting at word `i`; `context` relaxes the formats after a phone keyword.
    fn try_phone(&self, i: usize, context: bool) -> Option<Found> {
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

fn luhn(s: &str) -> bool {
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

fn cnp_valid(d: &[u8]) -> bool {
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

#[cfg(test)]
mod tests {
    // RC11
    use super::*;

    /// (kind, matched text) for every match, checking the invariants on the way.
    fn found(text: &str) -> Vec<(&'static str, &str)> {
        let ms = find_private_data(text);
        check_invariants(text, &ms);
        ms.iter()
            .map(|m| (m.kind.as_str(), &text[m.start..m.end]))
            .collect()
    }

    /// Spans valid, non-empty, sorted, non-overlapping; every unmasked card passes Luhn.
    fn check_invariants(text: &str, ms: &[PrivateMatch]) {
        let mut prev_end = 0;
        for m in ms {
            assert!(m.start < m.end, "empty span {m:?} in {text:?}");
            assert!(
                m.start >= prev_end,
                "overlap or disorder {ms:?} in {text:?}"
            );
            let span = text.get(m.start..m.end);
            assert!(span.is_some(), "bad span {m:?} in {text:?}");
            prev_end = m.end;
            if let (PrivateKind::Card, Some(span)) = (m.kind, span)
                && !span.chars().any(is_mask)
            {
                assert!(luhn(span), "card without Luhn {span:?} in {text:?}");
            }
        }
    }

    fn one(text: &str, kind: &str, span: &str) {
        assert_eq!(found(text), vec![(kind, span)], "in {text:?}");
    }

    fn none(text: &str) {
        assert_eq!(found(text), vec![], "in {text:?}");
    }

    #[test]
    fn kind_names_are_stable() {
        let all = [
            (PrivateKind::Card, "card"),
            (PrivateKind::Phone, "phone"),
            (PrivateKind::Email, "email"),
            (PrivateKind::Passport, "passport"),
            (PrivateKind::Account, "account"),
            (PrivateKind::Contract, "contract"),
            (PrivateKind::Policy, "policy"),
            (PrivateKind::Order, "order"),
        ];
        for (k, s) in all {
            assert_eq!(k.as_str(), s);
        }
    }

    #[test]
    fn byte_offsets() {
        let text = "Звоните: +7 916 123-45-67";
        let ms = find_private_data(text);
        let start = text.find('+').unwrap_or(usize::MAX);
        assert_eq!(
            ms,
            vec![PrivateMatch {
                kind: PrivateKind::Phone,
                start,
                end: text.len(),
            }]
        );
    }

    #[test]
    fn cards() {
        one(
            "Моя карта 4276 1600 1234 5675, помогите",
            "card",
            "4276 1600 1234 5675",
        );
        one(
            "card 5469-3800-1234-5673 was charged twice",
            "card",
            "5469-3800-1234-5673",
        );
        one("4111111111111111", "card", "4111111111111111");
        one(
            "Amex 3782 822463 10005 declined",
            "card",
            "3782 822463 10005",
        );
        one(
            "cardul 2202 2000 1234 5672 e blocat",
            "card",
            "2202 2000 1234 5672",
        );
        one(
            "Оплатил картой 2202 2000 1234 5672, списали дважды",
            "card",
            "2202 2000 1234 5672",
        );
        one(
            "карта\u{a0}4276\u{a0}1600\u{a0}1234\u{a0}5675",
            "card",
            "4276\u{a0}1600\u{a0}1234\u{a0}5675",
        );
        // Expiry and CVV after the number stay outside the span.
        one(
            "4111 1111 1111 1111 12/26 123",
            "card",
            "4111 1111 1111 1111",
        );
        one(
            "карта 4276160012345675, срок 12/27, CVV 123",
            "card",
            "4276160012345675",
        );
        assert_eq!(
            found("the numbers 4111 1111 1111 1111 and 5500 0000 0000 0004"),
            vec![
                ("card", "4111 1111 1111 1111"),
                ("card", "5500 0000 0000 0004")
            ]
        );
        // Luhn fails: not a card (and 16 digits are no phone).
        none("карта 4276 1600 1234 5678");
        none("5469-3800-1234-5670");
        // Five groups of four: a longer number, not a card with a tail.
        none("код 4276 1600 1234 5675 1234");
        // A first digit no card network uses.
        none("1111 1111 1111 1117");
    }

    #[test]
    fn masked_cards() {
        one(
            "списали с 4276 **** **** 5678",
            "card",
            "4276 **** **** 5678",
        );
        one("card 427638******5678", "card", "427638******5678");
        one("карта 4276 38xx xxxx 5678", "card", "4276 38xx xxxx 5678");
        one("карта 4276 •••• •••• 5678", "card", "4276 •••• •••• 5678");
        // Only the tail: how banks name a card in public.
        none("списали с карты *5678");
        none("**** **** **** 5678");
        none("карта ****5678");
    }

    #[test]
    fn phones() {
        one("звоните +7 916 123-45-67", "phone", "+7 916 123-45-67");
        one("мой номер 8 (916) 123 45 67", "phone", "8 (916) 123 45 67");
        one("89161234567", "phone", "89161234567");
        one("79161234567", "phone", "79161234567");
        one("9161234567", "phone", "9161234567");
        one(
            "sunați-mă la +40 721 234 567 vă rog",
            "phone",
            "+40 721 234 567",
        );
        one("numărul meu 0721 234 567", "phone", "0721 234 567");
        one("Sunati-ma la 0721.234.567", "phone", "0721.234.567");
        one("00 40 721 234 567", "phone", "00 40 721 234 567");
        one("Telefonul meu +373 69 123 456", "phone", "+373 69 123 456");
        one("мій номер +380 67 123 4567", "phone", "+380 67 123 4567");
        one("Мій телефон 067 123 45 67", "phone", "067 123 45 67");
        one("0 800 300 353", "phone", "0 800 300 353");
        one("call me at +1 (415) 555-2671", "phone", "+1 (415) 555-2671");
        one("or 415-555-2671 after 5pm", "phone", "415-555-2671");
        one("Call 1-800-555-1234 for help", "phone", "1-800-555-1234");
        one("+44 20 7946 0958", "phone", "+44 20 7946 0958");
        one("(916) 123-45-67", "phone", "(916) 123-45-67");
        one("8-800-555-35-35 не отвечает", "phone", "8-800-555-35-35");
        one("тел. 234-56-78", "phone", "234-56-78");
        one("тел.89161234567", "phone", "89161234567");
        one("тел: 8(916)1234567", "phone", "8(916)1234567");
        one("мой номер:89161234567😀", "phone", "89161234567");
        one("📞+79161234567", "phone", "+79161234567");
        one(
            "Тел.\u{a0}+7\u{a0}916\u{a0}123-45-67",
            "phone",
            "+7\u{a0}916\u{a0}123-45-67",
        );
        one("WhatsApp 067 123 45 67", "phone", "067 123 45 67");
        one("Telefon: 0212345678.", "phone", "0212345678");
        one(
            "Время работы 10:00-18:00, тел. 8 (495) 123-45-67",
            "phone",
            "8 (495) 123-45-67",
        );
        assert_eq!(
            found("+7 916 1234567 или +7 916 7654321"),
            vec![("phone", "+7 916 1234567"), ("phone", "+7 916 7654321")]
        );
        // A phone keyword does not turn amounts or dates into phones.
        none("телефон стоит 12 500 000 руб");
        none("тел 25.11.2026");
    }

    #[test]
    fn not_phones() {
        none("рейс SU 1234 задержан");
        none("Рейс SU1234 отменен, номер рейса SU 1234");
        none("flight UA1234 and flight 2231");
        none("Flight AA 1234 from JFK at 10:30 on 11/25/2026");
        none("Цена 1500 руб, было 1 299 lei, стало $49.99");
        none("Купил iPhone 15 Pro за 129 990 рублей, через 2 дня сломался");
        none("Пицца 30 см за 799 ₽, курс доллара 92,45 руб");
        none("I paid $1,299.99 for 2 tickets on 11/25");
        none("25.11.2026 в 12:30");
        none("2026-11-25");
        none("в 2026 году, с 1 по 15 декабря");
        none("ул. Ленина 5, магазин №12");
        none("Магазин на ул. Ленина 15, корп. 2, стр. 3 закрыт");
        none("Strada Victoriei 12, sector 1");
        none("Strada Victoriei nr. 12, bl. A3, sc. 2, ap. 45");
        none("скидка 15% на 3 дня, ждал 45 min");
        none("Ставка 12,5% годовых на 36 месяцев");
        none("бюджет 15 000 000 000 рублей");
        none("население 89 000 000");
        none("+1 000 000 000 просмотров");
        none("1,234,567,890 views");
        none("IP 192.168.100.200 v1.2.3, ISBN 978-3-16-148410-0");
        none("#заказ123456 #89161234567 #123456789");
        none("@oblachko @AmericanAir @user89161234567");
        none("https://example.com/order/89161234567");
        none("смотри www.site.ru/89161234567");
        none("t.me/+79161234567");
        none("https://x.com/@ivan?p=89161234567 ok");
        none("смотрите https://t.me/joinchat/AAAAAE123456789 и пишите");
        none("2019-2023");
        none("2+2=4, 12345+67890, 1000-7=993");
        none("Звонил на горячую линию 15 раз за 2 часа");
        none("Ждём уже 45 минут на линии 8 800");
        none("Температура 36.6, давление 120/80, координаты 55.7558, 37.6173");
        none("ИНН компании 7707083893, ОГРН 1027700132195");
        none("Код подтверждения 123456");
    }

    #[test]
    fn emails() {
        one(
            "пишите на ivan.petrov@mail.ru.",
            "email",
            "ivan.petrov@mail.ru",
        );
        one("a+b@gmail.com", "email", "a+b@gmail.com");
        one("mailto:maria_ion@yahoo.ro", "email", "maria_ion@yahoo.ro");
        one("адрес ivan@почта.рф", "email", "ivan@почта.рф");
        one("user@example.com:8080", "email", "user@example.com");
        assert_eq!(
            found("ivan.petrov@mail.ru, maria@gmail.com и @ivan_petrov"),
            vec![
                ("email", "ivan.petrov@mail.ru"),
                ("email", "maria@gmail.com")
            ]
        );
        none("@oblachko ответьте");
        none("@AmericanAir help");
        none("follow @user@mastodon.social");
        none("ivan@localhost and me@");
        none("a@b.c");
        none("test@test");
    }

    #[test]
    fn passports() {
        one("паспорт 45 06 123456", "passport", "45 06 123456");
        one("Паспорт: 4506 123456", "passport", "4506 123456");
        one(
            "Паспорт 4506 123456, выдан 01.01.2010",
            "passport",
            "4506 123456",
        );
        one("паспортные данные 4506123456", "passport", "4506123456");
        one("паспорт РФ 4506 123456", "passport", "4506 123456");
        assert_eq!(
            found("серия 4506 номер 123456"),
            vec![("passport", "4506"), ("passport", "123456")]
        );
        assert_eq!(
            found("Вот мой паспорт: серия 4506 номер 123456, выдан ОВД"),
            vec![("passport", "4506"), ("passport", "123456")]
        );
        assert_eq!(
            found("паспорт 4506 № 123456"),
            vec![("passport", "4506"), ("passport", "123456")]
        );
        one("passport no. 123456789", "passport", "123456789");
        one("PASSPORT NO 123456789", "passport", "123456789");
        assert_eq!(
            found("My phone is 0712 345 678 and passport AB1234567"),
            vec![("phone", "0712 345 678"), ("passport", "AB1234567")]
        );
        one("pașaport nr. 05123456", "passport", "05123456");
        one("pasaport 05123456", "passport", "05123456");
        one("Pașaportul meu nr. 056789123", "passport", "056789123");
        one("CI seria XB 123456", "passport", "XB 123456");
        one("CI: KX 654321", "passport", "KX 654321");
        assert_eq!(
            found("buletin seria XB nr. 123456"),
            vec![("passport", "XB"), ("passport", "123456")]
        );
        one("паспорт громадянина МЕ 123456", "passport", "МЕ 123456");
        assert_eq!(
            found("паспорт серії МЕ № 123456"),
            vec![("passport", "МЕ"), ("passport", "123456")]
        );
        one(
            "ID-картка 000123456 закордонний паспорт",
            "passport",
            "000123456",
        );
        // CNP: checksum, first digit, date and county.
        one("CNP 1980512401231", "passport", "1980512401231");
        one(
            "CNP-ul meu este 2850317220013, vă rog",
            "passport",
            "2850317220013",
        );
        none("1980512401232");
        none("9980512401230");
        // SNILS and INN.
        one("112-233-445 95", "passport", "112-233-445 95");
        one("СНИЛС 11223344595", "passport", "11223344595");
        none("112-233-445 96");
        one("ИНН 500100732259", "passport", "500100732259");
        none("ИНН 7707083893");
        one("ІПН 1234567890", "passport", "1234567890");
        none("паспорт будет готов через 3 дня");
        none("рейс SU 1234 паспорт");
    }

    #[test]
    fn accounts() {
        one("лицевой счёт 123456789", "account", "123456789");
        one("ЛИЦЕВОЙ СЧЁТ 123456789", "account", "123456789");
        one("Лицевой счет: 1234 5678 90", "account", "1234 5678 90");
        one("Лицевой счёт 12-345-678-90", "account", "12-345-678-90");
        one(
            "номер счета 40817810099910004312",
            "account",
            "40817810099910004312",
        );
        one(
            "счёт 40817 810 0 9991 0004312",
            "account",
            "40817 810 0 9991 0004312",
        );
        one("40817810099910004312", "account", "40817810099910004312");
        one("л/с 7712345678", "account", "7712345678");
        one("a/c no. 12345678", "account", "12345678");
        one(
            "р/с 40702810900000012345 в банке",
            "account",
            "40702810900000012345",
        );
        one(
            "IBAN RO49AAAA1B31007593840000",
            "account",
            "RO49AAAA1B31007593840000",
        );
        one(
            "RO49 AAAA 1B31 0075 9384 0000 e contul",
            "account",
            "RO49 AAAA 1B31 0075 9384 0000",
        );
        one(
            "IBAN: RO49 AAAA 1B31 0075 9384 0000",
            "account",
            "RO49 AAAA 1B31 0075 9384 0000",
        );
        one(
            "GB82WEST12345698765432",
            "account",
            "GB82WEST12345698765432",
        );
        one(
            "DE89 3704 0044 0532 0130 00",
            "account",
            "DE89 3704 0044 0532 0130 00",
        );
        one("account number 12345678", "account", "12345678");
        one("account # 12345678", "account", "12345678");
        one("contul meu 12345678", "account", "12345678");
        one(
            "мій рахунок UA213223130000026007233566001",
            "account",
            "UA213223130000026007233566001",
        );
        one(
            "рахунок UA21 3223 1300 0002 6007 2335 6600 1",
            "account",
            "UA21 3223 1300 0002 6007 2335 6600 1",
        );
        // Bad mod-97, a bank's correspondent account, an amount, a bill.
        none("RO49AAAA1B31007593840001");
        none("к/с 30101810400000000225");
        none("счёт на 1500 руб");
        none("Счёт на оплату 15000 рублей");
        none("Рахунок за листопад 1250 грн");
    }

    #[test]
    fn contracts_policies_orders() {
        one("договор № 12-3456/2023", "contract", "12-3456/2023");
        one("contract nr. 123456", "contract", "123456");
        one(
            "Contractul nr. 7788/2024 a expirat",
            "contract",
            "7788/2024",
        );
        one("Договір № 123/45-К від 01.02.2026", "contract", "123/45-К");
        one("contract no. AB/2026/00123", "contract", "AB/2026/00123");
        one("номер договора: 77/123456", "contract", "77/123456");
        one("полис ОСАГО ХХХ 0123456789", "policy", "ХХХ 0123456789");
        assert_eq!(
            found("полис серия ХХХ № 0123456789"),
            vec![("policy", "ХХХ"), ("policy", "0123456789")]
        );
        one("policy number AB-1234567", "policy", "AB-1234567");
        one("policy no. AB-1234567", "policy", "AB-1234567");
        one("polița nr 123456", "policy", "123456");
        one("poliţa RCA 123456 expiră pe 25.11.2026", "policy", "123456");
        one(
            "Номер полиса ОМС 1234567890123456",
            "policy",
            "1234567890123456",
        );
        one("полис КАСКО № 1234567890", "policy", "1234567890");
        one("заказ №123456789", "order", "123456789");
        one("order #A12345678", "order", "A12345678");
        one(
            "My order #123-456-7890 never arrived",
            "order",
            "123-456-7890",
        );
        one("comanda nr. 123456", "order", "123456");
        one("Comanda mea 1234567 nu a ajuns", "order", "1234567");
        one(
            "Am comandat pe 12.11.2026 comanda 4567891",
            "order",
            "4567891",
        );
        one("номер заявки 7654321", "order", "7654321");
        one("Номер обращения 1234567", "order", "1234567");
        one("ticket number 123456", "order", "123456");
        one(
            "трек RA123456789CN не отслеживается",
            "order",
            "RA123456789CN",
        );
        one("замовлення 12345678", "order", "12345678");
        one("Заказ 123456 на 1500 руб", "order", "123456");
        one(
            "Заказ №123456 от 25.11.2026 на сумму 15 000 руб.",
            "order",
            "123456",
        );
        one("ЗАКАЗ 123456789 НЕ ПРИШЁЛ", "order", "123456789");
        // The keyword right before the number wins.
        one("заказ 89161234567", "order", "89161234567");
        none("заказ 1234");
        none("123456 — номер заказа");
        none("заказ на 12 500 рублей");
        none("заказ на сумму 150000 руб");
        none("заказ от 25.11.2026");
        none("заказ пришёл через 3 дня");
        none("Замовлення оплачено 2500 грн 15.11.2026 о 14:30");
        none("Договор на 12 месяцев за 24 000 рублей");
        none("Поліс коштує 3500 грн на рік");
    }

    #[test]
    fn mixed_and_priorities() {
        assert_eq!(
            found("тел 89161234567, email ivan@mail.ru, заказ 123456"),
            vec![
                ("phone", "89161234567"),
                ("email", "ivan@mail.ru"),
                ("order", "123456")
            ]
        );
        assert_eq!(
            found("Мой номер заказа 98765432, телефон +7 (916) 123-45-67, почта anna.k@yandex.ru"),
            vec![
                ("order", "98765432"),
                ("phone", "+7 (916) 123-45-67"),
                ("email", "anna.k@yandex.ru"),
            ]
        );
        assert_eq!(
            found("паспорт 4506 123456 и 89161234567"),
            vec![("passport", "4506 123456"), ("phone", "89161234567")]
        );
        assert_eq!(
            found("заказы 123456 и 234567"),
            vec![("order", "123456"), ("order", "234567")]
        );
        assert_eq!(
            found("ИНН 500100732259, паспорт 45 06 123456 выдан 12.03.2010"),
            vec![("passport", "500100732259"), ("passport", "45 06 123456")]
        );
        // Other words between keyword and number: a valid format wins.
        one(
            "customer service 8 800 555 35 35",
            "phone",
            "8 800 555 35 35",
        );
        one("Мой телефон для связи 89161234567", "phone", "89161234567");
        // "+" always means a phone.
        one("заказ +79161234567", "phone", "+79161234567");
        // The local part of an e-mail is not a phone.
        one("89161234567@mail.ru", "email", "89161234567@mail.ru");
        // A sentence end cuts a keyword's reach; an abbreviation does not.
        none("Где мой заказ? 1234567 раз пишу");
        one("Мой заказ. Телефон 1234567", "phone", "1234567");
    }

    #[test]
    fn empty_emoji_zalgo() {
        none("");
        none(" ");
        none("😀😀🔥🙏🏽👨‍👩‍👧");
        none("п̷̛а̸с̶п̵о̴р̷т̶ н̸е̷т̴");
        none("Z̴̧̛̛a̸̡̛l̵̨g̶̢o̵̧ ̷̨1̸̧2̵̨");
        // Zalgo on the keyword still reads as the keyword.
        one("п̷а̸с̶п̵о̴р̷т̶ 4506 123456", "passport", "4506 123456");
        none("\u{301}\u{301}1\u{301}2");
        none("\u{feff}\u{200b}\u{10ffff}");
    }

    #[test]
    fn one_megabyte() {
        let piece = concat!(
            "Заказ 123456 не пришёл, тел +7 916 123-45-67, ivan@mail.ru, ",
            "25.11.2026 12:30 1 299 lei 😀 "
        );
        let big = piece.repeat((1 << 20) / piece.len() + 1);
        let ms = find_private_data(&big);
        check_invariants(&big, &ms);
        assert!(!ms.is_empty());
        // Degenerate inputs.
        let units = [
            "1 ",
            "1-",
            "@",
            "a@",
            "4",
            "+7",
            "паспорт 1234 ",
            "x",
            "(1) ",
            "1.",
            "Х ",
            "4276 ",
            "RO49 ",
            "XB 123456 ",
            "a.b@c",
            "@a.b",
            "0",
            " ",
        ];
        for unit in units {
            let s = unit.repeat((1 << 18) / unit.len());
            let ms = find_private_data(&s);
            check_invariants(&s, &ms);
        }
        let long_word = "я".repeat(1 << 18) + "1234 5678";
        check_invariants(&long_word, &find_private_data(&long_word));
    }

    #[test]
    fn random_strings() {
        const POOL: &[&str] = &[
            "0",
            "1",
            "2",
            "3",
            "4",
            "5",
            "6",
            "7",
            "8",
            "9",
            "4276",
            "1600",
            "5675",
            "916",
            " ",
            " ",
            "-",
            ".",
            "/",
            ":",
            ",",
            "(",
            ")",
            "+",
            "@",
            "#",
            "№",
            "*",
            "\u{a0}",
            "\n",
            "a",
            "x",
            "X",
            "RO",
            "AB",
            "ХХХ",
            "mail",
            ".ru",
            "www.",
            "://",
            "паспорт",
            "заказ",
            "тел",
            "серия",
            "nr",
            "IBAN",
            "счёт",
            "card",
            "руб",
            "ё",
            "ș",
            "€",
            "😀",
            "\u{301}",
            "Ж",
            "ﬁ",
            "İ",
            "ß",
            "٣",
            "１",
            "л",
            "с",
            "ID",
            "•",
            "$",
            "!",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 40) as usize;
            let mut s = String::new();
            for _ in 0..len {
                s.push_str(POOL[(next() % POOL.len() as u64) as usize]);
            }
            let ms = find_private_data(&s);
            check_invariants(&s, &ms);
        }
    }
}
