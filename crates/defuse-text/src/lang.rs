//! Language detection for ru, uk, en, ro, by script first and function words second.
//!
//! Cyrillic against Latin letters decides the family in one pass. Within Cyrillic, the
//! letters і ї є ґ mark Ukrainian and ы э ъ mark Russian, then frequent function words break
//! ties. Within Latin, ă â î ș ț mark Romanian, then frequent function words of Romanian and
//! English decide; a Latin text with neither is `und`. No letters at all (emoji, numbers) is
//! `und`. Cheap: no allocation, one pass over the characters and one over the tokens.

use crate::lookup::HashIndex;
use crate::tokenize::{TokKind, Tokens};
use xxhash_rust::xxh3::xxh3_64;

crate::named_enum! {
    /// A detected language.
    pub enum Lang {
        Ru = "ru",
        Uk = "uk",
        En = "en",
        Ro = "ro",
        Und = "und",
    }
}

const RU_WORDS: &[&str] = &[
    "и",
    "в",
    "не",
    "что",
    "на",
    "я",
    "с",
    "как",
    "это",
    "вы",
    "он",
    "а",
    "по",
    "но",
    "все",
    "так",
    "же",
    "уже",
    "мне",
    "у",
    "за",
    "когда",
    "нет",
    "меня",
    "только",
    "ещё",
    "еще",
    "или",
    "был",
    "очень",
    "где",
    "почему",
    "вас",
    "ничего",
    "спасибо",
    "можно",
    "если",
    "тоже",
];
const UK_WORDS: &[&str] = &[
    "і",
    "та",
    "що",
    "це",
    "як",
    "але",
    "від",
    "для",
    "дякую",
    "ви",
    "не",
    "на",
    "у",
    "з",
    "чи",
    "вже",
    "мені",
    "коли",
    "тільки",
    "ще",
    "дуже",
    "де",
    "чому",
    "нема",
    "немає",
    "був",
    "будь",
    "ласка",
    "щось",
    "хто",
    "його",
];
const EN_WORDS: &[&str] = &[
    "the", "and", "is", "to", "you", "of", "it", "for", "my", "on", "this", "that", "with", "was",
    "not", "have", "i", "are", "be", "at", "your", "we", "what", "but", "so", "just", "can", "me",
    "get", "why", "no", "thanks", "they", "been", "will", "an", "our", "how", "from", "i'm",
    "don't", "can't", "it's", "please", "all", "still", "flight", "service", "if", "do",
];
const RO_WORDS: &[&str] = &[
    "si",
    "nu",
    "este",
    "in",
    "la",
    "cu",
    "pe",
    "de",
    "ca",
    "mai",
    "sunt",
    "foarte",
    "pentru",
    "care",
    "am",
    "un",
    "o",
    "din",
    "dar",
    "sa",
    "ce",
    "este",
    "produs",
    "bine",
    "recomand",
    "nici",
    "fost",
    "mult",
    "acest",
    "aceasta",
    "multumesc",
    "va",
    "sau",
    "ati",
    "imi",
    "dupa",
    "decat",
    "doar",
    "asa",
    "cand",
    "unde",
    "buna",
    "ziua",
    "telefon",
    "comanda",
    "l-am",
    "s-a",
];

