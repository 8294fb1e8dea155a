//! The team's corrections of the analysis, on a real SQLite file: a correction is kept with who
//! and when, audited, changes the mention and — on the case's first customer message — the case
//! and its service level [RT1]; it is exported as lines `defuse train` reads.

use defuse_core::mention::{Author, Mention};
use defuse_core::workflow::{Actor, Role};
use defuse_store::desk::DeskPolicy;
use defuse_store::sqlite::SqliteStore;
use defuse_store::{Incoming, MatchedBy};
use defuse_text::{Analyzer, Kind, Scratch, Sentiment};
use jiff::Timestamp;

fn t(s: &str) -> Timestamp {
    s.parse().expect("time")
}

fn open(dir: &tempfile::TempDir) -> SqliteStore {
    let mut s = SqliteStore::open(&dir.path().join("defuse.db")).expect("open");
    s.sync_brands(&["AeroSky".to_string()]).expect("brands");
    s
}

fn add(s: &mut SqliteStore, id: &str, text: &str, now: Timestamp) {
    let mut m = Mention::new("vk", id, text);
    m.created_at = Some(now);
    m.author = Some(Author {
        id: Some(format!("a{id}")),
        ..Author::default()
    });
    let an = Analyzer::builtin().expect("model");
    let analysis = an.analyze(&m.text, &mut Scratch::new(), false);
    let inc = Incoming::new(
        m,
        analysis,
        Some(("AeroSky".into(), MatchedBy::Name)),
        None,
        now,
    );
    s.ingest(vec![inc], &DeskPolicy::default(), now)
        .expect("ingest");
}

fn anna() -> Actor {
    Actor {
        name: "anna".into(),
        role: Role::Agent,
    }
}

#[test]
fn a_correction_changes_the_case_and_its_targets_and_is_exported() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let now = t("2026-11-20T12:00:00Z");
    // Understated praise the model may read as a complaint.
    add(
        &mut s,
        "1",
        "AeroSky not bad at all, the crew was not rude for once",
        now,
    );
    let dp = DeskPolicy::default();
    let before = s.case(1, now).expect("case").expect("exists");
    s.label_mention(
        1,
        Some(Kind::Praise),
        Some(Sentiment::Positive),
        None,
        &anna(),
        now,
        &dp,
    )
    .expect("label");
    let after = s.case(1, now).expect("case").expect("exists");
    assert_eq!(
        after.case.kind,
        Kind::Praise,
        "the case takes the corrected kind"
    );
    assert_eq!(after.case.sentiment, Sentiment::Positive);
    if before.case.kind != Kind::Praise {
        assert_ne!(
            before.case.first_response_due, after.case.first_response_due,
            "and the targets of its kind [RT1]"
        );
    }
    let labels = s.labels_of_case(1).expect("labels");
    assert_eq!(labels.len(), 1);
    assert_eq!((labels[0].actor.as_str(), labels[0].at), ("anna", now));
    let audit = s
        .audit(&defuse_store::desk::AuditFilter {
            limit: 100,
            ..Default::default()
        })
        .expect("audit");
    assert!(audit.iter().any(|r| r.action == "analysis.corrected"));
    let mut lines = Vec::new();
    let n = s
        .export_labels(|l| {
            lines.push(serde_json::to_value(l).map_err(std::io::Error::other)?);
            Ok(())
        })
        .expect("export");
    assert_eq!(n, 2, "one line for the kind, one for the sentiment");
    assert_eq!(lines[0]["label"], "praise");
    assert_eq!(lines[1]["label"], "positive");
    assert!(
        lines[0]["text"]
            .as_str()
            .is_some_and(|t| t.contains("not bad"))
    );
    assert_eq!(lines[0]["id"], "vk:1:kind");
}

#[test]
fn spam_and_bad_corrections() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let now = t("2026-11-20T12:00:00Z");
    add(&mut s, "1", "AeroSky where is my bag?", now);
    let dp = DeskPolicy::default();
    assert!(
        s.label_mention(1, None, None, None, &anna(), now, &dp)
            .is_err(),
        "an empty correction is refused"
    );
    assert!(
        s.label_mention(99, Some(Kind::Spam), None, None, &anna(), now, &dp)
            .is_err(),
        "an unknown mention is refused"
    );
    s.label_mention(1, None, None, Some(true), &anna(), now, &dp)
        .expect("spam");
    assert_eq!(
        s.case(1, now).expect("case").expect("exists").case.kind,
        Kind::Spam
    );
    s.label_mention(1, None, None, Some(false), &anna(), now, &dp)
        .expect("not spam");
    assert_eq!(
        s.case(1, now).expect("case").expect("exists").case.kind,
        Kind::Other,
        "not spam after all, kind not given: other"
    );
}
