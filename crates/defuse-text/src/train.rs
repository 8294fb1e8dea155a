//! Training of one model head: multinomial logistic regression with L2 and class-balanced
//! example weights — minimized to convergence by L-BFGS (`lbfgs.rs`, the default: deterministic,
//! independent of example order) or by AdaGrad over a seeded shuffle — then calibration on
//! held-out examples
//! (a softmax temperature minimizing log-loss) and, for two-class heads, the decision threshold
//! that maximizes F1 of class 1 on the held-out examples. Pure: examples in, weights out.

use crate::features::Features;
use crate::lbfgs::{LbfgsOptions, LbfgsReport, minimize};
use crate::model::{MAX_CLASSES, Model, softmax};

/// One training example: its features, its class index and a weight.
#[derive(Debug, Clone)]
pub struct Example {
    pub hashes: Vec<u64>,
    pub label: u8,
    pub weight: f32,
    /// A group (the language) for per-group decision thresholds.
    pub group: &'static str,
    /// The classes its source labels with, one bit each (0: all). A file without neutral
    /// labels (LaRoSeDa: reviews are negative or positive) teaches negative against positive
    /// only: the softmax of its examples runs over those classes, so they do not teach every
    /// feature of their language that nothing is neutral.
    pub classes: u8,
}

impl Example {
    /// Logits of classes outside the example's label set are set to −∞ (probability 0).
    #[inline]
    fn mask(&self, l: &mut [f32]) {
        if self.classes != 0 {
            for (k, lk) in l.iter_mut().enumerate() {
                if self.classes & (1 << k) == 0 {
                    *lk = f32::NEG_INFINITY;
                }
            }
        }
    }
}

/// Training options.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    pub learning_rate: f32,
    pub l2: f32,
    /// Exponent of class balancing: 0 = none, 1 = fully balanced.
    pub balance: f32,
    pub seed: u64,
    /// `Some(C)`: minimize Σ weighted log-loss + ‖w‖² / (2C) by L-BFGS (the scikit-learn
    /// objective; `epochs`, `learning_rate`, `l2` and `seed` are then unused). `None`: AdaGrad.
    pub lbfgs_c: Option<f32>,
    /// Most L-BFGS iterations.
    pub max_iter: usize,
    /// Fit per-language logit offsets of multi-class heads for macro F1 on the calibration rows.
    pub fit_offsets: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 30,
            learning_rate: 0.05,
            l2: 1e-6,
            balance: 0.5,
            seed: 42,
            lbfgs_c: Some(4.0),
            max_iter: 400,
            fit_offsets: false,
        }
    }
}

