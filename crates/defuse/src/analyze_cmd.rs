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
        // Lines go to the workers in batches, each written into one buffer: no allocation
        // per line, and the output is still in input order.
        let batches: Vec<Batch> = pool.install(|| {
            chunk
                .par_chunks(BATCH_LINES)
                .map_init(Scratch::new, |scratch, lines| {
                    let mut b = Batch {
                        out: Vec::with_capacity(lines.len() * 512),
                        ok: 0,
                        errors: Vec::new(),
                    };
                    for (no, line) in lines {
                        match analyze_line(&analyzer, scratch, line, *no, args.explain, &mut b.out)
                        {
                            Ok(true) => b.ok += 1,
                            Ok(false) => {}
                            Err(why) => b.errors.push((*no, why)),
                        }
                    }
                    b
                })
                .collect()
        });
        for b in batches {
            out.write_all(&b.out).context("cannot write output")?;
            ok += b.ok;
            for (no, why) in b.errors {
                rejected += 1;
                let mut e = stderr.lock();
                let _ = writeln!(e, "defuse: line {no}: rejected: {why}");
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

/// Lines per parallel task within a chunk.
const BATCH_LINES: usize = 64;

/// The output of a batch of lines: the output lines, how many, and the rejected lines.
struct Batch {
    out: Vec<u8>,
    ok: u64,
    errors: Vec<(u64, String)>,
}

/// Analyse one raw line and append its output line (with the trailing newline) to `out`:
/// `Ok(false)` for a blank line, `Err` says why the line is rejected.
fn analyze_line(
    analyzer: &Analyzer,
    scratch: &mut Scratch,
    line: &[u8],
    no: u64,
    explain: bool,
    out: &mut Vec<u8>,
) -> Result<bool, String> {
    let Some(m) = parse_line(line, no)? else {
        return Ok(false);
    };
    let a = analyzer.analyze_titled(m.title.as_deref(), &m.text, scratch, explain);
    out.extend_from_slice(b"{\"id\":");
    out.extend_from_slice(m.id.as_bytes());
    // The analysis is a JSON object: write it in place and turn its `{` into the `,` that
    // follows the id.
    let at = out.len();
    a.write_json(out);
    if let Some(b) = out.get_mut(at) {
        *b = b',';
    }
    out.push(b'\n');
    Ok(true)
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
