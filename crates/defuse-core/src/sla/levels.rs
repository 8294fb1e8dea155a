//! The targets: first response, next response and resolution per kind, the tighter first
//! response of urgent cases [A7], overrides by channel and kind, "none" for no clock [ST1, T3,
//! T4], and the deadlines of a new case [RT1–RT3].

use super::*;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;

/// One service-level target: a duration, or `"none"` — no clock at all. A case whose kind the
/// method says to ignore or moderate rather than answer (a troll [T3], spam [T4], a remark that
/// asks nothing) gets no reply clock, so its age never shows as a breach [ST1].
///
/// Written as a duration (`"60m"`, see [`Minutes`]) or `"none"`; [`Display`](fmt::Display)
/// prints the same forms, and serde reads and writes them. For comparisons `none` is longer than
/// any duration (an urgent target of `none` tightens nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target(Option<Minutes>);

impl Target {
    /// No clock.
    pub const NONE: Target = Target(None);

    /// A clock of `m`.
    pub const fn within(m: Minutes) -> Target {
        Target(Some(m))
    }

    /// The duration, or `None` for no clock.
    pub fn minutes(self) -> Option<Minutes> {
        self.0
    }

    /// The tighter of two targets (`none` is the loosest).
    pub fn tighter(self, other: Target) -> Target {
        match (self.0, other.0) {
            (Some(a), Some(b)) => Target(Some(a.min(b))),
            (Some(a), None) | (None, Some(a)) => Target(Some(a)),
            (None, None) => Target::NONE,
        }
    }
}

impl From<Minutes> for Target {
    fn from(m: Minutes) -> Target {
        Target::within(m)
    }
}

impl FromStr for Target {
    type Err = SlaError;

    fn from_str(text: &str) -> Result<Target, SlaError> {
        if text.trim().eq_ignore_ascii_case("none") {
            return Ok(Target::NONE);
        }
        text.parse::<Minutes>()
            .map(Target::within)
            .map_err(|e| match e {
                SlaError::Duration { text, reason } => SlaError::Duration {
                    text,
                    reason: format!("{reason}; or \"none\" for no clock"),
                },
                other => other,
            })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(m) => m.fmt(f),
            None => f.write_str("none"),
        }
    }
}

impl serde::Serialize for Target {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Target {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Target, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Target;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a duration such as \"60m\", \"2h\" or \"3d\", or \"none\" for no clock",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Target, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// The service levels of the desk (settings), in business time of the [`Calendar`].
///
/// ```toml
/// [service_levels]
/// first_response = "60m"          # complaints, questions, and any kind not set below
/// next_response = "2h"
/// resolution = "3d"
/// urgent_first_response = "30m"   # A7: at risk >= alerts.high_risk or strong emotion
/// urgent_emotion = 0.6
/// warn_at = 0.75
///
/// [service_levels.kinds]
/// praise = { first_response = "1d", next_response = "1d", resolution = "none" }
/// troll = { first_response = "none" }   # the rest of troll's built-in targets stay
///
/// [[service_levels.overrides]]
/// channel = "telegram"
/// kind = "complaint"
/// first_response = "15m"
/// ```
///
/// The built-in targets per kind ([`builtin_kind_targets`]) follow the method: complaints and
/// questions take the defaults (60 minutes [RT1], 30 when urgent [A7]); praise a day, with no
/// resolution clock (nothing to solve); trolls [T3, ST1], spam [T4] and other remarks no clock at
/// all. A `[service_levels.kinds]` entry changes a kind's targets field by field over the
/// built-in ones.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceLevels {
    /// RT1: answer fast; 42% of complaining customers expect an answer within 60 minutes (004).
    #[serde(default = "default_first_response")]
    pub first_response: Target,
    /// RT2: keep the customer informed; the longest silence after a customer's later message.
    #[serde(default = "default_next_response")]
    pub next_response: Target,
    /// The problem solved, or the customer told promptly that nothing was found (RT3).
    #[serde(default = "default_resolution")]
    pub resolution: Target,
    /// A7: an emotional complaint needs an even faster answer. The first response of an urgent
    /// case (risk at or above `alerts.high_risk`, or emotion at least
    /// [`urgent_emotion`](Self::urgent_emotion)) is the tighter of this and its usual target.
    #[serde(default = "default_urgent_first_response")]
    pub urgent_first_response: Target,
    /// A7: the emotion (0–1, `analysis.emotion`) at which a message makes its case urgent.
    #[serde(default = "default_urgent_emotion")]
    pub urgent_emotion: f64,
    /// Share of a target's time after which a warning fires, in (0, 1).
    #[serde(default = "default_warn_at")]
    pub warn_at: f64,
    /// Targets by kind, over the built-in ones ([`builtin_kind_targets`]), field by field.
    #[serde(
        default = "builtin_kind_targets",
        deserialize_with = "kinds_over_builtins"
    )]
    pub kinds: BTreeMap<String, KindTargets>,
    /// Targets by channel and kind; see [`ServiceLevels::targets`].
    #[serde(default)]
    pub overrides: Vec<ServiceLevelOverride>,
}

