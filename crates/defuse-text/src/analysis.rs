//! The analysis card of one mention [A6]: every signal the desk needs, computed in one pass over
//! shared tokens. `Analyzer::analyze` is the single entry point; it never panics and costs time
//! linear in the text.

use crate::cues::{Cue, CueCounts, CueHit, CueSet};
use crate::features::Features;
use crate::lang::{self, Lang};
use crate::model::{Model, ModelError};
use crate::pii::find_private_data;
use crate::profanity::find_profanity;
use crate::rules::{self, Kind, KindInput};
use crate::tokenize::Tokens;
use serde::Serialize;
use std::sync::OnceLock;

/// The default model, shipped in the repo and rebuilt by `scripts/train-default-model.sh`.
static DEFAULT_MODEL: &[u8] = include_bytes!("../models/default.dfm");

/// Longest prefix of a text (in bytes) the tokenizer and models read; rules for profanity and
/// personal data read the whole text.
pub const MAX_MODEL_TEXT: usize = 64 * 1024;

crate::named_enum! {
    /// Sentiment class.
    pub enum Sentiment {
        Negative = "negative",
        Neutral = "neutral",
        Positive = "positive",
    }
}

/// Calibrated sentiment probabilities, summing to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub negative: f32,
    pub neutral: f32,
    pub positive: f32,
}

/// What a mention with a title is analysed as: the title, this separator, then the text. The
/// lone full stop is a sentence break for the tokenizer (a line break alone is not), so no
/// phrase, word pair or negation runs from the title into the text.
pub const TITLE_SEPARATOR: &str = "\n.\n";

/// The `field` of a span found in a mention's title (see `Analyzer::analyze_titled`).
pub const FIELD_TITLE: &str = "title";

/// A span of the original text: UTF-8 byte offsets, end exclusive. With `field: "title"`, the
/// offsets are into the mention's title instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// `Some("title")` for a span in the title; absent (text) otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

/// A piece of personal data found [RC11].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrivateData {
    /// card, phone, email, passport, account, contract, policy or order.
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
    /// `Some("title")` for personal data in the title; absent (text) otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

/// The analysis of one mention. Field names are stable (documented in `docs/analysis.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    pub lang: Lang,
    pub lang_confidence: f32,
    pub sentiment: Sentiment,
    pub scores: Scores,
    pub profanity: bool,
    pub profanity_spans: Vec<Span>,
    pub toxic: bool,
    pub toxicity: f32,
    pub spam: bool,
    pub question: bool,
    pub private_data: Vec<PrivateData>,
    pub emotion: f32,
    pub kind: Kind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
}

impl Analysis {
    /// Append this analysis as one JSON object, byte for byte what `serde_json::to_writer`
    /// writes (the tests check it), without serde's generic path: `defuse analyze` writes
    /// one per input line. With `explain` it defers to serde_json.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        if self.explain.is_some() {
            // Serializing plain data into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut *out, self);
            return;
        }
        out.extend_from_slice(b"{\"lang\":\"");
        out.extend_from_slice(self.lang.as_str().as_bytes());
        out.extend_from_slice(b"\",\"lang_confidence\":");
        write_f32(out, self.lang_confidence);
        out.extend_from_slice(b",\"sentiment\":\"");
        out.extend_from_slice(self.sentiment.as_str().as_bytes());
        out.extend_from_slice(b"\",\"scores\":{\"negative\":");
        write_f32(out, self.scores.negative);
        out.extend_from_slice(b",\"neutral\":");
        write_f32(out, self.scores.neutral);
        out.extend_from_slice(b",\"positive\":");
        write_f32(out, self.scores.positive);
        out.extend_from_slice(b"},\"profanity\":");
        write_bool(out, self.profanity);
        out.extend_from_slice(b",\"profanity_spans\":[");
        for (i, sp) in self.profanity_spans.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"start\":");
            write_usize(out, sp.start);
            out.extend_from_slice(b",\"end\":");
            write_usize(out, sp.end);
            write_field(out, sp.field);
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"toxic\":");
        write_bool(out, self.toxic);
        out.extend_from_slice(b",\"toxicity\":");
        write_f32(out, self.toxicity);
        out.extend_from_slice(b",\"spam\":");
        write_bool(out, self.spam);
        out.extend_from_slice(b",\"question\":");
        write_bool(out, self.question);
        out.extend_from_slice(b",\"private_data\":[");
        for (i, pd) in self.private_data.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"kind\":");
            write_str(out, pd.kind);
            out.extend_from_slice(b",\"start\":");
            write_usize(out, pd.start);
            out.extend_from_slice(b",\"end\":");
            write_usize(out, pd.end);
            write_field(out, pd.field);
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"emotion\":");
        write_f32(out, self.emotion);
        out.extend_from_slice(b",\"kind\":\"");
        out.extend_from_slice(self.kind.as_str().as_bytes());
        out.extend_from_slice(b"\"}");
    }
}

