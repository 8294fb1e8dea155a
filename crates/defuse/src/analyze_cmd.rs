//! `defuse analyze`: JSON Lines in, one analysis per line out, in input order, on all cores,
//! streaming in chunks (memory stays flat whatever the input size). Bad lines are reported on
//! stderr with their line number and skipped; the exit code is 1 if any was rejected.

use crate::ModelArgs;
use anyhow::Context;
use defuse::jsonl::{ChunkReader, parse_line};
use defuse_text::{Analyzer, Scratch};
use rayon::prelude::*;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input JSON Lines file (default: standard input).
    #[arg(long, short, value_name = "FILE")]
    input: Option<PathBuf>,
    /// Output JSON Lines file (default: standard output).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Add an `explain` object: the features and rules behind each decision.
    #[arg(long)]
    explain: bool,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    #[command(flatten)]
    model: ModelArgs,
}

const CHUNK_LINES: usize = 4096;
const CHUNK_BYTES: usize = 8 << 20;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let analyzer = args.model.analyzer()?;
    let (reader, total): (Box<dyn BufRead>, Option<u64>) = match &args.input {
        Some(p) => {
            let f = File::open(p).with_context(|| format!("cannot open {}", p.display()))?;
            let len = f.metadata().ok().map(|m| m.len());
            (Box::new(BufReader::with_capacity(1 << 20, f)), len)
        }
        None => (
            Box::new(BufReader::with_capacity(1 << 20, std::io::stdin())),
            None,
        ),
    };
    let out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        pool = pool.num_threads(n.max(1));
    }
    let pool = pool.build().context("cannot start worker threads")?;

    let progress = progress_bar(total);
    let mut chunks = ChunkReader::new(reader);
    let (mut ok, mut rejected) = (0u64, 0u64);
    let stderr = std::io::stderr();
    loop {
        let chunk = chunks
            .next_chunk(CHUNK_LINES, CHUNK_BYTES)
            .context("cannot read input")?;
        for no in &chunks.too_long {
            rejected += 1;
            let mut e = stderr.lock();
            let _ = writeln!(
                e,
                "defuse: line {no}: rejected: longer than {} bytes",
                defuse::jsonl::MAX_LINE_BYTES
            );
        }
        if chunk.is_empty() {
            if chunks.too_long.is_empty() {
                break;
            }
            continue;
        }
        let results: Vec<Result<Option<Vec<u8>>, String>> = pool.install(|| {
            chunk
                .par_iter()
                .map_init(Scratch::new, |scratch, (no, line)| {
                    analyze_line(&analyzer, scratch, line, *no, args.explain)
                })
                .collect()
        });
        for ((no, _), r) in chunk.iter().zip(results) {
            match r {
                Ok(Some(bytes)) => {
                    out.write_all(&bytes).context("cannot write output")?;
                    ok += 1;
                }
                Ok(None) => {}
                Err(why) => {
                    rejected += 1;
                    let mut e = stderr.lock();
                    let _ = writeln!(e, "defuse: line {no}: rejected: {why}");
                }
            }
        }
        if let Some(p) = &progress {
            p.set_position(chunks.bytes_read);
        }
    }
    out.flush().context("cannot write output")?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if rejected > 0 {
        eprintln!("defuse: {ok} lines analysed, {rejected} rejected");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Analyse one raw line into its output line (with the trailing newline).
fn analyze_line(
    analyzer: &Analyzer,
    scratch: &mut Scratch,
    line: &[u8],
    no: u64,
    explain: bool,
) -> Result<Option<Vec<u8>>, String> {
    let Some(m) = parse_line(line, no)? else {
        return Ok(None);
    };
    let a = analyzer.analyze(&m.text, scratch, explain);
    let mut buf = Vec::with_capacity(512);
    buf.extend_from_slice(b"{\"id\":");
    buf.extend_from_slice(m.id.as_bytes());
    // The analysis is a JSON object: write it in place and turn its `{` into the `,` that
    // follows the id.
    let at = buf.len();
    serde_json::to_writer(&mut buf, &a).map_err(|e| e.to_string())?;
    if let Some(b) = buf.get_mut(at) {
        *b = b',';
    }
    buf.push(b'\n');
    Ok(Some(buf))
}

fn progress_bar(total: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match total {
        Some(t) => indicatif::ProgressBar::new(t).with_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
            )
            .ok()?,
        ),
        None => indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{spinner} {bytes} read {bytes_per_sec}")
                .ok()?,
        ),
    };
    Some(bar)
}