/// Train head `head` of `model` on `train`, then calibrate on `dev`.
pub fn train_head(
    model: &mut Model,
    head: usize,
    train: &[Example],
    dev: &[Example],
    opts: &TrainOptions,
) -> Option<LbfgsReport> {
    let n_classes = model.head(head).classes.len();
    // Class weights: (n / (k · n_c))^balance.
    let mut counts = vec![0f32; n_classes];
    for e in train {
        if let Some(c) = counts.get_mut(e.label as usize) {
            *c += e.weight;
        }
    }
    let total: f32 = counts.iter().sum();
    let class_w: Vec<f32> = counts
        .iter()
        .map(|&c| {
            if c > 0.0 {
                (total / (n_classes as f32 * c)).powf(opts.balance)
            } else {
                1.0
            }
        })
        .collect();

    if let Some(c) = opts.lbfgs_c {
        let report = train_lbfgs(model, head, train, &class_w, c, opts.max_iter);
        calibrate(model, head, dev, opts.fit_offsets);
        return Some(report);
    }
    let buckets = 1usize << model.header.bits;
    let mut g2 = vec![0f32; buckets * n_classes];
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = opts.seed | 1;
    let mut buckets_of = Vec::new();
    let mut vals = Vec::new();
    // Average of the weights after each epoch of the second half (Polyak-style averaging):
    // smoother weights that generalize better than the last iterate.
    let mut avg = vec![0f32; buckets * n_classes];
    let mut averaged = 0u32;
    for epoch in 0..opts.epochs {
        // Fisher–Yates with xorshift: same order for the same seed, every run.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let j = (rng % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        for &i in &order {
            let e = &train[i];
            model.values(&e.hashes, &mut buckets_of, &mut vals);
            let mut l = [0f32; MAX_CLASSES];
            for (&b, &v) in buckets_of.iter().zip(&vals) {
                let w = model.weights_mut(head, b);
                for k in 0..n_classes {
                    l[k] += w[k] * v;
                }
            }
            e.mask(&mut l[..n_classes]);
            softmax(&mut l[..n_classes], 1.0);
            let ew = e.weight * class_w.get(e.label as usize).copied().unwrap_or(1.0);
            for (&b, &v) in buckets_of.iter().zip(&vals) {
                let w = model.weights_mut(head, b);
                for k in 0..n_classes {
                    let y = if k == e.label as usize { 1.0 } else { 0.0 };
                    let g = (l[k] - y) * ew * v + opts.l2 * w[k];
                    let acc = &mut g2[b * n_classes + k];
                    *acc += g * g;
                    w[k] -= opts.learning_rate * g / (acc.sqrt() + 1e-6);
                }
            }
        }
        if epoch >= opts.epochs / 2 {
            averaged += 1;
            for b in 0..buckets {
                let w = model.weights_mut(head, b);
                for k in 0..n_classes {
                    avg[b * n_classes + k] += w[k];
                }
            }
        }
    }
    if averaged > 0 {
        for b in 0..buckets {
            let w = model.weights_mut(head, b);
            for k in 0..n_classes {
                w[k] = avg[b * n_classes + k] / averaged as f32;
            }
        }
    }
    calibrate(model, head, dev, opts.fit_offsets);
    None
}

/// The examples' TF-IDF values, computed once: bucket and value of every feature, by example.
struct Csr {
    start: Vec<usize>,
    bucket: Vec<u32>,
    value: Vec<f32>,
}

/// Minimize Σ_i w_i · logloss_i + ‖W‖² / (2C) over head `head`'s weights by L-BFGS.
fn train_lbfgs(
    model: &mut Model,
    head: usize,
    train: &[Example],
    class_w: &[f32],
    c: f32,
    max_iter: usize,
) -> LbfgsReport {
    let k = model.head(head).classes.len();
    let buckets = 1usize << model.header.bits;
    let mut csr = Csr {
        start: Vec::with_capacity(train.len() + 1),
        bucket: Vec::new(),
        value: Vec::new(),
    };
    let (mut bs, mut vs) = (Vec::new(), Vec::new());
    csr.start.push(0);
    for e in train {
        model.values(&e.hashes, &mut bs, &mut vs);
        for (&b, &v) in bs.iter().zip(&vs) {
            if v != 0.0 {
                csr.bucket.push(b as u32);
                csr.value.push(v);
            }
        }
        csr.start.push(csr.bucket.len());
    }
    let ew: Vec<f32> = train
        .iter()
        .map(|e| e.weight * class_w.get(e.label as usize).copied().unwrap_or(1.0))
        .collect();
    let lambda = 1.0 / c.max(1e-6);
    let objective = |w: &[f32], g: &mut [f32]| -> f64 {
        let mut loss = 0f64;
        for (wi, gi) in w.iter().zip(g.iter_mut()) {
            *gi = lambda * wi;
            loss += f64::from(0.5 * lambda * wi * wi);
        }
        for (i, e) in train.iter().enumerate() {
            let (a, b) = (csr.start[i], csr.start[i + 1]);
            let mut z = [0f32; MAX_CLASSES];
            for (&bk, &v) in csr.bucket[a..b].iter().zip(&csr.value[a..b]) {
                let row = &w[bk as usize * k..bk as usize * k + k];
                for (zk, &wk) in z.iter_mut().zip(row) {
                    *zk += wk * v;
                }
            }
            let y = e.label as usize;
            e.mask(&mut z[..k]);
            softmax(&mut z[..k], 1.0);
            let p_y = z.get(y).copied().unwrap_or(0.0);
            loss -= f64::from(ew[i]) * f64::from(p_y.max(1e-30)).ln();
            let mut r = [0f32; MAX_CLASSES];
            for j in 0..k {
                r[j] = ew[i] * (z[j] - if j == y { 1.0 } else { 0.0 });
            }
            for (&bk, &v) in csr.bucket[a..b].iter().zip(&csr.value[a..b]) {
                let row = &mut g[bk as usize * k..bk as usize * k + k];
                for (gk, &rk) in row.iter_mut().zip(&r) {
                    *gk += rk * v;
                }
            }
        }
        loss
    };
    let mut w = vec![0f32; buckets * k];
    let report = minimize(
        objective,
        &mut w,
        &LbfgsOptions {
            max_iter,
            ..LbfgsOptions::default()
        },
    );
    for b in 0..buckets {
        model
            .weights_mut(head, b)
            .copy_from_slice(&w[b * k..b * k + k]);
    }
    report
}

