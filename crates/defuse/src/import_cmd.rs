//! `defuse import FILE…`: JSON Lines or CSV (with a column mapping) into the store, streaming in
//! batches: each batch is parsed and analysed on all cores, then written in one transaction, so
//! memory stays flat and a crash loses at most the batch in flight — running the same import
//! again completes it without duplicates. Bad lines and rows are reported with their number and
//! the reason; everything valid around them is kept.

use crate::ModelArgs;
use anyhow::Context;
use defuse::csv_map::CsvMapping;
use defuse::desk::{DataArgs, now};
use defuse::jsonl::ChunkReader;
use defuse::pipeline::Pipeline;
use defuse_core::mention::Mention;
use defuse_store::{Incoming, IngestSummary};
use defuse_text::Scratch;
use rayon::prelude::*;
use serde::Serialize;
use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files to import: JSON Lines (one mention per line) or CSV (`.csv`, or --format csv).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Input format (default: by extension, `.csv` is CSV, anything else JSON Lines).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// CSV column for a field: `--map text=Content --map created_at=Date`.
    #[arg(long = "map", value_name = "FIELD=COLUMN")]
    map: Vec<String>,
    /// The platform of CSV rows that have no source column (vk, telegram, x…).
    #[arg(long, value_name = "NAME")]
    source: Option<String>,
    /// CSV field delimiter (default `,`).
    #[arg(long, default_value_t = ',')]
    delimiter: char,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Worker threads for the analysis (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Mentions per transaction.
    #[arg(long, default_value_t = 2000, value_name = "N")]
    batch: usize,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    model: ModelArgs,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Format {
    Jsonl,
    Csv,
}

/// What an import did.
#[derive(Debug, Default, Serialize)]
struct Summary {
    read: u64,
    #[serde(flatten)]
    stored: IngestSummary,
    rejected: u64,
}

/// One input item before parsing: a JSON line or a mapped CSV row.
enum Raw {
    Line(Vec<u8>),
    Row(serde_json::Value),
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let settings = args.data.settings()?;
    if settings.desk.brands.is_empty() {
        eprintln!(
            "defuse: warning: {} lists no [[brands]]: every mention will be stored as unmatched",
            args.data.settings_path().display()
        );
    }
    // The whole workflow policy of the settings [bug: ingest used the defaults].
    let policy = settings.desk_policy()?;
    let mut store = args.data.store(&settings)?;
    let analyzer = args.model.analyzer()?;
    let pipeline = Pipeline::new(&settings, &analyzer)?;
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool.build().context("cannot start worker threads")?;
    let batch = args.batch.clamp(1, 100_000);
    let mut sum = Summary::default();
    // The writer runs on its own thread, one transaction per batch, while the next batch is
    // parsed and analysed: the store's single writer and the analysis overlap.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Incoming>>(2);
    let stored = std::thread::scope(|scope| -> anyhow::Result<IngestSummary> {
        let policy = &policy;
        let writer = std::thread::Builder::new()
            .name("store-writer".into())
            .spawn_scoped(scope, move || -> anyhow::Result<IngestSummary> {
                let mut total = IngestSummary::default();
                let abort_after = test_abort_after_batches();
                let mut committed = 0u64;
                for batch in rx {
                    total.add(store.ingest(batch, policy, now()?)?);
                    committed += 1;
                    if abort_after == Some(committed) {
                        // TEST HOOK: die like kill -9 right after a committed batch.
                        std::process::abort();
                    }
                }
                Ok(total)
            })
            .context("cannot start the writer thread")?;
        let read = read_all(&args, &pool, &pipeline, batch, &tx, &mut sum);
        drop(tx);
        let written = writer
            .join()
            .map_err(|_| anyhow::anyhow!("the writer thread panicked"))?;
        // A writer error explains a failed send; report it first.
        let written = written?;
        read?;
        Ok(written)
    })?;
    sum.stored = stored;
    if args.json {
        println!("{}", serde_json::to_string(&sum)?);
    } else {
        println!(
            "read {} · new {} · updated {} · duplicates {} · unmatched {} · rejected {}",
            sum.read,
            sum.stored.new,
            sum.stored.updated,
            sum.stored.duplicates,
            sum.stored.unmatched,
            sum.rejected
        );
    }
    Ok(if sum.rejected > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// TEST HOOK, for the crash-safety test only: `DEFUSE_TEST_ABORT_AFTER_BATCHES=N` makes the
/// import abort (`std::process::abort`, no cleanup, like kill -9) right after its Nth batch is
/// committed, so the test always dies between two batches and before the end. Unset (or not a
/// positive number) in normal use: no effect.
pub const TEST_ABORT_AFTER_BATCHES: &str = "DEFUSE_TEST_ABORT_AFTER_BATCHES";

fn test_abort_after_batches() -> Option<u64> {
    std::env::var(TEST_ABORT_AFTER_BATCHES)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|n| *n > 0)
}

/// Read, parse and analyse every file, sending each batch to the writer.
fn read_all(
    args: &Args,
    pool: &rayon::ThreadPool,
    pipeline: &Pipeline<'_>,
    batch: usize,
    tx: &std::sync::mpsc::SyncSender<Vec<Incoming>>,
    sum: &mut Summary,
) -> anyhow::Result<()> {
    for path in &args.files {
        let format = args.format.unwrap_or(
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            {
                Format::Csv
            } else {
                Format::Jsonl
            },
        );
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let total = file.metadata().ok().map(|m| m.len());
        let bar = progress_bar(path, total);
        let write = |items: Vec<(u64, Raw)>, pos: u64, sum: &mut Summary| -> anyhow::Result<()> {
            sum.read += items.len() as u64;
            let now = now()?;
            let prepared: Vec<(u64, Result<Incoming, String>)> = pool.install(|| {
                items
                    .into_par_iter()
                    .map_init(Scratch::new, |scratch, (no, raw)| {
                        let parsed = match raw {
                            Raw::Line(bytes) => Mention::from_json(bytes.trim_ascii()),
                            Raw::Row(v) => Mention::from_value(&v),
                        };
                        (
                            no,
                            parsed
                                .and_then(|m| m.check_times(now).map(|()| m))
                                .map(|m| pipeline.prepare(m, scratch, now))
                                .map_err(|e| e.to_string()),
                        )
                    })
                    .collect()
            });
            let mut ok = Vec::with_capacity(prepared.len());
            for (no, r) in prepared {
                match r {
                    Ok(i) => ok.push(i),
                    Err(why) => {
                        sum.rejected += 1;
                        eprintln!("defuse: {}:{no}: rejected: {why}", path.display());
                    }
                }
            }
            tx.send(ok)
                .map_err(|_| anyhow::anyhow!("the store stopped accepting mentions"))?;
            if let Some(b) = &bar {
                b.set_position(pos);
            }
            Ok(())
        };
        match format {
            Format::Jsonl => {
                let mut chunks = ChunkReader::new(BufReader::with_capacity(1 << 20, file));
                loop {
                    let chunk = chunks
                        .next_chunk(batch, 16 << 20)
                        .with_context(|| format!("cannot read {}", path.display()))?;
                    for no in &chunks.too_long {
                        sum.read += 1;
                        sum.rejected += 1;
                        eprintln!(
                            "defuse: {}:{no}: rejected: longer than {} bytes",
                            path.display(),
                            defuse::jsonl::MAX_LINE_BYTES
                        );
                    }
                    if chunk.is_empty() {
                        if chunks.too_long.is_empty() {
                            break;
                        }
                        continue;
                    }
                    // Blank lines are not mentions and not errors.
                    let items: Vec<(u64, Raw)> = chunk
                        .into_iter()
                        .filter(|(_, l)| !l.trim_ascii().is_empty())
                        .map(|(no, l)| (no, Raw::Line(l)))
                        .collect();
                    write(items, chunks.bytes_read, sum)?;
                }
            }
            Format::Csv => {
                let delimiter = u8::try_from(args.delimiter)
                    .map_err(|_| anyhow::anyhow!("--delimiter must be one ASCII character"))?;
                let mut rdr = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .flexible(true)
                    .from_reader(BufReader::with_capacity(1 << 20, file));
                let header: Vec<String> = rdr
                    .headers()
                    .with_context(|| format!("{}: cannot read the CSV header", path.display()))?
                    .iter()
                    .map(str::to_string)
                    .collect();
                let refs: Vec<&str> = header.iter().map(String::as_str).collect();
                let mapping = CsvMapping::new(&args.map, &refs, args.source.as_deref())
                    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
                let mut items = Vec::with_capacity(batch);
                let mut rec = csv::ByteRecord::new();
                loop {
                    let line = rdr.position().line();
                    match rdr.read_byte_record(&mut rec) {
                        Ok(false) => break,
                        Ok(true) => {
                            let cells: Vec<String> = rec
                                .iter()
                                .map(|c| String::from_utf8_lossy(c).into_owned())
                                .collect();
                            if rec.iter().any(|c| std::str::from_utf8(c).is_err()) {
                                sum.read += 1;
                                sum.rejected += 1;
                                eprintln!(
                                    "defuse: {}:{line}: rejected: the row is not valid UTF-8",
                                    path.display()
                                );
                                continue;
                            }
                            let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
                            items.push((line, Raw::Row(mapping.row(&refs))));
                        }
                        Err(e) => {
                            sum.read += 1;
                            sum.rejected += 1;
                            eprintln!("defuse: {}:{line}: rejected: {e}", path.display());
                            if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                                return Err(e).context("cannot read input");
                            }
                        }
                    }
                    if items.len() >= batch {
                        let pos = rdr.position().byte();
                        write(std::mem::take(&mut items), pos, sum)?;
                    }
                }
                let pos = rdr.position().byte();
                write(items, pos, sum)?;
            }
        }
        if let Some(b) = bar {
            b.finish_and_clear();
        }
    }
    Ok(())
}

fn progress_bar(path: &Path, total: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total.unwrap_or(0)).with_style(
        indicatif::ProgressStyle::with_template(
            "{msg} {bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .ok()?,
    );
    bar.set_message(path.display().to_string());
    Some(bar)
}
