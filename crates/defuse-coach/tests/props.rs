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
    let draft = unit.repeat(1_000_000 / unit.len() + 1);
    let c = ctx(
        CaseKind::Complaint,
        true,
        draft.clone(),
        vec![unit.to_string(); 5],
    );
    let t = Instant::now();
    let f = check(&draft, &c);
    let took = t.elapsed();
    assert!(!f.is_empty());
    assert!(took < Duration::from_secs(20), "{took:?}");
    // Findings are bounded however long the draft.
    assert!(f.len() < 400, "{}", f.len());
    // Pathological: one long word, one long run of brackets and marks.
    for s in [
        "a".repeat(1_000_000),
        ")".repeat(1_000_000),
        "!".repeat(1_000_000),
        "«".repeat(300_000),
    ] {
        let t = Instant::now();
        assert_spans(&s, &c);
        assert!(t.elapsed() < Duration::from_secs(20));
    }
}
