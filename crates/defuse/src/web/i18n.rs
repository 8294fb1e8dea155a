//! The desk's interface languages: English and Russian message catalogues (Fluent files in
//! `web/locales/`, embedded), the language a request gets (the user's choice, else the
//! browser's `Accept-Language`), and durations and times as people read them. Fluent's CLDR
//! plural rules give Russian its three forms ("1 обращение", "3 обращения", "5 обращений").

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::LazyLock;

defuse_text::named_enum! {
    /// An interface language.
    pub enum UiLang {
        En = "en",
        Ru = "ru",
    }
}

impl UiLang {
    /// The language's own name, for the switcher.
    pub fn own_name(self) -> &'static str {
        match self {
            UiLang::En => "English",
            UiLang::Ru => "Русский",
        }
    }

    /// The first language of an `Accept-Language` header the desk speaks (by weight), else
    /// English.
    pub fn from_accept_language(header: Option<&str>) -> UiLang {
        let Some(h) = header else {
            return UiLang::En;
        };
        let mut best: Option<(f32, UiLang)> = None;
        for part in h.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            // Ukrainian and Belarusian readers get Russian rather than English.
            let lang = match primary {
                "ru" | "uk" | "be" => Some(UiLang::Ru),
                "en" => Some(UiLang::En),
                _ => None,
            };
            if let Some(l) = lang
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, l));
            }
        }
        best.map_or(UiLang::En, |(_, l)| l)
    }
}

const EN_FTL: &str = include_str!("locales/en.ftl");
const RU_FTL: &str = include_str!("locales/ru.ftl");

struct Catalog {
    en: FluentBundle<FluentResource>,
    ru: FluentBundle<FluentResource>,
}

fn bundle(lang: &str, ftl: &'static str) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: the desk is left to right, and the marks
    // would show up in copied text and in tests.
    b.set_use_isolating(false);
    match FluentResource::try_new(ftl.to_string()) {
        Ok(r) => {
            let _ = b.add_resource(r);
        }
        Err((r, _)) => {
            // A syntax error drops only the broken entries (a test keeps the files clean).
            let _ = b.add_resource(r);
        }
    }
    b
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    en: bundle("en", EN_FTL),
    ru: bundle("ru", RU_FTL),
});

/// One request's translator.
#[derive(Debug, Clone, Copy)]
pub struct T(pub UiLang);

impl T {
    fn bundle(self) -> &'static FluentBundle<FluentResource> {
        match self.0 {
            UiLang::En => &CATALOG.en,
            UiLang::Ru => &CATALOG.ru,
        }
    }

    /// The message `key`; the key itself when it is missing (a test prevents that).
    pub fn t(self, key: &str) -> String {
        self.fmt(key, None)
    }

    /// The message `key` with arguments.
    pub fn args(self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut a = FluentArgs::new();
        for (k, v) in args {
            a.set(*k, v.clone());
        }
        self.fmt(key, Some(&a))
    }

    /// The message `key` with one number `n` (plural forms).
    pub fn n(self, key: &str, n: i64) -> String {
        self.args(key, &[("n", FluentValue::from(n))])
    }

    fn fmt(self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let b = self.bundle();
        let Some(pattern) = b.get_message(key).and_then(|m| m.value()) else {
            return key.to_string();
        };
        let mut errors = Vec::new();
        b.format_pattern(pattern, args, &mut errors).into_owned()
    }

    /// A duration of `minutes` as people read it: the two largest units ("4 d 12 h",
    /// "35 min", "4 д 12 ч").
    pub fn duration(self, minutes: i64) -> String {
        let m = minutes.unsigned_abs() as i64;
        let (d, h, mm) = (m / 1440, (m % 1440) / 60, m % 60);
        let parts: Vec<String> = if d > 0 {
            let mut v = vec![self.n("unit-days", d)];
            if h > 0 {
                v.push(self.n("unit-hours", h));
            }
            v
        } else if h > 0 {
            let mut v = vec![self.n("unit-hours", h)];
            if mm > 0 {
                v.push(self.n("unit-minutes", mm));
            }
            v
        } else {
            vec![self.n("unit-minutes", mm)]
        };
        parts.join(" ")
    }

    /// How a deadline `minutes_left` from now reads: "answer within 35 min" or "breached
    /// 4 d 12 h ago".
    pub fn due(self, minutes_left: i64) -> String {
        let d = FluentValue::from(self.duration(minutes_left));
        if minutes_left < 0 {
            self.args("due-breached", &[("duration", d)])
        } else {
            self.args("due-within", &[("duration", d)])
        }
    }

    /// An instant in the user's time zone: "2026-12-08 14:05".
    pub fn time(self, at: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
        at.to_zoned(tz.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string()
    }
}

