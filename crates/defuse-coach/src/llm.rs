//! Drafts by an OpenAI-compatible chat model: the request (a prompt that states the method's
//! rules for a reply), reading the answer, and accepting a model's draft only when it passes the
//! same check as the built-in ones. Pure: the caller sends the request (the command does, with
//! the endpoint's base URL, model and key it is given) and falls back to [`crate::draft()`].

use crate::check::{Finding, check};
use crate::context::{CaseKind, CoachLang};
use crate::draft::{Draft, DraftSpec, context_for, has_error, resolve, strategy};
use serde_json::{Value, json};

/// Whether a model should write a draft for this case at all: trolls and spam get none [T3, M2].
pub fn wanted(spec: &DraftSpec) -> bool {
    !matches!(resolve(spec).0, CaseKind::Troll | CaseKind::Spam)
}

fn instructions(kind: CaseKind, lang: CoachLang) -> String {
    let language = match lang {
        CoachLang::Ru => "Russian",
        CoachLang::En => "English",
        CoachLang::Ro => "Romanian",
    };
    let situation = match kind {
        CaseKind::Systemic => {
            "This is a systemic problem that affects many customers: state the company's official position, the fix and its timeline, and give the link to the official statement. Do not ask where, when or with whom it happened."
        }
        CaseKind::Question => {
            "This is a question: thank the customer for it and leave a marked place for the answer, written exactly as [answer: …] in the reply's language ([ответ: …] in Russian, [răspuns: …] in Romanian)."
        }
        CaseKind::Praise => {
            "This is praise: thank the customer warmly and say you will pass it on to the team."
        }
        _ => {
            "This is one customer's problem: ask, if needed, where, when and with whom it happened, and offer a concrete next step."
        }
    };
    format!(
        "You write a brand's public reply to a customer's social media comment, in {language}. \
         Start with thanks for the feedback and an apology for the trouble. Restate the customer's \
         problem briefly in their own words. Answer on substance, from facts; never say you don't \
         know or that they wrote to the wrong place. Offer a solution or a concrete next step. \
         When details or personal data are needed, invite the customer to private messages; never \
         ask for card numbers, passwords, PINs, codes or documents, and never repeat their personal \
         data. Speak for the company (\"we\"), with no personal opinion or emotion. Never blame \
         the customer. If the company made a mistake, admit it and explain it instead of offering \
         a discount. Friendly, calm tone: no sarcasm, no capitals, no jokes. {situation} Reply \
         with the text of the reply only, in two to four sentences."
    )
}

/// The chat-completions URL under a base URL (`https://api.example.com/v1`) and the request
/// body for `model`.
pub fn chat_request(base_url: &str, model: &str, spec: &DraftSpec) -> (String, Value) {
    let (kind, lang) = resolve(spec);
    let mut user = format!(
        "The customer wrote:\n{}",
        crate::check::cut_at(&spec.customer, 8000)
    );
    if let Some(inc) = &spec.incident {
        user.push_str(&format!("\n\nThe company's position: {}", inc.position));
        if let Some(l) = &inc.link {
            user.push_str(&format!("\nThe official statement: {l}"));
        }
    }
    let url = format!("{}/chat/completions", base_url.trim_end_matches('/'));
    let body = json!({
        "model": model,
        "temperature": 0.7,
        "messages": [
            {"role": "system", "content": instructions(kind, lang)},
            {"role": "user", "content": user},
        ],
    });
    (url, body)
}

/// The reply's text from a chat-completions response body.
pub fn read_reply(body: &str) -> Result<String, String> {
    let v: Value = serde_json::from_str(body).map_err(|e| format!("not JSON: {e}"))?;
    let text = v
        .pointer("/choices/0/message/content")
        .and_then(Value::as_str)
        .ok_or("no choices[0].message.content in the answer")?
        .trim()
        .trim_matches('"')
        .trim();
    if text.is_empty() {
        return Err("an empty reply".into());
    }
    Ok(crate::check::cut_at(text, 10_000).to_string())
}

/// The model's text as a draft when it passes the check with no error; else the findings that
/// refuse it.
pub fn accept(text: &str, spec: &DraftSpec) -> Result<Draft, Vec<Finding>> {
    let (kind, lang) = resolve(spec);
    let findings = check(text, &context_for(lang, kind, spec));
    if has_error(&findings) {
        return Err(findings);
    }
    Ok(Draft {
        lang,
        kind,
        strategy: strategy(kind).to_string(),
        text: text.to_string(),
        note: None,
        findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(customer: &str) -> DraftSpec {
        DraftSpec {
            customer: customer.into(),
            kind: Some(CaseKind::Complaint),
            lang: Some(CoachLang::Ru),
            ..DraftSpec::default()
        }
    }

    #[test]
    fn request_reply_and_the_check_decides() {
        let (url, body) = chat_request("https://llm.example/v1/", "m1", &spec("Сломался чайник"));
        assert_eq!(url, "https://llm.example/v1/chat/completions");
        assert_eq!(body["model"], "m1");
        assert!(
            body["messages"][0]["content"]
                .as_str()
                .is_some_and(|s| s.contains("Russian"))
        );
        let answer = r#"{"choices":[{"message":{"role":"assistant","content":"Здравствуйте! Спасибо, что написали, и простите. Напишите номер заказа в личные сообщения — заменим чайник."}}]}"#;
        let text = read_reply(answer).expect("a reply");
        assert!(accept(&text, &spec("Сломался чайник")).is_ok());
        // RC5: a model's draft that blames the customer is refused.
        let refused = accept(
            "Вы сами виноваты, надо было читать инструкцию.",
            &spec("Сломался чайник"),
        )
        .expect_err("refused");
        assert!(refused.iter().any(|f| f.rule == "RC5"));
        assert!(read_reply("{}").is_err());
        assert!(read_reply("not json").is_err());
    }
}
