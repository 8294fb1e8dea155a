//! Business hours compiled into a calendar: when the team works, in the brand's time zone,
//! with holidays; adding business time to an instant and measuring it between two [RT1].

use super::*;
use std::ops::ControlFlow;

use jiff::Timestamp;
use jiff::civil;
use jiff::tz::TimeZone;

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

pub(super) const NS_PER_SECOND: i128 = 1_000_000_000;
pub(super) const NS_PER_MINUTE: i128 = 60 * NS_PER_SECOND;
pub(super) const NS_PER_DAY: i128 = 86_400 * NS_PER_SECOND;
pub(super) const MINUTES_PER_DAY_U16: u16 = 24 * 60;
pub(super) const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Compiled [`BusinessHours`]: the business time of every instant.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// `None`: always open (24/7).
    pub(super) schedule: Option<Schedule>,
}

#[derive(Debug, Clone)]
pub(super) struct Schedule {
    pub(super) tz: TimeZone,
    /// Per weekday (Monday first): sorted, disjoint, non-touching `[start, end)` minute-of-day
    /// intervals, `end <= 1440`.
    pub(super) days: [Vec<(u16, u16)>; 7],
    /// Holidays as local day numbers (days since 1970-01-01), sorted.
    pub(super) holidays: Vec<i128>,
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

pub(super) fn to_timestamp(ns: i128) -> Timestamp {
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
pub(super) fn weekday(day: i128) -> usize {
    // rem_euclid(7) is in 0..7.
    (day + 3).rem_euclid(7) as usize
}

/// Days since 1970-01-01 of a strict `YYYY-MM-DD` date.
pub(super) fn parse_holiday(text: &str) -> Option<i128> {
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
pub(super) fn parse_schedule_entry(entry: &str) -> Result<(u8, Vec<(u16, u16)>), String> {
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

pub(super) fn day_index(name: &str) -> Result<u8, String> {
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
pub(super) fn parse_clock(text: &str) -> Option<u16> {
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
