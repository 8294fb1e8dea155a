//! Search over mention text and title (issue 13) on a real SQLite file: the bundled SQLite has
//! FTS5; Russian words match by prefix across inflections, Romanian and English ones whatever
//! their case and diacritics; hostile queries neither fail nor act as FTS5 syntax; an edited
//! mention is found by what it says now; the index of an existing desk is built by its
//! migration.

use defuse_core::desk_policy::DeskPolicy;
use defuse_core::mention::{Author, Mention};
use defuse_store::sqlite::SqliteStore;
use defuse_store::{CaseFilter, CaseSummary, Incoming, MatchedBy};
use defuse_text::{Analyzer, Scratch};
use jiff::Timestamp;
use proptest::prelude::*;

fn t(s: &str) -> Timestamp {
    s.parse().expect("time")
}

fn incoming(id: &str, author: &str, text: &str, title: Option<&str>) -> Incoming {
    let mut m = Mention::new("vk", id, text);
    m.created_at = Some(t("2026-11-20T10:00:00Z"));
    m.title = title.map(str::to_string);
    m.author = Some(Author {
        id: Some(author.to_string()),
        ..Author::default()
    });
    let an = Analyzer::builtin().expect("model");
    let analysis = an.analyze(&m.text, &mut Scratch::new(), false);
    Incoming::new(
        m,
        analysis,
        Some(("Облачко".to_string(), MatchedBy::Name)),
        None,
        t("2026-11-20T12:00:00Z"),
    )
}

const NOW: &str = "2026-11-20T12:00:00Z";

const TEXTS: &[(&str, &str)] = &[
    ("ru1", "Облачко, где мой заказ? Жду третий день"),
    ("ru2", "Облачко, с заказом опять беда, курьер не приехал"),
    ("ru3", "Облачко, статус заказа не меняется"),
    ("ru4", "Облачко, ЗАКАЗЫВАЛ роутер, пришёл не тот"),
    (
        "ro1",
        "Облачко, ședința de mâine la țară s-a anulat, în oraș nu merge",
    ),
    ("ro2", "Облачко, sedinta si tara fara diacritice"),
    ("en1", "Облачко lost my BAGGAGE again"),
    ("en2", "Облачко the order never arrived"),
];

fn desk() -> (tempfile::TempDir, SqliteStore) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = SqliteStore::open(&dir.path().join("defuse.db")).expect("open");
    s.sync_brands(&["Облачко".to_string()]).expect("brands");
    let batch = TEXTS
        .iter()
        .map(|(id, text)| incoming(id, id, text, None))
        .collect();
    s.ingest(batch, &DeskPolicy::default(), t(NOW))
        .expect("ingest");
    (dir, s)
}

fn search(s: &SqliteStore, q: &str) -> Vec<CaseSummary> {
    s.cases(
        &CaseFilter {
            search: Some(q.to_string()),
            limit: 100,
            ..CaseFilter::default()
        },
        t(NOW),
    )
    .unwrap_or_else(|e| panic!("search {q:?} failed: {e}"))
}

/// Which of TEXTS' ids a query finds, sorted.
fn found(s: &SqliteStore, q: &str) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = search(s, q)
        .iter()
        .map(|c| {
            TEXTS
                .iter()
                .find(|(_, text)| *text == c.text)
                .map(|(id, _)| *id)
                .unwrap_or("?")
        })
        .collect();
    ids.sort_unstable();
    ids
}

#[test]
fn the_bundled_sqlite_has_fts5() {
    let c = rusqlite::Connection::open_in_memory().expect("sqlite");
    let used: i64 = c
        .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
            r.get(0)
        })
        .expect("compile options");
    assert_eq!(used, 1);
}

#[test]
fn russian_words_match_their_inflections_by_prefix() {
    let (_d, s) = desk();
    assert_eq!(found(&s, "заказ"), ["ru1", "ru2", "ru3", "ru4"]);
    assert_eq!(found(&s, "ЗАКАЗ"), ["ru1", "ru2", "ru3", "ru4"]);
    assert_eq!(found(&s, "заказа"), ["ru3"]);
    assert_eq!(found(&s, "заказом"), ["ru2"]);
    // Every word must be found, each as a prefix.
    assert_eq!(found(&s, "заказ курьер"), ["ru2"]);
    assert_eq!(found(&s, "заказ статус меня"), ["ru3"]);
    assert_eq!(found(&s, "заказ самолёт"), Vec::<&str>::new());
    // ё and е are one letter to the index.
    assert_eq!(found(&s, "пришел"), ["ru4"]);
}

