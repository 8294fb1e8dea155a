//! The `defuse` command: the entry point for every part of the product. Each subcommand lives in
//! its own module; this file only parses arguments and dispatches.

mod analyze_cmd;
mod coach_cmd;
mod data;
mod desk_cmd;
mod eval_cmd;
mod import_cmd;
mod labels_cmd;
mod serve_cmd;
mod term;
mod train_cmd;
mod user_cmd;
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
    /// The data directory (the same as `--data DIR` after the subcommand, which wins).
    #[arg(long = "data", value_name = "DIR")]
    data: Option<PathBuf>,
    /// JSON output, for the commands that have it (the same as `--json` after the subcommand).
    #[arg(long)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

/// The global options (`--data DIR`, `--json`) may come before the subcommand, like git's and
/// cargo's. clap's `global = true` cannot be used: `train` and `eval` have a `--data FILE` of their
/// own. So the options given before the subcommand are moved to just after the subcommand's path
/// (`case show`, `token create`, …) and the line is parsed again; an option given after the
/// subcommand as well comes later and wins.
fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let first = Cli::parse_from(&args);
    if first.data.is_none() && !first.json {
        return first;
    }
    // The leading options, and where the subcommand starts.
    let mut moved: Vec<std::ffi::OsString> = Vec::new();
    let mut i = 1;
    while let Some(a) = args.get(i) {
        let s = a.to_string_lossy();
        if s == "--json" {
            moved.push(a.clone());
            i += 1;
        } else if s == "--data" {
            moved.push(a.clone());
            moved.extend(args.get(i + 1).cloned());
            i += 2;
        } else if s.starts_with("--data=") {
            moved.push(a.clone());
            i += 1;
        } else {
            break;
        }
    }
    // The subcommand's path: its names follow one another (no parent takes options).
    let mut depth = 0;
    let mut leaf = Cli::command();
    let matches = Cli::command().get_matches_from(&args);
    let mut m = &matches;
    while let Some((name, sub)) = m.subcommand() {
        depth += 1;
        if let Some(c) = leaf.find_subcommand(name) {
            leaf = c.clone();
        }
        m = sub;
    }
    if first.data.is_some() && !leaf.get_arguments().any(|a| a.get_id() == "dir") {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "`--data DIR` before the subcommand names the data directory, which `{}` does not use",
                    leaf.get_name()
                ),
            )
            .exit();
    }
    let at = (i + depth).min(args.len());
    let mut again: Vec<std::ffi::OsString> = args[..1].to_vec();
    again.extend(args[i..at].iter().cloned());
    again.extend(moved);
    again.extend(args[at..].iter().cloned());
    let matches = Cli::command().get_matches_from(again);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
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
    /// Match brands again over the mentions that matched none (after adding a brand or alias).
    Rematch(desk_cmd::RematchArgs),
    /// API tokens.
    #[command(subcommand)]
    Token(desk_cmd::TokenCmd),
    /// The team's corrections of the analysis (labelled data for `defuse train`).
    #[command(subcommand)]
    Labels(labels_cmd::LabelsCmd),
    /// The people who sign in to the web desk: add, list, new password, disable, role.
    #[command(subcommand)]
    User(user_cmd::UserCmd),
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

/// What defuse writes is the owner's alone: the data directory 0700, defuse.toml, the SQLite
/// database and its -wal/-shm files 0600 (they hold customers' messages and token hashes). A
/// umask of 077 covers every file made by this process, SQLite's included.
fn private_files() {
    #[cfg(unix)]
    // SAFETY: umask only sets the process's file mode mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

fn main() -> ExitCode {
    private_files();
    let cli = parse();
    let result = match cli.command {
        Command::Analyze(a) => analyze_cmd::run(a),
        Command::Eval(a) => eval_cmd::run(a),
        Command::Train(a) => train_cmd::run(a),
        Command::Init(a) => desk_cmd::run_init(a),
        Command::Import(a) => import_cmd::run(a),
        Command::Inbox(a) => desk_cmd::run_inbox(a),
        Command::Stats(a) => desk_cmd::run_stats(a),
        Command::Rematch(a) => desk_cmd::run_rematch(a),
        Command::Token(t) => desk_cmd::run_token(t),
        Command::Labels(c) => labels_cmd::run(c),
        Command::User(u) => user_cmd::run(u),
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
