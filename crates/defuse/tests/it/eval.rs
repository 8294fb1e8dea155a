//! `defuse eval` and `defuse train` end to end on small real files.

use crate::defuse;

/// Run `defuse train` with `args` on `data` into `out`; it must succeed. Returns its stderr.
fn train(args: &[&str], data: &std::path::Path, out: &std::path::Path) -> String {
    let st = defuse()
        .arg("train")
        .args(args)
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&st.stderr).into_owned();
    assert!(st.status.success(), "{err}");
    err
}

const GOLD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../defuse-text/tests/data/kind_gold.jsonl"
);

#[test]
fn eval_prints_per_class_figures_and_a_confusion_matrix() {
    let out = defuse()
        .args(["eval", "--data", GOLD, "--task", "kind"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8_lossy(&out.stdout);
    for want in ["complaint", "troll", "macro F1", "confusion"] {
        assert!(s.contains(want), "{want} in {s}");
    }
}

#[test]
fn eval_json_report_has_stable_fields() {
    let out = defuse()
        .args(["eval", "--data", GOLD, "--task", "kind", "--json"])
        .output()
        .expect("runs");
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(r["n"], 240);
    assert!(r["macro_f1"].as_f64().is_some_and(|f| f > 0.0 && f <= 1.0));
    assert_eq!(r["classes"].as_array().map(Vec::len), Some(6));
    assert_eq!(r["confusion"].as_array().map(Vec::len), Some(6));
}

#[test]
fn train_then_analyze_with_the_new_model() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("labels.jsonl");
    let mut s = String::new();
    for i in 0..300 {
        let (text, label) = match i % 3 {
            0 => (format!("ужасно, опять сломалось {i}"), "negative"),
            1 => (format!("обычный день {i}"), "neutral"),
            _ => (format!("прекрасно, спасибо {i}"), "positive"),
        };
        s.push_str(
            &serde_json::json!({"id": format!("r{i}"), "text": text, "label": label}).to_string(),
        );
        s.push('\n');
        let tox = if i % 2 == 0 { "toxic" } else { "clean" };
        let t = if i % 2 == 0 {
            format!("ты идиот {i}")
        } else {
            format!("хороший человек {i}")
        };
        s.push_str(
            &serde_json::json!({"id": format!("t{i}"), "text": t, "label": tox}).to_string(),
        );
        s.push('\n');
    }
    s.push_str("garbage line\n");
    std::fs::write(&data, s).expect("write");
    let out_dir = dir.path().join("model");
    let err = train(&["--bits", "14", "--epochs", "5"], &data, &out_dir);
    assert!(err.contains(":601: skipped"));
    let model = out_dir.join("model.dfm");
    assert!(out_dir.join("report.json").exists());
    let ev = defuse()
        .args([
            "eval",
            "--heldout",
            "--json",
            "--task",
            "sentiment",
            "--data",
        ])
        .arg(&data)
        .arg("--model")
        .arg(&model)
        .output()
        .expect("runs");
    let r: serde_json::Value = serde_json::from_slice(&ev.stdout).expect("json");
    assert!(r["macro_f1"].as_f64().is_some_and(|f| f > 0.9), "{r}");
}

/// A labelled file whose held-out part (20% by id hash; no `split`) can be told apart.
fn write_sentiment_labels(path: &std::path::Path, n: usize) {
    let mut s = String::new();
    for i in 0..n {
        let (text, label) = match i % 3 {
            0 => (format!("ужасно, опять сломалось {i}"), "negative"),
            1 => (format!("обычный день {i}"), "neutral"),
            _ => (format!("прекрасно, спасибо {i}"), "positive"),
        };
        s.push_str(
            &serde_json::json!({"id": format!("r{i}"), "text": text, "label": label}).to_string(),
        );
        s.push('\n');
    }
    std::fs::write(path, s).expect("write");
}

#[test]
fn refit_all_ships_a_model_that_learned_every_row_and_keeps_the_measured_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("labels.jsonl");
    write_sentiment_labels(&data, 300);
    let out_dir = dir.path().join("m");
    let err = train(&["--bits", "14", "--refit", "all"], &data, &out_dir);
    assert!(err.contains("L-BFGS"), "{err}");
    assert!(err.contains("refitting Sentiment on 300 examples"), "{err}");
    for f in ["model.dfm", "measured.dfm", "report.json"] {
        assert!(out_dir.join(f).exists(), "{f} missing");
    }
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("report.json")).expect("read"))
            .expect("json");
    assert_eq!(report["model"]["trained"]["options"]["refit"], "all");
    assert!(report["test"].as_array().is_some_and(|t| !t.is_empty()));
    // Both models load and classify the held-out rows.
    for m in ["model.dfm", "measured.dfm"] {
        let ev = defuse()
            .args([
                "eval",
                "--heldout",
                "--json",
                "--task",
                "sentiment",
                "--data",
            ])
            .arg(&data)
            .arg("--model")
            .arg(out_dir.join(m))
            .output()
            .expect("runs");
        let r: serde_json::Value = serde_json::from_slice(&ev.stdout).expect("json");
        assert!(r["macro_f1"].as_f64().is_some_and(|f| f > 0.9), "{m}: {r}");
    }
}

