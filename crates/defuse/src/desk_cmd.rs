//! The desk's small commands: `init` (a commented settings file), `inbox` (the queue), `stats`
//! (the counts) and `token create` (an API token).

use anyhow::Context;
use defuse::desk::{DataArgs, init, new_token, now};
use defuse_store::{CaseFilter, CaseSummary, Store};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct InitArgs {
    #[command(flatten)]
    data: DataArgs,
}

pub fn run_init(a: InitArgs) -> anyhow::Result<ExitCode> {
    let path = init(&a.data.dir)?;
    println!(
        "wrote {}: add your [[brands]] there, then `defuse import --data {} FILE`",
        path.display(),
        a.data.dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args, Debug)]
pub struct InboxArgs {
    /// Only this brand's cases.
    #[arg(long)]
    brand: Option<String>,
    /// At most this many cases.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Only cases with a breached service-level clock [RT1–RT3].
    #[arg(long)]
    breached: bool,
    /// Only cases assigned to this agent.
    #[arg(long, value_name = "AGENT")]
    assigned_to: Option<String>,
    /// JSON (an array of cases) instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    data: DataArgs,
}

pub fn run_inbox(a: InboxArgs) -> anyhow::Result<ExitCode> {
    let settings = a.data.settings()?;
    let store = a.data.store(&settings)?;
    let now = now()?;
    let cases = store.cases(
        &CaseFilter {
            brand: a.brand.clone(),
            open_only: true,
            breached: a.breached,
            assigned_to: a.assigned_to.clone(),
            limit: a.limit,
            ..CaseFilter::default()
        },
        now,
    )?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&cases)?);
        return Ok(ExitCode::SUCCESS);
    }
    if cases.is_empty() {
        println!("the queue is empty");
        return Ok(ExitCode::SUCCESS);
    }
    for c in &cases {
        print_case(c, now);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_case(c: &CaseSummary, now: jiff::Timestamp) {
    let due = if c.overdue {
        format!("OVERDUE {}", minutes(now.as_second() - c.due.as_second()))
    } else {
        format!("due in {}", minutes(c.due.as_second() - now.as_second()))
    };
    let factors: Vec<String> = c
        .risk_factors
        .iter()
        .map(|f| format!("{} {:+}", f.name, f.points))
        .collect();
    println!(
        "#{:<6} risk {:>3}  {:<18} {:<12} {:<9} {:<8} {:<9} {}",
        c.id,
        c.risk,
        due,
        safe(&c.brand),
        c.kind,
        c.sentiment,
        safe(&c.source),
        c.status
    );
    if let Some(t) = &c.title {
        println!("        «{}»", one_line(t, 106));
    }
    println!("        {}", one_line(&c.text, 110));
    println!("        factors: {}", factors.join(", "));
}

fn minutes(secs: i64) -> String {
    let m = secs.max(0) / 60;
    if m >= 60 * 24 {
        format!("{}d{}h", m / 1440, m % 1440 / 60)
    } else if m >= 60 {
        format!("{}h{:02}m", m / 60, m % 60)
    } else {
        format!("{m}m")
    }
}

use crate::term::{one_line, safe};

#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// JSON: {"mentions", "unmatched", "cases": {status: n}, "brands": {brand: {"mentions", "cases"}}}.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    data: DataArgs,
}

pub fn run_stats(a: StatsArgs) -> anyhow::Result<ExitCode> {
    let settings = a.data.settings()?;
    let store = a.data.store(&settings)?;
    let s = store.stats()?;
    if a.json {
        println!("{}", serde_json::to_string(&s)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("mentions {} (unmatched {})", s.mentions, s.unmatched);
    let cases: Vec<String> = s.cases.iter().map(|(k, v)| format!("{k} {v}")).collect();
    println!(
        "cases: {}",
        if cases.is_empty() {
            "none".into()
        } else {
            cases.join(", ")
        }
    );
    for (name, b) in &s.brands {
        println!(
            "  {}: {} mentions, {} cases",
            safe(name),
            b.mentions,
            b.cases
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Subcommand, Debug)]
pub enum TokenCmd {
    /// Create an API token and print it (only its hash is stored: keep it safe).
    Create {
        /// What the token is for.
        #[arg(long, default_value = "api")]
        name: String,
        /// agent, or supervisor (may override the moderation policy with a written reason [M1]),
        /// or admin.
        #[arg(long, default_value = "agent", value_parser = ["agent", "supervisor", "admin"])]
        role: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

pub fn run_token(t: TokenCmd) -> anyhow::Result<ExitCode> {
    match t {
        TokenCmd::Create { name, role, data } => {
            let settings = data.settings()?;
            let mut store = data.store(&settings)?;
            let (token, hash) = new_token()?;
            store
                .add_token_with_role(&name, &hash, defuse_store::desk::role_of(&role), now()?)
                .context("cannot store the token")?;
            println!("{token}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
