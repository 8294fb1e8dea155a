//! `defuse coach` end to end: the real binary checks drafts (exit code 1 on an error finding, 0
//! on a good reply), prints stable JSON, writes drafts that pass its own check, and measures the
//! labelled set.

use crate::defuse;

const DRAFTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../defuse-coach/tests/data/drafts.jsonl"
);

#[test]
fn an_accusing_draft_exits_1_and_names_rc5() {
    let out = defuse()
        .args([
            "coach",
            "check",
            "Уважаемый клиент, согласно договору вы должны были уведомить нас заранее.",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("error RC5"), "{s}");
}

#[test]
fn a_good_reply_exits_0() {
    let out = defuse()
        .args([
            "coach",
            "check",
            "--customer",
            "My order arrived damaged",
            "Hi Tom, thank you for letting us know, and we're sorry your order arrived damaged. Please send us your order number in a direct message and we'll arrange a replacement.",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn json_findings_have_stable_fields() {
    let out = defuse()
        .args([
            "coach",
            "check",
            "--json",
            "--public",
            "Vă rugăm să scrieți aici numărul cardului și data expirării.",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(r["lang"], "ro");
    assert!(r["errors"].as_u64().is_some_and(|n| n >= 1));
    assert!(r["warnings"].as_u64().is_some());
    let f = r["findings"]
        .as_array()
        .and_then(|a| a.iter().find(|f| f["rule"] == "RC11"))
        .expect("an RC11 finding");
    for k in ["rule", "severity", "start", "end", "message", "suggestion"] {
        assert!(f.get(k).is_some(), "{k}");
    }
    assert_eq!(f["severity"], "error");
    // The same reply in private messages is not an RC11 finding.
    let out = defuse()
        .args([
            "coach",
            "check",
            "--json",
            "--private",
            "Vă mulțumim! Vă rugăm să scrieți aici numărul cardului, verificăm plata.",
        ])
        .output()
        .expect("runs");
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        r["findings"]
            .as_array()
            .is_some_and(|a| a.iter().all(|f| f["rule"] != "RC11")),
        "{r}"
    );
}

#[test]
fn bad_input_is_named_with_exit_2() {
    let out = defuse()
        .args(["coach", "check", "--lang", "de", "Hallo"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lang"));
}

#[test]
fn drafts_pass_the_check() {
    for (customer, kind) in [
        ("Курьер опоздал на три часа и нагрубил", "complaint"),
        ("Do you ship to Ireland?", "question"),
        ("Comanda mea a ajuns cu produsul spart", "complaint"),
    ] {
        let out = defuse()
            .args([
                "coach",
                "draft",
                "--customer",
                customer,
                "--kind",
                kind,
                "--json",
            ])
            .output()
            .expect("runs");
        assert!(out.status.success());
        let d: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        let text = d["text"].as_str().expect("text").to_string();
        assert!(!text.is_empty());
        let check = defuse()
            .args([
                "coach",
                "check",
                "--kind",
                kind,
                "--customer",
                customer,
                &text,
            ])
            .output()
            .expect("runs");
        assert_eq!(
            check.status.code(),
            Some(0),
            "{text}\n{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
    // A systemic case: the position and its link are in the draft.
    let out = defuse()
        .args([
            "coach",
            "draft",
            "--customer",
            "Приложение не работает уже час",
            "--position",
            "Сбой в приложении, исправим до 14:00.",
            "--link",
            "https://bank.example/status",
        ])
        .output()
        .expect("runs");
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("https://bank.example/status"), "{s}");
}

#[test]
fn eval_prints_the_table() {
    let out = defuse()
        .args(["coach", "eval", "--data", DRAFTS])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    for want in ["RC5", "RC11", "T3", "precision", "false-alarm rate"] {
        assert!(s.contains(want), "{want} in {s}");
    }
}

/// An OpenAI-compatible endpoint on localhost answering `answer`.
fn mock_llm(answer: &'static str) -> (String, crate::mock::Mock) {
    let m = crate::mock::mock(move |_, _| {
        let body = serde_json::json!({
            "choices": [{"message": {"role": "assistant", "content": answer}}]
        });
        (200, body.to_string())
    });
    (format!("{}/v1", m.url), m)
}

#[test]
fn a_model_draft_is_used_only_when_it_passes_the_check() {
    let good = "Здравствуйте! Спасибо, что написали, и простите за треснувший чайник. Напишите номер заказа в личные сообщения — заменим его.";
    let (url, seen) = mock_llm(good);
    let out = defuse()
        .args([
            "coach",
            "draft",
            "--customer",
            "Чайник пришёл с трещиной",
            "--kind",
            "complaint",
            "--json",
            "--llm-url",
            &url,
            "--llm-model",
            "test-model",
        ])
        .env("DEFUSE_COACH_LLM_KEY", "sk-test")
        .output()
        .expect("runs");
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(d["source"], "model", "{d}");
    assert_eq!(d["text"], good);
    let got = seen.hits();
    assert_eq!(got.len(), 1, "one request: {got:?}");
    let request = &got[0];
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/v1/chat/completions"),
        "{request:?}"
    );
    assert_eq!(request.header("authorization"), Some("Bearer sk-test"));
    assert!(request.body.contains("test-model"), "{request:?}");

    // RC5: a model's draft that blames the customer is refused; the built-in one is used.
    let (url, seen) = mock_llm("Вы сами виноваты, надо было проверять посылку при курьере.");
    let out = defuse()
        .args([
            "coach",
            "draft",
            "--customer",
            "Чайник пришёл с трещиной",
            "--kind",
            "complaint",
            "--json",
            "--llm-url",
            &url,
        ])
        .output()
        .expect("runs");
    assert_eq!(seen.hits().len(), 1, "the model was asked");
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(d["source"], "builtin", "{d}");
    assert!(d["note"].as_str().is_some_and(|n| n.contains("RC5")), "{d}");
    assert!(!d["text"].as_str().unwrap_or("").contains("виноваты"));
}
