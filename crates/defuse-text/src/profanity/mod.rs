//! Profanity and obscenity in a mention — method rule A4 ("Profanity or obscenity in it").
//!
//! [`find_profanity`] finds every profane word of a text in Russian (mat and its derivatives,
//! plus the Ukrainian forms that share its roots), English and Romanian, and reports each one
//! with its byte span in the original text, the language of the list that matched and the
//! canonical root (for explanations). Slurs count as profanity.
//!
//! # How it works
//!
//! 1. **Words.** The text is cut into words: runs of letters, digits, mask characters
//!    (`* _ # % @ $`), inner apostrophes, combining marks and zero-width characters. `.`, `!`
//!    and `-` join two pieces when one of them is a single letter (`х.у.й`, `п.здец`, `sh!t`,
//!    `х-у-й`), and one space joins single letters (`х у й`); `.` and `!` may stand for
//!    letters, `-` and the space do not (`м-да`, `ё-моё`, Romanian `s-a` stay clean). No join
//!    makes an initial and a name one word (`Е.Борисов`), nor a word and the capital letter
//!    of the next sentence (`её.Я`). Leading `* _ # %`, trailing `. - !` and outer
//!    apostrophes are not part of a word; in an `@handle`, `_` separates words.
//! 2. **Normalizing**, with no allocation per character: lower case; `ё є` → `е`, `і` → `и`,
//!    `ґ` → `г`; Latin diacritics dropped (`ă â` → `a`, `ș` → `s`, `ț` → `t`, `ü` → `u`);
//!    full-width, mathematical, circled, squared and small-capital letters and Greek
//!    look-alikes become ASCII; combining marks (zalgo) and zero-width characters are skipped;
//!    a run of one letter is one unit with a count, so `хууууй` matches `хуй` while `as` does
//!    not match `ass`.
//! 3. **Matching** each word against short per-language rules: a stem, the word forms allowed
//!    after it, where the stem may stand (at the word start, after verbal prefixes such as
//!    `на- за- вы- отъ-`, or anywhere in the word) and exceptions. Look-alike characters match
//!    across scripts (`xyй`, `пиzдец`, `ё6анный`, `бл9`, `пид0р`, `fuсk` with a Cyrillic `с`,
//!    `sh1t`, `$hit`, `a$$hole`), and a run of masks stands for up to as many letters
//!    (`f**k`, `п*здец`, `пи*дец`, `бл*`, `х_й`, `п@здец`). The matched part needs two real
//!    letters, no more masks than letters and at most one run of masks, so `****`, `f***`,
//!    `х**` and `@pes_i_mistik` are clean. Russian and Ukrainian rules apply only to words
//!    with a Cyrillic letter (and the matched part must hold one), English and Romanian rules
//!    only to words with a Latin letter, so `eBay` is not `еб-` and `сосок` is not `cock`.
//!    Rules report language `ru`, `en` or `ro`; a Russian root in a word with `і ї є ґ`, and
//!    `їб-`, report `uk`. One match per word: the first rule that matches, by position.
//!
//! One pass over the text, linear in its length, one buffer per call (no allocation per
//! character or per word). While reading letters the scanner checks whether two or three
//! adjacent letters start any stem; a plain word that has no such start is not matched at all
//! (most words). Patterns run as bit-parallel state sets, so masks cannot cause backtracking.
//! Never panics: every span is on `char` boundaries.
//!
//! # Decisions on borderline words
//!
//! Counted: `сука` (and `сучка`, `сукин`; not `сукно`, `сукровица`, the twig `сучок`),
//! `шлюха`, `гандон`, `говно` (like "shit"), `жопа` (like "ass"), `курва`, `пидор`/`педик`/
//! `педераст` and other slurs (`nigger`, `nigga`, `faggot`, `retard`, `kike`, `tranny`,
//! `paki`, `wetback`, `ниггер`); `pussy` (not `pussycat`), bare `ass`, `cock` (not
//! `cocktail`, `cockpit`, `peacock`, `Hitchcock`); `dickhead` and other `dick-` compounds but
//! not bare `Dick` (a name); `fuk`, `fck`, `phuck`, `fvck` (no masks inside these); Romanian
//! `coaie`, `muist`, `curva` (so the Italian/Spanish "curva" is flagged too); Russian mat in
//! Latin transliteration (`blyat`, `nahuy`, `pizdec`, `zaebal`, `cyka`).
//!
//! Not counted (mild, euphemisms or ambiguous; insults are the toxicity rule's job): `блин`,
//! `фиг`/`нифига`, `хрен`, `хер`/`херня`, `ёлки`, `ёпт`, `гребаный`, `дерьмо` (like "crap"),
//! `дебил`, `трахать`, `чмо`; `heck`, `damn`, `hell`, `crap`, `piss`, `bloody`, `bugger`,
//! `porn` (`#foodporn`), `hoe`/`hoes` (a garden tool too), `tits` (birds), bare `fag` (British
//! cigarette), bare `arse` (Romanian "burnt"), `badass`, `kickass`, `jackass`; Romanian
//! `la naiba`, `dracu`, `rahat`, `muiere` (archaic "woman"). Exceptions: `Ебург`
//! (Yekaterinburg), `ЕБИТДА`, `ЕБРР` (a bank), `межоператорский`, `Shiite`, `shiitake`,
//! `Yamashita`, `BitChute`. Masked words with a single real letter (`f***`, `х**`) and two
//! single letters (`х.й`, like initials `Е.Б.`) are not counted; a leading `@` is a handle,
//! never an `a` (`@ss` is a user).

use std::sync::OnceLock;

mod tables;
use tables::{CYR_RULES, LAT_RULES};

/// One profane word found in a text [A4].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfanityMatch {
    /// UTF-8 byte offset of the start of the matched word in the original text.
    pub start: usize,
    /// UTF-8 byte offset one past its end.
    pub end: usize,
    /// Language of the list that matched: "ru", "en", "ro" (or "uk").
    pub lang: &'static str,
    /// The canonical root that matched (e.g. "хуй", "fuck"), for explanations.
    pub root: &'static str,
}

/// Every profane word in `text`, in order of position.
pub fn find_profanity(text: &str) -> Vec<ProfanityMatch> {
    let mut out = Vec::new();
    if text.len() < 2 {
        return out;
    }
    Scanner::new(text.len(), false).run(text, &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/// Where a stem may stand in a word.
#[derive(Clone, Copy)]
enum Left {
    /// At the start of the word (after a leading `@`/`$` too).
    Start,
    /// At the start, or after a sequence of these prefixes (`ъ` also stands for `ь` and `'`).
    Prefix(&'static [&'static str]),
    /// Anywhere in the word.
    Anywhere,
}

/// One rule: a stem, then (if `forms` is not empty) one of the forms must match at the same
/// place; a form ending in `$` must reach the end of the word. No exception in `deny` may
/// match at that place.
struct Rule {
    lang: &'static str,
    root: &'static str,
    left: Left,
    stem: &'static str,
    forms: &'static [&'static str],
    deny: &'static [&'static str],
    /// Whether masks may stand for its letters.
    masks: Masks,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Masks {
    /// Masks may stand for letters.
    Allowed,
    /// No masks (stems that are already abbreviations: `fck`).
    Forbidden,
    /// Only masked spellings (`у**бок`, `на*уй`; the plain words match other rules).
    Required,
}

const fn rule(
    lang: &'static str,
    root: &'static str,
    left: Left,
    stem: &'static str,
    forms: &'static [&'static str],
    deny: &'static [&'static str],
) -> Rule {
    Rule {
        lang,
        root,
        left,
        stem,
        forms,
        deny,
        masks: Masks::Allowed,
    }
}

/// A [`rule`] for a stem that is an abbreviation or a misspelling: no masks in it.
const fn exact(
    lang: &'static str,
    root: &'static str,
    left: Left,
    stem: &'static str,
    forms: &'static [&'static str],
) -> Rule {
    Rule {
        masks: Masks::Forbidden,
        ..rule(lang, root, left, stem, forms, &[])
    }
}

/// A [`rule`] for masked spellings only, where a mask hides the stem's first letter.
const fn masked(
    lang: &'static str,
    root: &'static str,
    stem: &'static str,
    forms: &'static [&'static str],
) -> Rule {
    Rule {
        masks: Masks::Required,
        ..rule(lang, root, Left::Start, stem, forms, &[])
    }
}

