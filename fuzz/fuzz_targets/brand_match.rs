//! Fuzz brand matching [L1]: any text gives hits whose spans lie on character boundaries inside
//! the text — never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn matcher() -> &'static defuse_core::brand::BrandMatcher {
    static M: OnceLock<defuse_core::brand::BrandMatcher> = OnceLock::new();
    M.get_or_init(|| {
        let s = defuse_core::settings::Settings::load(
            "fuzz.toml",
            Some(
                "[[brands]]\nname = \"Облачко\"\naliases = [\"Oblachko\", \"МТС\"]\nhashtags = [\"#облачко\"]\n\
                 domains = [\"oblachko.ru\"]\nhandles = [\"oblachko\"]\ncompetitors = [\"Тучка\"]\n\
                 [[brands]]\nname = \"Air Moldova\"\n",
            ),
            [],
        )
        .expect("settings");
        defuse_core::brand::BrandMatcher::new(&s.brands).expect("matcher")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let found = matcher().find(&text);
    for h in &found.hits {
        assert!(h.start < h.end && h.end <= text.len());
        assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
    }
    let _ = matcher().brand_of_url(&text);
});
