//! Cue lexicons: short phrases in Russian, Ukrainian, English and Romanian that mark a failure,
//! lost time or money, a demand, thanks, negation, intensity, a question, an insult or a spam
//! offer. Rules (question [L2], spam [T4], kind [T1–T6], emotion [A7], sarcasm) and the learned
//! models (as features) both read them.
//!
//! A phrase is a sequence of token patterns matched against the normalized tokens; a pattern
//! ending in `*` matches any word with that prefix. Phrases are indexed by the first character
//! of their first pattern, so a text costs a few lookups per token.

use crate::lookup::HashIndex;
use crate::tokenize::{TokKind, Tokens};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A category of cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cue {
    /// Something does not work, broke, was lost or refused ("не работает", "nu merge", "broken").
    Fail,
    /// Time lost ("третий день", "45 min on hold", "de o săptămână").
    Time,
    /// Money lost or charged ("списали", "charged twice", "bani înapoi").
    Money,
    /// A demand ("верните", "refund", "rambursare").
    Demand,
    /// Thanks or praise words, the raw material of sarcasm ("спасибо", "great", "bravo").
    Thanks,
    /// Negators ("не", "not", "nu").
    Negator,
    /// Intensifiers ("очень", "so", "foarte") [A7].
    Intensifier,
    /// Interrogative words that open a question ("почему", "where", "unde") [L2].
    Interrogative,
    /// Requests that are questions without a question mark ("подскажите", "let me know") [L2].
    Request,
    /// Insults aimed at people ("идиоты", "losers", "proștilor") [T3].
    Insult,
    /// Strong spam cues: crypto, earnings, casino, giveaways, messenger invites [T4].
    SpamStrong,
    /// Weak spam cues: free, promo, discount, subscribe [T4].
    SpamWeak,
    /// Sarcasm markers that invert praise ("ага", "yeah right", "👏" is handled as an emoji).
    Irony,
    /// A negated negative word: mild praise ("не плохо", "not bad", "nu e rău").
    NegatedNegative,
    /// News and announcements ("сообщает пресс-служба", "announces", "potrivit presei").
    News,
}

impl Cue {
    /// Stable name used in features and explanations.
    pub fn as_str(self) -> &'static str {
        match self {
            Cue::Fail => "fail",
            Cue::Time => "time",
            Cue::Money => "money",
            Cue::Demand => "demand",
            Cue::Thanks => "thanks",
            Cue::Negator => "negator",
            Cue::Intensifier => "intensifier",
            Cue::Interrogative => "interrogative",
            Cue::Request => "request",
            Cue::Insult => "insult",
            Cue::SpamStrong => "spam_strong",
            Cue::SpamWeak => "spam_weak",
            Cue::Irony => "irony",
            Cue::NegatedNegative => "negated_negative",
            Cue::News => "news",
        }
    }
}

