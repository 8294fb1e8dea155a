//! Fuzz the whole analysis with arbitrary (lossily decoded) text: no panic, valid spans; the
//! first byte, when it is below 64, splits off a title of that many bytes.
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
        if let Some((&n, rest)) = data.split_first()
            && n < 64
        {
            let (t, b) = rest.split_at((n as usize).min(rest.len()));
            let (title, body) = (String::from_utf8_lossy(t), String::from_utf8_lossy(b));
            let r = a.analyze_titled(Some(&title), &body, &mut Scratch::new(), true);
            let field = |f: Option<&str>| if f.is_some() { &title } else { &body };
            for s in &r.profanity_spans {
                assert!(field(s.field).get(s.start..s.end).is_some_and(|x| !x.is_empty()));
            }
            for p in &r.private_data {
                assert!(field(p.field).get(p.start..p.end).is_some_and(|x| !x.is_empty()));
            }
        }
    }
});
