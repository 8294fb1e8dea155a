//! Search over what customers wrote (issue 13): a person's words turned into an SQLite FTS5
//! query that can neither fail nor say more than the words. The index (`mention_search`,
//! migration 0005) holds every mention's text and title, folded by FTS5's `unicode61
//! remove_diacritics 2` tokenizer: case and diacritics do not matter ("ЗАКАЗ" finds "заказ",
//! "sedinta" finds "ședința"). Each word of the query is matched as a prefix, so a Russian stem
//! finds its inflections ("заказ" finds "заказа", "заказом"), and a case matches when all the
//! words are found in one of its mentions.
//!
//! Built by hand and not passed through: a word is a run of letters and digits
//! ([`defuse_text::chars::is_word_char`]); invisible characters inside a word (zero-width
//! characters, combining marks — the tokenizer folds those anyway) are dropped; everything else
//! separates words. Each word becomes one FTS5 string (`"word"*`), so FTS5's syntax — quotes,
//! `*`, `^`, `:`, parentheses, `+`, `-`, and `AND`/`OR`/`NOT`/`NEAR` — never reaches it as
//! syntax: punctuation is gone and the operator words are searched as words.

use defuse_text::chars::{is_invisible, is_word_char};

/// The most words of one query that are searched; the rest are ignored (a pasted page of text
/// costs no more than a sentence).
pub const MAX_QUERY_WORDS: usize = 16;

/// The longest word kept, in characters; a longer one is cut, its start still matches as a
/// prefix.
pub const MAX_WORD_CHARS: usize = 64;

/// The words of a query as searched: at most [`MAX_QUERY_WORDS`], each at most
/// [`MAX_WORD_CHARS`] characters, invisible characters dropped, ё written е.
pub fn query_words(input: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut chars = 0;
    for c in input.chars() {
        if is_word_char(c) {
            if chars < MAX_WORD_CHARS {
                // The index holds ё as е (migration 0005): the tokenizer folds neither.
                word.push(match c {
                    'ё' => 'е',
                    'Ё' => 'Е',
                    c => c,
                });
                chars += 1;
            }
        } else if is_invisible(c) {
            // Inside a word: dropped, the word goes on.
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
            chars = 0;
            if words.len() == MAX_QUERY_WORDS {
                return words;
            }
        }
    }
    if !word.is_empty() && words.len() < MAX_QUERY_WORDS {
        words.push(word);
    }
    words
}

/// The FTS5 `MATCH` expression for a person's query: every word as a quoted string matched as a
/// prefix, all of them required (`"заказ"* "вернули"*`). `None` when the query has no word (only
/// punctuation or spaces): it then matches nothing.
pub fn fts_query(input: &str) -> Option<String> {
    let words = query_words(input);
    if words.is_empty() {
        return None;
    }
    let mut q = String::new();
    for w in &words {
        if !q.is_empty() {
            q.push(' ');
        }
        q.push('"');
        // A word holds no quote; doubling any is FTS5's escape all the same.
        q.push_str(&w.replace('"', "\"\""));
        q.push_str("\"*");
    }
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_quoted_prefixes() {
        assert_eq!(fts_query("заказ"), Some("\"заказ\"*".to_string()));
        assert_eq!(
            fts_query("  Где мой   заказ?! "),
            Some("\"Где\"* \"мой\"* \"заказ\"*".to_string())
        );
        assert_eq!(
            fts_query("ședința de mâine"),
            Some("\"ședința\"* \"de\"* \"mâine\"*".to_string())
        );
    }

    #[test]
    fn fts_syntax_is_dropped_or_searched_as_words() {
        assert_eq!(fts_query("\""), None);
        assert_eq!(fts_query("*"), None);
        assert_eq!(fts_query("  \t\n"), None);
        assert_eq!(fts_query(""), None);
        assert_eq!(
            fts_query("NEAR(a b) OR c*"),
            Some("\"NEAR\"* \"a\"* \"b\"* \"OR\"* \"c\"*".to_string())
        );
        assert_eq!(
            fts_query("text:bag -lost ^x \"quoted\""),
            Some("\"text\"* \"bag\"* \"lost\"* \"x\"* \"quoted\"*".to_string())
        );
    }

    #[test]
    fn invisible_characters_do_not_split_a_word() {
        assert_eq!(query_words("за\u{200B}каз"), ["заказ"]);
        assert_eq!(query_words("s\u{0326}edinta"), ["sedinta"]);
        assert_eq!(query_words("Ёлка пришёл"), ["Елка", "пришел"]);
    }

    #[test]
    fn long_input_is_capped() {
        let many = "слово ".repeat(5000);
        assert_eq!(query_words(&many).len(), MAX_QUERY_WORDS);
        let long = "я".repeat(10_000);
        let w = query_words(&long);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].chars().count(), MAX_WORD_CHARS);
    }
}