const FAIL: &[&str] = &[
    // ru
    "не работ*",
    "не раб",
    "неработ*",
    "не пришл*",
    "не приход*",
    "не приш*",
    "не доставил*",
    "не доставлен*",
    "не могу",
    "не может",
    "не получ*",
    "не дозвон*",
    "не грузит*",
    "не загружа*",
    "не включа*",
    "не открыва*",
    "не ловит",
    "не принима*",
    "не вернул*",
    "не вернули",
    "не начисл*",
    "не подключ*",
    "сломал*",
    "слома*",
    "сломан*",
    "полом*",
    "глюч*",
    "виснет",
    "зависа*",
    "тормоз*",
    "лежит",
    "упал",
    "отключил*",
    "отключен*",
    "нет связи",
    "без связи",
    "нет интернета",
    "без интернета",
    "нет света",
    "пропал*",
    "потеряли",
    "потерял*",
    "задерж*",
    "опозда*",
    "отмен*",
    "ошибк*",
    "сбой",
    "сбои",
    "баг",
    "брак",
    "бракован*",
    "испорчен*",
    "тухл*",
    "без уведомлени*",
    "без предупреждени*",
    "подняли",
    "издеваетесь",
    "вы серьезно",
    "удалил*",
    "не приехал*",
    "не вернули",
    "съел*",
    "просроч*",
    "холодн*",
    "обман*",
    "обманули",
    "развод*",
    "кинули",
    "навязали",
    "заблокир*",
    "блокир*",
    "отказал*",
    "отказыва*",
    "хамство",
    "нахамил*",
    "хамят",
    "ужасн*",
    "отвратительн*",
    "кошмар",
    "безобраз*",
    "позор",
    "бардак",
    "отстой",
    "не работают",
    "до сих пор",
    "так и не",
    "опять",
    "снова",
    // uk
    "не працю*",
    "не прийш*",
    "зламал*",
    "немає зв'язку",
    "без зв'язку",
    "затрим*",
    // en
    "not working",
    "doesn't work",
    "does not work",
    "didn't work",
    "stopped working",
    "broken",
    "broke",
    "down again",
    "is down",
    "outage",
    "crash*",
    "not received",
    "never arrived",
    "never received",
    "hasn't arrived",
    "not delivered",
    "lost",
    "missing",
    "cancelled",
    "canceled",
    "delayed",
    "delay*",
    "late",
    "stuck",
    "can't",
    "cannot",
    "unable",
    "won't",
    // "nobody" alone is not a failure ("nobody asked"); nobody answering or helping is.
    "no one answer*",
    "nobody answer*",
    "no one respon*",
    "nobody respon*",
    "no one repl*",
    "nobody repl*",
    "no one help*",
    "nobody help*",
    "no one call*",
    "nobody call*",
    "no one pick*",
    "nobody pick*",
    "rude",
    "worst",
    "terrible",
    "horrible",
    "awful",
    "disgusting",
    "scam",
    "ripoff",
    "rip-off",
    "ripped",
    "error",
    "fail*",
    "issue",
    "problem*",
    "damaged",
    "wrong",
    "still no",
    "still waiting",
    "hung up",
    "drops",
    "dropped",
    "disconnected",
    "overbooked",
    "misconnect*",
    "deleted",
    "auto-renewed",
    "logs me out",
    "cold",
    "losing",
    "without a single",
    // ro
    "nu merge",
    "nu functioneaza",
    "nu functiona*",
    "nu a ajuns",
    "nu au ajuns",
    "nu a venit",
    "nu am primit",
    "nu primesc",
    "nu pot",
    "nu se poate",
    "stricat*",
    "defect*",
    "s-a stricat",
    "s-a defectat",
    "pierdut*",
    "intarzi*",
    "anulat*",
    "eroare",
    "problema",
    "probleme",
    "teapa",
    "furt",
    "furat*",
    "executa*",
    "executat*",
    "ingrozitor",
    "groaznic",
    "jalnic",
    "bataie de joc",
    "nu recomand",
    "dezamagi*",
    "slab",
    "prost",
    "proasta",
    "fara internet",
    "fara semnal",
    "fara curent",
    "fara lumina",
    "fara retea",
];

const TIME: &[&str] = &[
    "день",
    "дня",
    "дней",
    "неделю",
    "недели",
    "недель",
    "месяц*",
    "час",
    "часа",
    "часов",
    "минут*",
    "сутки",
    "суток",
    "третий день",
    "второй день",
    "с утра",
    "со вчера",
    "с понедельника",
    "до сих пор",
    "уже",
    "ждать",
    "жду",
    "ждем",
    "ждём",
    "ожидани*",
    "тижд*",
    "годин*",
    "днів",
    "hour*",
    "hrs",
    "day",
    "days",
    "week*",
    "month*",
    "min",
    "mins",
    "minutes",
    "since",
    "waiting",
    "wait",
    "waited",
    "on hold",
    "still",
    "yet",
    "again",
    "forever",
    "ore",
    "ora",
    "zile",
    "zi",
    "saptaman*",
    "luni",
    "astept*",
    "asteptat",
    "de o",
    "inca",
];

const MONEY: &[&str] = &[
    "списал*",
    "списыва*",
    "списани*",
    "деньг*",
    "денег",
    "руб*",
    "₽",
    "оплат*",
    "заплатил*",
    "платеж*",
    "возврат*",
    "комисси*",
    "штраф*",
    "переплат*",
    "счет",
    "тариф*",
    "гроші",
    "charged",
    "charge*",
    "refund*",
    "money",
    "paid",
    "pay",
    "fee",
    "fees",
    "billing",
    "bill",
    "$",
    "compensat*",
    "voucher",
    "bani",
    "banii",
    "lei",
    "plata",
    "platit",
    "taxa*",
    "rambursa*",
    "retur*",
    "factura",
];