/// A kind's own targets (`[service_levels.kinds]`); unset ones are the defaults'.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindTargets {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_response: Option<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_response: Option<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgent_first_response: Option<Target>,
}

impl KindTargets {
    fn fields(&self) -> [Option<Target>; 4] {
        [
            self.first_response,
            self.next_response,
            self.resolution,
            self.urgent_first_response,
        ]
    }

    /// These targets with `over`'s set fields on top.
    fn overlaid(self, over: KindTargets) -> KindTargets {
        KindTargets {
            first_response: over.first_response.or(self.first_response),
            next_response: over.next_response.or(self.next_response),
            resolution: over.resolution.or(self.resolution),
            urgent_first_response: over.urgent_first_response.or(self.urgent_first_response),
        }
    }
}

/// The method's targets per kind, under whatever `[service_levels.kinds]` says: praise is thanked
/// within a day and has nothing to resolve; a troll is better not engaged [T3, ST1], spam is
/// hidden, not answered [T4, M2], and a remark that asks nothing needs no answer: no clock for
/// them. Complaints and questions take the defaults [RT1, L2].
pub fn builtin_kind_targets() -> BTreeMap<String, KindTargets> {
    let none = Some(Target::NONE);
    let no_clock = KindTargets {
        first_response: none,
        next_response: none,
        resolution: none,
        urgent_first_response: none,
    };
    let day = Some(Target::within(Minutes(MINUTES_PER_DAY)));
    let mut m = BTreeMap::new();
    m.insert(
        "praise".to_string(),
        KindTargets {
            first_response: day,
            next_response: day,
            resolution: none,
            urgent_first_response: none,
        },
    );
    for kind in ["troll", "spam", "other"] {
        m.insert(kind.to_string(), no_clock);
    }
    m
}

pub(super) fn kinds_over_builtins<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, KindTargets>, D::Error> {
    let given: BTreeMap<String, KindTargets> = serde::Deserialize::deserialize(d)?;
    let mut out = builtin_kind_targets();
    for (kind, t) in given {
        let slot = out.entry(kind).or_default();
        *slot = slot.overlaid(t);
    }
    Ok(out)
}

/// Targets for one channel, one kind, or one kind on one channel. Unset targets fall through to
/// less specific overrides and then to the defaults.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceLevelOverride {
    /// Platform (`"vk"`, `"telegram"`, `"x"`, …), compared ignoring ASCII case; `None` = any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// `"complaint"`, `"question"`, `"troll"`, `"spam"`, `"praise"`, `"other"`; `None` = any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_response: Option<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_response: Option<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgent_first_response: Option<Target>,
}

pub(super) fn default_first_response() -> Target {
    Target::within(Minutes(60)) // RT1
}
pub(super) fn default_next_response() -> Target {
    Target::within(Minutes(2 * MINUTES_PER_HOUR)) // RT2
}
pub(super) fn default_resolution() -> Target {
    Target::within(Minutes(3 * MINUTES_PER_DAY))
}
pub(super) fn default_urgent_first_response() -> Target {
    Target::within(Minutes(30)) // A7
}
pub(super) fn default_urgent_emotion() -> f64 {
    0.6
}
pub(super) fn default_warn_at() -> f64 {
    0.75
}

impl Default for ServiceLevels {
    fn default() -> ServiceLevels {
        ServiceLevels {
            first_response: default_first_response(),
            next_response: default_next_response(),
            resolution: default_resolution(),
            urgent_first_response: default_urgent_first_response(),
            urgent_emotion: default_urgent_emotion(),
            warn_at: default_warn_at(),
            kinds: builtin_kind_targets(),
            overrides: Vec::new(),
        }
    }
}

