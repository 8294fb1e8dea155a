//! Fuzz the canonical mention parser (import lines and API bodies): any bytes give a mention or
//! an error naming a field — never a panic — and a parsed mention survives a JSON round trip.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match defuse_core::mention::Mention::from_json(data) {
        Ok(m) => {
            let again = serde_json::to_vec(&m).expect("serializes");
            let back = defuse_core::mention::Mention::from_json(&again).expect("round trip");
            assert_eq!(back.id, m.id);
            assert_eq!(back.text, m.text);
            assert_eq!(back.title, m.title);
        }
        Err(e) => assert!(!e.field.is_empty() && !e.reason.is_empty()),
    }
});
