//! The queue's SQL order (read from indexes in parts, migration 0008) is exactly the method's
//! order (`triage::queue_order`, waiting cases last) on a varied desk — breached and not,
//! with and without a clock, open, waiting and closed — and its pages join up without a gap
//! or a repeat.

use defuse_core::mention::{Author, Mention};
use defuse_core::triage::{QueueKey, queue_order};
use defuse_core::workflow::{Actor, Role, Status};
use defuse_store::desk::DeskPolicy;
use defuse_store::sqlite::SqliteStore;
use defuse_store::{CaseFilter, CaseSummary, Incoming, MatchedBy};
use defuse_text::{Analyzer, Scratch};
use jiff::{SignedDuration, Timestamp};

const TEXTS: [&str; 6] = [
    "AeroSky lost my bag again, worst airline, refund me now!!!",
    "AeroSky when does the Rome flight board?",
    "AeroSky thank you so much, the crew was wonderful!",
    "AeroSky you are all idiots and clowns",
    "Flying AeroSky to Rome tomorrow",
    "AeroSky my flight was delayed and nobody told us",
];

fn sql_order_is_the_methods(cases: &[CaseSummary]) {
    let mut want = cases.to_vec();
    want.sort_by(|a, b| {
        a.paused.cmp(&b.paused).then_with(|| {
            let key = |c: &CaseSummary| QueueKey {
                due: c.due,
                breached: c.overdue,
                risk: c.risk,
                id: c.id,
            };
            queue_order(&key(a), &key(b))
        })
    });
    let got: Vec<i64> = cases.iter().map(|c| c.id).collect();
    let want: Vec<i64> = want.iter().map(|c| c.id).collect();
    assert_eq!(got, want);
}

#[test]
fn the_sql_queue_is_the_methods_order_and_pages_join_up() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = SqliteStore::open(&dir.path().join("defuse.db")).expect("open");
    s.sync_brands(&["AeroSky".to_string()]).expect("brands");
    let dp = DeskPolicy::default();
    let now: Timestamp = "2026-11-20T12:00:00Z".parse().expect("now");
    let an = Analyzer::builtin().expect("model");
    let mut batch = Vec::new();
    for i in 0..120i64 {
        // Posted from three days ago to a few minutes ago: some breached, some not.
        let posted = now - SignedDuration::from_mins(5 + (i * 37) % (3 * 24 * 60));
        let mut m = Mention::new("vk", &format!("m{i}"), TEXTS[(i % 6) as usize]);
        m.created_at = Some(posted);
        m.author = Some(Author {
            id: Some(format!("a{i}")),
            followers: Some(((i * 97) % 50_000) as u64),
            ..Author::default()
        });
        m.metrics.likes = ((i * 13) % 40) as u64;
        let analysis = an.analyze(&m.text, &mut Scratch::new(), false);
        batch.push(Incoming::new(
            m,
            analysis,
            Some(("AeroSky".into(), MatchedBy::Name)),
            None,
            posted,
        ));
    }
    s.ingest(batch, &dp, now).expect("ingest");
    let anna = Actor {
        name: "anna".into(),
        role: Role::Agent,
    };
    // Some answered, some waiting for the customer (paused), some resolved or closed.
    for id in 1..=120i64 {
        let r = match id % 7 {
            0 => s
                .reply(
                    id,
                    "Thank you, we are looking into it.",
                    true,
                    &anna,
                    now,
                    &dp,
                )
                .map(|_| ()),
            1 => s
                .reply(
                    id,
                    "Thank you, we are looking into it.",
                    true,
                    &anna,
                    now,
                    &dp,
                )
                .and_then(|_| {
                    s.transition(
                        id,
                        Status::WaitingCustomer,
                        "asked for the booking",
                        &anna,
                        now,
                        &dp,
                    )
                })
                .map(|_| ()),
            2 => s
                .reply(id, "Thank you, it is fixed now.", true, &anna, now, &dp)
                .and_then(|_| s.transition(id, Status::Resolved, "fixed", &anna, now, &dp))
                .map(|_| ()),
            _ => Ok(()),
        };
        // A move the workflow refuses for this case's kind is fine: the desk stays varied.
        let _ = r;
    }
    for open_only in [true, false] {
        let all = s
            .cases(
                &CaseFilter {
                    open_only,
                    limit: 1000,
                    ..CaseFilter::default()
                },
                now,
            )
            .expect("queue");
        assert!(all.len() > 50, "a varied desk: {}", all.len());
        assert!(all.iter().any(|c| c.overdue) && all.iter().any(|c| !c.overdue && c.due.is_some()));
        assert!(all.iter().any(|c| c.due.is_none()), "cases with no clock");
        assert!(all.iter().any(|c| c.paused), "waiting cases");
        sql_order_is_the_methods(&all);
        let mut paged = Vec::new();
        for page in 0.. {
            let p = s
                .cases(
                    &CaseFilter {
                        open_only,
                        limit: 7,
                        offset: page * 7,
                        ..CaseFilter::default()
                    },
                    now,
                )
                .expect("page");
            if p.is_empty() {
                break;
            }
            paged.extend(p.into_iter().map(|c| c.id));
        }
        assert_eq!(
            paged,
            all.iter().map(|c| c.id).collect::<Vec<_>>(),
            "pages join up"
        );
        // A kind filter reads its own indexes; the order is the same.
        let complaints = s
            .cases(
                &CaseFilter {
                    open_only,
                    kind: Some(defuse_text::Kind::Complaint),
                    limit: 1000,
                    ..CaseFilter::default()
                },
                now,
            )
            .expect("complaints");
        sql_order_is_the_methods(&complaints);
    }
}
