//! The rule check of a draft reply: `check(draft, context) → findings` [RC1–RC9, RC11, T2, T3].
//!
//! Precision comes first: a good reply must get no error. So phrases inside quotation marks (the
//! customer's words quoted back) are not held against the draft, a negation right before a phrase
//! cancels it ("это не ваша вина", "it's not your fault", "nu este vina dumneavoastră"), and
//! judgement calls are warnings, not errors. RC10 (no objective ground) and RC12 (every reply is
//! public) are not separate checks: RC12 is why RC4, RC5 and RC11 are errors in public replies.
//!
//! This module holds the entry point, the shared helpers and the order of the rules; each rule
//! group has its own module: `substance` (RC1, RC2, RC3), `hostility` (RC4, RC5), `stance` (RC6,
//! RC7), `duplicates` (RC8), `humour` (RC9), `private` (RC11), `case_kind` (T2, T3), and
//! `tables` (the word lists).

use crate::context::{CaseKind, CheckContext, CoachLang};
use crate::lexicon::{Hit, Lexicon, Tag};
use crate::messages::Msg;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

mod case_kind;
mod duplicates;
mod hostility;
mod humour;
mod private;
mod stance;
mod substance;
mod tables;

use tables::{LINKS, NEGATORS};

defuse_text::named_enum! {
    /// How serious a finding is: an error must be fixed before sending; a warning is very likely a
    /// problem; a hint is worth a look.
    #[derive(PartialOrd, Ord)]
    pub enum Severity {
        Hint = "hint",
        Warning = "warning",
        Error = "error",
    }
}

/// One problem found in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The method's rule id: "RC1"…"RC11", "T2", "T3".
    pub rule: String,
    pub severity: Severity,
    /// UTF-8 byte offsets into the draft, end exclusive, on char boundaries.
    pub start: usize,
    pub end: usize,
    /// What is wrong, in the draft's language.
    pub message: String,
    /// How to fix it, in the draft's language.
    pub suggestion: String,
}

/// At most this many findings per rule: a huge draft gets a bounded answer.
const MAX_PER_RULE: usize = 20;

/// The check's findings for `draft` in context, sorted by position then rule.
pub fn check(draft: &str, ctx: &CheckContext) -> Vec<Finding> {
    let lang = ctx
        .lang
        .or_else(|| CoachLang::detect(draft))
        .or_else(|| CoachLang::detect(&ctx.customer))
        .unwrap_or(CoachLang::En);
    let text = Text::new(draft);
    let hits = Lexicon::get().scan(&text);
    let mut c = Checker {
        draft,
        ctx,
        lang,
        text: &text,
        hits: &hits,
        out: Vec::new(),
    };
    c.run();
    let mut out = c.out;
    out.sort_by(|a, b| (a.start, a.end, &a.rule).cmp(&(b.start, b.end, &b.rule)));
    out
}

struct Checker<'a> {
    draft: &'a str,
    ctx: &'a CheckContext,
    lang: CoachLang,
    text: &'a Text,
    hits: &'a [Hit],
    out: Vec<Finding>,
}

