//! The one pass over the text [A4]: cutting it into pieces and words (fast paths for runs of
//! ASCII and basic Cyrillic letters; `.`, `-`, `!` and a space joining single letters), the
//! pre-filter that skips words no stem can start in, and the match of each word that may hold
//! one.

use super::ProfanityMatch;
use super::classify::{ASCII, Class, Kind, S_CYR, S_LAT, classify};
use super::index::{Index, NONE, cyr_slot, index, lat_slot, unit_bits};
use super::word::{JOIN, Unit, View, scan};

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

pub(super) struct Scanner {
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
    pub(super) fn new(len: usize, exhaustive: bool) -> Self {
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

    pub(super) fn run(mut self, text: &str, out: &mut Vec<ProfanityMatch>) {
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