const DEMAND: &[&str] = &[
    "верните",
    "вернуть",
    "требую",
    "разберитесь",
    "примите меры",
    "исправьте",
    "компенсир*",
    "поверніть",
    "refund",
    "give me",
    "fix it",
    "fix this",
    "i want",
    "i demand",
    "compensate",
    "vreau banii",
    "returnati",
    "rezolvati",
];

const THANKS: &[&str] = &[
    "спасибо",
    "благодар*",
    "отличн*",
    "прекрасн*",
    "супер",
    "класс",
    "классн*",
    "молодц*",
    "браво",
    "люблю",
    "обожаю",
    "круто",
    "здорово",
    "лучш*",
    "дякую",
    "чудов*",
    "thanks",
    "thank",
    "thx",
    "great",
    "awesome",
    "amazing",
    "love",
    "loving",
    "nice",
    "bravo",
    "excellent",
    "perfect",
    "best",
    "wonderful",
    "fantastic",
    "good job",
    "well done",
    "kudos",
    "multumesc",
    "multumim",
    "mersi",
    "super",
    "excelent",
    "minunat",
    "perfect",
    "bravo",
    "felicitari",
];

const NEGATOR: &[&str] = &[
    "не", "ни", "нет", "ні", "нема", "без", "not", "no", "never", "don't", "doesn't", "didn't",
    "isn't", "wasn't", "aren't", "won't", "can't", "nu", "nici", "n-am", "n-a", "fara",
];

const INTENSIFIER: &[&str] = &[
    "очень",
    "вообще",
    "совсем",
    "абсолютно",
    "совершенно",
    "ужасно",
    "просто",
    "сильно",
    "крайне",
    "настолько",
    "такой",
    "такая",
    "такое",
    "дуже",
    "зовсім",
    "so",
    "very",
    "really",
    "totally",
    "absolutely",
    "extremely",
    "completely",
    "ever",
    "seriously",
    "literally",
    "fucking",
    "such",
    "foarte",
    "extrem",
    "deloc",
    "absolut",
    "complet",
    "total",
    "atat",
    "chiar",
];

const INTERROGATIVE: &[&str] = &[
    "почему",
    "зачем",
    "когда",
    "где",
    "куда",
    "откуда",
    "как",
    "сколько",
    "кто",
    "что",
    "чего",
    "какой",
    "какая",
    "какое",
    "какие",
    "каким",
    "ли",
    "разве",
    "неужели",
    "можно",
    "есть ли",
    "будет ли",
    "чому",
    "коли",
    "де",
    "як",
    "скільки",
    "хто",
    "що",
    "чи",
    "why",
    "where",
    "when",
    "how",
    "what",
    "who",
    "which",
    "whom",
    "whose",
    "can",
    "could",
    "would",
    "will",
    "is",
    "are",
    "do",
    "does",
    "did",
    "have",
    "has",
    "should",
    "any",
    "de ce",
    "unde",
    "cand",
    "cum",
    "ce",
    "cine",
    "cat",
    "cate",
    "care",
    "puteti",
    "se poate",
    "aveti",
    "exista",
    "oare",
    "mai",
];

const REQUEST: &[&str] = &[
    "подскажите",
    "скажите",
    "расскажите",
    "объясните",
    "уточните",
    "посоветуйте",
    "подскажи",
    "скажи",
    "хотелось бы узнать",
    "хочу узнать",
    "интересует",
    "интересно",
    "не подскажете",
    "не могли бы",
    "підкажіть",
    "скажіть",
    "tell me",
    "let me know",
    "please advise",
    "please confirm",
    "any update",
    "any news",
    "any info",
    "wondering",
    "i wonder",
    "anyone know",
    "does anyone",
    "help me understand",
    "spuneti-mi",
    "spuneti",
    "va rog sa-mi spuneti",
    "as dori sa stiu",
    "ma intereseaza",
    "ma puteti ajuta",
    "astept un raspuns",
    "lamuriti",
];

