//! Service levels: how long the desk may take to answer, and when each case is due (RT1–RT3).
//!
//! Three pieces, all pure (no I/O, no clock: callers pass the instants):
//!
//! - [`Minutes`]: a duration as people write it in the settings file (`"60m"`, `"2h"`,
//!   `"1h30m"`, `"3d"`).
//! - [`BusinessHours`] (the settings) compiled into a [`Calendar`]: when the team works, in the
//!   brand's time zone, with holidays; or [`Calendar::always_open`] for a 24/7 desk. The calendar
//!   adds business time to an instant ([`Calendar::add`], deadlines) and measures the business
//!   time between two instants ([`Calendar::elapsed`], elapsed service-level time and pauses).
//! - [`ServiceLevels`]: the targets (first response, next response, resolution) per kind, a
//!   tighter first response for urgent cases [A7], overrides by channel and kind, and
//!   [`deadlines`] for a new case. A [`Target`] may be `none`: no clock at all, for the kinds the
//!   method ignores or moderates rather than answers [ST1, T3, T4].
//!
//! Business time is the real time during which the brand's wall clock shows a date and time
//! inside the schedule, on a day that is not a holiday. On a daylight-saving day this is what the
//! office experiences: when clocks jump forward, the skipped local times never happen, so a
//! `00:00-24:00` day lasts 23 real hours; when clocks fall back, the repeated local hour is
//! business time twice, so that day lasts 25 hours. Local times that do not exist never panic.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::ControlFlow;
use std::str::FromStr;

use jiff::Timestamp;
use jiff::civil;
use jiff::tz::TimeZone;

/// Why a duration, a schedule or a service level is not valid. Messages name the setting and the
/// text at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlaError {
    /// A duration that does not parse (`"1.5h"`, `"-5m"`, `"10 mins"`).
    #[error("duration '{text}': {reason}")]
    Duration { text: String, reason: String },
    /// A setting whose value is wrong: `field` is its path in the settings
    /// (`business_hours.schedule[1]`), `value` the text at fault.
    #[error("{field}: '{value}': {reason}")]
    Value {
        field: String,
        value: String,
        reason: String,
    },
    /// A setting that is missing something as a whole (an empty schedule, an override that
    /// overrides nothing).
    #[error("{field}: {reason}")]
    Entry { field: String, reason: String },
}

// ---------------------------------------------------------------------------------------------
// Durations
// ---------------------------------------------------------------------------------------------

/// A duration in whole minutes (service levels range from minutes to days, RT1).
///
/// Written as one or more `<number><unit>` parts, largest unit first, each unit at most once:
/// `d` (24 hours of business time, not a calendar day), `h`, `m`. Examples: `"45m"`, `"2h"`,
/// `"1h30m"`, `"3d"`, `"1d 12h"`. Seconds, fractions, signs, bare numbers and other units are
/// rejected. [`Display`](fmt::Display) prints the canonical form (`90` minutes → `"1h30m"`,
/// `60` → `"1h"`, `0` → `"0m"`); serde reads and writes that string form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minutes(pub i64);

const MINUTES_PER_HOUR: i64 = 60;
const MINUTES_PER_DAY: i64 = 24 * 60;
const DURATION_EXAMPLES: &str = "write e.g. \"60m\", \"2h\", \"1h30m\" or \"3d\"";

impl FromStr for Minutes {
    type Err = SlaError;

    fn from_str(text: &str) -> Result<Minutes, SlaError> {
        let err = |reason: String| SlaError::Duration {
            text: text.to_string(),
            reason,
        };
        let s = text.trim();
        if s.is_empty() {
            return Err(err(format!("empty; {DURATION_EXAMPLES}")));
        }
        if s.starts_with('-') {
            return Err(err("negative durations are not allowed".to_string()));
        }
        let mut chars = s.char_indices().peekable();
        let mut total: i64 = 0;
        // Rank of the previous unit: d = 3, h = 2, m = 1; units must strictly decrease.
        let mut last_rank = 4;
        while let Some(&(at, c)) = chars.peek() {
            if c.is_whitespace() {
                chars.next();
                continue;
            }
            // The number.
            let mut value: i64 = 0;
            let mut digits = 0;
            while let Some(&(_, c)) = chars.peek() {
                let Some(d) = c.to_digit(10) else { break };
                digits += 1;
                value = value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(i64::from(d)))
                    .ok_or_else(|| err("too large".to_string()))?;
                chars.next();
            }
            if digits == 0 {
                return Err(err(format!(
                    "expected a number at '{}'; {DURATION_EXAMPLES}",
                    &s[at..]
                )));
            }
            // The unit: a run of letters (so that "10min" names "min", not "m").
            let unit_start = chars.peek().map_or(s.len(), |&(i, _)| i);
            if matches!(chars.peek(), Some(&(_, '.' | ','))) {
                return Err(err(
                    "fractions are not allowed; write \"1h30m\" rather than \"1.5h\"".to_string(),
                ));
            }
            let mut unit_end = unit_start;
            while let Some(&(i, c)) = chars.peek() {
                if !c.is_alphabetic() {
                    break;
                }
                unit_end = i + c.len_utf8();
                chars.next();
            }
            let unit = &s[unit_start..unit_end];
            let (rank, per) = match unit {
                "d" => (3, MINUTES_PER_DAY),
                "h" => (2, MINUTES_PER_HOUR),
                "m" => (1, 1),
                "s" => {
                    return Err(err(
                        "seconds are not supported: service levels count whole minutes".to_string(),
                    ));
                }
                "" => {
                    return Err(err(format!("missing unit after {value} (use d, h or m)")));
                }
                other => {
                    return Err(err(format!("unknown unit '{other}' (use d, h or m)")));
                }
            };
            if rank >= last_rank {
                return Err(err(
                    "units must go from largest to smallest, each once (\"1d2h30m\")".to_string(),
                ));
            }
            last_rank = rank;
            total = value
                .checked_mul(per)
                .and_then(|v| total.checked_add(v))
                .ok_or_else(|| err("too large".to_string()))?;
        }
        Ok(Minutes(total))
    }
}

impl fmt::Display for Minutes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 < 0 {
            f.write_str("-")?;
        }
        let n = self.0.unsigned_abs();
        if n == 0 {
            return f.write_str("0m");
        }
        let (d, h, m) = (n / (24 * 60), n % (24 * 60) / 60, n % 60);
        if d > 0 {
            write!(f, "{d}d")?;
        }
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 {
            write!(f, "{m}m")?;
        }
        Ok(())
    }
}

impl serde::Serialize for Minutes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Minutes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Minutes, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Minutes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a duration such as \"60m\", \"2h\", \"1h30m\" or \"3d\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Minutes, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

// ---------------------------------------------------------------------------------------------
// Business hours
// ---------------------------------------------------------------------------------------------

