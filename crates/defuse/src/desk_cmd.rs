//! The desk's small commands: `init` (a commented settings file), `inbox` (the queue), `stats`
//! (the counts) and `token create` (an API token).

use defuse::desk::{DataArgs, init, new_token, now};
use defuse_store::{CaseFilter, CaseSummary};
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
    /// Only cases with a mention (text or title) holding all these words, each as a prefix, in
    /// any case, with or without diacritics ("заказ" finds "заказом", "sedinta" "ședința").
    #[arg(long, value_name = "WORDS")]
    search: Option<String>,
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
            search: a.search.clone().filter(|s| !s.trim().is_empty()),
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
    let due = match c.due {
        // ST1, T3, T4: a kind the desk ignores or moderates has no reply clock.
        None => "no clock".to_string(),
        Some(d) if c.overdue => format!("OVERDUE {}", minutes(now.as_second() - d.as_second())),
        Some(d) => format!("due in {}", minutes(d.as_second() - now.as_second())),
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
        c.kind.as_str(),
        c.sentiment.as_str(),
        safe(&c.source),
        c.status.as_str()
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

#[derive(clap::Args, Debug)]
pub struct RematchArgs {
    /// JSON: {"checked", "matched"}.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    model: crate::ModelArgs,
}

/// Brand matching again over stored unmatched mentions (bug 11); running it twice changes
/// nothing.
pub fn run_rematch(a: RematchArgs) -> anyhow::Result<ExitCode> {
    let settings = a.data.settings()?;
    let mut store = a.data.store(&settings)?;
    let analyzer = a.model.analyzer()?;
    let pipeline = defuse::pipeline::Pipeline::new(&settings, &analyzer)?;
    let dp = settings.desk_policy()?;
    let r = defuse::rematch::rematch(&mut store, &pipeline, &dp, now()?)?;
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "{} unmatched mentions checked, {} now matched to a brand",
            r.checked, r.matched
        );
    }
    Ok(ExitCode::SUCCESS)
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
        /// Who or what the token is for: its unique name, the actor in the audit trail
        /// (default: `token-` and the start of its hash).
        #[arg(long)]
        name: Option<String>,
        /// reader (reads only), agent (works cases), supervisor (may override the moderation
        /// policy with a written reason [M1]) or admin (also lists tokens over the API).
        #[arg(long, default_value = "agent", value_parser = ["reader", "agent", "supervisor", "admin"])]
        role: String,
        /// Expire after this long: 90m, 12h, 30d (default: never).
        #[arg(long, value_name = "DURATION")]
        expires: Option<defuse_core::sla::Minutes>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List the tokens: name, role, created, expiry, revoked (never the secret).
    List {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Revoke a token by name: from now on it acts as nobody.
    Revoke {
        name: String,
        #[command(flatten)]
        data: DataArgs,
    },
}

pub fn run_token(t: TokenCmd) -> anyhow::Result<ExitCode> {
    match t {
        TokenCmd::Create {
            name,
            role,
            expires,
            data,
        } => {
            let settings = data.settings()?;
            let mut store = data.store(&settings)?;
            let (token, hash) = new_token()?;
            let name = name.unwrap_or_else(|| format!("token-{}", &hash[..8.min(hash.len())]));
            let now = now()?;
            let expires_at = match expires {
                Some(m) if m.0 <= 0 => anyhow::bail!("--expires: the duration must be positive"),
                Some(m) => Some(
                    now.checked_add(jiff::SignedDuration::from_mins(m.0))
                        .map_err(|e| anyhow::anyhow!("--expires: {e}"))?,
                ),
                None => None,
            };
            let role = defuse_core::workflow::Role::parse_person(&role)
                .ok_or_else(|| anyhow::anyhow!("--role: {role:?} is not a role"))?;
            match store.add_token(&name, &hash, role, expires_at, now) {
                Ok(()) => {}
                Err(defuse_store::desk::DeskError::Invalid { field, reason }) => {
                    eprintln!("defuse: token {field}: {reason}");
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(anyhow::Error::new(e).context("cannot store the token")),
            }
            eprintln!("defuse: token {name} ({})", role.as_str());
            println!("{token}");
            Ok(ExitCode::SUCCESS)
        }
        TokenCmd::List { json, data } => {
            let settings = data.settings()?;
            let store = data.store(&settings)?;
            let tokens = store.tokens(now()?)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&tokens)?);
                return Ok(ExitCode::SUCCESS);
            }
            for t in &tokens {
                let state = match (t.revoked_at, t.expires_at) {
                    (Some(r), _) => format!("revoked {r}"),
                    (None, Some(e)) if !t.active => format!("expired {e}"),
                    (None, Some(e)) => format!("expires {e}"),
                    (None, None) => "active".to_string(),
                };
                println!(
                    "{:<24} {:<10} created {}  {state}",
                    one_line(&t.name, 60),
                    t.role.as_str(),
                    t.created_at
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        TokenCmd::Revoke { name, data } => {
            let settings = data.settings()?;
            let mut store = data.store(&settings)?;
            match store.revoke_token(&name, now()?) {
                Ok(()) => {
                    println!("revoked {}", one_line(&name, 100));
                    Ok(ExitCode::SUCCESS)
                }
                Err(defuse_store::desk::DeskError::NotFound { .. }) => {
                    eprintln!("defuse: no active token named {:?}", name);
                    Ok(ExitCode::from(1))
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}
