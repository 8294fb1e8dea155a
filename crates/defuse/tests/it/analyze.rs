//! `defuse analyze` end to end: streaming JSON Lines, order, bad lines, hostile texts.

use crate::defuse;
use std::io::Write;
use std::process::Stdio;

fn run_stdin(args: &[&str], input: &[u8]) -> (i32, String, String) {
    let mut child = defuse()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().expect("finishes");
    writer.join().expect("writer");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

#[test]
fn every_field_is_present_and_ids_are_kept_in_order() {
    let mut input = String::new();
    for i in 0..5000 {
        input.push_str(&format!(
            "{{\"id\": \"m{i}\", \"text\": \"Почему не работает интернет? #{i}\", \"lang\": \"x\"}}\n"
        ));
    }
    let (code, out, err) = run_stdin(&["analyze", "--threads", "2"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let rows = lines(&out);
    assert_eq!(rows.len(), 5000);
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["id"], format!("m{i}"));
    }
    let r = &rows[0];
    for field in [
        "lang",
        "lang_confidence",
        "sentiment",
        "scores",
        "profanity",
        "profanity_spans",
        "toxic",
        "toxicity",
        "spam",
        "question",
        "private_data",
        "emotion",
        "kind",
    ] {
        assert!(r.get(field).is_some(), "missing {field}");
    }
    assert!(r.get("explain").is_none());
    assert_eq!(r["lang"], "ru");
    assert_eq!(r["question"], true);
    let s = &r["scores"];
    let sum = s["negative"].as_f64().unwrap_or(0.0)
        + s["neutral"].as_f64().unwrap_or(0.0)
        + s["positive"].as_f64().unwrap_or(0.0);
    assert!((sum - 1.0).abs() < 1e-3, "scores sum to 1: {sum}");
}

#[test]
fn bad_lines_are_reported_with_their_number_and_the_rest_is_kept() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": 1, \"text\": \"first\"}\n");
    input.extend_from_slice(b"this is not json\n");
    input.extend_from_slice(b"{\"id\": 3, \"text\": \"bad \xff\xfe bytes\"}\n");
    input.extend_from_slice(b"{\"id\": 4}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": 6, \"text\": \"last\"}");
    let (code, out, err) = run_stdin(&["analyze"], &input);
    assert_eq!(code, 1, "non-zero exit when a line was rejected");
    let ids: Vec<_> = lines(&out).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, vec![serde_json::json!(1), serde_json::json!(6)]);
    assert!(
        err.contains("line 2:") && err.contains("not valid JSON"),
        "{err}"
    );
    assert!(err.contains("line 3:") && err.contains("UTF-8"), "{err}");
    assert!(
        err.contains("line 4:") && err.contains("no `text`"),
        "{err}"
    );
    assert!(
        !err.contains("line 5:"),
        "blank lines are skipped silently: {err}"
    );
}

#[test]
fn hostile_texts_do_not_crash() {
    let zalgo = "h\u{0336}\u{0337}e\u{0301}\u{0302}\u{0303}l\u{0334}l\u{0335}o".repeat(200);
    let big = "очень плохо работает ".repeat(50_000); // ~1 MB
    let texts = [
        String::new(),
        "😡😡😡🤬👏".to_string(),
        zalgo,
        big,
        "\u{202E}\u{200B}\u{FEFF}".to_string(),
        "ｆｒｅｅ 𝐦𝐨𝐧𝐞𝐲 ₿₿₿ http://".to_string(),
        "a".repeat(100_000),
        "?!".repeat(10_000),
        "4276 1600 1234 5678 ".repeat(1000),
    ];
    let mut input = String::new();
    for (i, t) in texts.iter().enumerate() {
        input.push_str(&serde_json::json!({"id": i, "text": t}).to_string());
        input.push('\n');
    }
    let (code, out, err) = run_stdin(&["analyze", "--explain"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let rows = lines(&out);
    assert_eq!(rows.len(), texts.len());
    for (r, t) in rows.iter().zip(&texts) {
        for span in r["profanity_spans"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(r["private_data"].as_array().into_iter().flatten())
        {
            let (a, b) = (
                span["start"].as_u64().unwrap_or(0) as usize,
                span["end"].as_u64().unwrap_or(0) as usize,
            );
            assert!(t.get(a..b).is_some(), "span {a}..{b} is valid in text");
        }
    }
    assert_eq!(rows[1]["lang"], "und", "emoji only");
}

#[test]
fn files_in_and_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    let output = dir.path().join("out.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"a\",\"text\":\"Thanks @united, flight delayed 5 hours and my bag is lost\"}\n",
    )
    .expect("write");
    let st = defuse()
        .args(["analyze", "--input"])
        .arg(&input)
        .arg("--output")
        .arg(&output)
        .status()
        .expect("runs");
    assert!(st.success());
    let rows = lines(&std::fs::read_to_string(&output).expect("output written"));
    assert_eq!(rows[0]["id"], "a");
    assert_eq!(rows[0]["lang"], "en");
    assert_eq!(rows[0]["sentiment"], "negative");
    assert_eq!(rows[0]["kind"], "complaint");
}

#[test]
fn a_missing_input_file_is_a_clear_error() {
    let out = defuse()
        .args(["analyze", "--input", "/nonexistent/x.jsonl"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/x.jsonl"));
}

#[test]
fn a_title_is_analysed_with_the_text_and_its_spans_point_into_it() {
    let title = "Nu recomand, pula mea! Sunati-ma la 0722 123 456";
    let text = "Telefonul s-a stricat. Card 4276 1600 1234 5675";
    let mut input = serde_json::json!({"id": 1, "title": title, "text": text}).to_string();
    input.push('\n');
    input.push_str(&serde_json::json!({"id": 2, "text": text}).to_string());
    input.push_str("\n{\"id\": 3, \"title\": 5, \"text\": \"x\"}\n");
    input.push_str(&serde_json::json!({"id": 4, "title": null, "text": text}).to_string());
    let (code, out, err) = run_stdin(&["analyze"], input.as_bytes());
    assert_eq!(code, 1, "line 3 is rejected: {err}");
    assert!(
        err.contains("line 3:") && err.contains("`title`"),
        "the error names the line and the field: {err}"
    );
    let rows = lines(&out);
    assert_eq!(rows.len(), 3);
    let titled = &rows[0];
    assert_eq!(titled["profanity"], true, "{titled}");
    for sp in titled["profanity_spans"].as_array().expect("spans") {
        assert_eq!(sp["field"], "title", "{sp}");
    }
    let pd = titled["private_data"].as_array().expect("private data");
    let phone = pd.iter().find(|p| p["kind"] == "phone").expect("phone");
    assert_eq!(phone["field"], "title");
    let (s, e) = (
        phone["start"].as_u64().unwrap_or(0) as usize,
        phone["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(title.get(s..e), Some("0722 123 456"));
    let card = pd.iter().find(|p| p["kind"] == "card").expect("card");
    assert!(
        card.get("field").is_none(),
        "a span in the text has no field"
    );
    let (s, e) = (
        card["start"].as_u64().unwrap_or(0) as usize,
        card["end"].as_u64().unwrap_or(0) as usize,
    );
    assert_eq!(text.get(s..e), Some("4276 1600 1234 5675"));
    // Without a title (absent or null) the same text is not profane.
    assert_eq!(rows[1]["profanity"], false);
    assert_eq!(rows[1], {
        let mut r = rows[2].clone();
        r["id"] = serde_json::json!(2);
        r
    });
}