/// When the team works (settings). Leave it out for a 24/7 desk ([`Calendar::always_open`]).
///
/// ```toml
/// [business_hours]
/// time_zone = "Europe/Moscow"
/// schedule = ["mon-fri 09:00-13:00", "mon-fri 14:00-18:00", "sat 10:00-16:00"]
/// holidays = ["2026-01-01", "2026-01-02"]
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessHours {
    /// IANA time zone name, e.g. `"Europe/Moscow"`.
    pub time_zone: String,
    /// `"<days> HH:MM-HH:MM"`: days are `mon tue wed thu fri sat sun`, ranges (`mon-fri`, or
    /// wrapping `fri-mon`) and comma lists (`mon,wed`, `mon-wed,fri`); an interval may end at
    /// `24:00`; several intervals per entry (`"mon-fri 09:00-13:00,14:00-18:00"`) or several
    /// entries per day are allowed, and overlapping intervals are merged. Overnight shifts are
    /// split at midnight (`"fri 22:00-24:00"`, `"sat 00:00-02:00"`).
    pub schedule: Vec<String>,
    /// `"YYYY-MM-DD"` local dates with no business time at all.
    #[serde(default)]
    pub holidays: Vec<String>,
}

/// How far [`Calendar::add`] looks for business time before giving up (about five years of
/// calendar time from the start). Protects against calendars whose holidays leave no business time.
pub const SEARCH_HORIZON_DAYS: i64 = 1827;

const NS_PER_SECOND: i128 = 1_000_000_000;
const NS_PER_MINUTE: i128 = 60 * NS_PER_SECOND;
const NS_PER_DAY: i128 = 86_400 * NS_PER_SECOND;
const MINUTES_PER_DAY_U16: u16 = 24 * 60;
const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Compiled [`BusinessHours`]: the business time of every instant.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// `None`: always open (24/7).
    schedule: Option<Schedule>,
}

#[derive(Debug, Clone)]
struct Schedule {
    tz: TimeZone,
    /// Per weekday (Monday first): sorted, disjoint, non-touching `[start, end)` minute-of-day
    /// intervals, `end <= 1440`.
    days: [Vec<(u16, u16)>; 7],
    /// Holidays as local day numbers (days since 1970-01-01), sorted.
    holidays: Vec<i128>,
}

impl Calendar {
    /// A 24/7 desk: every instant is business time.
    pub fn always_open() -> Calendar {
        Calendar { schedule: None }
    }

    /// Whether this is the 24/7 calendar (time arithmetic is then exact to the nanosecond).
    pub fn is_always_open(&self) -> bool {
        self.schedule.is_none()
    }

    /// Compiles and validates business hours. Errors name the entry at fault, e.g.
    /// `business_hours.schedule[1]: 'mon-fri 9-18': expected HH:MM-HH:MM`.
    pub fn new(h: &BusinessHours) -> Result<Calendar, SlaError> {
        let tz = TimeZone::get(h.time_zone.trim()).map_err(|_| SlaError::Value {
            field: "business_hours.time_zone".to_string(),
            value: h.time_zone.clone(),
            reason: "unknown time zone; use an IANA name such as \"Europe/Moscow\"".to_string(),
        })?;
        if h.schedule.is_empty() {
            return Err(SlaError::Entry {
                field: "business_hours.schedule".to_string(),
                reason: "empty: no business time at all; leave business_hours out for a 24/7 desk"
                    .to_string(),
            });
        }
        let mut days: [Vec<(u16, u16)>; 7] = Default::default();
        for (i, entry) in h.schedule.iter().enumerate() {
            let (mask, intervals) =
                parse_schedule_entry(entry).map_err(|reason| SlaError::Value {
                    field: format!("business_hours.schedule[{i}]"),
                    value: entry.clone(),
                    reason,
                })?;
            for (wd, day) in days.iter_mut().enumerate() {
                if mask & (1 << wd) != 0 {
                    day.extend_from_slice(&intervals);
                }
            }
        }
        for day in &mut days {
            day.sort_unstable();
            let mut merged: Vec<(u16, u16)> = Vec::with_capacity(day.len());
            for &(s, e) in day.iter() {
                match merged.last_mut() {
                    Some(last) if s <= last.1 => last.1 = last.1.max(e),
                    _ => merged.push((s, e)),
                }
            }
            *day = merged;
        }
        let mut holidays = Vec::with_capacity(h.holidays.len());
        for (i, text) in h.holidays.iter().enumerate() {
            let day = parse_holiday(text).ok_or_else(|| SlaError::Value {
                field: format!("business_hours.holidays[{i}]"),
                value: text.clone(),
                reason: "expected a date YYYY-MM-DD".to_string(),
            })?;
            holidays.push(day);
        }
        holidays.sort_unstable();
        holidays.dedup();
        Ok(Calendar {
            schedule: Some(Schedule { tz, days, holidays }),
        })
    }

    /// The instant that is `minutes` of business time after `start` (RT1 deadlines).
    ///
    /// If `start` is outside business hours the clock starts at the next opening; a deadline that
    /// uses up an interval exactly falls on its closing time (Friday 17:00 + 60m with a 18:00
    /// close is Friday 18:00). `minutes <= 0` returns `start` unchanged, open or not. Exact to the
    /// nanosecond of `start`. The search stops [`SEARCH_HORIZON_DAYS`] after `start` and returns
    /// that instant if the business time was not found by then (a calendar whose holidays leave no
    /// business time, or a very long target on a very sparse schedule); results past the last
    /// representable instant are clamped to [`Timestamp::MAX`].
    pub fn add(&self, start: Timestamp, minutes: Minutes) -> Timestamp {
        if minutes.0 <= 0 {
            return start;
        }
        let from = start.as_nanosecond();
        let need = i128::from(minutes.0) * NS_PER_MINUTE;
        let max = Timestamp::MAX.as_nanosecond();
        let Some(schedule) = &self.schedule else {
            return to_timestamp((from + need).min(max));
        };
        let cap = (from + i128::from(SEARCH_HORIZON_DAYS) * NS_PER_DAY).min(max);
        let mut remaining = need;
        let mut due = cap;
        schedule.windows(from, cap, |ws, we| {
            let len = we - ws;
            if len >= remaining {
                due = ws + remaining;
                ControlFlow::Break(())
            } else {
                remaining -= len;
                ControlFlow::Continue(())
            }
        });
        to_timestamp(due)
    }

    /// Business minutes between `a` and `b`, rounded down (0 if `b <= a`). Counts elapsed
    /// service-level time and pauses.
    pub fn elapsed(&self, a: Timestamp, b: Timestamp) -> Minutes {
        let (from, to) = (a.as_nanosecond(), b.as_nanosecond());
        if to <= from {
            return Minutes(0);
        }
        let total = match &self.schedule {
            None => to - from,
            Some(schedule) => {
                let mut total = 0;
                schedule.windows(from, to, |ws, we| {
                    total += we - ws;
                    ControlFlow::Continue(())
                });
                total
            }
        };
        Minutes(i64::try_from(total / NS_PER_MINUTE).unwrap_or(i64::MAX))
    }

    /// Whether `t` is business time (the wall clock in the calendar's time zone shows a scheduled
    /// time on a day that is not a holiday).
    pub fn is_open(&self, t: Timestamp) -> bool {
        let Some(schedule) = &self.schedule else {
            return true;
        };
        let from = t.as_nanosecond();
        let mut open = false;
        schedule.windows(from, from + 1, |_, _| {
            open = true;
            ControlFlow::Break(())
        });
        open
    }
}

