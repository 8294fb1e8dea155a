//! The desk's settings, the part of `defuse.toml` the domain reads: brands [L1, L3], service
//! levels and business hours [RT1], community rules [M3], the workflow [F1, T2] and the alert
//! thresholds and routes. Pure: typed values and their checks. The application's own settings
//! (the server's address, webhook addresses and secrets) and reading the file and the
//! environment live in the `defuse` crate (`defuse::settings`).

use crate::brand::BrandProfile;
use crate::sla::{BusinessHours, Calendar, Minutes, ServiceLevels};
use crate::triage::Policy;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

/// Alerts: when they fire and which named outlets want which events. Where an outlet sends
/// (its address, secret, format) is the application's business (`defuse::settings::Webhook`);
/// the workflow only queues a delivery per outlet that wants the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertSettings {
    /// A new case at or above this risk (0–100) alerts.
    #[serde(default = "default_high_risk")]
    pub high_risk: u8,
    /// Clocks that breached longer ago than this do not alert (an import of old mentions).
    #[serde(default = "default_max_age")]
    pub max_age: Minutes,
    /// Filled by the application from its webhooks; not read from the `[alerts]` table itself.
    #[serde(skip)]
    pub routes: Vec<AlertRoute>,
}

fn default_high_risk() -> u8 {
    crate::triage::DEFAULT_HIGH_RISK
}
fn default_max_age() -> Minutes {
    Minutes(24 * 60)
}

impl Default for AlertSettings {
    fn default() -> Self {
        AlertSettings {
            high_risk: default_high_risk(),
            max_age: default_max_age(),
            routes: Vec::new(),
        }
    }
}

/// Alert events an outlet can subscribe to.
pub const ALERT_EVENTS: [&str; 4] = ["sla_warning", "sla_breach", "high_risk", "follow_up_due"];

/// One named alert outlet and the events it wants (empty: every event).
#[derive(Debug, Clone, PartialEq)]
pub struct AlertRoute {
    pub name: String,
    pub events: Vec<String>,
}

impl AlertRoute {
    pub fn wants(&self, event: &str) -> bool {
        self.events.is_empty() || self.events.iter().any(|e| e == event)
    }
}

/// The desk's part of `defuse.toml`: every table but `[server]` and `[[alerts.webhooks]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DeskSettings {
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

impl DeskSettings {
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
                        "community_rules[{i}].covers[{j}]: '{c}' is not spam, obscenity, hate or privacy"
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
        Ok(())
    }

    /// Service levels, the business calendar and the high-risk threshold (urgency, A7).
    pub fn policy(&self) -> Result<Policy, SettingsError> {
        let calendar = match &self.business_hours {
            Some(h) => Calendar::new(h)
                .map_err(|e| SettingsError::Invalid(format!("business_hours: {e}")))?,
            None => Calendar::always_open(),
        };
        Ok(Policy {
            calendar,
            levels: self.service_levels.clone(),
            high_risk: self.alerts.high_risk,
        })
    }

    /// The brand names, in the order of the file.
    pub fn brand_names(&self) -> Vec<String> {
        self.brands.iter().map(|b| b.name.clone()).collect()
    }
}