/// The service-level targets of one case; `None`: that clock does not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Targets {
    /// RT1 (A7 when urgent).
    pub first_response: Option<Minutes>,
    /// RT2: from each later customer message still unanswered.
    pub next_response: Option<Minutes>,
    /// RT3.
    pub resolution: Option<Minutes>,
}

/// How specific a source of targets is ([`ServiceLevels::targets`]).
pub(super) const RANK_CHANNEL: u8 = 1;
pub(super) const RANK_KIND_TABLE: u8 = 2;
pub(super) const RANK_KIND: u8 = 3;
pub(super) const RANK_CHANNEL_KIND: u8 = 4;

impl ServiceLevels {
    /// The targets for a channel and kind, `urgent` or not [A7]. Field by field the most
    /// specific source wins: an override for this channel and kind, then an override for the
    /// kind, then the kind's own targets (`[service_levels.kinds]` over the built-in ones), then
    /// an override for the channel, then the defaults. So an override that sets only
    /// `resolution` leaves the other targets to less specific sources. Among equally specific
    /// overrides (which [`validate`](Self::validate) rejects) the first wins. Channels and kinds
    /// compare ignoring ASCII case. An urgent case's first response is the tighter of its
    /// first-response and urgent targets (`none` tightens nothing).
    pub fn targets(&self, channel: &str, kind: &str, urgent: bool) -> Targets {
        // first, next, resolution, urgent first.
        let mut best: [Option<(u8, Target)>; 4] = [None; 4];
        let mut offer = |rank: u8, values: [Option<Target>; 4]| {
            for (slot, value) in best.iter_mut().zip(values) {
                if let Some(v) = value
                    && slot.is_none_or(|(r, _)| rank > r)
                {
                    *slot = Some((rank, v));
                }
            }
        };
        if let Some((_, t)) = self
            .kinds
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(kind))
        {
            offer(RANK_KIND_TABLE, t.fields());
        }
        for o in &self.overrides {
            let c = match &o.channel {
                Some(c) if !c.eq_ignore_ascii_case(channel) => continue,
                Some(_) => true,
                None => false,
            };
            let k = match &o.kind {
                Some(k) if !k.eq_ignore_ascii_case(kind) => continue,
                Some(_) => true,
                None => false,
            };
            let rank = match (c, k) {
                (true, true) => RANK_CHANNEL_KIND,
                (false, true) => RANK_KIND,
                (true, false) => RANK_CHANNEL,
                // Refused by `validate`; matches everything at the lowest rank.
                (false, false) => 0,
            };
            offer(
                rank,
                [
                    o.first_response,
                    o.next_response,
                    o.resolution,
                    o.urgent_first_response,
                ],
            );
        }
        let pick = |slot: Option<(u8, Target)>, default: Target| slot.map_or(default, |(_, v)| v);
        let mut first = pick(best[0], self.first_response);
        if urgent {
            first = first.tighter(pick(best[3], self.urgent_first_response));
        }
        Targets {
            first_response: first.minutes(),
            next_response: pick(best[1], self.next_response).minutes(),
            resolution: pick(best[2], self.resolution).minutes(),
        }
    }

    /// Whether a message makes its case urgent [A7]: its case's risk at or above `high_risk`
    /// (`alerts.high_risk`), or its emotion at least [`urgent_emotion`](Self::urgent_emotion).
    pub fn is_urgent(&self, risk: u8, emotion: f32, high_risk: u8) -> bool {
        risk >= high_risk || f64::from(emotion) >= self.urgent_emotion
    }

    /// Checks the settings: `warn_at` in (0, 1), `urgent_emotion` in (0, 1], every duration
    /// longer than zero (or `none`), kinds known, channels non-empty, every override names a
    /// channel or a kind and sets a target, no two overrides for the same channel and kind.
    /// Errors name the field (`service_levels.overrides[2].first_response`).
    pub fn validate(&self) -> Result<(), SlaError> {
        positive("service_levels.first_response", self.first_response)?;
        positive("service_levels.next_response", self.next_response)?;
        positive("service_levels.resolution", self.resolution)?;
        positive(
            "service_levels.urgent_first_response",
            self.urgent_first_response,
        )?;
        if !(self.warn_at > 0.0 && self.warn_at < 1.0) {
            return Err(SlaError::Value {
                field: "service_levels.warn_at".to_string(),
                value: self.warn_at.to_string(),
                reason: "must be between 0 and 1, exclusive (0.75: warn when three quarters of \
                         the time is gone)"
                    .to_string(),
            });
        }
        if !(self.urgent_emotion > 0.0 && self.urgent_emotion <= 1.0) {
            return Err(SlaError::Value {
                field: "service_levels.urgent_emotion".to_string(),
                value: self.urgent_emotion.to_string(),
                reason: "must be above 0 and at most 1 (an emotion is 0–1; 0.6 is a shouted \
                         complaint)"
                    .to_string(),
            });
        }
        for (kind, t) in &self.kinds {
            let at = format!("service_levels.kinds.{kind}");
            if !known_kind(kind) {
                return Err(SlaError::Value {
                    field: at,
                    value: kind.clone(),
                    reason: UNKNOWN_KIND.to_string(),
                });
            }
            for (name, value) in TARGET_NAMES.iter().zip(t.fields()) {
                if let Some(v) = value {
                    positive(&format!("{at}.{name}"), v)?;
                }
            }
        }
        for (i, o) in self.overrides.iter().enumerate() {
            let at = format!("service_levels.overrides[{i}]");
            if let Some(c) = &o.channel
                && (c.trim().is_empty() || c.trim() != c)
            {
                return Err(SlaError::Value {
                    field: format!("{at}.channel"),
                    value: c.clone(),
                    reason: "empty or padded with spaces".to_string(),
                });
            }
            if let Some(k) = &o.kind
                && !known_kind(k)
            {
                return Err(SlaError::Value {
                    field: format!("{at}.kind"),
                    value: k.clone(),
                    reason: UNKNOWN_KIND.to_string(),
                });
            }
            if o.channel.is_none() && o.kind.is_none() {
                return Err(SlaError::Entry {
                    field: at,
                    reason: "names neither a channel nor a kind; change the defaults instead"
                        .to_string(),
                });
            }
            let fields = [
                o.first_response,
                o.next_response,
                o.resolution,
                o.urgent_first_response,
            ];
            if fields.iter().all(Option::is_none) {
                return Err(SlaError::Entry {
                    field: at,
                    reason: "sets no target (first_response, next_response, resolution or \
                             urgent_first_response)"
                        .to_string(),
                });
            }
            for (name, value) in TARGET_NAMES.iter().zip(fields) {
                if let Some(v) = value {
                    positive(&format!("{at}.{name}"), v)?;
                }
            }
            let same = |p: &ServiceLevelOverride| {
                let eq = |a: &Option<String>, b: &Option<String>| match (a, b) {
                    (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                    (None, None) => true,
                    _ => false,
                };
                eq(&p.channel, &o.channel) && eq(&p.kind, &o.kind)
            };
            if let Some(j) = self.overrides[..i].iter().position(same) {
                return Err(SlaError::Entry {
                    field: at,
                    reason: format!("same channel and kind as service_levels.overrides[{j}]"),
                });
            }
        }
        Ok(())
    }
}

