//! Triage of cases [A1–A7, RT1, T1–T6]: which kind a case is when its messages differ, its
//! service-level deadlines from the platform's post time and business hours, and the order of the
//! queue (overdue first, then the nearest deadline, then the highest risk).

use crate::sla::{Calendar, Deadlines, ServiceLevels, deadlines};
use defuse_text::Kind;
use jiff::Timestamp;
use std::cmp::Ordering;

/// Service levels and business hours together: everything needed to set a case's deadlines.
#[derive(Debug, Clone)]
pub struct Policy {
    pub calendar: Calendar,
    pub levels: ServiceLevels,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            calendar: Calendar::always_open(),
            levels: ServiceLevels::default(),
        }
    }
}

impl Policy {
    /// Deadlines of a case on `channel` of `kind` whose first customer message was posted at
    /// `posted` [RT1]: the clock starts at the post time, not at import.
    pub fn deadlines(&self, channel: &str, kind: Kind, posted: Timestamp) -> Deadlines {
        let t = self.levels.targets(channel, kind.as_str());
        deadlines(&self.calendar, posted, &t)
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
    /// The deadline that matters now (first response while unanswered, else resolution).
    pub due: Timestamp,
    pub risk: u8,
    pub id: i64,
}

/// Queue order: overdue cases first (most overdue first), then the nearest deadline, then the
/// highest risk, then the oldest case. Overdue-first follows from sorting by deadline: an
/// overdue deadline is earlier than any pending one.
pub fn queue_order(a: &QueueKey, b: &QueueKey) -> Ordering {
    a.due
        .cmp(&b.due)
        .then(b.risk.cmp(&a.risk))
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
        let d = p.deadlines("vk", Kind::Complaint, posted);
        assert_eq!(d.first_response, ts("2026-11-20T11:00:00Z"));
        assert!(d.resolution > d.first_response);
    }

    #[test]
    fn overdue_first_then_deadline_then_risk() {
        let k = |due: &str, risk: u8, id: i64| QueueKey {
            due: ts(due),
            risk,
            id,
        };
        let mut q = [
            k("2026-11-20T12:00:00Z", 90, 1),
            k("2026-11-20T09:00:00Z", 10, 2), // overdue at 10:00
            k("2026-11-20T12:00:00Z", 95, 3),
            k("2026-11-20T11:00:00Z", 5, 4),
        ];
        q.sort_by(queue_order);
        let ids: Vec<i64> = q.iter().map(|x| x.id).collect();
        assert_eq!(ids, vec![2, 4, 3, 1]);
    }
}