#[test]
fn romanian_diacritics_are_folded_both_ways() {
    let (_d, s) = desk();
    for q in ["sedinta", "ședința", "ŞEDINŢA", "Sedința"] {
        assert_eq!(found(&s, q), ["ro1", "ro2"], "{q}");
    }
    for q in ["tara", "țară", "ţara"] {
        assert_eq!(found(&s, q), ["ro1", "ro2"], "{q}");
    }
    assert_eq!(found(&s, "maine"), ["ro1"]);
    assert_eq!(found(&s, "oras"), ["ro1"]);
    assert_eq!(found(&s, "în oraș"), ["ro1"]);
    assert_eq!(found(&s, "fără"), ["ro2"]);
}

#[test]
fn english_words_match_in_any_case() {
    let (_d, s) = desk();
    assert_eq!(found(&s, "baggage"), ["en1"]);
    assert_eq!(found(&s, "LOST bag"), ["en1"]);
    assert_eq!(found(&s, "Order ARRIV"), ["en2"]);
}

#[test]
fn titles_are_searched_too() {
    let (_d, mut s) = desk();
    s.ingest(
        vec![incoming(
            "r1",
            "rev",
            "Облачко, подключали три недели",
            Some("Худший провайдер года"),
        )],
        &DeskPolicy::default(),
        t(NOW),
    )
    .expect("ingest");
    let c = search(&s, "худш провайд");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].title.as_deref(), Some("Худший провайдер года"));
}

/// FTS5 syntax in a query is punctuation (dropped) or a word (searched as one): nothing fails,
/// and `OR` does not widen the search nor `NOT` narrow it.
#[test]
fn hostile_queries_neither_fail_nor_inject() {
    let (_d, s) = desk();
    let ten_kb = "заказ \" * NEAR( OR ) ^ : - + ".repeat(400);
    assert!(ten_kb.len() > 10_000);
    for q in [
        "\"",
        "\"\"",
        "*",
        "\"*",
        "NEAR(",
        "NEAR(заказ курьер, 2)",
        "OR",
        "AND",
        "NOT",
        ")",
        "(",
        "^",
        ":",
        "text:",
        "-",
        "'; DROP TABLE cases; --",
        "\u{0}",
        "\u{200B}",
        "😡😡😡",
        "\u{0301}",
        ten_kb.as_str(),
    ] {
        let _ = search(&s, q);
    }
    // Only punctuation: no word, nothing found.
    for q in ["\"", "*", "(", ")", "^", ":", "-", "+", "\u{0}", "😡"] {
        assert!(search(&s, q).is_empty(), "{q:?}");
    }
    // OR is a word, not an operator: "baggage OR order" would find two cases in FTS5 syntax.
    assert_eq!(found(&s, "baggage OR order"), Vec::<&str>::new());
    // NOT is a word too: in FTS5 syntax this would find en1.
    assert_eq!(found(&s, "lost NOT order"), Vec::<&str>::new());
    // A column filter is not one: "text:baggage" searches the words "text" and "baggage".
    assert_eq!(found(&s, "text:baggage"), Vec::<&str>::new());
    // Quotes and stars around words are dropped; the words still match.
    assert_eq!(found(&s, "\"baggage\"*"), ["en1"]);
    assert_eq!(found(&s, "(lost) +bag^"), ["en1"]);
    // Other tables are untouched.
    assert_eq!(s.stats().expect("stats").mentions, TEXTS.len() as u64);
}

#[test]
fn an_edited_mention_is_found_by_its_new_text_not_its_old_one() {
    let (_d, mut s) = desk();
    assert_eq!(found(&s, "курьер"), ["ru2"]);
    s.ingest(
        vec![incoming(
            "ru2",
            "ru2",
            "Облачко, доставщик так и не приехал",
            None,
        )],
        &DeskPolicy::default(),
        t(NOW),
    )
    .expect("edit");
    assert!(
        search(&s, "курьер").is_empty(),
        "the old text is not searched"
    );
    let c = search(&s, "доставщик");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].id, 2);
    // A changed title replaces its words too.
    s.ingest(
        vec![incoming("ru3", "ru3", TEXTS[2].1, Some("Новый заголовок"))],
        &DeskPolicy::default(),
        t(NOW),
    )
    .expect("title");
    assert_eq!(found(&s, "заголов"), ["ru3"]);
    s.ingest(
        vec![incoming("ru3", "ru3", TEXTS[2].1, Some("Другой"))],
        &DeskPolicy::default(),
        t(NOW),
    )
    .expect("title");
    assert!(found(&s, "заголов").is_empty());
    assert_eq!(found(&s, "другой"), ["ru3"]);
}