pub(super) const TARGET_NAMES: [&str; 4] = [
    "first_response",
    "next_response",
    "resolution",
    "urgent_first_response",
];
pub(super) const UNKNOWN_KIND: &str =
    "unknown kind (use complaint, question, troll, spam, praise or other)";

pub(super) fn known_kind(k: &str) -> bool {
    defuse_text::Kind::ALL.iter().any(|x| x.as_str() == k)
}

pub(super) fn positive(field: &str, t: Target) -> Result<(), SlaError> {
    match t.minutes() {
        Some(m) if m.0 <= 0 => Err(SlaError::Value {
            field: field.to_string(),
            value: m.to_string(),
            reason: "must be longer than zero (write \"none\" for no clock)".to_string(),
        }),
        _ => Ok(()),
    }
}

/// When a new case is due; `None`: that clock does not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Deadlines {
    /// RT1.
    pub first_response: Option<Timestamp>,
    /// RT3.
    pub resolution: Option<Timestamp>,
}

/// Deadlines of a new case from the platform's post time: the clocks start when the customer
/// posted, not when the desk imported the mention (RT1). The next-response deadline (RT2) runs
/// from each later customer message: `cal.add(message_time, next_response)`.
pub fn deadlines(cal: &Calendar, posted: Timestamp, t: &Targets) -> Deadlines {
    Deadlines {
        first_response: t.first_response.map(|m| cal.add(posted, m)),
        resolution: t.resolution.map(|m| cal.add(posted, m)),
    }
}
