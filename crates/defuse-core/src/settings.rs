//! Settings: brands [L1, L3], service levels and business hours [RT1], community rules [M3] and
//! the server's address. They come from `defuse.toml` < environment variables
//! (`DEFUSE__SECTION__KEY`, e.g. `DEFUSE__SERVER__BIND`) < command-line flags (applied by the
//! caller). This module only merges and checks; reading the file and the environment is the
//! caller's job.

use crate::brand::BrandProfile;
use crate::sla::{BusinessHours, Calendar, Minutes, ServiceLevels};
use crate::triage::Policy;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A commented `defuse.toml`, written by `defuse init`.
pub const DEFAULT_TOML: &str = r##"# defuse settings. Precedence: this file < environment (DEFUSE__SECTION__KEY) < flags.

[server]
# Where `defuse serve` listens (env: DEFUSE__SERVER__BIND).
bind = "127.0.0.1:8080"
# Reads (queue page, cases, audit, stats) without a token. Keep it off: behind a reverse proxy
# a loopback desk is public, and cases hold customers' personal data.
open_reads = false
# Host names the server answers to besides its own address (a reverse proxy's public name,
# with its port): any other Host header is refused.
# allowed_hosts = ["desk.example.com"]

# Service levels [RT1]: durations like "45m", "2h", "1h30m", "3d", counted in business hours
# when [business_hours] is set, else around the clock. Clocks start at the platform's post time.
[service_levels]
first_response = "60m"   # 42% of customers expect an answer within an hour
next_response = "2h"
resolution = "3d"
warn_at = 0.75           # warn when this share of the time has passed

# Tighter or looser targets by channel and/or kind; the most specific match wins.
# [[service_levels.overrides]]
# channel = "x"
# kind = "complaint"
# first_response = "30m"

# Business hours (leave out for 24/7).
# [business_hours]
# time_zone = "Europe/Moscow"
# schedule = ["mon-fri 09:00-18:00", "sat 10:00-16:00"]
# holidays = ["2027-01-01", "2027-01-07"]

# Community rules [M3]: moderation names the rule it applies.
# `covers` says what a rule lets the desk hide or delete: spam, obscenity, hate. Criticism is
# never removed, whatever the rule says [M1].
[[community_rules]]
id = "spam"
text = "Advertising, scams and unrelated links are removed."
covers = ["spam"]

[[community_rules]]
id = "obscenity"
text = "Obscene language is hidden."
covers = ["obscenity"]

[[community_rules]]
id = "hate"
text = "Insults and hate towards people or groups are removed."
covers = ["hate"]

# The case workflow.
[workflow]
follow_up = "3d"            # F1: check back this long after a case is resolved
# follow_up_by_kind = { complaint = "2d", question = "1d" }
systemic_threshold = 5      # T2: this many customers complaining about one brand…
systemic_window = "6h"      # …within this time make a problem look systemic
colleague_window = "10m"    # warn an agent when a colleague acted on the case this recently
tick_seconds = 15           # how often `defuse serve` runs due background jobs

# Alerts: service-level warnings and breaches, new high-risk cases, follow-ups due.
[alerts]
high_risk = 70              # a new case at or above this risk alerts
max_age = "1d"              # clocks that breached longer ago than this do not alert any more

# Outgoing webhooks, retried with backoff; one block each.
# [[alerts.webhooks]]
# name = "team"
# url = "https://example.com/hooks/defuse"
# format = "json"           # json (signed: X-Defuse-Signature: sha256=HMAC), slack, telegram
# secret = "change-me"      # json: the HMAC-SHA256 key
# chat_id = "-1001234567"   # telegram: url = "https://api.telegram.org/bot<TOKEN>/sendMessage"
# events = ["sla_warning", "sla_breach", "high_risk", "follow_up_due"]

# Brands [L1, L3]: one [[brands]] block per brand; an agency lists several.
# [[brands]]
# name = "Облачко"
# aliases = ["Oblachko"]          # other spellings, Latin/Cyrillic
# hashtags = ["#облачко"]
# domains = ["oblachko.ru"]
# handles = ["oblachko"]          # the brand's own accounts (with or without @)
# competitors = ["Тучка"]
# languages = ["ru"]
"##;

/// A community rule [M3].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunityRule {
    pub id: String,
    pub text: String,
    /// What the rule allows to hide or delete [M2]: `spam`, `obscenity`, `hate`. Empty: the
    /// category the id names, if it names one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

/// The HTTP server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    #[serde(default = "default_bind")]
    pub bind: String,
    /// Reads (queue, cases, audit, stats) without a token. Off by default: behind a reverse
    /// proxy on the same host a loopback server is public, and cases hold customers' messages
    /// and the personal data in them. The server warns at start when it is on.
    #[serde(default)]
    pub open_reads: bool,
    /// Host names (with port) the server answers to besides its own address, e.g. a reverse
    /// proxy's public name: requests naming any other `Host` are refused (DNS rebinding).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_hosts: Vec<String>,
}

