//! The hand-labelled kind set (`tests/data/kind_gold.jsonl`, written for the project in ru, en,
//! ro, uk): measures kind [T1–T6], question [L2], spam [T4] and profanity [A4] and holds them
//! to a floor, printing the figures (`cargo test -p defuse-text --test kind_gold -- --nocapture`).

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

#[test]
fn kind_and_flags_on_the_gold_set() {
    let analyzer = Analyzer::builtin().expect("model");
    let mut s = Scratch::new();
    let classes: Vec<String> = Kind::ALL.iter().map(|k| k.as_str().to_string()).collect();
    let mut conf = Confusion::new(classes.clone());
    let mut flags = [[0u32; 3]; 3]; // [question, spam, profanity] × [tp, fp, fn]
    for r in rows() {
        let a = analyzer.analyze(&r.text, &mut s, false);
        let gold = classes
            .iter()
            .position(|c| *c == r.label)
            .expect("known label");
        let pred = Kind::ALL.iter().position(|k| *k == a.kind).unwrap_or(5);
        if gold != pred {
            println!("kind {} → {}: {}", r.label, a.kind.as_str(), r.text);
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
                    println!("flag {i} false alarm: {}", r.text)
                }
                (true, false) => {
                    flags[i][2] += 1;
                    println!("flag {i} missed: {}", r.text)
                }
                _ => {}
            }
        }
    }
    let rep = conf.report();
    println!(
        "kind: accuracy {:.3}, macro F1 {:.3}",
        rep.accuracy, rep.macro_f1
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
            "{}: F1 {:.3} (tp {}, fp {}, fn {})",
            names[i], f1s[i], flags[i][0], flags[i][1], flags[i][2]
        );
    }
    assert!(rep.macro_f1 >= 0.68, "kind macro F1 {:.3}", rep.macro_f1);
    assert!(f1s[0] >= 0.9, "question F1 {:.3}", f1s[0]);
    assert!(f1s[1] >= 0.85, "spam F1 {:.3}", f1s[1]);
    assert!(f1s[2] >= 0.85, "profanity F1 {:.3}", f1s[2]);
}
