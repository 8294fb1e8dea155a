//! Property tests: whatever the text, the analysis does not panic, its probabilities are
//! well-formed and every span it reports is a valid slice of the text.

use defuse_text::{Analyzer, Scratch};
use proptest::prelude::*;

fn check(text: &str) {
    check_parts(None, text);
}

/// A titled analysis: well-formed, and every span a valid slice of its own field.
fn check_titled(title: &str, text: &str) {
    check_parts(Some(title), text);
}

/// Well-formed probabilities, and every span a non-empty slice of its field (the title's with
/// `field: "title"`), personal data sorted and non-overlapping within each field.
fn check_parts(title: Option<&str>, text: &str) {
    let a = Analyzer::builtin().expect("model");
    let r = a.analyze_titled(title, text, &mut Scratch::new(), true);
    let s = r.scores;
    let sum = s.negative + s.neutral + s.positive;
    assert!((sum - 1.0).abs() < 2e-3, "scores sum {sum}");
    for p in [
        s.negative,
        s.neutral,
        s.positive,
        r.toxicity,
        r.emotion,
        r.lang_confidence,
    ] {
        assert!((0.0..=1.0).contains(&p), "{p} in 0..1");
    }
    let field = |f: Option<&str>| match (f, title) {
        (Some("title"), Some(t)) => t,
        _ => text,
    };
    for sp in &r.profanity_spans {
        let part = field(sp.field).get(sp.start..sp.end);
        assert!(part.is_some_and(|x| !x.is_empty()), "{sp:?}");
    }
    let mut last = (None, 0);
    for pd in &r.private_data {
        let part = field(pd.field).get(pd.start..pd.end);
        assert!(part.is_some_and(|x| !x.is_empty()), "{pd:?}");
        if last.0 == pd.field {
            assert!(pd.start >= last.1, "sorted, non-overlapping");
        }
        last = (pd.field, pd.end);
    }
    serde_json::to_string(&r).expect("serializes");
}

/// Characters that stress the tokenizer and the rules: mixed scripts, masks, marks, emoji,
/// combining marks, zero-width, digits and separators.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::char::range('a', 'z'),
        prop::char::range('а', 'я'),
        prop::char::range('А', 'Я'),
        Just('ё'),
        Just('ș'),
        Just('ț'),
        Just('ă'),
        Just('і'),
        Just('ї'),
        prop::char::range('0', '9'),
        Just(' '),
        Just('*'),
        Just('@'),
        Just('#'),
        Just('_'),
        Just('.'),
        Just('-'),
        Just('+'),
        Just('?'),
        Just('!'),
        Just(':'),
        Just(')'),
        Just('('),
        Just('/'),
        Just('\n'),
        Just('\u{0301}'),
        Just('\u{200B}'),
        Just('\u{FEFF}'),
        Just('\u{202E}'),
        Just('😡'),
        Just('👏'),
        Just('🏽'),
        Just('\u{200D}'),
        Just('ｆ'),
        Just('𝐦'),
        any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_is_analysed_safely(text in prop::collection::vec(hostile_char(), 0..300)) {
        let s: String = text.into_iter().collect();
        check(&s);
    }

    #[test]
    fn any_unicode_string_is_analysed_safely(s in "\\PC{0,200}") {
        check(&s);
    }

    #[test]
    fn lossy_bytes_are_analysed_safely(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn any_title_and_text_are_analysed_safely(
        title in prop::collection::vec(hostile_char(), 0..80),
        text in prop::collection::vec(hostile_char(), 0..200),
    ) {
        let (title, text): (String, String) = (title.into_iter().collect(), text.into_iter().collect());
        check_titled(&title, &text);
    }

    #[test]
    fn analysis_is_deterministic(s in "\\PC{0,120}") {
        let a = Analyzer::builtin().expect("model");
        let x = a.analyze(&s, &mut Scratch::new(), false);
        let mut shared = Scratch::new();
        a.analyze("something else first 😡", &mut shared, false);
        let y = a.analyze(&s, &mut shared, false);
        prop_assert_eq!(x, y, "a reused scratch gives the same answer");
    }
}

#[test]
fn megabyte_texts_and_extremes() {
    check(&"очень плохо работает ".repeat(50_000));
    check(&"x".repeat(1 << 20));
    check(&"🤬".repeat(100_000));
    check(&"h\u{0336}".repeat(100_000));
    check(&"1".repeat(200_000));
    check("");
    check_titled(&"плохо ".repeat(200_000), "");
    check_titled("", &"x".repeat(1 << 20));
    check_titled("🤬", "🤬");
}
