//! What the check and the drafts know about a reply besides its text: the case's kind, the
//! reply's visibility, the customer's text, the brand's recent replies, the incident and the
//! language.

use serde::{Deserialize, Serialize};

/// The language a draft is checked and written in. Ukrainian drafts are read with the Russian
/// lexicons and get Russian messages; anything else undetected falls back to English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CoachLang {
    Ru,
    En,
    Ro,
}

impl CoachLang {
    pub const ALL: [CoachLang; 3] = [CoachLang::Ru, CoachLang::En, CoachLang::Ro];

    /// Stable machine name: "ru", "en", "ro".
    pub fn as_str(self) -> &'static str {
        match self {
            CoachLang::Ru => "ru",
            CoachLang::En => "en",
            CoachLang::Ro => "ro",
        }
    }

    /// Parse "ru", "uk" (read as Russian), "en", "ro"; case-insensitive.
    pub fn parse(s: &str) -> Option<CoachLang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ru" | "uk" => Some(CoachLang::Ru),
            "en" => Some(CoachLang::En),
            "ro" => Some(CoachLang::Ro),
            _ => None,
        }
    }

    /// The language of `text` by the text analysis' detector; `None` when it cannot tell.
    pub fn detect(text: &str) -> Option<CoachLang> {
        // The detector reads the start of a text; a long draft is judged by its first 4 KiB.
        let mut end = text.len().min(4096);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = &text[..end];
        let mut toks = defuse_text::tokenize::Tokens::new();
        toks.fill(head);
        match defuse_text::lang::detect(head, &toks).0 {
            defuse_text::Lang::Ru | defuse_text::Lang::Uk => Some(CoachLang::Ru),
            defuse_text::Lang::En => Some(CoachLang::En),
            defuse_text::Lang::Ro => Some(CoachLang::Ro),
            defuse_text::Lang::Und => None,
        }
    }
}

/// Where a reply goes: the public thread (default) or private messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    #[default]
    Public,
    Private,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Private => "private",
        }
    }

    pub fn parse(s: &str) -> Option<Visibility> {
        match s.trim().to_ascii_lowercase().as_str() {
            "public" => Some(Visibility::Public),
            "private" => Some(Visibility::Private),
            _ => None,
        }
    }
}

/// The kind of case a reply answers [T1–T6]; `Systemic` is a complaint linked to an incident [T2].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseKind {
    #[default]
    Complaint,
    Systemic,
    Question,
    Praise,
    Troll,
    Spam,
    Other,
}

impl CaseKind {
    pub const ALL: [CaseKind; 7] = [
        CaseKind::Complaint,
        CaseKind::Systemic,
        CaseKind::Question,
        CaseKind::Praise,
        CaseKind::Troll,
        CaseKind::Spam,
        CaseKind::Other,
    ];

    /// Stable machine name: "complaint", "systemic", "question", "praise", "troll", "spam",
    /// "other" (the store's kinds plus "systemic").
    pub fn as_str(self) -> &'static str {
        match self {
            CaseKind::Complaint => "complaint",
            CaseKind::Systemic => "systemic",
            CaseKind::Question => "question",
            CaseKind::Praise => "praise",
            CaseKind::Troll => "troll",
            CaseKind::Spam => "spam",
            CaseKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<CaseKind> {
        let s = s.trim().to_ascii_lowercase();
        CaseKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind the text analysis gives a customer's text.
    pub fn of_customer_text(text: &str) -> CaseKind {
        let Ok(analyzer) = defuse_text::Analyzer::builtin() else {
            return CaseKind::Complaint;
        };
        let mut scratch = defuse_text::Scratch::new();
        match analyzer.analyze(text, &mut scratch, false).kind {
            defuse_text::Kind::Complaint => CaseKind::Complaint,
            defuse_text::Kind::Question => CaseKind::Question,
            defuse_text::Kind::Troll => CaseKind::Troll,
            defuse_text::Kind::Spam => CaseKind::Spam,
            defuse_text::Kind::Praise => CaseKind::Praise,
            defuse_text::Kind::Other => CaseKind::Other,
        }
    }
}

/// A systemic problem's official position and where it is published [T2].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Incident {
    /// The company's position: what happened, the fix and its timeline.
    #[serde(default)]
    pub position: String,
    /// Where the position is published (site, official page).
    #[serde(default)]
    pub link: Option<String>,
}

/// Everything the check reads besides the draft.
#[derive(Debug, Clone, Default)]
pub struct CheckContext {
    pub kind: CaseKind,
    pub visibility: Visibility,
    /// The customer's message(s) the draft answers; empty when unknown.
    pub customer: String,
    /// The brand's recent replies, for near-duplicates [RC8].
    pub recent: Vec<String>,
    pub incident: Option<Incident>,
    /// Forces the language of messages; detected from the draft when `None`.
    pub lang: Option<CoachLang>,
    /// A later reply in a thread the brand already answered (an update, the resolution [F2]):
    /// thanks and an apology were said in the first reply [RC1].
    pub follow_up: bool,
}

impl CheckContext {
    /// A systemic case: the kind says so, or an incident is linked [T2].
    pub fn systemic(&self) -> bool {
        self.kind == CaseKind::Systemic || self.incident.is_some()
    }
}
