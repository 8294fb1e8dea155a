//! Character classes shared by every scanner: what a word character is, which characters are
//! invisible (zero-width, soft hyphen, variation selectors) or combining marks (zalgo), and the
//! explicit accent folding a scanner may ask for.
//!
//! There is one word-character test, [`is_word_char`] (letters and digits, with fast paths for
//! ASCII and Cyrillic), which the tokenizer and thus the model's features use, and one set of
//! invisible ranges, [`is_combining`] and [`is_zero_width`] (together [`is_invisible`], what
//! normalizing drops). Scanners that need a wider or narrower class use the named variants
//! below, each written as the base test plus or minus a documented difference, so every class
//! lives here and nowhere else:
//!
//! - [`is_letter_or_digit`]: exactly Unicode's letters and digits (`char::is_alphanumeric`) —
//!   the word char without the fast path's non-letters U+0482..U+0489 (the Cyrillic thousands
//!   sign and combining marks); domain names (pii), smileys next to a word (coach);
//! - [`is_pii_word_char`]: personal data (RC11) — word chars, `_`, combining marks, minus the
//!   Cyrillic thousands sign and the symbol blocks (letterlike, number forms, enclosed
//!   alphanumerics, emoji);
//! - [`is_handle_char`]: brand matching — letters and digits and `_`, minus `ʼ`;
//! - [`is_profanity_mark`]: what the profanity scanner (A4) skips inside a word — the invisible
//!   ranges plus the other format characters used to break up a word.
//!
//! Folding accents is never part of the word test: [`fold_accent`] is a separate function for
//! the scanners that fold (pii's keyword keys).

/// Letters and digits, with fast paths for ASCII and Cyrillic: the word character of the
/// tokenizer (and so of the model's features). `_` is not one. The Cyrillic fast path takes the
/// whole block U+0400..U+04FF, so the thousands sign and the combining marks U+0482..U+0489 are
/// word characters here (a zalgo mark on a Cyrillic letter stays in its word).
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
        true
    } else {
        c.is_alphanumeric()
    }
}

/// Exactly Unicode's letters and digits (the same answer as `char::is_alphanumeric`, a test
/// holds it): [`is_word_char`] without the Cyrillic fast path's non-letters U+0482..U+0489.
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    is_word_char(c) && !matches!(c as u32, 0x0482..=0x0489)
}

/// Combining marks (zalgo): Combining Diacritical Marks, Cyrillic combining marks, the
/// extended and supplement blocks, marks for symbols, half marks.
#[inline]
pub fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0xFE20..=0xFE2F)
}

/// Zero-width characters (ZWSP, ZWNJ, ZWJ, LRM/RLM, word joiner and invisible operators, BOM),
/// the soft hyphen and variation selectors.
#[inline]
pub fn is_zero_width(c: char) -> bool {
    matches!(c as u32,
        0x200B..=0x200F | 0x2060..=0x2064 | 0xFEFF | 0x00AD | 0xFE00..=0xFE0F)
}

/// Combining marks (zalgo), zero-width characters, soft hyphen, variation selectors: what
/// normalizing drops.
#[inline]
pub fn is_invisible(c: char) -> bool {
    is_combining(c) || is_zero_width(c)
}

/// What the profanity scanner (A4) skips inside a word: [`is_invisible`] plus the other
/// invisible format characters used to break a word up — the Mongolian vowel separator
/// U+180E, the bidi embeddings and overrides U+202A..U+202E, the rest of the invisible
/// operators and deprecated format characters U+2065..U+206F, tags U+E0000..U+E007F and the
/// variation selectors supplement U+E0100..U+E01EF. Only the profanity scanner skips these:
/// normalizing ([`is_invisible`]) feeds the model's features, which would change with it.
#[inline]
pub fn is_profanity_mark(c: char) -> bool {
    is_invisible(c)
        || matches!(c as u32,
            0x180E | 0x202A..=0x202E | 0x2065..=0x206F | 0xE0000..=0xE007F | 0xE0100..=0xE01EF)
}

