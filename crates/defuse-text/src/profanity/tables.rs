//! The word tables of the profanity scanner [A4]: the prefix lists and the Cyrillic and Latin
//! rules. The shape of a rule is in `rule.rs`, the matching code in `index.rs` and `word.rs`.

use super::rule::{Left, Rule, exact, masked, rule};

/// Prefixes before `ху-` (нахуй, похуй, ахуеть, схуяли); no `у`/`с`+`у` so `сухую`, `тихую`
/// stay clean, and `стра-` is none of them (`страхуй`, `застрахуйте`).
const P_HU: &[&str] = &[
    "на", "по", "ни", "не", "до", "за", "от", "о", "а", "при", "с", "рас", "раз", "под", "пере",
];
/// Prefixes before `еб-`/`йоб-`: a consonant-final prefix needs `ъ` (`съеб-`, not `себе`;
/// `въеб-`, not `веб`).
const P_EB: &[&str] = &[
    "за",
    "у",
    "вы",
    "на",
    "до",
    "по",
    "при",
    "про",
    "пере",
    "недо",
    "не",
    "ни",
    "разъ",
    "съ",
    "отъ",
    "подъ",
    "изъ",
    "объ",
    "въ",
    "взъ",
    "надъ",
    "долбо",
    "долба",
    "далба",
    "далбо",
    "мозго",
    "хуе",
];
const P_BLYA: &[&str] = &["вы", "по", "за"];
const P_MUD: &[&str] = &["от", "из", "раз", "рас", "вы", "за"];
const P_PID: &[&str] = &["от", "вы", "за", "рас", "раз"];
const P_GOVN: &[&str] = &["на", "за", "об", "от"];
/// Ukrainian prefixes before `їб-` (`і` is folded to `и`: `від-` → `вид-`).
const P_UK: &[&str] = &[
    "з", "зъ", "за", "на", "ви", "вы", "до", "по", "про", "пере", "роз", "розъ", "раз", "разъ",
    "вид", "видъ", "пид", "пидъ", "у", "при", "недо", "не", "съ", "отъ", "изъ", "объ", "въ",
    "подъ",
];

