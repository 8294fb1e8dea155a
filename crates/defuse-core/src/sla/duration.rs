//! Durations as people write them in the settings file (`"60m"`, `"2h"`, `"1h30m"`, `"3d"`)
//! [RT1].

use super::*;
use std::fmt;
use std::str::FromStr;

/// A duration in whole minutes (service levels range from minutes to days, RT1).
///
/// Written as one or more `<number><unit>` parts, largest unit first, each unit at most once:
/// `d` (24 hours of business time, not a calendar day), `h`, `m`. Examples: `"45m"`, `"2h"`,
/// `"1h30m"`, `"3d"`, `"1d 12h"`. Seconds, fractions, signs, bare numbers and other units are
/// rejected. [`Display`](fmt::Display) prints the canonical form (`90` minutes → `"1h30m"`,
/// `60` → `"1h"`, `0` → `"0m"`); serde reads and writes that string form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minutes(pub i64);

pub(super) const MINUTES_PER_HOUR: i64 = 60;
pub(super) const MINUTES_PER_DAY: i64 = 24 * 60;
pub(super) const DURATION_EXAMPLES: &str = "write e.g. \"60m\", \"2h\", \"1h30m\" or \"3d\"";

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