fn default_bind() -> String {
    "127.0.0.1:8080".into()
}

impl Default for ServerSettings {
    fn default() -> Self {
        ServerSettings {
            bind: default_bind(),
            open_reads: false,
            allowed_hosts: Vec::new(),
        }
    }
}

/// The case workflow [F1, T2].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowSettings {
    /// F1: how long after a resolution the desk checks back.
    #[serde(default = "default_follow_up")]
    pub follow_up: Minutes,
    /// Per kind (`complaint`, `question`, …).
    #[serde(default)]
    pub follow_up_by_kind: BTreeMap<String, Minutes>,
    /// T2: customers complaining about one brand within `systemic_window` that make a problem
    /// look systemic (0: never).
    #[serde(default = "default_systemic_threshold")]
    pub systemic_threshold: usize,
    #[serde(default = "default_systemic_window")]
    pub systemic_window: Minutes,
    /// Two agents on one case: warn when a colleague acted on it this recently.
    #[serde(default = "default_colleague_window")]
    pub colleague_window: Minutes,
    /// Seconds between two runs of the background jobs in `defuse serve`.
    #[serde(default = "default_tick_seconds")]
    pub tick_seconds: u64,
}

fn default_follow_up() -> Minutes {
    Minutes(3 * 24 * 60)
}
fn default_systemic_threshold() -> usize {
    5
}
fn default_systemic_window() -> Minutes {
    Minutes(6 * 60)
}
fn default_colleague_window() -> Minutes {
    Minutes(10)
}
fn default_tick_seconds() -> u64 {
    15
}

impl Default for WorkflowSettings {
    fn default() -> Self {
        WorkflowSettings {
            follow_up: default_follow_up(),
            follow_up_by_kind: BTreeMap::new(),
            systemic_threshold: default_systemic_threshold(),
            systemic_window: default_systemic_window(),
            colleague_window: default_colleague_window(),
            tick_seconds: default_tick_seconds(),
        }
    }
}

impl WorkflowSettings {
    /// F1: the follow-up delay for a case of `kind`.
    pub fn follow_up_for(&self, kind: &str) -> Minutes {
        self.follow_up_by_kind
            .get(kind)
            .copied()
            .unwrap_or(self.follow_up)
    }
}

/// Alert events a webhook can subscribe to.
pub const ALERT_EVENTS: [&str; 4] = ["sla_warning", "sla_breach", "high_risk", "follow_up_due"];

/// Alerts and where they go.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertSettings {
    /// A new case at or above this risk (0–100) alerts.
    #[serde(default = "default_high_risk")]
    pub high_risk: u8,
    /// Clocks that breached longer ago than this do not alert (an import of old mentions).
    #[serde(default = "default_max_age")]
    pub max_age: Minutes,
    #[serde(default)]
    pub webhooks: Vec<Webhook>,
}

fn default_high_risk() -> u8 {
    70
}
fn default_max_age() -> Minutes {
    Minutes(24 * 60)
}

impl Default for AlertSettings {
    fn default() -> Self {
        AlertSettings {
            high_risk: default_high_risk(),
            max_age: default_max_age(),
            webhooks: Vec::new(),
        }
    }
}

/// One outgoing webhook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Webhook {
    /// A stable name (deliveries are recorded under it).
    pub name: String,
    pub url: String,
    /// `json` (signed with HMAC-SHA256), `slack` or `telegram`.
    #[serde(default = "default_format")]
    pub format: String,
    /// json: the HMAC key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// telegram: the chat to post to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chat_id: Option<String>,
    /// Empty: every event.
    #[serde(default)]
    pub events: Vec<String>,
}

fn default_format() -> String {
    "json".into()
}

impl Webhook {
    pub fn wants(&self, event: &str) -> bool {
        self.events.is_empty() || self.events.iter().any(|e| e == event)
    }
}

/// Everything in `defuse.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(default)]
    pub server: ServerSettings,
    #[serde(default)]
    pub service_levels: ServiceLevels,
    #[serde(default)]
    pub business_hours: Option<BusinessHours>,
    #[serde(default)]
    pub community_rules: Vec<CommunityRule>,
    #[serde(default)]
    pub workflow: WorkflowSettings,
    #[serde(default)]
    pub alerts: AlertSettings,
    #[serde(default)]
    pub brands: Vec<BrandProfile>,
}

/// Why settings were refused: where, and what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{origin}: {message}")]
    Parse { origin: String, message: String },
    #[error("environment variable {name}: {message}")]
    Env { name: String, message: String },
    #[error("{0}")]
    Invalid(String),
}

