//! The case workflow at the command line: `defuse case show|reply|move|assign|follow-up`,
//! `defuse moderate`, `defuse audit list|verify` and `defuse tick` (one round of the background
//! jobs: service-level warnings and breaches, high-risk alerts, follow-up reminders, webhooks).
//! Who acts is `--as NAME` (default: the login name) with `--role`; anyone who can open the data
//! directory can act as anyone, so the CLI is for the people who run the desk.

use crate::term::{one_line, safe};
use anyhow::Context;
use defuse::desk::{DataArgs, now};
use defuse::settings::Settings;
use defuse_core::moderation::Action;
use defuse_core::workflow::{Actor, FollowUpOutcome, Status};
use defuse_store::desk::{AuditFilter, DeskError, DeskPolicy, Outcome, role_of};
use std::process::ExitCode;
use std::sync::Mutex;

/// Who acts.
#[derive(clap::Args, Clone, Debug)]
pub struct ActorArgs {
    /// Your name in the audit trail (default: $USER).
    #[arg(long = "as", value_name = "NAME")]
    name: Option<String>,
    /// agent, supervisor (may override the moderation policy [M1]) or admin.
    #[arg(long, default_value = "agent", value_parser = ["agent", "supervisor", "admin"])]
    role: String,
}

impl ActorArgs {
    fn actor(&self) -> Actor {
        Actor {
            name: self
                .name
                .clone()
                .or_else(|| std::env::var("USER").ok())
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| "cli".into()),
            role: role_of(&self.role),
        }
    }
}

