//! `defuse train`: builds a model from labelled JSON Lines files (sentiment and toxicity labels;
//! kind is decided by rules), calibrates it on held-out rows, measures it on the test part of
//! every file and writes `model.dfm`, `report.json` and `MODEL_CARD.md` to the output folder.

use crate::data::{Row, Task, read_labelled};
use crate::eval_cmd::evaluate;
use anyhow::Context;
use defuse_text::analysis::features_of_titled;
use defuse_text::eval::Part;
use defuse_text::model::{HeadSpec, MIN_TITLED_ROWS, Model};
use defuse_text::train::{Example, TrainOptions, train_head};
use defuse_text::{Analyzer, Scratch};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Labelled JSON Lines files; append `:W` to weigh a file's rows (e.g. `ru.jsonl:0.5`).
    #[arg(long, required = true, num_args = 1.., value_name = "FILE[:W]")]
    data: Vec<String>,
    /// Output folder (created).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// log2 of the number of hash buckets.
    #[arg(long, default_value_t = 20)]
    bits: u8,
    /// Epochs (`--optimizer adagrad` only).
    #[arg(long, default_value_t = 30)]
    epochs: usize,
    /// Learning rate (`--optimizer adagrad` only).
    #[arg(long, default_value_t = 0.05)]
    learning_rate: f32,
    /// L2 per step (`--optimizer adagrad` only; L-BFGS uses `--c`).
    #[arg(long, default_value_t = 1e-6)]
    l2: f32,
    /// Class balancing exponent: 0 none, 1 fully balanced (within each file, or over all rows
    /// of a head with `--balance-over all`).
    #[arg(long, default_value_t = 0.5)]
    balance: f32,
    /// Seed of the example order for `--optimizer adagrad` (the same seed gives the same model,
    /// bit for bit; the order generator uses `seed | 1`, so use odd seeds to get different
    /// orders). L-BFGS does not depend on the order.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Weights of the word-level features and the character n-grams, each group
    /// L2-normalized on its own (`WORD,CHAR`); a title's own words form a third group with the
    /// word weight.
    #[arg(long, value_name = "W,C", value_parser = parse_pair, default_value = "1,1")]
    group_weights: (f32, f32),
    /// How the loss is minimized: `lbfgs` (to convergence; deterministic) or `adagrad` (the
    /// earlier stochastic recipe: `--epochs`, `--learning-rate`, `--l2`, `--seed`).
    #[arg(long, value_enum, default_value_t = Optimizer::Lbfgs)]
    optimizer: Optimizer,
    /// Balance classes within each data file (each source's own class mix) or over all rows.
    #[arg(long, value_enum, default_value_t = BalanceOver::File)]
    balance_over: BalanceOver,
    /// Inverse regularization strength for `lbfgs` (scikit-learn's `C`).
    #[arg(long, default_value_t = 4.0)]
    c: f32,
    /// Most `lbfgs` iterations per head.
    #[arg(long, default_value_t = 400)]
    max_iter: usize,
    /// Fit per-language logit offsets of the sentiment head for macro F1 on the calibration
    /// rows (off by default: on about a thousand rows a language they moved held-out figures
    /// by up to ±0.02 between retrains; per-file class balance does their job more steadily).
    #[arg(long)]
    fit_offsets: bool,
    /// After measuring, retrain the weights with the same options and calibration on more rows:
    /// `seen` — the training and calibration rows, then measure again on the held-out rows (what
    /// refitting gains); `all` — every row, held-out ones included (how the shipped model is
    /// built: its figures are those of the measured model, written beside it as
    /// `measured.dfm`).
    #[arg(long, value_enum, default_value_t = Refit::None)]
    refit: Refit,
    /// Ignore hash buckets seen in fewer training texts than this (0 keeps all).
    #[arg(long, default_value_t = 0)]
    min_df: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Refit {
    None,
    Seen,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum BalanceOver {
    File,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Optimizer {
    Lbfgs,
    Adagrad,
}

fn parse_pair(s: &str) -> Result<(f32, f32), String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| format!("expected WORD,CHAR (two numbers), got {s:?}"))?;
    let num = |x: &str| {
        x.trim()
            .parse::<f32>()
            .ok()
            .filter(|v| v.is_finite() && (0.0..=1000.0).contains(v))
            .ok_or_else(|| format!("{x:?} is not a number from 0 to 1000"))
    };
    Ok((num(a)?, num(b)?))
}

