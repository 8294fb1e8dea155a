//! What the check and the drafts know about a reply besides its text: the case's kind, the
//! reply's visibility, the customer's text, the brand's recent replies, the incident and the
//! language.

use serde::{Deserialize, Serialize};

defuse_text::named_enum! {
    /// The language a draft is checked and written in. Ukrainian drafts are read with the Russian
    /// lexicons and get Russian messages; anything else undetected falls back to English.
    pub enum CoachLang {
        Ru = "ru",
        En = "en",
        Ro = "ro",
    }
}

impl CoachLang {
    /// A language as a person or a request writes it: "ru", "uk" (read as Russian), "en" or
    /// "ro", trimmed, in any case. `parse` and serde take only the exact machine names.
    pub fn parse_lenient(s: &str) -> Option<CoachLang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "uk" => Some(CoachLang::Ru),
            s => CoachLang::parse(s),
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

defuse_text::named_enum! {
    /// Where a reply goes: the public thread (default) or private messages.
    #[derive(Default)]
    pub enum Visibility {
        #[default]
        Public = "public",
        Private = "private",
    }
}

impl Visibility {
    /// "public" or "private" as a person or a request writes it: trimmed, in any case. `parse`
    /// and serde take only the exact machine names.
    pub fn parse_lenient(s: &str) -> Option<Visibility> {
        Visibility::parse(&s.trim().to_ascii_lowercase())
    }
}

defuse_text::named_enum! {
    /// The kind of case a reply answers [T1–T6]; `Systemic` is a complaint linked to an incident
    /// [T2]. Machine names: the store's kinds plus "systemic".
    #[derive(Default)]
    pub enum CaseKind {
        #[default]
        Complaint = "complaint",
        Systemic = "systemic",
        Question = "question",
        Praise = "praise",
        Troll = "troll",
        Spam = "spam",
        Other = "other",
    }
}

impl CaseKind {
    /// A kind as a person or a request writes it: its machine name trimmed, in any case.
    /// `parse` and serde take only the exact machine names.
    pub fn parse_lenient(s: &str) -> Option<CaseKind> {
        CaseKind::parse(&s.trim().to_ascii_lowercase())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_read_leniently_and_serde_takes_the_machine_names_only() {
        assert_eq!(CoachLang::parse_lenient(" UK "), Some(CoachLang::Ru));
        assert_eq!(CoachLang::parse_lenient("En"), Some(CoachLang::En));
        assert_eq!(CoachLang::parse("uk"), None);
        assert!(serde_json::from_str::<CoachLang>("\"uk\"").is_err());
        assert_eq!(
            Visibility::parse_lenient("Private\n"),
            Some(Visibility::Private)
        );
        assert_eq!(Visibility::parse("Private"), None);
        assert_eq!(
            CaseKind::parse_lenient(" SYSTEMIC"),
            Some(CaseKind::Systemic)
        );
        assert_eq!(CaseKind::parse_lenient("hate"), None);
        for k in CaseKind::ALL {
            assert_eq!(CaseKind::parse_lenient(k.as_str()), Some(k));
        }
        assert_eq!(CaseKind::default(), CaseKind::Complaint);
        assert_eq!(Visibility::default(), Visibility::Public);
    }
}