/// The unit put between two pieces joined by `.` or `!` (`х.у.й`, `п.здец`): stands for
/// 0..=n letters like a mask.
const JOIN: char = '·';

/// No letter slot (larger than every view's slots).
const NONE: usize = 64;

/// Most units a prefix part may have.
const MAX_PREFIX_UNITS: usize = 12;

/// A pattern as letters; `to_end`: it must reach the end of the word.
struct Pat {
    cs: Vec<char>,
    to_end: bool,
}

impl Pat {
    fn new(f: &str) -> Pat {
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
struct Compiled {
    rule: &'static Rule,
    stem: Pat,
    forms: Vec<Pat>,
    deny: Vec<Pat>,
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
struct ViewIndex {
    rules: Vec<Compiled>,
    first: Vec<Vec<(u16, u64)>>,
    inner: Vec<Vec<(u16, u64)>>,
    needs: Vec<Vec<u64>>,
    slots: usize,
    pair: Vec<u64>,
    tri: Vec<u64>,
}

impl ViewIndex {
    /// Moves the last two units' letters `prev` (`[last, before]`; `NONE` for none) on to the
    /// letter slot `s`; bit 0 of the result is set if they start a stem.
    #[inline]
    fn step(&self, prev: &mut [usize; 2], s: usize) -> u64 {
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

struct Index {
    cyr: ViewIndex,
    lat: ViewIndex,
}

fn index() -> &'static Index {
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

const fn cyr_slot(c: char) -> Option<usize> {
    match c {
        'а'..='я' => Some(c as usize - 'а' as usize),
        'ї' => Some(32),
        _ => None,
    }
}

const fn lat_slot(c: char) -> Option<usize> {
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
const fn unit_bits(c: char) -> [u64; 2] {
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

// ---------------------------------------------------------------------------------------------
// Characters
// ---------------------------------------------------------------------------------------------

const S_OTHER: u8 = 0;
const S_LAT: u8 = 1;
const S_CYR: u8 = 2;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// A letter (`ch` normalized).
    Letter,
    /// An ASCII digit (a look-alike of some letters).
    Digit,
    /// `* # %` (as `*`), `_`, `@`, `$`: part of a word, stands for letters (`_` as `*`, but
    /// it separates the words of an `@handle`).
    Mask,
    /// `. - !` (`.` as `*`): joins a single letter to a word.
    Weak,
    /// An apostrophe: inside a word only.
    Apos,
    /// A combining mark or an invisible character: skipped inside a word.
    Mark,
    /// An ASCII space.
    Space,
    /// Anything else ends a word.
    Sep,
}

#[derive(Clone, Copy, Debug)]
struct Class {
    kind: Kind,
    ch: char,
    script: u8,
    uk: bool,
    /// An upper-case letter (for initials: `Е.Борисов`).
    upper: bool,
}

const fn cls(kind: Kind, ch: char, script: u8) -> Class {
    Class {
        kind,
        ch,
        script,
        uk: false,
        upper: false,
    }
}

const SEP: Class = cls(Kind::Sep, ' ', S_OTHER);
const MARK: Class = cls(Kind::Mark, ' ', S_OTHER);
const APOS: Class = cls(Kind::Apos, '\'', S_OTHER);

const fn lat(ch: char) -> Class {
    cls(Kind::Letter, ch, S_LAT)
}

/// The letter `a + i` (`i < 26`).
fn lat_nth(i: u32) -> Class {
    lat(char::from(b'a' + (i % 26) as u8))
}

/// [`classify_ascii`] for every ASCII byte.
static ASCII: [Class; 128] = {
    let mut t = [SEP; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = classify_ascii(i as u8);
        i += 1;
    }
    t
};

const fn classify_ascii(b: u8) -> Class {
    match b {
        b'a'..=b'z' => lat(b as char),
        b'A'..=b'Z' => Class {
            upper: true,
            ..lat(b.to_ascii_lowercase() as char)
        },
        b'0'..=b'9' => cls(Kind::Digit, b as char, S_OTHER),
        b'*' | b'#' | b'%' => cls(Kind::Mask, '*', S_OTHER),
        b'_' => cls(Kind::Mask, '_', S_OTHER),
        b'@' => cls(Kind::Mask, '@', S_OTHER),
        b'$' => cls(Kind::Mask, '$', S_OTHER),
        b'.' => cls(Kind::Weak, '*', S_OTHER),
        b'-' => cls(Kind::Weak, '-', S_OTHER),
        b'!' => cls(Kind::Weak, '!', S_OTHER),
        b'\'' | b'`' => APOS,
        b' ' => cls(Kind::Space, ' ', S_OTHER),
        _ => SEP,
    }
}

fn classify(c: char) -> Class {
    let cp = c as u32;
    if cp < 0x80 {
        return ASCII[cp as usize];
    }
    if (0x0400..=0x0482).contains(&cp) || (0x048A..=0x052F).contains(&cp) {
        return cyrillic(c);
    }
    match cp {
        0x00AD
        | 0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x180E
        | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x206F
        | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0xFEFF
        | 0xE0000..=0xE007F
        | 0xE0100..=0xE01EF => MARK,
        0x00D7 | 0x00F7 => SEP,
        0x00C0..=0x024F => latin_ext(c),
        0x0370..=0x03FF => greek(c),
        0x0250..=0x02AF | 0x1D00..=0x1D2B | 0xA730 | 0xA731 => small_cap(c),
        0x2018 | 0x2019 | 0x02BC | 0x02BB | 0x02B9 => APOS,
        0x2010 | 0x2011 => cls(Kind::Weak, '-', S_OTHER),
        0x00B7 => cls(Kind::Weak, '*', S_OTHER),
        0xFF01..=0xFF5E => classify_ascii((cp - 0xFEE0) as u8),
        0x1D400..=0x1D6A3 => lat_nth((cp - 0x1D400) % 52),
        0x1D7CE..=0x1D7FF => cls(
            Kind::Digit,
            char::from(b'0' + ((cp - 0x1D7CE) % 10) as u8),
            S_OTHER,
        ),
        0x249C..=0x24B5 => lat_nth(cp - 0x249C),
        0x24B6..=0x24CF => lat_nth(cp - 0x24B6),
        0x24D0..=0x24E9 => lat_nth(cp - 0x24D0),
        0x1F130..=0x1F149 => lat_nth(cp - 0x1F130),
        0x1F150..=0x1F169 => lat_nth(cp - 0x1F150),
        0x1F170..=0x1F189 => lat_nth(cp - 0x1F170),
        _ if c.is_alphanumeric() => cls(Kind::Letter, c, S_OTHER),
        _ => SEP,
    }
}

fn cyrillic(c: char) -> Class {
    let cp = c as u32;
    let lower = match cp {
        0x0400..=0x040F => char::from_u32(cp + 0x50).unwrap_or(c),
        0x0410..=0x042F => char::from_u32(cp + 0x20).unwrap_or(c),
        0x0430..=0x045F => c,
        0x0482 => return SEP,
        _ => c.to_lowercase().next().unwrap_or(c),
    };
    let uk = matches!(lower, 'є' | 'і' | 'ї' | 'ґ');
    let ch = match lower {
        'ё' | 'ѐ' | 'є' => 'е',
        'і' | 'ѝ' => 'и',
        'ў' => 'у',
        'ґ' | 'ѓ' => 'г',
        'ќ' => 'к',
        x => x,
    };
    if cp >= 0x0460 && !ch.is_alphabetic() {
        return SEP;
    }
    Class {
        kind: Kind::Letter,
        ch,
        script: S_CYR,
        uk,
        upper: lower != c,
    }
}

fn latin_ext(c: char) -> Class {
    // Lower-case letters (most of them) fold without a case-table search.
    if let Some(ch) = fold_latin(c) {
        return lat(ch);
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    let ch = fold_latin(lower).unwrap_or(lower);
    if !ch.is_alphabetic() {
        return SEP;
    }
    Class {
        upper: lower != c,
        ..lat(ch)
    }
}

/// The ASCII letter of a lower-case Latin letter with a diacritic.
fn fold_latin(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => return None,
    })
}

fn greek(c: char) -> Class {
    let ch = match c {
        'Α' | 'α' | 'ά' | 'Ά' => 'a',
        'Β' | 'β' => 'b',
        'Ε' | 'ε' | 'έ' | 'Έ' => 'e',
        'Ζ' => 'z',
        'Η' => 'h',
        'η' | 'ή' => 'n',
        'Ι' | 'ι' | 'ί' | 'ϊ' | 'ΐ' | 'Ί' => 'i',
        'Κ' | 'κ' => 'k',
        'Μ' => 'm',
        'Ν' => 'n',
        'ν' => 'v',
        'Ο' | 'ο' | 'ό' | 'Ό' => 'o',
        'Ρ' | 'ρ' => 'p',
        'Τ' | 'τ' => 't',
        'Υ' => 'y',
        'υ' | 'ύ' | 'ϋ' => 'u',
        'Χ' | 'χ' => 'x',
        'ω' | 'ώ' => 'w',
        _ if c.is_alphabetic() => return cls(Kind::Letter, c, S_OTHER),
        _ => return SEP,
    };
    lat(ch)
}

fn small_cap(c: char) -> Class {
    let ch = match c {
        'ᴀ' | 'ɑ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɢ' | 'ɡ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        _ if c.is_alphabetic() => return cls(Kind::Letter, c, S_OTHER),
        _ => return SEP,
    };
    lat(ch)
}

/// Cyrillic letters a Latin letter or digit may stand for.
const fn lat_to_cyr(c: char) -> &'static [char] {
    match c {
        'a' => &['а'],
        'b' => &['б', 'в', 'ь'],
        'c' => &['с'],
        'd' => &['д'],
        'e' => &['е'],
        'f' => &['ф'],
        'g' => &['г', 'д'],
        'h' => &['н', 'х'],
        'i' => &['и'],
        'j' => &['й'],
        'k' => &['к'],
        'l' => &['л'],
        'm' => &['м'],
        'n' => &['п', 'н'],
        'o' => &['о'],
        'p' => &['р', 'п'],
        'r' => &['г', 'р'],
        's' => &['с'],
        't' => &['т'],
        'u' => &['и', 'у'],
        'v' => &['в'],
        'w' => &['ш'],
        'x' => &['х'],
        'y' => &['у', 'й'],
        'z' => &['з'],
        '0' => &['о'],
        '1' => &['и'],
        '3' => &['з'],
        '4' => &['ч'],
        '6' => &['б'],
        '9' => &['я'],
        'ѕ' => &['с'],
        'ј' => &['й'],
        _ => &[],
    }
}

/// Latin letters a Cyrillic letter, digit or symbol may stand for.
const fn cyr_to_lat(c: char) -> &'static [char] {
    match c {
        'а' => &['a'],
        'б' => &['b'],
        'в' => &['b', 'v'],
        'г' => &['r', 'g'],
        'д' => &['d'],
        'е' => &['e'],
        'з' => &['z'],
        'и' => &['i', 'u'],
        'й' => &['y', 'j'],
        'к' => &['k'],
        'л' => &['l'],
        'м' => &['m'],
        'н' => &['h', 'n'],
        'о' => &['o'],
        'п' => &['n', 'p'],
        'р' => &['p', 'r'],
        'с' => &['c', 's'],
        'т' => &['t'],
        'у' => &['y', 'u'],
        'ф' => &['f'],
        'х' => &['x', 'h'],
        'ш' => &['w'],
        'ь' => &['b'],
        'ѕ' => &['s'],
        'ј' => &['j'],
        'ї' => &['i'],
        '0' => &['o'],
        '1' => &['i', 'l'],
        '3' => &['e'],
        '4' => &['a'],
        '5' => &['s'],
        '7' => &['t'],
        '8' => &['b'],
        '9' => &['g'],
        '@' => &['a'],
        '$' => &['s'],
        '!' => &['i'],
        _ => &[],
    }
}

// ---------------------------------------------------------------------------------------------
// Matching a word
// ---------------------------------------------------------------------------------------------

/// One normalized character of a word and how many times in a row it occurs.
#[derive(Clone, Copy, Debug)]
struct Unit {
    c: char,
    n: u32,
}

/// The script a word is read in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum View {
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
/// `have`: the letters the word may spell ([`unit_bits`] of its units, for `view`).
fn scan(view: View, units: &[Unit], ws1: usize, have: u64) -> Option<&'static Rule> {
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

// ---------------------------------------------------------------------------------------------
// Cutting the text into words
// ---------------------------------------------------------------------------------------------

/// What a piece or word holds (bits of [`Flags::bits`]).
const F_CYR: u8 = 1;
const F_LAT: u8 = 2;
const F_UK: u8 = 4;
const F_ALPHA: u8 = 8;
/// Units other than plain letters (digits, masks, apostrophes, other letters): `have` must
/// be computed from the units.
const F_EXOTIC: u8 = 16;
/// Two adjacent letters start a stem (see `ViewIndex::pair`).
const F_HIT: u8 = 32;

#[derive(Clone, Copy, Default)]
struct Flags {
    bits: u8,
    /// Letters and digits.
    real: u32,
    /// The letters of the units, as slot bits for the Cyrillic and Latin views: only of the
    /// view's own plain letters unless `F_EXOTIC`.
    have: [u64; 2],
}

impl Flags {
    fn merge(&mut self, o: Flags) {
        self.bits |= o.bits;
        self.real = self.real.saturating_add(o.real);
        self.have[0] |= o.have[0];
        self.have[1] |= o.have[1];
    }

    fn has(&self, bit: u8) -> bool {
        self.bits & bit != 0
    }
}

/// The word being built: one or more pieces joined by `.`/`-`/`!` or a space.
#[derive(Clone, Copy, Default)]
struct Tok {
    active: bool,
    /// Index of its first unit.
    base: usize,
    start: usize,
    end: usize,
    flags: Flags,
    pieces: u32,
    all_single: bool,
    last_real: u32,
    /// The last piece is one upper-case letter (maybe an initial).
    last_initial: bool,
    /// A one-piece word in masks (`*fuck*`, `**пиздец**`): where its trailing masks start;
    /// they are emphasis, not letters.
    emphasis: Option<usize>,
    /// How pieces were joined: `J_WEAK`, `J_SPACE`.
    joins: u8,
}

const J_WEAK: u8 = 1;
const J_SPACE: u8 = 2;
/// Case of a piece's first two letters: upper, then lower (a capitalized name).
const C_UPPER_FIRST: u8 = 1;
const C_LOWER_SECOND: u8 = 2;

/// The piece being read: a run of word characters.
#[derive(Clone, Copy, Default)]
struct Seg {
    active: bool,
    start: usize,
    end: usize,
    /// Index of its first unit.
    units: usize,
    flags: Flags,
    /// Slots of the last two plain letter units (`NONE`: none, or another unit).
    prev: [usize; 2],
    /// `C_UPPER_FIRST`, `C_LOWER_SECOND`.
    case: u8,
    /// Masks right before it were skipped (`*fuck*`).
    lead_mask: bool,
    /// Byte offset of its trailing run of `* _ # %`, or `usize::MAX`.
    tail: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    None,
    /// `n` characters of `. - !`; `bang`: one `!`; `hyphen`: has a `-`.
    Weak {
        n: u32,
        bang: bool,
        hyphen: bool,
    },
    Space,
}

struct Scanner {
    ix: &'static Index,
    /// Masks were skipped before the next piece.
    lead_mask: bool,
    /// The current word started with `@`: `_` separates its words.
    handle: bool,
    /// Match every word, with no pre-filter (tests check that the pre-filter loses nothing).
    exhaustive: bool,
    units: Vec<Unit>,
    tok: Tok,
    seg: Seg,
    gap: Gap,
    pending_apos: bool,
}

impl Scanner {
    fn new(len: usize, exhaustive: bool) -> Self {
        Scanner {
            ix: index(),
            lead_mask: false,
            handle: false,
            exhaustive,
            units: Vec::with_capacity(len.clamp(16, 256)),
            tok: Tok::default(),
            seg: Seg::default(),
            gap: Gap::None,
            pending_apos: false,
        }
    }

    fn run(mut self, text: &str, out: &mut Vec<ProfanityMatch>) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // Fast paths: runs of ASCII letters and of basic Cyrillic letters.
            if (b | 0x20).wrapping_sub(b'a') < 26 {
                i = self.ascii_letters(bytes, i);
                continue;
            }
            if b == 0xD0 || b == 0xD1 {
                let j = self.cyrillic_letters(bytes, i);
                if j > i {
                    i = j;
                    continue;
                }
            }
            let (cl, len) = if b < 0x80 {
                (ASCII[b as usize], 1)
            } else {
                match text.get(i..).and_then(|s| s.chars().next()) {
                    Some(c) => (classify(c), c.len_utf8()),
                    None => break,
                }
            };
            self.other_char(cl, i, len, out);
            i += len;
        }
        if self.seg.active {
            self.end_seg(out);
        }
        self.flush(out);
    }

    /// Pushes the ASCII letters from `i`; returns the index after them.
    fn ascii_letters(&mut self, bytes: &[u8], i: usize) -> usize {
        self.letter_start(i);
        let base = self.seg.units;
        let units = &mut self.units;
        let lat = &self.ix.lat;
        let mut prev = self.seg.prev;
        let mut hit = 0u64;
        let mut j = i;
        let mut have = 0u64;
        while let Some(&b) = bytes.get(j) {
            let c = b | 0x20;
            let s = c.wrapping_sub(b'a') as usize;
            if s >= 26 {
                break;
            }
            have |= 1u64 << s;
            hit |= lat.step(&mut prev, s);
            let len = units.len();
            match units.last_mut() {
                Some(last) if len > base && last.c == c as char => {
                    last.n = last.n.saturating_add(1);
                }
                _ => units.push(Unit { c: c as char, n: 1 }),
            }
            j += 1;
        }
        self.seg.prev = prev;
        self.seg.tail = usize::MAX;
        self.note_case(i, j - i, 1, |k| {
            bytes.get(k).is_some_and(|&b| b & 0x20 == 0)
        });
        let f = &mut self.seg.flags;
        f.have[1] |= have;
        f.bits |= F_ALPHA | F_LAT | if hit & 1 != 0 { F_HIT } else { 0 };
        f.real = f.real.saturating_add((j - i) as u32);
        self.seg.end = j;
        j
    }

    /// Pushes the basic Cyrillic letters (`А..я`, `Ё ё`) from `i`; returns the index after
    /// them (`i` if there is none).
    fn cyrillic_letters(&mut self, bytes: &[u8], i: usize) -> usize {
        let mut j = i;
        let mut have = 0u64;
        let mut prev = self.seg.prev;
        let mut hit = 0u64;
        while let (Some(&b0), Some(&b1)) = (bytes.get(j), bytes.get(j + 1)) {
            let cp = match (b0, b1) {
                (0xD0, 0x80..=0xBF) => 0x400 + (b1 as u32 & 0x3F),
                (0xD1, 0x80..=0xBF) => 0x440 + (b1 as u32 & 0x3F),
                _ => break,
            };
            let c = match cp {
                0x0410..=0x042F => cp + 0x20,
                0x0430..=0x044F => cp,
                0x0401 | 0x0451 => 0x0435,
                _ => break,
            };
            if j == i {
                self.letter_start(i);
                prev = self.seg.prev;
            }
            let s = ((c - 0x430) & 31) as usize;
            have |= 1u64 << s;
            hit |= self.ix.cyr.step(&mut prev, s);
            self.push_unit(char::from_u32(c).unwrap_or('\u{FFFD}'));
            j += 2;
        }
        if j > i {
            self.seg.prev = prev;
            self.seg.tail = usize::MAX;
            // `А..Я` and `Ё` are `D0 80..AF`.
            self.note_case(i, (j - i) / 2, 2, |k| {
                bytes.get(k) == Some(&0xD0) && bytes.get(k + 1).is_some_and(|&b| b < 0xB0)
            });
            let f = &mut self.seg.flags;
            f.have[0] |= have;
            f.bits |= F_ALPHA | F_CYR | if hit & 1 != 0 { F_HIT } else { 0 };
            f.real = f.real.saturating_add(((j - i) / 2) as u32);
            self.seg.end = j;
        }
        j
    }

    /// Notes the case of the piece's first two letters, for `count` letters of `width` bytes
    /// just read from `i` (`upper(k)`: the letter at byte `k` is upper-case).
    fn note_case(&mut self, i: usize, count: usize, width: usize, upper: impl Fn(usize) -> bool) {
        let r0 = self.seg.flags.real as usize;
        if r0 == 0 && count >= 1 && upper(i) {
            self.seg.case |= C_UPPER_FIRST;
        }
        if r0 <= 1 && r0 + count >= 2 && !upper(i + (1 - r0) * width) {
            self.seg.case |= C_LOWER_SECOND;
        }
    }

    /// Before a letter at `i`: start a piece, or push a pending inner apostrophe.
    fn letter_start(&mut self, i: usize) {
        if !self.seg.active {
            self.begin_seg(i);
        }
        if self.pending_apos {
            self.push_apos();
        }
    }

    fn push_apos(&mut self) {
        self.push_unit('\'');
        self.pending_apos = false;
        self.seg.flags.bits |= F_EXOTIC;
        self.seg.prev = [NONE; 2];
    }

    /// One character of class `cl` at `i` (`len` bytes), other than the fast paths.
    fn other_char(&mut self, cl: Class, i: usize, len: usize, out: &mut Vec<ProfanityMatch>) {
        match cl.kind {
            Kind::Mask if cl.ch == '_' && self.handle => {
                // `@pes_i_mistik`: the words of a handle.
                if self.seg.active {
                    self.end_seg(out);
                }
                self.flush(out);
                self.handle = true;
            }
            Kind::Letter | Kind::Digit | Kind::Mask => {
                if !self.seg.active {
                    if cl.kind == Kind::Mask && matches!(cl.ch, '*' | '_') {
                        self.lead_mask = true;
                        return;
                    }
                    self.begin_seg(i);
                    self.handle |= cl.ch == '@';
                }
                let cl = if cl.ch == '_' {
                    Class { ch: '*', ..cl }
                } else {
                    cl
                };
                self.push(cl);
                if cl.ch != '*' {
                    self.seg.tail = usize::MAX;
                } else if self.seg.tail == usize::MAX {
                    self.seg.tail = i;
                }
                self.seg.end = i + len;
            }
            Kind::Mark => {
                self.lead_mask = false;
                if self.seg.active && !self.pending_apos {
                    self.seg.end = i + len;
                }
            }
            Kind::Apos => {
                self.lead_mask = false;
                if self.seg.active {
                    self.pending_apos = true;
                }
            }
            Kind::Weak => {
                self.lead_mask = false;
                if self.seg.active {
                    self.end_seg(out);
                    self.gap = Gap::Weak {
                        n: 1,
                        bang: cl.ch == '!',
                        hyphen: cl.ch == '-',
                    };
                } else if let Gap::Weak { n, hyphen, .. } = self.gap {
                    self.gap = Gap::Weak {
                        n: n.saturating_add(1),
                        bang: false,
                        hyphen: hyphen || cl.ch == '-',
                    };
                } else {
                    self.flush(out);
                }
            }
            Kind::Space => {
                self.lead_mask = false;
                if self.seg.active {
                    self.end_seg(out);
                    self.gap = Gap::Space;
                } else {
                    self.flush(out);
                }
            }
            Kind::Sep => {
                self.lead_mask = false;
                if self.seg.active {
                    self.end_seg(out);
                }
                self.flush(out);
            }
        }
    }

    fn begin_seg(&mut self, i: usize) {
        self.seg = Seg {
            active: true,
            start: i,
            end: i,
            units: self.units.len(),
            flags: Flags::default(),
            prev: [NONE; 2],
            case: 0,
            lead_mask: std::mem::take(&mut self.lead_mask),
            tail: usize::MAX,
        };
        self.pending_apos = false;
    }

    fn push_unit(&mut self, c: char) {
        if self.units.len() > self.seg.units
            && let Some(last) = self.units.last_mut()
            && last.c == c
        {
            last.n = last.n.saturating_add(1);
            return;
        }
        self.units.push(Unit { c, n: 1 });
    }

    fn push(&mut self, cl: Class) {
        if self.pending_apos {
            self.push_apos();
        }
        self.push_unit(cl.ch);
        let (view, slot) = match cl.script {
            S_CYR => (&self.ix.cyr, cyr_slot(cl.ch)),
            S_LAT => (&self.ix.lat, lat_slot(cl.ch)),
            _ => (&self.ix.lat, None),
        };
        let f = &mut self.seg.flags;
        match (cl.kind, slot) {
            (Kind::Letter, Some(s)) => {
                // A plain letter (after folding): track it like the fast paths do.
                if view.step(&mut self.seg.prev, s) & 1 != 0 {
                    f.bits |= F_HIT;
                }
                f.have[usize::from(cl.script == S_LAT)] |= 1u64 << s;
            }
            _ => {
                f.bits |= F_EXOTIC;
                self.seg.prev = [NONE; 2];
            }
        }
        match (cl.kind, f.real) {
            (Kind::Letter, 0) if cl.upper => self.seg.case |= C_UPPER_FIRST,
            (Kind::Letter, 1) if !cl.upper => self.seg.case |= C_LOWER_SECOND,
            _ => {}
        }
        match cl.kind {
            Kind::Letter => {
                f.bits |= F_ALPHA
                    | match cl.script {
                        S_CYR => F_CYR,
                        S_LAT => F_LAT,
                        _ => 0,
                    }
                    | if cl.uk { F_UK } else { 0 };
                f.real = f.real.saturating_add(1);
            }
            Kind::Digit => f.real = f.real.saturating_add(1),
            _ => {}
        }
    }

    /// The current piece starts a new word, its units from `base` on.
    fn start_tok(&mut self, base: usize) {
        let seg = &self.seg;
        let t = &mut self.tok;
        t.active = true;
        t.base = base;
        t.start = seg.start;
        t.end = seg.end;
        t.flags = seg.flags;
        t.pieces = 1;
        t.all_single = seg.flags.real == 1;
        t.last_real = seg.flags.real;
        t.last_initial = seg.flags.real == 1 && seg.case & C_UPPER_FIRST != 0;
        t.joins = 0;
        t.emphasis = (seg.lead_mask && seg.tail != usize::MAX).then_some(seg.tail);
    }

    /// The piece is complete: join it to the word, or finish the word and start a new one.
    fn end_seg(&mut self, out: &mut Vec<ProfanityMatch>) {
        self.seg.active = false;
        self.handle = false;
        self.pending_apos = false;
        let seg_units = self.seg.units;
        if !self.tok.active {
            self.start_tok(seg_units);
            self.gap = Gap::None;
            return;
        }
        let real = self.seg.flags.real;
        let t = &self.tok;
        // An initial glued to a name (`Е.Борисов`, `A.Smith`) is two words.
        let name = t.last_initial && self.seg.case == C_UPPER_FIRST | C_LOWER_SECOND;
        // A word, `.` and one capital letter is the start of a sentence (`её.Я`).
        let sentence = t.last_real > 1 && real == 1 && self.seg.case & C_UPPER_FIRST != 0;
        let join = match self.gap {
            Gap::Weak { n, .. } => {
                n <= 3
                    && (t.last_real == 1 || real == 1)
                    && t.joins & J_SPACE == 0
                    && !name
                    && !sentence
            }
            Gap::Space => t.last_real == 1 && real == 1 && t.joins & J_WEAK == 0,
            Gap::None => false,
        };
        if join {
            let i = seg_units;
            let same = i > 0 && i < self.units.len() && self.units[i - 1].c == self.units[i].c;
            match self.gap {
                // `.` and `!` may stand for letters (`х.й`, `sh!t`), except between two
                // pieces of one letter (`е.е`); `-` and a space join with nothing between
                // (`х-у-й`, `х у й`; `м-да`, `ё-моё` stay clean).
                Gap::Weak {
                    n,
                    bang,
                    hyphen: false,
                } if !same => {
                    let c = if bang { '!' } else { JOIN };
                    self.units.insert(i, Unit { c, n });
                }
                _ => {
                    if same {
                        let n = self.units[i].n;
                        self.units[i - 1].n = self.units[i - 1].n.saturating_add(n);
                        self.units.remove(i);
                    }
                }
            }
            let t = &mut self.tok;
            t.emphasis = None;
            t.flags.bits |= F_EXOTIC;
            t.joins |= if self.gap == Gap::Space {
                J_SPACE
            } else {
                J_WEAK
            };
            t.last_initial = real == 1 && self.seg.case & C_UPPER_FIRST != 0;
            t.end = self.seg.end;
            t.flags.merge(self.seg.flags);
            t.pieces = t.pieces.saturating_add(1);
            t.all_single &= real == 1;
            t.last_real = real;
        } else {
            self.finish(out, seg_units);
            if seg_units >= 256 {
                // Words split by spaces stay in the buffer until a separator; now and then the
                // new word's units move to the front (each piece moves at most once: linear).
                let k = self.units.len();
                self.units.copy_within(seg_units..k, 0);
                self.units.truncate(k - seg_units);
                self.start_tok(0);
            } else {
                self.start_tok(seg_units);
            }
        }
        self.gap = Gap::None;
    }

    fn flush(&mut self, out: &mut Vec<ProfanityMatch>) {
        if self.tok.active {
            self.finish(out, self.units.len());
            self.units.clear();
            self.tok.active = false;
        }
        self.gap = Gap::None;
    }

    /// Matches the word made of the units `tok.base..n`.
    #[inline]
    fn finish(&self, out: &mut Vec<ProfanityMatch>, n: usize) {
        // A word of plain letters of one script with no stem start cannot match (the common
        // case: decided here without a call).
        let b = self.tok.flags.bits;
        if b & (F_EXOTIC | F_HIT) == 0 && b & (F_CYR | F_LAT) != (F_CYR | F_LAT) && !self.exhaustive
        {
            return;
        }
        self.match_word(out, n);
    }

    #[inline(never)]
    fn match_word(&self, out: &mut Vec<ProfanityMatch>, n: usize) {
        let t = &self.tok;
        let f = t.flags;
        // Initials and spelled-out letters (`Е.Б.`, `х у`) need three letters.
        if !f.has(F_ALPHA) || f.real < 2 || (t.pieces > 1 && t.all_single && f.real < 3) {
            return;
        }
        let Some(mut units) = self.units.get(t.base..n) else {
            return;
        };
        let mut end = t.end;
        if let (Some(e), Some((last, rest))) = (t.emphasis, units.split_last())
            && last.c == '*'
        {
            units = rest;
            end = e;
        }
        if units.is_empty() {
            return;
        }
        let mixed = f.has(F_CYR) && f.has(F_LAT);
        let plain = !(f.has(F_EXOTIC) || mixed || self.exhaustive);
        if plain && !f.has(F_HIT) {
            return;
        }
        let ws1 = usize::from(units.len() > 1 && matches!(units[0].c, '@' | '$'));
        let mut have = f.have;
        if !plain {
            have = [0, 0];
            for u in units {
                let b = unit_bits(u.c);
                have[0] |= b[0];
                have[1] |= b[1];
            }
        }
        let mut found = None;
        if f.has(F_CYR) {
            found = scan(View::Cyr, units, ws1, have[0]).map(|r| (r, View::Cyr));
        }
        if found.is_none() && f.has(F_LAT) {
            found = scan(View::Lat, units, ws1, have[1]).map(|r| (r, View::Lat));
        }
        if let Some((rule, view)) = found {
            let lang = if view == View::Cyr && f.has(F_UK) && rule.lang == "ru" {
                "uk"
            } else {
                rule.lang
            };
            out.push(ProfanityMatch {
                start: t.start,
                end,
                lang,
                root: rule.root,
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    // A4
    use super::*;

    /// [`find_profanity`] with no pre-filter: every word is matched against every rule.
    fn find_exhaustive(text: &str) -> Vec<ProfanityMatch> {
        let mut out = Vec::new();
        if text.len() >= 2 {
            Scanner::new(text.len(), true).run(text, &mut out);
        }
        out
    }

    fn words(text: &str) -> Vec<&str> {
        find_profanity(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    fn assert_flagged(cases: &[&str]) {
        let mut missed = Vec::new();
        for &c in cases {
            if find_profanity(c).is_empty() {
                missed.push(c);
            }
        }
        assert!(missed.is_empty(), "not flagged: {missed:?}");
    }

    fn assert_clean(cases: &[&str]) {
        let mut wrong = Vec::new();
        for &c in cases {
            let m = find_profanity(c);
            if !m.is_empty() {
                wrong.push((c, m));
            }
        }
        assert!(wrong.is_empty(), "flagged: {wrong:?}");
    }

    fn one(text: &str) -> ProfanityMatch {
        let m = find_profanity(text);
        assert_eq!(m.len(), 1, "{text:?} -> {m:?}");
        m.into_iter().next().unwrap_or(ProfanityMatch {
            start: 0,
            end: 0,
            lang: "",
            root: "",
        })
    }

    fn check_spans(text: &str, ms: &[ProfanityMatch]) {
        assert_eq!(
            ms,
            find_exhaustive(text),
            "pre-filter changed the result for {text:?}"
        );
        let mut prev_end = 0;
        for m in ms {
            assert!(m.start < m.end, "{text:?}: {m:?}");
            assert!(m.end <= text.len(), "{text:?}: {m:?}");
            assert!(text.is_char_boundary(m.start), "{text:?}: {m:?}");
            assert!(text.is_char_boundary(m.end), "{text:?}: {m:?}");
            assert!(
                m.start >= prev_end,
                "overlap or disorder in {text:?}: {ms:?}"
            );
            assert!(text.get(m.start..m.end).is_some());
            prev_end = m.end;
        }
    }

    #[test]
    fn russian_mat_roots_and_derivatives_are_flagged() {
        assert_flagged(&[
            "хуй",
            "хуйня какая-то",
            "да пошли вы нахуй",
            "мне похуй",
            "хуевый сервис",
            "хуёвый сервис",
            "ахуеть",
            "охуенно",
            "нихуя не работает",
            "дохуя денег",
            "схуяли",
            "хули ты",
            "пиздец",
            "пизда",
            "распиздяй",
            "спиздили посылку",
            "пиздёж",
            "ебать",
            "заебал",
            "уебок",
            "выебываться",
            "ебанутый",
            "ёбаный",
            "наебали",
            "доебался",
            "съебись",
            "сьебался",
            "отъебись",
            "от'ебись",
            "долбоёб",
            "переебал",
            "неебический",
            "проебали заказ",
            "заебись",
            "йобаный",
            "бля",
            "блядь",
            "блять",
            "блядина",
            "выблядок",
            "мудак",
            "мудила",
            "мудозвон",
            "отмудохать",
            "пидор",
            "пидар",
            "пидорас",
            "пидарасы",
            "педик",
            "педераст",
            "залупа",
            "манда",
            "мандой",
            "гандон",
            "гондон",
            "шлюха",
            "шлюшка",
            "сука",
            "суки",
            "ссука",
            "сучка",
            "сукин сын",
            "сучара",
            "говно",
            "наговнили",
            "жопа",
            "черножопый",
            "курва",
            "ниггер",
            "гоблядь",
            "рельсоблядка",
        ]);
    }

    #[test]
    fn russian_roots_report_their_canonical_root_and_lang() {
        for (t, root) in [
            ("нахуй", "хуй"),
            ("распиздяй", "пизда"),
            ("выебываться", "ебать"),
            ("блять", "блядь"),
            ("мудозвон", "мудак"),
            ("пидорас", "пидор"),
            ("залупа", "залупа"),
            ("сука", "сука"),
        ] {
            let m = one(t);
            assert_eq!(m.root, root, "{t}");
            assert_eq!(m.lang, "ru", "{t}");
        }
    }

    #[test]
    fn ukrainian_forms_sharing_roots_are_flagged_as_uk() {
        for t in [
            "їбати",
            "заїбав",
            "з'їбав",
            "хуї",
            "пізда",
            "підор",
            "Їбанутий",
        ] {
            let m = one(t);
            assert_eq!(m.lang, "uk", "{t}");
        }
        assert_eq!(one("їбати").root, "їбати");
        assert_eq!(one("пізда").root, "пизда");
    }

    #[test]
    fn russian_masked_and_mixed_script_forms_are_flagged() {
        assert_flagged(&[
            "бл*",
            "бл@",
            "бл9",
            "бл*ть",
            "бл**ь",
            "х_й",
            "х*й",
            "х.у.й",
            "Х.У.Й",
            "х-у-й",
            "е*ать",
            "еб*ть",
            "п@здец",
            "п*здец",
            "пи*дец",
            "п**дец",
            "п.здец",
            "xyй",
            "пиzдец",
            "пиzдeц",
            "ё6анный",
            "е6ать",
            "3аебал",
            "х у й",
            "б л я",
            "хууууй",
            "пиииздец",
            "ХУЙ",
            "ПиЗдЕц",
            "пид0р",
            "с*ка",
            "у**бок",
            "ЗАЕ**ЛИ",
            "е**ть",
            "долбо*б",
            "на*уй",
            "по*уй",
            "ни*уя",
            "ху\u{200B}й",
            "ху\u{00AD}йня",
            "х\u{0301}у\u{0301}й\u{0301}",
        ]);
    }

    #[test]
    fn zalgo_text_is_flagged_and_span_keeps_marks() {
        let t = "ну х\u{0337}\u{0322}у\u{0336}й\u{0338} вам";
        let m = one(t);
        assert_eq!(&t[m.start..m.end], "х\u{0337}\u{0322}у\u{0336}й\u{0338}");
        assert_eq!(m.root, "хуй");
        let t = "f\u{0334}\u{0335}u\u{0336}c\u{0337}k\u{0338}\u{0338}";
        assert_eq!(words(t), vec![t]);
    }

    #[test]
    fn russian_look_alike_words_are_not_flagged() {
        assert_clean(&[
            "блин",
            "нифига",
            "хрен",
            "херня",
            "ёлки",
            "скипидар",
            "хлеба",
            "небо",
            "ребенок",
            "себе",
            "требовать",
            "употреблять",
            "оскорблять",
            "корабля",
            "рубля",
            "колебания",
            "мебель",
            "страхуй",
            "хулиган",
            "застрахуйте",
            "страхую",
            "перестрахуемся",
            "подстрахуй",
            "потребитель",
            "документ",
            "команда",
            "мандарин",
            "командир",
            "мандат",
            "мандраж",
            "Мандельштам",
            "сукно",
            "сукровица",
            "сучок",
            "бляха",
            "бляшка",
            "тихую",
            "сухую",
            "плохую",
            "глухую",
            "лихую",
            "похудеть",
            "похуже",
            "хуже",
            "хутор",
            "худой",
            "выхухоль",
            "Чихуахуа",
            "Тихуана",
            "Хуан",
            "вебинар",
            "веб-сайт",
            "учебник",
            "зебра",
            "гребля",
            "сабля",
            "истреблять",
            "влюбляться",
            "мудрый",
            "премудрость",
            "пиджак",
            "педикюр",
            "педикулёз",
            "Нигерия",
            "Нигер",
            "курвиметр",
            "Ебург",
            "ЕБИТДА",
            "дерьмо",
            "дебил",
            "серебро",
            "победа",
            "Е.Б. Иванов",
            "Е.Борисов",
            "Е.Третьленский",
            "Б.Лядов",
            "А.С.Пушкин",
            "м-да",
            "м-дя",
            "ё-моё",
            "е-мое",
            "е-е-е",
            "ё-п-р-с-т",
            "е6",
            "зааааййй****люблю",
            "люблю её.Я тоже",
            "вопрос...r",
            "т.е. всё хорошо",
            "суббота",
            "сумма",
            "суп",
            "ссуда",
            "ёпрст",
            "межоператорские",
            "ЕБРР",
            "гребаный",
            "хлебало",
        ]);
    }

    #[test]
    fn russian_sentence_with_clean_words_only_is_clean() {
        assert_clean(&[
            "Спасибо большое, доставка пришла вовремя, курьер вежливый!",
            "Команда поддержки помогла с заказом, мандарины свежие.",
            "Требую вернуть деньги за испорченную мебель, это оскорбление.",
            "Застрахуйте посылку, пожалуйста; страхую всё сама.",
        ]);
    }

    #[test]
    fn english_profanity_and_variants_are_flagged() {
        assert_flagged(&[
            "fuck",
            "fucking",
            "motherfucker",
            "clusterfuck",
            "f*ck",
            "f**k",
            "fu*k",
            "f-ck",
            "fck",
            "fcking",
            "fuk",
            "fukin",
            "phuck",
            "fvck",
            "fu\u{0441}k",
            "FUCK",
            "ＦＵＣＫ",
            "\u{1D41F}\u{1D42E}\u{1D41C}\u{1D424}",
            "ꜰᴜᴄᴋ",
            "f.u.c.k",
            "f u c k",
            "fuuuuck",
            "fück",
            "shit",
            "bullshit",
            "sh*t",
            "shitty",
            "sh1t",
            "$hit",
            "sh!t",
            "s**t",
            "cunt",
            "c*nt",
            "bitch",
            "b1tch",
            "sonofabitch",
            "asshole",
            "a**hole",
            "a$$hole",
            "ass",
            "kiss my ass",
            "dumbass",
            "dickhead",
            "cock",
            "cocksucker",
            "pussy",
            "bastard",
            "wanker",
            "twat",
            "slut",
            "whore",
            "nigger",
            "nigga",
            "niggah",
            "thatangrynigga",
            "faggot",
            "retard",
            "retarded",
            "arsehole",
            "bollocks",
        ]);
    }

    #[test]
    fn english_look_alike_words_are_not_flagged() {
        assert_clean(&[
            "heck",
            "damn",
            "hell",
            "crap",
            "Scunthorpe",
            "cocktail",
            "cockpit",
            "peacock",
            "Hitchcock",
            "shuttlecock",
            "Cockburn",
            "assassin",
            "class",
            "classic",
            "pass",
            "bass",
            "grass",
            "assess",
            "assessment",
            "assume",
            "asset",
            "therapist",
            "Dickens",
            "Dick Smith",
            "pussycat",
            "Niger",
            "Nigeria",
            "niggardly",
            "retardant",
            "Wankel engine",
            "Slutsk",
            "Fukuoka",
            "Fukushima",
            "shiitake",
            "shitake mushrooms",
            "Yamashita",
            "Matsushita",
            "Shiite",
            "Shiites",
            "Phuket",
            "pull",
            "pulled",
            "futtock",
            "huesos",
            "Hyundai'ю",
            "eBay'е",
            "#foodporn",
            "computer",
            "analysis",
            "Arsenal",
            "button",
            "title",
            "documentation",
            "Essex",
            "bitcoin",
            "BitChute",
            "snigger",
            "future",
            "futuristic",
            "futon",
            "eBay",
            "ebay",
            "f***",
            "****",
            "a.k.a.",
            "U.S.A.",
        ]);
    }

    #[test]
    fn romanian_profanity_is_flagged() {
        assert_flagged(&[
            "pula",
            "pulă",
            "pula mea",
            "pulele",
            "pizda",
            "pizdă",
            "pizda mă-tii",
            "muie",
            "futu-ți",
            "futu-ti mortii",
            "futui",
            "futut",
            "fut",
            "căcat",
            "cacat",
            "curvă",
            "curva",
            "curvele",
            "târfă",
            "tarfa",
            "bulangiu",
            "poponar",
            "muist",
            "muistule",
            "coaie",
        ]);
        for t in ["pulă", "pizdă", "muie", "futu", "căcat", "curvă", "târfă"] {
            assert_eq!(one(t).lang, "ro", "{t}");
        }
    }

    #[test]
    fn romanian_look_alike_words_are_not_flagged() {
        assert_clean(&[
            "pulover",
            "pulbere",
            "populație",
            "pulsul",
            "puls",
            "pulpa",
            "pizza",
            "pizzerie",
            "muiere",
            "muierea",
            "future",
            "viitor",
            "futil",
            "fotbal",
            "la naiba",
            "dracu",
            "cacao",
            "curbă",
            "curve",
            "curvy",
            "rahat",
            "mâine",
            "becuri arse",
            "m-i s-a stricat",
            "mi s-a spus",
            "într-o zi",
            "dintr-un magazin",
            "a-și face",
            "Mulțumesc pentru ajutor, comanda a ajuns repede.",
        ]);
    }

    #[test]
    fn russian_transliteration_is_flagged_as_ru() {
        for t in [
            "blyat",
            "cyka blyat",
            "nahuy",
            "pizdec",
            "pizdato",
            "zaebal",
            "ebat",
            "pidor",
            "mudak",
        ] {
            let m = find_profanity(t);
            assert!(!m.is_empty(), "{t}");
            assert!(m.iter().all(|m| m.lang == "ru"), "{t}: {m:?}");
        }
        assert_eq!(one("pizda").lang, "ro");
    }

    #[test]
    fn spans_cover_the_whole_word_as_written() {
        assert_eq!(words("Ну ты и мудак!"), vec!["мудак"]);
        assert_eq!(words("what the f*ck."), vec!["f*ck"]);
        assert_eq!(words("#хуй"), vec!["хуй"]);
        assert_eq!(words("бл*, опять"), vec!["бл*"]);
        assert_eq!(words("бл@ опять"), vec!["бл@"]);
        assert_eq!(words("@fuckthis"), vec!["@fuckthis"]);
        assert_eq!(words("это х.у.й!"), vec!["х.у.й"]);
        assert_eq!(words("'хуй'"), vec!["хуй"]);
        assert_eq!(words("«пиздец»"), vec!["пиздец"]);
        assert_eq!(words("по-хуй"), vec!["хуй"]);
        assert_eq!(words("futu-ți"), vec!["futu"]);
        assert_eq!(words("ну х у й же"), vec!["х у й"]);
        assert_eq!(words("п@здец полный"), vec!["п@здец"]);
        assert_eq!(words("ПИЗДЕЦ!!!"), vec!["ПИЗДЕЦ"]);
        assert_eq!(words("*fuck* that"), vec!["fuck"]);
        assert_eq!(words("это **пиздец**!"), vec!["пиздец"]);
        assert_eq!(words("_блядь_"), vec!["блядь"]);
        assert_eq!(words("**бл**"), Vec::<&str>::new());
        assert_eq!(words("sh!t!"), vec!["sh!t"]);
        assert_eq!(words("ху\u{200B}йня"), vec!["ху\u{200B}йня"]);
        let t = "Заказ пришёл, но курьер — мудак.";
        let m = one(t);
        assert_eq!(&t[m.start..m.end], "мудак");
        assert_eq!(m.start, t.find("мудак").unwrap_or(usize::MAX));
    }

    #[test]
    fn several_words_are_reported_in_order_of_position() {
        let t = "fuck this shit, блядь, pula mea";
        let m = find_profanity(t);
        let roots: Vec<&str> = m.iter().map(|m| m.root).collect();
        assert_eq!(roots, vec!["fuck", "shit", "блядь", "pulă"]);
        let langs: Vec<&str> = m.iter().map(|m| m.lang).collect();
        assert_eq!(langs, vec!["en", "en", "ru", "ro"]);
        check_spans(t, &m);
        assert_eq!(words(t), vec!["fuck", "shit", "блядь", "pula"]);
    }

    #[test]
    fn one_match_per_word_even_with_two_roots() {
        assert_eq!(find_profanity("хуйпизда").len(), 1);
        assert_eq!(find_profanity("fuckshit").len(), 1);
    }

    #[test]
    fn empty_tiny_and_emoji_only_texts_have_no_matches() {
        assert_clean(&[
            "",
            "х",
            "a",
            " ",
            "\n\t",
            "😀",
            "🤬🤬🤬",
            "👍🏽👍🏽",
            "🇺🇦🇷🇺",
            "***",
            "@",
            "#",
            "!!!",
            "...",
            "\u{200B}\u{200B}",
            "\u{0301}\u{0301}\u{0301}",
            "12345",
            "3.14",
        ]);
    }

    #[test]
    fn masks_need_two_real_letters() {
        assert_clean(&["х**", "f***", "****", "*уй", "**й", "е*", "a**"]);
    }

    #[test]
    fn hashtags_lose_their_sign_and_handles_split_at_underscores() {
        assert_eq!(words("#пиздец"), vec!["пиздец"]);
        assert_eq!(words("#fuckthis"), vec!["fuckthis"]);
        assert_clean(&[
            "@pizza_lover",
            "#foodporn",
            "@assassin_creed",
            "@pes_i_mistik",
            "@ss",
            "@sshole",
            "@udaff_ka",
            "@jiminshi_ksu",
            "@deph___",
        ]);
        assert_eq!(words("@fuck_u_bich_"), vec!["@fuck"]);
        assert_eq!(words("f_ck"), vec!["f_ck"]);
    }

    #[test]
    fn one_megabyte_texts_return() {
        let mut big = String::new();
        while big.len() < 1 << 20 {
            big.push_str("Доставка опять опоздала, пиздец. The courier was late, fuck. ");
        }
        let m = find_profanity(&big);
        assert!(!m.is_empty());
        check_spans(&big, &m);

        for unit in [
            "х*", "f.", "а", "хуй", "п*и", "е.", "sh*", "@", "х у ", "\u{0301}",
        ] {
            let s = unit.repeat((1 << 20) / unit.len());
            let m = find_profanity(&s);
            check_spans(&s, &m);
        }
    }

    /// A small xorshift PRNG, so the property test needs only `std`.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_byte_strings_never_panic_and_give_valid_spans() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let len = rng.below(64);
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let s = String::from_utf8_lossy(&bytes);
            let m = find_profanity(&s);
            check_spans(&s, &m);
        }
    }

    #[test]
    fn random_strings_of_tricky_pieces_never_panic_and_give_valid_spans() {
        const PIECES: &[&str] = &[
            "х",
            "у",
            "й",
            "п",
            "и",
            "з",
            "д",
            "е",
            "ё",
            "б",
            "л",
            "я",
            "ъ",
            "ї",
            "і",
            "f",
            "u",
            "c",
            "k",
            "s",
            "h",
            "a",
            "t",
            "x",
            "y",
            "6",
            "9",
            "0",
            "1",
            "*",
            ".",
            "-",
            "_",
            "@",
            "$",
            "!",
            " ",
            "'",
            "’",
            "#",
            "%",
            "\u{0301}",
            "\u{200B}",
            "\u{FEFF}",
            "😀",
            "\n",
            "ǅ",
            "İ",
            "ẞ",
            "Ⓕ",
            "𝐟",
            "ｆ",
            "ᴜ",
            "ă",
            "ș",
            "хуй",
            "fuck",
            "пизд",
            "бля",
            "\u{10FFFF}",
            "\u{E0001}",
            "Ѐ",
            "Ӂ",
            "ԯ",
            "ΐ",
        ];
        let mut rng = Rng(0x1234_5678_9ABC_DEF1);
        for _ in 0..20_000 {
            let n = rng.below(24);
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(PIECES[rng.below(PIECES.len())]);
            }
            let m = find_profanity(&s);
            check_spans(&s, &m);
        }
    }

    #[test]
    fn every_stem_has_at_least_two_letters_after_collapsing_runs() {
        // The trigram pre-filter needs a start of two or three distinct letters.
        for r in CYR_RULES.iter().chain(LAT_RULES) {
            let mut cs: Vec<char> = r.stem.chars().collect();
            cs.dedup();
            assert!(cs.len() >= 2 || r.masks == Masks::Required, "{}", r.stem);
        }
    }

    #[test]
    fn pre_filter_never_changes_the_result() {
        let mut all: Vec<String> = Vec::new();
        for r in CYR_RULES.iter().chain(LAT_RULES) {
            all.push(r.stem.to_string());
            for f in r.forms.iter().chain(r.deny) {
                all.push(f.trim_end_matches('$').to_string());
                all.push(format!("за{}", f.trim_end_matches('$')));
                all.push(format!("x{}ing", f.trim_end_matches('$')));
            }
        }
        let text = all.join(" ");
        let m = find_profanity(&text);
        assert!(m.len() > 100);
        assert_eq!(m, find_exhaustive(&text));
        for w in &all {
            assert_eq!(find_profanity(w), find_exhaustive(w), "{w}");
            let up = w.to_uppercase();
            assert_eq!(find_profanity(&up), find_exhaustive(&up), "{up}");
        }
    }

    #[test]
    fn rules_are_well_formed() {
        let norm_cyr = |c: char| ('а'..='я').contains(&c) && c != 'ё' || c == 'ї';
        for r in CYR_RULES {
            assert!(
                r.stem.chars().next().and_then(cyr_slot).is_some(),
                "{}",
                r.stem
            );
            for p in std::iter::once(&r.stem).chain(r.forms).chain(r.deny) {
                let p = p.strip_suffix('$').unwrap_or(p);
                assert!(p.len() <= 62, "{p}");
                assert!(p.chars().all(norm_cyr), "{p}");
            }
            for f in r.forms {
                assert!(f.starts_with(r.stem), "{f} / {}", r.stem);
            }
            if let Left::Prefix(list) = r.left {
                for p in list {
                    assert!(p.chars().all(norm_cyr) && !p.contains('ь'), "{p}");
                }
            }
        }
        for r in LAT_RULES {
            assert!(
                r.stem.chars().next().and_then(lat_slot).is_some(),
                "{}",
                r.stem
            );
            for p in std::iter::once(&r.stem).chain(r.forms).chain(r.deny) {
                let p = p.strip_suffix('$').unwrap_or(p);
                assert!(
                    p.len() <= 62 && p.chars().all(|c| c.is_ascii_lowercase()),
                    "{p}"
                );
            }
            for f in r.forms {
                assert!(f.starts_with(r.stem), "{f} / {}", r.stem);
            }
            assert!(matches!(r.lang, "ru" | "en" | "ro"));
        }
    }

    /// Cost per tweet-length text and per megabyte; run with `--ignored --nocapture`.
    #[test]
    #[ignore]
    fn bench_tweet_length_texts_and_one_megabyte() {
        use std::hint::black_box;
        use std::time::Instant;
        let texts = [
            "Ordered a new phone from @shop on Monday, still not here. Support says wait another \
             week?! This is the third time. Never again, I'm switching to another store #fail",
            "Заказал телефон в понедельник, до сих пор нет. Поддержка говорит ждать ещё неделю. \
             Уже третий раз такое, больше не закажу, перехожу в другой магазин, спасибо за всё",
            "Am comandat un telefon luni și încă nu a ajuns. Suportul spune să mai aștept o \
             săptămână. E a treia oară, nu mai comand de la voi, trec la alt magazin. Mulțumesc",
            "Да вы охуели? Третий раз заказ теряете, пиздец просто. What the fuck, seriously, \
             fix your shit. Ну и бл*ть, сколько можно ждать этот сраный телефон, мудаки!!!",
        ];
        // The cost of merely decoding the text, for scale on this machine.
        let t0 = Instant::now();
        let mut n_chars = 0;
        for _ in 0..200_000 {
            n_chars += black_box(texts[0])
                .chars()
                .filter(|c| c.is_alphabetic())
                .count();
        }
        let base = t0.elapsed().as_nanos() as f64 / 200_000.0;
        println!("baseline: chars().filter(is_alphabetic) over text 0: {base:.0} ns ({n_chars})");
        for t in texts {
            let n = 200_000;
            let t0 = Instant::now();
            let mut hits = 0;
            for _ in 0..n {
                hits += find_profanity(black_box(t)).len();
            }
            let ns = t0.elapsed().as_nanos() as f64 / n as f64;
            println!("{} bytes, {} hits: {ns:.0} ns per text", t.len(), hits / n);
        }
        let mut mixed = String::new();
        while mixed.len() < 1 << 20 {
            mixed.push_str(texts[(mixed.len() / 7) % 4]);
            mixed.push(' ');
        }
        let mut inputs = vec![("mixed tweets".to_string(), mixed)];
        for unit in ["х*", "f.", "ab", "fuckshit", "п*и", "а", "shitake", "@_"] {
            inputs.push((
                format!("{unit:?} repeated"),
                unit.repeat((1 << 20) / unit.len()),
            ));
        }
        for (name, text) in inputs {
            let t0 = Instant::now();
            let m = find_profanity(black_box(&text));
            let ms = t0.elapsed().as_secs_f64() * 1e3;
            println!("1 MB {name}: {ms:.1} ms, {} matches", m.len());
        }
    }
}
