//! The audit trail's hash chain: every record (a moderation action, a transition, a reply, an
//! assignment, a settings change, a job that fired) carries the SHA-256 of its own content and of
//! the record before it, so editing, inserting or removing a record breaks the chain where it
//! happened. [`Verifier`] walks a trail once, in order, in constant memory, and names every
//! record at fault. Pure: the store feeds it rows.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One audit record as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// 1, 2, 3, … with no gaps.
    pub seq: i64,
    /// UTC milliseconds.
    pub at_ms: i64,
    pub actor: String,
    pub role: String,
    /// `case.transition`, `case.reply`, `case.assign`, `mention.moderation`, …
    pub action: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mention_id: Option<i64>,
    /// JSON object with the action's details.
    pub detail: String,
    /// A supervisor overrode the policy [M1].
    pub overridden: bool,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of a record's content chained to `prev_hash`. Fields are length-prefixed so no two
/// different records encode alike.
#[allow(clippy::too_many_arguments)]
pub fn hash(
    prev_hash: &str,
    seq: i64,
    at_ms: i64,
    actor: &str,
    role: &str,
    action: &str,
    case_id: Option<i64>,
    mention_id: Option<i64>,
    detail: &str,
    overridden: bool,
) -> String {
    let mut h = Sha256::new();
    let mut field = |b: &[u8]| {
        h.update((b.len() as u64).to_le_bytes());
        h.update(b);
    };
    field(prev_hash.as_bytes());
    field(&seq.to_le_bytes());
    field(&at_ms.to_le_bytes());
    field(actor.as_bytes());
    field(role.as_bytes());
    field(action.as_bytes());
    field(
        case_id
            .map_or(b"-".to_vec(), |c| c.to_le_bytes().to_vec())
            .as_slice(),
    );
    field(
        mention_id
            .map_or(b"-".to_vec(), |c| c.to_le_bytes().to_vec())
            .as_slice(),
    );
    field(detail.as_bytes());
    field(&[u8::from(overridden)]);
    let digest = h.finalize();
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

impl Record {
    /// The hash this record's content should have.
    pub fn expected_hash(&self) -> String {
        hash(
            &self.prev_hash,
            self.seq,
            self.at_ms,
            &self.actor,
            &self.role,
            &self.action,
            self.case_id,
            self.mention_id,
            &self.detail,
            self.overridden,
        )
    }
}

/// Something wrong with the trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// The record's content does not match its hash: it was edited (or written by hand).
    Edited { seq: i64 },
    /// The record does not follow the one before it: a record before it was removed, or it was
    /// inserted.
    Unchained { seq: i64, after: i64 },
    /// Sequence numbers jump: records were removed.
    Missing { from: i64, to: i64 },
    /// The trail ends before the last record the store wrote (records removed from the end).
    Truncated { last_seq: i64, expected_seq: i64 },
    /// Records after the last one the store wrote: appended by hand.
    Appended { from: i64, to: i64 },
    /// The last record is not the one the store wrote (replaced).
    HeadMismatch { seq: i64 },
    /// The record of the last write is gone while records exist.
    HeadMissing { last_seq: i64 },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Edited { seq } => write!(
                f,
                "record {seq} was edited: its content no longer matches its hash"
            ),
            Problem::Unchained { seq, after } => write!(
                f,
                "record {seq} does not follow record {after}: a record between them was removed, \
                 or record {seq} was inserted or rewritten"
            ),
            Problem::Missing { from, to } if from == to => write!(f, "record {from} was removed"),
            Problem::Missing { from, to } => write!(f, "records {from}–{to} were removed"),
            Problem::Truncated {
                last_seq,
                expected_seq,
            } => write!(
                f,
                "the trail ends at record {last_seq} but the store wrote up to record \
                 {expected_seq}: records were removed from the end"
            ),
            Problem::Appended { from, to } if from == to => write!(
                f,
                "record {from} was added after the last record the store wrote"
            ),
            Problem::Appended { from, to } => write!(
                f,
                "records {from}–{to} were added after the last record the store wrote"
            ),
            Problem::HeadMismatch { seq } => write!(
                f,
                "record {seq} is not the last record the store wrote: it was replaced"
            ),
            Problem::HeadMissing { last_seq } => write!(
                f,
                "the store's record of its last write is gone (the trail has {last_seq} \
                 records): the end of the trail cannot be trusted"
            ),
        }
    }
}

/// Walks a trail in `seq` order.
#[derive(Debug, Default)]
pub struct Verifier {
    last: Option<(i64, String)>,
    pub checked: u64,
    pub problems: Vec<Problem>,
}

impl Verifier {
    pub fn new() -> Verifier {
        Verifier::default()
    }

    /// The next record.
    pub fn push(&mut self, r: &Record) {
        self.checked += 1;
        if r.expected_hash() != r.hash {
            self.problems.push(Problem::Edited { seq: r.seq });
        }
        let (prev_seq, prev_hash) = match &self.last {
            Some((s, h)) => (*s, h.as_str()),
            None => (0, GENESIS),
        };
        if r.seq > prev_seq + 1 {
            self.problems.push(Problem::Missing {
                from: prev_seq + 1,
                to: r.seq - 1,
            });
        } else if r.prev_hash != prev_hash {
            self.problems.push(Problem::Unchained {
                seq: r.seq,
                after: prev_seq,
            });
        }
        self.last = Some((r.seq, r.hash.clone()));
    }

