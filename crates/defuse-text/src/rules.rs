//! Rule-based decisions over tokens and cues: question [L2], spam [T4], emotion [A7], sarcasm,
//! and the kind of a mention [T1–T6]. Each returns its reasons so the analysis can explain it.

use crate::cues::{Cue, CueCounts, CueHit};
use crate::tokenize::{TokKind, Tokens};

/// Interrogatives that make a question even without `?` when they open a sentence.
const OPENERS: &[&str] = &[
    "почему",
    "зачем",
    "где",
    "куда",
    "откуда",
    "сколько",
    "разве",
    "неужели",
    "чому",
    "де",
    "скільки",
    "why",
    "where",
    "unde",
    "cand",
    "cat",
    "cate",
    "puteti",
    "aveti",
    "exista",
];
/// English auxiliaries: a question when followed by a subject ("can you", "is there").
const AUX: &[&str] = &[
    "is", "are", "do", "does", "did", "can", "could", "would", "will", "have", "has", "should",
    "any", "what", "how", "when", "who", "which",
];
const SUBJECTS: &[&str] = &[
    "you", "u", "i", "we", "they", "he", "she", "it", "there", "this", "that", "anyone", "anybody",
    "someone", "somebody", "my", "your", "the", "is", "are", "do", "does", "did", "time", "long",
    "much", "many",
];
/// Russian/Ukrainian/Romanian interrogatives that need a second word to be a question
/// ("когда будет", "как можно", "что с"), and the words after which they are not one.
const SOFT_OPENERS: &[&str] = &[
    "когда",
    "как",
    "какой",
    "какая",
    "какие",
    "можно",
    "коли",
    "як",
    "cum",
    "cine",
];
const NOT_AFTER_SOFT: &[&str] = &[
    "же",
    "всегда",
    "обычно",
    "и",
    "только",
    "я",
    "мы",
    "он",
    "она",
    "они",
    "раз",
    "хорошо",
    "здорово",
    "жаль",
    "вы",
    "за",
    "бы",
    "mai",
    "frumos",
    "bine",
    "si",
    "am",
    "a",
];

/// Is this a question? [L2] Any `?`, a request ("подскажите", "let me know"), a sentence that
/// opens with an interrogative ("почему не отвечаете", "where is my bag"), or a Russian `ли`.
pub fn question(tokens: &Tokens, cues: &[CueHit], why: &mut Vec<String>) -> bool {
    let toks = tokens.tokens();
    if toks
        .iter()
        .any(|t| t.kind == TokKind::Mark && tokens.text(t).contains('?'))
    {
        why.push("question mark".into());
        return true;
    }
    if let Some(h) = cues.iter().find(|h| h.cue == Cue::Request) {
        why.push(format!("request \"{}\"", phrase(tokens, h)));
        return true;
    }
    // Sentence openers.
    let mut start = true;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            TokKind::Break if tokens.text(t) == "," => continue,
            TokKind::Break | TokKind::Mark => {
                start = true;
                continue;
            }
            TokKind::Mention | TokKind::Url | TokKind::Emoji | TokKind::Emoticon => continue,
            _ => {}
        }
        let w = tokens.text(t);
        let next = toks
            .get(i + 1)
            .filter(|n| n.kind == TokKind::Word)
            .map(|n| tokens.text(n));
        if start {
            let ends_exclaimed = sentence_end_is(tokens, i, "!");
            if !ends_exclaimed {
                if OPENERS.contains(&w) && !(w == "de" && next.is_none()) {
                    why.push(format!("opens with \"{w}\""));
                    return true;
                }
                if w == "de" && next == Some("ce") {
                    why.push("opens with \"de ce\"".into());
                    return true;
                }
                if AUX.contains(&w) && next.is_some_and(|n| SUBJECTS.contains(&n)) {
                    why.push(format!("opens with \"{w} {}\"", next.unwrap_or_default()));
                    return true;
                }
                if SOFT_OPENERS.contains(&w)
                    && next.is_some_and(|n| !NOT_AFTER_SOFT.contains(&n))
                    && sentence_len(tokens, i) <= 8
                {
                    why.push(format!("opens with \"{w}\""));
                    return true;
                }
            }
            // "Будет ли…", "Можно ли…": ли in second place, as a separate word (not the tail
            // of a masked word like "ЗАЕ**ЛИ").
            let separate = toks.get(i + 1).is_some_and(|n| n.spaced);
            if next == Some("ли") && separate {
                why.push("\"ли\" in second place".into());
                return true;
            }
        }
        start = false;
    }
    false
}

