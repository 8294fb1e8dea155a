//! Profanity and obscenity in a mention — method rule A4 ("Profanity or obscenity in it").
//!
//! [`find_profanity`] finds every profane word of a text in Russian (mat and its derivatives,
//! plus the Ukrainian forms that share its roots), English and Romanian, and reports each one
//! with its byte span in the original text, the language of the list that matched and the
//! canonical root (for explanations). Slurs count as profanity.
//!
//! # How it works
//!
//! 1. **Words.** The text is cut into words: runs of letters, digits, mask characters
//!    (`* _ # % @ $`), inner apostrophes, combining marks and zero-width characters. `.`, `!`
//!    and `-` join two pieces when one of them is a single letter (`х.у.й`, `п.здец`, `sh!t`,
//!    `х-у-й`), and one space joins single letters (`х у й`); `.` and `!` may stand for
//!    letters, `-` and the space do not (`м-да`, `ё-моё`, Romanian `s-a` stay clean). No join
//!    makes an initial and a name one word (`Е.Борисов`), nor a word and the capital letter
//!    of the next sentence (`её.Я`). Leading `* _ # %`, trailing `. - !` and outer
//!    apostrophes are not part of a word; in an `@handle`, `_` separates words.
//! 2. **Normalizing**, with no allocation per character: lower case; `ё є` → `е`, `і` → `и`,
//!    `ґ` → `г`; Latin diacritics dropped (`ă â` → `a`, `ș` → `s`, `ț` → `t`, `ü` → `u`);
//!    full-width, mathematical, circled, squared and small-capital letters and Greek
//!    look-alikes become ASCII; combining marks (zalgo) and zero-width characters are skipped;
//!    a run of one letter is one unit with a count, so `хууууй` matches `хуй` while `as` does
//!    not match `ass`.
//! 3. **Matching** each word against short per-language rules: a stem, the word forms allowed
//!    after it, where the stem may stand (at the word start, after verbal prefixes such as
//!    `на- за- вы- отъ-`, or anywhere in the word) and exceptions. Look-alike characters match
//!    across scripts (`xyй`, `пиzдец`, `ё6анный`, `бл9`, `пид0р`, `fuсk` with a Cyrillic `с`,
//!    `sh1t`, `$hit`, `a$$hole`), and a run of masks stands for up to as many letters
//!    (`f**k`, `п*здец`, `пи*дец`, `бл*`, `х_й`, `п@здец`). The matched part needs two real
//!    letters, no more masks than letters and at most one run of masks, so `****`, `f***`,
//!    `х**` and `@pes_i_mistik` are clean. Russian and Ukrainian rules apply only to words
//!    with a Cyrillic letter (and the matched part must hold one), English and Romanian rules
//!    only to words with a Latin letter, so `eBay` is not `еб-` and `сосок` is not `cock`.
//!    Rules report language `ru`, `en` or `ro`; a Russian root in a word with `і ї є ґ`, and
//!    `їб-`, report `uk`. One match per word: the first rule that matches, by position.
//!
//! One pass over the text, linear in its length, one buffer per call (no allocation per
//! character or per word). While reading letters the scanner checks whether two or three
//! adjacent letters start any stem; a plain word that has no such start is not matched at all
//! (most words). Patterns run as bit-parallel state sets, so masks cannot cause backtracking.
//! Never panics: every span is on `char` boundaries.
//!
//! # Decisions on borderline words
//!
//! Counted: `сука` (and `сучка`, `сукин`; not `сукно`, `сукровица`, the twig `сучок`),
//! `шлюха`, `гандон`, `говно` (like "shit"), `жопа` (like "ass"), `курва`, `пидор`/`педик`/
//! `педераст` and other slurs (`nigger`, `nigga`, `faggot`, `retard`, `kike`, `tranny`,
//! `paki`, `wetback`, `ниггер`); `pussy` (not `pussycat`), bare `ass`, `cock` (not
//! `cocktail`, `cockpit`, `peacock`, `Hitchcock`); `dickhead` and other `dick-` compounds but
//! not bare `Dick` (a name); `fuk`, `fck`, `phuck`, `fvck` (no masks inside these); Romanian
//! `coaie`, `muist`, `curva` (so the Italian/Spanish "curva" is flagged too); Russian mat in
//! Latin transliteration (`blyat`, `nahuy`, `pizdec`, `zaebal`, `cyka`).
//!
//! Not counted (mild, euphemisms or ambiguous; insults are the toxicity rule's job): `блин`,
//! `фиг`/`нифига`, `хрен`, `хер`/`херня`, `ёлки`, `ёпт`, `гребаный`, `дерьмо` (like "crap"),
//! `дебил`, `трахать`, `чмо`; `heck`, `damn`, `hell`, `crap`, `piss`, `bloody`, `bugger`,
//! `porn` (`#foodporn`), `hoe`/`hoes` (a garden tool too), `tits` (birds), bare `fag` (British
//! cigarette), bare `arse` (Romanian "burnt"), `badass`, `kickass`, `jackass`; Romanian
//! `la naiba`, `dracu`, `rahat`, `muiere` (archaic "woman"). Exceptions: `Ебург`
//! (Yekaterinburg), `ЕБИТДА`, `ЕБРР` (a bank), `межоператорский`, `Shiite`, `shiitake`,
//! `Yamashita`, `BitChute`. Masked words with a single real letter (`f***`, `х**`) and two
//! single letters (`х.й`, like initials `Е.Б.`) are not counted; a leading `@` is a handle,
//! never an `a` (`@ss` is a user).
//!
//! # Layout
//!
//! This module holds the public API; each job has its own file: `classify` (what a character
//! is and how it normalizes), `lookalike` (the letters a character of the other script or a
//! digit may stand for), `rule` (the shape of a rule), `tables` (the prefix lists and the
//! rules), `index` (the rules compiled and indexed by letter, the pre-filter), `word` (matching
//! one word against the rules), `scanner` (the one pass that cuts the text into words).

