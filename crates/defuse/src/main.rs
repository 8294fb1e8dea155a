//! The `defuse` command: the entry point for every part of the product. Each subcommand lives in
//! its own module; this file only parses arguments and dispatches.

mod analyze_cmd;
mod coach_cmd;
mod data;
mod desk_cmd;
mod eval_cmd;
mod import_cmd;
mod serve_cmd;
mod train_cmd;
mod workflow_cmd;

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
    /// Write a commented defuse.toml into the data directory.
    Init(desk_cmd::InitArgs),
    /// Import mentions (JSON Lines or CSV) into the store: match brands, thread, triage.
    Import(import_cmd::Args),
    /// The queue of open cases: overdue first, then deadline, then risk.
    Inbox(desk_cmd::InboxArgs),
    /// Counts of mentions and cases.
    Stats(desk_cmd::StatsArgs),
    /// API tokens.
    #[command(subcommand)]
    Token(desk_cmd::TokenCmd),
    /// Work on a case: show, reply, move, assign, record a follow-up.
    #[command(subcommand)]
    Case(workflow_cmd::CaseCmd),
    /// Hide, unhide, delete or report a mention under the moderation policy [M1–M4].
    Moderate(workflow_cmd::ModerateArgs),
    /// The append-only audit trail: list it, or verify its hash chain.
    #[command(subcommand)]
    Audit(workflow_cmd::AuditCmd),
    /// Run the due background jobs once: service-level alerts, follow-ups, webhooks.
    Tick(workflow_cmd::TickArgs),
    /// The reply coach: check a draft reply against the method, or write one.
    #[command(subcommand)]
    Coach(coach_cmd::CoachCmd),
    /// Serve the HTTP API (and a read-only queue page) over the data directory's store.
    Serve(serve_cmd::ServeArgs),
    /// A working desk with realistic data: a fresh data directory, the bundled demo, served.
    Demo(serve_cmd::DemoArgs),
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
        Command::Init(a) => desk_cmd::run_init(a),
        Command::Import(a) => import_cmd::run(a),
        Command::Inbox(a) => desk_cmd::run_inbox(a),
        Command::Stats(a) => desk_cmd::run_stats(a),
        Command::Token(t) => desk_cmd::run_token(t),
        Command::Case(c) => workflow_cmd::run_case(c),
        Command::Moderate(a) => workflow_cmd::run_moderate(a),
        Command::Audit(c) => workflow_cmd::run_audit(c),
        Command::Tick(a) => workflow_cmd::run_tick(a),
        Command::Coach(c) => coach_cmd::run(c),
        Command::Serve(a) => serve_cmd::run_serve(a),
        Command::Demo(a) => serve_cmd::run_demo(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("defuse: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