/// Rules matched on words with a Cyrillic letter. Pattern letters are normalized: lower case,
/// `е` for `ё`/`є`, `и` for `і`, `г` for `ґ`.
pub(super) const CYR_RULES: &[Rule] = &[
    rule(
        "ru",
        "хуй",
        Left::Prefix(P_HU),
        "ху",
        &["хуй", "хуе", "хуя", "хуи", "хую", "хуї", "хули$", "хуле$"],
        &[],
    ),
    rule("ru", "пизда", Left::Anywhere, "пизд", &[], &[]),
    rule("ru", "пизда", Left::Anywhere, "пезд", &[], &[]),
    rule(
        "ru",
        "пизда",
        Left::Start,
        "писд",
        &["писдец", "писда$", "писды$", "писде$", "писду$"],
        &[],
    ),
    rule(
        "ru",
        "ебать",
        Left::Prefix(P_EB),
        "еб",
        &[],
        &["ебург", "ебитд", "ебонит", "ебрр"],
    ),
    rule("ru", "ебать", Left::Prefix(P_EB), "йоб", &[], &[]),
    // Whole words for masks over the stem's first letter: `у**бок`, `долбо*б`, `на*уй`.
    masked(
        "ru",
        "ебать",
        "уе",
        &["уебок", "уебк", "уебищ", "уебан", "уебл"],
    ),
    masked("ru", "ебать", "долб", &["долбоеб", "долбаеб"]),
    masked("ru", "хуй", "на", &["нахуй", "нахуя"]),
    masked("ru", "хуй", "по", &["похуй", "похую", "похуист"]),
    masked("ru", "хуй", "ни", &["нихуя", "нихуй"]),
    masked("ru", "хуй", "о", &["охуе", "охуи"]),
    rule("uk", "їбати", Left::Prefix(P_UK), "їб", &[], &[]),
    rule(
        "ru",
        "блядь",
        Left::Prefix(P_BLYA),
        "бля",
        &["бля$", "бляд", "блят"],
        &[],
    ),
    // `бляд-` inside compounds: `гоблядь`, `шлюхоблядь`, `рельсоблядка`.
    rule("ru", "блядь", Left::Anywhere, "бляд", &[], &[]),
    rule(
        "ru",
        "мудак",
        Left::Prefix(P_MUD),
        "муд",
        &["муда", "муди", "мудо", "муде", "мудя", "мудь"],
        &[],
    ),
    rule(
        "ru",
        "пидор",
        Left::Prefix(P_PID),
        "пид",
        &["пидор", "пидар", "пидер", "пидр"],
        &[],
    ),
    rule(
        "ru",
        "пидор",
        Left::Start,
        "педик",
        &[
            "педик$",
            "педики$",
            "педика$",
            "педику$",
            "педиков$",
            "педиком$",
            "педикам$",
            "педиками$",
            "педиках$",
            "педике$",
        ],
        &[],
    ),
    rule("ru", "пидор", Left::Start, "педераст", &[], &[]),
    rule("ru", "пидор", Left::Start, "педрил", &[], &[]),
    rule("ru", "залупа", Left::Anywhere, "залуп", &[], &[]),
    rule(
        "ru",
        "манда",
        Left::Start,
        "манд",
        &[
            "манда$",
            "манды$",
            "манде$",
            "манду$",
            "мандой$",
            "мандою$",
            "мандавош",
            "мандюк",
        ],
        &[],
    ),
    rule("ru", "гандон", Left::Anywhere, "гандон", &[], &[]),
    rule("ru", "гандон", Left::Anywhere, "гондон", &[], &[]),
    rule("ru", "шлюха", Left::Anywhere, "шлюх", &[], &[]),
    rule("ru", "шлюха", Left::Anywhere, "шлюш", &[], &[]),
    rule(
        "ru",
        "сука",
        Left::Start,
        "су",
        &[
            "сука$",
            "суки$",
            "суке$",
            "суку$",
            "сукой$",
            "сукою$",
            "сукам$",
            "суками$",
            "суках$",
            "сукин",
            "сучар",
            "сучка$",
            "сучке$",
            "сучку$",
            "сучкой$",
            "сучонок",
            "сучонк",
        ],
        &[],
    ),
    rule("ru", "говно", Left::Prefix(P_GOVN), "говн", &[], &[]),
    rule(
        "ru",
        "жопа",
        Left::Anywhere,
        "жоп",
        &[],
        // `межоператорский`, `межопорный`.
        &["жоперат", "жопорн"],
    ),
    rule("ru", "ниггер", Left::Anywhere, "ниггер", &[], &[]),
    rule(
        "ru",
        "курва",
        Left::Start,
        "курв",
        &["курва$", "курвы$", "курве$", "курву$", "курвой$", "курво$"],
        &[],
    ),
];