const INSULT: &[&str] = &[
    "идиот*",
    "дебил*",
    "дегенерат*",
    "кретин*",
    "урод*",
    "уроды",
    "твар*",
    "мраз*",
    "скотин*",
    "козел",
    "козлы",
    "козлин*",
    "быдл*",
    "чмо",
    "лох*",
    "тупиц*",
    "тупые",
    "тупой",
    "тупорыл*",
    "даун*",
    "придурк*",
    "придурок",
    "ублюд*",
    "выродк*",
    "сдохн*",
    "сдохните",
    "убить",
    "убью",
    "ненавижу",
    "недоумк*",
    "ничтожеств*",
    "дурак*",
    "дура",
    "дуры",
    // Abuse and hate aimed at people or groups [T3]. Interjections that swear at a situation
    // ("сука, опять не работает") are profanity, not insults, and are not here.
    "долбоеб*",
    "долбаеб*",
    "далбаеб*",
    "мудак*",
    "мудил*",
    "шлюх*",
    "гандон*",
    "гондон*",
    "пидор*",
    "пидар*",
    "пидр*",
    "педик*",
    "уебок*",
    "уебан*",
    "ебанат*",
    "выблядк*",
    "выблядок",
    "гнида",
    "гниды",
    "паскуд*",
    "хохл*",
    "хохол",
    "жиды",
    "жидов",
    "жидам",
    "жидовск*",
    "чурк*",
    "хачи",
    "хачей",
    "пиндос*",
    "черножоп*",
    "idiot*",
    "moron*",
    "stupid",
    "dumb",
    "loser*",
    "retard*",
    "imbecile*",
    "scum",
    "trash",
    "garbage people",
    "die",
    "kill yourself",
    "kys",
    "hate you",
    "clown*",
    "pathetic",
    // Slurs and abuse aimed at people (a person is called this, not a product).
    "bitch",
    "bitches",
    "hoe",
    "hoes",
    "thot*",
    "slut*",
    "whore*",
    "cunt*",
    "twat*",
    "faggot*",
    "fag",
    "fags",
    "nigger*",
    "dickhead*",
    "asshole*",
    "bastard*",
    "wanker*",
    "motherfucker*",
    "idiotul*",
    "idioti*",
    "idiotilor",
    "cretin*",
    "prostule",
    "prostilor",
    "tampit*",
    "tampiti",
    "handicapat*",
    "bou",
    "boule",
    "jigodi*",
    "nenorocit*",
    "ratat*",
    "gunoi*",
    "mori",
    "sa mori",
];

const SPAM_STRONG: &[&str] = &[
    "заработ*",
    "заработок",
    "доход*",
    "пассивн*",
    "без вложений",
    "инвест*",
    "крипт*",
    "биткоин*",
    "казино",
    "ставк*",
    "выигр*",
    "розыгрыш*",
    "подработк*",
    "удаленн*",
    "пишите в лс",
    "пиши в лс",
    "в лс",
    "в личку",
    "в директ",
    "переходи*",
    "жми",
    "кликай",
    "telegram",
    "телеграм*",
    "whatsapp",
    "ватсап",
    "t.me",
    "wa.me",
    "займ*",
    "кредит без",
    "earn*",
    "income",
    "profit*",
    "invest*",
    "crypto*",
    "bitcoin",
    "btc",
    "usdt",
    "eth",
    "forex",
    "casino",
    "bet",
    "betting",
    "jackpot",
    "giveaway",
    "win a",
    "winner",
    "prize",
    "from home",
    "work from home",
    "dm me",
    "dm for",
    "click the link",
    "link in bio",
    "sign up",
    "onlyfans",
    "followers",
    "loan*",
    "airdrop",
    "nft*",
    "$$$",
    "продаю",
    "продам",
    "раздача",
    "раздаем",
    "дарит",
    "дарим",
    "доход от",
    "удаленк*",
    "в тг",
    "тг канал",
    "телег*",
    "в профиле",
    "подробности в профиле",
    "места ограничены",
    "реплик*",
    "без отказа",
    "деньги на карту",
    "сообщите код",
    "код из смс",
    "недорого",
    "selling",
    "sell",
    "congratulations",
    "claim",
    "selected",
    "verify",
    "suspended",
    "vouchers",
    "lifetime",
    "f4f",
    "followback",
    "follow back",
    "paypal",
    "dm",
    "replica*",
    "limited spots",
    "castig*",
    "castiga",
    "venit*",
    "investit*",
    "cazino",
    "pariu*",
    "bonus",
    "de acasa",
    "premiu",
    "concurs",
    "cripto*",
    "imprumut*",
    "bani rapid",
    "click",
    "link in bio",
];

