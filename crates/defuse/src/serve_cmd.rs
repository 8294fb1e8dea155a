//! `defuse serve` (the HTTP API over the data directory's store) and `defuse demo` (a fresh
//! data directory with the bundled demo brands and mentions, imported and served).

use crate::ModelArgs;
use anyhow::Context;
use defuse::desk::{DATABASE_FILE, DataArgs, SETTINGS_FILE, new_token, now};
use defuse::pipeline::Pipeline;
use defuse::server::{AppState, Hosts, serve};
use defuse::settings::Settings;
use defuse_core::mention::Mention;
use defuse_store::sqlite::SqliteStore;
use defuse_text::{Analyzer, Scratch};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (default: `server.bind` in defuse.toml, 127.0.0.1:8080).
    #[arg(long, value_name = "ADDR")]
    bind: Option<String>,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    model: ModelArgs,
}

/// The demo's brands and mentions, written for defuse (fictional companies).
const DEMO_SETTINGS: &str = include_str!("../demo/defuse.toml");
const DEMO_MENTIONS: &str = include_str!("../demo/mentions.jsonl");
/// Marks a directory `defuse demo` made, so a rerun may start it afresh.
const DEMO_MARKER: &str = ".defuse-demo";

#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    /// Address to listen on (port 0: any free port).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    bind: String,
    /// The demo's data directory (recreated on every run).
    #[arg(long = "data", value_name = "DIR", default_value = "defuse-demo")]
    dir: PathBuf,
    /// Import and print the summary, but do not serve.
    #[arg(long)]
    no_serve: bool,
}

fn leak_analyzer(model: &ModelArgs) -> anyhow::Result<&'static Analyzer> {
    Ok(match model.analyzer()? {
        std::borrow::Cow::Borrowed(a) => a,
        // The server keeps its analyzer for the life of the process.
        std::borrow::Cow::Owned(a) => Box::leak(Box::new(a)),
    })
}

#[allow(clippy::too_many_arguments)]
fn run_server(
    settings: &Settings,
    settings_path: PathBuf,
    store: SqliteStore,
    analyzer: &'static Analyzer,
    bind: &str,
    fallback_to_free_port: bool,
    banner: impl FnOnce(std::net::SocketAddr) + Send,
) -> anyhow::Result<ExitCode> {
    let mut store = store;
    // Settings changes go into the audit trail.
    // Webhook addresses, secrets and chats are left out of the digest (a Telegram address holds
    // the bot's token): an unsalted hash of them could be checked against guesses.
    let redacted = settings.redacted();
    let digest = defuse::desk::token_hash(&serde_json::to_string(&redacted)?);
    store.record_settings(&digest, now()?)?;
    let rt = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    rt.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(bind).await {
            Ok(l) => l,
            Err(e) if fallback_to_free_port && e.kind() == std::io::ErrorKind::AddrInUse => {
                eprintln!("defuse: {bind} is in use; picking a free port");
                tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .map_err(|e| anyhow::anyhow!("cannot listen on a free port: {e}"))?
            }
            Err(e) => anyhow::bail!("cannot listen on {bind}: {e}"),
        };
        let addr = listener.local_addr()?;
        let open_reads = settings.server.open_reads;
        if open_reads {
            eprintln!(
                "defuse: warning: server.open_reads is on — anyone who reaches {addr} reads the \
                 cases (customers' messages and the personal data in them) without a token"
            );
        }
        let hosts = Hosts::for_bind(addr, &settings.server.allowed_hosts);
        if hosts.allowed.is_empty() {
            eprintln!(
                "defuse: warning: bound to {addr} with no server.allowed_hosts: any Host header \
                 is answered (tokens are still required)"
            );
        }
        let tick_every = std::time::Duration::from_secs(settings.desk.workflow.tick_seconds);
        let state = Arc::new(AppState::new(
            store,
            analyzer,
            settings.clone(),
            Some(settings_path),
            addr,
            now,
        )?);
        // Pages hear of another process's writes (an import beside the server) within a second.
        defuse::web::live::watch_other_writers(
            Arc::clone(&state),
            std::time::Duration::from_millis(500),
        );
        // Background work (alerts, reminders, follow-ups, webhooks) from the persistent queue.
        let worker = Arc::clone(&state);
        std::thread::Builder::new()
            .name("jobs".into())
            .spawn(move || {
                loop {
                    // The settings in effect this round (the desk's settings page may change
                    // them).
                    let cfg = worker.config();
                    let round = now().and_then(|t| {
                        defuse::alerts::tick(&worker.store, &cfg.desk, &cfg.settings.webhooks, t)
                    });
                    if let Err(e) = round {
                        eprintln!("defuse: background jobs: {e:#}");
                    }
                    std::thread::sleep(tick_every);
                }
            })
            .context("cannot start the background jobs")?;
        banner(addr);
        serve(listener, state).await
    })?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_serve(a: ServeArgs) -> anyhow::Result<ExitCode> {
    let settings = a.data.settings()?;
    let store = a.data.store(&settings)?;
    let analyzer = leak_analyzer(&a.model)?;
    let bind = a
        .bind
        .clone()
        .unwrap_or_else(|| settings.server.bind.clone());
    let path = a.data.settings_path();
    run_server(&settings, path, store, analyzer, &bind, false, |addr| {
        println!("defuse: serving {} on http://{addr}", a.data.dir.display());
    })
}

