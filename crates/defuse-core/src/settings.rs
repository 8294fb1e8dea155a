//! Settings: brands [L1, L3], service levels and business hours [RT1], community rules [M3] and
//! the server's address. They come from `defuse.toml` < environment variables
//! (`DEFUSE__SECTION__KEY`, e.g. `DEFUSE__SERVER__BIND`) < command-line flags (applied by the
//! caller). This module only merges and checks; reading the file and the environment is the
//! caller's job.

use crate::brand::BrandProfile;
use crate::sla::{BusinessHours, Calendar, ServiceLevels};
use crate::triage::Policy;
use serde::{Deserialize, Serialize};

/// A commented `defuse.toml`, written by `defuse init`.
pub const DEFAULT_TOML: &str = r##"# defuse settings. Precedence: this file < environment (DEFUSE__SECTION__KEY) < flags.

[server]
# Where `defuse serve` listens (env: DEFUSE__SERVER__BIND).
bind = "127.0.0.1:8080"

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
[[community_rules]]
id = "spam"
text = "Advertising, scams and unrelated links are removed."

[[community_rules]]
id = "obscenity"
text = "Obscene language is hidden."

[[community_rules]]
id = "hate"
text = "Insults and hate towards people or groups are removed."

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
}

/// The HTTP server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    #[serde(default = "default_bind")]
    pub bind: String,
}

fn default_bind() -> String {
    "127.0.0.1:8080".into()
}

impl Default for ServerSettings {
    fn default() -> Self {
        ServerSettings {
            bind: default_bind(),
        }
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