const SPAM_WEAK: &[&str] = &[
    "бесплатн*",
    "скидк*",
    "бонус*",
    "промокод*",
    "подпис*",
    "успей",
    "только сегодня",
    "закажи",
    "предложени*",
    "free",
    "discount",
    "promo*",
    "subscribe",
    "follow",
    "offer",
    "limited",
    "today only",
    "hurry",
    "cheap",
    "gratis",
    "gratuit",
    "reducere*",
    "oferta",
    "promotie",
    "abonea*",
    "urmareste",
];

const IRONY: &[&str] = &[
    "ага",
    "ну да",
    "ну спасибо",
    "вот спасибо",
    "спасибо за",
    "спасибо вам за",
    "браво",
    "молодцы",
    "как всегда",
    "в очередной раз",
    "yeah right",
    "thanks for",
    "thank you for",
    "great job",
    "way to go",
    "love how",
    "love that",
    "love it when",
    "just great",
    "not bad",
    "so much for",
    "as always",
    "once again",
    "multumesc pentru",
    "multumim pentru",
    "bravo",
    "ca de obicei",
    "din nou",
];

const NEGATED_NEGATIVE: &[&str] = &[
    "не плохо",
    "неплохо",
    "неплох*",
    "не так уж плохо",
    "ничего плохого",
    "не ужасно",
    "не хуже",
    "не жалею",
    "не пожалел*",
    "не разочаров*",
    "нареканий нет",
    "без нареканий",
    "не погано",
    "непогано",
    "not bad",
    "not too bad",
    "not that bad",
    "no complaints",
    "can't complain",
    "cannot complain",
    "not disappointed",
    "no regrets",
    "never disappoint*",
    "nu e rau",
    "nu este rau",
    "nu-i rau",
    "nu e deloc rau",
    "nu am regretat",
    "nu regret",
    "nu dezamageste",
    "fara probleme",
    "nicio problema",
];

const NEWS: &[&str] = &[
    "сообщает",
    "сообщил*",
    "пресс-служб*",
    "по данным",
    "анонсировал*",
    "объявил*",
    "открыл*",
    "открылся",
    "открылась",
    "запустил*",
    "снизил*",
    "повысил*",
    "переехал*",
    "вакансии",
    "ищет сотрудников",
    "спонсор",
    "новост*",
    "обзор",
    "announces",
    "announced",
    "launches",
    "launched",
    "to acquire",
    "acquires",
    "according to",
    "reports",
    "reported",
    "earnings",
    "shares",
    "is hiring",
    "hiring",
    "opens",
    "press release",
    "reminder",
    "branches are closed",
    "deal",
    "anunta",
    "a anuntat",
    "lanseaza",
    "a lansat",
    "potrivit",
    "introduce",
    "a majorat",
    "deschiderea",
    "sponsorizat",
    "comunicat",
];

/// A compiled phrase pattern: words, each exact or a prefix.
#[derive(Debug)]
struct Phrase {
    cue: Cue,
    words: Vec<(String, bool)>, // (text, is_prefix)
}

/// All cue phrases, indexed for lookup from a token: a phrase whose first word is exact by that
/// word together with the start of its second word (so the dozens of phrases starting with a
/// common word such as "не" are not all tried), a phrase whose first word is a prefix by the
/// first two characters of that prefix.
#[derive(Debug)]
pub struct CueSet {
    phrases: Vec<Phrase>,
    /// [`exact_key`] of the first word and the second word's [`key`] → phrase indices in list
    /// order.
    exact: HashIndex<Vec<usize>>,
    /// [`prefix_key`] of the first two chars of a prefix first word → phrase indices in order.
    prefix: HashIndex<Vec<usize>>,
}