/// A span's `field` member, when it has one.
fn write_field(out: &mut Vec<u8>, field: Option<&str>) {
    if let Some(f) = field {
        out.extend_from_slice(b",\"field\":");
        write_str(out, f);
    }
}

fn write_bool(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

fn write_usize(out: &mut Vec<u8>, mut v: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// A string as serde_json writes it: as is when nothing needs escaping, else by serde_json.
fn write_str(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

/// An `f32` as serde_json writes it (the shortest form that reads back the same). The values
/// written are thousandths in 0–1 (`round3`), whose shortest form is the thousandths
/// themselves with trailing zeros dropped (`0.86`, `0.0`, `1.0`): those are written directly,
/// anything else by serde_json.
fn write_f32(out: &mut Vec<u8>, v: f32) {
    let k = (v * 1000.0).round();
    if v.is_sign_positive() && (0.0..=1000.0).contains(&k) && (k / 1000.0).to_bits() == v.to_bits()
    {
        let k = k as u32;
        out.push(b'0' + (k / 1000) as u8);
        out.push(b'.');
        let frac = k % 1000;
        let d = [
            (frac / 100) as u8,
            (frac / 10 % 10) as u8,
            (frac % 10) as u8,
        ];
        let keep = if d[2] != 0 {
            3
        } else if d[1] != 0 {
            2
        } else {
            1
        };
        out.extend(d[..keep].iter().map(|x| b'0' + x));
    } else {
        let _ = serde_json::to_writer(&mut *out, &v);
    }
}

/// Why each decision was made (with `--explain`).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Explain {
    /// Features that pushed sentiment most, with their contribution to the chosen class.
    pub sentiment: Vec<Contribution>,
    /// Rules that changed the model's sentiment (sarcasm).
    pub sentiment_rules: Vec<String>,
    /// Features that pushed toxicity most.
    pub toxicity: Vec<Contribution>,
    pub toxicity_rules: Vec<String>,
    /// Profane roots matched.
    pub profanity: Vec<String>,
    pub question: Vec<String>,
    pub spam: Vec<String>,
    pub emotion: Vec<String>,
    /// Cue phrases found, by category.
    pub cues: Vec<String>,
    /// The rule that decided the kind, with its method id.
    pub kind: String,
}

/// One feature's push on a decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub feature: String,
    pub weight: f32,
}

/// Per-thread scratch space, so analysing a mention allocates little.
#[derive(Debug, Default)]
pub struct Scratch {
    tokens: Tokens,
    features: Features,
    explain_features: Option<Features>,
    cues: Vec<CueHit>,
    /// A titled mention's title and text joined (`analyze_titled`), reused.
    joined: String,
    /// The same with the title cut to `MAX_MODEL_TITLE`, when it is longer.
    model_joined: String,
    /// A titled mention's title tokenized on its own (its words' namespace), reused.
    title_tokens: Tokens,
    /// A titled mention's text tokenized alone, with its cues, for a model that learned no
    /// titles in its language, reused.
    body_tokens: Tokens,
    body_cues: Vec<CueHit>,
}

impl Scratch {
    pub fn new() -> Self {
        Self::default()
    }
}

/// Analyses mentions with a loaded model.
#[derive(Debug, Clone)]
pub struct Analyzer {
    model: Model,
    sentiment: usize,
    toxicity: usize,
    /// Class indices of the sentiment head: negative, neutral, positive.
    sent_idx: [usize; 3],
    toxic_idx: usize,
}

impl Analyzer {
    /// The analyzer with the model shipped in the binary (loaded once per process).
    pub fn builtin() -> Result<&'static Analyzer, ModelError> {
        static A: OnceLock<Result<Analyzer, String>> = OnceLock::new();
        A.get_or_init(|| {
            Model::from_bytes(DEFAULT_MODEL)
                .and_then(Analyzer::new)
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| ModelError::Header(e.clone()))
    }

    /// An analyzer over `model`, which needs a `sentiment` head (negative, neutral, positive)
    /// and a `toxicity` head (clean, toxic).
    pub fn new(model: Model) -> Result<Analyzer, ModelError> {
        let need = |name: &str| {
            model
                .head_index(name)
                .ok_or_else(|| ModelError::Header(format!("model has no `{name}` head")))
        };
        let sentiment = need("sentiment")?;
        let toxicity = need("toxicity")?;
        let class = |head: usize, c: &str| {
            model
                .head(head)
                .classes
                .iter()
                .position(|x| x == c)
                .ok_or_else(|| {
                    ModelError::Header(format!(
                        "head `{}` has no class `{c}`",
                        model.head(head).name
                    ))
                })
        };
        let sent_idx = [
            class(sentiment, "negative")?,
            class(sentiment, "neutral")?,
            class(sentiment, "positive")?,
        ];
        let toxic_idx = class(toxicity, "toxic")?;
        Ok(Analyzer {
            model,
            sentiment,
            toxicity,
            sent_idx,
            toxic_idx,
        })
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Analyse one mention.
    pub fn analyze(&self, text: &str, s: &mut Scratch, explain: bool) -> Analysis {
        self.analyze_parts(text, text, None, s, explain)
    }

    /// Analyse `text` (the scanners for profanity and personal data read it all) with the
    /// model and the token rules reading `model_text`; with `title`, both are the title and the
    /// text joined (`model_text` with the title cut to `MAX_MODEL_TITLE`) and the title's words
    /// are features of their own too.
    fn analyze_parts(
        &self,
        text: &str,
        model_text: &str,
        title: Option<&str>,
        s: &mut Scratch,
        explain: bool,
    ) -> Analysis {
        let model = &self.model;
        let (head, lang, lang_confidence, reads) =
            prepare(model_text, title, |l| model.reads_titles(l.as_str()), s);
        let counts = CueCounts::from_hits(&s.cues);
        let mut ex = explain.then(Explain::default);

        // The model's rows come from a table larger than the caches: ask for them now, and
        // scan for profanity (which needs no model) while they arrive.
        self.model.prefetch(&s.features);
        let prof = find_profanity(text);
        let profanity = !prof.is_empty();

        // Sentiment: the model, then sarcasm.
        let probs = self.model.predict_all(&s.features, lang.as_str());
        let p = probs[self.sentiment];
        let [ni, ui, pi] = self.sent_idx;
        let (mut neg, mut neu, mut pos) = (p.p[ni], p.p[ui], p.p[pi]);
        let mut why_sarcasm = Vec::new();
        let sarcasm = rules::sarcasm(&s.tokens, &counts, &mut why_sarcasm);
        if sarcasm && neg < pos.max(neu) {
            (neg, neu, pos) = (neg + 0.8 * pos + 0.4 * neu, 0.6 * neu, 0.2 * pos);
        }
        // Negation of a negative word ("не плохо", "not bad at all", "nu e rău deloc") is mild
        // praise, unless the text also names a failure (then sarcasm above decided).
        let negated_negative = !sarcasm
            && counts.has(Cue::NegatedNegative)
            && !counts.has(Cue::Fail)
            && !counts.has(Cue::Money);
        if negated_negative && neg > pos {
            (neg, neu, pos) = (0.2 * neg, neu + 0.3 * neg, pos + 0.5 * neg);
            why_sarcasm.push("negation: a negated negative word is mild praise".into());
        }
        let sentiment = if neg >= neu && neg >= pos {
            Sentiment::Negative
        } else if pos > neu {
            Sentiment::Positive
        } else {
            Sentiment::Neutral
        };

        // Toxicity [T3]: the model; insults aimed at people also count where the model has no
        // training data (Romanian); harsh words about a concrete problem with no insult are
        // negative, not toxic.
        let tp = probs[self.toxicity];
        let mut toxicity = tp.p[self.toxic_idx];
        let mut tox_rules = Vec::new();
        let threshold = self.model.threshold(self.toxicity, lang.as_str());
        if counts.has(Cue::Insult) && toxicity < threshold && lang != Lang::Ru && lang != Lang::En {
            toxicity = toxicity.max(0.75);
            tox_rules.push("insult aimed at people (no model data for this language)".into());
        }
        let concrete = counts.has(Cue::Fail) || counts.has(Cue::Money) || counts.has(Cue::Demand);
        if concrete && !counts.has(Cue::Insult) && toxicity >= threshold {
            // A damping, not a veto: a text the model is sure is abusive stays toxic (measured:
            // forcing every such text below the threshold cost 0.01 F1 on Russian toxic
            // comments, where hate often comes with a complaint-like word).
            toxicity *= 0.6;
            tox_rules.push(
                "harsh words about a concrete problem, no insult: negative, not toxic".into(),
            );
        }
        let toxic = toxicity >= threshold;

        let mut why_q = Vec::new();
        let question = rules::question(&s.tokens, &s.cues, &mut why_q);
        let mut why_spam = Vec::new();
        let spam = rules::spam(head, &s.tokens, &counts, &mut why_spam);
        let mut why_emotion = Vec::new();
        let emotion = rules::emotion(&s.tokens, &counts, profanity, &mut why_emotion);
        let (kind, kind_rule) = rules::kind(&KindInput {
            negative: neg,
            positive: pos,
            toxic,
            spam,
            question,
            sarcasm,
            counts,
        });

        let private_data = find_private_data(text)
            .into_iter()
            .map(|m| PrivateData {
                kind: m.kind.as_str(),
                start: m.start,
                end: m.end,
                field: None,
            })
            .collect();

        if let Some(e) = ex.as_mut() {
            model_features(s, true, head, title, lang, reads);
            let f = s.explain_features.get_or_insert_with(Features::with_names);
            let chosen = match sentiment {
                Sentiment::Negative => ni,
                Sentiment::Neutral => ui,
                Sentiment::Positive => pi,
            };
            e.sentiment = top(&self.model, self.sentiment, f, chosen, 8);
            e.sentiment_rules = why_sarcasm;
            e.toxicity = top(&self.model, self.toxicity, f, self.toxic_idx, 5);
            e.toxicity_rules = tox_rules;
            e.profanity = prof
                .iter()
                .map(|m| format!("A4: {} ({})", m.root, m.lang))
                .collect();
            e.question = why_q.into_iter().map(|w| format!("L2: {w}")).collect();
            e.spam = if spam {
                why_spam.into_iter().map(|w| format!("T4: {w}")).collect()
            } else {
                why_spam
            };
            e.emotion = why_emotion
                .into_iter()
                .map(|w| format!("A7: {w}"))
                .collect();
            e.cues = cue_list(&s.tokens, &s.cues);
            e.kind = kind_rule.to_string();
        }

        Analysis {
            lang,
            lang_confidence: round3(lang_confidence),
            sentiment,
            scores: normalized(neg, neu, pos),
            profanity,
            profanity_spans: prof
                .iter()
                .map(|m| Span {
                    start: m.start,
                    end: m.end,
                    field: None,
                })
                .collect(),
            toxic,
            toxicity: round3(toxicity),
            spam,
            question,
            private_data,
            emotion: round3(emotion),
            kind,
            explain: ex,
        }
    }
}

impl Analyzer {
    /// Analyse a mention that has a title (a review's headline, a forum topic, a post's
    /// subject): the author wrote both, so both count — «Nu recomand» above a review is its
    /// clearest word. The title and the text are read as one text joined by
    /// `TITLE_SEPARATOR`; every span is reported against its own field: offsets into the
    /// text, or into the title with `field: "title"`. An absent or blank title is `analyze`.
    pub fn analyze_titled(
        &self,
        title: Option<&str>,
        text: &str,
        s: &mut Scratch,
        explain: bool,
    ) -> Analysis {
        let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
            return self.analyze(text, s, explain);
        };
        let mut joined = std::mem::take(&mut s.joined);
        join_title(&mut joined, title, text);
        // The model reads a title's first `MAX_MODEL_TITLE` bytes (so a huge one cannot push
        // the text out of its prefix); the scanners read all of it.
        let model_title = prefix(title, MAX_MODEL_TITLE);
        let mut a = if model_title.len() == title.len() {
            self.analyze_parts(&joined, &joined, Some(title), s, explain)
        } else {
            let mut model = std::mem::take(&mut s.model_joined);
            join_title(&mut model, model_title, text);
            let a = self.analyze_parts(&joined, &model, Some(model_title), s, explain);
            s.model_joined = keep_small(model);
            a
        };
        s.joined = keep_small(joined);
        a.profanity_spans = std::mem::take(&mut a.profanity_spans)
            .into_iter()
            .filter_map(|sp| {
                let (start, end, field) = place_span(sp.start, sp.end, title.len())?;
                Some(Span { start, end, field })
            })
            .collect();
        a.private_data = std::mem::take(&mut a.private_data)
            .into_iter()
            .filter_map(|pd| {
                let (start, end, field) = place_span(pd.start, pd.end, title.len())?;
                Some(PrivateData {
                    kind: pd.kind,
                    start,
                    end,
                    field,
                })
            })
            .collect();
        a
    }
}

/// Longest prefix of a title (in bytes) the model reads; a headline is far shorter.
pub const MAX_MODEL_TITLE: usize = 4096;

/// A reused buffer, given back its memory when one huge mention grew it (so a thread does not
/// keep megabytes for the rest of a run).
fn keep_small(mut s: String) -> String {
    const KEEP: usize = 1 << 20;
    if s.capacity() > KEEP {
        s.clear();
        s.shrink_to(KEEP);
    }
    s
}

/// `title`, the separator and `text` into `out` (cleared first).
fn join_title(out: &mut String, title: &str, text: &str) {
    out.clear();
    out.reserve(title.len() + TITLE_SEPARATOR.len() + text.len());
    out.push_str(title);
    out.push_str(TITLE_SEPARATOR);
    out.push_str(text);
}

/// A span of the joined title and text, placed in its own field: in the text (offsets moved
/// back by the title and the separator) or in the title (`Some("title")`). A span that reaches
/// over the separator (no scanner makes one: the separator ends every phrase and number) keeps
/// its part on its starting side; one with nothing left on either side is dropped.
fn place_span(
    start: usize,
    end: usize,
    title_len: usize,
) -> Option<(usize, usize, Option<&'static str>)> {
    let body = title_len + TITLE_SEPARATOR.len();
    let placed = if start < title_len {
        (start, end.min(title_len), Some(FIELD_TITLE))
    } else {
        (start.saturating_sub(body), end.saturating_sub(body), None)
    };
    (placed.0 < placed.1).then_some(placed)
}

/// The model features of `text`, exactly as `Analyzer::analyze` computes them (for training).
pub fn features_of(text: &str, s: &mut Scratch) -> (Vec<u64>, Lang) {
    let (_, lang, _, _) = prepare(text, None, |_| false, s);
    (s.features.hashes.clone(), lang)
}

/// The model features of a titled mention, exactly as `Analyzer::analyze_titled` computes them.
/// With `reads_titles` the languages whose titles the model reads (`ModelHeader::title_langs`).
pub fn features_of_titled(
    title: Option<&str>,
    text: &str,
    reads_titles: impl Fn(Lang) -> bool,
    s: &mut Scratch,
) -> (Vec<u64>, Lang) {
    let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
        return features_of(text, s);
    };
    let title = prefix(title, MAX_MODEL_TITLE);
    let mut joined = std::mem::take(&mut s.joined);
    join_title(&mut joined, title, text);
    let (_, lang, _, _) = prepare(&joined, Some(title), reads_titles, s);
    s.joined = keep_small(joined);
    (s.features.hashes.clone(), lang)
}

