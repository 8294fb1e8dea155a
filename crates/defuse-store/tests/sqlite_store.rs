//! The SQLite store against a real database file: idempotent ingestion, versions, threading,
//! cases, the queue order, counts, and reopening.

use defuse_core::desk_policy::DeskPolicy;
use defuse_core::mention::{Author, Mention};
use defuse_store::sqlite::SqliteStore;
use defuse_store::{CaseFilter, Incoming, MatchedBy};
use defuse_text::{Analyzer, Scratch};
use jiff::Timestamp;

fn t(s: &str) -> Timestamp {
    s.parse().expect("time")
}

fn incoming(m: Mention, brand: Option<&str>, by_brand: Option<&str>) -> Incoming {
    let an = Analyzer::builtin().expect("model");
    let analysis = an.analyze(&m.text, &mut Scratch::new(), false);
    Incoming::new(
        m,
        analysis,
        brand.map(|b| (b.to_string(), MatchedBy::Name)),
        by_brand.map(str::to_string),
        t("2026-11-20T12:00:00Z"),
    )
}

fn mention(id: &str, author: &str, text: &str, at: &str) -> Mention {
    let mut m = Mention::new("vk", id, text);
    m.created_at = Some(t(at));
    m.author = Some(Author {
        id: Some(author.to_string()),
        handle: Some(author.to_string()),
        ..Author::default()
    });
    m
}

fn open(dir: &tempfile::TempDir) -> SqliteStore {
    let mut s = SqliteStore::open(&dir.path().join("defuse.db")).expect("open");
    s.sync_brands(&["Облачко".to_string(), "AeroSky".to_string()])
        .expect("brands");
    s
}

#[test]
fn importing_twice_adds_nothing_and_a_changed_text_keeps_the_old_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let p = DeskPolicy::default();
    let now = t("2026-11-20T12:00:00Z");
    let batch = || {
        vec![
            incoming(
                mention(
                    "1",
                    "ira",
                    "Облачко, интернета нет с утра",
                    "2026-11-20T10:00:00Z",
                ),
                Some("Облачко"),
                None,
            ),
            incoming(
                mention("2", "max", "погода хорошая", "2026-11-20T10:05:00Z"),
                None,
                None,
            ),
        ]
    };
    let first = s.ingest(batch(), &p, now).expect("ingest");
    assert_eq!((first.new, first.unmatched, first.duplicates), (2, 1, 0));
    let again = s.ingest(batch(), &p, now).expect("ingest");
    assert_eq!((again.new, again.duplicates), (0, 2));

    let edited = incoming(
        mention(
            "1",
            "ira",
            "Облачко, интернета нет с утра!!! Верните деньги",
            "2026-11-20T10:00:00Z",
        ),
        Some("Облачко"),
        None,
    );
    let upd = s.ingest(vec![edited], &p, now).expect("ingest");
    assert_eq!(upd.updated, 1);
    let stats = s.stats().expect("stats");
    assert_eq!(stats.mentions, 2);
    assert_eq!(stats.unmatched, 1);
    assert_eq!(stats.brands["Облачко"].cases, 1);
    let cases = s
        .cases(
            &CaseFilter {
                limit: 10,
                ..CaseFilter::default()
            },
            now,
        )
        .expect("cases");
    let detail = s.case(cases[0].id, now).expect("case").expect("exists");
    assert_eq!(detail.thread.len(), 1);
    assert_eq!(
        detail.thread[0].earlier_texts,
        vec!["Облачко, интернета нет с утра".to_string()]
    );
    assert!(
        detail.thread[0].mention["text"]
            .as_str()
            .unwrap_or("")
            .contains("Верните")
    );

    // Reopening the file finds everything (and does not migrate twice).
    drop(s);
    let s = open(&dir);
    assert_eq!(s.stats().expect("stats").mentions, 2);
}

