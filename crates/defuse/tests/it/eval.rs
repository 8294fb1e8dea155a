//! `defuse eval` and `defuse train` end to end on small real files.

use std::process::Command;

fn defuse() -> Command {
    Command::new(env!("CARGO_BIN_EXE_defuse"))
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
    let st = defuse()
        .args(["train", "--bits", "14", "--epochs", "5", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .expect("runs");
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    assert!(String::from_utf8_lossy(&st.stderr).contains(":601: skipped"));
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
