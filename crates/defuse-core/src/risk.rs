//! The risk of a case, 0–100, that explains itself factor by factor [A1–A7]: where it was said
//! (venue, public or private), how far it can reach (the author's audience), how much it is
//! spreading and how fast, profanity, attached pictures, emotion, the kind and the negativity of
//! the text. Pure arithmetic over a mention and its analysis; the points of every factor are
//! listed so an agent sees why a case sits where it does in the queue.

use crate::mention::{Mention, Venue};
use defuse_text::{Analysis, Kind};
use serde::{Deserialize, Serialize};

/// One factor's share of the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    /// Stable name: venue, reach, engagement, growth, profanity, media, emotion, kind,
    /// sentiment, private, spam.
    pub name: String,
    /// Points added (negative: taken away).
    pub points: i32,
    /// The rule id and the evidence, for people.
    pub why: String,
}

/// The score and its factors.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Risk {
    pub score: u8,
    pub factors: Vec<Factor>,
}

/// What the risk is computed from besides the mention and its analysis.
#[derive(Debug, Clone, Copy, Default)]
pub struct Observed {
    /// Interactions per hour, measured between two snapshots of the same mention's metrics, or
    /// since the post time when there is one snapshot [A3].
    pub velocity_per_hour: f64,
}

/// Score a mention [A1–A7]. Each factor is capped, and the total is clamped to 0–100.
pub fn assess(m: &Mention, a: &Analysis, obs: Observed) -> Risk {
    let mut f: Vec<Factor> = Vec::new();
    let mut add = |name: &str, points: i32, why: String| {
        if points != 0 {
            f.push(Factor {
                name: name.to_string(),
                points,
                why,
            });
        }
    };

    // The kind [T1–T6]: a complaint is the most urgent, then a question left unanswered [L2].
    let (kp, kw) = match a.kind {
        Kind::Complaint => (25, "T1/T2: a complaint"),
        Kind::Question => (15, "L2: an unanswered question grows into a conflict"),
        Kind::Troll => (8, "T3: provocation; watched, rarely answered"),
        Kind::Praise => (0, ""),
        Kind::Other => (0, ""),
        Kind::Spam => (0, ""),
    };
    add("kind", kp, kw.to_string());

    let neg = a.scores.negative;
    add(
        "sentiment",
        (neg * 15.0).round() as i32,
        format!("negative at {:.0}%", neg * 100.0),
    );

    // A1: where it is. A private message reaches nobody else.
    if m.private {
        add("private", -5, "A1: a direct message, not public".into());
    } else if let Some(v) = m.venue {
        let (p, why) = match v {
            Venue::Media => (15, "A1: comments under a news story"),
            Venue::ReviewSite => (12, "A1: a review site: stays and is searched"),
            Venue::OwnPage => (10, "A1: on the brand's own page, before its audience"),
            Venue::Community => (5, "A1: in a community"),
        };
        add("venue", p, why.into());
    }

    // A2: reach — the author's audience, on a log scale (100 → 8, 10k → 16, 100k+ → 20).
    if let Some(followers) = m.author.as_ref().and_then(|a| a.followers)
        && !m.private
    {
        let p = (4.0 * (followers as f64 + 1.0).log10()).min(20.0).round() as i32;
        add("reach", p, format!("A2: {followers} followers"));
    }

    // A3: engagement and its growth.
    let inter = m.metrics.interactions();
    if inter > 0 {
        let p = (4.0 * (inter as f64 + 1.0).log10()).min(12.0).round() as i32;
        add(
            "engagement",
            p,
            format!(
                "A3: {} likes, {} reposts, {} comments",
                m.metrics.likes, m.metrics.reposts, m.metrics.comments
            ),
        );
    }
    let v = obs.velocity_per_hour;
    if v.is_finite() && v >= 10.0 {
        let p = if v >= 100.0 { 10 } else { 5 };
        add(
            "growth",
            p,
            format!("A3: {v:.0} interactions an hour — a snowball"),
        );
    }

    // A4: profanity. A5: pictures. A7: emotion.
    if a.profanity {
        add("profanity", 5, "A4: profanity".into());
    }
    let pictures = m
        .media
        .iter()
        .filter(|x| x.kind == "image" || x.kind == "video")
        .count();
    if pictures > 0 {
        add(
            "media",
            6,
            format!("A5: {pictures} picture(s) or video(s) attached"),
        );
    }
    let e = a.emotion;
    if e >= 0.3 {
        add(
            "emotion",
            (e * 10.0).round() as i32,
            format!("A7: emotional ({:.0}%)", e * 100.0),
        );
    }

    let mut total: i32 = f.iter().map(|x| x.points).sum();
    if a.kind == Kind::Spam || a.spam {
        // T4: spam is hidden, not raced against a clock.
        let cap = 5;
        if total > cap {
            f.push(Factor {
                name: "spam".into(),
                points: cap - total,
                why: "T4: spam is hidden, not answered".into(),
            });
            total = cap;
        }
    }
    Risk {
        score: total.clamp(0, 100) as u8,
        factors: f,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mention::{Author, Media, Metrics};
    use defuse_text::Analyzer;

    fn analyze(text: &str) -> Analysis {
        let an = Analyzer::builtin().expect("built-in model");
        let mut s = defuse_text::Scratch::new();
        an.analyze(text, &mut s, false)
    }

    fn mention(text: &str) -> Mention {
        Mention::new("vk", "1", text)
    }

    #[test]
    fn a_viral_emotional_complaint_outranks_a_quiet_one() {
        let text = "ОБЛАЧКО, ТРЕТИЙ ДЕНЬ НЕТ ИНТЕРНЕТА!!! Деньги списали, а связи нет 😡😡";
        let quiet = assess(
            &mention("Интернет не работает с утра"),
            &analyze("Интернет не работает с утра"),
            Observed::default(),
        );
        let mut loud_m = mention(text);
        loud_m.author = Some(Author {
            followers: Some(120_000),
            ..Author::default()
        });
        loud_m.metrics = Metrics {
            likes: 400,
            reposts: 150,
            comments: 80,
            views: 50_000,
        };
        loud_m.media = vec![Media {
            kind: "image".into(),
            url: None,
        }];
        loud_m.venue = Some(Venue::OwnPage);
        let loud = assess(
            &loud_m,
            &analyze(text),
            Observed {
                velocity_per_hour: 250.0,
            },
        );
        assert!(
            loud.score > quiet.score + 30,
            "{} vs {}",
            loud.score,
            quiet.score
        );
        for name in [
            "venue",
            "reach",
            "engagement",
            "growth",
            "media",
            "emotion",
            "kind",
        ] {
            assert!(
                loud.factors.iter().any(|f| f.name == name),
                "{name} missing: {:?}",
                loud.factors
            );
        }
        assert!(loud.score <= 100);
    }

    #[test]
    fn factors_add_up_to_the_score() {
        let text = "Why did you cancel my flight and not refund me?? Terrible!";
        let r = assess(&mention(text), &analyze(text), Observed::default());
        let sum: i32 = r.factors.iter().map(|f| f.points).sum();
        assert_eq!(i32::from(r.score), sum.clamp(0, 100));
    }

    #[test]
    fn spam_stays_low_whatever_its_reach() {
        let text = "Заработок без вложений от 5000 в день! Пиши в телеграм t.me/earnfast";
        let mut m = mention(text);
        m.author = Some(Author {
            followers: Some(500_000),
            ..Author::default()
        });
        m.metrics.reposts = 1000;
        let r = assess(&m, &analyze(text), Observed::default());
        assert!(r.score <= 5, "{}", r.score);
    }

    #[test]
    fn private_messages_have_no_reach() {
        let text = "Верните деньги за подписку, я её не оформлял";
        let mut m = mention(text);
        m.private = true;
        m.author = Some(Author {
            followers: Some(50_000),
            ..Author::default()
        });
        let r = assess(&m, &analyze(text), Observed::default());
        assert!(r.factors.iter().all(|f| f.name != "reach"));
        assert!(r.factors.iter().any(|f| f.name == "private"));
    }
}
