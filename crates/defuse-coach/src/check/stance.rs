//! RC6 and RC7: no discount or bonus instead of an explanation in a complaint, no personal
//! opinion (a warning) and none of the agent's own emotion (an error).

use super::{Checker, Severity};
use crate::lexicon::{Hit, Tag};
use crate::messages::Msg;

impl Checker<'_> {
    /// RC6: compensation offered with no explanation.
    pub(super) fn compensation(&mut self, complaint: bool) {
        // RC6 — a discount or bonus instead of an explanation.
        if complaint && !self.has(Tag::Explanation) {
            let comp: Vec<Hit> = self.live(Tag::Compensation).copied().collect();
            for h in comp.iter().take(1) {
                let (s, e) = self.span(h);
                self.push(Msg::Compensation, Severity::Warning, s, e);
            }
        }
    }

    /// RC7: personal opinions and emotions.
    pub(super) fn opinion_and_emotion(&mut self) {
        // RC7 — personal opinion (warning) or emotion (error).
        let opinions: Vec<Hit> = self
            .live(Tag::Opinion)
            .filter(|h| !self.negated(h))
            .copied()
            .collect();
        for h in opinions {
            let (s, e) = self.span(&h);
            self.push(Msg::Opinion, Severity::Warning, s, e);
        }
        let emotions: Vec<Hit> = self.live(Tag::Emotion).copied().collect();
        for h in emotions {
            let (s, e) = self.span(&h);
            self.push(Msg::Emotion, Severity::Error, s, e);
        }
    }
}
