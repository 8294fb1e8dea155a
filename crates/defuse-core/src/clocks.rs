//! The service-level clocks of one case [RT1, RT2, RT3]: first response (from the first customer
//! message), next response (from each later customer message the brand has not answered) and
//! resolution. Each is running, in warning (a configurable share of its business time is gone),
//! breached (its deadline has come), paused (the desk waits for the customer), or stopped (met,
//! or met late). A case whose kind has no clock [ST1, T3, T4] has no deadline for it: that clock
//! is simply absent, never breached. Pure: the times come in, the states go out.

use crate::sla::{Calendar, Minutes};
use jiff::Timestamp;
use serde::Serialize;

defuse_text::named_enum! {
    /// Which clock.
    pub enum Clock {
        FirstResponse = "first_response",
        NextResponse = "next_response",
        Resolution = "resolution",
    }
}

defuse_text::named_enum! {
    /// Where a clock stands.
    pub enum ClockState {
        Running = "running",
        /// The warning share of the time is gone.
        Warning = "warning",
        /// The deadline has come and the clock still runs.
        Breached = "breached",
        /// Waiting for the customer: the time does not count.
        Paused = "paused",
        /// Stopped in time.
        Met = "met",
        /// Stopped after its deadline.
        MetLate = "met_late",
    }
}

impl ClockState {
    /// Still counting.
    pub fn is_running(self) -> bool {
        matches!(
            self,
            ClockState::Running | ClockState::Warning | ClockState::Breached
        )
    }
}

/// The times of a case that the clocks read (all platform or desk instants).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseTimes {
    /// The first customer message's post time.
    pub opened_at: Timestamp,
    /// When the first-response clock started: the opening, or the later message that first
    /// needed an answer (a case that had no clock, then a complaint).
    pub first_response_since: Timestamp,
    /// `None`: no first-response clock [ST1, T3, T4].
    pub first_response_due: Option<Timestamp>,
    /// The brand's first answer.
    pub responded_at: Option<Timestamp>,
    /// The earliest customer message the brand has not answered since its last answer.
    pub next_response_since: Option<Timestamp>,
    pub next_response_due: Option<Timestamp>,
    /// When its warning fires, moved by pauses like the deadline (`None`: from the start).
    pub next_response_warn: Option<Timestamp>,
    /// When the resolution clock started: the first message, or the last reopening.
    pub resolution_since: Timestamp,
    /// Already moved by every pause that ended; `None`: no resolution clock.
    pub resolution_due: Option<Timestamp>,
    /// When its warning fires, moved by pauses like the deadline (`None`: from the start).
    pub resolution_warn: Option<Timestamp>,
    pub resolved_at: Option<Timestamp>,
    /// Set while the desk waits for the customer.
    pub paused_at: Option<Timestamp>,
}

/// One clock as shown and alerted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClockView {
    pub clock: Clock,
    pub state: ClockState,
    pub started_at: Timestamp,
    pub due: Timestamp,
    /// When the warning fires.
    pub warn_at: Timestamp,
    /// When it stopped (answered, resolved).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped_at: Option<Timestamp>,
}

/// The instant at which `share` of the business time between `start` and `due` is gone.
pub fn warn_time(cal: &Calendar, start: Timestamp, due: Timestamp, share: f64) -> Timestamp {
    if due <= start {
        return due;
    }
    let total = cal.elapsed(start, due).0;
    let part = ((total as f64) * share.clamp(0.0, 1.0)).floor() as i64;
    cal.add(start, Minutes(part)).min(due)
}

/// The deadline after a pause [RT1]: the business time that was left when the desk began
/// waiting for the customer is counted again from `resumed`. A deadline already passed when the
/// pause began stays where it was.
pub fn resume(
    cal: &Calendar,
    paused_at: Timestamp,
    due: Timestamp,
    resumed: Timestamp,
) -> Timestamp {
    if due <= paused_at || resumed <= paused_at {
        return due;
    }
    if cal.is_always_open() {
        // Around the clock: exact.
        let left = due.as_millisecond() - paused_at.as_millisecond();
        return Timestamp::from_millisecond(resumed.as_millisecond().saturating_add(left))
            .unwrap_or(Timestamp::MAX);
    }
    // Business hours: to the minute.
    let left = cal.elapsed(paused_at, due);
    cal.add(resumed, left)
}

fn state_at(warn: Timestamp, due: Timestamp, now: Timestamp) -> ClockState {
    if now >= due {
        ClockState::Breached
    } else if now >= warn {
        ClockState::Warning
    } else {
        ClockState::Running
    }
}