#[test]
fn search_combines_with_the_other_filters() {
    let (_d, s) = desk();
    let q = |brand: &str| {
        s.cases(
            &CaseFilter {
                search: Some("заказ".into()),
                brand: Some(brand.into()),
                open_only: true,
                limit: 2,
                ..CaseFilter::default()
            },
            t(NOW),
        )
        .expect("cases")
    };
    assert_eq!(q("Облачко").len(), 2, "limit applies after the search");
    assert!(q("AeroSky").is_empty());
}

/// A desk made before the search index gets it filled by the migration: its old mentions are
/// found, and the later migrations keep every case and its deadlines.
#[test]
fn the_migration_indexes_an_existing_desk() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("defuse.db");
    {
        let c = rusqlite::Connection::open(&path).expect("sqlite");
        c.pragma_update(None, "foreign_keys", "ON").expect("fk");
        for sql in [
            include_str!("../src/sqlite/migrations/0001_init.sql"),
            include_str!("../src/sqlite/migrations/0002_workflow.sql"),
            include_str!("../src/sqlite/migrations/0003_tokens.sql"),
        ] {
            c.execute_batch(sql).expect("old schema");
        }
        c.execute_batch(
            "INSERT INTO brands (id, name) VALUES (1, 'Облачко');
             INSERT INTO cases (id, brand_id, source, conversation, customer, kind, sentiment,
                 lang, risk, risk_factors, opened_at, first_response_due, resolution_due,
                 last_customer_at, first_mention_id, mention_count, updated_at)
             VALUES (1, 1, 'vk', 'c1', 'ira', 'complaint', 'negative', 'ru', 40, '[]',
                 1000, 3601000, 259201000, 1000, 1, 1, 1000);
             INSERT INTO mentions (id, source, source_id, brand_id, case_id, text, imported_at,
                 updated_at, conversation, lang, sentiment, kind, risk, raw, analysis,
                 risk_factors)
             VALUES (1, 'vk', 'c1', 1, 1, 'Где мой заказ, Облачко?', 1000, 1000, 'c1', 'ru',
                 'negative', 'complaint', 40,
                 '{\"source\":\"vk\",\"id\":\"c1\",\"text\":\"Где мой заказ, Облачко?\",\"title\":\"Ședința\"}',
                 '{}', '[]');
             INSERT INTO replies (case_id, author, visibility, text, created_at)
                 VALUES (1, 'anna', 'public', 'Смотрим', 2000);
             PRAGMA user_version = 3;",
        )
        .expect("old rows");
    }
    let s = SqliteStore::open(&path).expect("migrate");
    let now = t("1970-01-01T00:30:00Z");
    let hits = s
        .cases(
            &CaseFilter {
                search: Some("заказ".into()),
                limit: 10,
                ..CaseFilter::default()
            },
            now,
        )
        .expect("search");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].first_response_due, Some(t("1970-01-01T01:00:01Z")));
    assert_eq!(hits[0].resolution_due, Some(t("1970-01-04T00:00:01Z")));
    let by_title = s
        .cases(
            &CaseFilter {
                search: Some("sedinta".into()),
                limit: 10,
                ..CaseFilter::default()
            },
            now,
        )
        .expect("search");
    assert_eq!(by_title.len(), 1);
    let view = s
        .case_view(1, now, &DeskPolicy::default())
        .expect("view")
        .expect("case");
    assert_eq!(
        view.workflow.replies.len(),
        1,
        "rows pointing at the case survive"
    );
    drop(s);
    let c = rusqlite::Connection::open(&path).expect("sqlite");
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(v, 8, "every migration applied");
    let fk: Option<String> = c
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .ok();
    assert_eq!(fk, None);
}

thread_local! {
    /// The properties only read: one desk for all their cases.
    static DESK: (tempfile::TempDir, SqliteStore) = desk();
}

