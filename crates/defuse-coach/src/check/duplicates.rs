//! RC8: no near-duplicate of the brand's recent replies (word 3-shingles and word sets; the
//! incident's official position is left out, since every reply may quote it).

use super::{Checker, Severity, cut_at};
use crate::messages::Msg;
use crate::text::{Text, TokKind};
use std::collections::HashSet;

impl Checker<'_> {
    /// RC8: near-duplicates of the brand's recent replies (word 3-shingles; the incident's
    /// official position is left out, since every reply may quote it).
    pub(super) fn duplicates(&mut self) {
        if self.ctx.recent.is_empty() {
            return;
        }
        let words = |t: &Text| -> Vec<String> {
            t.toks
                .iter()
                .filter(|t| t.kind == TokKind::Word)
                .map(|t| t.norm.clone())
                .collect()
        };
        let shingles = |w: &[String]| -> HashSet<u64> {
            if w.len() < 3 {
                return std::iter::once(hash_words(w)).collect();
            }
            w.windows(3).map(hash_words).collect()
        };
        let my_words = words(self.text);
        let my_set: HashSet<&str> = my_words.iter().map(String::as_str).collect();
        let mut mine = shingles(&my_words);
        if let Some(inc) = &self.ctx.incident {
            let pos = shingles(&words(&Text::new(&inc.position)));
            mine.retain(|s| !pos.contains(s));
        }
        if mine.len() < 4 {
            return;
        }
        for r in self.ctx.recent.iter().take(200) {
            let cut = cut_at(r, 20_000);
            let their_words = words(&Text::new(cut));
            let their_set: HashSet<&str> = their_words.iter().map(String::as_str).collect();
            let same_words = my_set.intersection(&their_set).count() as f64
                / my_set.union(&their_set).count().max(1) as f64;
            let theirs = shingles(&their_words);
            let common = mine.intersection(&theirs).count();
            let union = mine.len() + theirs.len() - common;
            let jaccard = common as f64 / union.max(1) as f64;
            let contain = common as f64 / mine.len().min(theirs.len()).max(1) as f64;
            // The same sentences, or the same words reordered.
            if jaccard >= 0.5
                || (contain >= 0.8 && theirs.len() >= 4)
                || (same_words >= 0.85 && my_set.len() >= 8)
            {
                let (s, e) = self.whole();
                self.push(Msg::Duplicate, Severity::Warning, s, e);
                return;
            }
        }
    }
}

fn hash_words(w: &[String]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    w.hash(&mut h);
    h.finish()
}
