//! Character classes shared by every scanner: what a word character is, which characters are
//! invisible (zero-width, soft hyphen, variation selectors) or combining marks (zalgo), and the
//! explicit accent folding a scanner may ask for.
//!
//! There is one word-character test, [`is_word_char`] (letters and digits, with fast paths for
//! ASCII and Cyrillic), which the tokenizer and thus the model's features use. Scanners that
//! need a wider or narrower class use the named variants below, all written in terms of the
//! shared pieces, so every class lives here and nowhere else:
//!
//! - [`is_pii_word_char`]: personal data (RC11) — word chars, `_`, combining marks, minus the
//!   symbol blocks (letterlike, number forms, enclosed alphanumerics, emoji);
//! - [`is_handle_char`]: brand matching — word chars and `_`, minus `ʼ` and the Cyrillic
//!   thousands sign / combining marks (those are [`is_mark`]s there).
//!
//! Folding accents is never part of the word test: [`fold_accent`] is a separate function for
//! the scanners that fold (pii's keyword keys).

/// Letters and digits, with fast paths for ASCII and Cyrillic: the word character of the
/// tokenizer (and so of the model's features). `_` is not one.
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

/// The personal-data scanner's (RC11) word character: [`is_word_char`], `_`, and the combining
/// marks of the Latin blocks (so zalgo does not split a word), but not the Cyrillic thousands
/// sign nor anything in the symbol blocks U+2000..U+2BFF and U+1F000..U+1FAFF (letterlike
/// symbols, number forms, circled letters, emoji), which border words there.
#[inline]
pub fn is_pii_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    match c as u32 {
        0x0400..=0x0481 | 0x0483..=0x052F => true,
        0x0482 => false,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F => {
            true
        }
        0x2000..=0x2BFF | 0x1F000..=0x1FAFF => false,
        _ => is_word_char(c),
    }
}

/// Brand matching's word character: letters (any script), digits and `_`, what words, hashtags
/// and handles are made of. Unlike [`is_word_char`] it holds `_` but not `ʼ` (an apostrophe)
/// nor U+0482..U+0489 (the Cyrillic thousands sign and combining marks, which brand matching
/// treats as marks).
#[inline]
pub fn is_handle_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric() || c == '_',
        0x482..=0x489 => false,
        _ => c != 'ʼ' && is_word_char(c),
    }
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
            assert!(!is_invisible(c), "{c:?}");
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
}
