//! Throughput of the whole analysis of one mention (tokenize, language, cues, features, two
//! model heads, profanity, personal data, rules), on real tweet-length texts in three languages.
//! Run: `cargo bench -p defuse-text --bench analyze`. The tokenizer alone is the baseline the
//! other figures are read against (the ratio is what to compare across machines).

use defuse_text::tokenize::Tokens;
use defuse_text::{Analyzer, Scratch};

fn main() {
    divan::main();
}

const TEXTS: &[&str] = &[
    "Спасибо, МТС, за третий день без связи 👏 @mts_support когда починят?",
    "@united flight delayed 5 hours and my bag is lost, worst airline ever. Refund please!",
    "Nu recomand, telefonul s-a stricat după o săptămână și nu mi-au returnat banii.",
    "Почему с меня второй раз списали 500 рублей?? Карта 4276 1600 1234 5675, верните деньги",
    "Заработок от 5000₽ в день без вложений, пиши в лс t.me/xxx",
    "Обожаю ваш сервис ❤️ доставка за 20 минут, курьер вежливый",
    "бл*, опять не работает интернет!!! СКОЛЬКО МОЖНО",
    "Thanks @AmericanAir for the quick rebooking, great crew today ✈️",
];

#[divan::bench]
fn tokenize_only(b: divan::Bencher) {
    let mut t = Tokens::new();
    b.counter(divan::counter::ItemsCount::new(TEXTS.len()))
        .bench_local(|| {
            for s in TEXTS {
                t.fill(divan::black_box(s));
            }
        });
}

#[divan::bench]
fn analyze_full(b: divan::Bencher) {
    let a = Analyzer::builtin().expect("model");
    let mut s = Scratch::new();
    b.counter(divan::counter::ItemsCount::new(TEXTS.len()))
        .bench_local(|| {
            for t in TEXTS {
                divan::black_box(a.analyze(divan::black_box(t), &mut s, false));
            }
        });
}

#[divan::bench]
fn analyze_to_json(b: divan::Bencher) {
    let a = Analyzer::builtin().expect("model");
    let mut s = Scratch::new();
    let mut out = Vec::with_capacity(1 << 16);
    b.counter(divan::counter::ItemsCount::new(TEXTS.len()))
        .bench_local(|| {
            out.clear();
            for t in TEXTS {
                let r = a.analyze(divan::black_box(t), &mut s, false);
                let _ = serde_json::to_writer(&mut out, &r);
            }
        });
}

#[divan::bench]
fn profanity_only(b: divan::Bencher) {
    b.counter(divan::counter::ItemsCount::new(TEXTS.len()))
        .bench_local(|| {
            for s in TEXTS {
                divan::black_box(defuse_text::profanity::find_profanity(divan::black_box(s)));
            }
        });
}

#[divan::bench]
fn private_data_only(b: divan::Bencher) {
    b.counter(divan::counter::ItemsCount::new(TEXTS.len()))
        .bench_local(|| {
            for s in TEXTS {
                divan::black_box(defuse_text::pii::find_private_data(divan::black_box(s)));
            }
        });
}

#[divan::bench]
fn features_only(b: divan::Bencher) {
    let mut s = Scratch::new();
    b.counter(divan::counter::ItemsCount::new(TEXTS.len()))
        .bench_local(|| {
            for t in TEXTS {
                divan::black_box(defuse_text::analysis::features_of(
                    divan::black_box(t),
                    &mut s,
                ));
            }
        });
}