/// Letters by script and language marks: [Cyrillic, Latin, Ukrainian marks, Russian marks,
/// Romanian marks].
fn script_counts(raw: &str) -> [u32; 5] {
    let (mut cyr, mut lat, mut uk_mark, mut ru_mark, mut ro_mark) = (0u32, 0u32, 0u32, 0u32, 0u32);
    // Every character counted below is ASCII or two bytes long in UTF-8 (below U+0800): read
    // the bytes, decode only two-byte characters, skip longer ones whole.
    let bytes = raw.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            lat += u32::from(lead.is_ascii_alphabetic());
            i += 1;
            continue;
        }
        let len = match lead {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1, // not a lead byte (cannot happen in a `&str`)
        };
        let two_byte = match (len, bytes.get(i + 1)) {
            (2, Some(&next)) => {
                char::from_u32(u32::from(lead & 0x1F) << 6 | u32::from(next & 0x3F))
            }
            _ => None,
        };
        i += len;
        let Some(c) = two_byte else {
            continue;
        };
        match c {
            'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => {
                uk_mark += 1;
                cyr += 1
            }
            'ы' | 'э' | 'ъ' | 'ё' | 'Ы' | 'Э' | 'Ё' => {
                ru_mark += 1;
                cyr += 1
            }
            'ă' | 'â' | 'î' | 'ș' | 'ş' | 'ț' | 'ţ' | 'Ă' | 'Â' | 'Î' | 'Ș' | 'Ş' | 'Ț' | 'Ţ' =>
            {
                ro_mark += 1;
                lat += 1
            }
            'a'..='z' | 'A'..='Z' => lat += 1,
            '\u{0400}'..='\u{04FF}' => cyr += 1,
            _ => {}
        }
    }
    [cyr, lat, uk_mark, ru_mark, ro_mark]
}

/// The language of a text and a confidence in 0..1.
pub fn detect(raw: &str, tokens: &Tokens) -> (Lang, f32) {
    let [cyr, mut lat, uk_mark, ru_mark, ro_mark] = script_counts(raw);
    // Links and handles are not language.
    for t in tokens.tokens() {
        if matches!(t.kind, TokKind::Url | TokKind::Mention) {
            let span = raw.get(t.start as usize..t.end as usize).unwrap_or("");
            let n = span.chars().filter(char::is_ascii_alphabetic).count();
            lat = lat.saturating_sub(n as u32);
        }
    }
    if cyr == 0 && lat == 0 {
        return (Lang::Und, 1.0);
    }
    // One pass over the words: each function word adds to the languages it belongs to.
    let table = function_words();
    let mut counts = [0f32; 4];
    for t in tokens.tokens() {
        if t.kind != TokKind::Word {
            continue;
        }
        let key = xxh3_64(tokens.text(t).as_bytes());
        if let Some(&mask) = table.get(key) {
            for (l, c) in counts.iter_mut().enumerate() {
                if mask & (1 << l) != 0 {
                    *c += 1.0;
                }
            }
        }
    }
    let count = |l: usize| counts[l];
    if cyr >= lat {
        let uk = uk_mark as f32 * 2.0 + count(1);
        let ru = ru_mark as f32 * 2.0 + count(0);
        let script = cyr as f32 / (cyr + lat) as f32;
        if uk > ru {
            (Lang::Uk, conf(uk, ru) * script)
        } else if uk_mark == 0 && cyr < 3 {
            (Lang::Ru, 0.5 * script)
        } else {
            (Lang::Ru, conf(ru + 1.0, uk) * script)
        }
    } else {
        let ro = ro_mark as f32 * 2.0 + count(3);
        let en = count(2);
        let script = lat as f32 / (cyr + lat) as f32;
        if ro == 0.0 && en == 0.0 {
            (Lang::Und, 0.3)
        } else if ro > en {
            (Lang::Ro, conf(ro, en) * script)
        } else {
            (Lang::En, conf(en, ro) * script)
        }
    }
}

/// The function words of all four languages, by the xxh3 hash of the word, each with a bit mask
/// of its languages (bit 0 ru, 1 uk, 2 en, 3 ro). A 64-bit collision between a function word
/// and another word is practically impossible (400 entries).
fn function_words() -> &'static HashIndex<u8> {
    static T: std::sync::OnceLock<HashIndex<u8>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<(u64, u8)> = Vec::new();
        for (l, list) in [RU_WORDS, UK_WORDS, EN_WORDS, RO_WORDS].iter().enumerate() {
            for w in list.iter() {
                v.push((xxh3_64(w.as_bytes()), 1 << l));
            }
        }
        v.sort_unstable();
        // Merge the masks of a word listed for several languages (or twice for one).
        let mut merged: Vec<(u64, u8)> = Vec::with_capacity(v.len());
        for (h, m) in v {
            match merged.last_mut() {
                Some(last) if last.0 == h => last.1 |= m,
                _ => merged.push((h, m)),
            }
        }
        HashIndex::new(merged)
    })
}

