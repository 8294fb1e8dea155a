//! The hand-labelled kind set (`tests/data/kind_gold.jsonl`, written for the project in ru, en,
//! ro, uk): measures kind [T1–T6], question [L2], spam [T4] and profanity [A4] and holds them
//! to a floor, printing the figures (`cargo test -p defuse-text --test kind_gold -- --nocapture`).
//!
//! The lexicons are edited against this set, so it is split in two, deterministically by the
//! row's place in the file: even rows are the dev split (look at these when tuning), odd rows the
//! test split (held out: its floors sit a little under what was measured). Both are held to a
//! floor and both sets of figures are printed.

use defuse_text::eval::Confusion;
use defuse_text::{Analyzer, Kind, Scratch};

struct Row {
    text: String,
    label: String,
    question: bool,
    spam: bool,
    profanity: bool,
}

fn rows() -> Vec<Row> {
    let data = include_str!("data/kind_gold.jsonl");
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("gold line is JSON");
            Row {
                text: v["text"].as_str().unwrap_or_default().to_string(),
                label: v["label"].as_str().unwrap_or_default().to_string(),
                question: v["question"].as_bool().unwrap_or(false),
                spam: v["spam"].as_bool().unwrap_or(false),
                profanity: v["profanity"].as_bool().unwrap_or(false),
            }
        })
        .collect()
}

fn f1(tp: u32, fp: u32, fn_: u32) -> f64 {
    let p = f64::from(tp) / f64::from((tp + fp).max(1));
    let r = f64::from(tp) / f64::from((tp + fn_).max(1));
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Kind macro F1 and the question, spam and profanity F1 of `rows`, printed under `split`.
fn measure(split: &str, rows: &[Row], analyzer: &Analyzer, s: &mut Scratch) -> (f64, [f64; 3]) {
    let classes: Vec<String> = Kind::ALL.iter().map(|k| k.as_str().to_string()).collect();
    let mut conf = Confusion::new(classes.clone());
    let mut flags = [[0u32; 3]; 3]; // [question, spam, profanity] × [tp, fp, fn]
    for r in rows {
        let a = analyzer.analyze(&r.text, s, false);
        let gold = classes
            .iter()
            .position(|c| *c == r.label)
            .expect("known label");
        let pred = Kind::ALL.iter().position(|k| *k == a.kind).unwrap_or(5);
        if gold != pred {
            println!(
                "{split}: kind {} → {}: {}",
                r.label,
                a.kind.as_str(),
                r.text
            );
        }
        conf.add(gold, pred, None);
        for (i, (g, p)) in [
            (r.question, a.question),
            (r.spam, a.spam),
            (r.profanity, a.profanity),
        ]
        .into_iter()
        .enumerate()
        {
            match (g, p) {
                (true, true) => flags[i][0] += 1,
                (false, true) => {
                    flags[i][1] += 1;
                    println!("{split}: flag {i} false alarm: {}", r.text)
                }
                (true, false) => {
                    flags[i][2] += 1;
                    println!("{split}: flag {i} missed: {}", r.text)
                }
                _ => {}
            }
        }
    }
    let rep = conf.report();
    println!(
        "{split} ({} rows) kind: accuracy {:.3}, macro F1 {:.3}",
        rows.len(),
        rep.accuracy,
        rep.macro_f1
    );
    for c in &rep.classes {
        println!(
            "  {:<10} P {:.3} R {:.3} F1 {:.3}",
            c.class, c.precision, c.recall, c.f1
        );
    }
    let names = ["question", "spam", "profanity"];
    let mut f1s = [0.0; 3];
    for i in 0..3 {
        f1s[i] = f1(flags[i][0], flags[i][1], flags[i][2]);
        println!(
            "{split} {}: F1 {:.3} (tp {}, fp {}, fn {})",
            names[i], f1s[i], flags[i][0], flags[i][1], flags[i][2]
        );
    }
    (rep.macro_f1, f1s)
}

/// Holds one split's figures to its floors: kind macro F1, then question, spam, profanity F1.
fn hold(split: &str, (macro_f1, f1s): (f64, [f64; 3]), floors: [f64; 4]) {
    assert!(
        macro_f1 >= floors[0],
        "{split}: kind macro F1 {macro_f1:.3}"
    );
    let names = ["question", "spam", "profanity"];
    for i in 0..3 {
        assert!(
            f1s[i] >= floors[i + 1],
            "{split}: {} F1 {:.3}",
            names[i],
            f1s[i]
        );
    }
}

#[test]
fn kind_and_flags_on_the_gold_set() {
    let analyzer = Analyzer::builtin().expect("model");
    let mut s = Scratch::new();
    let (mut dev, mut test) = (Vec::new(), Vec::new());
    for (i, r) in rows().into_iter().enumerate() {
        if i % 2 == 0 {
            dev.push(r)
        } else {
            test.push(r)
        }
    }
    let dev_figures = measure("dev", &dev, analyzer, &mut s);
    let test_figures = measure("test", &test, analyzer, &mut s);
    // The floors the whole set had; dev measured 0.711, 0.963, 0.875, 1.000.
    hold("dev", dev_figures, [0.68, 0.9, 0.85, 0.85]);
    // A little under what was measured: 0.748, 0.982, 0.895, 1.000.
    hold("test", test_figures, [0.72, 0.95, 0.86, 0.95]);
}
