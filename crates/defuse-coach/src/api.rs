//! The coach's HTTP API types, checked: `POST /api/v1/coach/check` takes a [`CheckRequest`] and
//! answers a [`CheckResponse`]; `POST /api/v1/coach/draft` takes a [`DraftRequest`] and answers a
//! [`DraftResponse`]. Bad input is a [`RequestError`] naming the field. Field names are stable
//! (documented in `docs/coach.md`).

use crate::check::{Finding, Severity, check};
use crate::context::{CaseKind, CheckContext, CoachLang, Incident, Visibility};
use crate::draft::{DraftSpec, draft};
use serde::{Deserialize, Serialize};

/// The longest draft checked, in characters.
pub const MAX_DRAFT_CHARS: usize = 10_000;
/// The longest customer text, in characters.
pub const MAX_CUSTOMER_CHARS: usize = 100_000;
/// At most this many recent replies, each at most [`MAX_DRAFT_CHARS`].
pub const MAX_RECENT: usize = 100;

/// `POST /api/v1/coach/check`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CheckRequest {
    /// The draft reply.
    pub text: String,
    /// "ru", "uk" (read as Russian), "en", "ro"; detected when absent.
    #[serde(default)]
    pub lang: Option<String>,
    /// "public" (default) or "private".
    #[serde(default)]
    pub visibility: Option<String>,
    /// "complaint", "systemic", "question", "praise", "troll", "spam", "other"; from the
    /// customer's text when absent (complaint without one).
    #[serde(default)]
    pub kind: Option<String>,
    /// The customer's message.
    #[serde(default)]
    pub customer: Option<String>,
    /// The brand's recent replies [RC8].
    #[serde(default)]
    pub recent: Option<Vec<String>>,
    /// The incident of a systemic case [T2].
    #[serde(default)]
    pub incident: Option<Incident>,
    /// A later reply in a thread the brand already answered: no RC1 (default false).
    #[serde(default)]
    pub follow_up: Option<bool>,
}

/// The answer to a check.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckResponse {
    /// The language the draft was read in: "ru", "en", "ro".
    pub lang: String,
    pub findings: Vec<Finding>,
    /// Findings of error severity: the draft should not go out as it is.
    pub errors: usize,
    pub warnings: usize,
}

/// `POST /api/v1/coach/draft`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DraftRequest {
    /// The customer's message.
    pub customer: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub lang: Option<String>,
    /// Picks the wording; two seeds give two wordings.
    #[serde(default)]
    pub seed: Option<u64>,
    #[serde(default)]
    pub incident: Option<Incident>,
}

/// The answer to a draft request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftResponse {
    pub lang: String,
    pub kind: String,
    /// The draft; empty when the recommendation is not to answer (troll, spam).
    pub text: String,
    /// "acknowledge", "answer", "thank", "ignore", "moderate".
    pub strategy: Option<String>,
    /// What to fill in, or why there is no draft.
    pub note: Option<String>,
    /// The check of the draft: never an error.
    pub findings: Vec<Finding>,
    /// Who wrote the draft: "builtin" (the phrase banks) or "model" (an OpenAI-compatible
    /// endpoint, accepted by the check).
    #[serde(default = "builtin")]
    pub source: String,
}

fn builtin() -> String {
    "builtin".to_string()
}

/// Bad input: which field and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestError {
    pub field: String,
    pub reason: String,
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for RequestError {}

fn err(field: &str, reason: impl Into<String>) -> RequestError {
    RequestError {
        field: field.to_string(),
        reason: reason.into(),
    }
}

fn text_field(field: &str, s: &str, max: usize, required: bool) -> Result<(), RequestError> {
    if required && s.trim().is_empty() {
        return Err(err(field, "must not be empty"));
    }
    if s.chars().nth(max).is_some() {
        return Err(err(field, format!("longer than {max} characters")));
    }
    Ok(())
}

fn lang_field(lang: Option<&str>) -> Result<Option<CoachLang>, RequestError> {
    lang.map(|l| {
        CoachLang::parse_lenient(l).ok_or_else(|| {
            err(
                "lang",
                format!("unknown language {l:?}; use ru, uk, en or ro"),
            )
        })
    })
    .transpose()
}

fn kind_field(kind: Option<&str>) -> Result<Option<CaseKind>, RequestError> {
    kind.map(|k| {
        CaseKind::parse_lenient(k).ok_or_else(|| {
            err(
                "kind",
                format!("unknown kind {k:?}; use complaint, systemic, question, praise, troll, spam or other"),
            )
        })
    })
    .transpose()
}

fn incident_field(inc: &Option<Incident>) -> Result<(), RequestError> {
    if let Some(i) = inc {
        text_field("incident.position", &i.position, MAX_DRAFT_CHARS, false)?;
        if let Some(l) = &i.link {
            text_field("incident.link", l, 2000, false)?;
        }
    }
    Ok(())
}