fn sentence_end_is(tokens: &Tokens, from: usize, mark: &str) -> bool {
    tokens.tokens()[from..]
        .iter()
        .find(|t| matches!(t.kind, TokKind::Break | TokKind::Mark))
        .is_some_and(|t| t.kind == TokKind::Mark && tokens.text(t).contains(mark))
}

fn sentence_len(tokens: &Tokens, from: usize) -> usize {
    tokens.tokens()[from..]
        .iter()
        .take_while(|t| !matches!(t.kind, TokKind::Break | TokKind::Mark))
        .filter(|t| t.kind == TokKind::Word)
        .count()
}

fn phrase(tokens: &Tokens, h: &CueHit) -> String {
    let toks = tokens.tokens();
    let (a, b) = (h.token as usize, (h.token + h.len) as usize);
    toks.get(a..b)
        .unwrap_or(&[])
        .iter()
        .map(|t| tokens.text(t))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Is this spam? [T4] A score over cues: strong offers (crypto, earnings, casino, giveaways,
/// messenger invites) count 2, weak ones (free, promo, subscribe) 1, a link 1, a money amount
/// with a currency sign 1; a complaint about the brand (failure or demand) takes 2 off.
/// Spam at 3 or more.
pub fn spam(raw: &str, tokens: &Tokens, counts: &CueCounts, why: &mut Vec<String>) -> bool {
    let mut score = 0i32;
    let strong = counts.get(Cue::SpamStrong) as i32;
    let weak = counts.get(Cue::SpamWeak) as i32;
    if strong > 0 {
        score += 2 * strong.min(3);
        why.push(format!("{strong} offer cue(s)"));
    }
    if weak > 0 {
        score += weak.min(2);
        why.push(format!("{weak} promo cue(s)"));
    }
    let links: Vec<&str> = tokens
        .tokens()
        .iter()
        .filter(|t| t.kind == TokKind::Url)
        .filter_map(|t| raw.get(t.start as usize..t.end as usize))
        .collect();
    if !links.is_empty() {
        score += 1;
        why.push("link".into());
        if links.iter().any(|l| {
            let l = l.to_ascii_lowercase();
            ["t.me/", "wa.me/", "bit.ly/", "tinyurl", "clck.ru", "goo.gl"]
                .iter()
                .any(|s| l.contains(s))
        }) {
            score += 1;
            why.push("messenger or shortened link".into());
        }
    }
    if raw.contains(['$', '€', '₽', '💰', '💸', '🤑']) {
        score += 1;
        why.push("money sign".into());
    }
    if links.iter().any(|l| {
        let l = l.to_ascii_lowercase();
        let host = l.split('/').find(|p| p.contains('.')).unwrap_or("");
        [
            ".xyz",
            ".top",
            ".click",
            ".win",
            ".bonus",
            "-bonus",
            "-giveaway",
            "-rewards",
            "-promo",
        ]
        .iter()
        .any(|s| host.contains(s))
    }) {
        score += 1;
        why.push("link to a throwaway or look-alike domain".into());
    }
    if counts.has(Cue::Fail) || counts.has(Cue::Demand) {
        score -= 2;
        why.push("complaint cues (not spam)".into());
    }
    score >= 3
}

/// Emotional intensity 0–1 [A7]: capitals, `!!!` and `???`, emoji, intensifiers, swearing and
/// insults, squashed so that each adds less once the text is already intense.
pub fn emotion(tokens: &Tokens, counts: &CueCounts, profanity: bool, why: &mut Vec<String>) -> f32 {
    let mut x = 0f32;
    if tokens.letters >= 6 {
        let share = tokens.upper as f32 / tokens.letters as f32;
        if share > 0.5 {
            x += 1.0 * share;
            why.push(format!("{:.0}% capitals", share * 100.0));
        }
    }
    let (mut excl, mut multi, mut emoji) = (0u32, 0u32, 0u32);
    for t in tokens.tokens() {
        match t.kind {
            TokKind::Mark => {
                let s = tokens.text(t);
                if s.contains('!') {
                    excl += 1;
                }
                if s.len() >= 2 {
                    multi += 1;
                }
            }
            TokKind::Emoji | TokKind::Emoticon => emoji += 1,
            _ => {}
        }
    }
    if excl > 0 {
        x += 0.25 * excl.min(3) as f32;
        why.push(format!("{excl} exclamation(s)"));
    }
    if multi > 0 {
        x += 0.35 * multi.min(3) as f32;
        why.push(format!("{multi} repeated !!!/???"));
    }
    if emoji > 0 {
        x += 0.12 * emoji.min(5) as f32;
        why.push(format!("{emoji} emoji"));
    }
    let int = counts.get(Cue::Intensifier);
    if int > 0 {
        x += 0.2 * int.min(3) as f32;
        why.push(format!("{int} intensifier(s)"));
    }
    if profanity {
        x += 0.5;
        why.push("swearing".into());
    }
    if counts.has(Cue::Insult) {
        x += 0.4;
        why.push("insult".into());
    }
    1.0 - (-x).exp()
}

/// Words that say a problem was solved: thanks after them is sincere, not sarcastic.
const RESOLVED: &[&str] = &[
    "почин",
    "исправ",
    "решил",
    "решен",
    "помогл",
    "вернул",
    "разобрал",
    "fixed",
    "resolved",
    "solved",
    "helped",
    "sorted",
    "refunded",
    "rezolv",
    "reparat",
    "ajutat",
    "returnat",
];

/// Longest text (in words) the sarcasm rule reads: in long reviews, praise of one part and a
/// complaint about another are both sincere.
const SARCASM_MAX_WORDS: usize = 30;

/// Sarcasm: praise or thanks aimed at a failure ("Спасибо, МТС, за третий день без связи 👏",
/// "Not bad at all — 45 min on hold and then the call drops"), in a short text, unless the
/// failure was fixed.
pub fn sarcasm(tokens: &Tokens, counts: &CueCounts, why: &mut Vec<String>) -> bool {
    // A problem: a failure, lost money, or lost time (two time cues: "ждём второй час",
    // "50 minutes on hold"; or one with an ironic phrase).
    let time = counts.get(Cue::Time);
    let problem = counts.has(Cue::Fail)
        || counts.has(Cue::Money)
        || time >= 2
        || (time >= 1 && counts.has(Cue::Irony));
    if !problem {
        return false;
    }
    let words = tokens
        .tokens()
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .count();
    if words > SARCASM_MAX_WORDS {
        return false;
    }
    let resolved = tokens
        .tokens()
        .iter()
        .any(|t| t.kind == TokKind::Word && RESOLVED.iter().any(|r| tokens.text(t).starts_with(r)));
    if resolved {
        return false;
    }
    let ironic_emoji = tokens.tokens().iter().any(|t| {
        t.kind == TokKind::Emoji && matches!(tokens.text(t), "👏" | "🙃" | "🤡" | "🙄" | "😏")
    });
    // Thanks that opens the text ("Спасибо, МТС, за…", "Thanks @united for…").
    let opens_with_thanks = tokens
        .tokens()
        .iter()
        .find(|t| t.kind == TokKind::Word)
        .is_some_and(|t| {
            matches!(
                tokens.text(t),
                "спасибо"
                    | "благодарю"
                    | "дякую"
                    | "thanks"
                    | "thank"
                    | "thx"
                    | "multumesc"
                    | "mersi"
                    | "браво"
                    | "bravo"
                    | "great"
                    | "отлично"
                    | "супер"
                    | "super"
            )
        });
    if counts.has(Cue::Irony) || opens_with_thanks || ironic_emoji {
        why.push("sarcasm: praise or thanks aimed at a failure".into());
        return true;
    }
    false
}

crate::named_enum! {
    /// The kind of a mention [T1–T6].
    pub enum Kind {
        Complaint = "complaint",
        Question = "question",
        Troll = "troll",
        Spam = "spam",
        Praise = "praise",
        Other = "other",
    }
}

/// What the kind rules read.
#[derive(Debug, Clone, Copy)]
pub struct KindInput {
    pub negative: f32,
    pub positive: f32,
    pub toxic: bool,
    pub spam: bool,
    pub question: bool,
    pub sarcasm: bool,
    pub counts: CueCounts,
}

/// Decide the kind [T1–T6] and the rule that decided it.
pub fn kind(i: &KindInput) -> (Kind, &'static str) {
    let c = &i.counts;
    // A concrete problem: something failed, money was lost, or the customer demands a fix.
    let concrete =
        c.has(Cue::Fail) || c.has(Cue::Demand) || (c.has(Cue::Money) && i.negative > 0.3);
    let negative = i.sarcasm || i.negative >= 0.5;
    if i.spam {
        return (Kind::Spam, "T4: spam cues");
    }
    if concrete && (negative || i.negative > i.positive) {
        return (Kind::Complaint, "T1: negative about a concrete problem");
    }
    // A troll insults; a rude question or a toxic-sounding short text without an insult is
    // still a question or a complaint.
    // An insult cue is a troll whatever the sentiment model says about a short text.
    let insulting = c.has(Cue::Insult) || (i.toxic && !i.question);
    if insulting && (c.has(Cue::Insult) || negative || i.positive < 0.5) {
        return (Kind::Troll, "T3: insult or hate without a concrete problem");
    }
    if i.question {
        if concrete && c.has(Cue::Money) {
            return (Kind::Complaint, "T1: a question about lost money");
        }
        if i.negative >= 0.75 && (c.has(Cue::Money) || c.has(Cue::Time)) {
            return (
                Kind::Complaint,
                "T1: an angry question about lost time or money",
            );
        }
        return (Kind::Question, "T6/L2: asks something");
    }
    if c.has(Cue::News) && !negative {
        return (Kind::Other, "news or an announcement, not feedback");
    }
    if negative {
        return (Kind::Complaint, "T1: negative about the product or service");
    }
    if i.positive >= 0.4 && i.positive > i.negative {
        return (Kind::Praise, "positive feedback");
    }
    (Kind::Other, "neutral")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cues::CueSet;

    fn prep(s: &str) -> (Tokens, Vec<CueHit>, CueCounts) {
        let mut t = Tokens::new();
        t.fill(s);
        let mut hits = Vec::new();
        CueSet::builtin().find(&t, &mut hits);
        let c = CueCounts::from_hits(&hits);
        (t, hits, c)
    }

    fn is_q(s: &str) -> bool {
        let (t, h, _) = prep(s);
        question(&t, &h, &mut Vec::new())
    }

    // L2
    #[test]
    fn questions_angry_rhetorical_and_without_marks() {
        for q in [
            "почему не отвечаете??",
            "ну и где?",
            "do you even read these?",
            "Почему не отвечаете",
            "подскажите где купить сок",
            "Будет ли доставка завтра",
            "Where can I buy this juice",
            "any update on my refund",
            "Can you check my order",
            "De ce nu răspundeți",
            "Spuneți-mi vă rog programul",
            "Unde pot cumpăra sucul",
            "Когда будет свет",
        ] {
            assert!(is_q(q), "{q}");
        }
    }

    #[test]
    fn statements_and_exclamations_are_not_questions() {
        for s in [
            "Как же вы достали!",
            "Когда я позвонил в поддержку, мне нагрубили и бросили трубку.",
            "Will never fly with you again",
            "Спасибо за быструю доставку",
            "Cum se poate așa ceva!",
            "Как всегда отлично",
            "Great service, thanks",
            "Mulțumesc pentru ajutor",
            "ЗАЕ**ЛИ со своими рассылками",
            "Облачко спасло диплом, когда ноут сдох",
        ] {
            assert!(!is_q(s), "{s}");
        }
    }

    fn is_spam(s: &str) -> bool {
        let (t, _, c) = prep(s);
        spam(s, &t, &c, &mut Vec::new())
    }

    // T4
    #[test]
    fn spam_offers_in_three_languages() {
        for s in [
            "Заработок от 5000₽ в день без вложений, пиши в лс",
            "Earn $500/day from home!!! DM me https://bit.ly/x",
            "Câștigă bani rapid de acasă, investiții crypto, link in bio",
            "Free iPhone giveaway, click the link https://t.me/win",
            "Bitcoin x10 за неделю, переходи t.me/cryptoking",
        ] {
            assert!(is_spam(s), "{s}");
        }
    }

    #[test]
    fn complaints_and_questions_about_money_are_not_spam() {
        for s in [
            "Списали 500 руб за подписку, которую я не оформлял, верните деньги",
            "Как получить бонус по акции?",
            "My refund of $120 never arrived https://example.com/ticket",
            "Am plătit 200 lei și comanda nu a ajuns",
            "Бесплатная доставка не работает",
        ] {
            assert!(!is_spam(s), "{s}");
        }
    }

    fn emo(s: &str, prof: bool) -> f32 {
        let (t, _, c) = prep(s);
        emotion(&t, &c, prof, &mut Vec::new())
    }

    // A7
    #[test]
    fn emotion_rises_with_caps_marks_and_swearing() {
        let calm = emo("Подскажите, пожалуйста, часы работы", false);
        let angry = emo("ВЕРНИТЕ ДЕНЬГИ!!! СКОЛЬКО МОЖНО???", false);
        let swearing = emo("опять не работает, очень злюсь 😡😡", true);
        assert!(calm < 0.2, "{calm}");
        assert!(angry > 0.7, "{angry}");
        assert!(swearing > calm && swearing > 0.5, "{swearing}");
        assert!(angry <= 1.0);
    }

    fn sarc(s: &str) -> bool {
        let (t, _, c) = prep(s);
        sarcasm(&t, &c, &mut Vec::new())
    }

    #[test]
    fn sarcasm_is_praise_aimed_at_a_failure() {
        assert!(sarc("Спасибо, МТС, за третий день без связи 👏"));
        assert!(sarc(
            "Not bad at all — 45 min on hold and then the call drops"
        ));
        assert!(sarc(
            "Mulțumesc pentru a treia zi fără internet, nu merge nimic"
        ));
        assert!(!sarc(
            "Спасибо, что быстро починили интернет, который не работал"
        ));
        assert!(!sarc("Thanks for the quick help!"));
        assert!(!sarc("Not bad at all, the new app is fast"));
        assert!(!sarc(
            "super, am incarcat de patru ori un telefon fara probleme!"
        ));
        assert!(!sarc("Спасибо, всё работает без проблем"));
    }

    fn input(neg: f32, pos: f32, s: &str) -> KindInput {
        let (_, _, c) = prep(s);
        KindInput {
            negative: neg,
            positive: pos,
            toxic: false,
            spam: false,
            question: false,
            sarcasm: false,
            counts: c,
        }
    }

    // T1–T6
    #[test]
    fn kind_rules() {
        let k = |i: KindInput| kind(&i).0;
        assert_eq!(
            k(input(0.9, 0.0, "опять не работает интернет")),
            Kind::Complaint
        );
        let mut troll = input(0.8, 0.0, "вы все идиоты");
        troll.toxic = true;
        assert_eq!(k(troll), Kind::Troll);
        let mut swearing_complaint = input(0.9, 0.0, "бл*, опять не работает интернет");
        swearing_complaint.toxic = true;
        assert_eq!(k(swearing_complaint), Kind::Complaint);
        let mut q = input(0.2, 0.1, "где купить сок");
        q.question = true;
        assert_eq!(k(q), Kind::Question);
        let mut money_q = input(0.6, 0.0, "почему с меня второй раз списали 500 рублей??");
        money_q.question = true;
        assert_eq!(k(money_q), Kind::Complaint);
        assert_eq!(k(input(0.05, 0.9, "обожаю ваш сок")), Kind::Praise);
        assert_eq!(
            k(input(0.1, 0.1, "в Москве открылся новый офис")),
            Kind::Other
        );
        let mut s = input(0.1, 0.1, "заработок");
        s.spam = true;
        assert_eq!(k(s), Kind::Spam);
    }
}