impl CueSet {
    /// The built-in cue set, compiled once.
    pub fn builtin() -> &'static CueSet {
        static SET: OnceLock<CueSet> = OnceLock::new();
        SET.get_or_init(|| {
            let lists: [(Cue, &[&str]); 15] = [
                (Cue::Fail, FAIL),
                (Cue::Time, TIME),
                (Cue::Money, MONEY),
                (Cue::Demand, DEMAND),
                (Cue::Thanks, THANKS),
                (Cue::Negator, NEGATOR),
                (Cue::Intensifier, INTENSIFIER),
                (Cue::Interrogative, INTERROGATIVE),
                (Cue::Request, REQUEST),
                (Cue::Insult, INSULT),
                (Cue::SpamStrong, SPAM_STRONG),
                (Cue::SpamWeak, SPAM_WEAK),
                (Cue::Irony, IRONY),
                (Cue::NegatedNegative, NEGATED_NEGATIVE),
                (Cue::News, NEWS),
            ];
            let mut phrases = Vec::new();
            for (cue, list) in lists {
                for p in list {
                    let mut words = Vec::new();
                    for w in p.split(' ') {
                        let mut norm = String::new();
                        for c in w.chars() {
                            crate::tokenize::fold_into(c, &mut norm);
                        }
                        match norm.strip_suffix('*') {
                            Some(stem) => words.push((stem.to_string(), true)),
                            None => words.push((norm, false)),
                        }
                    }
                    phrases.push(Phrase { cue, words });
                }
            }
            let mut exact: HashMap<u64, Vec<usize>> = HashMap::new();
            let mut prefix: HashMap<u64, Vec<usize>> = HashMap::new();
            for (i, p) in phrases.iter().enumerate() {
                match p.words.first() {
                    Some((w, true)) => prefix.entry(prefix_key(key(w))).or_default().push(i),
                    Some((w, false)) => {
                        let second = p.words.get(1).map(|w| key(&w.0));
                        exact.entry(exact_key(w, second)).or_default().push(i);
                    }
                    None => {}
                }
            }
            CueSet {
                phrases,
                exact: HashIndex::new(exact),
                prefix: HashIndex::new(prefix),
            }
        })
    }

    /// Every cue in `tokens`: (cue, index of the first token, number of tokens).
    pub fn find(&self, tokens: &Tokens, out: &mut Vec<CueHit>) {
        out.clear();
        let toks = tokens.tokens();
        for (i, t) in toks.iter().enumerate() {
            if !matches!(t.kind, TokKind::Word | TokKind::Number | TokKind::Hashtag) {
                continue;
            }
            let text = tokens.text(t);
            if text.is_empty() {
                continue;
            }
            let wordlike = |t: &crate::tokenize::Token| {
                matches!(t.kind, TokKind::Word | TokKind::Number | TokKind::Hashtag)
            };
            let second = toks
                .get(i + 1)
                .filter(|t| wordlike(t))
                .map(|t| key(tokens.text(t)));
            let find_exact =
                |k: u64| -> &[usize] { self.exact.get(k).map_or(&[][..], Vec::as_slice) };
            // The word's hash once, for both keys (`exact_key` of each, without rehashing).
            let h = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
            let alone = find_exact(h);
            let pair = second.map_or(&[][..], |k2| find_exact(pair_key(h, k2)));
            let pre = self
                .prefix
                .get(prefix_key(key(text)))
                .map_or(&[][..], Vec::as_slice);
            // Try the candidates in list order (each slice is sorted), so hits come out in the
            // order of the lexicons.
            let mut lists = [alone, pair, pre];
            while let Some(pi) = next_in_order(&mut lists) {
                let p = &self.phrases[pi];
                if p.words.len() > toks.len() - i {
                    continue;
                }
                let ok = p.words.iter().enumerate().all(|(k, (w, prefix))| {
                    let tk = &toks[i + k];
                    if !matches!(tk.kind, TokKind::Word | TokKind::Number | TokKind::Hashtag) {
                        return false;
                    }
                    let s = tokens.text(tk);
                    if *prefix {
                        s.starts_with(w.as_str())
                    } else {
                        s == w
                    }
                });
                if ok {
                    out.push(CueHit {
                        cue: p.cue,
                        token: i as u32,
                        len: p.words.len() as u32,
                    });
                }
            }
        }
        // A failure word inside a negated negative ("fara probleme", "no issues") is not a
        // failure.
        let negated: Vec<(u32, u32)> = out
            .iter()
            .filter(|h| h.cue == Cue::NegatedNegative)
            .map(|h| (h.token, h.token + h.len))
            .collect();
        if !negated.is_empty() {
            out.retain(|h| {
                h.cue != Cue::Fail
                    || !negated
                        .iter()
                        .any(|&(a, b)| h.token >= a && h.token + h.len <= b)
            });
        }
    }
}

