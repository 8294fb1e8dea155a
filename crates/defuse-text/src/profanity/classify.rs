//! What a character is to the profanity scanner [A4] and how it normalizes: a letter (lower
//! case, `ё є` → `е`, Latin diacritics dropped, full-width, mathematical, circled, squared and
//! small-capital letters and Greek look-alikes as ASCII), a digit, a mask, a weak joiner, an
//! apostrophe, an invisible mark (skipped), a space or a separator.

use crate::chars::{is_profanity_mark, is_word_char};

const S_OTHER: u8 = 0;
pub(super) const S_LAT: u8 = 1;
pub(super) const S_CYR: u8 = 2;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
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
pub(super) struct Class {
    pub(super) kind: Kind,
    pub(super) ch: char,
    pub(super) script: u8,
    pub(super) uk: bool,
    /// An upper-case letter (for initials: `Е.Борисов`).
    pub(super) upper: bool,
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
pub(super) static ASCII: [Class; 128] = {
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

pub(super) fn classify(c: char) -> Class {
    let cp = c as u32;
    if cp < 0x80 {
        return ASCII[cp as usize];
    }
    if (0x0400..=0x0482).contains(&cp) || (0x048A..=0x052F).contains(&cp) {
        return cyrillic(c);
    }
    if is_profanity_mark(c) {
        return MARK;
    }
    match cp {
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
        // Cyrillic never gets here, so this is `is_letter_or_digit`.
        _ if is_word_char(c) => cls(Kind::Letter, c, S_OTHER),
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