#[test]
fn refit_seen_measures_again_and_training_twice_gives_the_same_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("labels.jsonl");
    write_sentiment_labels(&data, 240);
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    train(&["--bits", "12", "--refit", "seen"], &data, &a);
    train(&["--bits", "12", "--refit", "seen"], &data, &b);
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(a.join("report.json")).expect("read")).expect("json");
    let after = report["test_after_refit"]
        .as_array()
        .expect("test_after_refit");
    assert_eq!(after.len(), 1);
    assert!(after[0]["report"]["n"].as_u64().is_some_and(|n| n > 20));
    assert!(
        !a.join("measured.dfm").exists(),
        "only --refit all writes measured.dfm"
    );
    assert_eq!(
        std::fs::read(a.join("model.dfm")).expect("a"),
        std::fs::read(b.join("model.dfm")).expect("b"),
        "L-BFGS training is deterministic"
    );
}

#[test]
fn a_bad_group_weights_value_is_a_usage_error() {
    let out = defuse()
        .args([
            "train",
            "--group-weights",
            "1",
            "--data",
            GOLD,
            "--out",
            "/nonexistent",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WORD,CHAR"));
    let out = defuse()
        .args(["train", "--c", "0", "--data", GOLD, "--out", "/nonexistent"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--c must be a positive number"));
}

#[test]
fn a_corrupt_model_file_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.dfm");
    std::fs::write(&bad, b"DEFUSEMDjunk").expect("write");
    let out = defuse()
        .args(["eval", "--data", GOLD, "--model"])
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a usable model"));
}

#[test]
fn titles_teach_and_count_and_ignore_title_measures_the_text_alone() {
    // The sentiment is only in the titles: the texts say nothing.
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("reviews.jsonl");
    let mut s = String::new();
    for i in 0..400 {
        let (title, label) = if i % 2 == 0 {
            ("Excelent, recomand", "positive")
        } else {
            ("Groaznic, bani aruncati", "negative")
        };
        s.push_str(
            &serde_json::json!({"id": format!("r{i}"), "title": title,
                "text": "am primit coletul", "label": label})
            .to_string(),
        );
        s.push('\n');
    }
    std::fs::write(&data, s).expect("write");
    let out_dir = dir.path().join("m");
    train(&["--bits", "14"], &data, &out_dir);
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("report.json")).expect("read"))
            .expect("json");
    let test = report["test"].as_array().expect("figures");
    assert_eq!(test.len(), 2, "as given and text only: {test:?}");
    assert_eq!(test[1]["text_only"], true);
    let f1 = |extra: &[&str]| {
        let ev = defuse()
            .args(["eval", "--heldout", "--json", "--data"])
            .arg(&data)
            .arg("--model")
            .arg(out_dir.join("model.dfm"))
            .args(extra)
            .output()
            .expect("runs");
        let r: serde_json::Value = serde_json::from_slice(&ev.stdout).expect("json");
        r["macro_f1"].as_f64().unwrap_or(-1.0)
    };
    let with_titles = f1(&[]);
    let text_only = f1(&["--ignore-title"]);
    assert!(with_titles > 0.95, "{with_titles}");
    assert!(text_only < 0.8, "the texts carry no signal: {text_only}");
}
