//! The application's settings: `defuse.toml` read into the desk's part (`DeskSettings`, pure, in
//! defuse-core) and the application's own part — where the server listens and who may reach it,
//! and where alerts go (webhook addresses, secrets, chats). They come from the file <
//! environment variables (`DEFUSE__SECTION__KEY`, e.g. `DEFUSE__SERVER__BIND`) < command-line
//! flags (applied by the caller). This module merges and checks; reading the file and the
//! environment is the caller's job.

use defuse_core::desk_policy::DeskPolicy;
use defuse_core::settings::AlertRoute;
pub use defuse_core::settings::{ALERT_EVENTS, DeskSettings, SettingsError};
use serde::{Deserialize, Serialize};

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
# when [business_hours] is set, else around the clock; "none" means no clock at all. Clocks start
# at the platform's post time. The queue shows breached clocks first, then the nearest deadline;
# cases with no clock come after every case with one.
[service_levels]
first_response = "60m"          # complaints and questions: 42% expect an answer within an hour
next_response = "2h"            # after the customer's later messages [RT2]
resolution = "3d"               # the problem solved, or the customer told what can help [RT3]
# A7: an emotional complaint needs an even faster answer. A case whose risk reaches
# alerts.high_risk, or with a message at least this emotional (0–1), is urgent: its first
# response is the tighter of its usual target and urgent_first_response.
urgent_first_response = "30m"
urgent_emotion = 0.6
warn_at = 0.75                  # warn when this share of the time has passed

# Targets per kind, over the defaults above; what a kind leaves out it takes from them.
# Complaints and questions take the defaults. Praise is thanked within a day and has nothing to
# resolve; trolls are better not engaged [T3, ST1], spam is hidden, not answered [T4, M2], and a
# remark that asks nothing needs no answer: no clock for them, so their age never shows red.
[service_levels.kinds]
praise = { first_response = "1d", next_response = "1d", resolution = "none", urgent_first_response = "none" }
troll = { first_response = "none", next_response = "none", resolution = "none", urgent_first_response = "none" }
spam = { first_response = "none", next_response = "none", resolution = "none", urgent_first_response = "none" }
other = { first_response = "none", next_response = "none", resolution = "none", urgent_first_response = "none" }
# complaint = { first_response = "45m" }
# question = { resolution = "1d" }

# Tighter or looser targets by channel and/or kind (any of the four targets above). The most
# specific wins, field by field: channel and kind > kind > [service_levels.kinds] > channel >
# the defaults (so a channel's target does not give trolls a clock).
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
# `covers` says what a rule lets the desk hide or delete: spam, obscenity, hate, privacy (hide
# only: a public message showing its author's personal data [RC11]). Criticism is
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

[[community_rules]]
id = "privacy"
text = "Messages that show personal data (card numbers, phones, addresses) are hidden to protect their author; please write again without it."
covers = ["privacy"]

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
    /// The outlet as the workflow sees it: a name and the events it wants.
    pub fn route(&self) -> AlertRoute {
        AlertRoute {
            name: self.name.clone(),
            events: self.events.clone(),
        }
    }
}

/// The sections of `defuse.toml` the desk's settings page edits (webhooks have their own form,
/// their addresses and secrets write-only; `[server]` stays in the file).
pub const EDITABLE: [&str; 6] = [
    "brands",
    "service_levels",
    "business_hours",
    "community_rules",
    "workflow",
    "alerts",
];

