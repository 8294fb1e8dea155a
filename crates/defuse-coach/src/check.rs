//! The rule check of a draft reply: `check(draft, context) → findings` [RC1–RC9, RC11, T2, T3].
//!
//! Precision comes first: a good reply must get no error. So phrases inside quotation marks (the
//! customer's words quoted back) are not held against the draft, a negation right before a phrase
//! cancels it ("это не ваша вина", "it's not your fault", "nu este vina dumneavoastră"), and
//! judgement calls are warnings, not errors. RC10 (no objective ground) and RC12 (every reply is
//! public) are not separate checks: RC12 is why RC4, RC5 and RC11 are errors in public replies.

use crate::context::{CaseKind, CheckContext, CoachLang, Visibility};
use crate::lexicon::{Hit, Lexicon, Tag};
use crate::messages::Msg;
use crate::text::{Text, TokKind};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// How serious a finding is: an error must be fixed before sending; a warning is very likely a
/// problem; a hint is worth a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Hint,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
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

/// Words that cancel a phrase right after them.
const NEGATORS: &[&str] = &[
    "не",
    "ни",
    "нет",
    "никогда",
    "not",
    "no",
    "never",
    "don't",
    "dont",
    "doesn't",
    "isn't",
    "wasn't",
    "aren't",
    "weren't",
    "nu",
    "niciodata",
];

/// Question words: a phrase after them asks rather than states [RC4].
const QUESTION_WORDS: &[&str] = &[
    "care",
    "ce",
    "daca",
    "если",
    "if",
    "what",
    "which",
    "какая",
    "какие",
];

/// A brand's own numbers and mailboxes are public: repeating them is no disclosure [RC11].
const TOLL_FREE: &[&str] = &[
    "8800", "7800", "0800", "40800", "1800", "1888", "1877", "1866", "1855", "1844", "44800",
];
const GENERIC_MAILBOXES: &[&str] = &[
    "support@",
    "help@",
    "info@",
    "hello@",
    "care@",
    "service@",
    "contact@",
    "suport@",
    "office@",
    "feedback@",
    "noreply@",
    "no-reply@",
    "clienti@",
    "client@",
];

/// Contrast words: "…, но выясним", "…, but we'll find out", "…, dar verificăm" [RC2].
const BUT: &[&str] = &["но", "однако", "but", "however", "dar", "insa", "totusi"];

/// Linking words between a negation and what it negates.
const LINKS: &[&str] = &[
    "to",
    "in",
    "any",
    "это",
    "есть",
    "был",
    "была",
    "было",
    "была",
    "is",
    "was",
    "it's",
    "way",
    "at",
    "all",
    "este",
    "e",
    "a",
    "fost",
    "chiar",
    "вовсе",
    "совсем",
    "ничуть",
];

/// Words that make an "I don't know" honest rather than incompetent when a next step follows
/// ("мы пока не знаем причину, но выясняем") [RC2, RT3].
const UNCERTAIN: &[&str] = &[
    "пока",
    "еще",
    "точно",
    "точную",
    "точной",
    "точных",
    "yet",
    "exactly",
    "exact",
    "inca",
    "exact",
    "deocamdata",
    "momentan",
    "precis",
];

/// Words that open a condition: "если вы неправильно ввели…" is guidance, not blame [RC5].
const CONDITIONAL: &[&str] = &["если", "if", "daca", "in case", "в случае"];

/// After "you should have", "вы должны были", "ar fi trebuit să": what makes it information
/// ("you should have received an e-mail") rather than blame [RC5].
const INFO_EXACT: &[&str] = &[
    "a", "an", "the", "your", "our", "got", "gotten", "been", "seen", "heard", "access", "now",
    "it", "this", "one", "no", "by", "some", "any", "had", "уже", "already", "быть", "fiti",
    "fost",
];
const INFO_PREFIX: &[&str] = &["получ", "receiv", "primi", "felt", "thought", "wonder"];
/// The modal words those phrases are built on.
const MODALS: &[&str] = &[
    "should",
    "must",
    "should've",
    "supposed",
    "должны",
    "обязаны",
    "trebuia",
    "trebuit",
];