/// The message ids of a Fluent file, in order (for the catalogue test and the key check).
pub fn message_ids(ftl: &str) -> Vec<String> {
    ftl.lines()
        .filter(|l| {
            l.chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_uppercase())
        })
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_parse_and_have_the_same_keys() {
        for (name, ftl) in [("en", EN_FTL), ("ru", RU_FTL)] {
            if let Err((_, errs)) = FluentResource::try_new(ftl.to_string()) {
                panic!("{name}.ftl: {errs:?}");
            }
        }
        let en = message_ids(EN_FTL);
        let ru = message_ids(RU_FTL);
        let missing_ru: Vec<_> = en.iter().filter(|k| !ru.contains(k)).collect();
        let missing_en: Vec<_> = ru.iter().filter(|k| !en.contains(k)).collect();
        assert!(missing_ru.is_empty(), "missing in ru.ftl: {missing_ru:?}");
        assert!(missing_en.is_empty(), "missing in en.ftl: {missing_en:?}");
        let mut seen = std::collections::HashSet::new();
        for k in &en {
            assert!(seen.insert(k), "{k} twice in en.ftl");
        }
    }

    #[test]
    fn every_key_the_desk_uses_exists() {
        // Every `t("…")`, `n("…"` and `args("…"` in the desk's sources names a message.
        let en = message_ids(EN_FTL);
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/web");
        let mut used = Vec::new();
        for e in std::fs::read_dir(&dir).expect("src/web") {
            let p = e.expect("entry").path();
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let src = std::fs::read_to_string(&p).expect("read");
            for pat in [".t(\"", ".n(\"", ".args(\""] {
                for (i, _) in src.match_indices(pat) {
                    let rest = &src[i + pat.len()..];
                    if let Some(end) = rest.find('"') {
                        used.push((p.display().to_string(), rest[..end].to_string()));
                    }
                }
            }
        }
        assert!(
            used.len() > 30,
            "the scan found too few keys: {}",
            used.len()
        );
        let missing: Vec<_> = used.iter().filter(|(_, k)| !en.contains(k)).collect();
        assert!(
            missing.is_empty(),
            "keys used but not in the catalogues: {missing:?}"
        );
    }

    #[test]
    fn russian_plurals_have_three_forms() {
        let t = T(UiLang::Ru);
        assert_eq!(t.n("cases-count", 1), "1 обращение");
        assert_eq!(t.n("cases-count", 3), "3 обращения");
        assert_eq!(t.n("cases-count", 5), "5 обращений");
        assert_eq!(t.n("cases-count", 21), "21 обращение");
        assert_eq!(t.n("cases-count", 12), "12 обращений");
        let e = T(UiLang::En);
        assert_eq!(e.n("cases-count", 1), "1 case");
        assert_eq!(e.n("cases-count", 2), "2 cases");
    }

    #[test]
    fn durations_read_as_people_read_them() {
        let e = T(UiLang::En);
        assert_eq!(e.due(35), "answer within 35 min");
        assert_eq!(e.due(-(4 * 1440 + 12 * 60 + 5)), "breached 4 d 12 h ago");
        assert_eq!(e.duration(90), "1 h 30 min");
        let r = T(UiLang::Ru);
        assert_eq!(r.due(35), "ответить в течение 35 мин");
        assert_eq!(r.due(-(4 * 1440 + 12 * 60)), "просрочено на 4 д 12 ч");
    }

    #[test]
    fn the_browser_language_is_negotiated() {
        assert_eq!(UiLang::from_accept_language(None), UiLang::En);
        assert_eq!(
            UiLang::from_accept_language(Some("ru-RU,ru;q=0.9,en;q=0.8")),
            UiLang::Ru
        );
        assert_eq!(
            UiLang::from_accept_language(Some("de-DE,en;q=0.5,ru;q=0.7")),
            UiLang::Ru
        );
        assert_eq!(UiLang::from_accept_language(Some("fr")), UiLang::En);
        assert_eq!(UiLang::from_accept_language(Some("uk")), UiLang::Ru);
    }
}