impl Checker<'_> {
    fn push(&mut self, msg: Msg, severity: Severity, start: usize, end: usize) {
        let rule = msg.rule();
        if self.out.iter().filter(|f| f.rule == rule).count() >= MAX_PER_RULE {
            return;
        }
        if self
            .out
            .iter()
            .any(|f| f.rule == rule && f.start == start && f.end == end)
        {
            return;
        }
        let (message, suggestion) = msg.text(self.lang);
        self.out.push(Finding {
            rule: rule.to_string(),
            severity,
            start,
            end,
            message: message.to_string(),
            suggestion: suggestion.to_string(),
        });
    }

    /// The whole draft without its surrounding whitespace.
    fn whole(&self) -> (usize, usize) {
        let start = self.draft.len() - self.draft.trim_start().len();
        let end = self.draft.trim_end().len();
        (start, end.max(start))
    }

    fn span(&self, h: &Hit) -> (usize, usize) {
        let (a, b) = (&self.text.toks[h.first], &self.text.toks[h.last]);
        (a.start, b.end)
    }

    fn quoted(&self, h: &Hit) -> bool {
        self.text.toks[h.first..=h.last].iter().all(|t| t.quoted)
    }

    /// One of `words` among the `n` words before the hit, in its sentence.
    fn before(&self, h: &Hit, n: usize, words: &[&str]) -> bool {
        let s = self.text.toks[h.first].sentence;
        self.text.toks[h.first.saturating_sub(n)..h.first]
            .iter()
            .any(|t| t.sentence == s && words.contains(&t.norm.as_str()))
    }

    /// A negation right before the phrase, or before a linking word right before it ("это не
    /// ваша вина", "nu este vina dumneavoastră", "in no way your fault").
    fn negated(&self, h: &Hit) -> bool {
        let s = self.text.toks[h.first].sentence;
        // Up to three words back, through linking words only.
        for k in 1..=3 {
            let Some(t) = h
                .first
                .checked_sub(k)
                .and_then(|i| self.text.toks.get(i))
                .filter(|t| t.sentence == s)
            else {
                return false;
            };
            let w = t.norm.as_str();
            if NEGATORS.contains(&w) {
                return true;
            }
            if !LINKS.contains(&w) {
                return false;
            }
        }
        false
    }

    fn live<'h>(&'h self, tag: Tag) -> impl Iterator<Item = &'h Hit> + 'h {
        self.hits
            .iter()
            .filter(move |h| h.tag == tag && !self.quoted(h))
    }

    fn has(&self, tag: Tag) -> bool {
        self.live(tag).next().is_some()
    }

    /// Every rule, in an order that matters: RC4 and RC5 mark the hostile sentences, where RC2
    /// and RC3 see no next step; each rule's findings are capped in the order they are pushed.
    fn run(&mut self) {
        let kind = self.ctx.kind;
        let systemic = self.ctx.systemic();
        let complaint = matches!(kind, CaseKind::Complaint | CaseKind::Systemic) || systemic;
        // Sentences that attack or blame: a "next step" there is no step ("we will take legal
        // action", "check your e-mail before accusing us").
        let mut hostile: HashSet<u32> = HashSet::new();
        self.hostile_phrases(&mut hostile); // RC4, RC5
        self.caps_and_marks(&mut hostile); // RC4
        let step_anywhere = self.step_anywhere(&hostile); // RC2, RC3
        self.competence(kind, step_anywhere, &hostile); // RC2
        self.thanks(kind); // RC1
        self.next_step(kind, complaint, step_anywhere); // RC3
        self.compensation(complaint); // RC6
        self.opinion_and_emotion(); // RC7
        self.duplicates(); // RC8
        self.humour(); // RC9
        self.private_data(); // RC11
        self.local_questions(systemic); // T2
        self.troll(kind); // T3
    }
}

