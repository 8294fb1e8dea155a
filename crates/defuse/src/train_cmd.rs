//! `defuse train`: builds a model from labelled JSON Lines files (sentiment and toxicity labels;
//! kind is decided by rules), calibrates it on held-out rows, measures it on the test part of
//! every file and writes `model.dfm`, `report.json` and `MODEL_CARD.md` to the output folder.

use crate::data::{Row, Task, read_labelled};
use crate::eval_cmd::evaluate;
use anyhow::Context;
use defuse_text::analysis::features_of;
use defuse_text::eval::Part;
use defuse_text::model::{HeadSpec, Model};
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
    #[arg(long, default_value_t = 30)]
    epochs: usize,
    #[arg(long, default_value_t = 0.05)]
    learning_rate: f32,
    #[arg(long, default_value_t = 1e-6)]
    l2: f32,
    /// Class balancing exponent: 0 none, 1 fully balanced.
    #[arg(long, default_value_t = 0.5)]
    balance: f32,
    /// Seed of the example order (the same seed gives the same model, bit for bit; the order
    /// generator uses `seed | 1`, so use odd seeds to get different orders).
    #[arg(long, default_value_t = 42)]
    seed: u64,
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
    let opts = TrainOptions {
        epochs: args.epochs,
        learning_rate: args.learning_rate,
        l2: args.l2,
        balance: args.balance,
        seed: args.seed,
    };
    let sets: Vec<(usize, Task, Vec<Example>, Vec<Example>)> =
        [(0, Task::Sentiment), (1, Task::Toxic)]
            .into_iter()
            .map(|(hi, task)| {
                let (train, dev) = examples(&sources, task);
                (hi, task, train, dev)
            })
            .collect();
    // IDF over every training text of every head.
    model.fit_idf(
        sets.iter()
            .flat_map(|s| s.2.iter().map(|e| e.hashes.as_slice())),
    );
    for (hi, task, train, dev) in &sets {
        if train.is_empty() {
            eprintln!("defuse: no {task:?} rows: that head stays untrained");
            continue;
        }
        eprintln!(
            "defuse: training {task:?} on {} rows, calibrating on {}",
            train.len(),
            dev.len()
        );
        train_head(&mut model, *hi, train, dev, &opts);
    }

    // Measure on each file's test part.
    let analyzer = Analyzer::new(model.clone())?;
    let mut figures = Vec::new();
    for s in &sources {
        for task in [Task::Sentiment, Task::Toxic] {
            let test: Vec<&Row> = s
                .rows
                .iter()
                .filter(|r| r.task == task && r.part == Part::Test)
                .collect();
            if test.is_empty() {
                continue;
            }
            let r = evaluate(&analyzer, task, &test);
            eprintln!(
                "defuse: {} {task:?}: test rows {}, macro F1 {:.3}, accuracy {:.3}",
                s.path.display(),
                r.n,
                r.macro_f1,
                r.accuracy
            );
            figures.push(serde_json::json!({
                "file": file_name(&s.path),
                "task": format!("{task:?}").to_lowercase(),
                "report": r,
            }));
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
            "l2": args.l2, "balance": args.balance, "seed": args.seed,
        },
    });
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let model_path = args.out.join("model.dfm");
    std::fs::write(&model_path, model.to_bytes())
        .with_context(|| format!("cannot write {}", model_path.display()))?;
    let report = serde_json::json!({ "model": model.header, "test": figures });
    std::fs::write(
        args.out.join("report.json"),
        serde_json::to_string_pretty(&report)?,
    )?;
    eprintln!("defuse: wrote {}", model_path.display());
    Ok(ExitCode::SUCCESS)
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

/// Featurize the train and dev rows of one task, in parallel.
fn examples(sources: &[Source], task: Task) -> (Vec<Example>, Vec<Example>) {
    let rows: Vec<(&Row, f32)> = sources
        .iter()
        .flat_map(|s| s.rows.iter().map(move |r| (r, s.weight)))
        .filter(|(r, _)| r.task == task && r.part != Part::Test)
        .collect();
    let ex: Vec<(Part, Example)> = rows
        .par_iter()
        .map_init(Scratch::new, |s, (r, w)| {
            let (hashes, lang) = features_of(&r.text, s);
            (
                r.part,
                Example {
                    hashes,
                    label: r.class as u8,
                    weight: *w,
                    group: lang.as_str(),
                },
            )
        })
        .collect();
    let mut train = Vec::new();
    let mut dev = Vec::new();
    for (p, e) in ex {
        if p == Part::Dev {
            dev.push(e);
        } else {
            train.push(e);
        }
    }
    (train, dev)
}
