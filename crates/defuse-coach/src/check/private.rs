//! RC11: confidential data neither asked for nor disclosed in public (cards, identity
//! documents, account numbers, the customer's own phone or e-mail echoed back), secrets
//! (passwords, PINs, codes) never asked for at all, personal data asked for in private.

use super::tables::{GENERIC_MAILBOXES, LAST_DIGITS, LOYALTY, TOLL_FREE};
use super::{Checker, Severity, cut_at};
use crate::context::Visibility;
use crate::lexicon::{Hit, Tag};
use crate::messages::Msg;
use std::collections::HashSet;

impl Checker<'_> {
    /// RC11: "номер карты лояльности", "loyalty card number", "cardul de fidelitate".
    fn loyalty(&self, h: &Hit) -> bool {
        let s = self.text.toks[h.first].sentence;
        let near = |i: usize| {
            self.text
                .toks
                .get(i)
                .is_some_and(|t| t.sentence == s && LOYALTY.contains(&t.norm.as_str()))
        };
        near(h.last + 1) || near(h.last + 2) || (h.first > 0 && near(h.first - 1))
    }

    /// RC11: confidential data asked for or disclosed in public; secrets asked for anywhere.
    pub(super) fn private_data(&mut self) {
        let public = self.ctx.visibility == Visibility::Public;
        let toks = &self.text.toks;
        let sentence_of = |h: &Hit| toks[h.first].sentence;
        let asks: HashSet<u32> = self
            .live(Tag::Ask)
            .filter(|h| !self.negated(h))
            .map(sentence_of)
            .collect();
        let private: HashSet<u32> = self.live(Tag::Private).map(sentence_of).collect();
        let private_anywhere = !private.is_empty();
        let mut found = Vec::new();
        for tag in [Tag::Secret, Tag::Confidential, Tag::Personal] {
            for h in self.live(tag) {
                let s = sentence_of(h);
                if !asks.contains(&s) {
                    continue;
                }
                // A loyalty or bonus card number is not confidential.
                if tag == Tag::Confidential && self.loyalty(h) {
                    continue;
                }
                // "the last four digits of the card" is how banks ask safely.
                if self.before(h, 6, LAST_DIGITS) {
                    continue;
                }
                let (a, b) = self.span(h);
                match tag {
                    Tag::Secret => found.push((Msg::AskSecret, Severity::Error, a, b)),
                    Tag::Confidential if public && !private.contains(&s) => {
                        found.push((Msg::AskConfidential, Severity::Error, a, b))
                    }
                    Tag::Personal if public && !private_anywhere => {
                        found.push((Msg::AskPersonal, Severity::Warning, a, b))
                    }
                    _ => {}
                }
            }
        }
        if public {
            let customer_digits: String = cut_at(&self.ctx.customer, 200_000)
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let customer_low = cut_at(&self.ctx.customer, 200_000).to_lowercase();
            // Bounded: a huge draft is judged by its first 50 pieces of data.
            for m in defuse_text::pii::find_private_data(self.draft)
                .into_iter()
                .take(50)
            {
                use defuse_text::pii::PrivateKind as K;
                let Some(span) = self.draft.get(m.start..m.end) else {
                    continue;
                };
                let digits: String = span.chars().filter(char::is_ascii_digit).collect();
                let echoed = if m.kind == K::Email {
                    let low = span.to_lowercase();
                    !GENERIC_MAILBOXES.iter().any(|g| low.starts_with(g))
                        && customer_low.contains(&low)
                } else {
                    let toll_free =
                        m.kind == K::Phone && TOLL_FREE.iter().any(|p| digits.starts_with(p));
                    digits.len() >= 4 && !toll_free && customer_digits.contains(&digits)
                };
                let severity = match m.kind {
                    K::Card | K::Passport => Some(Severity::Error),
                    K::Account | K::Phone | K::Email if echoed => Some(Severity::Error),
                    K::Order | K::Contract | K::Policy if echoed => Some(Severity::Warning),
                    _ => None,
                };
                if let Some(sev) = severity {
                    found.push((Msg::Disclose, sev, m.start, m.end));
                }
            }
        }
        for (msg, sev, a, b) in found {
            self.push(msg, sev, a, b);
        }
    }
}