/// Fit the temperature (and a two-class threshold) of `head` on held-out `dev` examples.
pub fn calibrate(model: &mut Model, head: usize, dev: &[Example], with_offsets: bool) {
    if dev.is_empty() {
        return;
    }
    let mut logits = Vec::with_capacity(dev.len());
    let mut f = Features::new();
    for e in dev {
        f.hashes.clone_from(&e.hashes);
        let mut l = [0f32; MAX_CLASSES];
        let n = model.logits(head, &f, &mut l);
        // Calibrated as trained: a row of a file without neutral labels says nothing about how
        // much neutral it should have had, so it is scored over its own classes (as `eval`
        // scores such files: the likelier of negative and positive).
        e.mask(&mut l[..n]);
        logits.push((l, n, e.label as usize, e.group));
    }
    let n_classes = model.head(head).classes.len();
    if n_classes > 2 && with_offsets {
        for g in distinct_groups(logits.iter().map(|x| x.3)) {
            let of_g: Vec<([f32; MAX_CLASSES], usize)> = logits
                .iter()
                .filter(|x| x.3 == g)
                .map(|x| (x.0, x.2))
                .collect();
            if of_g.len() < 300 {
                continue;
            }
            let b = fit_offsets(&of_g, n_classes);
            for x in logits.iter_mut().filter(|x| x.3 == g) {
                for (l, o) in x.0.iter_mut().zip(&b) {
                    *l += o;
                }
            }
            model.head_mut(head).offsets.insert(g.to_string(), b);
        }
    }
    let nll = |t: f32| -> f64 {
        let mut s = 0f64;
        for (l, n, y, _) in &logits {
            let mut p = *l;
            softmax(&mut p[..*n], 1.0 / t);
            s -= f64::from(p[*y].max(1e-7)).ln();
        }
        s
    };
    let mut best = (1.0f32, f64::INFINITY);
    let mut t = 0.2f32;
    while t <= 4.0 {
        let v = nll(t);
        if v < best.1 {
            best = (t, v);
        }
        t += 0.05;
    }
    model.head_mut(head).temperature = best.0;
    if model.head(head).classes.len() == 2 {
        let t = best.0;
        let scored: Vec<(f32, bool, &str)> = logits
            .iter()
            .map(|(l, n, y, g)| {
                let mut p = *l;
                softmax(&mut p[..*n], 1.0 / t);
                (p[1], *y == 1, *g)
            })
            .collect();
        model.head_mut(head).threshold = best_threshold(scored.iter().map(|s| (s.0, s.1)));
        for g in distinct_groups(scored.iter().map(|s| s.2)) {
            let of_g: Vec<(f32, bool)> = scored
                .iter()
                .filter(|s| s.2 == g)
                .map(|s| (s.0, s.1))
                .collect();
            let pos = of_g.iter().filter(|s| s.1).count();
            if of_g.len() >= 200 && pos >= 20 && pos + 20 <= of_g.len() {
                let th = best_threshold(of_g.into_iter());
                model.head_mut(head).thresholds.insert(g.to_string(), th);
            }
        }
    }
}