/// Make `dir` an empty demo directory: create it, or clear a previous demo's files; refuse a
/// directory that holds anything else.
fn fresh_demo_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        if !dir.join(DEMO_MARKER).exists() && dir.read_dir()?.next().is_some() {
            anyhow::bail!(
                "{} exists and is not a demo directory; choose another with --data",
                dir.display()
            );
        }
        for f in [
            SETTINGS_FILE.to_string(),
            DATABASE_FILE.to_string(),
            format!("{DATABASE_FILE}-wal"),
            format!("{DATABASE_FILE}-shm"),
        ] {
            let p = dir.join(f);
            if p.exists() {
                std::fs::remove_file(&p)
                    .with_context(|| format!("cannot remove {}", p.display()))?;
            }
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::write(
        dir.join(DEMO_MARKER),
        "made by `defuse demo`; rerunning it clears this folder\n",
    )?;
    Ok(())
}

pub fn run_demo(a: DemoArgs) -> anyhow::Result<ExitCode> {
    fresh_demo_dir(&a.dir)?;
    std::fs::write(a.dir.join(SETTINGS_FILE), DEMO_SETTINGS)?;
    let data = DataArgs { dir: a.dir.clone() };
    let settings = data.settings()?;
    let store = data.store(&settings)?;
    let analyzer = Analyzer::builtin()?;
    let pipeline = Pipeline::new(&settings, analyzer)?;
    let now = now()?;

    // The demo's week ends just before now, so its queue has overdue and pending cases alike.
    let mut mentions: Vec<Mention> = Vec::new();
    for (i, line) in DEMO_MENTIONS.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let m = Mention::from_json(line.as_bytes())
            .map_err(|e| anyhow::anyhow!("demo/mentions.jsonl:{}: {e}", i + 1))?;
        mentions.push(m);
    }
    let last = mentions
        .iter()
        .filter_map(|m| m.created_at)
        .max()
        .unwrap_or(now);
    let shift = now.duration_since(last) - jiff::SignedDuration::from_mins(25);
    let moved = |t: jiff::Timestamp| t.checked_add(shift).unwrap_or(t);
    let mut scratch = Scratch::new();
    let incoming: Vec<_> = mentions
        .into_iter()
        .map(|mut m| {
            m.created_at = m.created_at.map(moved);
            if let Some(au) = m.author.as_mut() {
                au.created_at = au.created_at.map(moved);
            }
            pipeline.prepare(m, &mut scratch, now)
        })
        .collect();
    let n = incoming.len();
    // The week replayed in posting order: the team works the older cases, the jobs run hourly.
    let desk = settings.desk_policy()?;
    let (mut store, replay) = defuse::demo::replay(
        store,
        &desk,
        &settings.webhooks,
        incoming,
        now,
        jiff::SignedDuration::from_hours(36),
    )?;
    let (token, hash) = new_token()?;
    store.add_token_with_role("demo", &hash, defuse_core::workflow::Role::Supervisor, now)?;
    // Two people to sign in as: an admin (settings, users) and an agent (the daily work).
    let admin_password = defuse::password::random_password();
    let agent_password = defuse::password::random_password();
    store.add_user(
        "admin",
        defuse_core::workflow::Role::Admin,
        &defuse::password::hash(&admin_password)?,
        now,
    )?;
    store.add_user(
        "agent",
        defuse_core::workflow::Role::Agent,
        &defuse::password::hash(&agent_password)?,
        now,
    )?;
    let stats = store.stats()?;
    println!(
        "defuse demo: {n} mentions of {} brands imported into {} ({} new, {} unmatched); {} cases; \
         the team's week replayed: {} actions, {} alerts",
        settings.desk.brands.len(),
        a.dir.display(),
        replay.new,
        replay.unmatched,
        stats.cases.values().sum::<u64>(),
        replay.actions,
        replay.alerts
    );
    if a.no_serve {
        return Ok(ExitCode::SUCCESS);
    }
    let path = data.settings_path();
    run_server(
        &settings,
        path,
        store,
        analyzer,
        &a.bind,
        true,
        move |addr| {
            println!("defuse demo: the desk is at http://{addr}/");
            println!("  sign in as:   admin / {admin_password}   (settings, people)");
            println!("                agent / {agent_password}   (the daily work)");
            println!("  the API:      http://{addr}/api/openapi.json");
            println!("  cases:        curl 'http://{addr}/api/v1/cases?kind=complaint&limit=5'");
            println!(
                "  add mentions: curl -H 'Authorization: Bearer {token}' -d '{{\"source\":\"x\",\"id\":\"1\",\"text\":\"@aerosky where is my bag?\"}}' http://{addr}/api/v1/mentions"
            );
            println!("  stop with Ctrl-C");
        },
    )
}