#[derive(clap::Subcommand, Debug)]
pub enum CaseCmd {
    /// A case with its thread, clocks, advice, replies and history.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Record a reply (public by default) [RT2, RC11, F2], after the reply coach's check
    /// [RC1–RC12]: its findings are printed, and a reply with an error is not recorded (exit 1)
    /// unless `--force` is given.
    Reply {
        id: i64,
        /// The reply's text.
        text: String,
        /// A private message instead of a public answer.
        #[arg(long)]
        private: bool,
        /// Record the reply even when the reply coach finds an error in it.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        who: ActorArgs,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Move a case to another status, with a reason [ST1, F1].
    Move {
        id: i64,
        /// new, acknowledged, in_private, waiting_customer, resolved, resolution_posted,
        /// followed_up, closed or ignored.
        #[arg(long)]
        to: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[command(flatten)]
        who: ActorArgs,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Assign a case to an agent (`--agent ''` unassigns).
    Assign {
        id: i64,
        #[arg(long)]
        agent: String,
        #[command(flatten)]
        who: ActorArgs,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Record a follow-up's outcome [F1]: solved, still_broken (reopens) or no_answer.
    FollowUp {
        id: i64,
        #[arg(long)]
        outcome: String,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        who: ActorArgs,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(clap::Args, Debug)]
pub struct ModerateArgs {
    /// The mention's id on the desk (`defuse case show` lists them).
    mention: i64,
    /// hide, unhide, delete or report.
    #[arg(long)]
    action: String,
    /// The community rule applied [M3].
    #[arg(long)]
    rule: Option<String>,
    #[arg(long, default_value = "")]
    reason: String,
    /// A supervisor's written reason to override the policy [M1].
    #[arg(long, value_name = "TEXT")]
    override_reason: Option<String>,
    #[command(flatten)]
    who: ActorArgs,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(clap::Subcommand, Debug)]
pub enum AuditCmd {
    /// Walk the whole trail and name every edited, inserted or removed record; exit 1 if any.
    Verify {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Audit records, oldest first.
    List {
        #[arg(long)]
        case: Option<i64>,
        #[arg(long)]
        action: Option<String>,
        /// Only supervisor overrides.
        #[arg(long)]
        overridden: bool,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        data: DataArgs,
    },
}

#[derive(clap::Args, Debug)]
pub struct TickArgs {
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    data: DataArgs,
}

fn open(data: &DataArgs) -> anyhow::Result<(defuse_store::sqlite::SqliteStore, DeskPolicy)> {
    let (store, dp, _) = open_with_settings(data)?;
    Ok((store, dp))
}

fn open_with_settings(
    data: &DataArgs,
) -> anyhow::Result<(defuse_store::sqlite::SqliteStore, DeskPolicy, Settings)> {
    let settings = data.settings()?;
    let store = data.store(&settings)?;
    let dp = settings.desk_policy()?;
    Ok((store, dp, settings))
}

/// A refusal is the user's answer, not a crash: print it with its rule and exit 1.
fn report(r: Result<Outcome, DeskError>) -> anyhow::Result<ExitCode> {
    match r {
        Ok(o) => {
            println!("case {}: {} (audit #{})", o.case_id, o.status, o.audit_seq);
            for w in &o.warnings {
                match w.rule {
                    Some(rule) => println!("warning [{rule}] {}", safe(&w.message)),
                    None => println!("warning: {}", safe(&w.message)),
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => refused(e),
    }
}

fn refused(e: DeskError) -> anyhow::Result<ExitCode> {
    match e {
        DeskError::Refused(r) => {
            match r.rule {
                Some(rule) => eprintln!("refused [{rule}] {}: {}", r.code, safe(&r.message)),
                None => eprintln!("refused {}: {}", r.code, safe(&r.message)),
            }
            Ok(ExitCode::from(1))
        }
        DeskError::NotFound { entity, id } => {
            eprintln!("defuse: no {entity} {}", safe(&id));
            Ok(ExitCode::from(1))
        }
        DeskError::Invalid { field, reason } => {
            eprintln!("defuse: {field}: {}", safe(&reason.to_string()));
            Ok(ExitCode::from(1))
        }
        DeskError::Store(e) => Err(e.into()),
    }
}

pub fn run_case(c: CaseCmd) -> anyhow::Result<ExitCode> {
    match c {
        CaseCmd::Show { id, json, data } => {
            let (store, dp) = open(&data)?;
            let Some(v) = store.case_view(id, now()?, &dp)? else {
                eprintln!("defuse: no case {id}");
                return Ok(ExitCode::from(1));
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&v)?);
                return Ok(ExitCode::SUCCESS);
            }
            let c = &v.detail.case;
            println!(
                "case {} · {} · {} · {} · risk {} · {}",
                c.id,
                safe(&c.brand),
                c.kind.as_str(),
                c.status.as_str(),
                c.risk,
                safe(&c.source)
            );
            if let Some(a) = &v.workflow.assigned_to {
                println!("assigned to {}", safe(a));
            }
            for k in &v.workflow.clocks {
                println!(
                    "  {:<15} {:<9} due {}",
                    k.clock.as_str(),
                    k.state.as_str(),
                    k.due
                );
            }
            let adv = &v.workflow.advice;
            println!(
                "advice: {} [{}] {}",
                adv.strategy.as_str(),
                adv.rules.join(", "),
                safe(&adv.reason)
            );
            for q in &adv.questions {
                println!("  ask: {}", safe(q));
            }
            for m in &v.detail.thread {
                let text = m.mention.get("text").and_then(|t| t.as_str()).unwrap_or("");
                println!(
                    "  mention {} {}{}: {}",
                    m.id,
                    if m.from_brand { "(brand) " } else { "" },
                    m.moderation,
                    one_line(text, 200)
                );
            }
            for r in &v.workflow.replies {
                println!(
                    "  reply {} ({}, {}): {}",
                    r.id,
                    r.visibility,
                    safe(&r.author),
                    safe(&r.text)
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        CaseCmd::Reply {
            id,
            text,
            private,
            force,
            who,
            data,
        } => {
            let (mut store, dp) = open(&data)?;
            let now = now()?;
            let Some(case) = store.case(id, now)? else {
                eprintln!("defuse: no case {id}");
                return Ok(ExitCode::from(1));
            };
            let errors = coach_reply(&case, &text, !private);
            if errors && !force {
                eprintln!(
                    "defuse: the reply coach found an error in this reply; it is not recorded \
                     (fix it, or record it anyway with --force)"
                );
                return Ok(ExitCode::from(1));
            }
            report(store.reply(id, &text, !private, &who.actor(), now, &dp))
        }
        CaseCmd::Move {
            id,
            to,
            reason,
            who,
            data,
        } => {
            let Some(to) = Status::parse(&to) else {
                anyhow::bail!(
                    "--to '{to}' is not a status ({})",
                    Status::ALL.map(|s| s.as_str()).join(", ")
                );
            };
            let (mut store, dp) = open(&data)?;
            report(store.transition(id, to, &reason, &who.actor(), now()?, &dp))
        }
        CaseCmd::Assign {
            id,
            agent,
            who,
            data,
        } => {
            let (mut store, dp) = open(&data)?;
            let agent = Some(agent.as_str()).filter(|a| !a.trim().is_empty());
            report(store.assign(id, agent, &who.actor(), now()?, &dp))
        }
        CaseCmd::FollowUp {
            id,
            outcome,
            note,
            who,
            data,
        } => {
            let Some(outcome) = FollowUpOutcome::parse(&outcome) else {
                anyhow::bail!("--outcome '{outcome}' is not solved, still_broken or no_answer");
            };
            let (mut store, dp) = open(&data)?;
            report(store.follow_up(id, outcome, &note, &who.actor(), now()?, &dp))
        }
    }
}

/// The reply coach's findings on a reply to `case`, printed; whether any is an error. The
/// context is the one the HTTP API gives the coach (`defuse::coach_ctx`).
fn coach_reply(case: &defuse_store::CaseDetail, text: &str, public: bool) -> bool {
    let check = defuse_coach::check_request(&defuse::coach_ctx::reply_check(case, text, public));
    let findings = match check {
        Ok(c) => c.findings,
        Err(e) => {
            eprintln!("defuse: the reply coach could not check this reply: {e}");
            return false;
        }
    };
    for f in &findings {
        println!(
            "coach: {} {} — {} — {}",
            f.severity.as_str(),
            f.rule,
            safe(&f.message),
            safe(&f.suggestion)
        );
    }
    findings
        .iter()
        .any(|f| f.severity == defuse_coach::Severity::Error)
}

pub fn run_moderate(a: ModerateArgs) -> anyhow::Result<ExitCode> {
    let Some(action) = Action::parse(&a.action) else {
        anyhow::bail!(
            "--action '{}' is not hide, unhide, delete or report",
            a.action
        );
    };
    let (mut store, dp) = open(&a.data)?;
    match store.moderate(
        a.mention,
        action,
        a.rule.as_deref(),
        &a.reason,
        a.override_reason.as_deref(),
        &a.who.actor(),
        now()?,
        &dp,
    ) {
        Ok((d, seq)) => {
            println!(
                "mention {}: {} (audit #{seq}){}",
                a.mention,
                action.visibility(),
                if d.overridden {
                    " — a supervisor override"
                } else {
                    ""
                }
            );
            for x in &d.advice {
                println!("advice: {x}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => refused(e),
    }
}

pub fn run_audit(c: AuditCmd) -> anyhow::Result<ExitCode> {
    match c {
        AuditCmd::Verify { json, data } => {
            let (store, _) = open(&data)?;
            let v = store.verify_audit()?;
            if json {
                println!(
                    "{}",
                    serde_json::json!({
                        "ok": v.problems.is_empty(),
                        "checked": v.checked,
                        "head": v.head(),
                        "problems": v.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
                    })
                );
            } else if v.problems.is_empty() {
                println!(
                    "the audit trail is intact: {} records, last hash {}",
                    v.checked,
                    v.head().unwrap_or("-")
                );
            } else {
                for p in &v.problems {
                    println!("{}", safe(&p.to_string()));
                }
                println!(
                    "the audit trail is damaged: {} problem(s) in {} records",
                    v.problems.len(),
                    v.checked
                );
            }
            Ok(if v.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        AuditCmd::List {
            case,
            action,
            overridden,
            limit,
            json,
            data,
        } => {
            let (store, _) = open(&data)?;
            let records = store.audit(&AuditFilter {
                case_id: case,
                action,
                overridden,
                limit,
                ..AuditFilter::default()
            })?;
            if json {
                println!("{}", serde_json::to_string_pretty(&records)?);
                return Ok(ExitCode::SUCCESS);
            }
            for r in &records {
                let at = jiff::Timestamp::from_millisecond(r.at_ms)
                    .map(|t| t.to_string())
                    .unwrap_or_default();
                println!(
                    "#{:<5} {at} {:<10} {:<24}{} {}{}",
                    r.seq,
                    safe(&r.actor),
                    safe(&r.action),
                    r.case_id.map(|c| format!(" case {c}")).unwrap_or_default(),
                    safe(&r.detail.to_string()),
                    if r.overridden { "  ⚠ OVERRIDE" } else { "" }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub fn run_tick(a: TickArgs) -> anyhow::Result<ExitCode> {
    let (store, dp, settings) = open_with_settings(&a.data)?;
    let store = Mutex::new(store);
    let r = defuse::alerts::tick(&store, &dp, &settings.webhooks, now()?)
        .context("the background jobs failed")?;
    if a.json {
        println!("{}", serde_json::to_string(&r)?);
    } else {
        println!(
            "scheduled {}, fired {}, obsolete {}, deliveries queued {}, delivered {}, failed attempts {}",
            r.jobs.scheduled,
            r.jobs.fired,
            r.jobs.obsolete,
            r.jobs.queued_deliveries,
            r.delivered,
            r.failed_attempts
        );
    }
    Ok(ExitCode::SUCCESS)
}
