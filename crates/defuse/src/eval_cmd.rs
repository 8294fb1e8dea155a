//! `defuse eval`: per-class precision, recall, F1, macro F1, calibration error and the
//! confusion matrix of the analysis against a labelled file.

use crate::ModelArgs;
use crate::data::{Row, Task, read_labelled};
use defuse_text::eval::{Confusion, Part, Report};
use defuse_text::{Analyzer, Scratch, Sentiment};
use rayon::prelude::*;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Labelled JSON Lines file (`text` and `label` per line).
    #[arg(long, value_name = "FILE")]
    data: PathBuf,
    /// What to measure (default: the task of the file's labels).
    #[arg(long, value_enum)]
    task: Option<Task>,
    /// Only rows defuse never trains on: `split: "test"`, or in files without test rows the
    /// 20% held out by a hash of the id.
    #[arg(long)]
    heldout: bool,
    /// Analyse the text alone, without the rows' `title` (what a mention without a title gets;
    /// the like-for-like figure against a model that reads only the text).
    #[arg(long)]
    ignore_title: bool,
    /// Print the report as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    model: ModelArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let analyzer = args.model.analyzer()?;
    let rows = read_labelled(&args.data)?;
    let task = match args.task {
        Some(t) => t,
        None => most_common_task(&rows)
            .ok_or_else(|| anyhow::anyhow!("{}: no labelled rows", args.data.display()))?,
    };
    let rows: Vec<&Row> = rows
        .iter()
        .filter(|r| r.task == task && (!args.heldout || r.part == Part::Test))
        .collect();
    if rows.is_empty() {
        anyhow::bail!("{}: no rows for task {task:?}", args.data.display());
    }
    let report = evaluate(&analyzer, task, &rows, !args.ignore_title);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&args.data.display().to_string(), task, &report);
    }
    Ok(ExitCode::SUCCESS)
}

fn most_common_task(rows: &[Row]) -> Option<Task> {
    let count = |t: Task| rows.iter().filter(|r| r.task == t).count();
    [Task::Sentiment, Task::Toxic, Task::Kind]
        .into_iter()
        .filter(|&t| count(t) > 0)
        .max_by_key(|&t| count(t))
}

/// Measure `analyzer` on `rows` of one task, reading each row's title with its text when
/// `titles`. For sentiment on a file whose labels have no `neutral` (binary sets such as
/// LaRoSeDa), the prediction is the likelier of negative and positive.
pub fn evaluate(analyzer: &Analyzer, task: Task, rows: &[&Row], titles: bool) -> Report {
    let classes = task.classes();
    let mut present = vec![false; classes.len()];
    for r in rows {
        present[r.class] = true;
    }
    let preds: Vec<(usize, usize, f32)> = rows
        .par_iter()
        .map_init(Scratch::new, |s, r| {
            let title = r.title.as_deref().filter(|_| titles);
            let a = analyzer.analyze_titled(title, &r.text, s, false);
            let (pred, conf) = match task {
                Task::Sentiment => {
                    let p = [a.scores.negative, a.scores.neutral, a.scores.positive];
                    let binary = !present[1];
                    let pred = if binary {
                        if p[0] >= p[2] { 0 } else { 2 }
                    } else {
                        match a.sentiment {
                            Sentiment::Negative => 0,
                            Sentiment::Neutral => 1,
                            Sentiment::Positive => 2,
                        }
                    };
                    let conf = if binary {
                        p[pred] / (p[0] + p[2]).max(1e-9)
                    } else {
                        p[pred]
                    };
                    (pred, conf)
                }
                Task::Toxic => {
                    let pred = usize::from(a.toxic);
                    let conf = if a.toxic {
                        a.toxicity
                    } else {
                        1.0 - a.toxicity
                    };
                    (pred, conf)
                }
                Task::Kind => {
                    let pred = classes
                        .iter()
                        .position(|c| *c == a.kind.as_str())
                        .unwrap_or(classes.len() - 1);
                    (pred, f32::NAN)
                }
            };
            (r.class, pred, conf)
        })
        .collect();
    let mut c = Confusion::new(classes.iter().map(|s| s.to_string()).collect());
    for (g, p, conf) in preds {
        c.add(g, p, (!conf.is_nan()).then_some(conf));
    }
    c.report()
}

pub fn print_report(name: &str, task: Task, r: &Report) {
    println!("{name} — task {task:?}, {} rows", r.n);
    println!(
        "{:<12} {:>9} {:>9} {:>9} {:>8}",
        "class", "precision", "recall", "f1", "support"
    );
    for c in &r.classes {
        if c.support == 0 && c.precision == 0.0 {
            continue;
        }
        println!(
            "{:<12} {:>9.3} {:>9.3} {:>9.3} {:>8}",
            c.class, c.precision, c.recall, c.f1, c.support
        );
    }
    println!("accuracy {:.3}   macro F1 {:.3}", r.accuracy, r.macro_f1);
    if let Some(e) = r.ece {
        println!("calibration error (ECE, 10 bins) {e:.3}");
    }
    println!("confusion (rows: gold, columns: predicted)");
    print!("{:<12}", "");
    for c in &r.classes {
        print!(" {:>10}", c.class);
    }
    println!();
    for (c, row) in r.classes.iter().zip(&r.confusion) {
        print!("{:<12}", c.class);
        for v in row {
            print!(" {v:>10}");
        }
        println!();
    }
}