fn running_state(
    cal: &Calendar,
    start: Timestamp,
    due: Timestamp,
    now: Timestamp,
    share: f64,
) -> (ClockState, Timestamp) {
    let warn = warn_time(cal, start, due, share);
    let state = if now >= due {
        ClockState::Breached
    } else if now >= warn {
        ClockState::Warning
    } else {
        ClockState::Running
    };
    (state, warn)
}

fn stopped(due: Timestamp, at: Timestamp) -> ClockState {
    if at <= due {
        ClockState::Met
    } else {
        ClockState::MetLate
    }
}

/// The clocks of a case at `now`. `ignored`: the desk chose not to answer [ST1], so no clock
/// runs (a first response already given is still shown). A clock whose deadline is `None` (its
/// kind has no target) is absent.
pub fn clocks(
    cal: &Calendar,
    t: &CaseTimes,
    now: Timestamp,
    share: f64,
    ignored: bool,
) -> Vec<ClockView> {
    let mut out = Vec::with_capacity(3);
    // RT1: first response.
    if let Some(due) = t.first_response_due {
        let start = t.first_response_since;
        let warn = warn_time(cal, start, due, share);
        // A case resolved without a public answer stops the clock at the resolution.
        match t.responded_at.or(t.resolved_at) {
            Some(at) => out.push(ClockView {
                clock: Clock::FirstResponse,
                state: stopped(due, at),
                started_at: start,
                due,
                warn_at: warn,
                stopped_at: Some(at),
            }),
            None if ignored => return out,
            None => {
                let (state, warn) = running_state(cal, start, due, now, share);
                out.push(ClockView {
                    clock: Clock::FirstResponse,
                    state,
                    started_at: start,
                    due,
                    warn_at: warn,
                    stopped_at: None,
                });
            }
        }
    }
    if ignored {
        return out;
    }
    // RT2: the next response, for a later customer message still unanswered.
    if let (Some(since), Some(due)) = (t.next_response_since, t.next_response_due)
        && t.resolved_at.is_none()
    {
        let warn = t
            .next_response_warn
            .unwrap_or_else(|| warn_time(cal, since, due, share));
        let state = if t.paused_at.is_some() {
            ClockState::Paused
        } else {
            state_at(warn, due, now)
        };
        out.push(ClockView {
            clock: Clock::NextResponse,
            state,
            started_at: since,
            due,
            warn_at: warn,
            stopped_at: None,
        });
    }
    // RT3: resolution.
    if let Some(due) = t.resolution_due {
        let warn = t
            .resolution_warn
            .unwrap_or_else(|| warn_time(cal, t.resolution_since, due, share));
        let state = match (t.resolved_at, t.paused_at) {
            (Some(at), _) => stopped(due, at),
            (None, Some(_)) => ClockState::Paused,
            (None, None) => state_at(warn, due, now),
        };
        out.push(ClockView {
            clock: Clock::Resolution,
            state,
            started_at: t.resolution_since,
            due,
            warn_at: warn,
            stopped_at: t.resolved_at,
        });
    }
    out
}

/// The next instant after `now` at which one of these clocks changes state (a warning or a
/// breach), for the alert scheduler; `None` when no clock runs.
pub fn next_change(views: &[ClockView], now: Timestamp) -> Option<Timestamp> {
    views
        .iter()
        .filter(|v| v.state.is_running())
        .flat_map(|v| [v.warn_at, v.due])
        .filter(|t| *t > now)
        .min()
}

