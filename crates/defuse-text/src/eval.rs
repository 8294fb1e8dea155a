//! Measuring: confusion matrix, per-class precision/recall/F1, macro F1, calibration error,
//! and the held-out split rule shared by `defuse train` and `defuse eval`.

use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Which part of a labelled file a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Trained on.
    Train,
    /// Held out from training, used to calibrate (temperature, threshold).
    Dev,
    /// Never seen by training or calibration; quality is reported on it.
    Test,
}

/// The part of a row. Rows marked `split: "test"` are test. In files without any test rows,
/// defuse holds out 20% itself by a hash of the id (stable across runs and machines). Of the
/// rest, 10% by hash calibrates.
pub fn part(id: &str, split: Option<&str>, file_has_test: bool) -> Part {
    if split == Some("test") {
        return Part::Test;
    }
    let h = xxh3_64_with_seed(id.as_bytes(), 0xDEF05E) % 100;
    if !file_has_test && h < 20 {
        Part::Test
    } else if h >= 90 {
        Part::Dev
    } else {
        Part::Train
    }
}

/// Per-class figures.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClassReport {
    pub class: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: u64,
}

/// A classification report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub n: u64,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub classes: Vec<ClassReport>,
    /// `confusion[gold][predicted]`, in the order of `classes`.
    pub confusion: Vec<Vec<u64>>,
    /// Expected calibration error of the predicted class's probability (10 bins), if
    /// probabilities were given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ece: Option<f64>,
}

/// Accumulates (gold, predicted, confidence) triples.
#[derive(Debug, Clone)]
pub struct Confusion {
    classes: Vec<String>,
    m: Vec<Vec<u64>>,
    bins: [(f64, f64, u64); 10],
    with_conf: bool,
}

impl Confusion {
    pub fn new(classes: Vec<String>) -> Self {
        let k = classes.len();
        Confusion {
            classes,
            m: vec![vec![0; k]; k],
            bins: [(0.0, 0.0, 0); 10],
            with_conf: false,
        }
    }

    /// Record one prediction; `confidence` is the probability of the predicted class.
    pub fn add(&mut self, gold: usize, pred: usize, confidence: Option<f32>) {
        if gold >= self.m.len() || pred >= self.m.len() {
            return;
        }
        self.m[gold][pred] += 1;
        if let Some(c) = confidence {
            self.with_conf = true;
            let c = f64::from(c.clamp(0.0, 1.0));
            let b = ((c * 10.0) as usize).min(9);
            self.bins[b].0 += c;
            self.bins[b].1 += if gold == pred { 1.0 } else { 0.0 };
            self.bins[b].2 += 1;
        }
    }

    pub fn report(&self) -> Report {
        let k = self.classes.len();
        let n: u64 = self.m.iter().flatten().sum();
        let correct: u64 = (0..k).map(|i| self.m[i][i]).sum();
        let mut classes = Vec::new();
        for i in 0..k {
            let tp = self.m[i][i] as f64;
            let pred: u64 = (0..k).map(|g| self.m[g][i]).sum();
            let gold: u64 = self.m[i].iter().sum();
            let p = if pred > 0 { tp / pred as f64 } else { 0.0 };
            let r = if gold > 0 { tp / gold as f64 } else { 0.0 };
            let f1 = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            classes.push(ClassReport {
                class: self.classes[i].clone(),
                precision: p,
                recall: r,
                f1,
                support: gold,
            });
        }
        // Macro F1 over the classes present in the gold labels.
        let present: Vec<&ClassReport> = classes.iter().filter(|c| c.support > 0).collect();
        let macro_f1 = if present.is_empty() {
            0.0
        } else {
            present.iter().map(|c| c.f1).sum::<f64>() / present.len() as f64
        };
        let ece = self.with_conf.then(|| {
            self.bins
                .iter()
                .filter(|b| b.2 > 0)
                .map(|b| (b.0 - b.1).abs() / n.max(1) as f64)
                .sum()
        });
        Report {
            n,
            accuracy: if n > 0 {
                correct as f64 / n as f64
            } else {
                0.0
            },
            macro_f1,
            classes,
            confusion: self.m.clone(),
            ece,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_mixed_reports() {
        let mut c = Confusion::new(vec!["a".into(), "b".into()]);
        c.add(0, 0, Some(0.95));
        c.add(1, 1, Some(0.95));
        c.add(1, 0, Some(0.55));
        c.add(0, 0, Some(0.55));
        let r = c.report();
        assert_eq!(r.n, 4);
        assert!((r.accuracy - 0.75).abs() < 1e-9);
        // a: p = 2/3, r = 1 → f1 0.8; b: p = 1, r = 0.5 → f1 2/3.
        assert!((r.classes[0].f1 - 0.8).abs() < 1e-9);
        assert!((r.macro_f1 - (0.8 + 2.0 / 3.0) / 2.0).abs() < 1e-9);
        assert_eq!(r.confusion, vec![vec![2, 0], vec![1, 1]]);
        assert!(r.ece.is_some_and(|e| (0.0..0.2).contains(&e)));
    }

    #[test]
    fn absent_gold_classes_do_not_drag_macro_f1() {
        let mut c = Confusion::new(vec!["neg".into(), "neu".into(), "pos".into()]);
        c.add(0, 0, None);
        c.add(2, 2, None);
        assert!((c.report().macro_f1 - 1.0).abs() < 1e-9);
    }

    #[test]
    fn held_out_split_is_stable_and_about_a_fifth() {
        let test = (0..10_000)
            .filter(|i| part(&format!("id-{i}"), None, false) == Part::Test)
            .count();
        assert!((1800..2200).contains(&test), "{test}");
        assert_eq!(part("x", Some("test"), true), Part::Test);
        assert_eq!(
            part("id-1", None, false),
            part("id-1", Some("train"), false)
        );
    }
}