/// `s` cut to at most `max` bytes on a char boundary.
pub(crate) fn cut_at(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::context::{Incident, Visibility};

    fn rules(draft: &str, ctx: &CheckContext) -> Vec<(String, Severity)> {
        check(draft, ctx)
            .into_iter()
            .map(|f| (f.rule, f.severity))
            .collect()
    }

    fn errors(draft: &str) -> Vec<String> {
        rules(draft, &CheckContext::default())
            .into_iter()
            .filter(|(_, s)| *s == Severity::Error)
            .map(|(r, _)| r)
            .collect()
    }

    #[test]
    fn rc5_subtle_accusation_and_its_negations() {
        // RC5
        assert!(
            errors("Уважаемый клиент, согласно договору вы должны были уведомить нас заранее.")
                .contains(&"RC5".to_string())
        );
        assert!(
            errors("Vă rugăm să verificați datele înainte de a plasa comanda.")
                .contains(&"RC5".to_string())
        );
        assert!(errors("You should have read the terms.").contains(&"RC5".to_string()));
        for good in [
            "Спасибо, что написали! Не вините себя, это не ваша вина — напишите нам в личные сообщения, поможем.",
            "Thanks for writing — it's not your fault, and we'll fix it today.",
            "Mulțumim! Nu este vina dumneavoastră, rezolvăm azi.",
            "Спасибо! Вы должны были получить SMS с кодом; если его нет, напишите нам.",
            "Thanks! You should have received an email by now; if not, DM us.",
            "Mulțumim! Ar fi trebuit să primiți un SMS; dacă nu, scrieți-ne.",
        ] {
            assert!(errors(good).is_empty(), "{good}: {:?}", errors(good));
        }
    }

    #[test]
    fn rc11_private_invitation_is_right() {
        // RC11
        let ok = "Спасибо! Напишите номер заказа в личные сообщения, проверим.";
        assert!(
            rules(ok, &CheckContext::default()).is_empty(),
            "{:?}",
            rules(ok, &CheckContext::default())
        );
        assert!(
            errors("Спасибо! Напишите номер карты в комментариях, проверим.")
                .contains(&"RC11".to_string())
        );
        // Never a password, even in private.
        let private = CheckContext {
            visibility: Visibility::Private,
            ..CheckContext::default()
        };
        assert!(
            rules("Thanks! Send us your password and we'll check.", &private)
                .contains(&("RC11".to_string(), Severity::Error))
        );
        assert!(
            rules(
                "Thanks! Never share your password with anyone; we'll reset it.",
                &private
            )
            .is_empty()
        );
        // Echoing the customer's phone in public.
        let ctx = CheckContext {
            customer: "Позвоните мне +7 916 123-45-67".into(),
            ..CheckContext::default()
        };
        assert!(
            rules("Спасибо! Позвоним на +7 916 123-45-67 сегодня.", &ctx)
                .contains(&("RC11".to_string(), Severity::Error))
        );
    }

    #[test]
    fn rc4_caps_marks_and_quotes() {
        // RC4
        assert!(errors("ВЫ НЕ ОДНА У НАС, ЖДИТЕ.").contains(&"RC4".to_string()));
        assert!(errors("Thanks! Our IKEA and SMS teams will check.").is_empty());
        // The customer's words quoted back are not the brand's tone (RC4, RC5).
        assert!(errors("Спасибо! Вы пишете: «вы сами виноваты, успокойтесь» — простите, так отвечать нельзя, разберёмся.").is_empty());
    }

    #[test]
    fn rc2_honest_not_knowing_with_a_next_step() {
        // RC2
        assert!(errors("Мы не знаем, где ваш заказ.").contains(&"RC2".to_string()));
        assert!(
            errors("Спасибо! Мы пока не знаем причину, но уже выясняем и вернёмся сегодня.")
                .is_empty()
        );
    }

    #[test]
    fn t2_only_in_a_systemic_case_and_t3_for_trolls() {
        let q =
            "Спасибо и простите! В каком магазине и когда именно это произошло? Напишите в личку.";
        assert!(rules(q, &CheckContext::default()).is_empty());
        let systemic = CheckContext {
            incident: Some(Incident {
                position: "Сбой".into(),
                link: None,
            }),
            ..CheckContext::default()
        };
        // T2
        assert!(rules(q, &systemic).iter().any(|(r, _)| r == "T2"));
        // T3
        let troll = CheckContext {
            kind: CaseKind::Troll,
            ..CheckContext::default()
        };
        assert!(
            rules("Спасибо, расскажите подробнее, поможем.", &troll)
                .iter()
                .any(|(r, _)| r == "T3")
        );
        assert!(
            !rules(
                "Спасибо. Оскорбления скрываем по правилам сообщества; поможем по существу.",
                &troll
            )
            .iter()
            .any(|(r, _)| r == "T3")
        );
    }

    #[test]
    fn rc8_near_duplicate_of_a_recent_reply() {
        // RC8
        let recent = "Hi there! We're sorry for the delay. Please DM us your order number and we'll look into it straight away.";
        let ctx = CheckContext {
            recent: vec![recent.into()],
            ..CheckContext::default()
        };
        assert!(rules("Hi Kate! We're sorry for the delay. Please DM us your order number and we'll look into it straight away.", &ctx)
            .iter()
            .any(|(r, _)| r == "RC8"));
        assert!(!rules("Hi Kate, thanks for your patience and sorry for the wait. Your parcel left the depot this morning; we'll text you the courier's slot.", &ctx)
            .iter()
            .any(|(r, _)| r == "RC8"));
    }

    #[test]
    fn messages_in_the_drafts_language() {
        // RC1, RC3 in Romanian.
        let f = check("Comanda a plecat.", &CheckContext::default());
        assert!(
            f.iter()
                .any(|f| f.rule == "RC1" && f.message.contains("mulțumiri")),
            "{f:?}"
        );
    }
}