/// Rules matched on words with a Latin letter. Russian transliterations come first, so
/// `pizdec` is Russian and `pizda` Romanian.
pub(super) const LAT_RULES: &[Rule] = &[
    // Russian mat in Latin transliteration.
    rule(
        "ru",
        "блядь",
        Left::Start,
        "bly",
        &["blyat", "blyad", "blya$"],
        &[],
    ),
    rule("ru", "блядь", Left::Start, "blja", &["bljat", "bljad"], &[]),
    rule(
        "ru",
        "хуй",
        Left::Start,
        "nahu",
        &["nahuy", "nahui", "nahuj"],
        &[],
    ),
    rule(
        "ru",
        "хуй",
        Left::Start,
        "pohu",
        &["pohuy", "pohui", "pohuj"],
        &[],
    ),
    rule(
        "ru",
        "хуй",
        Left::Start,
        "hu",
        &["huynya", "huinya", "huilo", "huylo", "hujlo", "huyovo"],
        &[],
    ),
    rule(
        "ru",
        "хуй",
        Left::Start,
        "khu",
        &["khuy", "khui", "khuj"],
        &[],
    ),
    rule(
        "ru",
        "пизда",
        Left::Anywhere,
        "pizde",
        &["pizdec", "pizdet", "pizdez"],
        &[],
    ),
    rule("ru", "пизда", Left::Anywhere, "pizdat", &[], &[]),
    rule(
        "ru",
        "ебать",
        Left::Start,
        "eba",
        &["ebat", "ebal", "ebanu", "ebany", "ebanat"],
        &[],
    ),
    rule("ru", "ебать", Left::Start, "zaeb", &[], &[]),
    rule("ru", "ебать", Left::Start, "yeba", &["yebat", "yebal"], &[]),
    rule("ru", "пидор", Left::Start, "pid", &["pidor", "pidar"], &[]),
    rule("ru", "мудак", Left::Start, "mudak", &[], &[]),
    rule("ru", "мудак", Left::Start, "mudil", &[], &[]),
    rule("ru", "сука", Left::Start, "cyka", &["cyka$"], &[]),
    // English.
    rule("en", "fuck", Left::Anywhere, "fuck", &[], &[]),
    exact(
        "en",
        "fuck",
        Left::Anywhere,
        "fuk",
        &[
            "fuk$", "fuks$", "fuked$", "fuker", "fuking$", "fukin$", "fukn$", "fukk",
        ],
    ),
    exact("en", "fuck", Left::Anywhere, "fck", &[]),
    exact("en", "fuck", Left::Anywhere, "fvck", &[]),
    exact("en", "fuck", Left::Anywhere, "phuck", &[]),
    exact(
        "en",
        "fuck",
        Left::Anywhere,
        "phuk",
        &[
            "phuk$", "phuks$", "phuked$", "phuker", "phuking$", "phukin$",
        ],
    ),
    rule(
        "en",
        "shit",
        Left::Anywhere,
        "shit",
        &[],
        &[
            "shitake", "shitaki", "shita$", "shittim", "shitzu", "shiite", "shiita",
        ],
    ),
    rule("en", "cunt", Left::Start, "cunt", &[], &[]),
    rule("en", "bitch", Left::Anywhere, "bitch", &[], &["bitchute"]),
    rule("en", "asshole", Left::Anywhere, "asshole", &[], &[]),
    rule(
        "en",
        "ass",
        Left::Start,
        "ass",
        &[
            "ass$", "asses$", "asshat", "asswipe", "assclown", "assface", "asslick", "asskiss",
        ],
        &["assess"],
    ),
    rule("en", "ass", Left::Start, "dumbass", &[], &[]),
    rule("en", "ass", Left::Start, "smartass", &[], &[]),
    rule("en", "ass", Left::Start, "fatass", &[], &[]),
    rule("en", "arsehole", Left::Anywhere, "arsehole", &[], &[]),
    rule(
        "en",
        "dickhead",
        Left::Start,
        "dick",
        &[
            "dickhead", "dickface", "dickwad", "dickweed", "dicksuck", "dickhole",
        ],
        &[],
    ),
    rule(
        "en",
        "cock",
        Left::Start,
        "cock",
        &["cock$", "cocks$", "cocksuck", "cockhead", "cockface"],
        &[],
    ),
    rule(
        "en",
        "pussy",
        Left::Start,
        "puss",
        &["pussy$", "pussies$", "pussys$"],
        &[],
    ),
    rule(
        "en",
        "bastard",
        Left::Start,
        "bastard",
        &["bastard$", "bastards$"],
        &[],
    ),
    rule(
        "en",
        "wanker",
        Left::Start,
        "wank",
        &["wank$", "wanks$", "wanker", "wanking$", "wanked$"],
        &[],
    ),
    rule("en", "twat", Left::Start, "twat", &["twat$", "twats$"], &[]),
    rule(
        "en",
        "slut",
        Left::Start,
        "slut",
        &["slut$", "sluts$", "slutty$"],
        &[],
    ),
    rule("en", "whore", Left::Anywhere, "whore", &[], &[]),
    rule("en", "nigger", Left::Start, "nigger", &[], &[]),
    rule(
        "en",
        "nigger",
        Left::Anywhere,
        "nigg",
        &[
            "nigga$", "niggas$", "niggaz$", "niggah$", "niggahs$", "nigguh$", "nigguhs$", "nigglet",
        ],
        &[],
    ),
    rule("en", "faggot", Left::Start, "faggot", &[], &[]),
    rule(
        "en",
        "retard",
        Left::Start,
        "retard",
        &["retard$", "retards$", "retarded$"],
        &[],
    ),
    rule("en", "kike", Left::Start, "kike", &["kike$", "kikes$"], &[]),
    rule(
        "en",
        "tranny",
        Left::Start,
        "trann",
        &["tranny$", "trannies$"],
        &[],
    ),
    rule("en", "wetback", Left::Start, "wetback", &[], &[]),
    rule("en", "paki", Left::Start, "paki", &["paki$", "pakis$"], &[]),
    rule("en", "bollocks", Left::Start, "bollock", &[], &[]),
    rule("en", "dildo", Left::Start, "dildo", &[], &[]),
    rule("en", "blowjob", Left::Anywhere, "blowjob", &[], &[]),
    rule("en", "jizz", Left::Start, "jizz", &[], &[]),
    // Romanian.
    rule("ro", "pizdă", Left::Anywhere, "pizd", &[], &[]),
    rule(
        "ro",
        "pulă",
        Left::Start,
        "pul",
        &[
            "pula$", "pule$", "pulei$", "pulii$", "pulele$", "pulelor$", "pulamea$", "pulica$",
            "pulita$",
        ],
        &[],
    ),
    rule("ro", "muie", Left::Start, "muie", &["muie$"], &[]),
    rule("ro", "muist", Left::Start, "muist", &[], &[]),
    rule(
        "ro",
        "fut",
        Left::Start,
        "fut",
        &[
            "fut$", "futu$", "futui", "futut", "fute$", "futea$", "futem$", "futeti$", "futi$",
            "futai$", "futaiul", "futacios", "futere$", "futand$",
        ],
        &[],
    ),
    rule("ro", "căcat", Left::Start, "cacat", &[], &["cacatua"]),
    rule(
        "ro",
        "curvă",
        Left::Start,
        "curv",
        &[
            "curva$",
            "curvei$",
            "curvele$",
            "curvelor$",
            "curvo$",
            "curvar",
            "curvasar",
        ],
        &[],
    ),
    rule(
        "ro",
        "târfă",
        Left::Start,
        "tarf",
        &[
            "tarfa$",
            "tarfe$",
            "tarfei$",
            "tarfele$",
            "tarfelor$",
            "tarfo$",
        ],
        &[],
    ),
    rule("ro", "bulangiu", Left::Start, "bulangi", &[], &[]),
    rule("ro", "poponar", Left::Start, "poponar", &[], &[]),
    rule(
        "ro",
        "coaie",
        Left::Start,
        "coai",
        &["coaie$", "coaiele$", "coaielor$"],
        &[],
    ),
];

