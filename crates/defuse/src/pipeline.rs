//! The pipeline's pure step: from a parsed mention to what the store needs — the text analysis,
//! the brand found in the mention itself [L1] (the `brand` field the source gave, else names,
//! aliases, hashtags, handles and domains in the text, else the mention's own URL), and whether
//! the brand's own account wrote it. Runs on all cores; the store's write (threading, cases,
//! deadlines) follows in one transaction per batch.

use crate::settings::Settings;
use defuse_core::brand::BrandMatcher;
use defuse_core::mention::Mention;
use defuse_store::{Incoming, MatchedBy};
use defuse_text::{Analyzer, Scratch};
use jiff::Timestamp;
use std::collections::HashMap;

/// Brand lookup and analysis, built once from the settings.
pub struct Pipeline<'a> {
    analyzer: &'a Analyzer,
    matcher: BrandMatcher,
    names: Vec<String>,
    /// Lower-cased brand name → index.
    by_name: HashMap<String, usize>,
    /// Lower-cased own handle (no @) → brand index.
    handles: HashMap<String, usize>,
}

impl<'a> Pipeline<'a> {
    pub fn new(settings: &Settings, analyzer: &'a Analyzer) -> anyhow::Result<Pipeline<'a>> {
        let matcher = BrandMatcher::new(&settings.desk.brands)?;
        let names = settings.desk.brand_names();
        let by_name = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.to_lowercase(), i))
            .collect();
        let mut handles = HashMap::new();
        for (i, b) in settings.desk.brands.iter().enumerate() {
            for h in &b.handles {
                handles.insert(h.trim_start_matches('@').to_lowercase(), i);
            }
        }
        Ok(Pipeline {
            analyzer,
            matcher,
            names,
            by_name,
            handles,
        })
    }

    /// Analyse a mention and find its brand.
    pub fn prepare(&self, mention: Mention, scratch: &mut Scratch, now: Timestamp) -> Incoming {
        let analysis =
            self.analyzer
                .analyze_titled(mention.title.as_deref(), &mention.text, scratch, false);
        let by_brand = mention
            .author
            .as_ref()
            .and_then(|a| a.handle.as_deref())
            .and_then(|h| self.handles.get(&h.trim_start_matches('@').to_lowercase()))
            .map(|&i| self.names[i].clone());
        // The brand's own post belongs to the brand even when it does not name itself.
        let brand = self
            .brand_of(&mention)
            .or_else(|| by_brand.clone().map(|b| (b, MatchedBy::Handle)));
        Incoming::new(mention, analysis, brand, by_brand, now)
    }

    fn brand_of(&self, m: &Mention) -> Option<(String, MatchedBy)> {
        if let Some(given) = &m.brand
            && let Some(&i) = self.by_name.get(&given.to_lowercase())
        {
            return Some((self.names[i].clone(), MatchedBy::Given));
        }
        // The text first; a title («Nu recomand AeroSky») names the brand as well.
        let mut found = self.matcher.find(&m.text);
        if found.primary().is_none()
            && let Some(title) = &m.title
        {
            found = self.matcher.find(title);
        }
        if let Some(i) = found.primary() {
            let by = found
                .hits
                .iter()
                .find(|h| h.brand == i)
                .map_or(MatchedBy::Name, |h| h.by);
            return Some((self.names[i].clone(), by));
        }
        let i = self.matcher.brand_of_url(m.url.as_deref()?)?;
        Some((self.names[i].clone(), MatchedBy::Domain))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings::load(
            "test.toml",
            Some(
                "[[brands]]\nname = \"Облачко\"\naliases = [\"Oblachko\"]\ndomains = [\"oblachko.ru\"]\n\
                 handles = [\"oblachko\"]\n[[brands]]\nname = \"AeroSky\"\nhandles = [\"@AeroSky\"]\n",
            ),
            [],
        )
        .expect("settings")
    }

    #[test]
    fn brand_from_given_field_text_url_and_author() {
        let s = settings();
        let an = Analyzer::builtin().expect("model");
        let p = Pipeline::new(&s, an).expect("pipeline");
        let mut sc = Scratch::new();
        let now = Timestamp::UNIX_EPOCH;
        let mut given = Mention::new("vk", "1", "а когда почините?");
        given.brand = Some("облачко".into());
        assert_eq!(
            p.prepare(given, &mut sc, now).brand,
            Some(("Облачко".into(), MatchedBy::Given))
        );
        let text = Mention::new("vk", "2", "Опять Облачка нет, третий день");
        assert_eq!(
            p.prepare(text, &mut sc, now).brand.map(|b| b.0),
            Some("Облачко".into())
        );
        let mut url = Mention::new("vk", "3", "смотрите что пишут");
        url.url = Some("https://oblachko.ru/news/1".into());
        assert_eq!(
            p.prepare(url, &mut sc, now).brand,
            Some(("Облачко".into(), MatchedBy::Domain))
        );
        let none = Mention::new("vk", "4", "погода хорошая");
        assert_eq!(p.prepare(none, &mut sc, now).brand, None);
        let mut own = Mention::new("x", "5", "We're sorry — please DM us your booking code");
        own.author = Some(defuse_core::mention::Author {
            handle: Some("aerosky".into()),
            ..Default::default()
        });
        assert_eq!(
            p.prepare(own, &mut sc, now).by_brand.as_deref(),
            Some("AeroSky")
        );
    }

    #[test]
    fn a_title_names_the_brand_and_counts_in_the_analysis() {
        let s = settings();
        let an = Analyzer::builtin().expect("model");
        let p = Pipeline::new(&s, an).expect("pipeline");
        let mut sc = Scratch::new();
        let mut m = Mention::new("otzovik", "1", "Подключили за три недели вместо трёх дней.");
        m.title = Some("Облачко — худший провайдер, где мой договор?".into());
        let inc = p.prepare(m.clone(), &mut sc, Timestamp::UNIX_EPOCH);
        assert_eq!(inc.brand, Some(("Облачко".into(), MatchedBy::Name)));
        // The rules read the title (its question); the model, which learned no Russian titles,
        // reads the text alone.
        assert!(inc.analysis.question);
        let plain = an.analyze(&m.text, &mut sc, false);
        assert!(!plain.question);
        assert_eq!(inc.analysis.scores, plain.scores);
        // A Romanian review's title moves the model too (it learned Romanian titles).
        let mut ro = Mention::new(
            "emag",
            "2",
            "Am primit coletul ieri, l-am folosit o saptamana.",
        );
        ro.title = Some("AeroSky: nu recomand, bani aruncati".into());
        let inc_ro = p.prepare(ro.clone(), &mut sc, Timestamp::UNIX_EPOCH);
        assert_eq!(inc_ro.brand.map(|b| b.0), Some("AeroSky".into()));
        let plain = an.analyze(&ro.text, &mut sc, false);
        assert!(
            inc_ro.analysis.scores.negative > plain.scores.negative + 0.1,
            "{:?} vs {:?}",
            inc_ro.analysis.scores,
            plain.scores
        );
        assert!(
            inc.raw.contains("\"title\""),
            "the title is kept: {}",
            inc.raw
        );
    }
}
