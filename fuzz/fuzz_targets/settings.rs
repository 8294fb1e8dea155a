//! Fuzz the settings loader: any text as defuse.toml gives settings or an error — never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = defuse_core::settings::Settings::load("fuzz.toml", Some(text), []);
    }
});
