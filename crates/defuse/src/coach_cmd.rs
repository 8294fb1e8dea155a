//! `defuse coach`: the reply coach on the command line — check a draft against the method
//! (exit code 1 when a finding of error severity is present), write a draft for a case or a
//! customer's text, and measure the check on a labelled set.

use crate::term::{one_line, safe};
use anyhow::Context;
use defuse::desk::{DataArgs, now};
use defuse_coach::eval::{evaluate, parse_jsonl};
use defuse_coach::llm;
use defuse_coach::{CheckRequest, DraftRequest, Incident, Severity, check_request, draft_request};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum CoachCmd {
    /// Check a draft reply against the method [RC1–RC11, T2, T3]; exit 1 on an error finding.
    Check(CheckArgs),
    /// Write a draft that follows the method, for a case in the store or a customer's text.
    Draft(DraftArgs),
    /// Per-rule precision and recall of the check on a labelled JSON Lines set of drafts.
    Eval(EvalArgs),
}

/// The incident of a systemic case [T2].
#[derive(clap::Args, Debug, Clone)]
pub struct IncidentArgs {
    /// The company's official position on a systemic problem (makes the case systemic).
    #[arg(long, value_name = "TEXT")]
    position: Option<String>,
    /// Where the position is published.
    #[arg(long, value_name = "URL")]
    link: Option<String>,
}

impl IncidentArgs {
    fn incident(&self) -> Option<Incident> {
        if self.position.is_none() && self.link.is_none() {
            return None;
        }
        Some(Incident {
            position: self.position.clone().unwrap_or_default(),
            link: self.link.clone(),
        })
    }
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// The draft reply.
    #[arg(value_name = "TEXT")]
    text: String,
    /// The draft's language: ru, uk, en, ro (detected when absent).
    #[arg(long)]
    lang: Option<String>,
    /// A public reply (the default).
    #[arg(long, conflicts_with = "private")]
    public: bool,
    /// A reply in private messages.
    #[arg(long)]
    private: bool,
    /// The customer's message the draft answers.
    #[arg(long, value_name = "TEXT")]
    customer: Option<String>,
    /// The case's kind: complaint, systemic, question, praise, troll, spam, other.
    #[arg(long)]
    kind: Option<String>,
    /// A later reply in a thread the brand already answered (an update, the resolution): no RC1.
    #[arg(long)]
    follow_up: bool,
    /// A recent reply of the brand (repeat for several) [RC8].
    #[arg(long = "recent", value_name = "TEXT")]
    recent: Vec<String>,
    #[command(flatten)]
    incident: IncidentArgs,
    /// JSON output: {lang, findings: [{rule, severity, start, end, message, suggestion}], errors, warnings}.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args, Debug)]
pub struct DraftArgs {
    /// The customer's message.
    #[arg(
        long,
        value_name = "TEXT",
        required_unless_present = "case",
        conflicts_with = "case"
    )]
    customer: Option<String>,
    /// A case in the store: its customer's messages, kind and language.
    #[arg(long = "case", value_name = "ID")]
    case: Option<i64>,
    /// The case's kind (overrides the case's).
    #[arg(long)]
    kind: Option<String>,
    /// The draft's language: ru, uk, en, ro (overrides the detected one).
    #[arg(long)]
    lang: Option<String>,
    /// Picks the wording; two seeds give two wordings.
    #[arg(long)]
    seed: Option<u64>,
    #[command(flatten)]
    incident: IncidentArgs,
    /// An OpenAI-compatible endpoint's base URL (such as https://api.openai.com/v1): the model
    /// writes the draft, which must pass the check, else the built-in draft is used. The key is
    /// read from DEFUSE_COACH_LLM_KEY.
    #[arg(long, env = "DEFUSE_COACH_LLM_URL", value_name = "URL")]
    llm_url: Option<String>,
    /// The model's name at that endpoint.
    #[arg(
        long,
        env = "DEFUSE_COACH_LLM_MODEL",
        value_name = "NAME",
        default_value = "gpt-4o-mini"
    )]
    llm_model: String,
    /// JSON output: {lang, kind, text, strategy, note, findings, source}.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// A labelled JSON Lines set: {id, lang, visibility, kind, customer, recent, incident, draft,
    /// rules} per line (the repository's is crates/defuse-coach/tests/data/drafts.jsonl).
    #[arg(long, value_name = "FILE")]
    data: PathBuf,
    /// Only the lines with this "split" ("dev" or "test").
    #[arg(long)]
    split: Option<String>,
    /// JSON output: the whole report.
    #[arg(long)]
    json: bool,
}

pub fn run(cmd: CoachCmd) -> anyhow::Result<ExitCode> {
    match cmd {
        CoachCmd::Check(a) => run_check(a),
        CoachCmd::Draft(a) => run_draft(a),
        CoachCmd::Eval(a) => run_eval(a),
    }
}