struct Source {
    path: PathBuf,
    weight: f32,
    rows: Vec<Row>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !(8..=24).contains(&args.bits) {
        anyhow::bail!("--bits must be between 8 and 24");
    }
    if !(args.c.is_finite() && args.c > 0.0) {
        anyhow::bail!("--c must be a positive number, got {}", args.c);
    }
    let mut sources = Vec::new();
    for spec in &args.data {
        let (path, weight) = split_weight(spec);
        let rows = read_labelled(&path)?;
        eprintln!("defuse: {}: {} labelled rows", path.display(), rows.len());
        sources.push(Source { path, weight, rows });
    }
    let heads = vec![
        head("sentiment", Task::Sentiment),
        head("toxicity", Task::Toxic),
    ];
    let mut model = Model::new(args.bits, heads);
    model.header.group_weights = Some([args.group_weights.0, args.group_weights.1]);
    model.header.min_df = args.min_df;
    model.header.title_langs = title_langs(&sources);
    if !model.header.title_langs.is_empty() {
        eprintln!(
            "defuse: titles learned for: {}",
            model.header.title_langs.join(", ")
        );
    }
    let opts = TrainOptions {
        epochs: args.epochs,
        learning_rate: args.learning_rate,
        l2: args.l2,
        balance: if args.balance_over == BalanceOver::All {
            args.balance
        } else {
            0.0
        },
        seed: args.seed,
        lbfgs_c: (args.optimizer == Optimizer::Lbfgs).then_some(args.c),
        max_iter: args.max_iter,
        fit_offsets: args.fit_offsets,
    };
    let balance = if args.balance_over == BalanceOver::File {
        args.balance
    } else {
        0.0
    };
    let sets: Vec<(usize, Task, Parts)> = [(0, Task::Sentiment), (1, Task::Toxic)]
        .into_iter()
        .map(|(hi, task)| {
            let parts = examples(&sources, task, balance, &model.header.title_langs);
            (hi, task, parts)
        })
        .collect();
    // IDF over every training text of every head (each text once: a titled row's second
    // form, its text alone, is not another document).
    model.fit_idf(sets.iter().flat_map(|s| s.2.documents(s.2.n_train)));
    for (hi, task, parts) in &sets {
        // Calibration weighs every row alike: a titled row once, as the analysis reads it.
        let dev = parts.dev_documents();
        if parts.train().is_empty() {
            eprintln!("defuse: no {task:?} rows: that head stays untrained");
            continue;
        }
        eprintln!(
            "defuse: training {task:?} on {} examples, calibrating on {}",
            parts.train().len(),
            dev.len()
        );
        fit_head(&mut model, *hi, *task, parts.train(), &dev, &opts);
    }