/// Check a draft [RC1–RC11, T2, T3].
pub fn check_request(req: &CheckRequest) -> Result<CheckResponse, RequestError> {
    text_field("text", &req.text, MAX_DRAFT_CHARS, true)?;
    let customer = req.customer.clone().unwrap_or_default();
    text_field("customer", &customer, MAX_CUSTOMER_CHARS, false)?;
    let recent = req.recent.clone().unwrap_or_default();
    if recent.len() > MAX_RECENT {
        return Err(err("recent", format!("more than {MAX_RECENT} replies")));
    }
    for r in &recent {
        text_field("recent", r, MAX_DRAFT_CHARS, false)?;
    }
    incident_field(&req.incident)?;
    let lang = lang_field(req.lang.as_deref())?;
    let visibility = match req.visibility.as_deref() {
        Some(v) => Visibility::parse_lenient(v).ok_or_else(|| {
            err(
                "visibility",
                format!("unknown visibility {v:?}; use public or private"),
            )
        })?,
        None => Visibility::Public,
    };
    let kind = match kind_field(req.kind.as_deref())? {
        Some(k) => k,
        None if req.incident.is_some() => CaseKind::Systemic,
        None if !customer.trim().is_empty() => CaseKind::of_customer_text(&customer),
        None => CaseKind::Complaint,
    };
    let lang = lang
        .or_else(|| CoachLang::detect(&req.text))
        .or_else(|| CoachLang::detect(&customer))
        .unwrap_or(CoachLang::En);
    let ctx = CheckContext {
        kind,
        visibility,
        customer,
        recent,
        incident: req.incident.clone(),
        lang: Some(lang),
        follow_up: req.follow_up.unwrap_or(false),
    };
    let findings = check(&req.text, &ctx);
    Ok(CheckResponse {
        lang: lang.as_str().to_string(),
        errors: findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count(),
        warnings: findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count(),
        findings,
    })
}

/// Write a draft for a customer's message [RC1–RC12, T2].
pub fn draft_request(req: &DraftRequest) -> Result<DraftResponse, RequestError> {
    text_field("customer", &req.customer, MAX_CUSTOMER_CHARS, true)?;
    incident_field(&req.incident)?;
    let spec = DraftSpec {
        customer: req.customer.clone(),
        kind: kind_field(req.kind.as_deref())?,
        lang: lang_field(req.lang.as_deref())?,
        seed: req.seed,
        incident: req.incident.clone(),
    };
    let d = draft(&spec);
    Ok(DraftResponse {
        lang: d.lang.as_str().to_string(),
        kind: d.kind.as_str().to_string(),
        text: d.text,
        strategy: Some(d.strategy),
        note: d.note,
        findings: d.findings,
        source: builtin(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_names_the_field() {
        let e = check_request(&CheckRequest::default()).expect_err("empty text");
        assert_eq!(e.field, "text");
        let e = check_request(&CheckRequest {
            text: "x".repeat(MAX_DRAFT_CHARS + 1),
            ..CheckRequest::default()
        })
        .expect_err("long text");
        assert_eq!(e.field, "text");
        for (field, req) in [
            (
                "lang",
                CheckRequest {
                    text: "Hi".into(),
                    lang: Some("de".into()),
                    ..CheckRequest::default()
                },
            ),
            (
                "visibility",
                CheckRequest {
                    text: "Hi".into(),
                    visibility: Some("secret".into()),
                    ..CheckRequest::default()
                },
            ),
            (
                "kind",
                CheckRequest {
                    text: "Hi".into(),
                    kind: Some("rant".into()),
                    ..CheckRequest::default()
                },
            ),
        ] {
            assert_eq!(check_request(&req).expect_err(field).field, field);
        }
        let e = draft_request(&DraftRequest::default()).expect_err("empty customer");
        assert_eq!(e.field, "customer");
    }

    #[test]
    fn check_and_draft_round_trip() {
        // RC5
        let r = check_request(&CheckRequest {
            text: "Уважаемый клиент, согласно договору вы должны были уведомить нас заранее."
                .into(),
            ..CheckRequest::default()
        })
        .expect("valid");
        assert_eq!(r.lang, "ru");
        assert!(r.errors >= 1);
        assert!(r.findings.iter().any(|f| f.rule == "RC5"));
        let d = draft_request(&DraftRequest {
            customer: "My order arrived broken".into(),
            kind: Some("complaint".into()),
            ..DraftRequest::default()
        })
        .expect("valid");
        assert_eq!(d.lang, "en");
        assert!(!d.text.is_empty());
        assert!(d.findings.iter().all(|f| f.severity != Severity::Error));
        let json = serde_json::to_value(&d).expect("serializes");
        for k in ["lang", "kind", "text", "strategy", "note", "findings"] {
            assert!(json.get(k).is_some(), "{k}");
        }
    }
}