/// Words that carry no substance on their own [RC2].
const FILLER: &[&str] = &[
    "и",
    "а",
    "но",
    "за",
    "что",
    "вы",
    "вам",
    "вас",
    "нам",
    "мы",
    "нас",
    "очень",
    "это",
    "к",
    "в",
    "на",
    "с",
    "по",
    "то",
    "так",
    "не",
    "ну",
    "же",
    "пожалуйста",
    "ваш",
    "ваше",
    "ваш",
    "вашу",
    "ваши",
    "вашего",
    "отзыв",
    "обращение",
    "обратную",
    "связь",
    "сообщение",
    "написали",
    "неудобства",
    "неудобство",
    "ситуацию",
    "that",
    "the",
    "a",
    "to",
    "for",
    "us",
    "you",
    "your",
    "we",
    "we're",
    "it",
    "and",
    "very",
    "so",
    "much",
    "this",
    "please",
    "our",
    "of",
    "feedback",
    "message",
    "review",
    "comment",
    "inconvenience",
    "trouble",
    "hassle",
    "is",
    "are",
    "si",
    "va",
    "pentru",
    "ca",
    "ne",
    "noi",
    "asta",
    "ati",
    "foarte",
    "mult",
    "la",
    "de",
    "cu",
    "sa",
    "mesaj",
    "mesajul",
    "feedback-ul",
    "neplacere",
    "neplacerea",
    "situatie",
    "o",
    "un",
    "una",
];

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

    fn run(&mut self) {
        let kind = self.ctx.kind;
        let systemic = self.ctx.systemic();
        let complaint = matches!(kind, CaseKind::Complaint | CaseKind::Systemic) || systemic;
        // Sentences that attack or blame: a "next step" there is no step ("we will take legal
        // action", "check your e-mail before accusing us").
        let mut hostile: HashSet<u32> = HashSet::new();

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
        self.caps_and_marks(&mut hostile);

        // RC2 — incompetence phrases.
        // Asking the customer for details is a next step too.
        let step_anywhere = self.hits.iter().any(|h| {
            matches!(h.tag, Tag::Step | Tag::Ask | Tag::LocalQuestion)
                && !self.quoted(h)
                && !hostile.contains(&self.text.toks[h.first].sentence)
        });
        let incompetent: Vec<Hit> = self
            .live(Tag::Incompetence)
            .filter(|h| {
                // Honest: "не знаем пока, выясняем…", "we don't know why, but we'll find out".
                let honest =
                    (step_anywhere && self.uncertain(h)) || self.but_then_step(h, &hostile);
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

        // RC3 — no solution, next step or channel.
        let has_link = self.text.toks.iter().any(|t| t.kind == TokKind::Url);
        if (complaint || kind == CaseKind::Troll) && !step_anywhere && !has_link {
            let (s, e) = self.whole();
            self.push(Msg::NoStep, Severity::Warning, s, e);
        }

        // RC6 — a discount or bonus instead of an explanation.
        if complaint && !self.has(Tag::Explanation) {
            let comp: Vec<Hit> = self.live(Tag::Compensation).copied().collect();
            for h in comp.iter().take(1) {
                let (s, e) = self.span(h);
                self.push(Msg::Compensation, Severity::Warning, s, e);
            }
        }

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

        self.duplicates();
        self.humour();
        self.private_data();

        // T2 — local questions in a systemic case.
        if systemic {
            let local: Vec<Hit> = self.live(Tag::LocalQuestion).copied().collect();
            for h in local {
                let (s, e) = self.span(&h);
                self.push(Msg::LocalQuestion, Severity::Warning, s, e);
            }
        }

        // T3 — engaging a troll: better not to answer; a reminder of the community rules is the
        // one acceptable reply.
        if kind == CaseKind::Troll && !self.has(Tag::CommunityRules) {
            let (s, e) = self.whole();
            self.push(Msg::Troll, Severity::Warning, s, e);
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

    /// RC4: capitals and runs of exclamation marks; profanity.
    fn caps_and_marks(&mut self, hostile: &mut HashSet<u32>) {
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

    /// RC8: near-duplicates of the brand's recent replies (word 3-shingles; the incident's
    /// official position is left out, since every reply may quote it).
    fn duplicates(&mut self) {
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

    /// RC9: jokes and laughter (a caution, not an error). A single friendly smiley is not humour.
    fn humour(&mut self) {
        let words: Vec<Hit> = self.live(Tag::Humour).copied().collect();
        for h in words {
            let (s, e) = self.span(&h);
            self.push(Msg::Humour, Severity::Warning, s, e);
        }
        let d = self.draft;
        let mut found = Vec::new();
        // Open round brackets not yet closed: "))" closing them is not laughter.
        let mut depth = 0usize;
        // The customer's words quoted back are theirs, smileys included.
        let mut quoted = false;
        let mut it = d.char_indices().peekable();
        while let Some((i, ch)) = it.next() {
            match ch {
                '«' | '“' | '„' => quoted = true,
                '»' | '”' => quoted = false,
                '"' => quoted = !quoted,
                '\n' => quoted = false,
                _ if quoted => {}
                '😂' | '🤣' | '😆' | '😜' | '😝' | '😹' | '🙃' | '😅' | '😄' | '😁' => {
                    found.push((i, i + ch.len_utf8()))
                }
                '(' => depth += 1,
                ')' => {
                    let mut end = i + 1;
                    while let Some(&(j, ')')) = it.peek() {
                        end = j + 1;
                        it.next();
                    }
                    let run = end - i;
                    if depth > 0 {
                        depth = depth.saturating_sub(run);
                    } else if run >= 2 {
                        found.push((i, end));
                    }
                }
                ':' | '=' | 'x' | 'X' => {
                    if let Some(&(j, n)) = it.peek()
                        && ((ch != 'x' && ch != 'X' && n == ')')
                            || (n == 'D' && (ch == ':' || ch == 'x' || ch == 'X')))
                    {
                        let after = d[j + 1..].chars().next();
                        let word_before = d[..i]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphanumeric);
                        let double = n == ')' && after == Some(')');
                        let laugh = n == 'D' && !after.is_some_and(char::is_alphanumeric);
                        if !word_before && (double || laugh) {
                            found.push((i, j + 1 + usize::from(double)));
                        }
                    }
                }
                _ => {}
            }
            if found.len() >= MAX_PER_RULE {
                break;
            }
        }
        for (a, b) in found {
            self.push(Msg::Humour, Severity::Warning, a, b);
        }
    }

    /// RC11: "номер карты лояльности", "loyalty card number", "cardul de fidelitate".
    fn loyalty(&self, h: &Hit) -> bool {
        const CLUB: &[&str] = &[
            "лояльности",
            "бонусной",
            "клубной",
            "скидочной",
            "loyalty",
            "bonus",
            "club",
            "reward",
            "rewards",
            "membership",
            "fidelitate",
            "client",
        ];
        let s = self.text.toks[h.first].sentence;
        let near = |i: usize| {
            self.text
                .toks
                .get(i)
                .is_some_and(|t| t.sentence == s && CLUB.contains(&t.norm.as_str()))
        };
        near(h.last + 1) || near(h.last + 2) || (h.first > 0 && near(h.first - 1))
    }

    /// RC11: confidential data asked for or disclosed in public; secrets asked for anywhere.
    fn private_data(&mut self) {
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
                if self.before(
                    h,
                    6,
                    &["последние", "последних", "last", "ultimele", "ultimelor"],
                ) {
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

fn hash_words(w: &[String]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    w.hash(&mut h);
    h.finish()
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
    use crate::context::Incident;

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
