//! The word lists of the check [RC2, RC4, RC5, RC11]: negators and linking words, question,
//! contrast, uncertainty, condition and modal words, filler, and the public numbers and
//! mailboxes of a brand. The phrase tables are in `crate::lexicon`.

/// Words that cancel a phrase right after them.
pub(super) const NEGATORS: &[&str] = &[
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
pub(super) const QUESTION_WORDS: &[&str] = &[
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
pub(super) const TOLL_FREE: &[&str] = &[
    "8800", "7800", "0800", "40800", "1800", "1888", "1877", "1866", "1855", "1844", "44800",
];

pub(super) const GENERIC_MAILBOXES: &[&str] = &[
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
pub(super) const BUT: &[&str] = &["но", "однако", "but", "however", "dar", "insa", "totusi"];

/// Linking words between a negation and what it negates.
pub(super) const LINKS: &[&str] = &[
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
pub(super) const UNCERTAIN: &[&str] = &[
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
pub(super) const CONDITIONAL: &[&str] = &["если", "if", "daca", "in case", "в случае"];

/// After "you should have", "вы должны были", "ar fi trebuit să": what makes it information
/// ("you should have received an e-mail") rather than blame [RC5].
pub(super) const INFO_EXACT: &[&str] = &[
    "a", "an", "the", "your", "our", "got", "gotten", "been", "seen", "heard", "access", "now",
    "it", "this", "one", "no", "by", "some", "any", "had", "уже", "already", "быть", "fiti",
    "fost",
];

pub(super) const INFO_PREFIX: &[&str] = &["получ", "receiv", "primi", "felt", "thought", "wonder"];

/// The modal words those phrases are built on.
pub(super) const MODALS: &[&str] = &[
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
pub(super) const FILLER: &[&str] = &[
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
/// A card or number of these is a loyalty or bonus card, not confidential [RC11].
pub(super) const LOYALTY: &[&str] = &[
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

/// "the last four digits of the card" is how banks ask safely [RC11].
pub(super) const LAST_DIGITS: &[&str] =
    &["последние", "последних", "last", "ultimele", "ultimelor"];
