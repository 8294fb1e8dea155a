//! Fuzz the reply coach's check with arbitrary (lossily decoded) text as the draft, the customer's
//! text and a recent reply: no panic, spans inside the draft on char boundaries.
#![no_main]
use defuse_coach::{CaseKind, CheckContext, Visibility, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // The first byte picks the kind and visibility; the text splits into draft and customer.
    let sel = data.first().copied().unwrap_or(0);
    let mut mid = text.len() / 2;
    while !text.is_char_boundary(mid) {
        mid -= 1;
    }
    let (draft, customer) = text.split_at(mid);
    let ctx = CheckContext {
        kind: CaseKind::ALL[usize::from(sel) % CaseKind::ALL.len()],
        visibility: if sel & 0x80 == 0 {
            Visibility::Public
        } else {
            Visibility::Private
        },
        customer: customer.to_string(),
        recent: vec![customer.to_string()],
        incident: None,
        lang: None,
        follow_up: sel & 0x40 != 0,
    };
    for f in check(draft, &ctx) {
        assert!(f.start <= f.end && draft.get(f.start..f.end).is_some());
    }
});
