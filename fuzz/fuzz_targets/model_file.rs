//! Fuzz the model file parser (`--model FILE` reads outside input): errors, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = defuse_text::model::Model::from_bytes(data);
});