fn run_check(a: CheckArgs) -> anyhow::Result<ExitCode> {
    let req = CheckRequest {
        text: a.text.clone(),
        lang: a.lang,
        visibility: Some(if a.private { "private" } else { "public" }.to_string()),
        kind: a.kind,
        customer: a.customer,
        recent: (!a.recent.is_empty()).then_some(a.recent),
        incident: a.incident.incident(),
        follow_up: Some(a.follow_up),
    };
    let resp = match check_request(&req) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("defuse: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&resp)?);
    } else if resp.findings.is_empty() {
        println!("no findings");
    } else {
        for f in &resp.findings {
            println!(
                "{} {} [{}..{}] {} — {}",
                f.severity.as_str(),
                f.rule,
                f.start,
                f.end,
                safe(&f.message),
                safe(&f.suggestion)
            );
            if let Some(part) = a.text.get(f.start..f.end)
                && f.end - f.start < a.text.len()
            {
                println!("    «{}»", one_line(part, 200));
            }
        }
    }
    let errors = resp.findings.iter().any(|f| f.severity == Severity::Error);
    Ok(if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn run_draft(a: DraftArgs) -> anyhow::Result<ExitCode> {
    let (customer, kind, lang) = match a.case {
        Some(id) => {
            let settings = a.data.settings()?;
            let store = a.data.store(&settings)?;
            let case = store
                .case(id, now()?)?
                .with_context(|| format!("no case {id}"))?;
            // The customer's own messages, in order; the first one when the thread has none.
            let texts: Vec<String> = case
                .thread
                .iter()
                .filter(|m| !m.from_brand)
                .map(|m| m.written())
                .collect();
            let customer = if texts.is_empty() {
                case.case.text.clone()
            } else {
                texts.join("\n")
            };
            let lang = Some(case.case.lang)
                .filter(|l| *l != defuse_text::Lang::Und)
                .map(|l| l.as_str().to_string());
            (
                customer,
                a.kind.or(Some(case.case.kind.as_str().to_string())),
                a.lang.or(lang),
            )
        }
        None => (a.customer.unwrap_or_default(), a.kind, a.lang),
    };
    let req = DraftRequest {
        customer,
        kind,
        lang,
        seed: a.seed,
        incident: a.incident.incident(),
    };
    let mut resp = match draft_request(&req) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("defuse: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    if let Some(url) = a.llm_url.as_deref().filter(|u| !u.trim().is_empty()) {
        model_draft(url, &a.llm_model, &req, &mut resp);
    }
    if a.json {
        println!("{}", serde_json::to_string_pretty(&resp)?);
    } else {
        if !resp.text.is_empty() {
            println!("{}", safe(&resp.text));
        }
        if let Some(note) = &resp.note {
            eprintln!(
                "{} ({}, {}): {}",
                resp.strategy.as_deref().unwrap_or(""),
                resp.kind,
                resp.lang,
                safe(note)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The model's draft in place of the built-in one when the endpoint answers and the draft passes
/// the check; otherwise the built-in draft stays and the note says why.
fn model_draft(url: &str, model: &str, req: &DraftRequest, resp: &mut defuse_coach::DraftResponse) {
    let spec = defuse_coach::draft::DraftSpec {
        customer: req.customer.clone(),
        kind: defuse_coach::CaseKind::parse_lenient(&resp.kind),
        lang: defuse_coach::CoachLang::parse_lenient(&resp.lang),
        seed: req.seed,
        incident: req.incident.clone(),
    };
    if !llm::wanted(&spec) {
        return;
    }
    let (endpoint, body) = llm::chat_request(url, model, &spec);
    let key = std::env::var("DEFUSE_COACH_LLM_KEY").unwrap_or_default();
    let why = match call(&endpoint, &key, &body.to_string()).and_then(|b| llm::read_reply(&b)) {
        Ok(text) => match llm::accept(&text, &spec) {
            Ok(d) => {
                resp.text = d.text;
                resp.findings = d.findings;
                resp.source = "model".to_string();
                return;
            }
            Err(findings) => {
                let rules: Vec<&str> = findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| f.rule.as_str())
                    .collect();
                format!("the model's draft failed the check ({})", rules.join(", "))
            }
        },
        Err(e) => format!("the model endpoint failed: {e}"),
    };
    let note = format!("{why}; the built-in draft is used");
    resp.note = Some(match resp.note.take() {
        Some(n) => format!("{n} {note}"),
        None => note,
    });
}

/// POST a JSON body; the answer's body on a 2xx status.
fn call(url: &str, key: &str, body: &str) -> Result<String, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = agent.post(url).header("Content-Type", "application/json");
    if !key.is_empty() {
        req = req.header("Authorization", &format!("Bearer {key}"));
    }
    match req.send(body.as_bytes()) {
        Ok(mut r) if r.status().is_success() => {
            r.body_mut().read_to_string().map_err(|e| e.to_string())
        }
        Ok(r) => Err(format!("HTTP {}", r.status().as_u16())),
        Err(e) => Err(e.to_string()),
    }
}

fn run_eval(a: EvalArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&a.data)
        .with_context(|| format!("cannot read {}", a.data.display()))?;
    let mut items = parse_jsonl(&text).map_err(|e| anyhow::anyhow!("{}: {e}", a.data.display()))?;
    if let Some(split) = &a.split {
        items.retain(|i| i.split.as_deref() == Some(split.as_str()));
    }
    let report = evaluate(&items).map_err(|e| anyhow::anyhow!("{}: {e}", a.data.display()))?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", report.table());
        for d in &report.disagreements {
            println!(
                "  {}: missed {:?} extra {:?}",
                safe(&d.id),
                d.missed,
                d.extra
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
