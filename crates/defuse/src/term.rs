//! Outside text (mentions, titles, authors, replies, audit details, coach quotes) made safe for
//! a terminal. Anyone who can post a mention can put bytes in it that a terminal obeys: escape
//! sequences (clear the screen, move the cursor, set the title, OSC 8 links), BEL, carriage
//! returns that overwrite what was printed, and bidirectional overrides that make text read
//! differently from what it is. Every human-readable line the CLI prints from outside text goes
//! through [`safe`] (or [`one_line`]); JSON output is escaped by serde and left alone.

use std::borrow::Cow;

/// `s` with every control character a terminal could act on made visible and harmless:
/// C0 controls (except `\n` and `\t`) and DEL become their Unicode control pictures (ESC → `␛`,
/// BEL → `␇`, CR → `␍`, DEL → `␡`), so an escape sequence is left as inert text (`␛[2J`); C1
/// controls (U+0080–U+009F, which include the 8-bit CSI) and the bidirectional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+061C, U+200E, U+200F) become `�`.
/// Borrows when there is nothing to replace.
pub fn safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(replacement).collect())
}

/// Outside text on one line of at most `max` characters (then `…`): [`safe`], with newlines and
/// tabs as spaces.
pub fn one_line(s: &str, max: usize) -> String {
    let mut out: String = s
        .chars()
        .map(|c| match c {
            '\n' | '\t' => ' ',
            c => replacement(c),
        })
        .take(max)
        .collect();
    if s.chars().count() > max {
        out.push('…');
    }
    out
}

fn unsafe_char(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        c if c.is_control() => true,
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{061C}'
        | '\u{200E}'
        | '\u{200F}' => true,
        _ => false,
    }
}

fn replacement(c: char) -> char {
    if !unsafe_char(c) {
        return c;
    }
    match c {
        '\u{7F}' => '\u{2421}',
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        _ => '\u{FFFD}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_untouched() {
        let s = "Облачко, нет интернета!\n\tвторая строка";
        assert!(matches!(safe(s), Cow::Borrowed(_)));
        assert_eq!(safe(s), s);
    }

    #[test]
    fn controls_become_visible_pictures() {
        assert_eq!(safe("a\x1b[2Jb\x07c\rd\x7f"), "a␛[2Jb␇c␍d␡");
        assert_eq!(safe("x\u{9b}31m"), "x\u{FFFD}31m");
        assert_eq!(safe("\0"), "␀");
    }

    #[test]
    fn bidi_overrides_are_neutralized() {
        assert_eq!(safe("abc\u{202E}fdp.exe"), "abc\u{FFFD}fdp.exe");
        assert_eq!(safe("\u{2066}x\u{2069}"), "\u{FFFD}x\u{FFFD}");
    }

    #[test]
    fn one_line_flattens_and_cuts() {
        assert_eq!(one_line("a\nb\tc\x1b", 10), "a b c␛");
        assert_eq!(one_line("абвгд", 3), "абв…");
    }

    #[test]
    fn nothing_unsafe_is_left() {
        let all: String = (0u32..0x2100).filter_map(char::from_u32).collect();
        let out = safe(&all);
        assert!(
            !out.chars()
                .any(|c| c != '\n' && c != '\t' && (c.is_control() || unsafe_char(c)))
        );
    }
}
