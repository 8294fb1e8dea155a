//! Triage of cases [A1–A7, RT1, T1–T6]: which kind a case is when its messages differ, whether it
//! is urgent [A7], its service-level deadlines from the platform's post time and business hours,
//! and the order of the queue (breached first, riskiest first; then the nearest deadline, then
//! the highest risk; cases with no clock [ST1, T3, T4] after every case with one).

use crate::sla::{Calendar, Deadlines, ServiceLevels, Targets, deadlines};
use defuse_text::Kind;
use jiff::Timestamp;
use std::cmp::Ordering;

/// Service levels, business hours and the high-risk threshold together: everything needed to set
/// a case's deadlines.
#[derive(Debug, Clone)]
pub struct Policy {
    pub calendar: Calendar,
    pub levels: ServiceLevels,
    /// `alerts.high_risk`: a case at or above this risk is urgent [A7].
    pub high_risk: u8,
}

/// The default `alerts.high_risk`.
pub const DEFAULT_HIGH_RISK: u8 = 70;

impl Default for Policy {
    fn default() -> Self {
        Policy {
            calendar: Calendar::always_open(),
            levels: ServiceLevels::default(),
            high_risk: DEFAULT_HIGH_RISK,
        }
    }
}

impl Policy {
    /// The targets of a case on `channel` of `kind`, urgent or not [RT1, A7].
    pub fn targets(&self, channel: &str, kind: Kind, urgent: bool) -> Targets {
        self.levels.targets(channel, kind.as_str(), urgent)
    }

    /// Deadlines of a case on `channel` of `kind` whose first customer message was posted at
    /// `posted` [RT1]: the clock starts at the post time, not at import. `None` where the kind
    /// has no clock [ST1, T3, T4].
    pub fn deadlines(
        &self,
        channel: &str,
        kind: Kind,
        urgent: bool,
        posted: Timestamp,
    ) -> Deadlines {
        deadlines(&self.calendar, posted, &self.targets(channel, kind, urgent))
    }

    /// Whether a message makes its case urgent [A7]: the case's risk at or above
    /// `alerts.high_risk`, or the message's emotion at least `service_levels.urgent_emotion`.
    pub fn urgent(&self, risk: u8, emotion: f32) -> bool {
        self.levels.is_urgent(risk, emotion, self.high_risk)
    }
}

/// How much a kind demands of the desk: a case takes the most demanding kind among its
/// customer's messages (a question followed by "and you charged me twice" is a complaint).
pub fn kind_weight(k: Kind) -> u8 {
    match k {
        Kind::Complaint => 5,
        Kind::Question => 4,
        Kind::Troll => 3,
        Kind::Praise => 2,
        Kind::Other => 1,
        Kind::Spam => 0,
    }
}

/// The kind of a case given the kind it had and a new message's kind.
pub fn merge_kind(case: Kind, new: Kind) -> Kind {
    if kind_weight(new) > kind_weight(case) {
        new
    } else {
        case
    }
}

/// A case as the queue sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QueueKey {
    /// The deadline that matters now (the earliest running clock's); `None`: no clock runs.
    pub due: Option<Timestamp>,
    /// That deadline has come while the clock runs.
    pub breached: bool,
    pub risk: u8,
    pub id: i64,
}

