//! T2 and T3: what the kind of case asks of a reply — no local questions (where, when, with
//! whom) in a systemic case, and for a troll no engagement beyond a reminder of the community
//! rules.

use super::{Checker, Severity};
use crate::context::CaseKind;
use crate::lexicon::{Hit, Tag};
use crate::messages::Msg;

impl Checker<'_> {
    /// T2: local questions in a systemic case.
    pub(super) fn local_questions(&mut self, systemic: bool) {
        // T2 — local questions in a systemic case.
        if systemic {
            let local: Vec<Hit> = self.live(Tag::LocalQuestion).copied().collect();
            for h in local {
                let (s, e) = self.span(&h);
                self.push(Msg::LocalQuestion, Severity::Warning, s, e);
            }
        }
    }

    /// T3: a troll engaged.
    pub(super) fn troll(&mut self, kind: CaseKind) {
        // T3 — engaging a troll: better not to answer; a reminder of the community rules is the
        // one acceptable reply.
        if kind == CaseKind::Troll && !self.has(Tag::CommunityRules) {
            let (s, e) = self.whole();
            self.push(Msg::Troll, Severity::Warning, s, e);
        }
    }
}