/// The deadline that matters now: the earliest running clock's; `None` when none runs.
pub fn current_due(views: &[ClockView]) -> Option<Timestamp> {
    views
        .iter()
        .filter(|v| v.state.is_running())
        .map(|v| v.due)
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::BusinessHours;

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    fn times(opened: &str) -> CaseTimes {
        let o = ts(opened);
        CaseTimes {
            opened_at: o,
            first_response_since: o,
            first_response_due: Some(Calendar::always_open().add(o, Minutes(60))),
            responded_at: None,
            next_response_since: None,
            next_response_due: None,
            next_response_warn: None,
            resolution_since: o,
            resolution_due: Some(Calendar::always_open().add(o, Minutes(3 * 24 * 60))),
            resolution_warn: None,
            resolved_at: None,
            paused_at: None,
        }
    }

    fn state(v: &[ClockView], c: Clock) -> ClockState {
        v.iter()
            .find(|x| x.clock == c)
            .map(|x| x.state)
            .expect("clock")
    }

    #[test]
    fn rt1_breaches_exactly_at_the_deadline_and_warns_at_75_percent() {
        let cal = Calendar::always_open();
        let t = times("2026-11-20T10:00:00Z");
        let at = |s: &str| state(&clocks(&cal, &t, ts(s), 0.75, false), Clock::FirstResponse);
        assert_eq!(at("2026-11-20T10:44:59Z"), ClockState::Running);
        assert_eq!(at("2026-11-20T10:45:00Z"), ClockState::Warning);
        assert_eq!(at("2026-11-20T10:59:59.999Z"), ClockState::Warning);
        assert_eq!(at("2026-11-20T11:00:00Z"), ClockState::Breached);
    }

    #[test]
    fn answering_stops_the_first_clock() {
        let cal = Calendar::always_open();
        let mut t = times("2026-11-20T10:00:00Z");
        t.responded_at = Some(ts("2026-11-20T10:30:00Z"));
        let v = clocks(&cal, &t, ts("2026-11-21T10:00:00Z"), 0.75, false);
        assert_eq!(state(&v, Clock::FirstResponse), ClockState::Met);
        t.responded_at = Some(ts("2026-11-20T11:30:00Z"));
        let v = clocks(&cal, &t, ts("2026-11-21T10:00:00Z"), 0.75, false);
        assert_eq!(state(&v, Clock::FirstResponse), ClockState::MetLate);
    }

    #[test]
    fn business_hours_move_the_warning_and_the_deadline() {
        let cal = Calendar::new(&BusinessHours {
            time_zone: "UTC".into(),
            schedule: vec!["mon-fri 09:00-18:00".into()],
            holidays: vec![],
        })
        .expect("calendar");
        // Friday 17:40 + 60 business minutes = Monday 09:40; 75% (45 min) = Monday 09:25.
        let opened = ts("2026-11-20T17:40:00Z");
        let due = cal.add(opened, Minutes(60));
        assert_eq!(due, ts("2026-11-23T09:40:00Z"));
        assert_eq!(
            warn_time(&cal, opened, due, 0.75),
            ts("2026-11-23T09:25:00Z")
        );
    }

    #[test]
    fn a_pause_gives_back_the_time_left() {
        let cal = Calendar::always_open();
        let due = ts("2026-11-23T10:00:00Z");
        // Paused with 24 h left, resumed two days later: due 24 h after the resume.
        let r = resume(
            &cal,
            ts("2026-11-22T10:00:00Z"),
            due,
            ts("2026-11-24T10:00:00Z"),
        );
        assert_eq!(r, ts("2026-11-25T10:00:00Z"));
        // Already breached when paused: stays.
        let r = resume(
            &cal,
            ts("2026-11-24T10:00:00Z"),
            due,
            ts("2026-11-25T10:00:00Z"),
        );
        assert_eq!(r, due);
    }

    #[test]
    fn paused_clocks_do_not_breach() {
        let cal = Calendar::always_open();
        let mut t = times("2026-11-20T10:00:00Z");
        t.responded_at = Some(ts("2026-11-20T10:10:00Z"));
        t.paused_at = Some(ts("2026-11-20T12:00:00Z"));
        let v = clocks(&cal, &t, ts("2026-12-20T10:00:00Z"), 0.75, false);
        assert_eq!(state(&v, Clock::Resolution), ClockState::Paused);
        assert_eq!(current_due(&v), None);
    }

    #[test]
    fn rt2_next_response_runs_from_the_later_message() {
        let cal = Calendar::always_open();
        let mut t = times("2026-11-20T10:00:00Z");
        t.responded_at = Some(ts("2026-11-20T10:10:00Z"));
        t.next_response_since = Some(ts("2026-11-20T12:00:00Z"));
        t.next_response_due = Some(ts("2026-11-20T14:00:00Z"));
        let v = clocks(&cal, &t, ts("2026-11-20T14:00:00Z"), 0.75, false);
        assert_eq!(state(&v, Clock::NextResponse), ClockState::Breached);
        assert_eq!(current_due(&v), Some(ts("2026-11-20T14:00:00Z")));
        assert_eq!(
            next_change(&v, ts("2026-11-20T14:00:00Z")),
            t.resolution_due
                .map(|d| d.min(warn_time(&cal, t.opened_at, d, 0.75)))
        );
    }

    use proptest::prelude::*;

    fn weekday_calendar() -> Calendar {
        Calendar::new(&BusinessHours {
            time_zone: "Europe/Chisinau".into(),
            schedule: vec!["mon-fri 09:00-18:00".into(), "sat 10:00-14:00".into()],
            holidays: vec!["2026-12-25".into()],
        })
        .expect("calendar")
    }

    proptest! {
        /// The warning falls between the start and the deadline; a clock breaches exactly when
        /// `now` reaches its deadline.
        #[test]
        fn warning_is_inside_and_breach_is_exact(start in 0i64..40_000_000, len in 1i64..20_000, now in 0i64..60_000_000, share in 0.05f64..0.95) {
            for cal in [Calendar::always_open(), weekday_calendar()] {
                let s = Timestamp::from_second(1_790_000_000 + start).expect("t");
                let due = cal.add(s, Minutes(len));
                let w = warn_time(&cal, s, due, share);
                prop_assert!(s <= w && w <= due);
                let n = Timestamp::from_second(1_790_000_000 + now).expect("t");
                let (st, _) = running_state(&cal, s, due, n, share);
                prop_assert_eq!(st == ClockState::Breached, n >= due);
            }
        }

        /// A pause never brings a deadline closer, and around the clock it moves it by exactly
        /// the paused time.
        #[test]
        fn a_pause_never_shortens_the_time_left(p in 0i64..1_000_000, left in 1i64..500_000, wait in 0i64..1_000_000) {
            let cal = Calendar::always_open();
            let paused = Timestamp::from_second(1_790_000_000 + p).expect("t");
            let due = Timestamp::from_second(1_790_000_000 + p + left).expect("t");
            let resumed = Timestamp::from_second(1_790_000_000 + p + wait).expect("t");
            let r = resume(&cal, paused, due, resumed);
            prop_assert!(r >= due);
            prop_assert_eq!(r.as_second() - due.as_second(), wait);
            let cal = weekday_calendar();
            prop_assert!(resume(&cal, paused, due, resumed) >= due.min(cal.add(resumed, Minutes(0))));
        }
    }

    #[test]
    fn h3_a_case_resolved_without_an_answer_stops_its_first_clock() {
        let cal = Calendar::always_open();
        let mut t = times("2026-11-20T10:00:00Z");
        t.resolved_at = Some(ts("2026-11-20T10:30:00Z"));
        let v = clocks(&cal, &t, ts("2026-11-21T10:00:00Z"), 0.75, false);
        assert_eq!(state(&v, Clock::FirstResponse), ClockState::Met);
        assert!(v.iter().all(|c| !c.state.is_running()));
    }

    #[test]
    fn a_moved_warning_is_used_as_given() {
        let cal = Calendar::always_open();
        let mut t = times("2026-11-20T10:00:00Z");
        t.responded_at = Some(ts("2026-11-20T10:10:00Z"));
        t.resolution_due = Some(ts("2026-11-30T10:00:00Z"));
        t.resolution_warn = Some(ts("2026-11-29T16:00:00Z"));
        let v = clocks(&cal, &t, ts("2026-11-29T15:59:59Z"), 0.75, false);
        assert_eq!(state(&v, Clock::Resolution), ClockState::Running);
        let v = clocks(&cal, &t, ts("2026-11-29T16:00:00Z"), 0.75, false);
        assert_eq!(state(&v, Clock::Resolution), ClockState::Warning);
    }

    /// ST1, T3, T4: a case whose kind has no clock shows no deadline, is never breached, and
    /// gives the alert scan nothing to wait for, however old it is.
    #[test]
    fn st1_a_case_with_no_clock_is_never_breached() {
        let cal = Calendar::always_open();
        let mut t = times("2026-11-20T10:00:00Z");
        t.first_response_due = None;
        t.resolution_due = None;
        let later = ts("2027-11-20T10:00:00Z");
        let v = clocks(&cal, &t, later, 0.75, false);
        assert!(v.is_empty(), "{v:?}");
        assert_eq!(current_due(&v), None);
        assert_eq!(next_change(&v, later), None);
        // Only the clock that has a target runs (praise: a first response, nothing to resolve).
        t.first_response_due = Some(ts("2026-11-21T10:00:00Z"));
        let v = clocks(&cal, &t, later, 0.75, false);
        assert_eq!(v.len(), 1);
        assert_eq!(state(&v, Clock::FirstResponse), ClockState::Breached);
    }

    /// A first-response clock that started with a later message counts from that message.
    #[test]
    fn rt1_a_clock_started_later_counts_from_its_start() {
        let cal = Calendar::always_open();
        let mut t = times("2026-11-20T10:00:00Z");
        t.first_response_since = ts("2026-11-27T10:00:00Z");
        t.first_response_due = Some(ts("2026-11-27T11:00:00Z"));
        let v = clocks(&cal, &t, ts("2026-11-27T10:50:00Z"), 0.75, false);
        assert_eq!(state(&v, Clock::FirstResponse), ClockState::Warning);
        assert_eq!(v[0].started_at, ts("2026-11-27T10:00:00Z"));
        assert_eq!(v[0].warn_at, ts("2026-11-27T10:45:00Z"));
    }
}