    // Measure on each file's test part.
    let figures = measure(&model, &sources, "")?;
    // The figures above are of the model trained without the held-out rows. A refit learns
    // from more rows (the shipped model from every row: more data for unseen text), with the
    // same options and the calibration fitted above.
    let mut refit_figures = Vec::new();
    let mut measured = (args.refit == Refit::All).then(|| model.clone());
    if args.refit != Refit::None {
        let mut more = Model::new(args.bits, model.header.heads.clone());
        more.header.group_weights = model.header.group_weights;
        more.header.min_df = model.header.min_df;
        more.header.title_langs = model.header.title_langs.clone();
        let rows: Vec<&[Example]> = sets
            .iter()
            .map(|s| {
                if args.refit == Refit::All {
                    s.2.all()
                } else {
                    s.2.seen()
                }
            })
            .collect();
        more.fit_idf(
            sets.iter()
                .zip(&rows)
                .flat_map(|(s, r)| s.2.documents(r.len())),
        );
        for ((hi, task, _), rows) in sets.iter().zip(&rows) {
            if rows.is_empty() {
                continue;
            }
            eprintln!("defuse: refitting {task:?} on {} examples", rows.len());
            fit_head(&mut more, *hi, *task, rows, &[], &opts);
        }
        model = more;
        if args.refit == Refit::Seen {
            refit_figures = measure(&model, &sources, "after the refit: ")?;
        }
    }
    model.header.trained = serde_json::json!({
        "data": sources.iter().map(|s| serde_json::json!({
            "file": file_name(&s.path),
            "weight": s.weight,
            "rows": s.rows.len(),
        })).collect::<Vec<_>>(),
        "options": {
            "bits": args.bits, "epochs": args.epochs, "learning_rate": args.learning_rate,
            "l2": args.l2, "balance": args.balance,
            "balance_over": format!("{:?}", args.balance_over).to_lowercase(), "seed": args.seed,
            "group_weights": [args.group_weights.0, args.group_weights.1], "min_df": args.min_df,
            "optimizer": format!("{:?}", args.optimizer).to_lowercase(), "c": args.c,
            "max_iter": args.max_iter, "fit_offsets": args.fit_offsets,
            "refit": format!("{:?}", args.refit).to_lowercase(),
        },
    });
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let model_path = args.out.join("model.dfm");
    std::fs::write(&model_path, model.to_bytes())
        .with_context(|| format!("cannot write {}", model_path.display()))?;
    if let Some(m) = &mut measured {
        m.header.trained = model.header.trained.clone();
        m.header.trained["refit"] = serde_json::json!("none (the measured model of a refit)");
        let path = args.out.join("measured.dfm");
        std::fs::write(&path, m.to_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut report = serde_json::json!({ "model": model.header, "test": figures });
    if args.refit == Refit::Seen {
        report["test_after_refit"] = serde_json::json!(refit_figures);
    }
    std::fs::write(
        args.out.join("report.json"),
        serde_json::to_string_pretty(&report)?,
    )?;
    eprintln!("defuse: wrote {}", model_path.display());
    Ok(ExitCode::SUCCESS)
}

/// The languages with at least `MIN_TITLED_ROWS` titled training rows: the model reads the
/// own features of titles in those languages only (elsewhere they would be untrained).
fn title_langs(sources: &[Source]) -> Vec<String> {
    let titled: Vec<&Row> = sources
        .iter()
        .flat_map(|s| &s.rows)
        .filter(|r| r.title.is_some() && r.part == Part::Train)
        .collect();
    let langs: Vec<&'static str> = titled
        .par_iter()
        .map_init(Scratch::new, |s, r| {
            features_of_titled(r.title.as_deref(), &r.text, |_| true, s)
                .1
                .as_str()
        })
        .collect();
    let mut counts = std::collections::BTreeMap::new();
    for l in langs {
        *counts.entry(l).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= MIN_TITLED_ROWS)
        .map(|(l, _)| l.to_string())
        .collect()
}

fn head(name: &str, task: Task) -> HeadSpec {
    HeadSpec {
        name: name.into(),
        classes: task.classes().iter().map(|s| s.to_string()).collect(),
        temperature: 1.0,
        threshold: 0.5,
        thresholds: Default::default(),
        offsets: Default::default(),
        scale: 0.0,
    }
}

fn split_weight(spec: &str) -> (PathBuf, f32) {
    if let Some((p, w)) = spec.rsplit_once(':')
        && let Ok(w) = w.parse::<f32>()
    {
        return (PathBuf::from(p), w);
    }
    (PathBuf::from(spec), 1.0)
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Figures of `model` on the test part of every file, printed and as report entries.
fn measure(
    model: &Model,
    sources: &[Source],
    label: &str,
) -> anyhow::Result<Vec<serde_json::Value>> {
    let analyzer = Analyzer::new(model.clone())?;
    let mut figures = Vec::new();
    for s in sources {
        for task in [Task::Sentiment, Task::Toxic] {
            let test: Vec<&Row> = s
                .rows
                .iter()
                .filter(|r| r.task == task && r.part == Part::Test)
                .collect();
            if test.is_empty() {
                continue;
            }
            // A file with titles is measured as given (title and text) and on the text alone
            // (`text_only`: what a mention without a title gets).
            let titled = test.iter().any(|r| r.title.is_some());
            for titles in [true, false].into_iter().take(if titled { 2 } else { 1 }) {
                let r = evaluate(&analyzer, task, &test, titles);
                eprintln!(
                    "defuse: {label}{}{} {task:?}: test rows {}, macro F1 {:.3}, accuracy {:.3}",
                    s.path.display(),
                    if titled && !titles {
                        " (text only)"
                    } else {
                        ""
                    },
                    r.n,
                    r.macro_f1,
                    r.accuracy
                );
                let mut entry = serde_json::json!({
                    "file": file_name(&s.path),
                    "task": format!("{task:?}").to_lowercase(),
                    "report": r,
                });
                if titled && !titles {
                    entry["text_only"] = serde_json::json!(true);
                }
                figures.push(entry);
            }
        }
    }
    Ok(figures)
}

/// Train (and, given calibration rows, calibrate) one head, reporting the optimizer's run.
fn fit_head(
    model: &mut Model,
    head: usize,
    task: Task,
    train: &[Example],
    dev: &[Example],
    opts: &TrainOptions,
) {
    let started = std::time::Instant::now();
    if let Some(r) = train_head(model, head, train, dev, opts) {
        eprintln!(
            "defuse: {task:?}: L-BFGS {} iterations, {} evaluations, objective {:.1}{}, {:.0} s",
            r.iterations,
            r.evaluations,
            r.value,
            if r.converged { "" } else { " (not converged)" },
            started.elapsed().as_secs_f32()
        );
    }
}

/// The featurized rows of one task: training rows, then calibration rows, then held-out rows,
/// in one vector so that every union a refit needs is a slice (nothing copied).
struct Parts {
    rows: Vec<Example>,
    /// Parallel to `rows`: false for the second form (text alone) of a titled row.
    document: Vec<bool>,
    n_train: usize,
    n_dev: usize,
}

impl Parts {
    /// The features of each text among the first `n` rows once, for the IDF.
    fn documents(&self, n: usize) -> impl Iterator<Item = &[u64]> {
        self.rows[..n]
            .iter()
            .zip(&self.document)
            .filter(|(_, d)| **d)
            .map(|(e, _)| e.hashes.as_slice())
    }
    fn train(&self) -> &[Example] {
        &self.rows[..self.n_train]
    }
    fn dev(&self) -> &[Example] {
        &self.rows[self.n_train..self.n_train + self.n_dev]
    }
    /// The calibration rows, each once: a titled row in its titled form only (calibration
    /// does not read example weights).
    fn dev_documents(&self) -> Vec<Example> {
        let docs = &self.document[self.n_train..self.n_train + self.n_dev];
        self.dev()
            .iter()
            .zip(docs)
            .filter(|(_, d)| **d)
            .map(|(e, _)| e.clone())
            .collect()
    }
    /// Training and calibration rows: everything but the held-out part.
    fn seen(&self) -> &[Example] {
        &self.rows[..self.n_train + self.n_dev]
    }
    fn all(&self) -> &[Example] {
        &self.rows
    }
}

/// Featurize the rows of one task, in parallel. With `balance` > 0 each row's weight also
/// carries its class's balancing factor within its file: `(n / (k · n_class))^balance` over the
/// file's training rows of the task. Each row also carries the classes its file labels with
/// (`Example::classes`): a file without neutral labels teaches negative against positive only.
/// A row with a title gives two examples of half its weight: the title with the text, as the
/// analysis reads it, and the text alone, so that the model also learns to judge the same
/// kind of text when it comes without a title (measured on LaRoSeDa by the scikit-learn peer:
/// training on title and text only cost 0.006 macro F1 on the texts alone, training on both
/// forms 0.002).
fn examples(sources: &[Source], task: Task, balance: f32, title_langs: &[String]) -> Parts {
    let reads_titles = |l: defuse_text::Lang| title_langs.iter().any(|t| t == l.as_str());
    let rows: Vec<(&Row, f32, u8)> = sources
        .iter()
        .flat_map(|s| {
            let mut counts = vec![0f32; task.classes().len()];
            for r in s
                .rows
                .iter()
                .filter(|r| r.task == task && r.part == Part::Train)
            {
                if let Some(c) = counts.get_mut(r.class) {
                    *c += 1.0;
                }
            }
            let total: f32 = counts.iter().sum();
            let present = counts.iter().filter(|&&c| c > 0.0).count() as f32;
            let class_w: Vec<f32> = counts
                .iter()
                .map(|&c| {
                    if c > 0.0 && balance > 0.0 {
                        (total / (present * c)).powf(balance)
                    } else {
                        1.0
                    }
                })
                .collect();
            // The classes this file labels with (all rows of the task): 0 when it uses all.
            let mut mask = 0u8;
            for r in s.rows.iter().filter(|r| r.task == task) {
                mask |= 1 << r.class.min(7);
            }
            // All classes, or a single one (a softmax over one class teaches nothing: such a
            // file's rows train against every class as before): no restriction.
            if mask.count_ones() as usize == task.classes().len() || mask.count_ones() < 2 {
                mask = 0;
            }
            s.rows.iter().map(move |r| {
                let cw = class_w.get(r.class).copied().unwrap_or(1.0);
                (r, s.weight * cw, mask)
            })
        })
        .filter(|(r, _, _)| r.task == task)
        .collect();
    let ex: Vec<(Part, Example, bool)> = rows
        .par_iter()
        .map_init(Scratch::new, |s, (r, w, mask)| {
            // A blank text alone would teach the label from nothing but the bias.
            let forms = if r.title.is_some() && !r.text.trim().is_empty() {
                vec![(r.title.as_deref(), w * 0.5, true), (None, w * 0.5, false)]
            } else {
                vec![(None, *w, true)]
            };
            forms
                .into_iter()
                .map(|(title, weight, document)| {
                    let (hashes, lang) = features_of_titled(title, &r.text, reads_titles, s);
                    (
                        r.part,
                        Example {
                            hashes,
                            label: r.class as u8,
                            weight,
                            group: lang.as_str(),
                            classes: *mask,
                        },
                        document,
                    )
                })
                .collect::<Vec<_>>()
        })
        .flatten()
        .collect();
    let mut by_part: [Vec<(Example, bool)>; 3] = Default::default();
    for (p, e, d) in ex {
        let k = match p {
            Part::Train => 0,
            Part::Dev => 1,
            Part::Test => 2,
        };
        by_part[k].push((e, d));
    }
    let (n_train, n_dev) = (by_part[0].len(), by_part[1].len());
    let (rows, document) = by_part.into_iter().flatten().unzip();
    Parts {
        rows,
        document,
        n_train,
        n_dev,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(i: usize, class: usize, part: Part) -> Row {
        Row {
            id: format!("r{i}"),
            text: format!("text {i}"),
            title: None,
            task: Task::Sentiment,
            class,
            part,
        }
    }

    #[test]
    fn classes_are_balanced_within_each_file() {
        // File A: 30 negative, 10 positive; file B (weight 0.5): 10 negative, 10 neutral.
        let a: Vec<Row> = (0..40)
            .map(|i| row(i, if i < 30 { 0 } else { 2 }, Part::Train))
            .collect();
        let mut b: Vec<Row> = (0..20)
            .map(|i| row(100 + i, if i < 10 { 0 } else { 1 }, Part::Train))
            .collect();
        b.push(row(200, 1, Part::Test));
        let sources = vec![
            Source {
                path: "a.jsonl".into(),
                weight: 1.0,
                rows: a,
            },
            Source {
                path: "b.jsonl".into(),
                weight: 0.5,
                rows: b,
            },
        ];
        let parts = examples(&sources, Task::Sentiment, 1.0, &[]);
        assert_eq!(parts.train().len(), 60);
        assert_eq!(
            parts.all().len() - parts.seen().len(),
            1,
            "one held-out row"
        );
        let w = |i: usize| parts.train()[i].weight;
        // (n / (k · n_class))^1 within file A: 40 / (2 · 30) and 40 / (2 · 10).
        assert!((w(0) - 40.0 / 60.0).abs() < 1e-6, "{}", w(0));
        assert!((w(39) - 2.0).abs() < 1e-6, "{}", w(39));
        // File B is balanced already: only its file weight.
        assert!((w(40) - 0.5).abs() < 1e-6 && (w(59) - 0.5).abs() < 1e-6);
        // Balance 0: file weights only.
        let plain = examples(&sources, Task::Sentiment, 0.0, &[]);
        assert!((plain.train()[0].weight - 1.0).abs() < 1e-6);
        assert_eq!(parts.all().len(), 61);
        // File A labels negative and positive only, B negative and neutral.
        assert_eq!(parts.train()[0].classes, 0b101);
        assert_eq!(parts.train()[40].classes, 0b011);
        // A file with one class only is not restricted (its rows would teach nothing).
        let one = vec![Source {
            path: "c.jsonl".into(),
            weight: 1.0,
            rows: (0..5).map(|i| row(i, 2, Part::Train)).collect(),
        }];
        assert_eq!(
            examples(&one, Task::Sentiment, 0.5, &[]).train()[0].classes,
            0
        );
    }

    #[test]
    fn a_titled_row_teaches_both_forms_at_half_weight() {
        let mut titled = row(1, 0, Part::Train);
        titled.title = Some("Nu recomand".into());
        let sources = vec![Source {
            path: "t.jsonl".into(),
            weight: 1.0,
            rows: vec![titled, row(2, 2, Part::Train), row(3, 2, Part::Test)],
        }];
        let every = ["ru", "uk", "en", "ro", "und"].map(String::from);
        let parts = examples(&sources, Task::Sentiment, 0.0, &every);
        assert_eq!(
            parts.train().len(),
            3,
            "two forms of the titled row, one plain"
        );
        let w: Vec<f32> = parts.train().iter().map(|e| e.weight).collect();
        assert_eq!(w, vec![0.5, 0.5, 1.0]);
        let (a, b) = (&parts.train()[0].hashes, &parts.train()[1].hashes);
        assert!(
            a.len() > b.len(),
            "the titled form has the title's features too"
        );
        assert_eq!(
            parts.documents(3).count(),
            2,
            "the text-alone form is not another document for the IDF"
        );
        assert_eq!(parts.all().len() - parts.seen().len(), 1);
        // A titled row with a blank text is learned in its titled form only.
        let mut blank = row(4, 0, Part::Train);
        blank.title = Some("Nu recomand".into());
        blank.text = " ".into();
        let one = vec![Source {
            path: "b.jsonl".into(),
            weight: 1.0,
            rows: vec![blank],
        }];
        let parts = examples(&one, Task::Sentiment, 0.0, &[]);
        assert_eq!(parts.train().len(), 1);
        assert_eq!(parts.train()[0].weight, 1.0);
        // Calibration rows count each titled row once.
        let mut dev_row = row(5, 0, Part::Dev);
        dev_row.title = Some("Excelent".into());
        let cal = vec![Source {
            path: "c.jsonl".into(),
            weight: 1.0,
            rows: vec![dev_row, row(6, 2, Part::Dev)],
        }];
        let parts = examples(&cal, Task::Sentiment, 0.0, &[]);
        assert_eq!(parts.dev().len(), 3);
        assert_eq!(parts.dev_documents().len(), 2);
    }

    #[test]
    fn group_weights_parse_or_say_what_is_wrong() {
        assert_eq!(parse_pair("1,0.5"), Ok((1.0, 0.5)));
        assert!(parse_pair("1").is_err_and(|e| e.contains("WORD,CHAR")));
        assert!(parse_pair("1,-2").is_err_and(|e| e.contains("from 0 to 1000")));
        assert!(parse_pair("1e38,1").is_err());
        assert!(parse_pair("1,nan").is_err());
    }
}
