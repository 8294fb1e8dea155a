//! Property tests of the check: any Unicode input never panics, every span lies inside the draft
//! on char boundaries, and the check is linear: a 1 MB draft finishes quickly.

use defuse_coach::{CaseKind, CheckContext, Incident, Visibility, check};
use proptest::prelude::*;
use std::time::{Duration, Instant};

fn ctx(kind: CaseKind, public: bool, customer: String, recent: Vec<String>) -> CheckContext {
    CheckContext {
        kind,
        visibility: if public {
            Visibility::Public
        } else {
            Visibility::Private
        },
        customer,
        recent,
        incident: Some(Incident {
            position: "Сбой, исправим до 18:00".into(),
            link: Some("https://x.example".into()),
        }),
        lang: None,
        follow_up: false,
    }
}

fn assert_spans(draft: &str, c: &CheckContext) {
    for f in check(draft, c) {
        assert!(f.start <= f.end && f.end <= draft.len(), "{f:?}");
        assert!(
            draft.is_char_boundary(f.start) && draft.is_char_boundary(f.end),
            "{f:?}"
        );
        assert!(!f.message.is_empty() && !f.suggestion.is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_unicode_never_panics(draft in any::<String>(), customer in any::<String>(), kind in 0usize..7, public: bool) {
        let c = ctx(CaseKind::ALL[kind], public, customer, vec![draft.clone()]);
        assert_spans(&draft, &c);
    }

    #[test]
    fn phrase_soup_never_panics(words in prop::collection::vec(prop::sample::select(vec![
        "вы", "сами", "виноваты", "не", "знаю", "!!!", "))", "«", "»", "\"", "you", "should", "have",
        "read", "the", "terms", "nu", "știm", "ați", "greșit", "card", "number", "напишите",
        "номер", "карты", "4276 1600 1234 5678", "+7 916 123-45-67", "CAPS", "ЗАГЛАВНЫЕ", "😂",
        "https://x.example/a.b", ".", ",", "\n", "ё", "ș", "ţ", "—", "..", "(", ")", "x", "D", ":",
    ]), 0..60)) {
        let draft = words.join(" ");
        let c = ctx(CaseKind::Complaint, true, draft.clone(), vec![draft.clone()]);
        assert_spans(&draft, &c);
    }
}

#[test]
fn a_megabyte_draft_is_checked_quickly() {
    let unit = "Вы сами виноваты, надо было читать договор!!! NU ȘTIM, you should have read the terms. Напишите номер карты 4276 1600 1234 5678 ))) ";
    // Unoptimized test builds are ~30 times slower: they check a quarter megabyte and the
    // growth from a tenth of it; `--release` checks the full megabyte.
    let size = if cfg!(debug_assertions) {
        250_000
    } else {
        1_000_000
    };
    let limit = Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 5 });
    let c = ctx(
        CaseKind::Complaint,
        true,
        unit.repeat(20),
        vec![unit.to_string(); 5],
    );
    let time = |n: usize| {
        let draft = unit.repeat(n / unit.len() + 1);
        let t = Instant::now();
        let f = check(&draft, &c);
        (t.elapsed(), f)
    };
    let (small, _) = time(size / 10);
    let (took, f) = time(size);
    assert!(!f.is_empty());
    assert!(took < limit, "{took:?}");
    // Linear: ten times the text takes well under a hundred times as long.
    assert!(
        took < small * 30 + Duration::from_millis(50),
        "{small:?} then {took:?}"
    );
    // Findings are bounded however long the draft.
    assert!(f.len() < 400, "{}", f.len());
    // Pathological: one long word, one long run of brackets, marks or quotes.
    for s in [
        "a".repeat(size),
        ")".repeat(size),
        "!".repeat(size),
        "«".repeat(size / 3),
    ] {
        let t = Instant::now();
        assert_spans(&s, &c);
        assert!(t.elapsed() < limit);
    }
}