/// Queue order [RT1, A1–A7, ST1]: breached cases first, the riskiest of them first (then the
/// most overdue), so a week-old breach of a thank-you does not sit above a complaint that just
/// breached; then the nearest deadline, then the highest risk; then the oldest case. Cases with
/// no running clock (the kinds the desk ignores or moderates [ST1, T3, T4]) come after every
/// case with one, riskiest first.
pub fn queue_order(a: &QueueKey, b: &QueueKey) -> Ordering {
    let pending = |k: &QueueKey| k.due.filter(|_| !k.breached);
    a.due
        .is_none()
        .cmp(&b.due.is_none())
        .then(b.breached.cmp(&a.breached))
        .then(pending(a).cmp(&pending(b)))
        .then(b.risk.cmp(&a.risk))
        .then(a.due.cmp(&b.due))
        .then(a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn a_question_that_turns_into_a_complaint_is_a_complaint() {
        assert_eq!(merge_kind(Kind::Question, Kind::Complaint), Kind::Complaint);
        assert_eq!(merge_kind(Kind::Complaint, Kind::Praise), Kind::Complaint);
        assert_eq!(merge_kind(Kind::Spam, Kind::Other), Kind::Other);
    }

    #[test]
    fn default_first_response_is_sixty_minutes_from_the_post() {
        let p = Policy::default();
        let posted = ts("2026-11-20T10:00:00Z");
        let d = p.deadlines("vk", Kind::Complaint, false, posted);
        assert_eq!(d.first_response, Some(ts("2026-11-20T11:00:00Z")));
        assert!(d.resolution > d.first_response);
    }

    /// A7: an urgent complaint or question is due in half an hour; an urgent thank-you is not.
    #[test]
    fn a7_urgent_complaints_are_due_in_thirty_minutes() {
        let p = Policy::default();
        let posted = ts("2026-11-20T10:00:00Z");
        assert!(p.urgent(70, 0.0) && p.urgent(0, 0.8) && !p.urgent(69, 0.3));
        for kind in [Kind::Complaint, Kind::Question] {
            let d = p.deadlines("vk", kind, true, posted);
            assert_eq!(
                d.first_response,
                Some(ts("2026-11-20T10:30:00Z")),
                "{kind:?}"
            );
        }
        let d = p.deadlines("vk", Kind::Praise, true, posted);
        assert_eq!(d.first_response, Some(ts("2026-11-21T10:00:00Z")));
        assert_eq!(d.resolution, None);
    }

    /// ST1, T3, T4: the desk ignores trolls and moderates spam; neither races a clock, nor does
    /// a remark that asks nothing.
    #[test]
    fn st1_t3_t4_no_clock_for_trolls_spam_and_remarks() {
        let p = Policy::default();
        let posted = ts("2026-11-20T10:00:00Z");
        for kind in [Kind::Troll, Kind::Spam, Kind::Other] {
            for urgent in [false, true] {
                let d = p.deadlines("vk", kind, urgent, posted);
                assert_eq!((d.first_response, d.resolution), (None, None), "{kind:?}");
            }
        }
    }

    fn key(due: Option<&str>, breached: bool, risk: u8, id: i64) -> QueueKey {
        QueueKey {
            due: due.map(ts),
            breached,
            risk,
            id,
        }
    }

    fn order(mut q: Vec<QueueKey>) -> Vec<i64> {
        q.sort_by(queue_order);
        q.iter().map(|x| x.id).collect()
    }

    /// RT1: breached first, then the nearest deadline, then risk.
    #[test]
    fn rt1_breached_first_then_deadline_then_risk() {
        let q = vec![
            key(Some("2026-11-20T12:00:00Z"), false, 90, 1),
            key(Some("2026-11-20T09:00:00Z"), true, 10, 2),
            key(Some("2026-11-20T12:00:00Z"), false, 95, 3),
            key(Some("2026-11-20T11:00:00Z"), false, 5, 4),
        ];
        assert_eq!(order(q), vec![2, 4, 3, 1]);
    }

    /// A1–A7: among breached cases the riskiest comes first, not the oldest breach; equal risk,
    /// the most overdue.
    #[test]
    fn a7_breached_cases_riskiest_first() {
        let q = vec![
            key(Some("2026-11-13T12:00:00Z"), true, 5, 1), // a thank-you, a week late
            key(Some("2026-11-20T11:50:00Z"), true, 72, 2), // an angry complaint, just breached
            key(Some("2026-11-20T11:00:00Z"), true, 5, 3),
            key(Some("2026-11-20T12:10:00Z"), false, 99, 4),
        ];
        assert_eq!(order(q), vec![2, 1, 3, 4]);
    }

    /// ST1, T3, T4: a case with no clock sorts after every case with one, however risky; among
    /// themselves, by risk.
    #[test]
    fn st1_no_clock_cases_come_after_every_clock() {
        let q = vec![
            key(None, false, 95, 1),
            key(Some("2026-11-27T12:00:00Z"), false, 5, 2),
            key(None, false, 40, 3),
            key(Some("2026-11-20T09:00:00Z"), true, 10, 4),
        ];
        assert_eq!(order(q), vec![4, 2, 1, 3]);
    }
}