fn search_is_ok(q: &str) -> Result<(), String> {
    DESK.with(|(_, s)| {
        s.cases(
            &CaseFilter {
                search: Some(q.to_string()),
                limit: 10,
                ..CaseFilter::default()
            },
            t(NOW),
        )
        .map(|_| ())
        .map_err(|e| e.to_string())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any string as a query neither fails nor panics.
    #[test]
    fn any_query_is_safe(q in "\\PC{0,40}|[\"*()^:+\\-. a-zA-Zа-яА-ЯёЁșțăîâȘȚĂÎÂ]{0,40}") {
        let r = search_is_ok(&q);
        prop_assert!(r.is_ok(), "{:?}: {:?}", q, r);
    }

    /// Arbitrary code points too, control characters and unpaired marks included.
    #[test]
    fn any_characters_are_safe(chars in proptest::collection::vec(any::<char>(), 0..60)) {
        let q: String = chars.into_iter().collect();
        let r = search_is_ok(&q);
        prop_assert!(r.is_ok(), "{:?}: {:?}", q, r);
    }
}

/// A timing note, not a timed test: 100,000 mentions in 50,000 cases, imported with and without
/// the search index's triggers, then searched. Run it with
/// `cargo test --release -p defuse-store --test search -- --ignored --nocapture`; the figures
/// are in docs/mentions.md.
#[test]
#[ignore = "timing: run by hand with --release --ignored --nocapture"]
fn timing_search_over_100k_mentions() {
    const WORDS: &[&str] = &[
        "заказ",
        "заказа",
        "заказом",
        "доставка",
        "курьер",
        "деньги",
        "вернули",
        "интернет",
        "роутер",
        "связь",
        "ședința",
        "țară",
        "mâine",
        "factura",
        "contul",
        "bagaj",
        "zborul",
        "refund",
        "baggage",
        "flight",
        "delayed",
        "booking",
        "card",
        "charged",
        "app",
        "support",
        "нет",
        "опять",
        "третий",
        "день",
        "nu",
        "merge",
        "again",
        "still",
        "where",
        "my",
    ];
    let an = Analyzer::builtin().expect("model");
    let mut scratch = Scratch::new();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let now = t(NOW);
    let mut batches: Vec<Vec<Incoming>> = Vec::new();
    let gen_start = std::time::Instant::now();
    for b in 0..100 {
        let mut batch = Vec::with_capacity(1000);
        for i in 0..1000 {
            let n = b * 1000 + i;
            let len = 6 + (next() % 14) as usize;
            let mut text = String::from("Облачко,");
            for _ in 0..len {
                text.push(' ');
                text.push_str(WORDS[(next() % WORDS.len() as u64) as usize]);
            }
            let mut m = Mention::new("vk", &format!("m{n}"), &text);
            m.created_at = Some(t("2026-11-20T10:00:00Z"));
            m.author = Some(Author {
                id: Some(format!("u{}", n / 2)),
                ..Author::default()
            });
            if n % 2 == 1 {
                m.parent_id = Some(format!("m{}", n - 1));
            }
            let analysis = an.analyze(&m.text, &mut scratch, false);
            batch.push(Incoming::new(
                m,
                analysis,
                Some(("Облачко".to_string(), MatchedBy::Name)),
                None,
                now,
            ));
        }
        batches.push(batch);
    }
    println!(
        "generated and analysed 100,000 mentions in {:?}",
        gen_start.elapsed()
    );
    let dp = DeskPolicy::default();
    let mut sizes = Vec::new();
    for indexed in [false, true] {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("defuse.db");
        let mut s = SqliteStore::open(&path).expect("open");
        s.sync_brands(&["Облачко".to_string()]).expect("brands");
        if !indexed {
            let c = rusqlite::Connection::open(&path).expect("raw");
            c.execute_batch(
                "DROP TRIGGER mention_search_insert; DROP TRIGGER mention_search_update;",
            )
            .expect("drop triggers");
        }
        let start = std::time::Instant::now();
        for batch in &batches {
            s.ingest(batch.clone(), &dp, now).expect("ingest");
        }
        let took = start.elapsed();
        drop(s);
        let c = rusqlite::Connection::open(&path).expect("raw");
        c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")
            .expect("vacuum");
        drop(c);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        sizes.push(size);
        println!(
            "import of 100,000 mentions (100 batches), search index {}: {took:?}, file {:.1} MiB",
            if indexed { "on" } else { "off" },
            size as f64 / 1048576.0
        );
        if !indexed {
            continue;
        }
        let s = SqliteStore::open(&path).expect("open");
        for (q, open_only) in [
            ("", false),
            ("заказ", false),
            ("заказом", false),
            ("sedinta tara", false),
            ("refund card charged", false),
            ("baggage", true),
            ("zzzzz", false),
            ("заказ \" OR NEAR( *", false),
        ] {
            let runs = 20;
            let start = std::time::Instant::now();
            let mut n = 0;
            for _ in 0..runs {
                n = s
                    .cases(
                        &CaseFilter {
                            search: Some(q.to_string()).filter(|q| !q.is_empty()),
                            open_only,
                            limit: 50,
                            ..CaseFilter::default()
                        },
                        now,
                    )
                    .expect("search")
                    .len();
            }
            println!(
                "search {q:?} (open only: {open_only}), first page of 50: {:?} a query, {n} cases",
                start.elapsed() / runs
            );
        }
    }
    if let [off, on] = sizes[..] {
        println!(
            "the index adds {:.1} MiB",
            (on as f64 - off as f64) / 1048576.0
        );
    }
}
