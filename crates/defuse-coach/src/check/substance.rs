//! RC1, RC2 and RC3: thanks or an apology in the first reply; no incompetence ("мы не знаем")
//! unless it is honest and a next step follows, and some substance beyond formulas; a
//! solution, next step or channel in a complaint.

use super::tables::{BUT, FILLER, UNCERTAIN};
use super::{Checker, Severity};
use crate::context::CaseKind;
use crate::lexicon::{Hit, Tag};
use crate::messages::Msg;
use crate::text::TokKind;
use std::collections::HashSet;

impl Checker<'_> {
    /// A next step, a request for details or a local question outside the hostile sentences
    /// [RC2, RC3].
    pub(super) fn step_anywhere(&self, hostile: &HashSet<u32>) -> bool {
        // Asking the customer for details is a next step too.
        self.hits.iter().any(|h| {
            matches!(h.tag, Tag::Step | Tag::Ask | Tag::LocalQuestion)
                && !self.quoted(h)
                && !hostile.contains(&self.text.toks[h.first].sentence)
        })
    }

    /// RC2: incompetence phrases, and a reply with no substance at all.
    pub(super) fn competence(
        &mut self,
        kind: CaseKind,
        step_anywhere: bool,
        hostile: &HashSet<u32>,
    ) {
        // RC2 — incompetence phrases.
        let incompetent: Vec<Hit> = self
            .live(Tag::Incompetence)
            .filter(|h| {
                // Honest: "не знаем пока, выясняем…", "we don't know why, but we'll find out".
                let honest = (step_anywhere && self.uncertain(h)) || self.but_then_step(h, hostile);
                !honest
            })
            .copied()
            .collect();
        for h in &incompetent {
            let (s, e) = self.span(h);
            self.push(Msg::Incompetence, Severity::Error, s, e);
        }

        // RC2 — no substance at all.
        if matches!(
            kind,
            CaseKind::Complaint | CaseKind::Systemic | CaseKind::Question | CaseKind::Other
        ) && !step_anywhere
            && incompetent.is_empty()
            && self.substance() < 3
        {
            let (s, e) = self.whole();
            self.push(Msg::NoSubstance, Severity::Warning, s, e);
        }
    }

    /// RC1: thanks or an apology.
    pub(super) fn thanks(&mut self, kind: CaseKind) {
        // RC1 — neither thanks nor an apology (said once, in the first reply of a thread).
        if !self.ctx.follow_up && !self.has(Tag::Thanks) && !self.has(Tag::Apology) {
            let severity = match kind {
                CaseKind::Question => Some(Severity::Hint),
                CaseKind::Spam => None,
                _ => Some(Severity::Warning),
            };
            if let Some(sev) = severity {
                let (s, e) = self.whole();
                self.push(Msg::NoThanks, sev, s, e);
            }
        }
    }

    /// RC3: a solution, next step or channel.
    pub(super) fn next_step(&mut self, kind: CaseKind, complaint: bool, step_anywhere: bool) {
        // RC3 — no solution, next step or channel.
        let has_link = self.text.toks.iter().any(|t| t.kind == TokKind::Url);
        if (complaint || kind == CaseKind::Troll) && !step_anywhere && !has_link {
            let (s, e) = self.whole();
            self.push(Msg::NoStep, Severity::Warning, s, e);
        }
    }

    /// RC2: "we don't know why yet, **but** we'll find out": a contrast, then a next step, in the
    /// same sentence.
    fn but_then_step(&self, h: &Hit, hostile: &HashSet<u32>) -> bool {
        let s = self.text.toks[h.first].sentence;
        if hostile.contains(&s) {
            return false;
        }
        let toks = &self.text.toks;
        let Some(but) = (h.last + 1..toks.len())
            .take_while(|&i| toks[i].sentence == s)
            .find(|&i| BUT.contains(&toks[i].norm.as_str()))
        else {
            return false;
        };
        self.hits.iter().any(|x| {
            matches!(x.tag, Tag::Step | Tag::Ask) && x.first > but && toks[x.first].sentence == s
        })
    }

    /// RC2: an "I don't know" next to "yet", "exactly"…
    fn uncertain(&self, h: &Hit) -> bool {
        let s = self.text.toks[h.first].sentence;
        let lo = h.first.saturating_sub(3);
        let hi = (h.last + 4).min(self.text.toks.len());
        self.text.toks[lo..hi]
            .iter()
            .any(|t| t.sentence == s && UNCERTAIN.contains(&t.norm.as_str()))
    }

    /// RC2: words outside greetings, thanks, apologies and filler.
    fn substance(&self) -> usize {
        let mut formula = vec![false; self.text.toks.len()];
        for h in self.hits {
            if matches!(h.tag, Tag::Thanks | Tag::Apology | Tag::Formula) {
                for f in &mut formula[h.first..=h.last] {
                    *f = true;
                }
            }
        }
        self.text
            .toks
            .iter()
            .zip(formula)
            .filter(|(t, f)| !f && (t.kind == TokKind::Url || !FILLER.contains(&t.norm.as_str())))
            .count()
    }
}
