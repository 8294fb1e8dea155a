//! The reply coach's view of a case, one for the HTTP API and the command line: the first
//! customer message as written (title, then text), the case's kind and language, and whether
//! the brand has answered before (then a reply is a follow-up: no new thanks needed [RC1]).

use defuse_coach::CheckRequest;
use defuse_store::CaseDetail;
use defuse_text::{Kind, Lang};

/// What the coach reads of a case.
pub struct CaseContext {
    pub customer: String,
    /// `None` for `other` (the coach then decides by itself).
    pub kind: Option<String>,
    /// `None` for an undetermined language.
    pub lang: Option<String>,
    pub answered: bool,
}

pub fn of(case: &CaseDetail) -> CaseContext {
    CaseContext {
        customer: case
            .thread
            .iter()
            .find(|m| !m.from_brand)
            .map(|m| m.written())
            .unwrap_or_default(),
        kind: Some(case.case.kind)
            .filter(|k| *k != Kind::Other)
            .map(|k| k.as_str().to_string()),
        lang: Some(case.case.lang)
            .filter(|l| *l != Lang::Und)
            .map(|l| l.as_str().to_string()),
        answered: case.case.responded_at.is_some(),
    }
}

/// The check of a reply `text` sent on `case` [RC1–RC12].
pub fn reply_check(case: &CaseDetail, text: &str, public: bool) -> CheckRequest {
    let ctx = of(case);
    CheckRequest {
        text: text
            .chars()
            .take(defuse_coach::api::MAX_DRAFT_CHARS)
            .collect(),
        lang: ctx.lang,
        visibility: Some(if public { "public" } else { "private" }.into()),
        kind: ctx.kind,
        customer: Some(
            ctx.customer
                .chars()
                .take(defuse_coach::api::MAX_CUSTOMER_CHARS)
                .collect(),
        ),
        follow_up: Some(ctx.answered),
        ..Default::default()
    }
}
