//! `defuse labels export`: the team's corrections of the analysis as labelled JSON Lines
//! (`id`, `text`, optional `title`, `label`, `lang`, `labelled_by`, `labelled_at`) — the shape
//! `defuse train` and `defuse eval` read, so the model can learn the team's own language.

use anyhow::Context;
use defuse::desk::DataArgs;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Subcommand, Debug)]
pub enum LabelsCmd {
    /// Write every correction in effect (per message, its last kind and last sentiment) as JSON
    /// Lines, to stdout or --out.
    Export {
        /// Write here instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<std::path::PathBuf>,
        #[command(flatten)]
        data: DataArgs,
    },
}

pub fn run(c: LabelsCmd) -> anyhow::Result<ExitCode> {
    match c {
        LabelsCmd::Export { out, data } => {
            let settings = data.settings()?;
            let store = data.store(&settings)?;
            let mut w: Box<dyn Write> = match &out {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p)
                        .with_context(|| format!("cannot create {}", p.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            let n = store.export_labels(|line| {
                serde_json::to_writer(&mut w, line).map_err(std::io::Error::other)?;
                w.write_all(b"\n")
            })?;
            w.flush()?;
            eprintln!("defuse: {n} labelled lines");
            Ok(ExitCode::SUCCESS)
        }
    }
}