/// Take the smallest head of three sorted index lists.
fn next_in_order(lists: &mut [&[usize]; 3]) -> Option<usize> {
    let (at, &v) = lists
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.first().map(|v| (i, v)))
        .min_by_key(|&(_, v)| *v)?;
    lists[at] = &lists[at][1..];
    Some(v)
}

/// The index key of an exact first word and, for a phrase of several words, the [`key`] of the
/// second. Collisions only cost a wasted check: every candidate is verified word by word.
fn exact_key(first: &str, second: Option<(char, char)>) -> u64 {
    let h = xxhash_rust::xxh3::xxh3_64(first.as_bytes());
    match second {
        None => h,
        Some(k2) => pair_key(h, k2),
    }
}

/// `exact_key(first, Some((a, b)))` from the xxh3 hash `h` of `first`.
#[inline]
fn pair_key(h: u64, (a, b): (char, char)) -> u64 {
    h ^ (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ 0x5851_F42D_4C95_7F2D
}

/// The prefix index key of a word's first two characters.
fn prefix_key((a, b): (char, char)) -> u64 {
    (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The index key of a word: its first two characters (`\0` for the second of a one-letter
/// word). A prefix pattern is at least two characters long, so a word and every pattern that
/// can match it share the key.
fn key(w: &str) -> (char, char) {
    let mut it = w.chars();
    (it.next().unwrap_or('\0'), it.next().unwrap_or('\0'))
}

/// One cue found: its category and the tokens it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    pub cue: Cue,
    pub token: u32,
    pub len: u32,
}

/// Count of hits per cue, for rules.
#[derive(Debug, Default, Clone, Copy)]
pub struct CueCounts([u8; 15]);

impl CueCounts {
    pub fn from_hits(hits: &[CueHit]) -> Self {
        let mut c = CueCounts::default();
        for h in hits {
            let slot = &mut c.0[h.cue as usize];
            *slot = slot.saturating_add(1);
        }
        c
    }
    pub fn get(&self, cue: Cue) -> u32 {
        u32::from(self.0[cue as usize])
    }
    pub fn has(&self, cue: Cue) -> bool {
        self.get(cue) > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(s: &str) -> Vec<Cue> {
        let mut t = Tokens::new();
        t.fill(s);
        let mut out = Vec::new();
        CueSet::builtin().find(&t, &mut out);
        out.iter().map(|h| h.cue).collect()
    }

    #[test]
    fn finds_failures_in_three_languages() {
        assert!(cues("Интернет не работает").contains(&Cue::Fail));
        assert!(cues("my bag never arrived").contains(&Cue::Fail));
        assert!(cues("Nu merge aplicația").contains(&Cue::Fail));
    }

    #[test]
    fn prefix_patterns_match_inflections() {
        assert!(cues("С меня списали деньги дважды").contains(&Cue::Money));
        assert!(cues("Заработок без вложений").contains(&Cue::SpamStrong));
    }

    #[test]
    fn diacritics_do_not_matter() {
        assert!(cues("nu funcționează").contains(&Cue::Fail));
        assert!(cues("nu functioneaza").contains(&Cue::Fail));
    }

    #[test]
    fn negated_failures_are_not_failures() {
        assert!(!cues("incarca fara probleme").contains(&Cue::Fail));
        assert!(cues("incarca fara probleme").contains(&Cue::NegatedNegative));
        assert!(cues("am avut probleme").contains(&Cue::Fail));
    }

    #[test]
    fn every_prefix_pattern_is_at_least_two_characters() {
        for p in &CueSet::builtin().phrases {
            if let Some((w, prefix)) = p.words.first() {
                assert!(!prefix || w.chars().count() >= 2, "{w}");
            }
        }
    }

    #[test]
    fn plain_text_has_no_spam_cue() {
        let c = cues("Хорошая погода сегодня в Москве");
        assert!(!c.contains(&Cue::SpamStrong) && !c.contains(&Cue::Fail));
    }
}
