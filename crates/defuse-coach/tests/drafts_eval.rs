//! The labelled set of drafts (`tests/data/drafts.jsonl`): per-rule precision and recall of the
//! check, and the false-alarm rate on good replies, on the development part and on the held-out
//! test part (written before the check was tuned). Run with
//! `cargo test -p defuse-coach --release --test drafts_eval -- --nocapture` to see the tables.

use defuse_coach::eval::{Labelled, Report, evaluate, parse_jsonl};

fn load() -> Vec<Labelled> {
    let text = include_str!("data/drafts.jsonl");
    parse_jsonl(text).expect("the labelled set parses")
}

fn report(items: &[Labelled], title: &str) -> Report {
    let r = evaluate(items).expect("contexts are valid");
    println!("\n== {title} ==\n{}", r.table());
    for d in &r.disagreements {
        println!("  {}: missed {:?} extra {:?}", d.id, d.missed, d.extra);
    }
    r
}

#[test]
fn labelled_set_covers_every_rule_in_every_language() {
    let items = load();
    assert!(items.len() >= 200, "{} drafts", items.len());
    for lang in ["ru", "en", "ro"] {
        for rule in defuse_coach::eval::RULES {
            assert!(
                items
                    .iter()
                    .any(|i| i.lang.as_deref() == Some(lang) && i.rules.iter().any(|r| r == rule)),
                "no {rule} example in {lang}"
            );
        }
        let good = items
            .iter()
            .filter(|i| i.lang.as_deref() == Some(lang) && i.rules.is_empty())
            .count();
        assert!(good >= 20, "{good} good {lang} replies");
    }
}

#[test]
fn precision_recall_and_false_alarms() {
    let items = load();
    let dev: Vec<Labelled> = items
        .iter()
        .filter(|i| i.split.as_deref() != Some("test"))
        .cloned()
        .collect();
    let test: Vec<Labelled> = items
        .iter()
        .filter(|i| i.split.as_deref() == Some("test"))
        .cloned()
        .collect();
    let all = report(&items, "all drafts");
    let d = report(&dev, "development part");
    let t = report(&test, "held-out test part");
    // Floors a little below the measured figures (see docs/coach.md): a regression fails here.
    // The false alarms that matter: an error on a good reply.
    assert_eq!(all.good_with_error, 0, "an error on a good reply");
    assert!(
        all.micro_precision >= FLOOR_MICRO_P,
        "{}",
        all.micro_precision
    );
    assert!(all.micro_recall >= FLOOR_MICRO_R, "{}", all.micro_recall);
    assert!(d.micro_recall >= FLOOR_MICRO_R, "{}", d.micro_recall);
    assert!(t.micro_precision >= FLOOR_TEST_P, "{}", t.micro_precision);
    assert!(t.micro_recall >= FLOOR_TEST_R, "{}", t.micro_recall);
    for r in &all.rules {
        assert!(
            r.precision >= FLOOR_RULE_P,
            "{} precision {}",
            r.rule,
            r.precision
        );
        assert!(r.recall >= FLOOR_RULE_R, "{} recall {}", r.rule, r.recall);
    }
}

// Measured (335 drafts): micro precision 0.974, recall 0.936; held-out part 0.962 / 0.899; the
// weakest rules are RC3 precision 0.911 and RC5 recall 0.822.
const FLOOR_MICRO_P: f64 = 0.95;
const FLOOR_MICRO_R: f64 = 0.91;
const FLOOR_TEST_P: f64 = 0.93;
const FLOOR_TEST_R: f64 = 0.86;
const FLOOR_RULE_P: f64 = 0.89;
const FLOOR_RULE_R: f64 = 0.75;