#[cfg(test)]
mod tests {
    // A4
    use super::*;
    use crate::profanity::index::{cyr_slot, lat_slot};
    use crate::profanity::rule::Masks;

    #[test]
    fn every_stem_has_at_least_two_letters_after_collapsing_runs() {
        // The trigram pre-filter needs a start of two or three distinct letters.
        for r in CYR_RULES.iter().chain(LAT_RULES) {
            let mut cs: Vec<char> = r.stem.chars().collect();
            cs.dedup();
            assert!(cs.len() >= 2 || r.masks == Masks::Required, "{}", r.stem);
        }
    }

    #[test]
    fn rules_are_well_formed() {
        let norm_cyr = |c: char| ('а'..='я').contains(&c) && c != 'ё' || c == 'ї';
        for r in CYR_RULES {
            assert!(
                r.stem.chars().next().and_then(cyr_slot).is_some(),
                "{}",
                r.stem
            );
            for p in std::iter::once(&r.stem).chain(r.forms).chain(r.deny) {
                let p = p.strip_suffix('$').unwrap_or(p);
                assert!(p.len() <= 62, "{p}");
                assert!(p.chars().all(norm_cyr), "{p}");
            }
            for f in r.forms {
                assert!(f.starts_with(r.stem), "{f} / {}", r.stem);
            }
            if let Left::Prefix(list) = r.left {
                for p in list {
                    assert!(p.chars().all(norm_cyr) && !p.contains('ь'), "{p}");
                }
            }
        }
        for r in LAT_RULES {
            assert!(
                r.stem.chars().next().and_then(lat_slot).is_some(),
                "{}",
                r.stem
            );
            for p in std::iter::once(&r.stem).chain(r.forms).chain(r.deny) {
                let p = p.strip_suffix('$').unwrap_or(p);
                assert!(
                    p.len() <= 62 && p.chars().all(|c| c.is_ascii_lowercase()),
                    "{p}"
                );
            }
            for f in r.forms {
                assert!(f.starts_with(r.stem), "{f} / {}", r.stem);
            }
            assert!(matches!(r.lang, "ru" | "en" | "ro"));
        }
    }
}
