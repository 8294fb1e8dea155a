//! The `defuse` command: the entry point for every part of the product. Each subcommand lives in
//! its own module; this file only parses arguments and dispatches.

mod analyze_cmd;
mod data;
mod eval_cmd;

mod train_cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "defuse",
    version,
    about = "A desk for a brand's negative and unanswered social media mentions"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse mentions: JSON Lines in ({"id", "text"} per line), JSON Lines out.
    Analyze(analyze_cmd::Args),
    /// Measure the analysis against a labelled JSON Lines file.
    Eval(eval_cmd::Args),
    /// Train a model from labelled JSON Lines files.
    Train(train_cmd::Args),
}

/// Options shared by the commands that analyse text.
#[derive(clap::Args, Clone, Debug)]
pub struct ModelArgs {
    /// A model file made by `defuse train` (default: the model shipped in the binary).
    #[arg(long, env = "DEFUSE_MODEL", value_name = "FILE")]
    pub model: Option<PathBuf>,
}

impl ModelArgs {
    /// The analyzer to use: a model file if given, else the built-in one.
    pub fn analyzer(&self) -> anyhow::Result<std::borrow::Cow<'static, defuse_text::Analyzer>> {
        use anyhow::Context;
        match &self.model {
            Some(path) => {
                let bytes = std::fs::read(path)
                    .with_context(|| format!("cannot read model file {}", path.display()))?;
                let model = defuse_text::model::Model::from_bytes(&bytes)
                    .with_context(|| format!("{} is not a usable model", path.display()))?;
                Ok(std::borrow::Cow::Owned(defuse_text::Analyzer::new(model)?))
            }
            None => Ok(std::borrow::Cow::Borrowed(defuse_text::Analyzer::builtin()?)),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(a) => analyze_cmd::run(a),
        Command::Eval(a) => eval_cmd::run(a),
        Command::Train(a) => train_cmd::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("defuse: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