/// Confidence from the winner's and the runner-up's evidence: more and clearer evidence is surer.
fn conf(win: f32, lose: f32) -> f32 {
    let margin = (win - lose) / (win + lose + 1.0);
    let amount = 1.0 - (-win / 2.0).exp();
    (0.5 + 0.5 * margin * amount).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `script_counts` as it was written first, char by char: the reference.
    fn script_counts_by_char(raw: &str) -> [u32; 5] {
        let (mut cyr, mut lat, mut uk, mut ru, mut ro) = (0u32, 0u32, 0u32, 0u32, 0u32);
        for c in raw.chars() {
            match c {
                'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => {
                    uk += 1;
                    cyr += 1
                }
                'ы' | 'э' | 'ъ' | 'ё' | 'Ы' | 'Э' | 'Ё' => {
                    ru += 1;
                    cyr += 1
                }
                'ă' | 'â' | 'î' | 'ș' | 'ş' | 'ț' | 'ţ' | 'Ă' | 'Â' | 'Î' | 'Ș' | 'Ş' | 'Ț'
                | 'Ţ' => {
                    ro += 1;
                    lat += 1
                }
                'a'..='z' | 'A'..='Z' => lat += 1,
                '\u{0400}'..='\u{04FF}' => cyr += 1,
                _ => {}
            }
        }
        [cyr, lat, uk, ru, ro]
    }

    proptest! {
        #[test]
        fn script_counts_match_the_char_by_char_reference(s in "\\PC{0,60}") {
            prop_assert_eq!(script_counts(&s), script_counts_by_char(&s));
        }

        #[test]
        fn script_counts_match_on_mixed_scripts(
            s in "[a-zA-Zăâîșşțţ ĂÂÎȘŞȚŢіїєґІЇЄҐыэъёЫЭЁЪа-яА-Я\u{0400}-\u{04FF}\u{0080}-\u{07FF}😡€—]{0,60}"
        ) {
            prop_assert_eq!(script_counts(&s), script_counts_by_char(&s));
        }
    }

    fn lang(s: &str) -> Lang {
        let mut t = Tokens::new();
        t.fill(s);
        detect(s, &t).0
    }

    #[test]
    fn russian_ukrainian_english_romanian() {
        assert_eq!(
            lang("Почему не работает интернет уже третий день?"),
            Lang::Ru
        );
        assert_eq!(lang("Чому не працює інтернет вже третій день?"), Lang::Uk);
        assert_eq!(lang("Why is my flight delayed again?"), Lang::En);
        assert_eq!(lang("De ce nu merge internetul de trei zile?"), Lang::Ro);
        assert_eq!(
            lang("Nu recomand, telefonul s-a stricat după o săptămână"),
            Lang::Ro
        );
        assert_eq!(lang("ну и где?"), Lang::Ru);
    }

    #[test]
    fn no_letters_is_undetermined() {
        assert_eq!(lang("👍👍👍"), Lang::Und);
        assert_eq!(lang(""), Lang::Und);
        assert_eq!(lang("12345 !!!"), Lang::Und);
    }

    #[test]
    fn links_do_not_make_russian_english() {
        assert_eq!(
            lang("смотрите https://www.example.com/very/long/english/path here"),
            Lang::Ru
        );
    }

    #[test]
    fn confidence_grows_with_evidence() {
        let mut t = Tokens::new();
        let a = "the";
        t.fill(a);
        let short = detect(a, &t).1;
        let b = "I have been waiting for my refund and the service is still not answering";
        t.fill(b);
        let long = detect(b, &t).1;
        assert!(long > short, "{long} > {short}");
        assert!(long <= 1.0);
    }
}