mod classify;
mod index;
mod lookalike;
mod rule;
mod scanner;
mod tables;
mod word;

use scanner::Scanner;

/// One profane word found in a text [A4].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfanityMatch {
    /// UTF-8 byte offset of the start of the matched word in the original text.
    pub start: usize,
    /// UTF-8 byte offset one past its end.
    pub end: usize,
    /// Language of the list that matched: "ru", "en", "ro" (or "uk").
    pub lang: &'static str,
    /// The canonical root that matched (e.g. "хуй", "fuck"), for explanations.
    pub root: &'static str,
}

/// Every profane word in `text`, in order of position.
pub fn find_profanity(text: &str) -> Vec<ProfanityMatch> {
    let mut out = Vec::new();
    if text.len() < 2 {
        return out;
    }
    Scanner::new(text.len(), false).run(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    // A4
    use super::scanner::Scanner;
    use super::tables::{CYR_RULES, LAT_RULES};
    use super::*;

    /// [`find_profanity`] with no pre-filter: every word is matched against every rule.
    fn find_exhaustive(text: &str) -> Vec<ProfanityMatch> {
        let mut out = Vec::new();
        if text.len() >= 2 {
            Scanner::new(text.len(), true).run(text, &mut out);
        }
        out
    }

    fn words(text: &str) -> Vec<&str> {
        find_profanity(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect()
    }

    fn assert_flagged(cases: &[&str]) {
        let mut missed = Vec::new();
        for &c in cases {
            if find_profanity(c).is_empty() {
                missed.push(c);
            }
        }
        assert!(missed.is_empty(), "not flagged: {missed:?}");
    }

    fn assert_clean(cases: &[&str]) {
        let mut wrong = Vec::new();
        for &c in cases {
            let m = find_profanity(c);
            if !m.is_empty() {
                wrong.push((c, m));
            }
        }
        assert!(wrong.is_empty(), "flagged: {wrong:?}");
    }

    fn one(text: &str) -> ProfanityMatch {
        let m = find_profanity(text);
        assert_eq!(m.len(), 1, "{text:?} -> {m:?}");
        m.into_iter().next().unwrap_or(ProfanityMatch {
            start: 0,
            end: 0,
            lang: "",
            root: "",
        })
    }

    fn check_spans(text: &str, ms: &[ProfanityMatch]) {
        assert_eq!(
            ms,
            find_exhaustive(text),
            "pre-filter changed the result for {text:?}"
        );
        let mut prev_end = 0;
        for m in ms {
            assert!(m.start < m.end, "{text:?}: {m:?}");
            assert!(m.end <= text.len(), "{text:?}: {m:?}");
            assert!(text.is_char_boundary(m.start), "{text:?}: {m:?}");
            assert!(text.is_char_boundary(m.end), "{text:?}: {m:?}");
            assert!(
                m.start >= prev_end,
                "overlap or disorder in {text:?}: {ms:?}"
            );
            assert!(text.get(m.start..m.end).is_some());
            prev_end = m.end;
        }
    }

    #[test]
    fn russian_mat_roots_and_derivatives_are_flagged() {
        assert_flagged(&[
            "хуй",
            "хуйня какая-то",
            "да пошли вы нахуй",
            "мне похуй",
            "хуевый сервис",
            "хуёвый сервис",
            "ахуеть",
            "охуенно",
            "нихуя не работает",
            "дохуя денег",
            "схуяли",
            "хули ты",
            "пиздец",
            "пизда",
            "распиздяй",
            "спиздили посылку",
            "пиздёж",
            "ебать",
            "заебал",
            "уебок",
            "выебываться",
            "ебанутый",
            "ёбаный",
            "наебали",
            "доебался",
            "съебись",
            "сьебался",
            "отъебись",
            "от'ебись",
            "долбоёб",
            "переебал",
            "неебический",
            "проебали заказ",
            "заебись",
            "йобаный",
            "бля",
            "блядь",
            "блять",
            "блядина",
            "выблядок",
            "мудак",
            "мудила",
            "мудозвон",
            "отмудохать",
            "пидор",
            "пидар",
            "пидорас",
            "пидарасы",
            "педик",
            "педераст",
            "залупа",
            "манда",
            "мандой",
            "гандон",
            "гондон",
            "шлюха",
            "шлюшка",
            "сука",
            "суки",
            "ссука",
            "сучка",
            "сукин сын",
            "сучара",
            "говно",
            "наговнили",
            "жопа",
            "черножопый",
            "курва",
            "ниггер",
            "гоблядь",
            "рельсоблядка",
        ]);
    }

    #[test]
    fn russian_roots_report_their_canonical_root_and_lang() {
        for (t, root) in [
            ("нахуй", "хуй"),
            ("распиздяй", "пизда"),
            ("выебываться", "ебать"),
            ("блять", "блядь"),
            ("мудозвон", "мудак"),
            ("пидорас", "пидор"),
            ("залупа", "залупа"),
            ("сука", "сука"),
        ] {
            let m = one(t);
            assert_eq!(m.root, root, "{t}");
            assert_eq!(m.lang, "ru", "{t}");
        }
    }

    #[test]
    fn ukrainian_forms_sharing_roots_are_flagged_as_uk() {
        for t in [
            "їбати",
            "заїбав",
            "з'їбав",
            "хуї",
            "пізда",
            "підор",
            "Їбанутий",
        ] {
            let m = one(t);
            assert_eq!(m.lang, "uk", "{t}");
        }
        assert_eq!(one("їбати").root, "їбати");
        assert_eq!(one("пізда").root, "пизда");
    }

    #[test]
    fn russian_masked_and_mixed_script_forms_are_flagged() {
        assert_flagged(&[
            "бл*",
            "бл@",
            "бл9",
            "бл*ть",
            "бл**ь",
            "х_й",
            "х*й",
            "х.у.й",
            "Х.У.Й",
            "х-у-й",
            "е*ать",
            "еб*ть",
            "п@здец",
            "п*здец",
            "пи*дец",
            "п**дец",
            "п.здец",
            "xyй",
            "пиzдец",
            "пиzдeц",
            "ё6анный",
            "е6ать",
            "3аебал",
            "х у й",
            "б л я",
            "хууууй",
            "пиииздец",
            "ХУЙ",
            "ПиЗдЕц",
            "пид0р",
            "с*ка",
            "у**бок",
            "ЗАЕ**ЛИ",
            "е**ть",
            "долбо*б",
            "на*уй",
            "по*уй",
            "ни*уя",
            "ху\u{200B}й",
            "ху\u{00AD}йня",
            "х\u{0301}у\u{0301}й\u{0301}",
        ]);
    }

    #[test]
    fn zalgo_text_is_flagged_and_span_keeps_marks() {
        let t = "ну х\u{0337}\u{0322}у\u{0336}й\u{0338} вам";
        let m = one(t);
        assert_eq!(&t[m.start..m.end], "х\u{0337}\u{0322}у\u{0336}й\u{0338}");
        assert_eq!(m.root, "хуй");
        let t = "f\u{0334}\u{0335}u\u{0336}c\u{0337}k\u{0338}\u{0338}";
        assert_eq!(words(t), vec![t]);
    }

    #[test]
    fn russian_look_alike_words_are_not_flagged() {
        assert_clean(&[
            "блин",
            "нифига",
            "хрен",
            "херня",
            "ёлки",
            "скипидар",
            "хлеба",
            "небо",
            "ребенок",
            "себе",
            "требовать",
            "употреблять",
            "оскорблять",
            "корабля",
            "рубля",
            "колебания",
            "мебель",
            "страхуй",
            "хулиган",
            "застрахуйте",
            "страхую",
            "перестрахуемся",
            "подстрахуй",
            "потребитель",
            "документ",
            "команда",
            "мандарин",
            "командир",
            "мандат",
            "мандраж",
            "Мандельштам",
            "сукно",
            "сукровица",
            "сучок",
            "бляха",
            "бляшка",
            "тихую",
            "сухую",
            "плохую",
            "глухую",
            "лихую",
            "похудеть",
            "похуже",
            "хуже",
            "хутор",
            "худой",
            "выхухоль",
            "Чихуахуа",
            "Тихуана",
            "Хуан",
            "вебинар",
            "веб-сайт",
            "учебник",
            "зебра",
            "гребля",
            "сабля",
            "истреблять",
            "влюбляться",
            "мудрый",
            "премудрость",
            "пиджак",
            "педикюр",
            "педикулёз",
            "Нигерия",
            "Нигер",
            "курвиметр",
            "Ебург",
            "ЕБИТДА",
            "дерьмо",
            "дебил",
            "серебро",
            "победа",
            "Е.Б. Иванов",
            "Е.Борисов",
            "Е.Третьленский",
            "Б.Лядов",
            "А.С.Пушкин",
            "м-да",
            "м-дя",
            "ё-моё",
            "е-мое",
            "е-е-е",
            "ё-п-р-с-т",
            "е6",
            "зааааййй****люблю",
            "люблю её.Я тоже",
            "вопрос...r",
            "т.е. всё хорошо",
            "суббота",
            "сумма",
            "суп",
            "ссуда",
            "ёпрст",
            "межоператорские",
            "ЕБРР",
            "гребаный",
            "хлебало",
        ]);
    }

    #[test]
    fn russian_sentence_with_clean_words_only_is_clean() {
        assert_clean(&[
            "Спасибо большое, доставка пришла вовремя, курьер вежливый!",
            "Команда поддержки помогла с заказом, мандарины свежие.",
            "Требую вернуть деньги за испорченную мебель, это оскорбление.",
            "Застрахуйте посылку, пожалуйста; страхую всё сама.",
        ]);
    }

    #[test]
    fn english_profanity_and_variants_are_flagged() {
        assert_flagged(&[
            "fuck",
            "fucking",
            "motherfucker",
            "clusterfuck",
            "f*ck",
            "f**k",
            "fu*k",
            "f-ck",
            "fck",
            "fcking",
            "fuk",
            "fukin",
            "phuck",
            "fvck",
            "fu\u{0441}k",
            "FUCK",
            "ＦＵＣＫ",
            "\u{1D41F}\u{1D42E}\u{1D41C}\u{1D424}",
            "ꜰᴜᴄᴋ",
            "f.u.c.k",
            "f u c k",
            "fuuuuck",
            "fück",
            "shit",
            "bullshit",
            "sh*t",
            "shitty",
            "sh1t",
            "$hit",
            "sh!t",
            "s**t",
            "cunt",
            "c*nt",
            "bitch",
            "b1tch",
            "sonofabitch",
            "asshole",
            "a**hole",
            "a$$hole",
            "ass",
            "kiss my ass",
            "dumbass",
            "dickhead",
            "cock",
            "cocksucker",
            "pussy",
            "bastard",
            "wanker",
            "twat",
            "slut",
            "whore",
            "nigger",
            "nigga",
            "niggah",
            "thatangrynigga",
            "faggot",
            "retard",
            "retarded",
            "arsehole",
            "bollocks",
        ]);
    }

    #[test]
    fn english_look_alike_words_are_not_flagged() {
        assert_clean(&[
            "heck",
            "damn",
            "hell",
            "crap",
            "Scunthorpe",
            "cocktail",
            "cockpit",
            "peacock",
            "Hitchcock",
            "shuttlecock",
            "Cockburn",
            "assassin",
            "class",
            "classic",
            "pass",
            "bass",
            "grass",
            "assess",
            "assessment",
            "assume",
            "asset",
            "therapist",
            "Dickens",
            "Dick Smith",
            "pussycat",
            "Niger",
            "Nigeria",
            "niggardly",
            "retardant",
            "Wankel engine",
            "Slutsk",
            "Fukuoka",
            "Fukushima",
            "shiitake",
            "shitake mushrooms",
            "Yamashita",
            "Matsushita",
            "Shiite",
            "Shiites",
            "Phuket",
            "pull",
            "pulled",
            "futtock",
            "huesos",
            "Hyundai'ю",
            "eBay'е",
            "#foodporn",
            "computer",
            "analysis",
            "Arsenal",
            "button",
            "title",
            "documentation",
            "Essex",
            "bitcoin",
            "BitChute",
            "snigger",
            "future",
            "futuristic",
            "futon",
            "eBay",
            "ebay",
            "f***",
            "****",
            "a.k.a.",
            "U.S.A.",
        ]);
    }

    #[test]
    fn romanian_profanity_is_flagged() {
        assert_flagged(&[
            "pula",
            "pulă",
            "pula mea",
            "pulele",
            "pizda",
            "pizdă",
            "pizda mă-tii",
            "muie",
            "futu-ți",
            "futu-ti mortii",
            "futui",
            "futut",
            "fut",
            "căcat",
            "cacat",
            "curvă",
            "curva",
            "curvele",
            "târfă",
            "tarfa",
            "bulangiu",
            "poponar",
            "muist",
            "muistule",
            "coaie",
        ]);
        for t in ["pulă", "pizdă", "muie", "futu", "căcat", "curvă", "târfă"] {
            assert_eq!(one(t).lang, "ro", "{t}");
        }
    }

    #[test]
    fn romanian_look_alike_words_are_not_flagged() {
        assert_clean(&[
            "pulover",
            "pulbere",
            "populație",
            "pulsul",
            "puls",
            "pulpa",
            "pizza",
            "pizzerie",
            "muiere",
            "muierea",
            "future",
            "viitor",
            "futil",
            "fotbal",
            "la naiba",
            "dracu",
            "cacao",
            "curbă",
            "curve",
            "curvy",
            "rahat",
            "mâine",
            "becuri arse",
            "m-i s-a stricat",
            "mi s-a spus",
            "într-o zi",
            "dintr-un magazin",
            "a-și face",
            "Mulțumesc pentru ajutor, comanda a ajuns repede.",
        ]);
    }

    #[test]
    fn russian_transliteration_is_flagged_as_ru() {
        for t in [
            "blyat",
            "cyka blyat",
            "nahuy",
            "pizdec",
            "pizdato",
            "zaebal",
            "ebat",
            "pidor",
            "mudak",
        ] {
            let m = find_profanity(t);
            assert!(!m.is_empty(), "{t}");
            assert!(m.iter().all(|m| m.lang == "ru"), "{t}: {m:?}");
        }
        assert_eq!(one("pizda").lang, "ro");
    }

    #[test]
    fn spans_cover_the_whole_word_as_written() {
        assert_eq!(words("Ну ты и мудак!"), vec!["мудак"]);
        assert_eq!(words("what the f*ck."), vec!["f*ck"]);
        assert_eq!(words("#хуй"), vec!["хуй"]);
        assert_eq!(words("бл*, опять"), vec!["бл*"]);
        assert_eq!(words("бл@ опять"), vec!["бл@"]);
        assert_eq!(words("@fuckthis"), vec!["@fuckthis"]);
        assert_eq!(words("это х.у.й!"), vec!["х.у.й"]);
        assert_eq!(words("'хуй'"), vec!["хуй"]);
        assert_eq!(words("«пиздец»"), vec!["пиздец"]);
        assert_eq!(words("по-хуй"), vec!["хуй"]);
        assert_eq!(words("futu-ți"), vec!["futu"]);
        assert_eq!(words("ну х у й же"), vec!["х у й"]);
        assert_eq!(words("п@здец полный"), vec!["п@здец"]);
        assert_eq!(words("ПИЗДЕЦ!!!"), vec!["ПИЗДЕЦ"]);
        assert_eq!(words("*fuck* that"), vec!["fuck"]);
        assert_eq!(words("это **пиздец**!"), vec!["пиздец"]);
        assert_eq!(words("_блядь_"), vec!["блядь"]);
        assert_eq!(words("**бл**"), Vec::<&str>::new());
        assert_eq!(words("sh!t!"), vec!["sh!t"]);
        assert_eq!(words("ху\u{200B}йня"), vec!["ху\u{200B}йня"]);
        let t = "Заказ пришёл, но курьер — мудак.";
        let m = one(t);
        assert_eq!(&t[m.start..m.end], "мудак");
        assert_eq!(m.start, t.find("мудак").unwrap_or(usize::MAX));
    }

    #[test]
    fn several_words_are_reported_in_order_of_position() {
        let t = "fuck this shit, блядь, pula mea";
        let m = find_profanity(t);
        let roots: Vec<&str> = m.iter().map(|m| m.root).collect();
        assert_eq!(roots, vec!["fuck", "shit", "блядь", "pulă"]);
        let langs: Vec<&str> = m.iter().map(|m| m.lang).collect();
        assert_eq!(langs, vec!["en", "en", "ru", "ro"]);
        check_spans(t, &m);
        assert_eq!(words(t), vec!["fuck", "shit", "блядь", "pula"]);
    }

    #[test]
    fn one_match_per_word_even_with_two_roots() {
        assert_eq!(find_profanity("хуйпизда").len(), 1);
        assert_eq!(find_profanity("fuckshit").len(), 1);
    }

    #[test]
    fn empty_tiny_and_emoji_only_texts_have_no_matches() {
        assert_clean(&[
            "",
            "х",
            "a",
            " ",
            "\n\t",
            "😀",
            "🤬🤬🤬",
            "👍🏽👍🏽",
            "🇺🇦🇷🇺",
            "***",
            "@",
            "#",
            "!!!",
            "...",
            "\u{200B}\u{200B}",
            "\u{0301}\u{0301}\u{0301}",
            "12345",
            "3.14",
        ]);
    }

    #[test]
    fn masks_need_two_real_letters() {
        assert_clean(&["х**", "f***", "****", "*уй", "**й", "е*", "a**"]);
    }

    #[test]
    fn hashtags_lose_their_sign_and_handles_split_at_underscores() {
        assert_eq!(words("#пиздец"), vec!["пиздец"]);
        assert_eq!(words("#fuckthis"), vec!["fuckthis"]);
        assert_clean(&[
            "@pizza_lover",
            "#foodporn",
            "@assassin_creed",
            "@pes_i_mistik",
            "@ss",
            "@sshole",
            "@udaff_ka",
            "@jiminshi_ksu",
            "@deph___",
        ]);
        assert_eq!(words("@fuck_u_bich_"), vec!["@fuck"]);
        assert_eq!(words("f_ck"), vec!["f_ck"]);
    }

    #[test]
    fn one_megabyte_texts_return() {
        let mut big = String::new();
        while big.len() < 1 << 20 {
            big.push_str("Доставка опять опоздала, пиздец. The courier was late, fuck. ");
        }
        let m = find_profanity(&big);
        assert!(!m.is_empty());
        check_spans(&big, &m);

        for unit in [
            "х*", "f.", "а", "хуй", "п*и", "е.", "sh*", "@", "х у ", "\u{0301}",
        ] {
            let s = unit.repeat((1 << 20) / unit.len());
            let m = find_profanity(&s);
            check_spans(&s, &m);
        }
    }

    /// A small xorshift PRNG, so the property test needs only `std`.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.0 = x;
            x
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_byte_strings_never_panic_and_give_valid_spans() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let len = rng.below(64);
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let s = String::from_utf8_lossy(&bytes);
            let m = find_profanity(&s);
            check_spans(&s, &m);
        }
    }

    #[test]
    fn random_strings_of_tricky_pieces_never_panic_and_give_valid_spans() {
        const PIECES: &[&str] = &[
            "х",
            "у",
            "й",
            "п",
            "и",
            "з",
            "д",
            "е",
            "ё",
            "б",
            "л",
            "я",
            "ъ",
            "ї",
            "і",
            "f",
            "u",
            "c",
            "k",
            "s",
            "h",
            "a",
            "t",
            "x",
            "y",
            "6",
            "9",
            "0",
            "1",
            "*",
            ".",
            "-",
            "_",
            "@",
            "$",
            "!",
            " ",
            "'",
            "’",
            "#",
            "%",
            "\u{0301}",
            "\u{200B}",
            "\u{FEFF}",
            "😀",
            "\n",
            "ǅ",
            "İ",
            "ẞ",
            "Ⓕ",
            "𝐟",
            "ｆ",
            "ᴜ",
            "ă",
            "ș",
            "хуй",
            "fuck",
            "пизд",
            "бля",
            "\u{10FFFF}",
            "\u{E0001}",
            "Ѐ",
            "Ӂ",
            "ԯ",
            "ΐ",
        ];
        let mut rng = Rng(0x1234_5678_9ABC_DEF1);
        for _ in 0..20_000 {
            let n = rng.below(24);
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(PIECES[rng.below(PIECES.len())]);
            }
            let m = find_profanity(&s);
            check_spans(&s, &m);
        }
    }

    #[test]
    fn pre_filter_never_changes_the_result() {
        let mut all: Vec<String> = Vec::new();
        for r in CYR_RULES.iter().chain(LAT_RULES) {
            all.push(r.stem.to_string());
            for f in r.forms.iter().chain(r.deny) {
                all.push(f.trim_end_matches('$').to_string());
                all.push(format!("за{}", f.trim_end_matches('$')));
                all.push(format!("x{}ing", f.trim_end_matches('$')));
            }
        }
        let text = all.join(" ");
        let m = find_profanity(&text);
        assert!(m.len() > 100);
        assert_eq!(m, find_exhaustive(&text));
        for w in &all {
            assert_eq!(find_profanity(w), find_exhaustive(w), "{w}");
            let up = w.to_uppercase();
            assert_eq!(find_profanity(&up), find_exhaustive(&up), "{up}");
        }
    }

    /// Cost per tweet-length text and per megabyte; run with `--ignored --nocapture`.
    #[test]
    #[ignore]
    fn bench_tweet_length_texts_and_one_megabyte() {
        use std::hint::black_box;
        use std::time::Instant;
        let texts = [
            "Ordered a new phone from @shop on Monday, still not here. Support says wait another \
             week?! This is the third time. Never again, I'm switching to another store #fail",
            "Заказал телефон в понедельник, до сих пор нет. Поддержка говорит ждать ещё неделю. \
             Уже третий раз такое, больше не закажу, перехожу в другой магазин, спасибо за всё",
            "Am comandat un telefon luni și încă nu a ajuns. Suportul spune să mai aștept o \
             săptămână. E a treia oară, nu mai comand de la voi, trec la alt magazin. Mulțumesc",
            "Да вы охуели? Третий раз заказ теряете, пиздец просто. What the fuck, seriously, \
             fix your shit. Ну и бл*ть, сколько можно ждать этот сраный телефон, мудаки!!!",
        ];
        // The cost of merely decoding the text, for scale on this machine.
        let t0 = Instant::now();
        let mut n_chars = 0;
        for _ in 0..200_000 {
            n_chars += black_box(texts[0])
                .chars()
                .filter(|c| c.is_alphabetic())
                .count();
        }
        let base = t0.elapsed().as_nanos() as f64 / 200_000.0;
        println!("baseline: chars().filter(is_alphabetic) over text 0: {base:.0} ns ({n_chars})");
        for t in texts {
            let n = 200_000;
            let t0 = Instant::now();
            let mut hits = 0;
            for _ in 0..n {
                hits += find_profanity(black_box(t)).len();
            }
            let ns = t0.elapsed().as_nanos() as f64 / n as f64;
            println!("{} bytes, {} hits: {ns:.0} ns per text", t.len(), hits / n);
        }
        let mut mixed = String::new();
        while mixed.len() < 1 << 20 {
            mixed.push_str(texts[(mixed.len() / 7) % 4]);
            mixed.push(' ');
        }
        let mut inputs = vec![("mixed tweets".to_string(), mixed)];
        for unit in ["х*", "f.", "ab", "fuckshit", "п*и", "а", "shitake", "@_"] {
            inputs.push((
                format!("{unit:?} repeated"),
                unit.repeat((1 << 20) / unit.len()),
            ));
        }
        for (name, text) in inputs {
            let t0 = Instant::now();
            let m = find_profanity(black_box(&text));
            let ms = t0.elapsed().as_secs_f64() * 1e3;
            println!("1 MB {name}: {ms:.1} ms, {} matches", m.len());
        }
    }
}