#[test]
fn replies_join_their_conversation_and_the_brand_answer_acknowledges_the_case() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let p = DeskPolicy::default();
    let now = t("2026-11-20T12:00:00Z");
    let root = mention(
        "10",
        "ira",
        "Облачко, у меня списали 500 рублей дважды",
        "2026-11-20T10:00:00Z",
    );
    let mut follow = mention(
        "11",
        "ira",
        "и до сих пор никто не ответил",
        "2026-11-20T10:20:00Z",
    );
    follow.parent_id = Some("10".into());
    let mut other = mention("12", "oleg", "у меня тоже списали!", "2026-11-20T10:30:00Z");
    other.parent_id = Some("10".into());
    let mut answer = mention(
        "13",
        "oblachko",
        "Ирина, простите! Напишите номер договора в личные сообщения",
        "2026-11-20T10:40:00Z",
    );
    answer.parent_id = Some("11".into());
    let sum = s
        .ingest(
            vec![
                incoming(root, Some("Облачко"), None),
                // The replies do not name the brand: they inherit it from the thread.
                incoming(follow, None, None),
                incoming(other, None, None),
                incoming(answer, None, Some("Облачко")),
            ],
            &p,
            now,
        )
        .expect("ingest");
    assert_eq!((sum.new, sum.unmatched), (4, 0));
    let cases = s
        .cases(
            &CaseFilter {
                limit: 10,
                ..CaseFilter::default()
            },
            now,
        )
        .expect("cases");
    assert_eq!(cases.len(), 2, "one case per customer in the thread");
    let ira = cases.iter().find(|c| c.mentions == 2).expect("ira's case");
    assert_eq!(ira.status.as_str(), "acknowledged");
    assert_eq!(ira.responded_at, Some(t("2026-11-20T10:40:00Z")));
    let detail = s.case(ira.id, now).expect("case").expect("exists");
    assert_eq!(
        detail.thread.len(),
        3,
        "two customer messages and the brand's answer"
    );
    assert!(detail.thread[2].from_brand);
    assert_eq!(detail.thread[1].matched_by, Some(MatchedBy::Thread));
    let oleg = cases.iter().find(|c| c.mentions == 1).expect("oleg's case");
    assert_eq!(oleg.status.as_str(), "new");
    assert!(oleg.overdue, "posted 10:30, due 11:30, now 12:00");
}

#[test]
fn queue_is_overdue_first_then_deadline_then_risk() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let p = DeskPolicy::default();
    let now = t("2026-11-20T12:00:00Z");
    let batch = vec![
        incoming(
            mention(
                "a",
                "u1",
                "AeroSky lost my bag, terrible!!!",
                "2026-11-20T11:50:00Z",
            ),
            Some("AeroSky"),
            None,
        ),
        incoming(
            mention(
                "b",
                "u2",
                "AeroSky where is my refund?",
                "2026-11-20T10:00:00Z",
            ),
            Some("AeroSky"),
            None,
        ),
        incoming(
            mention(
                "c",
                "u3",
                "AeroSky flight delayed again",
                "2026-11-20T11:30:00Z",
            ),
            Some("AeroSky"),
            None,
        ),
    ];
    s.ingest(batch, &p, now).expect("ingest");
    let q = s
        .cases(
            &CaseFilter {
                limit: 10,
                open_only: true,
                ..CaseFilter::default()
            },
            now,
        )
        .expect("cases");
    let order: Vec<&str> = q.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(order[0], "AeroSky where is my refund?");
    assert!(q[0].overdue && !q[1].overdue);
    assert!(q[1].due <= q[2].due);
    let only = s
        .cases(
            &CaseFilter {
                limit: 10,
                brand: Some("Облачко".into()),
                ..CaseFilter::default()
            },
            now,
        )
        .expect("cases");
    assert!(only.is_empty());
}

#[test]
fn a_changed_title_updates_the_mention_and_lists_no_false_earlier_text() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let p = DeskPolicy::default();
    let now = t("2026-11-20T12:00:00Z");
    let titled = |title: &str, text: &str| {
        let mut m = mention("r1", "ira", text, "2026-11-20T10:00:00Z");
        m.source = "otzovik".into();
        m.title = Some(title.into());
        incoming(m, Some("Облачко"), None)
    };
    s.ingest(vec![titled("Нормально", "Облачко, связь есть")], &p, now)
        .expect("ingest");
    let upd = s
        .ingest(vec![titled("Ужасно", "Облачко, связь есть")], &p, now)
        .expect("ingest");
    assert_eq!(upd.updated, 1, "a new title is an update");
    let case_id = s
        .cases(
            &CaseFilter {
                limit: 10,
                ..CaseFilter::default()
            },
            now,
        )
        .expect("cases")[0]
        .id;
    let detail = s.case(case_id, now).expect("case").expect("exists");
    let m = &detail.thread[0];
    assert_eq!(m.mention["title"], "Ужасно");
    assert!(m.earlier_texts.is_empty(), "{:?}", m.earlier_texts);
    s.ingest(vec![titled("Ужасно", "Облачко, связи нет")], &p, now)
        .expect("ingest");
    let detail = s.case(case_id, now).expect("case").expect("exists");
    assert_eq!(
        detail.thread[0].earlier_texts,
        vec!["Облачко, связь есть".to_string()]
    );
}