/// What the model reads of a mention (`prepare`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ModelReads {
    /// A mention without a title: its text.
    Text,
    /// The title and the text joined, and the title's words as features of their own.
    Titled,
    /// The text alone: the model learned no titles in this language (`title_langs`), and a
    /// title it never learned from would only shift it (measured: a constant «Отзыв о
    /// компании» above every RuSentiTweet tweet cost 0.05–0.08 macro F1).
    TextOfTitled,
}

/// The shared first steps of analysis and training: the model's prefix of the text, its
/// tokens, language and cues (left in `s`: the rules read them), and the model's features
/// (`s.features`). With a title (`text` is then the title, `TITLE_SEPARATOR` and the text),
/// the model reads the joined text and the title's own words when `reads_titles` says so for
/// the language, else the text alone.
fn prepare<'t>(
    text: &'t str,
    title: Option<&str>,
    reads_titles: impl Fn(Lang) -> bool,
    s: &mut Scratch,
) -> (&'t str, Lang, f32, ModelReads) {
    let head = prefix(text, MAX_MODEL_TEXT);
    s.tokens.fill(head);
    let (lang, confidence) = lang::detect(head, &s.tokens);
    CueSet::builtin().find(&s.tokens, &mut s.cues);
    let reads = match title {
        None => ModelReads::Text,
        Some(_) if reads_titles(lang) => ModelReads::Titled,
        Some(_) => ModelReads::TextOfTitled,
    };
    model_features(s, false, head, title, lang, reads);
    (head, lang, confidence, reads)
}