fn to_timestamp(ns: i128) -> Timestamp {
    Timestamp::from_nanosecond(ns).unwrap_or(if ns < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

impl Schedule {
    /// Calls `f` with every business-time window `[start, end)` (nanoseconds since the epoch)
    /// inside `[from, to)`, clipped to it, in order, until `f` breaks. Adjacent windows may touch.
    ///
    /// Walks time in spans of constant UTC offset (between time zone transitions), and each span
    /// local day by local day: within a span local time is the instant plus the offset, so a
    /// local interval maps to exactly the instants whose wall clock shows it. This is what makes
    /// DST days right: skipped local times have no instants, repeated ones have two.
    fn windows(&self, from: i128, to: i128, mut f: impl FnMut(i128, i128) -> ControlFlow<()>) {
        let mut cur = from;
        while cur < to {
            let Ok(ts) = Timestamp::from_nanosecond(cur) else {
                return;
            };
            let offset = i128::from(self.tz.to_offset(ts).seconds()) * NS_PER_SECOND;
            // Strictly after `ts`, so every span makes progress.
            let span_end = self
                .tz
                .following(ts)
                .next()
                .map_or(to, |t| t.timestamp().as_nanosecond().min(to));
            while cur < span_end {
                let day = (cur + offset).div_euclid(NS_PER_DAY);
                let day_start = day * NS_PER_DAY - offset;
                let portion_end = (day_start + NS_PER_DAY).min(span_end);
                if self.holidays.binary_search(&day).is_err() {
                    for &(s, e) in &self.days[weekday(day)] {
                        let ws = (day_start + i128::from(s) * NS_PER_MINUTE).max(cur);
                        let we = (day_start + i128::from(e) * NS_PER_MINUTE).min(portion_end);
                        if ws < we && f(ws, we).is_break() {
                            return;
                        }
                    }
                }
                cur = portion_end;
            }
        }
    }
}

/// Monday = 0 for a day number counted from 1970-01-01 (a Thursday).
fn weekday(day: i128) -> usize {
    // rem_euclid(7) is in 0..7.
    (day + 3).rem_euclid(7) as usize
}

/// Days since 1970-01-01 of a strict `YYYY-MM-DD` date.
fn parse_holiday(text: &str) -> Option<i128> {
    let s = text.trim();
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return None;
    }
    let date = civil::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?;
    let midnight = jiff::tz::Offset::UTC
        .to_timestamp(date.to_datetime(civil::Time::midnight()))
        .ok()?;
    Some(i128::from(midnight.as_second().div_euclid(86_400)))
}

/// `"<days> HH:MM-HH:MM[,HH:MM-HH:MM…]"` → (weekday bit mask, Monday = bit 0; intervals).
fn parse_schedule_entry(entry: &str) -> Result<(u8, Vec<(u16, u16)>), String> {
    const SHAPE: &str = "expected '<days> HH:MM-HH:MM', e.g. 'mon-fri 09:00-18:00'";
    let s = entry.trim();
    let Some((days, times)) = s.split_once(char::is_whitespace) else {
        return Err(SHAPE.to_string());
    };
    let mut mask = 0u8;
    for item in days.split(',') {
        let item = item.trim();
        let (a, b) = match item.split_once('-') {
            Some((a, b)) => (day_index(a)?, day_index(b)?),
            None => {
                let d = day_index(item)?;
                (d, d)
            }
        };
        // A range may wrap around the week: "fri-mon" is fri, sat, sun, mon.
        let mut d = a;
        loop {
            mask |= 1 << d;
            if d == b {
                break;
            }
            d = (d + 1) % 7;
        }
    }
    let times: String = times.chars().filter(|c| !c.is_whitespace()).collect();
    let mut intervals = Vec::new();
    for range in times.split(',') {
        const RANGE: &str = "expected HH:MM-HH:MM";
        let (a, b) = range.split_once('-').ok_or(RANGE)?;
        let (start, end) = (parse_clock(a).ok_or(RANGE)?, parse_clock(b).ok_or(RANGE)?);
        if start == MINUTES_PER_DAY_U16 {
            return Err("an interval cannot start at 24:00".to_string());
        }
        if end == start {
            return Err(format!("the interval {range} is empty"));
        }
        if end < start {
            return Err(format!(
                "the interval {range} ends before it starts; split an overnight shift at \
                 midnight ('fri 22:00-24:00' and 'sat 00:00-02:00')"
            ));
        }
        intervals.push((start, end));
    }
    Ok((mask, intervals))
}

fn day_index(name: &str) -> Result<u8, String> {
    let lower = name.trim().to_ascii_lowercase();
    DAY_NAMES
        .iter()
        .zip(0u8..)
        .find_map(|(&n, i)| (n == lower).then_some(i))
        .ok_or_else(|| {
            format!(
                "unknown day '{}' (use mon tue wed thu fri sat sun)",
                name.trim()
            )
        })
}

/// `H:MM` or `HH:MM`, 00:00 to 23:59, or 24:00; minutes of the day.
fn parse_clock(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if !(1..=2).contains(&h.len()) || m.len() != 2 || !digits(h) || !digits(m) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (24, 0) => Some(MINUTES_PER_DAY_U16),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Service levels
// ---------------------------------------------------------------------------------------------

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

fn kinds_over_builtins<'de, D: serde::Deserializer<'de>>(
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

fn default_first_response() -> Target {
    Target::within(Minutes(60)) // RT1
}
fn default_next_response() -> Target {
    Target::within(Minutes(2 * MINUTES_PER_HOUR)) // RT2
}
fn default_resolution() -> Target {
    Target::within(Minutes(3 * MINUTES_PER_DAY))
}
fn default_urgent_first_response() -> Target {
    Target::within(Minutes(30)) // A7
}
fn default_urgent_emotion() -> f64 {
    0.6
}
fn default_warn_at() -> f64 {
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
const RANK_CHANNEL: u8 = 1;
const RANK_KIND_TABLE: u8 = 2;
const RANK_KIND: u8 = 3;
const RANK_CHANNEL_KIND: u8 = 4;

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

const TARGET_NAMES: [&str; 4] = [
    "first_response",
    "next_response",
    "resolution",
    "urgent_first_response",
];
const UNKNOWN_KIND: &str = "unknown kind (use complaint, question, troll, spam, praise or other)";

fn known_kind(k: &str) -> bool {
    defuse_text::Kind::ALL.iter().any(|x| x.as_str() == k)
}

fn positive(field: &str, t: Target) -> Result<(), SlaError> {
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use jiff::Zoned;
    use proptest::prelude::*;

    fn zoned(s: &str) -> Zoned {
        s.parse().unwrap()
    }
    fn ts(s: &str) -> Timestamp {
        zoned(s).timestamp()
    }
    fn hours(tz: &str, schedule: &[&str], holidays: &[&str]) -> BusinessHours {
        BusinessHours {
            time_zone: tz.to_string(),
            schedule: schedule.iter().map(|s| s.to_string()).collect(),
            holidays: holidays.iter().map(|s| s.to_string()).collect(),
        }
    }
    fn cal(tz: &str, schedule: &[&str], holidays: &[&str]) -> Calendar {
        Calendar::new(&hours(tz, schedule, holidays)).unwrap()
    }
    fn moscow_office() -> Calendar {
        cal("Europe/Moscow", &["mon-fri 09:00-18:00"], &[])
    }
    fn m(s: &str) -> Minutes {
        s.parse().unwrap()
    }

    // --- durations ----------------------------------------------------------------------

    #[test]
    fn durations_parse() {
        for (text, want) in [
            ("60m", 60),
            ("2h", 120),
            ("1h30m", 90),
            ("3d", 3 * 1440),
            ("1d12h", 1440 + 720),
            ("1d 2h 5m", 1440 + 120 + 5),
            (" 45m ", 45),
            ("0m", 0),
            ("90m", 90),
            ("1d0h", 1440),
        ] {
            assert_eq!(text.parse::<Minutes>(), Ok(Minutes(want)), "{text}");
        }
    }

    #[test]
    fn durations_rejected_with_reason() {
        for (text, reason) in [
            ("", "empty"),
            ("   ", "empty"),
            ("-5m", "negative"),
            ("+5m", "expected a number"),
            ("60", "missing unit"),
            ("45s", "seconds are not supported"),
            ("10min", "unknown unit 'min'"),
            ("1M", "unknown unit 'M'"),
            ("1w", "unknown unit 'w'"),
            ("1.5h", "fractions"),
            ("30m1h", "largest to smallest"),
            ("1h1h", "largest to smallest"),
            ("h", "expected a number"),
            ("99999999999999999999m", "too large"),
            ("9999999999999999d", "too large"),
            ("ч", "expected a number"),
            ("5ч", "unknown unit 'ч'"),
        ] {
            let e = text.parse::<Minutes>().unwrap_err();
            let msg = e.to_string();
            assert!(msg.contains(reason), "{text}: {msg}");
            assert!(msg.contains(&format!("'{text}'")), "names the text: {msg}");
        }
    }

    #[test]
    fn durations_display_canonical() {
        assert_eq!(Minutes(60).to_string(), "1h");
        assert_eq!(Minutes(90).to_string(), "1h30m");
        assert_eq!(Minutes(45).to_string(), "45m");
        assert_eq!(Minutes(3 * 1440).to_string(), "3d");
        assert_eq!(Minutes(1440 + 61).to_string(), "1d1h1m");
        assert_eq!(Minutes(0).to_string(), "0m");
        assert_eq!(Minutes(-90).to_string(), "-1h30m");
        assert_eq!(Minutes(i64::MIN).to_string().chars().next(), Some('-'));
    }

    #[test]
    fn durations_serde_as_strings() {
        assert_eq!(serde_json::to_string(&Minutes(90)).unwrap(), "\"1h30m\"");
        assert_eq!(
            serde_json::from_str::<Minutes>("\"1h30m\"").unwrap(),
            Minutes(90)
        );
        let e = serde_json::from_str::<Minutes>("\"1.5h\"").unwrap_err();
        assert!(e.to_string().contains("fractions"), "{e}");
        assert!(serde_json::from_str::<Minutes>("60").is_err());
    }

    // --- business hours: parsing ----------------------------------------------------------

    #[test]
    fn schedule_errors_name_the_entry() {
        let e = Calendar::new(&hours(
            "Europe/Moscow",
            &["mon-fri 09:00-18:00", "mon-fri 9-18"],
            &[],
        ))
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "business_hours.schedule[1]: 'mon-fri 9-18': expected HH:MM-HH:MM"
        );
        for (entry, reason) in [
            ("mon-fri", "expected '<days> HH:MM-HH:MM'"),
            ("monday 09:00-18:00", "unknown day 'monday'"),
            ("mon-fri 09:00-25:00", "expected HH:MM-HH:MM"),
            ("mon-fri 09:60-18:00", "expected HH:MM-HH:MM"),
            ("mon-fri 24:00-24:00", "cannot start at 24:00"),
            ("fri 22:00-02:00", "overnight"),
            ("fri 10:00-10:00", "empty"),
            ("mon-fri 09:00-18:00,", "expected HH:MM-HH:MM"),
        ] {
            let e = Calendar::new(&hours("UTC", &[entry], &[])).unwrap_err();
            let msg = e.to_string();
            assert!(
                msg.starts_with(&format!("business_hours.schedule[0]: '{entry}': ")),
                "{msg}"
            );
            assert!(msg.contains(reason), "{entry}: {msg}");
        }
        let e = Calendar::new(&hours("Europe/Moskow", &["mon 09:00-18:00"], &[])).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("business_hours.time_zone: 'Europe/Moskow': unknown time zone"),
            "{e}"
        );
        let e = Calendar::new(&hours("UTC", &[], &[])).unwrap_err();
        assert!(
            e.to_string().starts_with("business_hours.schedule: empty"),
            "{e}"
        );
        for bad in [
            "2026-13-01",
            "2026-02-30",
            "1.1.2026",
            "2026-1-1",
            "2026-01-01T00:00",
        ] {
            let e = Calendar::new(&hours("UTC", &["mon 09:00-10:00"], &["2026-01-01", bad]))
                .unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("business_hours.holidays[1]: '{bad}': expected a date YYYY-MM-DD")
            );
        }
    }

    #[test]
    fn schedule_syntax_days_and_intervals() {
        let c = cal(
            "UTC",
            &[
                "mon,wed 09:00-12:00",
                "Fri-Mon 10:00 - 11:00, 13:00-24:00",
                "wed 11:00-13:00",
                "tue-tue 00:00-00:30",
            ],
            &[],
        );
        let s = c.schedule.as_ref().unwrap();
        assert_eq!(s.days[0], vec![(540, 720), (780, 1440)]);
        assert_eq!(s.days[1], vec![(0, 30)]);
        assert_eq!(s.days[2], vec![(540, 780)], "overlaps merged");
        assert!(s.days[3].is_empty());
        assert_eq!(s.days[4], vec![(600, 660), (780, 1440)]);
        assert_eq!(s.days[5], s.days[4]);
        assert_eq!(s.days[6], s.days[4]);
    }

    #[test]
    fn holiday_day_numbers() {
        assert_eq!(parse_holiday("1970-01-01"), Some(0));
        assert_eq!(parse_holiday("1969-12-31"), Some(-1));
        assert_eq!(weekday(0), 3, "1970-01-01 was a Thursday");
        assert_eq!(weekday(-1), 2);
        assert_eq!(parse_holiday("2026-01-01"), Some(20454));
    }

    // --- business hours: arithmetic -------------------------------------------------------

    #[test]
    fn sixty_minutes_inside_hours() {
        let c = moscow_office();
        let start = ts("2026-03-11T10:15:00[Europe/Moscow]"); // Wednesday
        assert_eq!(
            c.add(start, m("60m")),
            ts("2026-03-11T11:15:00[Europe/Moscow]")
        );
        assert_eq!(c.elapsed(start, c.add(start, m("60m"))), Minutes(60));
        assert!(c.is_open(start));
    }

    #[test]
    fn friday_evening_post_is_due_monday_morning() {
        let c = moscow_office();
        let posted = zoned("2026-03-13T17:30:00[Europe/Moscow]");
        assert_eq!(posted.weekday(), civil::Weekday::Friday);
        assert_eq!(
            c.add(posted.timestamp(), m("60m")),
            ts("2026-03-16T09:30:00[Europe/Moscow]")
        );
        // Using up the day exactly ends at closing time, not at the next opening.
        assert_eq!(
            c.add(ts("2026-03-13T17:00:00[Europe/Moscow]"), m("60m")),
            ts("2026-03-13T18:00:00[Europe/Moscow]")
        );
    }

    #[test]
    fn saturday_post_clock_starts_monday() {
        let c = moscow_office();
        let posted = zoned("2026-03-14T12:00:00[Europe/Moscow]");
        assert_eq!(posted.weekday(), civil::Weekday::Saturday);
        assert!(!c.is_open(posted.timestamp()));
        assert_eq!(
            c.add(posted.timestamp(), m("60m")),
            ts("2026-03-16T10:00:00[Europe/Moscow]")
        );
        // Zero minutes: the start itself, even when closed.
        assert_eq!(c.add(posted.timestamp(), Minutes(0)), posted.timestamp());
        assert_eq!(c.add(posted.timestamp(), Minutes(-5)), posted.timestamp());
    }

    #[test]
    fn holidays_are_skipped() {
        let c = cal(
            "Europe/Moscow",
            &["mon-fri 09:00-18:00"],
            &["2026-03-16", "2026-03-17"],
        );
        assert_eq!(
            c.add(ts("2026-03-13T17:30:00[Europe/Moscow]"), m("60m")),
            ts("2026-03-18T09:30:00[Europe/Moscow]")
        );
        assert!(!c.is_open(ts("2026-03-16T12:00:00[Europe/Moscow]")));
        assert_eq!(
            c.elapsed(
                ts("2026-03-13T00:00:00[Europe/Moscow]"),
                ts("2026-03-19T00:00:00[Europe/Moscow]")
            ),
            Minutes(2 * 9 * 60)
        );
    }

    #[test]
    fn lunch_break_is_not_business_time() {
        let c = cal(
            "Europe/Moscow",
            &["mon-fri 09:00-13:00", "mon-fri 14:00-18:00"],
            &[],
        );
        let monday = |t: &str| ts(&format!("2026-03-16T{t}:00[Europe/Moscow]"));
        assert_eq!(c.add(monday("12:30"), m("60m")), monday("14:30"));
        assert_eq!(c.add(monday("12:00"), m("60m")), monday("13:00"));
        assert_eq!(c.add(monday("13:15"), m("30m")), monday("14:30"));
        assert_eq!(c.elapsed(monday("12:00"), monday("15:00")), Minutes(120));
        assert_eq!(c.elapsed(monday("00:00"), monday("23:59")), Minutes(8 * 60));
        assert!(!c.is_open(monday("13:30")));
        assert!(!c.is_open(monday("13:00")) && c.is_open(monday("14:00")));
        assert!(c.is_open(monday("12:59")));
    }

    #[test]
    fn elapsed_across_a_weekend() {
        let c = moscow_office();
        let fri = ts("2026-03-13T17:00:00[Europe/Moscow]");
        let mon = ts("2026-03-16T10:00:00[Europe/Moscow]");
        assert_eq!(c.elapsed(fri, mon), Minutes(120));
        assert_eq!(c.elapsed(mon, fri), Minutes(0));
        assert_eq!(c.elapsed(fri, fri), Minutes(0));
        // Rounded down: 90 seconds of business time is one minute.
        let t = ts("2026-03-16T09:00:00[Europe/Moscow]");
        assert_eq!(
            c.elapsed(
                t,
                t.checked_add(jiff::SignedDuration::from_secs(90)).unwrap()
            ),
            Minutes(1)
        );
    }

    #[test]
    fn long_spans_are_day_by_day() {
        let c = moscow_office();
        let start = ts("2026-01-05T09:00:00[Europe/Moscow]"); // Monday
        // A 30-day resolution target is 80 working days of 9 hours: 16 weeks.
        let due = c.add(start, m("30d"));
        assert_eq!(due, ts("2026-04-24T18:00:00[Europe/Moscow]"));
        assert_eq!(c.elapsed(start, due), m("30d"));
        // A year of elapsed time: 261 weekdays in 2026 (Jan 1 is a Thursday).
        let year = c.elapsed(
            ts("2026-01-01T00:00:00[Europe/Moscow]"),
            ts("2027-01-01T00:00:00[Europe/Moscow]"),
        );
        assert_eq!(year, Minutes(261 * 9 * 60));
        // Elapsed over all of jiff's range terminates.
        let all = c.elapsed(Timestamp::MIN, Timestamp::MAX);
        assert!(all.0 > 0);
        assert_eq!(c.add(Timestamp::MAX, m("1h")), Timestamp::MAX);
    }

    #[test]
    fn no_business_time_stops_at_the_horizon() {
        let mut all = Vec::new();
        let mut d = civil::date(2026, 1, 1);
        while d.year() == 2026 {
            all.push(d.to_string());
            d = d.tomorrow().unwrap();
        }
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        let c = cal("Europe/Moscow", &["mon-sun 00:00-24:00"], &refs);
        let start = ts("2026-01-01T00:00:00[Europe/Moscow]");
        // The year is all holidays: the first business minute is in 2027.
        assert_eq!(
            c.add(start, m("1h")),
            ts("2027-01-01T01:00:00[Europe/Moscow]")
        );
        // A target longer than the horizon holds: the cap instant.
        let sparse = cal("UTC", &["sun 00:00-00:01"], &[]);
        let cap = start
            .checked_add(jiff::SignedDuration::from_hours(24 * SEARCH_HORIZON_DAYS))
            .unwrap();
        assert_eq!(sparse.add(start, m("1000d")), cap);
        assert!(sparse.elapsed(start, cap) < m("1000d"));
    }

    #[test]
    fn always_open_is_plain_arithmetic() {
        let c = Calendar::always_open();
        let t = ts("2026-03-29T02:30:00[Europe/Bucharest]");
        assert_eq!(
            c.add(t, m("3d")),
            t.checked_add(jiff::SignedDuration::from_hours(72)).unwrap()
        );
        assert!(c.is_open(t));
        assert_eq!(c.add(t, Minutes(i64::MAX)), Timestamp::MAX);
        assert!(c.elapsed(Timestamp::MIN, Timestamp::MAX).0 > 0);
    }

    /// The choice on DST days: business time is real elapsed time while the wall clock shows a
    /// scheduled time. Bucharest springs forward on the last Sunday of March (03:00 → 04:00), so
    /// a `00:00-24:00` day has 23 business hours; it falls back on the last Sunday of October
    /// (04:00 → 03:00), and that day has 25.
    #[test]
    fn dst_in_bucharest_counts_real_minutes() {
        let c = cal("Europe/Bucharest", &["mon-sun 00:00-24:00"], &[]);
        let spring = ts("2026-03-29T00:00:00[Europe/Bucharest]");
        let spring_next = ts("2026-03-30T00:00:00[Europe/Bucharest]");
        assert_eq!(c.elapsed(spring, spring_next), Minutes(23 * 60));
        assert_eq!(
            c.add(spring, m("24h")),
            ts("2026-03-30T01:00:00[Europe/Bucharest]")
        );
        assert_eq!(
            c.add(ts("2026-03-29T02:30:00[Europe/Bucharest]"), m("1h")),
            ts("2026-03-29T04:30:00[Europe/Bucharest]")
        );
        let autumn = ts("2026-10-25T00:00:00[Europe/Bucharest]");
        let autumn_next = ts("2026-10-26T00:00:00[Europe/Bucharest]");
        assert_eq!(c.elapsed(autumn, autumn_next), Minutes(25 * 60));
        assert_eq!(
            c.add(autumn, m("24h")),
            ts("2026-10-25T23:00:00[Europe/Bucharest]")
        );
        // An interval inside the skipped hour has no business time that day.
        let gap = cal("Europe/Bucharest", &["sun 03:15-03:45"], &[]);
        assert_eq!(gap.elapsed(spring, spring_next), Minutes(0));
        assert_eq!(
            gap.add(spring, m("10m")),
            ts("2026-04-05T03:25:00[Europe/Bucharest]")
        );
        // An interval across the gap counts the real time from opening to closing.
        let across = cal("Europe/Bucharest", &["sun 02:00-05:00"], &[]);
        assert_eq!(across.elapsed(spring, spring_next), Minutes(120));
        // An interval inside the repeated hour is open twice.
        let fold = cal("Europe/Bucharest", &["sun 03:15-03:45"], &[]);
        assert_eq!(fold.elapsed(autumn, autumn_next), Minutes(60));
        let first = ts("2026-10-25T03:30:00+03:00[Europe/Bucharest]");
        let second = ts("2026-10-25T03:30:00+02:00[Europe/Bucharest]");
        assert!(fold.is_open(first) && fold.is_open(second));
        assert!(!fold.is_open(ts("2026-10-25T03:50:00+03:00[Europe/Bucharest]")));
        assert_eq!(
            fold.add(ts("2026-10-25T03:40:00+03:00[Europe/Bucharest]"), m("10m")),
            ts("2026-10-25T03:20:00+02:00[Europe/Bucharest]")
        );
    }

    // --- service levels --------------------------------------------------------------------

    fn ov(
        channel: Option<&str>,
        kind: Option<&str>,
        first: Option<&str>,
        resolution: Option<&str>,
    ) -> ServiceLevelOverride {
        ServiceLevelOverride {
            channel: channel.map(str::to_string),
            kind: kind.map(str::to_string),
            first_response: first.map(tg),
            next_response: None,
            resolution: resolution.map(tg),
            urgent_first_response: None,
        }
    }

    fn tg(s: &str) -> Target {
        s.parse().unwrap()
    }

    /// (first, next, resolution) as written in the settings, "none" for no clock.
    fn written(t: Targets) -> (String, String, String) {
        let w = |m: Option<Minutes>| m.map_or("none".to_string(), |m| m.to_string());
        (w(t.first_response), w(t.next_response), w(t.resolution))
    }

    fn w3(a: &str, b: &str, c: &str) -> (String, String, String) {
        (a.to_string(), b.to_string(), c.to_string())
    }

    #[test]
    fn targets_parse_durations_and_none() {
        assert_eq!(tg("60m"), Target::within(Minutes(60)));
        assert_eq!(tg("none"), Target::NONE);
        assert_eq!(tg(" None "), Target::NONE);
        assert_eq!(Target::NONE.to_string(), "none");
        assert_eq!(tg("1h30m").to_string(), "1h30m");
        let e = "never".parse::<Target>().unwrap_err().to_string();
        assert!(e.contains("\"none\" for no clock"), "{e}");
        assert_eq!(
            Target::within(Minutes(60)).tighter(Target::NONE),
            Target::within(Minutes(60))
        );
        assert_eq!(Target::NONE.tighter(Target::NONE), Target::NONE);
        assert_eq!(tg("30m").tighter(tg("1h")), tg("30m"));
        assert_eq!(
            serde_json::to_string(&[tg("2h"), Target::NONE]).unwrap(),
            r#"["2h","none"]"#
        );
    }

    #[test]
    fn defaults_follow_rt1() {
        let s = ServiceLevels::default();
        assert_eq!(s.first_response, tg("60m"));
        assert_eq!(s.next_response, tg("2h"));
        assert_eq!(s.resolution, tg("3d"));
        assert_eq!(s.urgent_first_response, tg("30m"));
        assert_eq!(s.urgent_emotion, 0.6);
        assert_eq!(s.warn_at, 0.75);
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(toml::from_str::<ServiceLevels>("").unwrap(), s);
    }

    /// RT1, L2, A7, T3, T4, ST1: complaints and questions within the hour (half an hour when
    /// urgent); praise within a day and nothing to resolve; no clock for trolls, spam and other
    /// remarks, urgent or not.
    #[test]
    fn default_targets_per_kind_follow_the_method() {
        let s = ServiceLevels::default();
        let t = |kind: &str, urgent: bool| written(s.targets("vk", kind, urgent));
        for kind in ["complaint", "question"] {
            assert_eq!(t(kind, false), w3("1h", "2h", "3d"), "RT1 {kind}");
            assert_eq!(t(kind, true), w3("30m", "2h", "3d"), "A7 {kind}");
        }
        assert_eq!(t("praise", false), w3("1d", "1d", "none"));
        assert_eq!(
            t("praise", true),
            w3("1d", "1d", "none"),
            "A7 is for complaints"
        );
        for kind in ["troll", "spam", "other"] {
            for urgent in [false, true] {
                assert_eq!(
                    t(kind, urgent),
                    w3("none", "none", "none"),
                    "ST1/T3/T4 {kind}"
                );
            }
        }
    }

    /// A7: risk at or above the high-risk threshold, or strong emotion, makes a case urgent.
    #[test]
    fn a7_urgency_is_high_risk_or_strong_emotion() {
        let s = ServiceLevels::default();
        assert!(!s.is_urgent(69, 0.59, 70));
        assert!(s.is_urgent(70, 0.0, 70));
        assert!(s.is_urgent(10, 0.6, 70));
        assert!(s.is_urgent(10, 0.95, 70));
    }

    #[test]
    fn every_target_can_be_changed_in_the_settings() {
        let text = r#"
            first_response = "45m"
            urgent_first_response = "none"
            urgent_emotion = 0.8

            [kinds]
            praise = { first_response = "2h" }
            troll = { first_response = "4h", urgent_first_response = "1h" }
            question = { resolution = "none" }
        "#;
        let s: ServiceLevels = toml::from_str(text).unwrap();
        assert_eq!(s.validate(), Ok(()));
        let t = |kind: &str, urgent: bool| written(s.targets("vk", kind, urgent));
        // The defaults change complaints; urgency "none" tightens nothing.
        assert_eq!(t("complaint", true), w3("45m", "2h", "3d"));
        // A kind's entry overlays the built-in targets field by field.
        assert_eq!(t("praise", false), w3("2h", "1d", "none"));
        assert_eq!(t("troll", false), w3("4h", "none", "none"));
        assert_eq!(t("troll", true), w3("1h", "none", "none"));
        assert_eq!(t("question", false), w3("45m", "2h", "none"));
        // Untouched kinds keep their built-in targets.
        assert_eq!(t("spam", true), w3("none", "none", "none"));
        assert!(!s.is_urgent(0, 0.7, 70));
        // What the file says survives a round trip.
        let out = toml::to_string(&s).unwrap();
        assert_eq!(toml::from_str::<ServiceLevels>(&out).unwrap(), s, "{out}");
    }

    #[test]
    fn overrides_precedence_field_by_field() {
        let s = ServiceLevels {
            overrides: vec![
                ov(Some("vk"), None, Some("45m"), Some("2d")),
                ov(None, Some("complaint"), Some("30m"), None),
                ov(Some("telegram"), Some("complaint"), Some("15m"), None),
                ov(Some("vk"), Some("complaint"), None, Some("1d")),
                ov(None, Some("troll"), Some("4h"), None),
            ],
            ..ServiceLevels::default()
        };
        assert_eq!(s.validate(), Ok(()));
        let t = |c, k| written(s.targets(c, k, false));
        // Defaults.
        assert_eq!(t("x", "question"), w3("1h", "2h", "3d"));
        // Channel only.
        assert_eq!(t("vk", "question"), w3("45m", "2h", "2d"));
        assert_eq!(t("VK", "question"), w3("45m", "2h", "2d"));
        // Kind beats channel.
        assert_eq!(t("x", "complaint"), w3("30m", "2h", "3d"));
        // Channel+kind beats kind; unset fields fall through, field by field.
        assert_eq!(t("telegram", "complaint"), w3("15m", "2h", "3d"));
        assert_eq!(t("vk", "complaint"), w3("30m", "2h", "1d"));
        // A kind's own targets beat a channel override: a vk troll still has no clock [T3]…
        assert_eq!(t("vk", "other"), w3("none", "none", "none"));
        // …and a kind override beats the kind's own targets (older files keep their meaning).
        assert_eq!(t("x", "troll"), w3("4h", "none", "none"));
        // Urgency tightens whatever the override says, never loosens it [A7].
        assert_eq!(
            written(s.targets("telegram", "complaint", true)),
            w3("15m", "2h", "3d")
        );
        assert_eq!(
            written(s.targets("x", "complaint", true)),
            w3("30m", "2h", "3d")
        );
        assert_eq!(
            written(s.targets("vk", "question", true)),
            w3("30m", "2h", "2d")
        );
        // An override can switch a clock off.
        let s = ServiceLevels {
            overrides: vec![ov(Some("x"), Some("complaint"), None, Some("none"))],
            ..ServiceLevels::default()
        };
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(
            written(s.targets("x", "complaint", false)),
            w3("1h", "2h", "none")
        );
    }

    #[test]
    fn validate_names_override_and_field() {
        let bad = |o: ServiceLevelOverride| {
            let s = ServiceLevels {
                overrides: vec![ov(Some("vk"), None, Some("1h"), None), o],
                ..ServiceLevels::default()
            };
            s.validate().unwrap_err().to_string()
        };
        assert_eq!(
            bad(ov(None, Some("complain"), Some("1h"), None)),
            "service_levels.overrides[1].kind: 'complain': unknown kind (use complaint, \
             question, troll, spam, praise or other)"
        );
        assert_eq!(
            bad(ov(None, Some("troll"), Some("0m"), None)),
            "service_levels.overrides[1].first_response: '0m': must be longer than zero \
             (write \"none\" for no clock)"
        );
        assert!(bad(ov(None, Some("troll"), None, None)).contains("sets no target"));
        assert!(bad(ov(None, None, Some("1h"), None)).contains("neither a channel nor a kind"));
        assert!(
            bad(ov(Some(" "), None, Some("1h"), None))
                .starts_with("service_levels.overrides[1].channel: ' ': ")
        );
        assert_eq!(
            bad(ov(Some("VK"), None, None, Some("1d"))),
            "service_levels.overrides[1]: same channel and kind as service_levels.overrides[0]"
        );
        for warn_at in [0.0, 1.0, -0.5, 1.5, f64::NAN] {
            let s = ServiceLevels {
                warn_at,
                ..ServiceLevels::default()
            };
            assert!(
                s.validate()
                    .unwrap_err()
                    .to_string()
                    .starts_with("service_levels.warn_at: ")
            );
        }
        for urgent_emotion in [0.0, 1.01, f64::NAN] {
            let s = ServiceLevels {
                urgent_emotion,
                ..ServiceLevels::default()
            };
            assert!(
                s.validate()
                    .unwrap_err()
                    .to_string()
                    .starts_with("service_levels.urgent_emotion: ")
            );
        }
        let s = ServiceLevels {
            resolution: Target::within(Minutes(0)),
            ..ServiceLevels::default()
        };
        assert!(
            s.validate()
                .unwrap_err()
                .to_string()
                .starts_with("service_levels.resolution: '0m': must be longer than zero")
        );
        let s: ServiceLevels =
            toml::from_str("[kinds]\npraize = { first_response = \"1h\" }").unwrap();
        assert!(
            s.validate()
                .unwrap_err()
                .to_string()
                .starts_with("service_levels.kinds.praize: 'praize': unknown kind"),
        );
        let s: ServiceLevels = toml::from_str("[kinds]\npraise = { resolution = \"0m\" }").unwrap();
        assert!(
            s.validate()
                .unwrap_err()
                .to_string()
                .starts_with("service_levels.kinds.praise.resolution: '0m'"),
        );
        assert!(toml::from_str::<ServiceLevels>("[kinds]\npraise = { first = \"1h\" }").is_err());
    }

    #[test]
    fn toml_round_trip_service_levels() {
        let text = r#"
            first_response = "45m"
            next_response = "1h30m"
            resolution = "2d"
            warn_at = 0.8

            [[overrides]]
            kind = "complaint"
            first_response = "30m"

            [[overrides]]
            channel = "telegram"
            kind = "question"
            first_response = "15m"
            resolution = "1d12h"

            [[overrides]]
            channel = "x"
            kind = "praise"
            first_response = "none"
        "#;
        let s: ServiceLevels = toml::from_str(text).unwrap();
        assert_eq!(s.first_response, tg("45m"));
        assert_eq!(s.next_response, tg("90m"));
        assert_eq!(s.warn_at, 0.8);
        assert_eq!(s.overrides.len(), 3);
        assert_eq!(s.overrides[1].resolution, Some(tg("2160m")));
        assert_eq!(s.overrides[2].first_response, Some(Target::NONE));
        assert_eq!(s.kinds, builtin_kind_targets());
        assert_eq!(s.validate(), Ok(()));
        let out = toml::to_string(&s).unwrap();
        assert!(out.contains("resolution = \"1d12h\""), "{out}");
        assert!(out.contains("first_response = \"none\""), "{out}");
        assert_eq!(toml::from_str::<ServiceLevels>(&out).unwrap(), s);

        let d = ServiceLevels::default();
        assert_eq!(
            toml::from_str::<ServiceLevels>(&toml::to_string(&d).unwrap()).unwrap(),
            d
        );
        // Unknown fields and bad durations are errors that name the place.
        assert!(toml::from_str::<ServiceLevels>("first_responce = \"1h\"").is_err());
        let e = toml::from_str::<ServiceLevels>("first_response = \"1.5h\"").unwrap_err();
        assert!(e.to_string().contains("fractions"), "{e}");
        assert!(e.to_string().contains("first_response"), "{e}");
    }

    #[test]
    fn toml_round_trip_business_hours() {
        let text = r#"
            time_zone = "Europe/Moscow"
            schedule = ["mon-fri 09:00-13:00", "mon-fri 14:00-18:00", "sat 10:00-16:00"]
            holidays = ["2026-01-01"]
        "#;
        let h: BusinessHours = toml::from_str(text).unwrap();
        assert_eq!(h.schedule.len(), 3);
        assert_eq!(
            toml::from_str::<BusinessHours>(&toml::to_string(&h).unwrap()).unwrap(),
            h
        );
        let c = Calendar::new(&h).unwrap();
        assert!(c.is_open(ts("2026-01-03T11:00:00[Europe/Moscow]")));
        assert!(!c.is_open(ts("2026-01-01T11:00:00[Europe/Moscow]")));
        let no_holidays: BusinessHours =
            toml::from_str("time_zone = \"UTC\"\nschedule = [\"mon 09:00-10:00\"]").unwrap();
        assert!(no_holidays.holidays.is_empty());
        assert!(
            toml::from_str::<BusinessHours>("time_zone = \"UTC\"\nschedule = []\nextra = 1")
                .is_err()
        );
    }

    #[test]
    fn deadlines_start_at_the_post_time() {
        let c = moscow_office();
        let s = ServiceLevels::default();
        let posted = ts("2026-03-13T17:30:00[Europe/Moscow]");
        let d = deadlines(&c, posted, &s.targets("vk", "complaint", false));
        assert_eq!(
            d.first_response,
            Some(ts("2026-03-16T09:30:00[Europe/Moscow]"))
        );
        // 3 days = 72 business hours = 8 working days of 9 hours.
        assert_eq!(d.resolution, Some(ts("2026-03-25T17:30:00[Europe/Moscow]")));
        let json = serde_json::to_value(d).unwrap();
        assert_eq!(json["first_response"], "2026-03-16T06:30:00Z");
        // No clock, no deadline [T3].
        let d = deadlines(&c, posted, &s.targets("vk", "troll", true));
        assert_eq!(
            d,
            Deadlines {
                first_response: None,
                resolution: None
            }
        );
    }

    // --- properties ------------------------------------------------------------------------

    const ZONES: [&str; 9] = [
        "UTC",
        "Europe/Moscow",
        "Europe/Bucharest",
        "America/New_York",
        "America/Santiago",
        "Australia/Lord_Howe",
        "Pacific/Chatham",
        "Asia/Kolkata",
        "America/Havana",
    ];

    /// A random weekly schedule: (weekday mask, start minute, end minute) entries, each at
    /// least an hour long, plus holidays as (month, day) in 2026.
    #[derive(Debug, Clone)]
    struct Spec {
        tz: &'static str,
        entries: Vec<(u8, u16, u16)>,
        holidays: Vec<(i8, i8)>,
    }

    impl Spec {
        fn hours(&self) -> BusinessHours {
            let clock = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
            BusinessHours {
                time_zone: self.tz.to_string(),
                schedule: self
                    .entries
                    .iter()
                    .map(|&(mask, s, e)| {
                        let days: Vec<&str> = (0..7)
                            .filter(|d| mask & (1 << d) != 0)
                            .map(|d| DAY_NAMES[d])
                            .collect();
                        format!("{} {}-{}", days.join(","), clock(s), clock(e))
                    })
                    .collect(),
                holidays: self
                    .holidays
                    .iter()
                    .map(|&(mo, d)| format!("2026-{mo:02}-{d:02}"))
                    .collect(),
            }
        }

        /// Independent of the window walk: jiff's own local time of `t`.
        fn open_at(&self, tz: &TimeZone, t: Timestamp) -> bool {
            let dt = tz.to_datetime(t);
            let date = dt.date();
            if date.year() == 2026 && self.holidays.contains(&(date.month(), date.day())) {
                return false;
            }
            let wd = date.weekday().to_monday_zero_offset();
            let minute = u16::try_from(i32::from(dt.hour()) * 60 + i32::from(dt.minute())).unwrap();
            self.entries
                .iter()
                .any(|&(mask, s, e)| mask & (1 << wd) != 0 && s <= minute && minute < e)
        }
    }

    fn spec() -> impl Strategy<Value = Spec> {
        let entry = (1u8..128, 0u16..1380)
            .prop_flat_map(|(mask, s)| (Just(mask), Just(s), (s + 60)..=1440));
        (
            proptest::sample::select(&ZONES[..]),
            proptest::collection::vec(entry, 1..4),
            proptest::collection::vec((1i8..=12, 1i8..=28), 0..6),
        )
            .prop_map(|(tz, entries, holidays)| Spec {
                tz,
                entries,
                holidays,
            })
    }

    /// Instants in 2025–2027, with sub-second parts.
    fn instant() -> impl Strategy<Value = Timestamp> {
        (1_735_689_600i64..1_830_297_600, 0i32..1_000_000_000)
            .prop_map(|(s, ns)| Timestamp::new(s, ns).unwrap())
    }

    /// Minute-aligned instants around the 2026 DST transitions of the zones above.
    fn aligned_near_dst() -> impl Strategy<Value = Timestamp> {
        let bases = [
            "2026-03-06T00:00:00Z", // Havana, Santiago (April), New York (March 8)
            "2026-03-26T00:00:00Z", // Europe (March 29)
            "2026-04-02T00:00:00Z", // Santiago, Lord Howe, Chatham (April 5)
            "2026-09-02T00:00:00Z", // Santiago (September 6)
            "2026-09-24T00:00:00Z", // Chatham (September 27)
            "2026-10-01T00:00:00Z", // Lord Howe (October 4)
            "2026-10-22T00:00:00Z", // Europe (October 25)
            "2026-10-29T00:00:00Z", // New York, Havana (November 1)
            "2026-06-15T00:00:00Z",
        ];
        (proptest::sample::select(bases.to_vec()), 0i64..(4 * 1440)).prop_map(|(b, mins)| {
            let base: Timestamp = b.parse().unwrap();
            base.checked_add(jiff::SignedDuration::from_mins(mins))
                .unwrap()
        })
    }

    proptest! {
        #[test]
        fn duration_display_round_trips(n in 0i64..i64::MAX) {
            prop_assert_eq!(Minutes(n).to_string().parse::<Minutes>(), Ok(Minutes(n)));
        }

        #[test]
        fn duration_parse_never_panics(s in "\\PC{0,12}") {
            let _ = s.parse::<Minutes>();
        }

        #[test]
        fn schedule_parse_never_panics(s in "[a-z ,:0-9-]{0,24}") {
            let _ = Calendar::new(&hours("UTC", &[s.as_str()], &[]));
        }

        #[test]
        fn always_open_adds_plain_minutes(t in instant(), m in 0i64..10_000_000) {
            let c = Calendar::always_open();
            let want = t.checked_add(jiff::SignedDuration::from_mins(m)).unwrap();
            prop_assert_eq!(c.add(t, Minutes(m)), want);
            prop_assert_eq!(c.elapsed(t, want), Minutes(m));
        }

        #[test]
        fn elapsed_inverts_add(spec in spec(), start in instant(), m in 0i64..5000) {
            let c = Calendar::new(&spec.hours()).unwrap();
            let due = c.add(start, Minutes(m));
            prop_assert!(due >= start);
            prop_assert_eq!(c.elapsed(start, due), Minutes(m));
            if m > 0 {
                // The deadline's last instant is business time.
                let before = Timestamp::from_nanosecond(due.as_nanosecond() - 1).unwrap();
                prop_assert!(c.is_open(before));
            }
        }

        #[test]
        fn add_is_monotonic(spec in spec(), start in instant(), a in 0i64..3000, b in 0i64..3000) {
            let c = Calendar::new(&spec.hours()).unwrap();
            let (lo, hi) = (a.min(b), a.max(b));
            prop_assert!(c.add(start, Minutes(lo)) <= c.add(start, Minutes(hi)));
        }

        #[test]
        fn elapsed_matches_a_minute_by_minute_count(
            spec in spec(),
            a in aligned_near_dst(),
            len in 0i64..(3 * 1440),
        ) {
            let c = Calendar::new(&spec.hours()).unwrap();
            let tz = TimeZone::get(spec.tz).unwrap();
            let minute = |i: i64| a.checked_add(jiff::SignedDuration::from_mins(i)).unwrap();
            let mut count = 0;
            for i in 0..len {
                let t = minute(i);
                let open = spec.open_at(&tz, t);
                prop_assert_eq!(c.is_open(t), open, "at {}", t);
                count += i64::from(open);
            }
            prop_assert_eq!(c.elapsed(a, minute(len)), Minutes(count));
        }
    }
}