/// Bug 5: two writers on one data directory (the CLI beside the server) wait their turn; a
/// deferred transaction that read first was refused at once with "database is locked".
#[test]
fn two_writers_on_one_file_both_succeed() {
    let dir = tempfile::tempdir().expect("tmp");
    drop(open(&dir));
    let p = DeskPolicy::default();
    let now = t("2026-11-20T12:00:00Z");
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = dir.path().join("defuse.db");
            let p = p.clone();
            std::thread::spawn(move || {
                let mut s = SqliteStore::open(&path).expect("open");
                for i in 0..40 {
                    let m = mention(
                        &format!("{w}-{i}"),
                        &format!("user{w}{i}"),
                        "Облачко, интернета нет",
                        "2026-11-20T10:00:00Z",
                    );
                    s.ingest(vec![incoming(m, Some("Облачко"), None)], &p, now)
                        .expect("no 'database is locked'");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    let s = open(&dir);
    assert_eq!(s.stats().expect("stats").mentions, 80);
}

/// Bug 2: a stored status that does not parse is reported, naming the row — not read as new.
#[test]
fn a_damaged_row_is_reported_not_hidden() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let now = t("2026-11-20T12:00:00Z");
    let m = mention("1", "ira", "Облачко, интернета нет", "2026-11-20T10:00:00Z");
    s.ingest(
        vec![incoming(m, Some("Облачко"), None)],
        &DeskPolicy::default(),
        now,
    )
    .expect("ingest");
    drop(s);
    let conn = rusqlite::Connection::open(dir.path().join("defuse.db")).expect("raw");
    conn.execute("UPDATE cases SET status = 'nwe'", [])
        .expect("damage");
    drop(conn);
    let s = open(&dir);
    let e = s
        .cases(
            &CaseFilter {
                limit: 10,
                ..CaseFilter::default()
            },
            now,
        )
        .expect_err("corrupt");
    let msg = e.to_string();
    assert!(
        matches!(e, defuse_store::StoreError::Corrupt(_)) && msg.contains("cases row 1"),
        "{msg}"
    );
    let conn = rusqlite::Connection::open(dir.path().join("defuse.db")).expect("raw");
    conn.execute(
        "UPDATE cases SET status = 'new', opened_at = 9223372036854775807",
        [],
    )
    .expect("damage");
    drop(conn);
    let e = s
        .case(1, now)
        .expect_err("a time out of range is corrupt, not the epoch");
    assert!(e.to_string().contains("opened_at"), "{e}");
}

/// Bug 9: token names are unique; revoked and expired tokens act as nobody; roles read back.
#[test]
fn tokens_are_unique_revocable_and_expire() {
    use defuse_core::workflow::Role;
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = open(&dir);
    let now = t("2026-11-20T12:00:00Z");
    s.add_token("ira", "h1", Role::Reader, None, now)
        .expect("add");
    assert!(
        s.add_token("ira", "h2", Role::Agent, None, now).is_err(),
        "unique names"
    );
    s.add_token(
        "tmp",
        "h3",
        Role::Agent,
        Some(t("2026-11-21T12:00:00Z")),
        now,
    )
    .expect("add");
    assert_eq!(
        s.token_actor("h1", now).expect("actor").map(|a| a.role),
        Some(Role::Reader)
    );
    assert!(s.token_actor("h3", now).expect("actor").is_some());
    assert!(
        s.token_actor("h3", t("2026-11-22T00:00:00Z"))
            .expect("actor")
            .is_none(),
        "expired"
    );
    s.revoke_token("ira", now).expect("revoke");
    assert!(
        s.token_actor("h1", now).expect("actor").is_none(),
        "revoked"
    );
    assert!(
        s.revoke_token("ira", now).is_err(),
        "nothing left to revoke"
    );
    let list = s.tokens(now).expect("list");
    assert_eq!(list.len(), 2);
    assert!(!list[0].active && list[1].active);
}

/// Two processes opening an older desk at once (the server and the CLI after an upgrade) both
/// bring it up to date: each migration is applied once, by whichever takes the write lock first
/// (a table rebuild applied twice would lose what it added).
#[test]
fn two_openers_migrate_once() {
    for _ in 0..5 {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("defuse.db");
        {
            let c = rusqlite::Connection::open(&path).expect("sqlite");
            c.pragma_update(None, "journal_mode", "WAL").expect("wal");
            for sql in [
                include_str!("../src/sqlite/migrations/0001_init.sql"),
                include_str!("../src/sqlite/migrations/0002_workflow.sql"),
                include_str!("../src/sqlite/migrations/0003_tokens.sql"),
            ] {
                c.execute_batch(sql).expect("old schema");
            }
            c.pragma_update(None, "user_version", 3).expect("version");
        }
        let openers: Vec<_> = (0..2)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || SqliteStore::open(&path).map(|_| ()))
            })
            .collect();
        for o in openers {
            o.join().expect("thread").expect("open and migrate");
        }
    }
}