/// The personal-data scanner's (RC11) word character: [`is_word_char`], plus `_` and the
/// combining marks ([`is_combining`], so zalgo does not split a word), minus the Cyrillic
/// thousands sign U+0482 and anything else in the symbol blocks U+2000..U+2BFF and
/// U+1F000..U+1FAFF (letterlike symbols, number forms, circled letters, emoji): those border
/// words there, so "№1234" or "①1234" still starts a number.
#[inline]
pub fn is_pii_word_char(c: char) -> bool {
    if c.is_ascii() {
        return is_word_char(c) || c == '_';
    }
    match c as u32 {
        0x0482 => false,
        0x2000..=0x2BFF | 0x1F000..=0x1FAFF => is_combining(c),
        _ => is_word_char(c) || is_combining(c),
    }
}

/// Brand matching's word character: what words, hashtags and handles are made of —
/// [`is_letter_or_digit`] plus `_`, minus `ʼ` (an apostrophe there). Unlike [`is_word_char`],
/// U+0482..U+0489 are not word characters: brand matching reads the Cyrillic combining marks
/// U+0483..U+0489 as marks of the word they follow, and the thousands sign as a border.
#[inline]
pub fn is_handle_char(c: char) -> bool {
    c == '_' || (c != 'ʼ' && is_letter_or_digit(c))
}

/// Folds a lower-case letter's accent: `ё`→`е`, Romanian `ă â î ș ț` (cedilla forms too) and
/// `á à í é è` to plain letters; anything else is returned as is. Explicit, never part of the
/// word test.
#[inline]
pub fn fold_accent(c: char) -> char {
    match c {
        'ё' => 'е',
        'ă' | 'â' | 'á' | 'à' => 'a',
        'î' | 'í' => 'i',
        'ș' | 'ş' => 's',
        'ț' | 'ţ' => 't',
        'é' | 'è' => 'e',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars() {
        for c in ['a', 'Z', '7', 'é', 'ё', 'Ж', 'ș', 'ț', 'ă', '中'] {
            assert!(is_word_char(c), "{c:?}");
            assert!(is_pii_word_char(c), "{c:?}");
            assert!(is_handle_char(c), "{c:?}");
        }
        for c in [' ', '-', '.', '\'', '×', '÷', '\u{200D}', '\u{200B}', '😀'] {
            assert!(!is_word_char(c), "{c:?}");
            assert!(!is_pii_word_char(c), "{c:?}");
            assert!(!is_handle_char(c), "{c:?}");
        }
        assert!(!is_word_char('_'));
        assert!(is_pii_word_char('_') && is_handle_char('_'));
        assert!(is_pii_word_char('\u{0301}'));
        assert!(!is_handle_char('ʼ'));
        assert!(!is_pii_word_char('ⓐ') && is_word_char('ⓐ'));
        // The Cyrillic fast path's non-letters.
        assert!(is_word_char('\u{0483}') && !is_letter_or_digit('\u{0483}'));
        assert!(is_word_char('\u{0482}') && !is_pii_word_char('\u{0482}'));
        assert!(!is_handle_char('\u{0483}') && is_pii_word_char('\u{0483}'));
    }

    #[test]
    fn invisible_ranges() {
        for c in ['\u{0301}', '\u{0336}', '\u{0483}', '\u{20D0}', '\u{FE20}'] {
            assert!(is_combining(c) && is_invisible(c), "{c:?}");
        }
        for c in [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}', '\u{FE0F}',
        ] {
            assert!(
                is_zero_width(c) && is_invisible(c) && !is_combining(c),
                "{c:?}"
            );
        }
        for c in ['a', 'é', ' ', '😀'] {
            assert!(!is_invisible(c) && !is_profanity_mark(c), "{c:?}");
        }
        for c in ['\u{202E}', '\u{180E}', '\u{2066}', '\u{E0041}', '\u{E0100}'] {
            assert!(is_profanity_mark(c) && !is_invisible(c), "{c:?}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold_accent('é'), 'e');
        assert_eq!(fold_accent('è'), 'e');
        assert_eq!(fold_accent('ё'), 'е');
        assert_eq!(fold_accent('ș'), 's');
        assert_eq!(fold_accent('ş'), 's');
        assert_eq!(fold_accent('ț'), 't');
        assert_eq!(fold_accent('ă'), 'a');
        assert_eq!(fold_accent('x'), 'x');
    }

    #[test]
    fn letter_or_digit_is_unicode_alphanumeric() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