/// The model's features of a prepared text (`prepare` left its tokens and cues in `s`): into
/// `s.features`, or with `named` into `s.explain_features` with their names — both go through
/// here, so `--explain` names exactly what the model read.
fn model_features(
    s: &mut Scratch,
    named: bool,
    head: &str,
    title: Option<&str>,
    lang: Lang,
    reads: ModelReads,
) {
    let f = if named {
        s.explain_features.get_or_insert_with(Features::with_names)
    } else {
        &mut s.features
    };
    match (reads, title) {
        (ModelReads::Titled, Some(title)) => {
            f.extract(&s.tokens, lang, &s.cues);
            s.title_tokens.fill(prefix(title, MAX_MODEL_TEXT));
            f.add_title(&s.title_tokens);
        }
        (ModelReads::TextOfTitled, Some(title)) => {
            let body = head
                .get(title.len() + TITLE_SEPARATOR.len()..)
                .unwrap_or("");
            s.body_tokens.fill(body);
            CueSet::builtin().find(&s.body_tokens, &mut s.body_cues);
            f.extract(&s.body_tokens, lang, &s.body_cues);
        }
        _ => f.extract(&s.tokens, lang, &s.cues),
    }
}

/// Scores rounded to 3 decimals that still sum to exactly 1 (neutral takes the remainder).
fn normalized(neg: f32, neu: f32, pos: f32) -> Scores {
    let sum = (neg + neu + pos).max(1e-9);
    let n = round3(neg / sum);
    let p = round3(pos / sum);
    let u = round3((1.0 - n - p).max(0.0));
    Scores {
        negative: n,
        neutral: u,
        positive: p,
    }
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn top(model: &Model, head: usize, f: &Features, class: usize, n: usize) -> Vec<Contribution> {
    let names = f.names.as_deref().unwrap_or(&[]);
    let mut c: Vec<(usize, f32)> = model
        .contributions(head, f)
        .into_iter()
        .map(|(i, w)| {
            // Push towards `class` against the mean of the others.
            let k = model.head(head).classes.len();
            let others = (0..k).filter(|&j| j != class).map(|j| w[j]).sum::<f32>() / (k - 1) as f32;
            (i, w[class] - others)
        })
        .collect();
    c.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    c.into_iter()
        .take(n)
        .map(|(i, w)| Contribution {
            feature: names.get(i).cloned().unwrap_or_default(),
            weight: round3(w),
        })
        .collect()
}

fn cue_list(tokens: &Tokens, hits: &[CueHit]) -> Vec<String> {
    hits.iter()
        .map(|h| {
            let words: Vec<&str> = tokens.tokens()[h.token as usize..(h.token + h.len) as usize]
                .iter()
                .map(|t| tokens.text(t))
                .collect();
            format!("{}: {}", h.cue.as_str(), words.join(" "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{CHAR_TAG, TITLE_TAG};

    fn serde(a: &Analysis) -> Vec<u8> {
        serde_json::to_vec(a).expect("serializes")
    }

    fn written(a: &Analysis) -> Vec<u8> {
        let mut out = Vec::new();
        a.write_json(&mut out);
        out
    }

    #[test]
    fn floats_are_written_as_serde_json_writes_them() {
        let mut values: Vec<f32> = (0..=1000).map(|k| round3(k as f32 / 1000.0)).collect();
        values.extend([
            -0.0,
            -0.5,
            1.5,
            1e-7,
            0.123_456,
            f32::NAN,
            f32::INFINITY,
            1e30,
        ]);
        for v in values {
            let mut out = Vec::new();
            write_f32(&mut out, v);
            let want = serde_json::to_vec(&v).expect("serializes");
            assert_eq!(
                String::from_utf8_lossy(&out),
                String::from_utf8_lossy(&want),
                "{v:?}"
            );
        }
    }

    #[test]
    fn strings_and_numbers_are_written_as_serde_json_writes_them() {
        for s in [
            "card",
            "",
            "a\"b",
            "back\\slash",
            "tab\there",
            "\u{1}",
            "юникод",
        ] {
            let mut out = Vec::new();
            write_str(&mut out, s);
            assert_eq!(out, serde_json::to_vec(s).expect("serializes"), "{s:?}");
        }
        for n in [0usize, 9, 10, 12345, usize::MAX] {
            let mut out = Vec::new();
            write_usize(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }

    #[test]
    fn analyses_are_written_as_serde_json_writes_them() {
        let a = Analyzer::builtin().expect("model");
        let mut s = Scratch::new();
        let texts = [
            "",
            "Спасибо, МТС, за третий день без связи 👏 @mts_support когда починят?",
            "@united flight delayed 5 hours and my bag is lost, worst airline ever!!!",
            "Почему с меня второй раз списали 500 рублей?? Карта 4276 1600 1234 5675, тел +7 912 345-67-89, mail a@b.ru",
            "бл*, опять не работает интернет!!! СКОЛЬКО МОЖНО, с*ка, ты идиот",
            "Nu recomand, telefonul s-a stricat după o săptămână.",
            "Заработок от 5000₽ в день без вложений, пиши в лс t.me/xxx",
            "\"quoted\" \\ back\tslash \u{0} control",
        ];
        for t in texts {
            let an = a.analyze(t, &mut s, false);
            assert_eq!(
                String::from_utf8_lossy(&written(&an)),
                String::from_utf8_lossy(&serde(&an)),
                "{t}"
            );
            let ex = a.analyze(t, &mut s, true);
            assert_eq!(written(&ex), serde(&ex), "{t} (explain)");
        }
        // Fields set by hand, beyond what the analyzer produces.
        let mut an = a.analyze("x", &mut s, false);
        an.lang_confidence = 0.123_456;
        an.emotion = f32::NAN;
        an.private_data.push(PrivateData {
            kind: "we\"ird",
            start: 1,
            end: 2,
            field: None,
        });
        an.private_data.push(PrivateData {
            kind: "phone",
            start: 0,
            end: 9,
            field: Some(FIELD_TITLE),
        });
        an.profanity_spans.push(Span {
            start: 3,
            end: 40,
            field: None,
        });
        an.profanity_spans.push(Span {
            start: 0,
            end: 1,
            field: Some(FIELD_TITLE),
        });
        assert_eq!(written(&an), serde(&an));
        // A titled analysis with spans in both fields.
        let an = a.analyze_titled(
            Some("Suna-ma la 0722 123 456, e o porcarie"),
            "pula mea, nu merge. Card 4276 1600 1234 5675",
            &mut s,
            false,
        );
        assert_eq!(written(&an), serde(&an));
    }

    #[test]
    fn a_title_counts_and_its_spans_point_into_it() {
        let a = Analyzer::builtin().expect("model");
        let mut s = Scratch::new();
        let title = "Nu recomand, pula mea! Sunati-ma: 0722 123 456";
        let text = "Telefonul s-a stricat, futu-i. Card 4276 1600 1234 5675";
        let an = a.analyze_titled(Some(title), text, &mut s, false);
        assert!(an.profanity, "{an:?}");
        assert!(
            an.profanity_spans
                .iter()
                .any(|s| s.field == Some(FIELD_TITLE))
        );
        assert!(an.profanity_spans.iter().any(|s| s.field.is_none()));
        for sp in &an.profanity_spans {
            let field = if sp.field == Some(FIELD_TITLE) {
                title
            } else {
                text
            };
            assert!(field.get(sp.start..sp.end).is_some(), "{sp:?}");
        }
        let phone = an
            .private_data
            .iter()
            .find(|p| p.kind == "phone")
            .expect("the phone in the title");
        assert_eq!(phone.field, Some(FIELD_TITLE));
        assert_eq!(&title[phone.start..phone.end], "0722 123 456");
        let card = an
            .private_data
            .iter()
            .find(|p| p.kind == "card")
            .expect("the card in the text");
        assert_eq!(card.field, None);
        assert_eq!(&text[card.start..card.end], "4276 1600 1234 5675");
        // An absent or blank title is the text alone.
        let plain = a.analyze(text, &mut s, false);
        assert_eq!(a.analyze_titled(None, text, &mut s, false), plain);
        assert_eq!(a.analyze_titled(Some(" \n"), text, &mut s, false), plain);
        // The title's words move the sentiment of a text that says little on its own.
        let body = "Am primit coletul ieri, l-am folosit o saptamana.";
        let bad = a.analyze_titled(Some("Nu recomand, bani aruncati"), body, &mut s, false);
        let good = a.analyze_titled(Some("Excelent, il recomand"), body, &mut s, false);
        assert!(
            bad.scores.negative > good.scores.negative + 0.2,
            "{bad:?} / {good:?}"
        );
        // The title's words count on their own too: more features than the joined text alone.
        let (h1, _) = features_of_titled(Some(title), text, |_| true, &mut s);
        let (h2, _) = features_of(&format!("{title}{TITLE_SEPARATOR}{text}"), &mut s);
        assert!(h2.iter().all(|h| h1.contains(h)) && h1.len() > h2.len());
        // Explaining names the title's own features.
        let ex = a.analyze_titled(Some("Nu recomand"), body, &mut s, true);
        let why = serde_json::to_string(&ex.explain).unwrap_or_default();
        assert!(why.contains("title:"), "{why}");
    }

    #[test]
    fn a_title_has_features_of_its_own_only_in_languages_the_model_learned_titles_of() {
        let a = Analyzer::builtin().expect("model");
        let m = a.model();
        assert!(m.reads_titles("ro") && !m.reads_titles("ru") && !m.reads_titles("en"));
        let mut s = Scratch::new();
        let reads = |l: Lang| a.model().reads_titles(l.as_str());
        let ro = format!("Nu recomand{TITLE_SEPARATOR}Telefonul s-a stricat dupa o saptamana");
        let (_, lang, _, r) = prepare(&ro, Some("Nu recomand"), reads, &mut s);
        assert_eq!((lang, r), (Lang::Ro, ModelReads::Titled));
        let with = s.features.hashes.clone();
        let ru = format!("Худший провайдер{TITLE_SEPARATOR}Интернет не работает третий день");
        let (_, lang, _, r) = prepare(&ru, Some("Худший провайдер"), reads, &mut s);
        assert_eq!((lang, r), (Lang::Ru, ModelReads::TextOfTitled));
        assert!(
            s.features
                .hashes
                .iter()
                .all(|h| h & CHAR_TAG != 0 || h & TITLE_TAG == 0),
            "no feature of the title group"
        );
        let alone = features_of("Интернет не работает третий день", &mut s).0;
        let (mut a1, mut a2) = (alone, {
            prepare(&ru, Some("Худший провайдер"), reads, &mut s);
            s.features.hashes.clone()
        });
        a1.sort_unstable();
        a2.sort_unstable();
        assert_eq!(a1, a2, "the model reads the Russian text alone");
        assert!(with.iter().any(|h| h & TITLE_TAG != 0 && h & CHAR_TAG == 0));
    }

    #[test]
    fn a_huge_title_does_not_push_the_text_out_of_the_model() {
        let a = Analyzer::builtin().expect("model");
        let mut s = Scratch::new();
        let title = "produsul a sosit ".repeat(5000);
        let bad = a.analyze_titled(
            Some(&title),
            "Groaznic, nu recomand, bani aruncati, s-a stricat",
            &mut s,
            false,
        );
        let good = a.analyze_titled(
            Some(&title),
            "Excelent, recomand cu drag, functioneaza perfect",
            &mut s,
            false,
        );
        assert!(
            bad.scores.negative > good.scores.negative + 0.2,
            "{:?} / {:?}",
            bad.scores,
            good.scores
        );
        // The scanners still read the whole title.
        let tail = format!("{title} sunati la 0722 123 456");
        let an = a.analyze_titled(Some(&tail), "ok", &mut s, false);
        let phone = an.private_data.iter().find(|p| p.kind == "phone");
        assert_eq!(
            phone.map(|p| (&tail[p.start..p.end], p.field)),
            Some(("0722 123 456", Some(FIELD_TITLE)))
        );
    }

    #[test]
    fn spans_over_the_joined_text_land_in_their_field() {
        // Title of 5 bytes, separator of 3: the text starts at 8.
        assert_eq!(TITLE_SEPARATOR.len(), 3);
        assert_eq!(place_span(0, 5, 5), Some((0, 5, Some(FIELD_TITLE))));
        assert_eq!(place_span(8, 10, 5), Some((0, 2, None)));
        assert_eq!(place_span(3, 10, 5), Some((3, 5, Some(FIELD_TITLE))));
        assert_eq!(place_span(5, 10, 5), Some((0, 2, None)));
        assert_eq!(place_span(5, 7, 5), None, "only the separator");
        assert_eq!(place_span(6, 6, 5), None, "empty");
    }
}