impl Settings {
    /// Merge a settings file's text (if any) with environment overrides and check the result.
    /// `origin` names the file in errors. Environment variables look like
    /// `DEFUSE__SERVER__BIND=0.0.0.0:8080`: `__` separates the path, keys are lower-cased,
    /// values are read as TOML (numbers, booleans, arrays) or else taken as strings.
    pub fn load(
        origin: &str,
        file: Option<&str>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, SettingsError> {
        let mut root: toml::Table = match file {
            Some(text) => toml::from_str(text).map_err(|e| SettingsError::Parse {
                origin: origin.to_string(),
                message: e.to_string(),
            })?,
            None => toml::Table::new(),
        };
        for (name, value) in env {
            let Some(path) = name.strip_prefix("DEFUSE__") else {
                continue;
            };
            let keys: Vec<String> = path.split("__").map(|k| k.to_lowercase()).collect();
            if keys.iter().any(String::is_empty) {
                return Err(SettingsError::Env {
                    name,
                    message: "empty key between `__`".into(),
                });
            }
            let parsed = toml::from_str::<toml::Table>(&format!("v = {value}"))
                .ok()
                .and_then(|mut t| t.remove("v"))
                .unwrap_or(toml::Value::String(value.clone()));
            set_path(&mut root, &keys, parsed).map_err(|message| SettingsError::Env {
                name: name.clone(),
                message,
            })?;
        }
        let settings: Settings =
            toml::Value::Table(root)
                .try_into()
                .map_err(|e: toml::de::Error| SettingsError::Parse {
                    origin: origin.to_string(),
                    message: e.to_string(),
                })?;
        settings.validate()?;
        Ok(settings)
    }

    /// Check what types cannot: unique brand names, valid service levels and business hours,
    /// unique community rule ids.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let mut names = std::collections::HashSet::new();
        for (i, b) in self.brands.iter().enumerate() {
            if b.name.trim().is_empty() {
                return Err(SettingsError::Invalid(format!("brands[{i}].name is empty")));
            }
            if !names.insert(b.name.to_lowercase()) {
                return Err(SettingsError::Invalid(format!(
                    "brands[{i}]: the brand '{}' is listed twice",
                    b.name
                )));
            }
        }
        crate::brand::BrandMatcher::new(&self.brands)
            .map_err(|e| SettingsError::Invalid(format!("brands: {e}")))?;
        self.service_levels
            .validate()
            .map_err(|e| SettingsError::Invalid(format!("service_levels: {e}")))?;
        self.policy()?;
        let mut ids = std::collections::HashSet::new();
        for (i, r) in self.community_rules.iter().enumerate() {
            if r.id.trim().is_empty() || !ids.insert(r.id.as_str()) {
                return Err(SettingsError::Invalid(format!(
                    "community_rules[{i}]: id '{}' is empty or repeated",
                    r.id
                )));
            }
            for (j, c) in r.covers.iter().enumerate() {
                if crate::moderation::Category::parse_rule_name(c).is_none() {
                    return Err(SettingsError::Invalid(format!(
                        "community_rules[{i}].covers[{j}]: '{c}' is not spam, obscenity or hate"
                    )));
                }
            }
        }
        for (kind, m) in &self.workflow.follow_up_by_kind {
            if defuse_text::Kind::parse(kind).is_none() {
                return Err(SettingsError::Invalid(format!(
                    "workflow.follow_up_by_kind.{kind}: unknown kind (use complaint, question, \
                     troll, spam, praise or other)"
                )));
            }
            if m.0 <= 0 {
                return Err(SettingsError::Invalid(format!(
                    "workflow.follow_up_by_kind.{kind}: must be longer than zero"
                )));
            }
        }
        if self.workflow.follow_up.0 <= 0 {
            return Err(SettingsError::Invalid(
                "workflow.follow_up: must be longer than zero".into(),
            ));
        }
        if self.workflow.tick_seconds == 0 {
            return Err(SettingsError::Invalid(
                "workflow.tick_seconds: must be at least 1".into(),
            ));
        }
        if self.alerts.high_risk > 100 {
            return Err(SettingsError::Invalid(
                "alerts.high_risk: a risk is 0–100".into(),
            ));
        }
        let mut names = std::collections::HashSet::new();
        for (i, w) in self.alerts.webhooks.iter().enumerate() {
            let at = format!("alerts.webhooks[{i}]");
            if w.name.trim().is_empty() || !names.insert(w.name.as_str()) {
                return Err(SettingsError::Invalid(format!(
                    "{at}.name: '{}' is empty or repeated",
                    w.name
                )));
            }
            if !(w.url.starts_with("https://") || w.url.starts_with("http://")) {
                // The address is not echoed: Slack and Telegram addresses carry their secret.
                return Err(SettingsError::Invalid(format!(
                    "{at}.url: not an http:// or https:// address"
                )));
            }
            match w.format.as_str() {
                "json" if w.secret.as_deref().is_none_or(|s| s.trim().is_empty()) => {
                    return Err(SettingsError::Invalid(format!(
                        "{at}.secret: a json webhook is signed with HMAC-SHA256 and needs a secret"
                    )));
                }
                "telegram" if w.chat_id.as_deref().is_none_or(|s| s.trim().is_empty()) => {
                    return Err(SettingsError::Invalid(format!(
                        "{at}.chat_id: a telegram webhook needs the chat to post to"
                    )));
                }
                "json" | "slack" | "telegram" => {}
                other => {
                    return Err(SettingsError::Invalid(format!(
                        "{at}.format: '{other}' is not json, slack or telegram"
                    )));
                }
            }
            for (j, e) in w.events.iter().enumerate() {
                if !ALERT_EVENTS.contains(&e.as_str()) {
                    return Err(SettingsError::Invalid(format!(
                        "{at}.events[{j}]: '{e}' is not one of {}",
                        ALERT_EVENTS.join(", ")
                    )));
                }
            }
        }
        Ok(())
    }