    /// Ends the walk; `head` is the last (seq, hash) the store recorded separately.
    pub fn finish(mut self, head: Option<(i64, String)>) -> Verifier {
        let problem = match (head, &self.last) {
            (None, None) => None,
            (None, Some((s, _))) => Some(Problem::HeadMissing { last_seq: *s }),
            (Some((seq, _)), None) => Some(Problem::Truncated {
                last_seq: 0,
                expected_seq: seq,
            }),
            (Some((seq, hash)), Some((s, h))) => {
                if *s < seq {
                    Some(Problem::Truncated {
                        last_seq: *s,
                        expected_seq: seq,
                    })
                } else if *s > seq {
                    Some(Problem::Appended {
                        from: seq + 1,
                        to: *s,
                    })
                } else if *h != hash {
                    Some(Problem::HeadMismatch { seq })
                } else {
                    None
                }
            }
        };
        self.problems.extend(problem);
        self
    }

    /// The hash of the last record: write it down elsewhere to detect a trail rewritten whole.
    pub fn head(&self) -> Option<&str> {
        self.last.as_ref().map(|(_, h)| h.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Record> {
        let mut out: Vec<Record> = Vec::new();
        for seq in 1..=n {
            let prev = out.last().map_or(GENESIS.to_string(), |r| r.hash.clone());
            let mut r = Record {
                seq,
                at_ms: 1_700_000_000_000 + seq,
                actor: "anna".into(),
                role: "agent".into(),
                action: "case.transition".into(),
                case_id: Some(seq),
                mention_id: None,
                detail: format!("{{\"to\":\"resolved\",\"n\":{seq}}}"),
                overridden: false,
                prev_hash: prev,
                hash: String::new(),
            };
            r.hash = r.expected_hash();
            out.push(r);
        }
        out
    }

    fn verify(rs: &[Record], head: Option<(i64, String)>) -> Vec<Problem> {
        let mut v = Verifier::new();
        for r in rs {
            v.push(r);
        }
        v.finish(head).problems
    }

    fn head(rs: &[Record]) -> Option<(i64, String)> {
        rs.last().map(|r| (r.seq, r.hash.clone()))
    }

    #[test]
    fn an_intact_trail_verifies() {
        let c = chain(5);
        assert_eq!(verify(&c, head(&c)), vec![]);
    }

    #[test]
    fn an_edited_record_is_named() {
        let mut c = chain(5);
        let h = head(&c);
        c[2].detail = "{\"to\":\"closed\"}".into();
        assert_eq!(verify(&c, h), vec![Problem::Edited { seq: 3 }]);
    }

    #[test]
    fn a_removed_record_is_named() {
        let mut c = chain(5);
        let h = head(&c);
        c.remove(1);
        assert_eq!(verify(&c, h), vec![Problem::Missing { from: 2, to: 2 }]);
    }

    #[test]
    fn a_renumbered_trail_after_a_removal_is_caught() {
        let mut c = chain(5);
        let h = head(&c);
        c.remove(1);
        for (i, r) in c.iter_mut().enumerate() {
            r.seq = i as i64 + 1;
        }
        let p = verify(&c, h);
        assert!(p.contains(&Problem::Edited { seq: 2 }), "{p:?}");
        assert!(
            p.contains(&Problem::Unchained { seq: 2, after: 1 }),
            "{p:?}"
        );
    }

    #[test]
    fn an_inserted_record_is_caught() {
        let mut c = chain(3);
        let h = head(&c);
        let mut fake = c[2].clone();
        fake.seq = 4;
        fake.detail = "{\"to\":\"ignored\"}".into();
        c.push(fake);
        let p = verify(&c, h);
        assert!(p.contains(&Problem::Edited { seq: 4 }), "{p:?}");
        assert!(
            p.contains(&Problem::Unchained { seq: 4, after: 3 }),
            "{p:?}"
        );
        assert!(p.contains(&Problem::Appended { from: 4, to: 4 }), "{p:?}");
    }

    #[test]
    fn a_missing_head_is_reported() {
        let c = chain(3);
        assert_eq!(verify(&c, None), vec![Problem::HeadMissing { last_seq: 3 }]);
        assert_eq!(verify(&[], None), vec![]);
    }

    #[test]
    fn records_removed_from_the_end_are_caught_by_the_head() {
        let mut c = chain(5);
        let h = head(&c);
        c.truncate(3);
        assert_eq!(
            verify(&c, h),
            vec![Problem::Truncated {
                last_seq: 3,
                expected_seq: 5
            }]
        );
    }

    use proptest::prelude::*;

    proptest! {
        /// Any single edit, removal, swap or forged append is caught, wherever it happens.
        #[test]
        fn any_tampering_is_caught(n in 1i64..40, at in 0usize..40, how in 0u8..5, text in "\\PC{0,20}") {
            let mut c = chain(n);
            let h = head(&c);
            let i = at % c.len();
            match how {
                0 => { c[i].detail = format!("{}{text}x", c[i].detail); }
                1 => { c.remove(i); }
                2 if c.len() > 1 => { let j = (i + 1) % c.len(); c.swap(i, j); }
                2 => { c[i].actor.push('!'); }
                3 => { c[i].overridden = !c[i].overridden; }
                _ => {
                    let mut fake = c[c.len() - 1].clone();
                    fake.seq += 1;
                    fake.prev_hash = fake.hash.clone();
                    fake.detail = text.clone();
                    c.push(fake);
                }
            }
            prop_assert!(!verify(&c, h).is_empty());
        }

        #[test]
        fn an_untouched_chain_always_verifies(n in 0i64..40) {
            let c = chain(n);
            prop_assert!(verify(&c, head(&c)).is_empty());
        }
    }
}