/// The distinct non-empty groups, sorted.
fn distinct_groups<'a>(groups: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = groups.filter(|g| !g.is_empty()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Per-class logit offsets (class 0 fixed at 0) that maximize macro F1 over the gold classes
/// present, by coordinate search.
fn fit_offsets(data: &[([f32; MAX_CLASSES], usize)], n: usize) -> Vec<f32> {
    let macro_f1 = |b: &[f32]| -> f64 {
        let mut tp = [0u32; MAX_CLASSES];
        let mut pred = [0u32; MAX_CLASSES];
        let mut gold = [0u32; MAX_CLASSES];
        for (l, y) in data {
            let mut best = 0;
            for k in 1..n {
                if l[k] + b[k] > l[best] + b[best] {
                    best = k;
                }
            }
            pred[best] += 1;
            gold[*y] += 1;
            if best == *y {
                tp[best] += 1;
            }
        }
        let mut sum = 0.0;
        let mut classes = 0;
        for k in 0..n {
            if gold[k] == 0 {
                continue;
            }
            classes += 1;
            let p = f64::from(tp[k]) / f64::from(pred[k].max(1));
            let r = f64::from(tp[k]) / f64::from(gold[k]);
            if p + r > 0.0 {
                sum += 2.0 * p * r / (p + r);
            }
        }
        sum / f64::from(classes.max(1))
    };
    let mut b = vec![0f32; n];
    let mut best = macro_f1(&b);
    for _round in 0..3 {
        for k in 1..n {
            let keep = b[k];
            let mut best_v = keep;
            for step in -20..=20 {
                b[k] = step as f32 * 0.1;
                let v = macro_f1(&b);
                // Prefer the smaller change on ties.
                if v > best + 1e-9 || (v >= best - 1e-9 && b[k].abs() < best_v.abs()) {
                    best = best.max(v);
                    best_v = b[k];
                }
            }
            b[k] = best_v;
        }
    }
    b
}