    /// Service levels and the business calendar.
    pub fn policy(&self) -> Result<Policy, SettingsError> {
        let calendar = match &self.business_hours {
            Some(h) => Calendar::new(h)
                .map_err(|e| SettingsError::Invalid(format!("business_hours: {e}")))?,
            None => Calendar::always_open(),
        };
        Ok(Policy {
            calendar,
            levels: self.service_levels.clone(),
        })
    }

    /// The brand names, in the order of the file.
    pub fn brand_names(&self) -> Vec<String> {
        self.brands.iter().map(|b| b.name.clone()).collect()
    }
}

fn set_path(root: &mut toml::Table, keys: &[String], value: toml::Value) -> Result<(), String> {
    let Some((last, parents)) = keys.split_last() else {
        return Err("no key".into());
    };
    let mut t = root;
    for k in parents {
        let entry = t
            .entry(k.clone())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        t = entry
            .as_table_mut()
            .ok_or_else(|| format!("'{k}' is not a section"))?;
    }
    t.insert(last.clone(), value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_is_valid() {
        let s = Settings::load("defuse.toml", Some(DEFAULT_TOML), []).expect("valid");
        assert_eq!(s.server.bind, "127.0.0.1:8080");
        assert_eq!(s.service_levels.first_response.0, 60);
        assert_eq!(s.community_rules.len(), 3);
        assert!(s.brands.is_empty());
    }

    #[test]
    fn environment_overrides_the_file() {
        let s = Settings::load(
            "defuse.toml",
            Some(DEFAULT_TOML),
            [
                (
                    "DEFUSE__SERVER__BIND".to_string(),
                    "0.0.0.0:9000".to_string(),
                ),
                (
                    "DEFUSE__SERVICE_LEVELS__FIRST_RESPONSE".to_string(),
                    "30m".to_string(),
                ),
                ("HOME".to_string(), "/root".to_string()),
            ],
        )
        .expect("valid");
        assert_eq!(s.server.bind, "0.0.0.0:9000");
        assert_eq!(s.service_levels.first_response.0, 30);
    }

    #[test]
    fn errors_say_where() {
        let e =
            Settings::load("my.toml", Some("[server]\nbnd = 1\n"), []).expect_err("unknown key");
        assert!(
            e.to_string().contains("my.toml") && e.to_string().contains("bnd"),
            "{e}"
        );
        let e = Settings::load(
            "my.toml",
            Some("[[brands]]\nname = \"A\"\n[[brands]]\nname = \"a\"\n"),
            [],
        )
        .expect_err("duplicate");
        assert!(e.to_string().contains("brands[1]"), "{e}");
        let e = Settings::load(
            "my.toml",
            None,
            [(
                "DEFUSE__SERVICE_LEVELS__FIRST_RESPONSE".to_string(),
                "soon".to_string(),
            )],
        )
        .expect_err("bad duration");
        assert!(e.to_string().contains("soon"), "{e}");
    }

    #[test]
    fn brands_parse_from_toml() {
        let s = Settings::load(
            "defuse.toml",
            Some(
                "[[brands]]\nname = \"Облачко\"\naliases = [\"Oblachko\"]\nhashtags = [\"#облачко\"]\n\
                 domains = [\"oblachko.ru\"]\nhandles = [\"oblachko\"]\ncompetitors = [\"Тучка\"]\n",
            ),
            [],
        )
        .expect("valid");
        assert_eq!(s.brand_names(), vec!["Облачко".to_string()]);
    }
}
