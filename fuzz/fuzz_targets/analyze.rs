//! Fuzz the whole analysis with arbitrary (lossily decoded) text: no panic, valid spans.
#![no_main]
use defuse_text::{Analyzer, Scratch};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(a) = Analyzer::builtin() {
        let r = a.analyze(&text, &mut Scratch::new(), true);
        for s in &r.profanity_spans {
            assert!(text.get(s.start..s.end).is_some());
        }
        for p in &r.private_data {
            assert!(text.get(p.start..p.end).is_some());
        }
    }
});