/// The probability threshold that maximizes the macro F1 of the two classes. (Maximizing the F1
/// of class 1 alone was unstable where class 1 is the majority — English offensive tweets are
/// 83% offensive — because that F1 is flat over a wide range of thresholds.)
fn best_threshold(scored: impl Iterator<Item = (f32, bool)>) -> f32 {
    let mut probs: Vec<(f32, bool)> = scored.collect();
    probs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let positives = probs.iter().filter(|p| p.1).count() as f32;
    let negatives = probs.len() as f32 - positives;
    let (mut tp, mut fp) = (0f32, 0f32);
    let mut best = (0.5f32, 0f32);
    for (i, (p, y)) in probs.iter().enumerate() {
        if *y {
            tp += 1.0
        } else {
            fp += 1.0
        }
        // Ties: only a cut after the last of equal scores is a threshold.
        if probs.get(i + 1).is_some_and(|n| n.0 == *p) {
            continue;
        }
        let f1_pos = 2.0 * tp / (tp + fp + positives);
        // Class 0: the items below the cut that are negative.
        let tn = negatives - fp;
        let fneg = positives - tp;
        let f1_neg = if tn > 0.0 {
            2.0 * tn / (2.0 * tn + fp + fneg)
        } else {
            0.0
        };
        let macro_f1 = (f1_pos + f1_neg) / 2.0;
        if macro_f1 > best.1 {
            best = (*p, macro_f1);
        }
    }
    best.0.clamp(0.05, 0.95)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::HeadSpec;

    #[test]
    fn threshold_maximizes_macro_f1_even_when_positives_dominate() {
        // 80 positives scored 0.6–0.99, 20 negatives 0.1–0.65: the best macro F1 cut keeps
        // most negatives out; maximizing F1 of the positives alone would push it to the bottom.
        let mut scored = Vec::new();
        for i in 0..80 {
            scored.push((0.6 + 0.39 * i as f32 / 80.0, true));
        }
        for i in 0..20 {
            scored.push((0.1 + 0.55 * i as f32 / 20.0, false));
        }
        let th = best_threshold(scored.iter().copied());
        assert!((0.55..=0.66).contains(&th), "{th}");
        let tp = scored.iter().filter(|s| s.1 && s.0 >= th).count();
        assert!(tp >= 78, "{tp}");
    }

    #[test]
    fn lbfgs_training_does_not_depend_on_example_order() {
        let mk = || {
            Model::new(
                12,
                vec![HeadSpec {
                    name: "t".into(),
                    classes: vec!["a".into(), "b".into(), "c".into()],
                    temperature: 1.0,
                    threshold: 0.5,
                    thresholds: Default::default(),
                    offsets: Default::default(),
                    scale: 0.0,
                }],
            )
        };
        let mut data = Vec::new();
        for i in 0..300u64 {
            let label = (i % 3) as u8;
            data.push(Example {
                // A noisy signal: the class feature is missing in every fifth example.
                hashes: if i % 5 == 0 {
                    vec![i % 13 + 500, i % 7 + 900]
                } else {
                    vec![100 + u64::from(label), i % 13 + 500, i % 7 + 900]
                },
                label,
                weight: 1.0,
                group: "",
                classes: 0,
            });
        }
        let mut reversed = data.clone();
        reversed.reverse();
        let (mut a, mut b) = (mk(), mk());
        let ra = train_head(&mut a, 0, &data, &[], &TrainOptions::default());
        let rb = train_head(&mut b, 0, &reversed, &[], &TrainOptions::default());
        assert!(ra.as_ref().is_some_and(|r| r.converged), "{ra:?}");
        assert!(rb.as_ref().is_some_and(|r| r.converged), "{rb:?}");
        for h in [100u64, 101, 102, 505, 903] {
            let (pa, pb) = (
                a.predict(0, &Features::from_hashes(vec![h])),
                b.predict(0, &Features::from_hashes(vec![h])),
            );
            for k in 0..3 {
                assert!((pa.p[k] - pb.p[k]).abs() < 1e-3, "{h}: {pa:?} vs {pb:?}");
            }
        }
        assert!(a.predict(0, &Features::from_hashes(vec![101])).argmax() == 1);
    }

    #[test]
    fn a_source_without_a_class_does_not_teach_against_it() {
        let mut m = Model::new(
            10,
            vec![HeadSpec {
                name: "t".into(),
                classes: vec!["neg".into(), "neu".into(), "pos".into()],
                temperature: 1.0,
                threshold: 0.5,
                thresholds: Default::default(),
                offsets: Default::default(),
                scale: 0.0,
            }],
        );
        let data: Vec<Example> = (0..200u64)
            .map(|i| {
                let label = if i % 2 == 0 { 0 } else { 2 };
                Example {
                    hashes: vec![10 + u64::from(label), 77],
                    label,
                    weight: 1.0,
                    group: "ro",
                    classes: 0b101,
                }
            })
            .collect();
        train_head(&mut m, 0, &data, &[], &TrainOptions::default());
        // The shared feature 77 learnt nothing about neutral, for or against.
        assert_eq!(m.weights_mut(0, m.bucket(77))[1], 0.0);
        let p = m.predict(0, &Features::from_hashes(vec![12]));
        assert!(p.p[2] > p.p[0], "{p:?}");
    }

    #[test]
    fn learns_a_separable_problem_and_calibrates() {
        let spec = HeadSpec {
            name: "t".into(),
            classes: vec!["neg".into(), "pos".into()],
            temperature: 1.0,
            threshold: 0.5,
            thresholds: Default::default(),
            offsets: Default::default(),
            scale: 0.0,
        };
        let mut m = Model::new(12, vec![spec]);
        let mut data = Vec::new();
        for i in 0..400u64 {
            let label = (i % 2) as u8;
            // Feature 1000+label is the signal; others are noise.
            data.push(Example {
                hashes: vec![1000 + u64::from(label), i % 37 + 5000, i % 11 + 7000],
                label,
                weight: 1.0,
                group: "",
                classes: 0,
            });
        }
        let (train, dev) = data.split_at(300);
        train_head(&mut m, 0, train, dev, &TrainOptions::default());
        let mut right = 0;
        for e in dev {
            let f = Features::from_hashes(e.hashes.clone());
            if m.predict(0, &f).argmax() == e.label as usize {
                right += 1;
            }
        }
        assert_eq!(right, dev.len());
        assert!(m.head(0).temperature > 0.0);
    }
}