/// Everything in `defuse.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Settings {
    /// `[server]`.
    pub server: ServerSettings,
    /// `[[alerts.webhooks]]`.
    pub webhooks: Vec<Webhook>,
    /// Every other table.
    pub desk: DeskSettings,
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
        let parse = |e: toml::de::Error| SettingsError::Parse {
            origin: origin.to_string(),
            message: e.to_string(),
        };
        let server = match root.remove("server") {
            Some(v) => v.try_into().map_err(parse)?,
            None => ServerSettings::default(),
        };
        let webhooks = match root
            .get_mut("alerts")
            .and_then(toml::Value::as_table_mut)
            .and_then(|t| t.remove("webhooks"))
        {
            Some(v) => v
                .try_into()
                .map_err(|e: toml::de::Error| SettingsError::Parse {
                    origin: origin.to_string(),
                    message: format!("alerts.webhooks: {e}"),
                })?,
            None => Vec::new(),
        };
        let desk: DeskSettings = toml::Value::Table(root).try_into().map_err(parse)?;
        let settings = Settings {
            server,
            webhooks,
            desk,
        };
        settings.validate()?;
        Ok(settings)
    }

    /// The desk's checks, then the webhooks': unique names, an http(s) address, what each format
    /// needs, known events.
    pub fn validate(&self) -> Result<(), SettingsError> {
        self.desk.validate()?;
        let mut names = std::collections::HashSet::new();
        for (i, w) in self.webhooks.iter().enumerate() {
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

    /// Everything the workflow reads, with the webhooks as alert routes.
    pub fn desk_policy(&self) -> Result<DeskPolicy, SettingsError> {
        let mut dp = DeskPolicy::from_settings(&self.desk)?;
        dp.alerts.routes = self.webhooks.iter().map(Webhook::route).collect();
        Ok(dp)
    }

    /// The settings without webhook addresses, secrets or chats (a Telegram address holds the
    /// bot's token), as TOML: what the admin's page shows.
    pub fn redacted(&self) -> Settings {
        let mut r = self.clone();
        for w in &mut r.webhooks {
            w.url = String::new();
            w.secret = None;
            w.chat_id = None;
        }
        r
    }

    /// [`Settings::redacted`] as TOML.
    pub fn redacted_toml(&self) -> String {
        toml::to_string_pretty(&self.redacted()).unwrap_or_default()
    }

    /// The settings as a TOML table in the file's layout: `[server]`, the desk's tables, and the
    /// webhooks under `[[alerts.webhooks]]`.
    pub fn to_table(&self) -> Result<toml::Table, SettingsError> {
        let err = |e: toml::ser::Error| SettingsError::Invalid(format!("settings: {e}"));
        let mut root = toml::Table::try_from(&self.desk).map_err(err)?;
        root.insert(
            "server".into(),
            toml::Value::try_from(&self.server).map_err(err)?,
        );
        if !self.webhooks.is_empty() {
            let hooks = toml::Value::try_from(&self.webhooks).map_err(err)?;
            let alerts = root
                .entry("alerts")
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let Some(t) = alerts.as_table_mut() {
                t.insert("webhooks".into(), hooks);
            }
        }
        Ok(root)
    }

    /// [`Settings::to_table`] as the text of a settings file.
    pub fn to_toml(&self) -> Result<String, SettingsError> {
        let header = "# defuse settings, last written by the desk's settings page (a copy of the \
                      previous file is in defuse.toml.bak).\n# Precedence: this file < environment \
                      (DEFUSE__SECTION__KEY) < flags.\n\n";
        toml::to_string_pretty(&self.to_table()?)
            .map(|t| format!("{header}{t}"))
            .map_err(|e| SettingsError::Invalid(format!("settings: {e}")))
    }

    /// One editable section as TOML, for the settings page (`alerts` without its webhooks).
    pub fn section_toml(&self, key: &str) -> String {
        let Ok(mut root) = toml::Table::try_from(&self.desk) else {
            return String::new();
        };
        let Some(v) = root.remove(key) else {
            return String::new();
        };
        let mut one = toml::Table::new();
        one.insert(key.to_string(), v);
        toml::to_string_pretty(&one).unwrap_or_default()
    }

    /// These settings with section `key` (one of [`EDITABLE`]) replaced by `text` — TOML
    /// holding only that key, or nothing to go back to its defaults — and checked as the file
    /// is; `env` still overrides. Errors name the field and why; nothing is changed on an error.
    pub fn with_section(
        &self,
        origin: &str,
        key: &str,
        text: &str,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Settings, SettingsError> {
        if !EDITABLE.contains(&key) {
            return Err(SettingsError::Invalid(format!(
                "{key}: not an editable section"
            )));
        }
        let snippet: toml::Table = toml::from_str(text).map_err(|e| SettingsError::Parse {
            origin: format!("{origin} [{key}]"),
            message: e.to_string(),
        })?;
        if let Some(other) = snippet.keys().find(|k| k.as_str() != key) {
            return Err(SettingsError::Invalid(format!(
                "{key}: this box holds only `{key}`, not `{other}`"
            )));
        }
        let mut root = self.to_table()?;
        let webhooks = root
            .get_mut("alerts")
            .and_then(toml::Value::as_table_mut)
            .and_then(|t| t.remove("webhooks"));
        root.remove(key);
        root.extend(snippet);
        if let Some(h) = webhooks {
            let alerts = root
                .entry("alerts")
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let Some(t) = alerts.as_table_mut() {
                t.insert("webhooks".into(), h);
            }
        }
        let text = toml::to_string(&root).map_err(|e| SettingsError::Invalid(e.to_string()))?;
        Settings::load(origin, Some(&text), env)
    }

    /// The webhook with this name.
    pub fn webhook(&self, name: &str) -> Option<&Webhook> {
        self.webhooks.iter().find(|w| w.name == name)
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
    use defuse_core::settings::WorkflowSettings;

    #[test]
    fn the_default_file_is_valid() {
        let s = Settings::load("defuse.toml", Some(DEFAULT_TOML), []).expect("valid");
        assert_eq!(s.server.bind, "127.0.0.1:8080");
        // The file says what the built-in defaults are (RT1, A7, ST1, T3, T4).
        assert_eq!(
            s.desk.service_levels,
            defuse_core::sla::ServiceLevels::default()
        );
        assert_eq!(s.desk.community_rules.len(), 4);
        assert!(s.desk.brands.is_empty());
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
        assert_eq!(
            s.desk.service_levels.first_response.minutes(),
            Some(defuse_core::sla::Minutes(30))
        );
    }

    /// Every target can be changed, in the file or the environment; a kind's entry overlays
    /// its built-in targets field by field [RT1, A7, T3].
    #[test]
    fn every_service_level_can_be_changed() {
        let file = "[service_levels]\nurgent_first_response = \"20m\"\n\
                    [service_levels.kinds]\npraise = { first_response = \"4h\" }\n";
        let s = Settings::load(
            "defuse.toml",
            Some(file),
            [(
                "DEFUSE__SERVICE_LEVELS__KINDS__TROLL__FIRST_RESPONSE".to_string(),
                "2h".to_string(),
            )],
        )
        .expect("valid");
        let dp = s.desk_policy().expect("policy");
        let t = |kind, urgent| dp.policy.targets("vk", kind, urgent);
        use defuse_core::sla::Minutes;
        use defuse_text::Kind;
        assert_eq!(t(Kind::Complaint, true).first_response, Some(Minutes(20)));
        assert_eq!(t(Kind::Praise, false).first_response, Some(Minutes(240)));
        assert_eq!(t(Kind::Praise, false).resolution, None);
        assert_eq!(t(Kind::Troll, false).first_response, Some(Minutes(120)));
        assert_eq!(t(Kind::Troll, true).first_response, Some(Minutes(120)));
        assert_eq!(t(Kind::Spam, true).first_response, None);
        let e = Settings::load(
            "my.toml",
            Some("[service_levels.kinds]\ntroll = { first_response = \"soon\" }\n"),
            [],
        )
        .expect_err("bad target");
        assert!(e.to_string().contains("\"none\" for no clock"), "{e}");
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
        assert_eq!(s.desk.brand_names(), vec!["Облачко".to_string()]);
    }

    #[test]
    fn the_written_file_reads_back_the_same_and_sections_are_checked() {
        let text = format!(
            "{DEFAULT_TOML}\n[[brands]]\nname = \"Облачко\"\n[[alerts.webhooks]]\nname = \"t\"\n\
             url = \"https://example.com/h\"\nsecret = \"k\"\n"
        );
        let s = Settings::load("defuse.toml", Some(&text), []).expect("valid");
        let again = Settings::load("defuse.toml", Some(&s.to_toml().expect("toml")), [])
            .expect("the written file loads");
        assert_eq!(again, s, "nothing lost in writing");
        let b = s
            .with_section(
                "defuse.toml",
                "brands",
                "[[brands]]\nname = \"AeroSky\"\naliases = [\"АэроСкай\"]\n",
                [],
            )
            .expect("a new brand list");
        assert_eq!(b.desk.brand_names(), ["AeroSky"]);
        assert_eq!(b.webhooks, s.webhooks, "the webhooks stay");
        let e = s
            .with_section(
                "defuse.toml",
                "service_levels",
                "[service_levels]\nfirst_response = \"soon\"\n",
                [],
            )
            .expect_err("a bad duration");
        assert!(e.to_string().contains("soon"), "{e}");
        let e = s
            .with_section(
                "defuse.toml",
                "brands",
                "[server]\nbind = \"0.0.0.0:1\"\n",
                [],
            )
            .expect_err("another section");
        assert!(e.to_string().contains("server"), "{e}");
        let cleared = s
            .with_section("defuse.toml", "workflow", "", [])
            .expect("defaults");
        assert_eq!(cleared.desk.workflow, WorkflowSettings::default());
        assert!(s.section_toml("brands").contains("Облачко"));
    }

    #[test]
    fn webhooks_are_the_applications_and_become_routes() {
        let text = "[alerts]\nhigh_risk = 80\n[[alerts.webhooks]]\nname = \"team\"\n\
                    url = \"https://example.com/h\"\nsecret = \"k\"\nevents = [\"sla_breach\"]\n";
        let s = Settings::load("defuse.toml", Some(text), []).expect("valid");
        assert_eq!(s.desk.alerts.high_risk, 80);
        assert_eq!(s.webhooks.len(), 1);
        let dp = s.desk_policy().expect("policy");
        assert_eq!(dp.alerts.routes.len(), 1);
        assert!(dp.alerts.routes[0].wants("sla_breach"));
        assert!(!dp.alerts.routes[0].wants("high_risk"));
        // The desk's part never holds an address or a secret.
        let desk = serde_json::to_string(&s.desk).expect("json");
        assert!(
            !desk.contains("example.com") && !desk.contains("team"),
            "{desk}"
        );
        let e = Settings::load(
            "my.toml",
            Some("[[alerts.webhooks]]\nname = \"x\"\nurl = \"ftp://a\"\nformat = \"slack\"\n"),
            [],
        )
        .expect_err("bad url");
        assert!(e.to_string().contains("alerts.webhooks[0].url"), "{e}");
        let e = Settings::load("my.toml", Some("[[alerts.webhooks]]\nnme = 1\n"), [])
            .expect_err("unknown key");
        assert!(e.to_string().contains("alerts.webhooks"), "{e}");
    }
}
