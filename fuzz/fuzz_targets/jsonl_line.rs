//! Fuzz the JSON Lines input parser of `defuse analyze`: any bytes give a mention, a blank, or
//! an error message — never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match defuse::jsonl::parse_line(data, 1) {
        Ok(_) => {}
        Err(why) => assert!(!why.is_empty()),
    }
});
