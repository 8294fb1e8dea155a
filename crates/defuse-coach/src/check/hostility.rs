//! RC4 and RC5: no aggressive, defensive, sarcastic or vengeful tone, no insults, no
//! shouting (capitals, runs of `!`), no profanity, and no accusing the customer. A negation
//! or a question word before a phrase cancels it; guidance ("если вы неверно ввели адрес,
//! напишите нам") and information ("you should have received an e-mail") are not blame.

use super::tables::{CONDITIONAL, INFO_EXACT, INFO_PREFIX, MODALS, QUESTION_WORDS};
use super::{Checker, Severity};
use crate::lexicon::{Hit, Tag};
use crate::messages::Msg;
use crate::text::TokKind;
use std::collections::HashSet;

impl Checker<'_> {
    /// RC4 and RC5 phrases: each one found marks its sentence hostile.
    pub(super) fn hostile_phrases(&mut self, hostile: &mut HashSet<u32>) {
        // RC4 — aggressive, defensive, sarcastic or vengeful phrases; insults.
        let mut found = Vec::new();
        for h in self.live(Tag::Aggressive) {
            // "Care este problema dumneavoastră?" asks; it does not attack.
            if !self.negated(h) && !self.before(h, 2, QUESTION_WORDS) {
                found.push((Msg::Aggressive, *h));
            }
        }
        for h in self.live(Tag::Insult) {
            // "There are no stupid questions."
            if !self.negated(h) {
                found.push((Msg::Insult, *h));
            }
        }
        // RC5 — accusing the customer.
        for h in self.live(Tag::Accuse) {
            // Guidance: "если вы неверно ввели адрес, напишите нам" — a condition followed by a
            // next step in the same sentence. "если бы вы правильно указали…" and "dacă nu știți
            // să citiți un contract" stay blame.
            let conditional =
                self.before(h, 3, CONDITIONAL) && !self.before(h, 3, &["бы"]) && self.step_after(h);
            if self.negated(h) || conditional || self.informative(h) {
                continue;
            }
            found.push((Msg::Accuse, *h));
        }
        for (msg, h) in found {
            hostile.insert(self.text.toks[h.first].sentence);
            let (s, e) = self.span(&h);
            self.push(msg, Severity::Error, s, e);
        }
    }

    /// A next step or a request later in the hit's sentence.
    fn step_after(&self, h: &Hit) -> bool {
        let s = self.text.toks[h.first].sentence;
        self.hits.iter().any(|x| {
            matches!(x.tag, Tag::Step | Tag::Ask)
                && x.first > h.last
                && self.text.toks[x.first].sentence == s
        })
    }

    /// RC5: "you should have received…", "вы должны были получить…" inform rather than blame.
    fn informative(&self, h: &Hit) -> bool {
        let s = self.text.toks[h.first].sentence;
        let last = &self.text.toks[h.last];
        let next = self
            .text
            .toks
            .get(h.last + 1)
            .filter(|t| t.sentence == s)
            .map(|t| t.norm.as_str());
        let modal = self.text.toks[h.first..=h.last]
            .iter()
            .any(|t| MODALS.contains(&t.norm.as_str()));
        let info =
            |w: &str| INFO_EXACT.contains(&w) || INFO_PREFIX.iter().any(|p| w.starts_with(p));
        modal && (info(&last.norm) || next.is_some_and(info))
    }

    /// RC4: capitals and runs of exclamation marks; profanity.
    pub(super) fn caps_and_marks(&mut self, hostile: &mut HashSet<u32>) {
        let toks = &self.text.toks;
        let mut i = 0;
        let mut found = Vec::new();
        while i < toks.len() {
            let s = toks[i].sentence;
            let mut j = i;
            let (mut words, mut letters) = (0usize, 0usize);
            let (mut first, mut last) = (None, None);
            while j < toks.len() && toks[j].sentence == s {
                let t = &toks[j];
                if t.kind == TokKind::Word && !t.quoted && t.letters >= 2 && t.upper == t.letters {
                    words += 1;
                    letters += usize::from(t.letters);
                    first.get_or_insert(t.start);
                    last = Some(t.end);
                }
                j += 1;
            }
            // Three words in capitals shout; one or two are names and acronyms.
            if words >= 3
                && letters >= 10
                && let (Some(a), Some(b)) = (first, last)
            {
                found.push((s, a, b));
            }
            i = j;
        }
        for (s, a, b) in found {
            hostile.insert(s);
            self.push(Msg::Caps, Severity::Error, a, b);
        }
        // Runs of three or more '!'.
        let bytes = self.draft.as_bytes();
        let mut k = 0;
        let mut runs = Vec::new();
        while k < bytes.len() {
            if bytes[k] == b'!' {
                let start = k;
                while k < bytes.len() && bytes[k] == b'!' {
                    k += 1;
                }
                if k - start >= 3 {
                    runs.push((start, k));
                }
            } else {
                k += 1;
            }
        }
        for (a, b) in runs {
            self.push(Msg::Exclamations, Severity::Warning, a, b);
        }
        for p in defuse_text::profanity::find_profanity(self.draft) {
            self.push(Msg::Profanity, Severity::Error, p.start, p.end);
        }
    }
}
